"""Score `find_cooperation` against the seed gold and the shared devset, printing the misses.

Per article, the set of area codes over all cooperation statements is compared
with the gold `cooperation_areas` commitments; codes under `optional.areas`
count neither way. Micro P/R/F1 over articles. A development tool: not the
pipeline's evaluation (`camket.evaluate`), which scores whole runs.
Run: `python dev/cooperation_score.py [--quiet]`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from camket.clean import clean_article
from camket.extract.cooperation import find_cooperation

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": (ROOT / "seeds", SHARED / "gold" / "seeds.jsonl"),
    "devset": (SHARED / "devset" / "docs", SHARED / "devset" / "gold.jsonl"),
}


@dataclass
class Score:
    """Micro counts over articles and the per-article misses."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_areas(row: dict) -> tuple[set[str], set[str]]:
    """(required, optional) area codes of one gold row."""
    required = {
        a
        for c in row.get("commitments", [])
        if c["type"] == "cooperation_areas"
        for a in c["areas"]
    }
    optional = set((row.get("optional") or {}).get("areas") or [])
    return required - optional, optional


def score_set(docs_dir: Path, gold_path: Path) -> Score:
    """Score every gold article of one set."""
    score = Score()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        raw = (docs_dir / f"{row['doc']}.txt").read_text(encoding="utf-8")
        text = clean_article(raw).text
        statements = find_cooperation(text)
        predicted = {a for s in statements for a in s.areas}
        required, optional = gold_areas(row)
        predicted -= optional
        tp, fp, fn = predicted & required, predicted - required, required - predicted
        score.tp, score.fp, score.fn = score.tp + len(tp), score.fp + len(fp), score.fn + len(fn)
        if fp or fn:
            note = [f"{row['doc']}: missed {sorted(fn)} extra {sorted(fp)}"]
            for s in statements:
                extra = [(text[a:b], c) for a, b, c in s.area_spans if c in fp]
                if extra:
                    note.append(f"    extra {extra} in: {text[s.start_char : s.end_char][:200]}")
            score.misses.append("\n".join(note))
    return score


def main(argv: list[str] | None = None) -> int:
    quiet = "--quiet" in (argv if argv is not None else sys.argv[1:])
    for name, (docs_dir, gold_path) in SETS.items():
        if not gold_path.exists():
            print(f"{name}: no gold at {gold_path}")
            continue
        score = score_set(docs_dir, gold_path)
        if not quiet:
            print("\n".join(score.misses))
        print(
            f"{name}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
            f"(tp={score.tp} fp={score.fp} fn={score.fn})\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
