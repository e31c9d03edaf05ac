"""Development score of the entity pipeline (not installed): `python dev/entity_score.py [--misses] [--speed]`.

What it is for: entity precision/recall/F1 (overall and per label) of `camket.nlp` on the seeds
(`seeds/*.txt` against `../shared/gold/seeds.jsonl`) and on the devset (`../shared/devset`), with
the misses, and the pipeline speed. What it is not for: commitment scores (camket.evaluate).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from camket.clean import clean_article
from camket.nlp.pipeline import annotate
from camket.scoring import SCORED_LABELS, score

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_set(name: str) -> tuple[list[dict], dict[str, tuple[str, str | None]]]:
    """(gold rows, {doc: (clean text, published)}) of "seeds" or "devset"."""
    if name == "seeds":
        gold_path = SHARED / "gold" / "seeds.jsonl"
        paths = sorted((ROOT / "seeds").glob("*.txt"))
    else:
        gold_path = SHARED / "devset" / "gold.jsonl"
        paths = sorted((SHARED / "devset" / "docs").glob("*.txt"))
    gold = [
        json.loads(line)
        for line in gold_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = {}
    for path in paths:
        article = clean_article(path.read_text(encoding="utf-8"))
        texts[path.stem] = (article.text, article.published)
    return gold, texts


def predict(texts: dict[str, tuple[str, str | None]]) -> dict[str, dict]:
    """{doc: {"entities": [...], "commitments": []}} from the pipeline."""
    names = list(texts)
    docs = annotate((texts[n][0] for n in names), (texts[n][1] for n in names))
    out = {}
    for name, doc in zip(names, docs, strict=True):
        ents = [
            {"label": s.label_, "canonical": s.kb_id_, "text": s.text}
            for s in doc.spans["entities"]
            if s.label_ in SCORED_LABELS
        ]
        out[name] = {"entities": ents, "commitments": []}
    return out


def entity_scores(gold: list[dict], predictions: dict[str, dict]) -> dict[str, dict]:
    """Entity P/R/F1 overall ("ALL") and per label, plus the misses."""
    report = {"ALL": score(gold, predictions)}
    for label in SCORED_LABELS:
        g = [
            {**row, "entities": [e for e in row["entities"] if e["label"] == label]} for row in gold
        ]
        p = {
            d: {"entities": [e for e in v["entities"] if e["label"] == label], "commitments": []}
            for d, v in predictions.items()
        }
        report[label] = score(g, p)
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-misses", action="store_true", help="print scores only")
    parser.add_argument(
        "--speed", action="store_true", help="also time the pipeline on repeated seeds"
    )
    args = parser.parse_args(argv)
    for name in ("seeds", "devset"):
        gold, texts = load_set(name)
        report = entity_scores(gold, predict(texts))
        print(f"== {name} ({len(gold)} docs)")
        for label, r in report.items():
            s = r["scores"]["entities"]
            print(
                f"  {label:8s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
                f"(tp={s['tp']} fp={s['fp']} fn={s['fn']})"
            )
        if not args.no_misses:
            for miss in report["ALL"]["misses"]:
                if miss["type"] == "entities":
                    item = miss["item"]
                    print(
                        f"    {miss['doc']} {miss['kind']:8s} {item['label']:7s} {item['canonical']}"
                    )
    if args.speed:
        _, texts = load_set("seeds")
        batch = [t for t, _ in texts.values()] * 40
        chars = sum(len(t) for t in batch)
        list(annotate(batch[:5]))
        start = time.perf_counter()
        list(annotate(batch))
        elapsed = time.perf_counter() - start
        print(
            f"== speed: {len(batch) / elapsed:.0f} articles/s "
            f"({chars / len(batch):.0f} chars/article, {chars / elapsed / 1000:.0f}k chars/s)"
        )


if __name__ == "__main__":
    main()
