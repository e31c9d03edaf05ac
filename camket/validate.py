"""Validate rows against the JSON Schemas; failures become quarantine items.

Validation is jsonschema's Draft 2020-12 validator with format checking, so
what is enforced is exactly what the schema files say.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from camket.contract import load_schema
from camket.records import Rejected


@cache
def validator(table: str) -> Draft202012Validator:
    """The (cached) validator of `table`'s schema, with format checking on."""
    schema = load_schema(table)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validation_errors(table: str, row: dict[str, Any]) -> list[str]:
    """Every way `row` breaks `table`'s schema, as '<json path>: <message>' strings."""
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
