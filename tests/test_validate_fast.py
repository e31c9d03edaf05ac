"""The validation fast path (jsonschema-rs) agrees with the reference (jsonschema + formats).

Valid rows of every table come from running the pipeline on the seeds and on articles
written here (all three commitment types); every row is then broken in many ways (keys
missing, wrong types, bad formats, patterns, enums, if/then rules, extra keys, ranges,
nulls, non-JSON Python values) and both validators must decide the same, the fast path
never accepting what the reference rejects.
"""

from __future__ import annotations

import copy
import math
from collections import OrderedDict
from datetime import date

import pytest
from support import SEEDS

from camket.contract import STATE_SCHEMA_FILES, TABLES, load_schema
from camket.extract import extract_articles
from camket.pipeline import process_batch
from camket.records import Rejected
from camket.rows import quarantine_row
from camket.validate import fast_is_valid, partition_valid, validation_errors, validator

ALL_TABLES = (*TABLES, *STATE_SCHEMA_FILES)
NOW = "2026-01-02T03:04:05.123456+00:00"

ARTICLES = {
    "vaccine.txt": (
        "Nhật Bản tặng Việt Nam thêm 1 triệu liều vaccine\n"
        "Ngày 5/7/2021, Chính phủ Nhật Bản đã bàn giao cho Việt Nam khoảng 1 triệu liều vaccine "
        "AstraZeneca phòng COVID-19. Trước đó, Nhật Bản cam kết sẽ tặng Việt Nam 2 triệu liều "
        "vaccine trong năm 2021.\n"
    ),
    "invitation.txt": (
        "Chủ tịch nước mời Tổng thống Nga thăm Việt Nam\n"
        "Ngày 12/3/2024, tại Hà Nội, Chủ tịch nước Võ Văn Thưởng đã mời Tổng thống Nga Vladimir "
        "Putin sang thăm chính thức Việt Nam vào năm 2024. Tổng thống Vladimir Putin vui vẻ nhận "
        "lời.\nHai bên nhất trí tăng cường hợp tác về năng lượng, dầu khí, giáo dục và du lịch.\n"
    ),
}


@pytest.fixture(scope="module")
def valid_rows(tmp_path_factory) -> dict[str, list[dict]]:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "notes.xyz").write_text("x", encoding="utf-8")
    paths = sorted(SEEDS.glob("*.txt")) + sorted(folder.iterdir())
    batch = process_batch(paths, seq=1, run_id="r1", extractor=extract_articles)
    rows = {t: list(batch.rows[t]) for t in ("articles", "entities", "commitments")}
    assert {c["type"] for c in rows["commitments"]} == {
        "vaccine_doses",
        "invitation",
        "cooperation_areas",
    }
    _, rejected = partition_valid("articles", [dict(rows["articles"][0], published="yesterday")])
    items = list(batch.rejected) + rejected
    items.append(Rejected(doc="d", source_uri="file:///d", stage="dedup", reason="same text"))
    assert items
    rows["quarantine"] = [quarantine_row(item, run_id="r1", now=NOW) for item in items]
    rows["ledger"] = [
        {
            "source_uri": "file:///x/a.txt",
            "size": 120,
            "mtime": 1767323045.25,
            "raw_sha256": "b" * 64,
            "outcome": "processed",
            "article_ids": ["a" * 64],
            "quarantine_ids": [],
            "run_id": "r1",
            "batch": 1,
            "recorded_at": NOW,
        },
        {
            "source_uri": "file:///x/b.txt",
            "size": 0,
            "mtime": 0,
            "raw_sha256": None,
            "outcome": "quarantined",
            "article_ids": [],
            "quarantine_ids": ["c" * 32],
            "run_id": "r1",
            "batch": 2,
            "recorded_at": "2026-01-02T03:04:05Z",
        },
    ]
    return rows


