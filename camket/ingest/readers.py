"""Read one input file into raw articles, or into rejections with a reason.

One reader per format (.txt, .html, .jsonl). Every failure becomes a
`Rejected` item and the caller moves on to the next file or line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from camket.ingest.decode import DecodeError, decode_bytes, repair_text
from camket.ingest.discover import SUPPORTED_SUFFIXES, InputFile, NotRegularFile, printable
from camket.ingest.plaintext import TREE_DEPTH_LIMIT, html_plain_text
from camket.records import RawArticle, Rejected, sha256_hex

#: Default cap on an input file's size; larger files are quarantined unread.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PAYLOAD_PREFIX = 300  # bytes of a bad input kept in its quarantine row


def payload_prefix(data: bytes) -> str:
    """A readable prefix of bad input for the quarantine row (undecodable bytes escaped)."""
    return data[:PAYLOAD_PREFIX].decode("utf-8", errors="backslashreplace")


def _reject(
    path: InputFile,
    stage: str,
    reason: str,
    data: bytes = b"",
    doc: str | None = None,
    uri: str | None = None,
) -> Rejected:
    return Rejected(
        doc=doc or path.doc,
        source_uri=uri or path.uri,
        stage=stage,
        reason=reason,
        payload=payload_prefix(data),
    )


def read_input(
    source: InputFile | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawArticle | Rejected]:
    """Yield the articles in `source`, or the rejections explaining why there are none."""
    source = source if isinstance(source, InputFile) else InputFile.from_path(source)
    data = load_input(source, max_bytes=max_bytes)
    if isinstance(data, Rejected):
        yield data
        return
    yield from parse_input(source, data)


def load_input(source: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Rejected:
    """The raw bytes of `source`, or why they cannot be used (kind, type, size, I/O error).

    At most `max_bytes + 1` bytes are read, so a file larger than listed (it
    grew, or reports size 0 like /proc files) costs no more than the cap.
    """
    if source.problem:  # a FIFO, device, or symlink out of the root: never opened
        return _reject(source, "ingest", source.problem)
    if SUPPORTED_SUFFIXES.get(source.suffix.lower()) is None:
        suffix = printable(source.suffix) or "(no suffix)"
        return _reject(source, "ingest", f"unsupported file type {suffix!r}")
    if source.size > max_bytes:
        return _reject(
            source, "ingest", f"file is {source.size} bytes, over the {max_bytes}-byte cap"
        )
    try:
        data = source.read_bytes(limit=max_bytes + 1)
    except NotRegularFile as exc:  # replaced by a FIFO or device since it was listed
        return _reject(source, "ingest", str(exc))
    except OSError as exc:
        return _reject(source, "ingest", f"cannot read file: {exc.strerror or exc}")
    if len(data) > max_bytes:  # larger than listed
        return _reject(
            source, "ingest", f"file is over the {max_bytes}-byte cap (larger than listed)"
        )
    return data


def parse_input(source: InputFile, data: bytes) -> Iterator[RawArticle | Rejected]:
    """Decode and parse the bytes of `source` by its format."""
    kind = SUPPORTED_SUFFIXES[source.suffix.lower()]
    if kind == "jsonl":
        yield from _read_jsonl(source, data)
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        yield _reject(source, "decode", str(exc), data)
        return
    common = dict(
        doc=source.doc,
        source_uri=source.uri,
        raw_sha256=sha256_hex(data),
        encoding=decoded.encoding,
    )
    if kind == "txt":
        yield RawArticle(text=decoded.text, kind="txt", **common)
    else:
        yield from _read_html(source, decoded.text, data, common)


def _read_html(
    path: InputFile, html: str, data: bytes, common: dict
) -> Iterator[RawArticle | Rejected]:
    """Main text and metadata of an HTML page, by trafilatura.

    A page nested deeper than lxml's tree holds (`TREE_DEPTH_LIMIT`) takes its
    text from the linear scan of `camket.ingest.plaintext` instead: trafilatura
    saw only the part before the deep nesting. Its metadata is kept when found.
    """
    import trafilatura  # slow to import; only HTML inputs need it

    plain = html_plain_text(html)
    too_deep = plain.depth > TREE_DEPTH_LIMIT
    try:
        found = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        if not too_deep:
            yield _reject(path, "parse", f"HTML extraction failed: {exc}", data)
            return
        found = None
    if too_deep:
        text, missing = plain.text, "HTML page has no text"
    else:
        text = (found.text or "").strip() if found is not None else ""
        missing = "HTML page has no main text"
    if not text:
        yield _reject(path, "parse", missing, data)
        return
    meta = _html_metadata(found)
    title = meta.pop("title") or (plain.title if too_deep else None)
    if title and text.split("\n", 1)[0].strip() == title:
        text = text.split("\n", 1)[1] if "\n" in text else ""
    yield RawArticle(text=text, kind="html", title=title, **meta, **common)


def _html_metadata(found: object | None) -> dict:
    """Title, URL, date, author and site name trafilatura found (all None without a result)."""
    return {
        "title": (getattr(found, "title", None) or "").strip() or None,
        "url": getattr(found, "url", None) or None,
        "published": _iso_date(getattr(found, "date", None)),
        "author": getattr(found, "author", None) or None,
        "source_name": getattr(found, "sitename", None) or None,
    }


def _iso_date(value: object) -> str | None:
    """ISO date of a date, datetime or ISO-ish string; None when absent; ValueError when bad."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            return date.fromisoformat(text[:10]).isoformat()
    raise ValueError(f"not a date: {value!r}")


