"""Incremental runs: the ledger skips unchanged inputs before reading them, reprocesses
changed ones and supersedes their old rows, and `camket status` reports what it holds."""

from __future__ import annotations

import json
import os

import duckdb
import pytest
from typer.testing import CliRunner

from camket.cli import app
from camket.ingest.discover import InputFile
from camket.ledger import load_ledger
from camket.pipeline import BatchWriter, process_batch
from camket.store import ParquetStore
from flows.extract import run_extract

LAO = """Việt Nam và Lào ký kết thỏa thuận hợp tác giáo dục
Chiều 3/6/2024, tại Viêng Chăn, Bộ trưởng Bộ Giáo dục và Đào tạo Việt Nam và người đồng cấp Lào đã ký thỏa thuận hợp tác về giáo dục và đào tạo.
Hai bên nhất trí tăng số học bổng dành cho sinh viên Lào sang học tập tại Việt Nam.
"""
CUBA = """Việt Nam trao tặng vắc xin cho Cuba
Ngày 14/9/2021, Đại sứ Việt Nam tại Cuba đã trao 500.000 liều vắc xin cho Bộ Y tế Cuba.
Phía Cuba cảm ơn sự hỗ trợ quý báu của Việt Nam.
"""
JAPAN = """Nhật Bản và Việt Nam thúc đẩy hợp tác nông nghiệp
Sáng 20/5/2024, tại Tokyo, Thứ trưởng Bộ Nông nghiệp hai nước đã hội đàm và nhất trí mở rộng hợp tác nông nghiệp.
Hai bên cũng thống nhất tăng cường hợp tác về khoa học và công nghệ.
"""


def rows(out, table: str, where: str = "true") -> list[tuple]:
    return duckdb.sql(
        f"select * from read_parquet('{out}/{table}/*.parquet') where {where}"
    ).fetchall()


def count(out, table: str) -> int:
    return duckdb.sql(f"select count(*) from read_parquet('{out}/{table}/*.parquet')").fetchall()[
        0
    ][0]


def ledger(out) -> list[dict]:
    rel = duckdb.sql(
        f"select source_uri, outcome, article_ids, quarantine_ids, run_id "
        f"from read_parquet('{out}/_camket/ledger/*.parquet') order by recorded_at, source_uri"
    )
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "lao.txt").write_text(LAO, encoding="utf-8")
    (src / "cuba.txt").write_text(CUBA, encoding="utf-8")
    (src / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "text": JAPAN}, ensure_ascii=False)
        + "\n"
        + '{"id": "f2", "text": \n',
        encoding="utf-8",
    )
    return src, tmp_path / "out"


def test_new_changed_touched_and_unchanged_files(folder, prefect_harness):
    src, out = folder
    first = run_extract(str(src), str(out), batch_size=2)
    assert first["files_new"] == 3 and first["files_unchanged"] == 0
    assert count(out, "articles") == 3 and count(out, "quarantine") == 1  # the bad JSONL line

    # 1. Nothing changed: every file is skipped before it is read.
    again = run_extract(str(src), str(out), batch_size=2)
    assert again["files_unchanged"] == 3 and again["batches"] == 0 and again["articles_read"] == 0

    # 2. A new file is the only one read; an mtime-only change is hashed, not decoded.
    (src / "japan.txt").write_text(JAPAN.replace("nông nghiệp", "y tế"), encoding="utf-8")
    os.utime(src / "cuba.txt", (1_700_000_000, 1_700_000_000))
    third = run_extract(str(src), str(out), batch_size=2)
    assert third["files_unchanged"] == 2 and third["files_new"] == 1
    assert third["files_same_content"] == 1 and third["articles_read"] == 1
    assert count(out, "articles") == 4

    # 3. Changed files: the txt's old article is superseded by its new text; the JSONL's
    #    fixed line replaces its quarantine row, and its unchanged line keeps its row.
    (src / "lao.txt").write_text(LAO.replace("giáo dục và đào tạo", "văn hóa"), encoding="utf-8")
    (src / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "text": JAPAN}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "f2", "text": CUBA.replace("500.000", "300.000")}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    japan_row_before = rows(out, "articles", "doc = 'f1'")
    fourth = run_extract(str(src), str(out), batch_size=2)
    assert fourth["files_replaced"] == 2 and fourth["files_unchanged"] == 2
    articles = duckdb.sql(
        f"select doc, clean_text, run_id from read_parquet('{out}/articles/*.parquet')"
    ).fetchall()
    docs = sorted(a[0] for a in articles)
    assert docs == ["cuba", "f1", "f2", "japan", "lao"]  # one row per article, no duplicates
    lao_text = next(a[1] for a in articles if a[0] == "lao")
    assert "văn hóa" in lao_text and "giáo dục và đào tạo" not in lao_text
    assert rows(out, "articles", "doc = 'f1'") == japan_row_before  # untouched row
    assert count(out, "quarantine") == 0  # the bad line is gone from the input, so from quarantine
    lao_ids = {r[0] for r in rows(out, "articles", "doc = 'lao'")}
    entity_ids = {
        r[0]
        for r in duckdb.sql(
            f"select distinct article_id from read_parquet('{out}/entities/*.parquet')"
        ).fetchall()
    }
    all_ids = {
        r[0]
        for r in duckdb.sql(
            f"select article_id from read_parquet('{out}/articles/*.parquet')"
        ).fetchall()
    }
    assert entity_ids <= all_ids and lao_ids <= entity_ids  # no orphan entity rows

    newest = {}
    for entry in ledger(out):
        newest[entry["source_uri"].rsplit("/", 1)[1]] = entry
    assert {k: v["outcome"] for k, v in newest.items()} == {
        "cuba.txt": "same_content",
        "feed.jsonl": "replaced",
        "japan.txt": "processed",
        "lao.txt": "replaced",
    }
    assert (
        len(newest["feed.jsonl"]["article_ids"]) == 2
        and newest["feed.jsonl"]["quarantine_ids"] == []
    )

    # 4. --force reprocesses everything, still without duplicates.
    forced = run_extract(str(src), str(out), batch_size=2, force=True)
    assert forced["files_unchanged"] == 0 and forced["articles_cleaned"] == 5
    assert count(out, "articles") == 5

    result = CliRunner().invoke(app, ["status", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    assert status["files"] == 4 and status["rows"]["articles"] == 5
    assert len(status["runs"]) == 4  # the no-change run committed nothing
    assert status["rows"]["ledger"] == sum(r["files"] for r in status["runs"])


def test_a_file_that_cannot_be_read_is_quarantined_but_retried(folder):
    """An I/O error (here: the file vanished after listing) is not recorded in the ledger."""
    src, out = folder
    gone = InputFile.from_path(src / "lao.txt")
    (src / "lao.txt").unlink()
    batch = process_batch([gone, InputFile.from_path(src / "cuba.txt")], seq=1, run_id="r1")
    assert [s.outcome for s in batch.sources] == ["retry", "processed"]
    with ParquetStore(out) as store:
        writer = BatchWriter(store, "r1", ledger=load_ledger(store))
        writer.write(batch)
        entries = load_ledger(store)
    assert list(entries) == [InputFile.from_path(src / "cuba.txt").uri]
    (reason,) = [
        r[0]
        for r in duckdb.sql(
            f"select reason from read_parquet('{out}/quarantine/*.parquet')"
        ).fetchall()
    ]
    assert reason.startswith("cannot read file")
