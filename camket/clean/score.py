"""Score cleaning against body gold: which raw lines survive in the cleaned text.

A line survives when its text, markup stripped as the cleaner strips it and
whitespace collapsed, stands whole in the cleaned text (a keep line present
only in part counts as lost). Boilerplate lines with under 3 readable
characters (a lone "|") are not scored. Used by the tests and `camket evaluate`.
Not for entity or commitment scoring.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from camket.clean.boilerplate import CleanedArticle, clean_article
from camket.clean.markup import strip_markup

MIN_SCORED_CHARS = 3
COUNT_KEYS = ("body_total", "body_kept", "boiler_total", "boiler_removed")


def score_body(raw_lines: list[str], cleaned_text: str, keep: list[int], either: list[int]) -> dict:
    """Counts for one document; `keep`/`either` are 1-based raw line numbers.

    Returns body_total, body_kept, boiler_total, boiler_removed, plus the line
    numbers of lost body lines (`body_lost`) and surviving boilerplate
    (`boiler_survived`) for diagnosis.
    """
    keep_set, either_set = set(keep), set(either)
    out = {k: 0 for k in COUNT_KEYS} | {"body_lost": [], "boiler_survived": []}
    for no, line in enumerate(raw_lines, start=1):
        if no in either_set or not line.strip():
            continue
        text = strip_markup(line)
        survives = bool(text) and text in cleaned_text
        if no in keep_set:
            out["body_total"] += 1
            if survives or not text:
                out["body_kept"] += 1
            else:
                out["body_lost"].append(no)
        elif len(text) >= MIN_SCORED_CHARS:
            out["boiler_total"] += 1
            if survives:
                out["boiler_survived"].append(no)
            else:
                out["boiler_removed"] += 1
    return out


def rates(counts: dict) -> dict:
    """Body kept and boilerplate removed as fractions and percentages (full marks when empty)."""
    kept = counts["body_kept"] / counts["body_total"] if counts["body_total"] else 1.0
    removed = counts["boiler_removed"] / counts["boiler_total"] if counts["boiler_total"] else 1.0
    return {
        "body_kept_rate": kept,
        "boiler_removed_rate": removed,
        "body_kept_pct": 100 * kept,
        "boiler_removed_pct": 100 * removed,
    }


def misses(doc: str, raw_lines: list[str], counts: dict) -> list[dict]:
    """The lines one document got wrong, as {"doc", "line", "kind", "text"} rows for reports."""
    return [
        {"doc": doc, "line": no, "kind": kind, "text": strip_markup(raw_lines[no - 1])}
        for kind in ("body_lost", "boiler_survived")
        for no in counts[kind]
    ]


def read_page(path: Path) -> str:
    """A UTF-8 page dump as NFC text (the tests' and scorer's stand-in for `camket.ingest`)."""
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig"))


def score_docs(
    docs: Iterable[tuple[str, str, list[int], list[int]]],
    clean: Callable[[str], CleanedArticle] = clean_article,
) -> dict:
    """Score (doc, raw text, keep, either) items: totals, rates, per-doc counts and misses."""
    totals = {k: 0 for k in COUNT_KEYS}
    per_doc: dict[str, dict] = {}
    missed: list[dict] = []
    for doc, raw, keep, either in docs:
        lines = raw.splitlines()
        counts = score_body(lines, clean(raw).text, keep, either)
        per_doc[doc] = counts
        missed.extend(misses(doc, lines, counts))
        for k in COUNT_KEYS:
            totals[k] += counts[k]
    return {"docs": len(per_doc), **totals, **rates(totals), "per_doc": per_doc, "misses": missed}


def load_body_gold(gold_path: Path) -> list[dict]:
    """Rows {"doc", "keep", "either"} of a body-gold JSONL file."""
    with open(gold_path, encoding="utf-8") as fh:
        return [json.loads(ln) for ln in fh if ln.strip()]


def score_folder(
    folder: Path,
    gold_path: Path,
    clean: Callable[[str], CleanedArticle] = clean_article,
    suffix: str = ".txt",
) -> dict:
    """Clean every `<doc><suffix>` in `folder` named by the body gold and score it."""
    folder = Path(folder)
    rows = load_body_gold(Path(gold_path))
    return score_docs(
        (
            (r["doc"], read_page(folder / f"{r['doc']}{suffix}"), r["keep"], r.get("either", []))
            for r in rows
        ),
        clean,
    )


def score_fixture_dir(folder: Path, clean: Callable[[str], CleanedArticle] = clean_article) -> dict:
    """Score `*.txt` pages that each have a sibling `<name>.body.json` {"keep": [...], "either": [...]}."""
    items = []
    for page in sorted(Path(folder).glob("*.txt")):
        gold = json.loads(page.with_suffix(".body.json").read_text(encoding="utf-8"))
        items.append((page.stem, read_page(page), gold["keep"], gold.get("either", [])))
    return score_docs(items, clean)
