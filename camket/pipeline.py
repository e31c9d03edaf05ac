"""The batch stages as plain functions: read -> clean -> rows -> validate, then dedup and write.

Prefect flows call these; tests call them directly. Nothing here imports Prefect.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from camket.clean import clean_article
from camket.contract import TABLES
from camket.ingest.readers import DEFAULT_MAX_BYTES, read_input
from camket.records import RawArticle, Rejected
from camket.rows import article_row, quarantine_row, rows_to_table, utc_now_iso
from camket.store import ParquetStore
from camket.validate import partition_valid

Row = dict[str, Any]
#: Extraction hook: validated article rows -> (entity rows, commitment rows).
Extractor = Callable[[list[Row]], tuple[list[Row], list[Row]]]


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def chunked(items: list[Path], size: int) -> Iterator[list[Path]]:
    """Consecutive slices of `items` of at most `size` elements."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class BatchResult:
    """What processing one batch produced, ready for the writer."""

    seq: int
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    rejected: list[Rejected] = field(default_factory=list)
    stats: Counter = field(default_factory=Counter)
    #: seconds spent per stage: read, clean, validate, extract (write is added by the writer)
    stage_seconds: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def process_batch(
    paths: Iterable[Path],
    *,
    seq: int,
    run_id: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extractor: Extractor | None = None,
) -> BatchResult:
    """Read, clean, extract and validate the articles of `paths`."""
    started = time.perf_counter()
    result = BatchResult(seq=seq)
    clock = _StageClock(result.stage_seconds)
    now = utc_now_iso()
    articles: list[Row] = []
    for path in paths:
        result.stats["files"] += 1
        items = iter(read_input(Path(path), max_bytes=max_bytes))
        while True:
            with clock("read"):
                item = next(items, None)
            if item is None:
                break
            if isinstance(item, Rejected):
                result.rejected.append(item)
                continue
            result.stats["articles_read"] += 1
            with clock("clean"):
                row = _clean_to_row(item, run_id=run_id, now=now, rejected=result.rejected)
            if row is not None:
                articles.append(row)
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


class BatchWriter:
    """Dedup a batch against earlier runs and this run, validate quarantine rows, commit it."""

    def __init__(self, store: ParquetStore, run_id: str, *, force: bool = False):
        self.store, self.run_id, self.force = store, run_id, force
        self.known_articles = set() if force else store.existing_values("articles", "article_id")
        self.known_quarantine = store.existing_values("quarantine", "quarantine_id")
        self.seen: dict[str, str] = {}  # article_id -> doc, this run
        self.totals: Counter = Counter()
        self.stage_seconds: Counter = Counter()  # summed over batches (worker seconds)

    def write(self, batch: BatchResult) -> dict[str, int]:
        """Commit `batch`; return rows written per table."""
        started = time.perf_counter()
        now = utc_now_iso()
        rejected = list(batch.rejected)
        keep_ids: set[str] = set()
        articles: list[Row] = []
        for row in batch.rows["articles"]:
            aid = row["article_id"]
            if aid in self.seen:
                rejected.append(
                    Rejected(
                        doc=row["doc"],
                        source_uri=row["source_uri"],
                        stage="dedup",
                        reason=f"same cleaned text as doc {self.seen[aid]!r} in this run",
                        article_id=aid,
                        payload=row["clean_text"][:300],
                    )
                )
            elif aid in self.known_articles:
                self.totals["skipped_existing"] += 1
            else:
                self.seen[aid] = row["doc"]
                keep_ids.add(aid)
                articles.append(row)
        rows: dict[str, list[Row]] = {
            "articles": articles,
            "entities": [r for r in batch.rows["entities"] if r["article_id"] in keep_ids],
            "commitments": [r for r in batch.rows["commitments"] if r["article_id"] in keep_ids],
        }
        quarantine, quarantine_ids = [], set()
        for item in rejected:
            qrow = quarantine_row(item, run_id=self.run_id, now=now)
            qid = qrow["quarantine_id"]
            if qid in self.known_quarantine or qid in quarantine_ids:
                self.totals["quarantine_already_recorded"] += 1
                continue
            quarantine_ids.add(qid)
            quarantine.append(qrow)
        valid_quarantine, broken = partition_valid("quarantine", quarantine)
        if broken:  # camket's own bug: say so loudly rather than lose the item
            raise ValueError(f"quarantine rows break their schema: {broken[0].errors}")
        rows["quarantine"] = valid_quarantine
        self.known_quarantine |= quarantine_ids
        tables = {
            name: rows_to_table(name, data, run_id=self.run_id) for name, data in rows.items()
        }
        written = self.store.commit(
            self.run_id, batch.seq, tables, supersede=keep_ids if self.force else ()
        )
        self.totals.update(batch.stats)
        self.totals.update({f"rows_{name}": n for name, n in written.items()})
        self.stage_seconds.update(batch.stage_seconds)
        self.stage_seconds["write"] += time.perf_counter() - started
        return written
