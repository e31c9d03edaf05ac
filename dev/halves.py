"""Score extraction on devset ∪ devset2 in two fixed halves, for rules that generalise.

    python dev/halves.py                 # P/R/F1 per type, field accuracies: half A, half B, all; seeds
    python dev/halves.py --misses A      # ... and the misses of half A only
    python dev/halves.py --json F        # the figures as JSON

A document's half is fixed by the SHA-1 of its doc id (even: A, odd: B). Study
the misses of one half, change rules, then score the other: a change that helps
the studied half and hurts the other fits text, not language. The pipeline runs
in-process exactly as a batch task runs it (`camket.pipeline.process_batch` with
the extractor), and the scorer is `camket.scoring.score`, as `camket evaluate`.
Development only: not part of the installed package.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "devset": (SHARED / "devset" / "docs", SHARED / "devset" / "gold.jsonl"),
    "devset2": (SHARED / "devset2" / "docs", SHARED / "devset2" / "gold.jsonl"),
}
SEEDS = (ROOT / "seeds", SHARED / "gold" / "seeds.jsonl")


def half_of(doc: str) -> str:
    """ "A" or "B": fixed by the doc id alone."""
    return "A" if int(hashlib.sha1(doc.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def predictions_for(folder: Path) -> dict[str, dict[str, list[dict]]]:
    """Per doc: the entity and commitment rows camket produces for the files in `folder`."""
    from camket.extract import extract_articles
    from camket.ingest.discover import discover_inputs
    from camket.pipeline import process_batch

    batch = process_batch(discover_inputs(folder), seq=1, run_id="dev", extractor=extract_articles)
    out: dict[str, dict[str, list[dict]]] = {}
    for row in batch.rows["articles"]:
        out[row["doc"]] = {"entities": [], "commitments": []}
    for table in ("entities", "commitments"):
        for row in batch.rows[table]:
            out.setdefault(row["doc"], {"entities": [], "commitments": []})[table].append(row)
    return out


def load_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def figures(gold: list[dict], predictions: dict) -> dict:
    from camket.scoring import score

    return score(gold, predictions)


def line(name: str, report: dict) -> str:
    parts = [f"{name:<6} {report['docs']:>3} docs"]
    for kind, s in report["scores"].items():
        parts.append(f"{kind[:11]:>11} {s['f1']:.3f} (P {s['precision']:.2f} R {s['recall']:.2f})")
    for kind, s in report["status_accuracy"].items():
        acc = "  n/a" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
        parts.append(f"status {kind[:3]} {acc} ({s['correct']}/{s['matched']})")
    return " | ".join(parts)


def field_line(report: dict) -> str:
    """Accuracy of each secondary field over matched commitments (where the gold states it)."""
    parts = []
    for kind, fields in report["field_accuracy"].items():
        cells = []
        for name, s in fields.items():
            acc = "n/a" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
            cells.append(f"{name} {acc} ({s['correct']}/{s['matched']})")
        parts.append(f"{kind[:3]}: " + ", ".join(cells))
    return "       fields " + " | ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", choices=["A", "B", "all"], help="print this half's misses")
    parser.add_argument("--type", help="only misses of this type (entities, vaccine_doses, ...)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    gold: list[dict] = []
    predictions: dict = {}
    for folder, gold_path in SETS.values():
        gold += load_gold(gold_path)
        predictions.update(predictions_for(folder))
    halves = {
        "A": [g for g in gold if half_of(g["doc"]) == "A"],
        "B": [g for g in gold if half_of(g["doc"]) == "B"],
        "all": gold,
    }
    reports = {name: figures(rows, predictions) for name, rows in halves.items()}
    reports["seeds"] = figures(load_gold(SEEDS[1]), predictions_for(SEEDS[0]))
    for name, report in reports.items():
        print(line(name, report))
        print(field_line(report))
    if args.misses:
        for miss in reports[args.misses]["misses"]:
            if args.type and miss["type"] != args.type:
                continue
            print(f"  {miss['doc']} {miss['type']} {miss['kind']}: {miss['item']}")
    if args.json:
        keys = ("docs", "scores", "status_accuracy", "field_accuracy")
        slim = {k: {x: v[x] for x in keys} for k, v in reports.items()}
        args.json.write_text(json.dumps(slim, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
