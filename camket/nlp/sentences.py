"""Rule-based sentence boundaries for Vietnamese news text.

What it is for: start a sentence after ". ", "! ", "? ", "…" followed by a capital, digit or quote,
and after every line break; but not after an initial ("V. Pu-tin", "X.Mát-ta-rê-la"), a title
abbreviation ("TS.", "PGS.", "TP. HCM"), or inside numbers and dates ("1,5", "05/4/2021").
A sentence longer than `MAX_SENTENCE_CHARS` (text with no full stop, a table flattened into
one line) is cut at the first whitespace past that length, and so on: no rule that reads a
sentence can then take longer than linear time in the document. Real sentences are far shorter.
What it is not for: clause splitting (";" and ":" do not end sentences).
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from camket.nlp.view import get_view

ENDERS = frozenset({".", "!", "?", "…"})
MAX_SENTENCE_CHARS = 3000  # the longest of the seed and dev articles' sentences has 859
CLOSERS = frozenset({'"', "”", "’", "'", ")", "»", "]"})
# Abbreviations written with a dot that never end a sentence (compared case-sensitively).
ABBREVIATIONS = frozenset(
    {
        "TP",
        "Tp",
        "TS",
        "PGS",
        "GS",
        "ThS",
        "BS",
        "KS",
        "CN",
        "NXB",
        "Q",
        "P",
        "St",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Co",
        "Inc",
        "Ltd",
        "No",
        "tr",
        "TT",
        "Th",
        "Ths",
    }
)


def sentence_starts(doc: Doc) -> list[bool]:
    """One flag per token: does a sentence start here?"""
    view = get_view(doc)
    words = view.words
    n = len(words)
    starts = [False] * n
    if n == 0:
        return starts
    starts[0] = True
    pending = False  # a boundary is due at the next non-space token
    for i in range(n):
        w = words[i]
        if view.space[i]:
            if "\n" in w:
                pending = True
            continue
        if pending:
            starts[i] = True
            pending = False
            continue
        if w in ENDERS and _ends_sentence(view, i):
            j = i + 1
            while j < n and words[j] in CLOSERS and view.glued[j - 1]:
                j += 1
            k = view.next(j)
            if (
                k < n
                and j < n
                and (view.space[j] or not view.glued[j - 1])
                and _can_start(words[k])
            ):
                starts[k] = True
    _cut_long(view, starts)
    return starts


def _cut_long(view, starts: list[bool]) -> None:
    """Start a sentence at the first word after whitespace once one runs past the cap."""
    idx, space, glued = view.idx, view.space, view.glued
    begun = 0
    for i in range(len(starts)):
        if starts[i]:
            begun = idx[i]
        elif (
            idx[i] - begun > MAX_SENTENCE_CHARS
            and not space[i]
            and (space[i - 1] or not glued[i - 1])
        ):
            starts[i] = True
            begun = idx[i]


def _ends_sentence(view, i: int) -> bool:
    words = view.words
    if words[i] != ".":
        return True
    p = i - 1
    if p < 0 or view.space[p] or not view.glued[p]:
        return True
    prev = words[p]
    if prev in ABBREVIATIONS:
        return False
    return not (len(prev) == 1 and prev.isalpha() and prev.isupper())  # an initial: "V. Pu-tin"


def _can_start(word: str) -> bool:
    first = word[:1]
    return first.isupper() or first.isdigit() or first in "\"“‘'(«[*-–•"


def set_sentence_starts(doc: Doc) -> Doc:
    """Write the boundaries into the Doc (SENT_START) and into its DocView."""
    flags = sentence_starts(doc)
    get_view(doc).sent = flags
    if len(doc):
        arr = (
            numpy.array([1 if f else -1 for f in flags], dtype="int64")
            .astype("uint64")
            .reshape(-1, 1)
        )
        doc.from_array([SENT_START], arr)
    return doc
