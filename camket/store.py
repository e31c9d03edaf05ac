"""Write Parquet datasets so readers never see a partial file or a duplicate row.

Layout under the output root:

    <out>/<table>/part-<run_id>-<seq>.parquet   the datasets readers glob
    <out>/_camket/staging/<run_id>/...tmp       files being written (outside every dataset)
    <out>/_camket/journal/<run_id>-<seq>.json   a batch's commit record
    <out>/_camket/lock                          one writer at a time

A batch is committed by writing all its files to staging, then a journal
naming every rename (and every superseded file), then doing the renames. A
crash before the journal leaves only staging debris, deleted at the next
start; a crash after it is rolled forward at the next start. So a batch's
rows land in all tables or in none.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from camket.arrow_schema import table_schema
from camket.contract import TABLES

STATE_DIR = "_camket"
#: Testing hook: "<point>:<seq>" kills the process (SIGKILL) at that point of
#: batch <seq>'s commit; points are "staged", "journaled" and "committed".
CRASH_ENV = "CAMKET_CRASH_AT"


class StoreLockedError(RuntimeError):
    """Another camket process is writing to the same output root."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _crash_point(point: str, seq: int) -> None:
    if os.environ.get(CRASH_ENV) == f"{point}:{seq}":
        os.kill(os.getpid(), signal.SIGKILL)


class ParquetStore:
    """The output root: atomic batch commits, recovery, and the ids already written."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.state = self.root / STATE_DIR
        self._lock_fd: int | None = None

    # -- lifecycle -----------------------------------------------------------------
    def open(self) -> ParquetStore:
        """Take the writer lock and finish or discard what a crashed run left."""
        (self.state / "journal").mkdir(parents=True, exist_ok=True)
        (self.state / "staging").mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            (self.root / table).mkdir(parents=True, exist_ok=True)
        fd = os.open(self.state / "lock", os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLockedError(f"another camket run is writing to {self.root}") from None
        self._lock_fd = fd
        self.recover()
        return self

    def close(self) -> None:
        """Drop empty staging folders and release the writer lock."""
        staging = self.state / "staging"
        for folder in staging.iterdir() if staging.exists() else ():
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> ParquetStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def recover(self) -> int:
        """Roll committed journals forward, delete uncommitted staging files; return journals replayed."""
        journals = sorted((self.state / "journal").glob("*.json"))
        for journal in journals:
            self._apply(json.loads(journal.read_text(encoding="utf-8")))
            journal.unlink()
        for leftover in (self.state / "staging").iterdir():
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        for table in TABLES:  # temp files of a writer that died inside pq.write_table
            for tmp in (self.root / table).glob("*.tmp"):
                tmp.unlink()
        return len(journals)

    # -- reading -------------------------------------------------------------------
    def files(self, table: str) -> list[Path]:
        """The committed Parquet files of `table`."""
        return sorted((self.root / table).glob("*.parquet"))

    def existing_values(self, table: str, column: str) -> set[str]:
        """Distinct values of `column` over every committed file of `table`."""
        values: set[str] = set()
        for path in self.files(table):
            values.update(pq.read_table(path, columns=[column]).column(column).to_pylist())
        return values

    # -- writing -------------------------------------------------------------------
    def commit(
        self, run_id: str, seq: int, tables: dict[str, pa.Table], supersede: Iterable[str] = ()
    ) -> dict[str, int]:
        """Atomically add `tables`' rows; drop rows of articles in `supersede` from older runs' files.

        Returns the rows written per table.
        """
        staging = self.state / "staging" / run_id
        staging.mkdir(parents=True, exist_ok=True)
        moves: list[tuple[str, str]] = []
        deletes: list[str] = []
        written: dict[str, int] = {}
        for table, data in tables.items():
            written[table] = data.num_rows
            if data.num_rows == 0:
                continue
            name = f"part-{run_id}-{seq:05d}.parquet"
            staged = staging / f"{table}-{name}.tmp"
            self._write(data, staged)
            moves.append((str(staged), str(self.root / table / name)))
        superseded = set(supersede)
        if superseded:
            more_moves, deletes = self._stage_supersede(run_id, seq, superseded, staging)
            moves += more_moves
        if not moves and not deletes:
            return written
        _crash_point("staged", seq)
        journal = self.state / "journal" / f"{run_id}-{seq:05d}.json"
        tmp = journal.with_suffix(".json.tmp")
        tmp.write_text(json.dumps({"moves": moves, "deletes": deletes}), encoding="utf-8")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, journal)
        _fsync_dir(journal.parent)
        _crash_point("journaled", seq)
        self._apply({"moves": moves, "deletes": deletes})
        journal.unlink()
        _crash_point("committed", seq)
        return written

    def ensure_tables(self, run_id: str) -> list[str]:
        """Give every table at least one (possibly empty) file so globs over it resolve."""
        made = []
        for table in TABLES:
            if not self.files(table):
                staged = self.state / "staging" / f"{table}-empty.tmp"
                self._write(table_schema(table, run_id=run_id).empty_table(), staged)
                os.replace(staged, self.root / table / f"part-{run_id}-empty.parquet")
                made.append(table)
        return made

    @staticmethod
    def _write(data: pa.Table, path: Path) -> None:
        pq.write_table(data, path, compression="zstd")
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())

    def _stage_supersede(
        self, run_id: str, seq: int, article_ids: set[str], staging: Path
    ) -> tuple[list[tuple[str, str]], list[str]]:
        """Stage copies of older runs' files without the rows of `article_ids`."""
        moves: list[tuple[str, str]] = []
        deletes: list[str] = []
        wanted = pa.array(sorted(article_ids), type=pa.string())
        for table in TABLES:
            for path in self.files(table):
                if f"-{run_id}-" in path.name:
                    continue
                data = pq.read_table(path)
                if "article_id" not in data.column_names or data.num_rows == 0:
                    continue
                hit = pc.fill_null(pc.is_in(data.column("article_id"), value_set=wanted), False)
                if not pc.any(hit).as_py():
                    continue
                kept = data.filter(pc.invert(hit))
                if kept.num_rows == 0:
                    deletes.append(str(path))
                    continue
                staged = staging / f"{table}-{path.name}-{seq:05d}.tmp"
                self._write(kept.replace_schema_metadata(data.schema.metadata), staged)
                moves.append((str(staged), str(path)))
        return moves, deletes

    def _apply(self, journal: dict) -> None:
        """Do a journal's renames and deletes; safe to repeat after a crash."""
        touched = set()
        for staged, final in journal["moves"]:
            if os.path.exists(staged):
                os.replace(staged, final)
                touched.add(Path(final).parent)
        for path in journal["deletes"]:
            if os.path.exists(path):
                os.unlink(path)
                touched.add(Path(path).parent)
        for folder in touched:
            _fsync_dir(folder)
