"""The batch stages as plain functions: read -> clean -> rows -> validate, then dedup and write.

Prefect flows call these; tests call them directly. Nothing here imports Prefect.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from camket.clean import clean_article
from camket.contract import TABLES
from camket.ingest.discover import InputFile
from camket.ingest.readers import DEFAULT_MAX_BYTES, load_input, parse_input
from camket.ledger import LedgerEntry
from camket.records import RawArticle, Rejected, sha256_hex
from camket.rows import article_row, quarantine_row, rows_to_table, utc_now_iso
from camket.store import ParquetStore
from camket.validate import partition_valid

Row = dict[str, Any]
#: Extraction hook: validated article rows -> (entity rows, commitment rows).
Extractor = Callable[[list[Row]], tuple[list[Row], list[Row]]]


class RunFailed(RuntimeError):
    """The run stopped before every batch was written; the message says which and why."""


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


BATCH_BYTES_SLACK = 1.25  # a batch may hold this much more than the average batch's bytes


def balanced_batches(items: list[InputFile], size: int) -> list[list[InputFile]]:
    """Consecutive batches of at most `size` files and, past one file, at most 1.25 times
    the bytes of an average batch of `size` files.

    Files of one size give consecutive slices of `size`; a run of large files (JSONL feeds of
    many articles) is spread over more batches, so no batch holds several times the work of
    the others and keeps one worker busy while the rest wait at the end of a run.
    """
    if size < 1:
        raise ValueError("batch size must be at least 1")
    total = sum(max(f.size, 1) for f in items)
    budget = BATCH_BYTES_SLACK * size * total / len(items) if items else 0
    batches: list[list[InputFile]] = []
    current: list[InputFile] = []
    held = 0
    for f in items:
        weight = max(f.size, 1)
        if current and (len(current) >= size or held + weight > budget):
            batches.append(current)
            current, held = [], 0
        current.append(f)
        held += weight
    if current:
        batches.append(current)
    return batches


@dataclass
class SourceResult:
    """What became of one input file in a batch (the writer turns it into a ledger row)."""

    input: InputFile
    raw_sha256: str | None = None
    #: "processed" (read and parsed), "same_content" (bytes as in the ledger, not
    #: decoded again), "quarantined" (the file itself was rejected) or "retry" (I/O error)
    outcome: str = "processed"
    article_ids: list[str] = field(default_factory=list)  # articles made from it, in order


@dataclass
class BatchResult:
    """What processing one batch produced, ready for the writer."""

    seq: int
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    rejected: list[Rejected] = field(default_factory=list)
    sources: list[SourceResult] = field(default_factory=list)
    article_source: dict[str, str] = field(default_factory=dict)  # article_id -> input URI
    #: entity and commitment rows already as Arrow (see `to_arrow`); they replace `rows`
    tables: dict[str, pa.Table] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)
    #: seconds spent per stage: read, clean, validate, extract (write is added by the writer)
    stage_seconds: Counter = field(default_factory=Counter)
    seconds: float = 0.0


BULKY_TABLES = ("entities", "commitments")


def to_arrow(batch: BatchResult, run_id: str) -> BatchResult:
    """Convert the bulky tables' rows to Arrow where they were made (a task worker).

    Arrow tables pickle far faster than lists of dicts, and the writer, which
    runs in the flow's process, then only filters them.
    """
    started = time.perf_counter()
    for table in BULKY_TABLES:
        batch.tables[table] = rows_to_table(table, batch.rows[table], run_id=run_id)
        batch.rows[table] = []
    batch.stage_seconds["arrow"] += time.perf_counter() - started
    return batch


def process_batch(
    paths: Iterable[InputFile | Path],
    *,
    seq: int,
    run_id: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extractor: Extractor | None = None,
    previous_sha256: dict[str, str | None] | None = None,
) -> BatchResult:
    """Read, clean, extract and validate the articles of `paths`.

    `previous_sha256` maps input URIs to the raw hash the ledger holds: a file
    whose bytes still hash the same is not decoded again.
    """
    started = time.perf_counter()
    result = BatchResult(seq=seq)
    clock = _StageClock(result.stage_seconds)
    now = utc_now_iso()
    previous_sha256 = previous_sha256 or {}
    articles: list[Row] = []
    first_doc: dict[str, str] = {}  # article_id -> doc of its first copy in this batch
    for path in paths:
        source = SourceResult(path if isinstance(path, InputFile) else InputFile.from_path(path))
        result.sources.append(source)
        result.stats["files"] += 1
        uri = source.input.uri
        with clock("read"):
            data = load_input(source.input, max_bytes=max_bytes)
        if isinstance(data, Rejected):
            transient = data.reason.startswith("cannot read file")
            source.outcome = "retry" if transient else "quarantined"
            result.rejected.append(_from_input(data, uri))
            continue
        source.raw_sha256 = sha256_hex(data)
        if previous_sha256.get(uri) == source.raw_sha256:
            source.outcome = "same_content"
            continue
        rejected_before = len(result.rejected)  # this file's rejections follow
        items = iter(parse_input(source.input, data))
        while True:
            with clock("read"):
                item = next(items, None)
            if item is None:
                break
            if isinstance(item, Rejected):
                result.rejected.append(_from_input(item, uri))
                continue
            result.stats["articles_read"] += 1
            with clock("clean"):
                row = _clean_to_row(item, run_id=run_id, now=now, rejected=result.rejected)
            if row is None:
                result.rejected[-1] = _from_input(result.rejected[-1], uri)
                continue
            source.article_ids.append(row["article_id"])
            result.article_source.setdefault(row["article_id"], uri)
            if row["article_id"] in first_doc:  # extracted once; later copies are quarantined
                result.rejected.append(_duplicate(row, first_doc[row["article_id"]], uri))
                continue
            first_doc[row["article_id"]] = row["doc"]
            articles.append(row)
        if not source.article_ids and any(
            r.article_id is None for r in result.rejected[rejected_before:]
        ):
            source.outcome = "quarantined"
    with clock("validate"):
        valid_articles, bad = partition_valid("articles", articles)
    result.rejected += bad
    result.rows["articles"] = valid_articles
    if extractor is not None and valid_articles:
        with clock("extract"):
            entities, commitments = extractor(valid_articles)
        with clock("validate"):
            result.rows["entities"], bad_entities = partition_valid("entities", entities)
            result.rows["commitments"], bad_commitments = partition_valid(
                "commitments", commitments
            )
        result.rejected += bad_entities + bad_commitments
    result.seconds = time.perf_counter() - started
    return result


def _duplicate(row: Row, first_doc: str, uri: str) -> Rejected:
    """The dedup rejection of a later copy of an article already in the batch (not extracted)."""
    return Rejected(
        doc=row["doc"],
        source_uri=row["source_uri"],
        stage="dedup",
        reason=f"same cleaned text as doc {first_doc!r} in this run",
        article_id=row["article_id"],
        payload=row["clean_text"][:300],
        extra={"input": uri},
    )


def _from_input(item: Rejected, uri: str) -> Rejected:
    """`item` tagged with the input file it came from (for the ledger)."""
    return replace(item, extra={**item.extra, "input": uri})


class _StageClock:
    """`with clock("stage"):` adds the block's wall seconds to `totals["stage"]`."""

    def __init__(self, totals: Counter):
        self.totals = totals

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.totals[stage] += time.perf_counter() - started


