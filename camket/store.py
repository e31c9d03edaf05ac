"""Write Parquet datasets so readers never see a partial file or a duplicate row.

Layout under the output root (a local folder or an fsspec URI such as
`s3://bucket/camket`):

    <out>/<table>/part-<run_id>-<seq>.parquet   the datasets readers glob
    <out>/_camket/ledger/part-<run_id>-<seq>.parquet   which inputs each batch processed
    <out>/_camket/staging/<run_id>/...tmp       files being written (outside every dataset)
    <out>/_camket/journal/<run_id>-<seq>.json   a batch's commit record
    <out>/_camket/lock                          one writer at a time

A batch is committed by writing all its files to staging, then a journal
naming every move (and every superseded file), then doing the moves. A
crash before the journal leaves only staging debris, deleted at the next
start; a crash after it is rolled forward at the next start. So a batch's
rows land in all tables, and in the ledger, or in none.

Locally a move is a rename and files are fsynced; on object stores a move is
a server-side copy then delete (each object appears whole), and the lock is
a lease object (advisory: a stale lease, older than `LEASE_SECONDS`, is taken
over).
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import posixpath
import signal
import socket
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from camket.arrow_schema import table_schema
from camket.contract import TABLES
from camket.ingest.discover import open_root, protocol_of

STATE_DIR = "_camket"
#: Internal datasets kept under `<out>/_camket/` and committed with the tables.
STATE_TABLES: dict[str, str] = {"ledger": f"{STATE_DIR}/ledger"}
#: Testing hook: "<point>:<seq>" kills the process (SIGKILL) at that point of
#: batch <seq>'s commit; points are "staged", "journaled" and "committed".
CRASH_ENV = "CAMKET_CRASH_AT"
#: The schema-only file each table gets when the output root is created.
EMPTY_FILE = "part-empty.parquet"
#: An object-store lease not renewed for this long is considered abandoned.
LEASE_SECONDS = 15 * 60


class StoreLockedError(RuntimeError):
    """Another camket process is writing to the same output root."""


#: Output roots whose writer lock this process holds through `held_lock` (root key -> store).
_HELD: dict[str, ParquetStore] = {}


@contextlib.contextmanager
def held_lock(root: str | Path) -> Iterator[ParquetStore]:
    """Take `root`'s writer lock for the whole block; stores opened on it inside share it.

    `camket run` takes the lock before anything slow (the Prefect API start,
    discovery) so a second writer fails at once, then runs the flow, whose own
    store reuses the lock instead of refusing itself.
    """
    store = ParquetStore(root).open()
    _HELD[store.key] = store
    try:
        yield store
    finally:
        _HELD.pop(store.key, None)
        store.close()


def _fsync_dir(path: str) -> None:
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
        self.fs, self.root = open_root(root)
        self.local = protocol_of(self.fs) == "file"
        self.uri = str(root)
        self.state = self._join(STATE_DIR)
        self._lock_fd: int | None = None
        self._lease: str | None = None
        self._shared: ParquetStore | None = None  # the holder of a `held_lock` we reuse

    @property
    def key(self) -> str:
        """What identifies the output root for the writer lock."""
        return f"{protocol_of(self.fs)}://{self.root}"

    # -- paths -----------------------------------------------------------------------
    def _join(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def table_dir(self, table: str) -> str:
        """Folder of a table's (or state dataset's) Parquet files."""
        return self._join(STATE_TABLES.get(table, table))

    # -- lifecycle -----------------------------------------------------------------
    def open(self) -> ParquetStore:
        """Take the writer lock and finish or discard what a crashed run left."""
        for folder in ("journal", "staging"):
            self.fs.makedirs(self._join(STATE_DIR, folder), exist_ok=True)
        for table in (*TABLES, *STATE_TABLES):
            self.fs.makedirs(self.table_dir(table), exist_ok=True)
        self._acquire()
        self.recover()
        self.ensure_tables()
        return self

    def close(self) -> None:
        """Drop empty staging folders and release the writer lock."""
        if self.local:
            staging = Path(self._join(STATE_DIR, "staging"))
            for folder in staging.iterdir() if staging.exists() else ():
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
        self._release()

    def __enter__(self) -> ParquetStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _acquire(self) -> None:
        holder = _HELD.get(self.key)
        if holder is not None and holder is not self:
            self._shared, self._lease = holder, holder._lease
            return
        if self.local:
            fd = os.open(self._join(STATE_DIR, "lock"), os.O_CREAT | os.O_RDWR, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise StoreLockedError(f"another camket run is writing to {self.uri}") from None
            self._lock_fd = fd
            return
        lock = self._join(STATE_DIR, "lock")
        me = f"{socket.gethostname()}:{os.getpid()}:{time.time_ns()}"
        self.fs.invalidate_cache()
        if self.fs.exists(lock):
            held = json.loads(self.fs.cat_file(lock))
            if time.time() - held.get("renewed", 0) < LEASE_SECONDS:
                raise StoreLockedError(
                    f"another camket run ({held.get('owner')}) holds the lease on {self.uri}"
                )
        self._lease = me
        self._renew()
        if json.loads(self.fs.cat_file(lock)).get("owner") != me:
            self._lease = None
            raise StoreLockedError(f"another camket run took the lease on {self.uri}")

    def _renew(self) -> None:
        """Write (or refresh) our lease object on an object store."""
        if self._lease is not None:
            lock = self._join(STATE_DIR, "lock")
            self.fs.pipe_file(
                lock, json.dumps({"owner": self._lease, "renewed": time.time()}).encode()
            )

    def _release(self) -> None:
        if self._shared is not None:  # the holder releases it
            self._shared, self._lease = None, None
            return
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None
        if self._lease is not None:
            lock = self._join(STATE_DIR, "lock")
            if self.fs.exists(lock):
                self.fs.rm_file(lock)
            self._lease = None

    def recover(self) -> int:
        """Roll committed journals forward, delete uncommitted staging files; return journals replayed."""
        journals = self._list(self._join(STATE_DIR, "journal"), ".json")
        for journal in journals:
            self._apply(json.loads(self.fs.cat_file(journal)))
            self.fs.rm_file(journal)
        for tmp in self._list(self._join(STATE_DIR, "journal"), ".tmp"):
            self.fs.rm_file(tmp)  # a journal whose write failed: its batch never committed
        staging = self._join(STATE_DIR, "staging")
        for leftover in self.fs.ls(staging, detail=False) if self.fs.exists(staging) else ():
            self.fs.rm(leftover, recursive=True)
        for table in (*TABLES, *STATE_TABLES):  # temp files of a writer that died mid-write
            for tmp in self._list(self.table_dir(table), ".tmp"):
                self.fs.rm_file(tmp)
        return len(journals)

    # -- reading -------------------------------------------------------------------
    def _list(self, folder: str, suffix: str) -> list[str]:
        """Files (recursively) under `folder` ending in `suffix`, sorted."""
        self.fs.invalidate_cache(folder)
        if not self.fs.exists(folder):
            return []
        return sorted(p for p in self.fs.find(folder) if p.endswith(suffix))

    def files(self, table: str) -> list[str]:
        """The committed Parquet files of `table` (or of a state dataset such as "ledger")."""
        return self._list(self.table_dir(table), ".parquet")

    @contextlib.contextmanager
    def _source(self, path: str) -> Iterator[str | IO[bytes]]:
        """What pyarrow reads a committed file from: its path locally, an open file elsewhere."""
        if self.local:
            yield path
            return
        with self.fs.open(path, "rb") as fh:
            yield fh

    def read(self, path: str, columns: list[str] | None = None) -> pa.Table:
        """One committed file (all columns, or `columns`)."""
        with self._source(path) as source:
            return pq.read_table(source, columns=columns)

    def schema(self, path: str) -> pa.Schema:
        """The Arrow schema in a committed file's footer."""
        with self._source(path) as source:
            return pq.read_schema(source)

    def read_table(self, table: str, columns: list[str] | None = None) -> pa.Table | None:
        """Every committed file of `table` concatenated, or None when it has none."""
        parts = [self.read(path, columns) for path in self.files(table)]
        parts = [p for p in parts if p.num_rows]
        if not parts:
            return None
        return pa.concat_tables(parts, promote_options="default")

    def existing_values(self, table: str, column: str) -> set[str]:
        """Distinct values of `column` over every committed file of `table`."""
        values: set[str] = set()
        for path in self.files(table):
            values.update(self.read(path, [column]).column(column).to_pylist())
        return values

    def row_counts(self) -> dict[str, int]:
        """Rows per table (and state dataset), from the Parquet footers only."""
        counts = {}
        for table in (*TABLES, *STATE_TABLES):
            total = 0
            for path in self.files(table):
                with self._source(path) as source:
                    total += pq.read_metadata(source).num_rows
            counts[table] = total
        return counts

    # -- writing -------------------------------------------------------------------
    def commit(
        self,
        run_id: str,
        seq: int,
        tables: dict[str, pa.Table],
        supersede: Iterable[str] | Mapping[str, Iterable[str]] = (),
    ) -> dict[str, int]:
        """Atomically add `tables`' rows and drop superseded rows from older runs' files.

        `supersede` maps a column to values whose rows go ("article_id" drops an
        article's rows in every table that has that column, "quarantine_id" a
        quarantine row); a plain iterable means article ids. Returns the rows
        written per table.
        """
        journal = self._join(STATE_DIR, "journal", f"{run_id}-{seq:05d}.json")
        if self.fs.exists(journal):  # an earlier attempt got past its journal: finish it first
            self._apply(json.loads(self.fs.cat_file(journal)))
            self.fs.rm_file(journal)
        staging = self._join(STATE_DIR, "staging", run_id)
        self.fs.makedirs(staging, exist_ok=True)
        moves: list[tuple[str, str]] = []
        deletes: list[str] = []
        written: dict[str, int] = {}
        try:
            for table, data in tables.items():
                written[table] = data.num_rows
                if data.num_rows == 0:
                    continue
                name = f"part-{run_id}-{seq:05d}.parquet"
                staged = posixpath.join(staging, f"{table}-{name}.tmp")
                moves.append((staged, posixpath.join(self.table_dir(table), name)))
                self._write(data, staged)
            if not isinstance(supersede, Mapping):
                supersede = {"article_id": supersede}
            drop = {column: set(values) for column, values in supersede.items() if values}
            if drop:
                deletes = self._stage_supersede(run_id, seq, drop, staging, moves)
            if not moves and not deletes:
                return written
            _crash_point("staged", seq)
            self._write_journal(journal, {"moves": moves, "deletes": deletes})
        except BaseException:
            # Nothing is committed: free what this attempt staged (a full disk needs it).
            self._discard([staged for staged, _ in moves] + [journal + ".tmp"])
            raise
        _crash_point("journaled", seq)
        self._apply({"moves": moves, "deletes": deletes})
        self.fs.rm_file(journal)
        if deletes:  # a table left without files would fail every reader's glob
            self.ensure_tables()
        self._renew()
        _crash_point("committed", seq)
        return written

    def _write_journal(self, journal: str, record: dict) -> None:
        """Write a commit record durably and atomically (the batch's point of no return)."""
        body = json.dumps(record).encode("utf-8")
        if not self.local:
            self.fs.pipe_file(journal, body)
            return
        tmp = journal + ".tmp"
        with open(tmp, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, journal)
        _fsync_dir(posixpath.dirname(journal))

    def _discard(self, paths: list[str]) -> None:
        """Delete staged files of a failed attempt, ignoring the ones never written."""
        for path in paths:
            with contextlib.suppress(OSError):
                if self.fs.exists(path):
                    self.fs.rm_file(path)

    def ensure_tables(self) -> list[str]:
        """Give every table at least one (possibly empty) file so globs over it resolve.

        Called when the store opens, so a reader can query every table of an
        output root from its creation on, before the table's first rows land.
        """
        made = []
        for table in (*TABLES, *STATE_TABLES):
            if not self.files(table):
                staged = self._join(STATE_DIR, "staging", f"{table}-empty.tmp")
                self._write(table_schema(table).empty_table(), staged)
                self._move(staged, posixpath.join(self.table_dir(table), EMPTY_FILE))
                made.append(table)
        return made

    def _write(self, data: pa.Table, path: str) -> None:
        if self.local:
            pq.write_table(data, path, compression="zstd")
            with open(path, "rb+") as fh:
                os.fsync(fh.fileno())
            return
        buffer = io.BytesIO()
        pq.write_table(data, buffer, compression="zstd")
        self.fs.pipe_file(path, buffer.getvalue())

    def _move(self, source: str, target: str) -> None:
        if self.local:
            os.replace(source, target)
        else:
            self.fs.mv(source, target)

    def _stage_supersede(
        self,
        run_id: str,
        seq: int,
        drop: dict[str, set[str]],
        staging: str,
        moves: list[tuple[str, str]],
    ) -> list[str]:
        """Stage copies of older runs' files without the rows matched by `drop`; return files to delete.

        Each staged copy is added to `moves` before it is written, so a failed
        attempt knows every file it may have left in staging.
        """
        deletes: list[str] = []
        wanted = {
            column: pa.array(sorted(values), type=pa.string()) for column, values in drop.items()
        }
        for table in TABLES:
            for path in self.files(table):
                if f"-{run_id}-" in posixpath.basename(path):
                    continue
                columns = [c for c in wanted if c in self.schema(path).names]
                if not columns:
                    continue
                keys = self.read(path, columns)
                if keys.num_rows == 0:
                    continue
                hit = None
                for column in columns:
                    found = pc.fill_null(
                        pc.is_in(keys.column(column), value_set=wanted[column]), False
                    )
                    hit = found if hit is None else pc.or_(hit, found)
                if not pc.any(hit).as_py():
                    continue
                data = self.read(path)
                kept = data.filter(pc.invert(hit))
                if kept.num_rows == 0:
                    deletes.append(path)
                    continue
                staged = posixpath.join(
                    staging, f"{table}-{posixpath.basename(path)}-{seq:05d}.tmp"
                )
                moves.append((staged, path))
                self._write(kept.replace_schema_metadata(data.schema.metadata), staged)
        return deletes

    def _apply(self, journal: dict) -> None:
        """Do a journal's moves and deletes; safe to repeat after a crash."""
        self.fs.invalidate_cache()
        touched = set()
        for staged, final in journal["moves"]:
            if self.fs.exists(staged):
                self._move(staged, final)
                touched.add(posixpath.dirname(final))
        for path in journal["deletes"]:
            if self.fs.exists(path):
                self.fs.rm_file(path)
                touched.add(posixpath.dirname(path))
        if self.local:
            for folder in touched:
                _fsync_dir(folder)
