"""The scorer counts exactly as ANNOTATION.md says, on a tiny gold file with a known score."""

import json

from camket.scoring import fold, score

GOLD = [
    {
        "doc": "a",
        "entities": [
            {"label": "PERSON", "canonical": "Miguel Díaz-Canel", "aliases": ["Miguel Diaz Canel"]},
            {"label": "COUNTRY", "canonical": "CUB"},
            {"label": "COUNTRY", "canonical": "VNM"},
            {"label": "ORG", "canonical": "Liên hợp quốc", "aliases": ["LHQ"]},
        ],
        "commitments": [
            {
                "type": "vaccine_doses",
                "supplier": "CUB",
                "recipient": "VNM",
                "quantity": 10_000_000,
                "status": "pledged",
            },
            {
                "type": "invitation",
                "inviter_country": "VNM",
                "invitee_country": "CUB",
                "invitee_person": "Miguel Díaz-Canel",
                "status": "accepted",
            },
            {"type": "cooperation_areas", "parties": ["VNM", "CUB"], "areas": ["trade", "health"]},
        ],
        "optional": {"entities": ["TTXVN"], "areas": ["politics"]},
    },
    {"doc": "b", "entities": [{"label": "LOC", "canonical": "Hà Nội"}], "commitments": []},
]

PRED = {
    "a": {
        "entities": [
            {"label": "PERSON", "canonical": "miguel diaz-canel"},  # folded alias match
            {"label": "PERSON", "canonical": "Díaz-Canel"},  # not an alias: spurious
            {"label": "COUNTRY", "canonical": "CUB"},
            {"label": "ORG", "canonical": "LHQ"},  # acronym alias
            {"label": "ORG", "canonical": "TTXVN"},  # optional: not counted
            {"label": "DATE", "canonical": "2021"},
        ],  # DATE is not scored
        "commitments": [
            {
                "type": "vaccine_doses",
                "supplier": "CUB",
                "recipient": "VNM",
                "quantity": 10_000_000,
                "status": "delivered",
            },
            {"type": "vaccine_doses", "supplier": "CUB", "recipient": "VNM", "quantity": 5},
            {
                "type": "invitation",
                "inviter_country": "VNM",
                "invitee_country": "CUB",
                "invitee_person": "Miguel Diaz Canel",
                "status": "accepted",
            },
            {"type": "cooperation_areas", "areas": ["trade", "politics", "culture"]},
        ],
    },
}


def test_fold_ignores_case_diacritics_spaces_dots_hyphens():
    assert fold("V. Pu-tin") == fold("v pu tin") == "vputin"
    assert fold("Đảng") == "dang"


def test_known_score_on_a_tiny_gold():
    report = score(GOLD, PRED)
    s = report["scores"]
    # entities: gold 4 + 1 (doc b) = 5; tp PERSON, COUNTRY CUB, ORG = 3; fp Díaz-Canel = 1; fn VNM, Hà Nội = 2
    assert (s["entities"]["tp"], s["entities"]["fp"], s["entities"]["fn"]) == (3, 1, 2)
    assert (s["vaccine_doses"]["tp"], s["vaccine_doses"]["fp"], s["vaccine_doses"]["fn"]) == (
        1,
        1,
        0,
    )
    assert (s["invitation"]["tp"], s["invitation"]["fp"], s["invitation"]["fn"]) == (1, 0, 0)
    # areas: gold {trade, health}; pred {trade, politics(optional), culture}
    assert (
        s["cooperation_areas"]["tp"],
        s["cooperation_areas"]["fp"],
        s["cooperation_areas"]["fn"],
    ) == (1, 1, 1)
    assert report["status_accuracy"]["vaccine_doses"] == {
        "matched": 1,
        "correct": 0,
        "accuracy": 0.0,
    }
    assert report["status_accuracy"]["invitation"]["accuracy"] == 1.0
    assert abs(s["entities"]["f1"] - 2 * 0.75 * 0.6 / 1.35) < 1e-9


def test_evaluate_cli_json_on_a_written_output(tmp_path):
    """The CLI reads Parquet: write a tiny output with the real store and score it."""
    from typer.testing import CliRunner

    from camket.cli import app
    from camket.rows import rows_to_table
    from camket.store import ParquetStore

    aid = "a" * 64
    article = {
        "article_id": aid,
        "doc": "b",
        "source_uri": "file:///b.txt",
        "url": None,
        "title": "T",
        "published": None,
        "author": None,
        "source_name": None,
        "photo_credits": [],
        "clean_text": "T\n\nHà Nội.",
        "raw_sha256": aid,
        "encoding": "utf-8",
        "n_chars_raw": 9,
        "n_chars_clean": 9,
        "n_lines_removed": 0,
        "run_id": "r",
        "ingested_at": "2026-01-01T00:00:00+00:00",
    }
    entity = {
        "article_id": aid,
        "doc": "b",
        "label": "LOC",
        "text": "Hà Nội",
        "canonical": "Hà Nội",
        "start_char": 3,
        "end_char": 9,
        "title": None,
        "country": None,
        "run_id": "r",
    }
    with ParquetStore(tmp_path) as store:
        store.commit(
            "r",
            1,
            {
                "articles": rows_to_table("articles", [article], run_id="r"),
                "entities": rows_to_table("entities", [entity], run_id="r"),
            },
        )
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD[1], ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["evaluate", "--gold", str(gold), "--out", str(tmp_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["extraction"]
    assert report["scores"]["entities"]["f1"] == 1.0
