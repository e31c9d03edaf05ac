"""Load the cleaner's Vietnamese vocabularies from `data/` once, and fold text for matching.

Not for rules: the modules that use a vocabulary own the regexes built from it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

_WS = re.compile(r"\s+")
# Old and new tone placement on open "oa/oe/uy" syllables ("khoá" ~ "khóa",
# "thuỷ" ~ "thủy") are folded to one form so a vocabulary matches both.
_TONE_MOVES = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile(r"(?<!q)(" + "|".join(_TONE_MOVES) + r")(?!\w)")


def fold(text: str) -> str:
    """Case- and spacing-insensitive form that keeps diacritics (for vocabulary look-ups)."""
    text = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    return _TONE_RE.sub(lambda m: _TONE_MOVES[m.group(1)], text)


def _data_lines(name: str) -> list[str]:
    raw = resources.files("camket.clean").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def phrases(name: str) -> tuple[str, ...]:
    """The folded phrases of a one-phrase-per-line data file, longest first (for regex alternation)."""
    folded = {fold(ln) for ln in _data_lines(name)}
    return tuple(sorted(folded, key=lambda p: (-len(p), p)))


@cache
def keyed(name: str) -> dict[str, tuple[str, ...]]:
    """A data file of "key: phrase" lines as {key: folded phrases, longest first}."""
    out: dict[str, set[str]] = {}
    for ln in _data_lines(name):
        key, _, phrase = ln.partition(":")
        out.setdefault(key.strip(), set()).add(fold(phrase))
    return {k: tuple(sorted(v, key=lambda p: (-len(p), p))) for k, v in out.items()}


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of literal phrases whose spaces match any whitespace."""
    return "|".join(r"\s+".join(re.escape(part) for part in w.split(" ")) for w in words)
