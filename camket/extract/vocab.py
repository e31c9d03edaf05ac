"""Load the extractors' vocabularies (TSV files in `camket/extract/data/`), once per process."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from importlib import resources


@cache
def load_tsv(name: str) -> dict[str, list[tuple[str, ...]]]:
    """Rows of `data/<name>` grouped by their first column; '#' lines are comments."""
    text = resources.files("camket.extract").joinpath("data", name).read_text(encoding="utf-8")
    grouped: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, *rest = line.split("\t")
        grouped[kind].append(tuple(rest))
    return dict(grouped)


def phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase as whole words, longest first."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
