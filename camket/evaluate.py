"""Score a camket output against gold files (as ../shared/ANNOTATION.md counts them).

Reads what `camket run` wrote, never re-runs the pipeline: the score is of
the Parquet a user would query.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyarrow.dataset as ds

from camket.clean.score import COUNT_KEYS, load_body_gold, misses, rates, score_body
from camket.ingest.decode import decode_bytes


def load_articles(out: str | Path, columns: list[str]) -> list[dict]:
    """Rows of the `articles` table under `out` (only `columns`)."""
    dataset = ds.dataset(Path(out) / "articles", format="parquet")
    return dataset.to_table(columns=columns).to_pylist()


def _raw_lines(source_uri: str) -> list[str]:
    path = Path(unquote(urlparse(source_uri).path))
    return decode_bytes(path.read_bytes()).text.splitlines()


def score_cleaning(out: str | Path, body_gold: str | Path) -> dict:
    """Body lines kept and boilerplate removed, per doc and in total, with the misses.

    A gold doc missing from the output counts all its body lines as lost.
    """
    articles = {a["doc"]: a for a in load_articles(out, ["doc", "source_uri", "clean_text"])}
    totals = {key: 0 for key in COUNT_KEYS}
    per_doc, missed, absent = {}, [], []
    for gold in load_body_gold(Path(body_gold)):
        article = articles.get(gold["doc"])
        if article is None:
            absent.append(gold["doc"])
            totals["body_total"] += len(gold["keep"])
            continue
        lines = _raw_lines(article["source_uri"])
        counts = score_body(lines, article["clean_text"], gold["keep"], gold.get("either", []))
        per_doc[gold["doc"]] = {k: counts[k] for k in COUNT_KEYS}
        missed += misses(gold["doc"], lines, counts)
        for key in COUNT_KEYS:
            totals[key] += counts[key]
    cleaning = {"docs": len(per_doc), **totals, **rates(totals), "absent_docs": absent}
    return {"cleaning": cleaning, "per_doc": per_doc, "misses": missed}


def load_predictions(out: str | Path) -> dict[str, dict[str, list[dict]]]:
    """Per doc: the entity and commitment rows `camket run` wrote under `out`."""
    predictions: dict[str, dict[str, list[dict]]] = {}
    for doc in (a["doc"] for a in load_articles(out, ["doc"])):
        predictions[doc] = {"entities": [], "commitments": []}
    for table, key in (("entities", "entities"), ("commitments", "commitments")):
        rows = ds.dataset(Path(out) / table, format="parquet").to_table().to_pylist()
        for row in rows:
            predictions.setdefault(row["doc"], {"entities": [], "commitments": []})[key].append(row)
    return predictions


def score_output(out: str | Path, gold: str | Path) -> dict:
    """Extraction scores of the output under `out` against a gold JSONL (ANNOTATION.md format)."""
    from camket.scoring import score

    with open(gold, encoding="utf-8") as fh:
        gold_rows = [json.loads(line) for line in fh if line.strip()]
    return score(gold_rows, load_predictions(out))
