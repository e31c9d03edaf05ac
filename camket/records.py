"""The typed items stages hand on: what ingest reads, and what a stage rejects.

Rows bound for Parquet are plain dicts shaped by the JSON Schemas (see
`camket.rows`); these classes are the in-memory steps before that.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def sha256_hex(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of a string's UTF-8 encoding."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class RawArticle:
    """One decoded input article, before cleaning."""

    doc: str
    source_uri: str
    text: str
    raw_sha256: str
    encoding: str
    kind: str  # "txt" | "html" | "jsonl"
    title: str | None = None  # given by the input (JSONL, HTML); else the cleaner finds it
    url: str | None = None
    published: str | None = None  # ISO date given by the input
    author: str | None = None
    source_name: str | None = None


@dataclass(frozen=True)
class Rejected:
    """An input or record that goes to the quarantine table instead of its own."""

    doc: str
    source_uri: str
    stage: str
    reason: str
    errors: tuple[str, ...] = ()
    payload: str = ""
    table: str | None = None
    article_id: str | None = None
    extra: dict = field(default_factory=dict, compare=False)
