"""Faults while writing: a failed commit retried by Prefect loses nothing and duplicates nothing;
duplicates inside one batch write one article's rows once."""

from __future__ import annotations

import uuid

import fsspec
import pyarrow.parquet as pq
import pytest
from faultkit import FlakyMemoryFileSystem, article_text, write_articles

from flows.extract import run_extract


@pytest.fixture
def flaky_root():
    fsspec.register_implementation("flakymem", FlakyMemoryFileSystem, clobber=True)
    root = f"flakymem://out-{uuid.uuid4().hex[:8]}"
    yield root
    FlakyMemoryFileSystem.failures = 0
    FlakyMemoryFileSystem.failed = 0


def _read(root: str, table: str):
    fs, path = fsspec.core.url_to_fs(root)
    files = sorted(p for p in fs.find(f"{path}/{table}") if p.endswith(".parquet"))
    parts = [pq.read_table(fs.open(p, "rb")) for p in files]
    return [row for part in parts for row in part.to_pylist()]


def test_a_commit_that_fails_once_is_retried_and_every_article_lands_once(
    tmp_path, flaky_root, prefect_harness
):
    inputs = tmp_path / "in"
    write_articles(inputs, 30)
    FlakyMemoryFileSystem.failures = 1  # the first staged write raises ENOSPC
    summary = run_extract(str(inputs), flaky_root, batch_size=10)
    assert FlakyMemoryFileSystem.failed == 1, "the fault was not injected"
    articles = _read(flaky_root, "articles")
    assert len(articles) == 30
    assert len({a["article_id"] for a in articles}) == 30
    quarantine = _read(flaky_root, "quarantine")
    assert [q for q in quarantine if q["stage"] == "dedup"] == []
    assert summary["articles_cleaned"] == 30
    ledger = _read(flaky_root, "_camket/ledger")
    assert len({row["source_uri"] for row in ledger}) == 30
    assert len(ledger) == 30, "a file was recorded twice"
    again = run_extract(str(inputs), flaky_root, batch_size=10)
    assert again["files_unchanged"] == 30 and again["articles_read"] == 0
    assert len(_read(flaky_root, "articles")) == 30


def test_identical_files_in_one_batch_write_one_articles_rows_once(tmp_path, prefect_harness):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("first.txt", "second.txt", "third.txt"):
        (inputs / name).write_text(article_text(7), encoding="utf-8")
    (inputs / "other.txt").write_text(article_text(8), encoding="utf-8")
    out = tmp_path / "out"
    run_extract(str(inputs), str(out), batch_size=10)
    import duckdb

    def q(sql: str):
        return duckdb.sql(
            sql.replace("T(", f"read_parquet('{out}/").replace(")T", "/**/*.parquet')")
        ).fetchall()

    assert q("select count(*) from T(articles)T") == [(2,)]
    entities = q("select article_id, start_char, end_char, label from T(entities)T")
    assert entities and len(entities) == len(set(entities))
    commitments = q("select commitment_id from T(commitments)T")
    assert commitments and len(commitments) == len(set(commitments))
    dedup = q("select source_uri, reason from T(quarantine)T where stage = 'dedup' order by 1")
    assert [uri.rsplit("/", 1)[1] for uri, _ in dedup] == ["second.txt", "third.txt"]
    assert all("first" in reason for _, reason in dedup)
    ledger = q(
        f"select source_uri, article_ids, quarantine_ids from read_parquet('{out}/_camket/ledger/*.parquet') order by 1"
    )
    by_name = {uri.rsplit("/", 1)[1]: (aids, qids) for uri, aids, qids in ledger}
    assert by_name["first.txt"][1] == [] and len(by_name["second.txt"][1]) == 1
    assert by_name["second.txt"][0] == by_name["first.txt"][0]  # both hold the article
