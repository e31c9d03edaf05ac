"""The input ledger: which files a run already processed, so scheduled runs only do what is new.

Each batch commits, with its rows, one ledger row per input file it looked
inside (`<out>/_camket/ledger/`, schema `schemas/ledger.schema.json`). The
newest row per file decides what the next run does with it:

- same path, size and mtime: skipped before reading ("unchanged");
- other size or mtime but the same bytes (SHA-256): not decoded again; a new
  ledger row records the new mtime ("same_content");
- other bytes: reprocessed ("replaced"); in the same commit that writes the new
  rows, its earlier quarantine rows are superseded, and so are the rows of its
  earlier articles that no other file (nor the new version) still holds. A
  changed file thus leaves no duplicates and no stale rows, and an article
  that is still there keeps its row.

A file whose read failed (an I/O error) is recorded as "retry" with its
quarantine row, and every later run reads it again; once it reads, that row is
superseded. A file that is gone keeps its rows (an input folder may be pruned
by a retention policy while its articles stay wanted); with `--prune-missing`
a run supersedes the rows of files under its input root that are gone and
records them as "missing". `--force` ignores the ledger and reprocesses every
file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pyarrow as pa

from camket.ingest.discover import InputFile
from camket.store import ParquetStore


@dataclass(frozen=True)
class LedgerEntry:
    """The newest ledger row of one input file."""

    source_uri: str
    size: int
    mtime: float
    raw_sha256: str | None
    outcome: str
    article_ids: tuple[str, ...]
    quarantine_ids: tuple[str, ...]
    run_id: str
    recorded_at: str


def load_ledger(store: ParquetStore) -> dict[str, LedgerEntry]:
    """The newest entry per source URI (later commits win)."""
    return newest_entries(store.read_table("ledger"))


def newest_entries(table: pa.Table | None) -> dict[str, LedgerEntry]:
    """The newest entry per source URI of ledger rows (later commits win)."""
    if table is None:
        return {}
    rows = table.sort_by(
        [("recorded_at", "ascending"), ("run_id", "ascending"), ("batch", "ascending")]
    )
    entries: dict[str, LedgerEntry] = {}
    for row in rows.to_pylist():
        entries[row["source_uri"]] = LedgerEntry(
            source_uri=row["source_uri"],
            size=row["size"],
            mtime=row["mtime"],
            raw_sha256=row["raw_sha256"],
            outcome=row["outcome"],
            article_ids=tuple(row["article_ids"]),
            quarantine_ids=tuple(row["quarantine_ids"]),
            run_id=row["run_id"],
            recorded_at=row["recorded_at"].isoformat(),
        )
    return entries


@dataclass
class InputPlan:
    """What a run will read: the files to process and the ones skipped unread."""

    todo: list[InputFile] = field(default_factory=list)
    unchanged: list[InputFile] = field(default_factory=list)


#: Ledger outcomes after which an unchanged file is read again: its last read failed, or it
#: was gone and its rows were superseded.
READ_AGAIN = frozenset({"retry", "missing"})


def plan_inputs(
    inputs: list[InputFile], ledger: dict[str, LedgerEntry], *, force: bool = False
) -> InputPlan:
    """Split `inputs` by the ledger: unchanged size and mtime means skip (unless `force`)."""
    plan = InputPlan()
    for item in inputs:
        entry = ledger.get(item.uri)
        if (
            not force
            and entry
            and entry.outcome not in READ_AGAIN
            and entry.size == item.size
            and entry.mtime == item.mtime
        ):
            plan.unchanged.append(item)
        else:
            plan.todo.append(item)
    return plan


def previous_hashes(
    inputs: list[InputFile], ledger: dict[str, LedgerEntry]
) -> dict[str, str | None]:
    """Raw hashes of files whose rows the store still holds: same bytes need no decoding."""
    return {
        item.uri: ledger[item.uri].raw_sha256
        for item in inputs
        if item.uri in ledger and ledger[item.uri].outcome not in READ_AGAIN
    }


def missing_inputs(
    inputs: list[InputFile], ledger: dict[str, LedgerEntry], root_uri: str
) -> list[LedgerEntry]:
    """Ledger entries of files under `root_uri` that are not among `inputs` (gone since)."""
    present = {item.uri for item in inputs}
    prefix = root_uri.rstrip("/") + "/"
    return [
        entry
        for uri, entry in sorted(ledger.items())
        if entry.outcome != "missing"
        and (uri.startswith(prefix) or uri == root_uri)
        and uri not in present
    ]


def ledger_summary(store: ParquetStore) -> dict:
    """What the ledger holds: runs, files by their latest outcome, rows per table."""
    table = store.read_table("ledger")
    runs: dict[str, Counter] = {}
    newest = newest_entries(table)
    if table is not None:
        for row in table.select(["run_id", "outcome", "article_ids", "recorded_at"]).to_pylist():
            counter = runs.setdefault(row["run_id"], Counter())
            counter["files"] += 1
            counter[row["outcome"]] += 1
            counter["articles"] += len(row["article_ids"])
            last = counter.get("_last")
            counter["_last"] = max(last, row["recorded_at"]) if last else row["recorded_at"]
    return {
        "out": store.uri,
        "runs": [
            {
                "run_id": run_id,
                "files": c["files"],
                "outcomes": {k: v for k, v in c.items() if k not in ("files", "articles", "_last")},
                "articles_written": c["articles"],
                "last_commit": c["_last"].isoformat(),
            }
            for run_id, c in sorted(runs.items())
        ],
        "files": len(newest),
        "files_by_outcome": dict(Counter(e.outcome for e in newest.values())),
        "articles_in_ledger": sum(len(e.article_ids) for e in newest.values()),
        "rows": store.row_counts(),
    }
