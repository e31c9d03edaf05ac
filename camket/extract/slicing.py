"""Cut a long clean_text into consecutive slices that spaCy can take one Doc at a time.

spaCy refuses a text over `nlp.max_length` (1,000,000 characters; error E088),
and one Doc of a few MB holds every token's features at once. A text longer
than `SLICE_CHARS` is therefore annotated slice by slice: each slice ends at
the last paragraph break ("\\n\\n", then "\\n") in the `SLICE_WINDOW` characters
before the limit, else at the last sentence end (". ", "! ", ...), else at the
last whitespace, else exactly at the limit (never before a combining mark).
Only that window is searched, so cutting is linear in the text's length.

Not for mapping offsets back (`camket.extract` adds each slice's start).
"""

from __future__ import annotations

import re
import unicodedata

SLICE_CHARS = 100_000  # longest slice: far under spaCy's max_length, a Doc of ~25k tokens
SLICE_WINDOW = SLICE_CHARS // 10  # how far before the limit a break is looked for
_PARAGRAPH_BREAKS = ("\n\n", "\n")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s")
_WHITESPACE = re.compile(r"\s")


def slice_bounds(
    text: str, size: int = SLICE_CHARS, window: int | None = None
) -> list[tuple[int, int]]:
    """(start, end) of consecutive slices covering `text`; one slice when it fits in `size`.

    window (int): characters before each limit searched for a break (default: size // 10).
    """
    window = max(1, size // 10) if window is None else window
    if not 0 < window <= size:
        raise ValueError("need size >= window >= 1")
    bounds, start = [], 0
    while len(text) - start > size:
        end = _cut(text, start + size - window, start + size)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to end a slice in (lo, hi]: after the best break found in text[lo:hi]."""
    for brk in _PARAGRAPH_BREAKS:
        at = text.rfind(brk, lo, hi)
        if at >= 0:
            return at + len(brk)
    for pattern in (_SENTENCE_END, _WHITESPACE):
        end = _last_end(pattern, text, lo, hi)
        if end is not None:
            return end
    while hi > lo + 1 and unicodedata.combining(text[hi]):
        hi -= 1  # keep a letter with its tone mark
    return hi


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """End of the last match of `pattern` inside text[lo:hi], if any."""
    end = None
    for m in pattern.finditer(text, lo, hi):
        end = m.end()
    return end
