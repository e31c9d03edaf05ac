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
    """One case-insensitive regex matching any phrase as whole words, longest first.

    A space in a phrase matches any run of whitespace. The alternation is written as a
    prefix tree (`_trie_body`): the same matches as the flat "longest first" list (where
    several phrases match at a place, the longest one followed by a word boundary
    wins), without trying every phrase at every character.
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = _trie_body(ordered)
    if body is None:  # branches not told apart by their first character: the flat list
        body = alternation(ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def alternation(phrases: list[str]) -> str:
    """A regex alternation of literal phrases in the order given, spaces matching any blank."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


_END = ""  # trie key of "a phrase ends here"


def _trie_body(phrases: list[str]) -> str | None:
    """The phrases as a nested alternation over a character trie, deeper branches first.

    Equivalent to the flat longest-first alternation when, at every node, no two
    branches can match the same character (compared case-insensitively, as the regex
    does); None otherwise. Every phrase that matches at a place matches a prefix of
    the same text, so trying the continuation before the end of a shorter phrase is
    trying the longer phrase first.
    """
    if not phrases or any(not p for p in phrases):
        return None
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[_END] = {}

    def unit(ch: str) -> str:
        return r"\s+" if ch == " " else re.escape(ch)

    def render(node: dict[str, dict]) -> str | None:
        keys = [k for k in node if k != _END]
        for i, a in enumerate(keys):  # branches must exclude each other
            for b in keys[i + 1 :]:
                if a == " " or b == " " or a.isspace() or b.isspace():
                    if a.isspace() and b.isspace():
                        return None
                    continue
                if re.fullmatch(re.escape(a), b, re.IGNORECASE) or re.fullmatch(
                    re.escape(b), a, re.IGNORECASE
                ):
                    return None
        alternatives = []
        for key in keys:
            # a chain of single children is one literal run
            run, child = unit(key), node[key]
            while len(child) == 1 and _END not in child:
                (next_key,) = child
                run, child = run + unit(next_key), child[next_key]
            rest = render(child)
            if rest is None:
                return None
            alternatives.append(run + rest)
        if not alternatives:
            return ""
        if _END in node:
            alternatives.append("")
        return "(?:" + "|".join(alternatives) + ")"

    return render(root)
