"""The contract: Arrow schemas and the data dictionary derive from the JSON Schemas, and
validation enforces what the schemas say (per-type fields, area vocabulary, formats)."""

from pathlib import Path

import pyarrow as pa
import pytest

from camket.arrow_schema import arrow_schema_from_json_schema, arrow_type, table_schema
from camket.contract import TABLES, column_names, load_schema
from camket.dictionary import data_dictionary
from camket.validate import partition_valid, validation_errors

ROOT = Path(__file__).resolve().parents[1]
AID = "a" * 64


@pytest.mark.parametrize(
    "prop, expected",
    [
        ({"type": "string"}, pa.string()),
        ({"type": ["string", "null"], "format": "date"}, pa.date32()),
        ({"type": "string", "format": "date-time"}, pa.timestamp("us", tz="UTC")),
        ({"type": ["integer", "null"]}, pa.int64()),
        ({"type": "number"}, pa.float64()),
        ({"type": ["boolean", "null"]}, pa.bool_()),
        ({"type": "array", "items": {"type": "string"}}, pa.list_(pa.string())),
        ({"type": ["array", "null"], "items": {"enum": ["a", "b"]}}, pa.list_(pa.string())),
        ({"enum": ["x", "y", None]}, pa.string()),
    ],
)
def test_arrow_type_mapping(prop, expected):
    assert arrow_type(prop) == expected


@pytest.mark.parametrize(
    "prop", [{"type": ["string", "integer"]}, {"type": "object"}, {"enum": [1, 2]}, {}]
)
def test_unmappable_types_fail_loudly(prop):
    with pytest.raises(TypeError):
        arrow_type(prop)


def test_nullability_follows_required_and_null_type():
    schema = arrow_schema_from_json_schema(
        {
            "type": "object",
            "required": ["a", "b"],
            "properties": {
                "a": {"type": "string"},
                "b": {"type": ["string", "null"]},
                "c": {"type": "string"},
            },
        }
    )
    assert [(f.name, f.nullable) for f in schema] == [("a", False), ("b", True), ("c", True)]


@pytest.mark.parametrize("table", TABLES)
def test_every_table_schema_derives_and_carries_contract_metadata(table):
    schema = table_schema(table, run_id="r1")
    assert schema.names == column_names(table)
    meta = {k.decode(): v.decode() for k, v in schema.metadata.items()}
    assert meta["camket.schema_id"] == load_schema(table)["$id"]
    assert meta["camket.run_id"] == "r1" and meta["camket.table"] == table


def test_data_dictionary_is_generated_from_the_schemas():
    committed = (ROOT / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == data_dictionary(), "regenerate: camket dictionary > docs/DATA_DICTIONARY.md"


def _commitment(**fields):
    row = {name: None for name in column_names("commitments")}
    row.update(
        commitment_id="0" * 32,
        article_id=AID,
        doc="d1",
        evidence="...",
        start_char=0,
        end_char=3,
        run_id="r1",
    )
    row.update(fields)
    return row


def test_vaccine_commitment_needs_its_fields():
    good = _commitment(
        type="vaccine_doses",
        supplier="CUB",
        recipient="VNM",
        quantity=10_000_000,
        status="pledged",
        due="2021-12-31",
        channel="bilateral",
        approximate=False,
    )
    assert validation_errors("commitments", good) == []
    missing = _commitment(
        type="vaccine_doses", supplier="CUB", recipient=None, quantity=None, status="pledged"
    )
    errors = validation_errors("commitments", missing)
    assert any("recipient" in e for e in errors) and any("quantity" in e for e in errors)
    wrong_status = dict(good, status="accepted")
    assert validation_errors("commitments", wrong_status)


def test_cooperation_areas_come_from_the_vocabulary():
    good = _commitment(
        type="cooperation_areas", parties=["VNM", "RUS"], areas=["energy", "oil_gas"]
    )
    assert validation_errors("commitments", good) == []
    bad = dict(good, areas=["energy", "space_travel"])
    assert any("space_travel" in e for e in validation_errors("commitments", bad))
    no_fields = dict(good, areas=[])
    assert validation_errors("commitments", no_fields)


def test_invitation_status_and_dates():
    good = _commitment(
        type="invitation",
        inviter_country="VNM",
        invitee_country="RUS",
        event="thăm chính thức Việt Nam",
        when="2021",
        status="accepted",
    )
    assert validation_errors("commitments", good) == []
    assert validation_errors("commitments", dict(good, status="pledged"))
    assert validation_errors("commitments", dict(good, when="năm 2021"))


@pytest.mark.parametrize(
    "when", ["2024-10-03/2024-10-05", "2021-05/2021-06", "2021/2025", "2024-10-03", "2024"]
)
def test_when_and_due_take_an_iso_interval(when):
    inv = _commitment(
        type="invitation",
        inviter_country="VNM",
        invitee_country="RUS",
        status="extended",
        when=when,
    )
    assert validation_errors("commitments", inv) == []
    vac = _commitment(
        type="vaccine_doses",
        supplier="CUB",
        recipient="VNM",
        quantity=5,
        status="pledged",
        due=when,
    )
    assert validation_errors("commitments", vac) == []


@pytest.mark.parametrize("when", ["2024-10-03/2024-10", "2024-10-03/", "2024-10-03--2024-10-05"])
def test_interval_ends_share_one_precision(when):
    inv = _commitment(
        type="invitation",
        inviter_country="VNM",
        invitee_country="RUS",
        status="extended",
        when=when,
    )
    assert validation_errors("commitments", inv)


def test_date_entity_canonical_is_an_iso_date_or_interval():
    row = {
        "article_id": AID,
        "doc": "d1",
        "label": "DATE",
        "text": "từ ngày 3 đến ngày 5-10-2024",
        "canonical": "2024-10-03/2024-10-05",
        "start_char": 0,
        "end_char": 5,
        "title": None,
        "country": None,
        "run_id": "r1",
    }
    assert validation_errors("entities", row) == []
    assert validation_errors("entities", dict(row, canonical="ngày 3"))
    assert validation_errors("entities", dict(row, label="LOC", canonical="ngày 3")) == []


def test_article_formats_are_checked_and_failures_become_rejections():
    row = {name: None for name in column_names("articles")}
    row.update(
        article_id=AID,
        doc="d1",
        source_uri="file:///x/d1.txt",
        clean_text="T\n\nB",
        raw_sha256=AID,
        encoding="utf-8",
        n_chars_raw=5,
        n_chars_clean=4,
        n_lines_removed=0,
        photo_credits=[],
        run_id="r1",
        ingested_at="2026-01-02T03:04:05+00:00",
        published="2021-04-05",
    )
    assert validation_errors("articles", row) == []
    bad = dict(row, published="2021-13-45", ingested_at="yesterday")
    valid, rejected = partition_valid("articles", [row, bad])
    assert valid == [row]
    (rej,) = rejected
    assert rej.stage == "validate" and rej.table == "articles" and len(rej.errors) == 2
    assert any("published" in e for e in rej.errors) and any("ingested_at" in e for e in rej.errors)
