"""The data dictionary, generated from the JSON Schemas (never edited by hand)."""

from __future__ import annotations

from camket.arrow_schema import table_schema
from camket.contract import STATE_SCHEMA_FILES, TABLES, load_schema


def data_dictionary() -> str:
    """Markdown describing every table and column: Arrow type, nullability, meaning."""
    parts = [
        "# camket data dictionary",
        "",
        "Generated from `schemas/*.schema.json` by `camket dictionary`; do not edit by hand.",
        "",
    ]
    for table in (*TABLES, *STATE_SCHEMA_FILES):
        schema = load_schema(table)
        arrow = table_schema(table)
        parts += [
            f"## `{table}` ({schema['title']}, schema {schema['$id']} v{schema['x-schema-version']})",
            "",
            schema["description"],
            "",
            "| column | type | nullable | description |",
            "|---|---|---|---|",
        ]
        for field in arrow:
            prop = schema["properties"][field.name]
            extra = ""
            if "enum" in prop or "enum" in prop.get("items", {}):
                values = [
                    v
                    for v in prop.get("enum", prop.get("items", {}).get("enum", []))
                    if v is not None
                ]
                extra = " One of: " + ", ".join(f"`{v}`" for v in values) + "."
            desc = (prop.get("description", "") + extra).replace("|", "\\|")
            parts.append(
                f"| `{field.name}` | `{field.type}` | {'yes' if field.nullable else 'no'} | {desc} |"
            )
        parts.append("")
    return "\n".join(parts)
