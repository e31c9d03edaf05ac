"""Build table rows (dicts shaped by the JSON Schemas) and turn them into Arrow tables.

Rows are JSON-shaped (dates as ISO strings) because that is what the schema
validates; conversion to Arrow types happens once, at the end, here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from camket.arrow_schema import table_schema
from camket.records import RawArticle, Rejected, sha256_hex

if TYPE_CHECKING:
    from camket.clean import CleanedArticle


def utc_now_iso() -> str:
    """The current UTC time as an RFC 3339 string."""
    return datetime.now(UTC).isoformat()


def article_id_of(clean_text: str) -> str:
    """The dedup key: SHA-256 of the cleaned text with whitespace runs folded to one space."""
    return sha256_hex(" ".join(clean_text.split()))


def article_row(
    raw: RawArticle, cleaned: CleanedArticle, *, run_id: str, now: str
) -> dict[str, Any]:
    """The `articles` row of a cleaned article. Input metadata wins over what cleaning found."""
    return {
        "article_id": article_id_of(cleaned.text),
        "doc": raw.doc,
        "source_uri": raw.source_uri,
        "url": raw.url,
        "title": raw.title or cleaned.title,
        "published": raw.published or cleaned.published,
        "author": raw.author or cleaned.author,
        "source_name": cleaned.source_name or raw.source_name,
        "photo_credits": list(cleaned.photo_credits),
        "clean_text": cleaned.text,
        "raw_sha256": raw.raw_sha256,
        "encoding": raw.encoding,
        "n_chars_raw": len(raw.text),
        "n_chars_clean": len(cleaned.text),
        "n_lines_removed": cleaned.removed_lines,
        "run_id": run_id,
        "ingested_at": now,
    }


def quarantine_row(item: Rejected, *, run_id: str, now: str) -> dict[str, Any]:
    """The `quarantine` row of a rejected input or record; its id is stable across runs."""
    key = "\x1f".join([item.source_uri, item.stage, item.table or "", item.reason, item.payload])
    return {
        "quarantine_id": sha256_hex(key)[:32],
        "doc": item.doc,
        "source_uri": item.source_uri,
        "stage": item.stage,
        "reason": item.reason,
        "errors": list(item.errors),
        "table": item.table,
        "article_id": item.article_id,
        "payload": item.payload,
        "run_id": run_id,
        "quarantined_at": now,
    }


def _to_arrow_value(value: Any, type_: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_date32(type_):
        return date.fromisoformat(value)
    if pa.types.is_timestamp(type_):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def rows_to_table(table: str, rows: list[dict[str, Any]], *, run_id: str) -> pa.Table:
    """An Arrow table of validated `rows`, typed by the schema derived from the contract."""
    schema = table_schema(table, run_id=run_id)
    columns = []
    for field in schema:
        values = [row.get(field.name) for row in rows]
        if pa.types.is_date32(field.type) or pa.types.is_timestamp(field.type):
            values = [_to_arrow_value(v, field.type) for v in values]
        columns.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(columns, schema=schema)