def _json_text(value: object) -> object:
    """A JSON string with lone surrogates (`\\ud800` escapes) made valid text, as `\\ud800`.

    JSON can escape code points UTF-8 cannot hold; Arrow would refuse the row.
    """
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _read_jsonl(path: InputFile, data: bytes) -> Iterator[RawArticle | Rejected]:
    """One article per JSON line: `text` required; `id`, `url`, `title`, `published` optional."""
    base_uri = path.uri
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        yield _reject(path, "decode", str(exc), data)
        return
    for number, line in enumerate(decoded.text.splitlines(), start=1):
        if not line.strip():
            continue
        line_bytes = line.encode("utf-8")
        uri, fallback_doc = f"{base_uri}#L{number}", f"{path.doc}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _reject(
                path,
                "parse",
                f"malformed JSON on line {number}: {exc.msg} at column {exc.colno}",
                line_bytes,
                doc=fallback_doc,
                uri=uri,
            )
            continue
        if not isinstance(record, dict):
            yield _reject(
                path,
                "parse",
                f"line {number} is a JSON {type(record).__name__}, not an object",
                line_bytes,
                doc=fallback_doc,
                uri=uri,
            )
            continue
        record = {key: _json_text(value) for key, value in record.items()}
        doc = str(record["id"]) if record.get("id") not in (None, "") else fallback_doc
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield _reject(
                path,
                "parse",
                f"line {number} has no non-empty string 'text'",
                line_bytes,
                doc=doc,
                uri=uri,
            )
            continue
        try:
            published = _iso_date(record.get("published"))
        except ValueError:
            yield _reject(
                path,
                "parse",
                f"line {number}: 'published' is not an ISO date: {record.get('published')!r}",
                line_bytes,
                doc=doc,
                uri=uri,
            )
            continue
        title = record.get("title")
        yield RawArticle(
            doc=doc,
            source_uri=uri,
            text=repair_text(text),
            raw_sha256=sha256_hex(line_bytes),
            encoding=decoded.encoding,
            kind="jsonl",
            title=(str(title).strip() or None) if title is not None else None,
            url=str(record["url"]) if record.get("url") else None,
            published=published,
            author=record.get("author") or None,
            source_name=record.get("source") or None,
        )