def _clean_to_row(
    raw: RawArticle, *, run_id: str, now: str, rejected: list[Rejected]
) -> Row | None:
    try:
        cleaned = clean_article(raw.text, title=raw.title)
    except Exception as exc:  # a cleaner bug must not sink the batch
        rejected.append(
            Rejected(
                doc=raw.doc,
                source_uri=raw.source_uri,
                stage="clean",
                reason=f"cleaning failed: {type(exc).__name__}: {exc}",
                payload=raw.text[:300],
            )
        )
        return None
    body = (
        cleaned.text[len(cleaned.title or "") :].strip() if cleaned.title else cleaned.text.strip()
    )
    if not body:
        rejected.append(
            Rejected(
                doc=raw.doc,
                source_uri=raw.source_uri,
                stage="clean",
                reason="no article body left after removing boilerplate",
                payload=raw.text[:300],
            )
        )
        return None
    return article_row(raw, cleaned, run_id=run_id, now=now)


#: Ledger outcomes whose file held rows (a later version of it "replaces" them).
HELD_ROWS = frozenset({"processed", "replaced", "same_content", "quarantined"})


class BatchWriter:
    """Dedup a batch against earlier runs and this run, validate quarantine rows, commit it.

    With a ledger (see `camket.ledger`), a changed input's earlier rows are
    superseded in the commit that writes its new ones, and every input the
    batch looked at gets a ledger row in that same commit.
    """

    def __init__(
        self,
        store: ParquetStore,
        run_id: str,
        *,
        force: bool = False,
        ledger: dict[str, LedgerEntry] | None = None,
    ):
        self.store, self.run_id, self.force = store, run_id, force
        self.ledger = ledger or {}
        self.known_articles = set() if force else store.existing_values("articles", "article_id")
        self.known_quarantine = store.existing_values("quarantine", "quarantine_id")
        self.seen: dict[str, str] = {}  # article_id -> doc, this run
        self.claims: Counter = Counter()  # article_id -> input files holding it (ledger)
        for entry in self.ledger.values():
            self.claims.update(entry.article_ids)
        self.totals: Counter = Counter()
        self.stage_seconds: Counter = Counter()  # summed over batches (worker seconds)

    def write(self, batch: BatchResult) -> dict[str, int]:
        """Commit `batch`; return rows written per table.

        The writer's memory of this run (articles seen, quarantine ids, claims)
        changes only after the store commit succeeds, so a commit that raises
        (disk full, an object-store error) can be retried with the same batch
        and writes exactly what the first attempt would have.
        """
        started = time.perf_counter()
        now = utc_now_iso()
        # Inputs reprocessed because they changed (or retried after an I/O error):
        # their earlier rows go, except articles another file (or the new version) holds.
        replaced = [
            self.ledger[s.input.uri]
            for s in batch.sources
            if s.outcome in ("processed", "quarantined", "retry") and s.input.uri in self.ledger
        ]
        valid_ids = {r["article_id"] for r in batch.rows["articles"]}
        held = Counter()
        for source in batch.sources:
            if source.outcome == "processed":
                held.update(set(source.article_ids) & valid_ids)
        claims_delta, drop_articles, drop_quarantine = self._superseded(replaced, held)
        known_articles = self.known_articles - drop_articles
        known_quarantine = self.known_quarantine - drop_quarantine
        rejected = list(batch.rejected)
        keep: dict[str, str] = {}  # article_id -> doc, new in this batch
        articles: list[Row] = []
        skipped_existing = 0
        for row in batch.rows["articles"]:
            aid = row["article_id"]
            first = self.seen.get(aid) or keep.get(aid)
            if first is not None:
                rejected.append(
                    Rejected(
                        doc=row["doc"],
                        source_uri=row["source_uri"],
                        stage="dedup",
                        reason=f"same cleaned text as doc {first!r} in this run",
                        article_id=aid,
                        payload=row["clean_text"][:300],
                    )
                )
            elif aid in known_articles:
                skipped_existing += 1
            else:
                keep[aid] = row["doc"]
                articles.append(row)
        keep_ids = set(keep)
        rows: dict[str, list[Row]] = {
            "articles": articles,
        }
        for table in BULKY_TABLES:
            if table not in batch.tables:
                rows[table] = [r for r in batch.rows[table] if r["article_id"] in keep_ids]
        quarantine, quarantine_ids = [], set()
        by_input: dict[str, list[str]] = {}  # input URI -> its quarantine ids
        already_recorded = 0
        for item in rejected:
            qrow = quarantine_row(item, run_id=self.run_id, now=now)
            qid = qrow["quarantine_id"]
            source = item.extra.get("input") or batch.article_source.get(item.article_id or "")
            if source:
                by_input.setdefault(source, []).append(qid)
            if qid in known_quarantine or qid in quarantine_ids:
                already_recorded += 1
                continue
            quarantine_ids.add(qid)
            quarantine.append(qrow)
        valid_quarantine, broken = partition_valid("quarantine", quarantine)
        if broken:  # camket's own bug: say so loudly rather than lose the item
            raise ValueError(f"quarantine rows break their schema: {broken[0].errors}")
        rows["quarantine"] = valid_quarantine
        ledger_rows = self._ledger_rows(batch, valid_ids, by_input, now)
        tables = {
            name: rows_to_table(name, data, run_id=self.run_id) for name, data in rows.items()
        }
        wanted = pa.array(sorted(keep_ids), type=pa.string())
        for name, data in batch.tables.items():
            tables[name] = data.filter(pc.is_in(data.column("article_id"), value_set=wanted))
        tables["ledger"] = rows_to_table("ledger", ledger_rows, run_id=self.run_id)
        supersede = {
            "article_id": drop_articles | (keep_ids if self.force else set()),
            "quarantine_id": drop_quarantine,
        }
        written = self.store.commit(self.run_id, batch.seq, tables, supersede=supersede)
        # Committed: only now does the writer remember the batch.
        self.claims.update(claims_delta)
        self.known_articles = known_articles
        self.known_quarantine = known_quarantine | quarantine_ids
        self.seen.update(keep)
        self.totals["skipped_existing"] += skipped_existing
        self.totals["quarantine_already_recorded"] += already_recorded
        for row in ledger_rows:
            self.totals[f"files_{row['outcome']}"] += 1
        self.totals.update(batch.stats)
        self.totals.update({f"rows_{name}": n for name, n in written.items()})
        self.stage_seconds.update(batch.stage_seconds)
        self.stage_seconds["write"] += time.perf_counter() - started
        return written

    def prune(self, entries: list[LedgerEntry], seq: int) -> dict[str, int]:
        """Supersede the rows of input files that are gone, and record them as "missing".

        An article goes only when no other file still holds it; the file's
        quarantine rows go with it. One commit, like a batch.
        """
        if not entries:
            return {}
        now = utc_now_iso()
        claims_delta, drop_articles, drop_quarantine = self._superseded(entries, Counter())
        ledger_rows = [
            {
                "source_uri": entry.source_uri,
                "size": entry.size,
                "mtime": entry.mtime,
                "raw_sha256": entry.raw_sha256,
                "outcome": "missing",
                "article_ids": [],
                "quarantine_ids": [],
                "run_id": self.run_id,
                "batch": seq,
                "recorded_at": now,
            }
            for entry in entries
        ]
        valid, broken = partition_valid("ledger", ledger_rows)
        if broken:
            raise ValueError(f"ledger rows break their schema: {broken[0].errors}")
        tables = {"ledger": rows_to_table("ledger", valid, run_id=self.run_id)}
        supersede = {"article_id": drop_articles, "quarantine_id": drop_quarantine}
        written = self.store.commit(self.run_id, seq, tables, supersede=supersede)
        self.claims.update(claims_delta)
        self.known_articles -= drop_articles
        self.known_quarantine -= drop_quarantine
        self.totals["files_missing"] += len(entries)
        self.totals["articles_pruned"] += len(drop_articles)
        return written

    def _superseded(
        self, entries: list[LedgerEntry], held: Counter
    ) -> tuple[Counter, set[str], set[str]]:
        """What goes when `entries`' files give up their rows and the batch holds `held`.

        Returns the change to the claims, the articles no file holds any more,
        and the quarantine rows of those files. Reads the writer's state only.
        """
        claims_delta = Counter(held)
        for entry in entries:
            claims_delta.subtract(entry.article_ids)
        drop_articles = {
            aid
            for entry in entries
            for aid in entry.article_ids
            if self.claims[aid] + claims_delta[aid] <= 0
        }
        drop_quarantine = {qid for entry in entries for qid in entry.quarantine_ids}
        return claims_delta, drop_articles, drop_quarantine

    def _ledger_rows(
        self, batch: BatchResult, valid_ids: set[str], by_input: dict[str, list[str]], now: str
    ) -> list[Row]:
        rows = []
        for source in batch.sources:
            uri = source.input.uri
            before = self.ledger.get(uri)
            if source.outcome == "same_content" and before is not None:
                outcome = "same_content"
                article_ids = list(before.article_ids)
                quarantine_ids = list(before.quarantine_ids)
            else:
                outcome = source.outcome
                if outcome == "processed" and before is not None and before.outcome in HELD_ROWS:
                    outcome = "replaced"
                article_ids = list(dict.fromkeys(a for a in source.article_ids if a in valid_ids))
                quarantine_ids = list(dict.fromkeys(by_input.get(uri, ())))
            rows.append(
                {
                    "source_uri": uri,
                    "size": source.input.size,
                    "mtime": source.input.mtime,
                    "raw_sha256": source.raw_sha256,
                    "outcome": outcome,
                    "article_ids": article_ids,
                    "quarantine_ids": quarantine_ids,
                    "run_id": self.run_id,
                    "batch": batch.seq,
                    "recorded_at": now,
                }
            )
        valid, broken = partition_valid("ledger", rows)
        if broken:
            raise ValueError(f"ledger rows break their schema: {broken[0].errors}")
        return valid
