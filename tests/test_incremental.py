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


def test_a_file_that_cannot_be_read_is_quarantined_retried_and_its_row_superseded(
    folder, prefect_harness
):
    """An I/O error (here: the file vanished after listing) is recorded as "retry": every later
    run reads the file again, and once it reads, its quarantine row is superseded."""
    src, out = folder
    lao = src / "lao.txt"
    listed = InputFile.from_path(lao)
    lao.rename(src / "away")
    batch = process_batch([listed, InputFile.from_path(src / "cuba.txt")], seq=1, run_id="r1")
    assert [s.outcome for s in batch.sources] == ["retry", "processed"]
    with ParquetStore(out) as store:
        writer = BatchWriter(store, "r1", ledger=load_ledger(store))
        writer.write(batch)
        entries = load_ledger(store)
    assert entries[listed.uri].outcome == "retry" and entries[listed.uri].quarantine_ids
    assert len(rows(out, "quarantine", "reason like 'cannot read file%'")) == 1
    (src / "away").rename(lao)
    os.utime(lao, (listed.mtime, listed.mtime))  # same size and mtime as when it failed
    summary = run_extract(str(src), str(out))
    assert summary["files_unchanged"] == 1  # cuba.txt; lao.txt is read again, feed.jsonl is new
    assert summary["files_new"] == 2
    assert rows(out, "quarantine", "reason like 'cannot read file%'") == []
    assert rows(out, "articles", "doc = 'lao'")
    assert load_ledger(ParquetStore(out))[listed.uri].outcome == "processed"


def test_a_deleted_input_keeps_its_rows_unless_pruned(folder, prefect_harness):
    """By default a file that is gone keeps its rows; `--prune-missing` supersedes them
    (an article another file still holds stays) and a file that comes back is read again."""
    src, out = folder
    (src / "copy.txt").write_text(LAO, encoding="utf-8")  # holds the same article as lao.txt
    run_extract(str(src), str(out))
    assert count(out, "articles") == 3
    (src / "cuba.txt").rename(src.parent / "cuba.txt")
    (src / "lao.txt").unlink()
    kept = run_extract(str(src), str(out))
    assert kept["files_missing"] == 0 and count(out, "articles") == 3  # the default keeps rows
    pruned = run_extract(str(src), str(out), prune_missing=True)
    assert pruned["files_missing"] == 2 and pruned["articles_pruned"] == 1
    assert sorted(
        r[0]
        for r in duckdb.sql(f"select doc from read_parquet('{out}/articles/*.parquet')").fetchall()
    ) == ["copy", "f1"]  # Cuba's article went; Lao's (first read from copy.txt) stays
    entries = load_ledger(ParquetStore(out))
    assert {e.outcome for u, e in entries.items() if u.endswith(("/lao.txt", "/cuba.txt"))} == {
        "missing"
    }
    assert run_extract(str(src), str(out), prune_missing=True)["files_missing"] == 0
    (src.parent / "cuba.txt").rename(src / "cuba.txt")  # back, with the same size and mtime
    back = run_extract(str(src), str(out), prune_missing=True)
    assert back["files_new"] == 1 and count(out, "articles") == 3, back
    assert rows(out, "entities", "canonical = 'CUB'")  # its rows are back


def test_prune_missing_on_the_command_line(folder):
    src, out = folder
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(src), "--out", str(out)]).exit_code == 0
    (src / "cuba.txt").unlink()
    result = runner.invoke(app, ["run", str(src), "--out", str(out), "--prune-missing"])
    assert result.exit_code == 0, result.output
    assert "files missing (pruned)" in result.output
    assert count(out, "articles") == 2
