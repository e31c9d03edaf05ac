"""The scorer counts exactly as ANNOTATION.md says, on a tiny gold file with a known score."""

import json

from camket.scoring import event_overlap, field_agrees, fold, score

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


FIELD_GOLD = [
    {
        "doc": "f",
        "entities": [],
        "commitments": [
            {
                "type": "vaccine_doses",
                "supplier": "JPN",
                "recipient": "LAO",
                "quantity": 500_000,
                "vaccine": "Vero Cell",
                "status": "pledged",
                "due": None,  # stated as "no deadline": a predicted due is wrong
            },
            {
                "type": "vaccine_doses",
                "supplier": "JPN",
                "recipient": "THA",
                "quantity": 900_000,
                "vaccine": None,
                "status": "delivered",
                "due": "2021-12",
            },
            {
                "type": "invitation",
                "inviter_country": "VNM",
                "invitee_country": "IND",
                "event": "sớm thăm Việt Nam",
                "when": "2024-10-03/2024-10-05",
                "location": "Hà Nội",
                "status": "extended",
            },
        ],
    }
]
FIELD_PRED = {
    "f": {
        "entities": [],
        "commitments": [
            {
                "type": "vaccine_doses",
                "supplier": "JPN",
                "recipient": "LAO",
                "quantity": 500_000,
                "vaccine": "vero cell",  # folded: right
                "status": "pledged",
                "due": "2021-12-31",  # gold says none: wrong
                "channel": "bilateral",  # the gold has no channel key: not counted
                "approximate": False,
            },
            {
                "type": "vaccine_doses",
                "supplier": "JPN",
                "recipient": "THA",
                "quantity": 900_000,
                "vaccine": None,
                "status": "pledged",  # wrong
                "due": "2021-12",
            },
            {"type": "vaccine_doses", "supplier": "JPN", "recipient": "KHM", "quantity": 1},
            {
                "type": "invitation",
                "inviter_country": "VNM",
                "invitee_country": "IND",
                "event": "thăm Việt Nam",  # inside the gold's words: overlap
                "when": "2024-10-03",  # the start of the range only: wrong
                "location": "Ha Noi",
                "status": "extended",
            },
        ],
    }
}


def test_field_accuracy_counts_only_fields_the_gold_states():
    report = score(FIELD_GOLD, FIELD_PRED)
    vac, inv = report["field_accuracy"]["vaccine_doses"], report["field_accuracy"]["invitation"]
    assert vac["status"] == {"matched": 2, "correct": 1, "accuracy": 0.5}
    assert (vac["due"]["matched"], vac["due"]["correct"]) == (2, 1)
    assert (vac["vaccine"]["matched"], vac["vaccine"]["correct"]) == (2, 2)
    assert vac["channel"] == {"matched": 0, "correct": 0, "accuracy": None}
    assert vac["approximate"]["accuracy"] is None
    assert [inv[f]["correct"] for f in ("when", "location", "event")] == [0, 1, 1]
    assert report["status_accuracy"]["vaccine_doses"] == vac["status"]
    wrong = sorted(m["kind"] for m in report["misses"] if m["kind"].startswith("wrong"))
    assert wrong == ["wrong due", "wrong status", "wrong when"]


def test_event_overlap():
    assert event_overlap("thăm Việt Nam", "sớm thăm Việt Nam")  # one inside the other
    assert event_overlap("thăm chính thức Nhật Bản và dự hội nghị", "thăm chính thức Nhật Bản")
    assert event_overlap("Thăm cấp Nhà nước tới Lào", "chuyến thăm cấp nhà nước tới Lào")
    assert not event_overlap("và Phu nhân dự lễ kỷ niệm", "thăm chính thức Việt Nam")
    assert not event_overlap("tham dự", "thăm Lào")  # folded words must match whole
    assert event_overlap(None, None) and not event_overlap("thăm Lào", None)


def test_field_agrees_folds_names_only():
    assert not field_agrees("location", "VNM", "Hà Nội")  # a country is not its capital
    assert field_agrees("location", "TP. Hồ Chí Minh", "TP Ho Chi Minh")
    assert field_agrees("due", "2021-12", "2021-12") and not field_agrees("due", "2021-12", "2021")
    assert not field_agrees("approximate", False, None)


def test_per_doc_counts_sum_to_the_totals():
    report = score(GOLD, PRED)
    assert report["per_doc"]["b"]["entities"] == {"tp": 0, "fp": 0, "fn": 1}
    assert report["per_doc"]["a"]["vaccine_doses"] == {"tp": 1, "fp": 1, "fn": 0}
    for kind, s in report["scores"].items():
        for key in ("tp", "fp", "fn"):
            assert s[key] == sum(d[kind][key] for d in report["per_doc"].values())


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
    assert "per_doc" not in report
    assert report["field_accuracy"]["invitation"]["when"]["matched"] == 0
    by_doc = CliRunner().invoke(
        app, ["evaluate", "--gold", str(gold), "--out", str(tmp_path), "--json", "--by-doc"]
    )
    assert json.loads(by_doc.output)["extraction"]["per_doc"]["b"]["entities"]["tp"] == 1
    table = CliRunner().invoke(
        app, ["evaluate", "--gold", str(gold), "--out", str(tmp_path), "--by-doc"]
    )
    assert table.exit_code == 0, table.output
    assert "per doc" in table.output and "1/0/0" in table.output
    assert "field accuracy invitation: status 0/0 (n/a)" in table.output
