"""The JSON Schemas in `schemas/` are the contract: this module loads them.

Everything else that describes a table (Arrow schema, validators, the data
dictionary) is derived from what this module returns, never written twice.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

#: Table name -> schema file, in the order tables are written and documented.
SCHEMA_FILES: dict[str, str] = {
    "articles": "article.schema.json",
    "entities": "entity.schema.json",
    "commitments": "commitment.schema.json",
    "quarantine": "quarantine.schema.json",
}
TABLES: tuple[str, ...] = tuple(SCHEMA_FILES)
#: camket's own state, kept beside the tables under `<out>/_camket/` (same contract rules).
STATE_SCHEMA_FILES: dict[str, str] = {"ledger": "ledger.schema.json"}


@cache
def load_schema(table: str) -> dict[str, Any]:
    """Return the JSON Schema (Draft 2020-12) of `table`."""
    name = SCHEMA_FILES.get(table) or STATE_SCHEMA_FILES[table]
    text = resources.files("camket.schemas").joinpath(name).read_text(encoding="utf-8")
    schema = json.loads(text)
    if schema.get("x-table") != table:
        raise ValueError(f"{name} declares x-table={schema.get('x-table')!r}, expected {table!r}")
    return schema


def schema_version(table: str) -> str:
    """The contract version of `table` (the schema's `x-schema-version`)."""
    return str(load_schema(table)["x-schema-version"])


def column_names(table: str) -> list[str]:
    """Columns of `table` in schema order."""
    return list(load_schema(table)["properties"])
