"""Decode raw input bytes to NFC text: BOMs, UTF-8/16, legacy Vietnamese code pages.

Not for cleaning: the text that comes out still has its page boilerplate.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import ftfy
from ftfy import fixes as ftfy_fixes
from ftfy.badness import is_bad

# Encodings a Vietnamese page dump plausibly comes in, tried by charset-normalizer
# when the bytes are not UTF-8. cp1258 is Windows' Vietnamese code page (it
# writes tone marks as combining characters, which NFC composes).
LEGACY_ENCODINGS = ["cp1258", "cp1252", "latin_1", "utf_16", "utf_32"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# ftfy repairs mojibake (UTF-8 read as cp1252 and the like) but is told to
# leave typography alone: curly quotes and full-width forms are the source's.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=False,
)

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


class DecodeError(ValueError):
    """The bytes are not text camket can read (binary, empty or undecodable)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repaired: bool  # ftfy changed something beyond NFC


# Unicode category Cc (control) is exactly U+0000-U+001F and U+007F-U+009F, and stably so
# (no character is ever added to Cc); these are the ones not in _CONTROL_OK.
_BAD_CONTROLS = re.compile("[" + "".join(
    re.escape(chr(c))
    for c in range(0xA0)
    if unicodedata.category(chr(c)) == "Cc" and chr(c) not in _CONTROL_OK
) + "]")  # fmt: skip


def _looks_binary(text: str) -> bool:
    """Text with NULs or many control characters is a binary file read as text."""
    if "\x00" in text:
        return True
    sample = text[:4096]
    controls = len(_BAD_CONTROLS.findall(sample))
    return controls > max(2, len(sample) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows NULs in every other byte of ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) > 0.3 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data` to NFC text, repairing mojibake; raise DecodeError if it is not text."""
    if not data.strip():
        raise DecodeError("empty input")
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"invalid {name} after its byte-order mark: {exc.reason}"
                ) from exc
            break
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            utf16 = _utf16_without_bom(data)
            if utf16 is not None:
                text, encoding = utf16, "utf-16"
    if text is None:
        if b"\x00" in data:
            raise DecodeError("binary data (NUL bytes), not text")
        best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
        if best is None:
            raise DecodeError("undecodable: not UTF-8 and no legacy encoding fits")
        text, encoding = str(best), best.encoding
    if _looks_binary(text):
        raise DecodeError(f"binary data (control characters), not text (read as {encoding})")
    fixed = repair_text(text)
    if not fixed.strip():
        raise DecodeError("empty input (whitespace only)")
    return Decoded(
        text=fixed,
        encoding=encoding,
        repaired=fixed != unicodedata.normalize("NFC", text.lstrip("\ufeff")),
    )


def repair_text(text: str) -> str:
    """NFC-normalise `text` and repair mojibake; for text that arrives already decoded."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    if not ftfy_would_change(text):
        return text
    return ftfy.fix_text(text, _FTFY)


# ftfy's mojibake regex is unanchored except for this alternative, which it tests
# at the start of each line (ftfy fixes text line by line).
_BAD_AT_LINE_START = re.compile(r"^[ÃÂ] ", re.MULTILINE)


def ftfy_would_change(text: str) -> bool:
    """False only when `ftfy.fix_text(text, _FTFY)` is sure to return `text` unchanged.

    ftfy works line by line, with Python-level overhead per line that costs
    more than the rest of reading; this asks the same questions once for the
    whole (NFC) text, using ftfy's own tests. Each fixer our config enables is
    a local substitution, so if it leaves the whole text alone it leaves every
    line alone; ftfy's encoding repair only starts when `is_bad` finds
    mojibake in a line, and any match inside a line is a match in the whole
    text except at a line start (`_BAD_AT_LINE_START`). Anything doubtful
    (an "&" that may be an HTML entity, an escape, a control character, a line
    break other than "\n") answers True and ftfy runs as before.
    """
    return bool(
        "&" in text
        or "\x1b" in text
        or is_bad(text)
        or _BAD_AT_LINE_START.search(text)
        or ftfy_fixes.fix_line_breaks(text) != text
        or ftfy_fixes.fix_surrogates(text) != text
        or ftfy_fixes.remove_control_chars(text) != text
        or ftfy_fixes.fix_c1_controls(text) != text
        or not unicodedata.is_normalized("NFC", text)
    )
