"""Validate rows against the JSON Schemas; failures become quarantine items.

What is enforced is exactly what the schema files say, as judged by jsonschema's
Draft 2020-12 validator with format checking (the reference). A fast path decides
the common case, a valid row, without it:

- `jsonschema_rs` (Rust, Draft 2020-12) answers valid/invalid. Only rows it rejects
  go to jsonschema, which produces the error messages and has the last word: a row
  jsonschema finds no error in is valid even if the fast path rejected it (e.g.
  Python's `$` in a `pattern` also matches before a final newline, Rust's does not).
- Formats are never checked by jsonschema-rs's own implementations: their rules
  differ from jsonschema's in corner cases (jsonschema-rs 0.60 accepts the
  "date-time" leap second "2016-12-31T23:59:60Z", jsonschema with
  rfc3339-validator rejects it). Every format jsonschema knows is
  handed to jsonschema-rs as a callback to jsonschema's own checker, so "date" and
  "date-time" (the formats the schemas use), "uri" and the rest are judged
  identically; formats jsonschema does not know are ignored by both.
- Only plain JSON values take the fast path (dict/list/str/int/float/bool/None,
  exact types, str keys). Anything else (tuples, which jsonschema-rs would accept
  as arrays but jsonschema does not; dates; subclasses; numpy scalars) goes
  straight to jsonschema, as does any row jsonschema-rs fails to convert.

tests/test_validate_fast.py cross-checks both on valid and broken rows of every table.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator

from camket.contract import load_schema
from camket.records import Rejected

_FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER
_SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def validator(table: str) -> Draft202012Validator:
    """The (cached) validator of `table`'s schema, with format checking on."""
    schema = load_schema(table)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=_FORMAT_CHECKER)


def _format_callback(name: str):
    def conforms(value: str) -> bool:
        return _FORMAT_CHECKER.conforms(value, name)

    conforms.__name__ = f"conforms_{name.replace('-', '_')}"
    return conforms


@cache
def fast_validator(table: str) -> jsonschema_rs.Draft202012Validator:
    """jsonschema-rs validator of `table`'s schema; formats judged by jsonschema's checker."""
    validator(table)  # the schema itself is checked by the reference first
    return jsonschema_rs.Draft202012Validator(
        load_schema(table),
        validate_formats=True,
        formats={name: _format_callback(name) for name in _FORMAT_CHECKER.checkers},
    )


def _plain(value: Any) -> bool:
    """Made only of exact JSON types, the values both validators see alike."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is list:
        return all(type(item) in _SCALARS or _plain(item) for item in value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or (type(item) not in _SCALARS and not _plain(item)):
                return False
        return True
    return False


def fast_is_valid(table: str, row: Any) -> bool:
    """True only if `row` is certainly valid (False means: ask jsonschema)."""
    if not _plain(row):
        return False
    try:
        return fast_validator(table).is_valid(row)
    except Exception:  # not convertible for jsonschema-rs: let the reference judge
        return False


def validation_errors(table: str, row: dict[str, Any]) -> list[str]:
    """Every way `row` breaks `table`'s schema, as '<json path>: <message>' strings."""
    if fast_is_valid(table, row):
        return []
    errors = sorted(validator(table).iter_errors(row), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def partition_valid(
    table: str, rows: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Rejected]]:
    """Split `rows` into the valid ones and rejections carrying the error list."""
    valid: list[dict[str, Any]] = []
    rejected: list[Rejected] = []
    for row in rows:
        errors = validation_errors(table, row)
        if not errors:
            valid.append(row)
            continue
        rejected.append(
            Rejected(
                doc=str(row.get("doc") or "?"),
                source_uri=str(row.get("source_uri") or row.get("doc") or "?"),
                stage="validate",
                reason=f"{table} row breaks its schema ({len(errors)} error(s)): {errors[0]}",
                errors=tuple(errors),
                payload=json.dumps(row, ensure_ascii=False, default=str),
                table=table,
                article_id=row.get("article_id")
                if isinstance(row.get("article_id"), str)
                else None,
            )
        )
    return valid, rejected
