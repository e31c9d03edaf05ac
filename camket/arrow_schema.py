"""Derive Arrow schemas from the JSON Schemas, so Parquet columns follow the contract.

The mapping is small on purpose: it covers the JSON Schema constructs the
contract uses and refuses anything else, so a schema change that Arrow cannot
express fails loudly here instead of writing the wrong type.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from camket import __version__
from camket.contract import load_schema, schema_version

_FORMATS: dict[str, pa.DataType] = {
    "date": pa.date32(),
    "date-time": pa.timestamp("us", tz="UTC"),
}
_SCALARS: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
}


def _json_types(prop: dict[str, Any]) -> tuple[list[str], bool]:
    """JSON types of a property (non-null ones) and whether null is allowed."""
    if "type" in prop:
        types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    elif "enum" in prop:
        kinds = {type(v) for v in prop["enum"] if v is not None}
        if kinds != {str}:
            raise TypeError(f"only string enums map to Arrow, got {kinds}")
        types = ["string"] + (["null"] if None in prop["enum"] else [])
    elif "const" in prop and isinstance(prop["const"], str):
        types = ["string"]
    else:
        raise TypeError(f"property has no type, enum or string const: {prop}")
    non_null = [t for t in types if t != "null"]
    return non_null, "null" in types


def arrow_type(prop: dict[str, Any]) -> pa.DataType:
    """Arrow type of one JSON Schema property."""
    types, _ = _json_types(prop)
    if len(types) != 1:
        raise TypeError(f"a column needs exactly one non-null JSON type, got {types}")
    (kind,) = types
    if kind == "array":
        return pa.list_(arrow_type(prop.get("items", {})))
    if kind == "string" and prop.get("format") in _FORMATS:
        return _FORMATS[prop["format"]]
    if kind in _SCALARS:
        return _SCALARS[kind]
    raise TypeError(f"JSON type {kind!r} has no Arrow mapping")


def arrow_schema_from_json_schema(schema: dict[str, Any]) -> pa.Schema:
    """Arrow schema of an object JSON Schema: one field per property, in order.

    A field is non-nullable when the property is required and null is not
    one of its types.
    """
    required = set(schema.get("required", []))
    fields = []
    for name, prop in schema["properties"].items():
        _, allows_null = _json_types(prop)
        nullable = allows_null or name not in required
        fields.append(pa.field(name, arrow_type(prop), nullable=nullable))
    return pa.schema(fields)


def table_schema(table: str, run_id: str | None = None) -> pa.Schema:
    """Arrow schema of a camket table, with contract metadata for Parquet footers."""
    schema = load_schema(table)
    metadata = {
        "camket.schema_id": schema["$id"],
        "camket.schema_version": schema_version(table),
        "camket.version": __version__,
        "camket.table": table,
    }
    if run_id is not None:
        metadata["camket.run_id"] = run_id
    return arrow_schema_from_json_schema(schema).with_metadata(metadata)