def reference_errors(table: str, row) -> list[str]:
    errors = sorted(validator(table).iter_errors(row), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def check(table: str, row) -> bool:
    """Both validators agree on `row`; return whether it is valid."""
    expected = reference_errors(table, row)
    fast = fast_is_valid(table, row)
    assert not (fast and expected), (table, row, expected)  # never accept what jsonschema rejects
    assert validation_errors(table, row) == expected, (table, row)
    if isinstance(row, dict):  # partition_valid takes rows (dicts) only
        valid, rejected = partition_valid(table, [row])
        assert (valid == [row]) == (not expected)
        if expected:
            assert list(rejected[0].errors) == expected
    return not expected


# Values tried in every column: wrong types, empty, out of range, non-JSON Python values.
ODD_VALUES = [
    None,
    "",
    "x",
    " ",
    "ABC",
    "abc",
    "AB",
    "ABCD",
    "VNM\n",
    "a" * 64,
    "a" * 64 + "\n",
    "A" * 64,
    "a" * 63,
    "0" * 32,
    "0" * 32 + "\n",
    "g" * 32,
    0,
    1,
    -1,
    2**70,
    -(2**70),
    0.0,
    1.0,
    1.5,
    -0.5,
    math.nan,
    math.inf,
    True,
    False,
    [],
    ["x"],
    ["VNM", "VNM"],
    ["VNM", "RUS"],
    ["energy"],
    ["energy", "energy"],
    ["space_travel"],
    [None],
    [1],
    ("VNM", "RUS"),
    {},
    {"a": 1},
    date(2021, 4, 5),
    "2021-04-05",
    "2021-13-45",
    "2021-02-29",
    "2020-02-29",
    "2021-4-5",
    "20210405",
    "２０２１-０４-０５",
    "2021",
    "2021-04",
    "2021-04-05T03:04:05Z",
    "2021-04-05t03:04:05z",
    "2021-04-05T03:04:05",
    "2021-04-05 03:04:05+00:00",
    "2016-12-31T23:59:60Z",
    "2021-04-05T23:59:60+07:00",
    "2021-04-05T25:04:05Z",
    "2021-04-05T03:04:05.123456789+00:00",
    "2021-04-05T03:04:05+24:00",
    "yesterday",
    "pledged",
    "delivered",
    "extended",
    "accepted",
    "declined",
    "bilateral",
    "covax",
    "vaccine_doses",
    "invitation",
    "cooperation_areas",
    "PERSON",
    "person",
    "processed",
    "validate",
    "\ud800",
]


def mutations(table: str, row: dict):
    """(description, mutated row) pairs."""
    for key in row:
        gone = dict(row)
        del gone[key]
        yield f"without {key}", gone
        for value in ODD_VALUES:
            yield f"{key}={value!r}", dict(row, **{key: value})
    yield "extra key", dict(row, extra=1)
    yield "non-str key", {**row, 1: "x"}
    yield "OrderedDict", OrderedDict(row)
    yield "empty object", {}
    yield "not an object", list(row.values())
    yield "None", None
    for key, value in row.items():
        if isinstance(value, list) and value:
            yield f"{key} duplicated item", dict(row, **{key: value + value[:1]})
            yield f"{key} as tuple", dict(row, **{key: tuple(value)})
            yield f"{key} bad item", dict(row, **{key: [*value, 7]})


def test_every_schema_is_covered(valid_rows):
    assert set(valid_rows) == set(ALL_TABLES)
    for table in ALL_TABLES:
        assert valid_rows[table], table


@pytest.mark.parametrize("table", ALL_TABLES)
def test_valid_rows_take_the_fast_path(valid_rows, table):
    for row in valid_rows[table]:
        assert reference_errors(table, row) == []
        assert fast_is_valid(table, row), row
        assert check(table, row)


@pytest.mark.parametrize("table", ALL_TABLES)
def test_broken_rows_are_judged_like_jsonschema(valid_rows, table):
    rows = valid_rows[table]
    # a few representative rows per table (each commitment type, each entity label)
    picked, seen = [], set()
    for row in rows:
        kind = (row.get("type"), row.get("label"), row.get("stage"), row.get("published") is None)
        if kind not in seen:
            seen.add(kind)
            picked.append(row)
    outcomes = {True: 0, False: 0}
    for row in picked:
        for _, mutated in mutations(table, row):
            outcomes[check(table, mutated)] += 1
    assert outcomes[True] and outcomes[False] > 100


def test_commitment_type_rules(valid_rows):
    by_type = {c["type"]: c for c in valid_rows["commitments"]}
    cases = []
    for row in by_type.values():
        for other in by_type:
            cases.append(dict(row, type=other))  # fields of one type under another's name
        for status in (None, "pledged", "delivered", "extended", "accepted", "declined", "x"):
            cases.append(dict(row, status=status))
    vac = by_type["vaccine_doses"]
    cases += [
        dict(vac, supplier=None),
        dict(vac, recipient=None),
        dict(vac, quantity=None),
        dict(vac, quantity=0),
        dict(vac, quantity=1.0),
        dict(vac, quantity="1000"),
        dict(vac, approximate=None),
        dict(vac, approximate=1),
        dict(vac, due="2021-12"),
        dict(vac, due="12/2021"),
        dict(vac, channel="multilateral"),
    ]
    inv = by_type["invitation"]
    cases += [
        dict(inv, inviter_country=None),
        dict(inv, invitee_country=None),
        dict(inv, event=None),
        dict(inv, event=""),
        dict(inv, when="năm 2024"),
        dict(inv, when="2024-03-12"),
        dict(inv, inviter_country="vnm"),
        dict(inv, location=""),
    ]
    coop = by_type["cooperation_areas"]
    cases += [
        dict(coop, parties=None),
        dict(coop, parties=[]),
        dict(coop, parties=["VNM", "vn"]),
        dict(coop, areas=None),
        dict(coop, areas=[]),
        dict(coop, areas=["energy", "space_travel"]),
        dict(coop, status="pledged"),
    ]
    results = [check("commitments", row) for row in cases]
    assert any(results) and not all(results)


def test_format_corner_cases_follow_jsonschema(valid_rows):
    article = valid_rows["articles"][0]
    quarantine = valid_rows["quarantine"][0]
    decided = {}
    for value in [
        "2021-04-05",
        "2021-02-29",
        "2021-4-05",
        "２０２１-０４-０５",
        "2021-04-05T00:00:00Z",
        " 2021-04-05",
    ]:
        decided["published", value] = check("articles", dict(article, published=value))
    for value in [
        "2026-01-02T03:04:05+00:00",
        "2026-01-02t03:04:05z",
        "2016-12-31T23:59:60Z",
        "2026-01-02T12:00:60+05:00",
        "2026-01-02T03:04:05",
        "2026-01-02 03:04:05Z",
        "2026-01-02T03:04:05.5Z",
        "2026-02-30T03:04:05Z",
    ]:
        decided["ingested_at", value] = check("articles", dict(article, ingested_at=value))
        decided["quarantined_at", value] = check(
            "quarantine", dict(quarantine, quarantined_at=value)
        )
    assert decided["published", "2021-04-05"] and not decided["published", "2021-02-29"]
    assert decided["ingested_at", "2026-01-02t03:04:05z"]  # jsonschema upper-cases first


def test_schemas_have_only_formats_jsonschema_checks():
    from camket.validate import _FORMAT_CHECKER

    def formats(node):
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                yield node["format"]
            for value in node.values():
                yield from formats(value)
        elif isinstance(node, list):
            for value in node:
                yield from formats(value)

    for table in ALL_TABLES:
        for name in formats(load_schema(table)):
            assert name in _FORMAT_CHECKER.checkers, (table, name)


def test_rows_are_not_modified(valid_rows):
    for table in ALL_TABLES:
        rows = valid_rows[table]
        before = copy.deepcopy(rows)
        partition_valid(table, rows)
        assert rows == before
