"""Articles written for camket's tests (not from any outlet), scored end to end without Prefect:
read -> clean -> extract -> validate, then the same scorer `camket evaluate` uses."""

import json
from pathlib import Path

from camket.extract import extract_articles
from camket.pipeline import process_batch
from camket.scoring import score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def test_own_articles_score_high_on_every_type():
    batch = process_batch(
        sorted(FIXTURES.glob("*.txt")), seq=1, run_id="t", extractor=extract_articles
    )
    assert not batch.rejected, batch.rejected
    predictions = {a["doc"]: {"entities": [], "commitments": []} for a in batch.rows["articles"]}
    for e in batch.rows["entities"]:
        predictions[e["doc"]]["entities"].append(e)
    for c in batch.rows["commitments"]:
        predictions[c["doc"]]["commitments"].append(c)
    gold = [
        json.loads(line)
        for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    report = score(gold, predictions)
    for kind, s in report["scores"].items():
        assert s["f1"] >= 0.9, (kind, s, report["misses"])
    assert report["status_accuracy"]["vaccine_doses"]["accuracy"] == 1.0
    assert report["status_accuracy"]["invitation"]["accuracy"] == 1.0
    # The running total and the domestic vaccination figure gave no commitment.
    quantities = {c["quantity"] for c in batch.rows["commitments"] if c["type"] == "vaccine_doses"}
    assert quantities == {1_000_000, 400_000}
