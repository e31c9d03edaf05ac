"""Entity quality on the five seed articles (gold in ../shared/gold/seeds.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from camket.clean import clean_article
from camket.nlp import annotate
from camket.scoring import SCORED_LABELS, score

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "seeds.jsonl"


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold not available")
def test_seed_entity_f1():
    gold = [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    articles = [clean_article(p.read_text(encoding="utf-8")) for p in paths]
    docs = annotate([a.text for a in articles], [a.published for a in articles])
    predictions = {
        path.stem: {
            "entities": [
                {"label": s.label_, "canonical": s.kb_id_, "text": s.text}
                for s in doc.spans["entities"]
                if s.label_ in SCORED_LABELS
            ],
            "commitments": [],
        }
        for path, doc in zip(paths, docs, strict=True)
    }
    report = score(gold, predictions)
    assert report["scores"]["entities"]["f1"] >= 0.90, report["misses"]
