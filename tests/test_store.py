"""The Parquet store: atomic batch commits, crash recovery, one writer, superseding rows."""

import os
import subprocess
import sys
import textwrap

import duckdb
import pyarrow.parquet as pq
import pytest

from camket.arrow_schema import table_schema
from camket.contract import TABLES
from camket.rows import rows_to_table
from camket.store import CRASH_ENV, EMPTY_FILE, ParquetStore, StoreLockedError, held_lock


def _quarantine(n: int, run_id: str = "r1", tag: str = "q"):
    rows = [
        {
            "quarantine_id": f"{i:032x}",
            "doc": f"{tag}{i}",
            "source_uri": f"file:///{tag}{i}",
            "stage": "decode",
            "reason": "empty input",
            "errors": [],
            "table": None,
            "article_id": f"{i:064x}",
            "payload": "",
            "run_id": run_id,
            "quarantined_at": "2026-01-01T00:00:00+00:00",
        }
        for i in range(n)
    ]
    return rows_to_table("quarantine", rows, run_id=run_id)


def test_commit_writes_whole_files_with_metadata(tmp_path):
    with ParquetStore(tmp_path) as store:
        empty_articles = rows_to_table("articles", [], run_id="r1")
        written = store.commit("r1", 1, {"quarantine": _quarantine(3), "articles": empty_articles})
        assert written == {"quarantine": 3, "articles": 0}
        path = next(p for p in store.files("quarantine") if "-r1-" in p)
        assert os.path.basename(path) == "part-r1-00001.parquet"
        assert [os.path.basename(p) for p in store.files("articles")] == [EMPTY_FILE]
    meta = pq.read_schema(path).metadata
    assert meta[b"camket.run_id"] == b"r1" and meta[b"camket.table"] == b"quarantine"
    assert list((tmp_path / "_camket" / "staging").iterdir()) == []


def test_a_new_output_root_has_a_readable_empty_file_per_table(tmp_path):
    out = tmp_path / "fresh"
    with ParquetStore(out) as store:
        assert store.ensure_tables() == []  # made when the store opened
    for table in TABLES:
        rel = duckdb.sql(f"select * from read_parquet('{out}/{table}/**/*.parquet')")
        assert rel.fetchall() == []
        assert rel.columns == table_schema(table).names
    ledger = duckdb.sql(f"select count(*) from read_parquet('{out}/_camket/ledger/*.parquet')")
    assert ledger.fetchall() == [(0,)]


def test_superseding_a_tables_last_rows_leaves_an_empty_file(tmp_path):
    with ParquetStore(tmp_path) as store:
        store.commit("r1", 1, {"quarantine": _quarantine(2, run_id="r1")})
        for path in store.files("quarantine"):
            if EMPTY_FILE in path:
                os.remove(path)  # as an output root written before empty files existed
        ids = store.existing_values("quarantine", "quarantine_id")
        store.commit("r2", 1, {}, supersede={"quarantine_id": ids})
        assert [os.path.basename(p) for p in store.files("quarantine")] == [EMPTY_FILE]


def test_a_journal_tmp_left_by_a_failed_write_is_removed_on_open(tmp_path):
    with ParquetStore(tmp_path):
        pass
    debris = tmp_path / "_camket" / "journal" / "r9-00001.json.tmp"
    debris.write_bytes(b"")
    with ParquetStore(tmp_path):
        assert not debris.exists()


def test_second_writer_is_refused(tmp_path):
    with ParquetStore(tmp_path), pytest.raises(StoreLockedError):
        ParquetStore(tmp_path).open()


def test_a_held_lock_is_shared_with_stores_opened_inside_it_only(tmp_path):
    with held_lock(tmp_path):
        with ParquetStore(tmp_path) as inner:  # the flow's store inside `camket run`
            inner.commit("r1", 1, {"quarantine": _quarantine(1)})
        with ParquetStore(tmp_path):
            pass  # the inner store's close did not release the holder's lock
        probe = subprocess.run(
            [sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True
        )
        assert probe.stdout.strip() == "locked", probe.stderr
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True
    )
    assert probe.stdout.strip() == "free", probe.stderr


PROBE = textwrap.dedent("""
    import sys
    from camket.store import ParquetStore, StoreLockedError
    try:
        ParquetStore(sys.argv[1]).open().close()
        print("free")
    except StoreLockedError:
        print("locked")
""")


def test_supersede_replaces_an_older_runs_rows(tmp_path):
    with ParquetStore(tmp_path) as store:
        store.commit("r1", 1, {"quarantine": _quarantine(3, "r1")})
        store.commit(
            "r2", 1, {"quarantine": _quarantine(1, "r2", tag="new")}, supersede={f"{0:064x}"}
        )
        rows = pq.ParquetDataset(tmp_path / "quarantine").read().to_pylist()
    assert sorted((r["doc"], r["run_id"]) for r in rows) == [
        ("new0", "r2"),
        ("q1", "r1"),
        ("q2", "r1"),
    ]


CRASHER = textwrap.dedent("""
    import sys
    from camket.store import ParquetStore
    sys.path.insert(0, {tests!r})
    from test_store import _quarantine
    with ParquetStore(sys.argv[1]) as store:
        for seq in (1, 2, 3):
            store.commit("r1", seq, {{"quarantine": _quarantine(2, tag=f"b{{seq}}-")}})
""")


@pytest.mark.parametrize(
    "point, batches_after_recovery",
    [
        ("staged:2", 1),  # died before the journal: batch 2 never happened
        ("journaled:2", 2),  # died after the journal: batch 2 is rolled forward
        ("committed:2", 2),  # died between batches
    ],
)
def test_a_killed_writer_leaves_only_whole_batches(tmp_path, point, batches_after_recovery):
    script = CRASHER.format(tests=os.path.dirname(__file__))
    env = dict(os.environ, **{CRASH_ENV: point})
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True
    )
    assert proc.returncode == -9, proc.stderr.decode()
    # Readers globbing the dataset see only whole Parquet files, never staging files.
    visible = sorted((tmp_path / "quarantine").rglob("*"))
    assert all(p.suffix == ".parquet" for p in visible)
    for path in visible:
        pq.read_table(path)
    with ParquetStore(tmp_path) as store:  # recovery happens on open
        files = [f for f in store.files("quarantine") if EMPTY_FILE not in f]
        assert len(files) == batches_after_recovery
        assert not list((tmp_path / "_camket" / "journal").iterdir())
        assert not list((tmp_path / "_camket" / "staging").iterdir())
