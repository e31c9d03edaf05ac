"""Vietnamese number grammar: read numbers as written in the news, find dose quantities.

- `parse_vi_number(text)` reads one whole number expression: digits ("400.000",
  "1.499.940", "1,5 triệu", "1.5 triệu"), words ("hai mươi lăm", "một trăm
  linh năm", "hai triệu rưỡi", "nửa triệu") or a mix ("2 triệu 400 nghìn").
  It returns an int, or None when the text is not a number or not a whole one
  ("1,5"). Leading hedge words are ignored ("hơn 2 triệu" -> 2000000).
- `find_quantities(text, unit_words)` finds the numbers directly followed by a
  unit word ("hơn 2 triệu liều vắc xin", "1,5 triệu mũi tiêm"), as `Quantity`
  spans that include the hedge word but not the unit.

Separators (settled rules):

- "." groups thousands ("1.499.940"); "," is the decimal mark ("1,05 triệu").
- Before a scale word, a dot followed by 1-2 digits is a decimal ("1.5 triệu");
  with 3 digits it still groups thousands ("1.500 triệu" = 1 500 000 000).
- A comma followed by exactly 3 digits and no scale word is an English thousands
  separator ("1,500 liều" = 1500); before a scale word it is a decimal
  ("1,500 triệu" = 1 500 000). Two or more comma groups are always thousands.
- Space-grouped thousands ("1 000 000") are read when every group after the
  first has exactly 3 digits.

Word grammar (settled rules): "trăm" after a bare digit is colloquial ("một
trăm hai" = 120, "một trăm linh hai" = 102); one digit after a scale word is
colloquial too ("hai triệu hai" = 2 200 000, "1 triệu 5" = 1 500 000); "rưỡi"
adds half of the scale before it; a scale word can stand alone only after the
hedge "hàng" ("hàng triệu" = 1 000 000, approximate).

The vocabulary is in `data/numbers_vi.tsv`, read once at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources

__all__ = ["Quantity", "find_quantities", "parse_vi_number"]


@dataclass(frozen=True)
class Quantity:
    """A number followed by a unit word; `text` is `searched_text[start_char:end_char]`."""

    value: int  # whole number
    approximate: bool  # hedged: "hơn", "gần", "khoảng", "trên", "hàng" ("hàng triệu") ...
    start_char: int
    end_char: int
    text: str  # hedge words + number, without the unit word


# --------------------------------------------------------------------------- vocabulary


def _load_vocab() -> dict[str, dict[str, str]]:
    raw = resources.files("camket.nlp").joinpath("data", "numbers_vi.tsv").read_text("utf-8")
    out: dict[str, dict[str, str]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, word, value = (line.split("\t") + ["", ""])[:3]
        if kind == "kind":  # header row
            continue
        word = " ".join(word.casefold().split())
        out.setdefault(kind.strip(), {})[word] = value.strip()
    return out


_VOCAB = _load_vocab()
_DIGITS: dict[str, int] = {w: int(v) for w, v in _VOCAB["digit"].items()}
_TEN = frozenset(_VOCAB["ten"])
_TENS = frozenset(_VOCAB["tens"])
_DOZEN = frozenset(_VOCAB["dozen"])
_HUNDRED = frozenset(_VOCAB["hundred"])
_SCALES: dict[str, int] = {w: int(v) for w, v in _VOCAB["scale"].items()}
_ZERO_TENS = frozenset(_VOCAB["zero_tens"])
_HALF_AFTER = frozenset(_VOCAB["half_after"])
_HALF = frozenset(_VOCAB["half"])
_HEDGES: dict[str, str] = dict(_VOCAB["hedge"])

# Every single word that can be part of a spelled number.
_NUMBER_WORDS: frozenset[str] = frozenset(
    set(_DIGITS)
    | _TEN
    | _TENS
    | _DOZEN
    | _HUNDRED
    | set(_SCALES)
    | _ZERO_TENS
    | _HALF_AFTER
    | _HALF
)


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal phrases, longest first; spaces match any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


# A numeral token: digits with optional "." / "," groups. Its value is decided by
# `_numeral_value`, which knows whether a scale word follows.
_NUMERAL = r"\d+(?:[.,]\d+)*"
_WORD_TOKEN = _alternation(_NUMBER_WORDS)
_TOKEN = rf"(?:{_NUMERAL}(?![\w%])|(?:{_WORD_TOKEN})(?!\w))"
_TOKEN_RE = re.compile(r"\S+")
_NUMERAL_RE = re.compile(_NUMERAL)
_DOT_THOUSANDS = re.compile(r"(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?")
_COMMA_THOUSANDS = re.compile(r"(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?")
_COMMA_DECIMAL = re.compile(r"(\d+),(\d+)")
_DOT_DECIMAL = re.compile(r"(\d+)\.(\d{1,2})")
_PLAIN = re.compile(r"\d+")
_HEDGE_PREFIX = re.compile(rf"(?i)^\s*((?:(?:{_alternation(_HEDGES)})\s+)+)")
_HEDGE_TAIL = re.compile(rf"(?i)(?<![\w])((?:(?:{_alternation(_HEDGES)})\s+)+)$")
# A number phrase: tokens separated by whitespace, not glued to a preceding word,
# slash, dot, comma or dash ("1/2 liều", "5-10 liều" and "COVID-19" are not numbers).
# At most 15 tokens ("một trăm hai mươi lăm nghìn ba trăm linh năm" has 10), which
# also keeps the search linear on long runs of number words.
_PHRASE = rf"(?<![\w/.,\-–]){_TOKEN}(?:\s+{_TOKEN}){{0,14}}"


# --------------------------------------------------------------------------- parsing


def _frac(int_part: str, dec_part: str | None) -> Fraction:
    value = Fraction(int(int_part))
    if dec_part:
        value += Fraction(int(dec_part), 10 ** len(dec_part))
    return value


def _numeral_value(raw: str, before_scale: bool) -> Fraction | None:
    """The value of one numeral token under the separator rules in the module doc."""
    if m := _DOT_THOUSANDS.fullmatch(raw):
        return _frac(m.group(1).replace(".", ""), m.group(2))
    if (m := _COMMA_THOUSANDS.fullmatch(raw)) and (raw.count(",") >= 2 or not before_scale):
        return _frac(m.group(1).replace(",", ""), m.group(2))
    if m := _COMMA_DECIMAL.fullmatch(raw):
        return _frac(m.group(1), m.group(2))
    if before_scale and (m := _DOT_DECIMAL.fullmatch(raw)):
        return _frac(m.group(1), m.group(2))
    if _PLAIN.fullmatch(raw):
        return Fraction(int(raw))
    return None


# Token kinds after classification.
_NUM, _DIGIT, _TEN_K, _TENS_K, _DOZEN_K, _HUNDRED_K, _SCALE, _ZERO, _HALF_AFTER_K, _HALF_K = range(
    10
)
_Tok = tuple[int, object]  # (kind, payload)


def _classify(token: str) -> _Tok | None:
    if _NUMERAL_RE.fullmatch(token):
        return (_NUM, token)
    w = token.casefold()
    if w in _DIGITS:
        return (_DIGIT, _DIGITS[w])
    if w in _TEN:
        return (_TEN_K, 10)
    if w in _TENS:
        return (_TENS_K, 10)
    if w in _DOZEN:
        return (_DOZEN_K, 10)
    if w in _HUNDRED:
        return (_HUNDRED_K, 100)
    if w in _SCALES:
        return (_SCALE, _SCALES[w])
    if w in _ZERO_TENS:
        return (_ZERO, 0)
    if w in _HALF_AFTER:
        return (_HALF_AFTER_K, None)
    if w in _HALF:
        return (_HALF_K, None)
    return None


def _words_below_thousand(toks: list[_Tok]) -> Fraction | None:
    """A spelled number below 1000 ("hai trăm linh năm", "hai mươi mốt", "mười lăm")."""
    n, i, value = len(toks), 0, 0
    kind = lambda j: toks[j][0] if j < n else None  # noqa: E731
    if kind(0) == _DIGIT and kind(1) == _HUNDRED_K:
        value, i = int(toks[0][1]) * 100, 2
    elif kind(0) == _HUNDRED_K:  # "trăm nghìn" after "hàng"
        value, i = 100, 1
    if i:  # after the hundreds
        if i == n:
            return Fraction(value)
        if kind(i) == _HALF_AFTER_K and i + 1 == n:  # "trăm rưỡi" = 150
            return Fraction(value + 50)
        if kind(i) == _ZERO and kind(i + 1) == _DIGIT and i + 2 == n:  # "trăm linh năm"
            return Fraction(value + int(toks[i + 1][1]))
        if kind(i) == _DIGIT and i + 1 == n:  # colloquial "một trăm hai" = 120
            return Fraction(value + int(toks[i][1]) * 10)
    if kind(i) == _TEN_K:  # "mười", "mười lăm"
        value, i = value + 10, i + 1
        if kind(i) == _DIGIT and int(toks[i][1]) > 0:
            value, i = value + int(toks[i][1]), i + 1
    elif kind(i) == _DIGIT and kind(i + 1) == _TENS_K:  # "hai mươi", "hai mươi mốt"
        if int(toks[i][1]) < 2:
            return None
        value, i = value + int(toks[i][1]) * 10, i + 2
        if kind(i) == _DIGIT and int(toks[i][1]) > 0:
            value, i = value + int(toks[i][1]), i + 1
    elif kind(i) == _DIGIT and kind(i + 1) == _DOZEN_K:  # "ba chục"
        value, i = value + int(toks[i][1]) * 10, i + 2
    elif kind(i) == _DOZEN_K:  # "chục triệu" after "hàng"
        value, i = value + 10, i + 1
    elif kind(i) == _DIGIT:
        value, i = value + int(toks[i][1]), i + 1
    return Fraction(value) if i == n and n else None


def _chunk_value(toks: list[_Tok], before_scale: bool) -> Fraction | None:
    """The value of the tokens between two scale words."""
    if not toks:
        return None
    kinds = [k for k, _ in toks]
    if kinds == [_NUM]:
        return _numeral_value(str(toks[0][1]), before_scale)
    if kinds == [_HALF_K]:
        return Fraction(1, 2)
    if all(k == _NUM for k in kinds):  # "1 000 000"
        raws = [str(p) for _, p in toks]
        if re.fullmatch(r"\d{1,3}", raws[0]) and all(re.fullmatch(r"\d{3}", r) for r in raws[1:]):
            return Fraction(int("".join(raws)))
        return None
    if kinds[0] == _NUM and len(kinds) == 2 and kinds[1] in (_HUNDRED_K, _DOZEN_K):  # "5 trăm"
        base = _numeral_value(str(toks[0][1]), False)
        return None if base is None or base.denominator != 1 else base * int(toks[1][1])
    if _NUM in kinds or _HALF_K in kinds:
        return None
    return _words_below_thousand(toks)


def _parse_tokens(toks: list[_Tok], bare_scale_ok: bool = False) -> Fraction | None:
    """Combine chunks and scale words ("2 triệu 400 nghìn", "một nghìn tỷ", "hai triệu rưỡi")."""
    if not toks:
        return None
    stack: list[tuple[Fraction, int]] = []  # (value, scale), scales strictly decreasing
    chunk: list[_Tok] = []
    for kind, payload in toks:
        if kind != _SCALE:
            chunk.append((kind, payload))
            continue
        scale = int(payload)  # type: ignore[arg-type]
        low = Fraction(0)
        popped = False
        while stack and stack[-1][1] < scale:
            low += stack.pop()[0]
            popped = True
        if stack and stack[-1][1] <= scale:
            return None  # "một triệu hai triệu"
        if chunk:
            v = _chunk_value(chunk, before_scale=True)
            if v is None:
                return None
            stack.append(((low + v) * scale, scale))
        elif popped:  # "nghìn tỷ": the whole lower part times the new scale
            stack.append((low * scale, scale))
        elif not stack and bare_scale_ok:  # "hàng triệu"
            stack.append((Fraction(scale), scale))
        else:
            return None
        chunk = []
    if not stack:
        return _chunk_value(chunk, before_scale=False)
    total = sum((v for v, _ in stack), Fraction(0))
    if not chunk:
        return total
    top = stack[-1][1]
    kinds = [k for k, _ in chunk]
    if kinds == [_HALF_AFTER_K]:  # "hai triệu rưỡi"
        return total + Fraction(top, 2)
    if len(chunk) == 1 and top >= 1000:  # colloquial "hai triệu hai", "1 triệu 5"
        k, p = chunk[0]
        if k == _DIGIT and int(p) > 0:  # type: ignore[call-overload]
            return total + Fraction(top, 10) * int(p)  # type: ignore[call-overload]
        if k == _NUM and re.fullmatch(r"[1-9]", str(p)):
            return total + Fraction(top, 10) * int(str(p))
    tail = _chunk_value(chunk, before_scale=False)
    if tail is None or tail >= top:
        return None
    return total + tail


def _tokens(text: str) -> list[_Tok] | None:
    out = []
    for raw in text.split():
        tok = _classify(raw)
        if tok is None:
            return None
        out.append(tok)
    return out


def _whole(value: Fraction | None) -> int | None:
    return int(value) if value is not None and value.denominator == 1 else None


def parse_vi_number(text: str) -> int | None:
    """The whole number that `text` spells, e.g. "1,5 triệu" -> 1500000; None if not one.

    Leading hedge words are skipped ("hơn 2 triệu" -> 2000000; "hàng triệu" ->
    1000000) and so are surrounding brackets and quotes.
    """
    text = text.strip().strip("()[]\"'“”‘’").strip()
    bare = False
    if m := _HEDGE_PREFIX.match(text):
        bare = _HEDGES.get(m.group(1).split()[-1].casefold()) == "bare"
        text = text[m.end() :]
    toks = _tokens(text)
    if not toks:
        return None
    return _whole(_parse_tokens(toks, bare_scale_ok=bare))


# --------------------------------------------------------------------------- search


@lru_cache(maxsize=64)
def _quantity_re(units: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?i)(?P<num>{_PHRASE})\s+(?:{_alternation(units)})(?!\w)")


def _hedge_before(text: str, start: int) -> tuple[int, bool]:
    """(start of the hedge words just before `start`, whether the last one is "hàng")."""
    m = _HEDGE_TAIL.search(text, max(0, start - 60), start)
    if not m:
        return start, False
    last = m.group(1).split()[-1].casefold()  # only the one-word "hàng" is "bare"
    return m.start(1), _HEDGES.get(last) == "bare"


def find_quantities(text: str, unit_words: Iterable[str] = ("liều", "mũi")) -> list[Quantity]:
    """Numbers immediately followed by one of `unit_words` (case-insensitive, whole words).

    "hơn 2 triệu liều vắc xin" -> [Quantity(2000000, True, 0, 11, "hơn 2 triệu")].
    Words that cannot be part of the number are dropped from its left end ("năm
    2021 hai triệu liều" -> "hai triệu"); zero and non-whole values are skipped.
    """
    units = tuple(sorted({" ".join(u.split()) for u in unit_words if u.strip()}))
    if not units:
        return []
    out: list[Quantity] = []
    for m in _quantity_re(units).finditer(text):
        q = _number_ending_at(text, m.start("num"), m.end("num"))
        if q is None:
            continue
        shared: list[Quantity] = []  # "1 triệu và 700.000 liều": the unit is shared
        at = q.start_char
        while (joint := _JOINT.search(text, max(0, at - _JOINT_REACH), at)) is not None:
            before = _number_ending_at(text, joint.start(), joint.end("num"))
            if before is None or not _can_share(before):
                break
            shared.insert(0, before)
            at = before.start_char
        out += [b for b in shared if not out or b.start_char >= out[-1].end_char]
        out.append(q)
    return out


# a number, then "," or "và", right before a figure with its unit: the unit is shared
_JOINT = re.compile(rf"(?i)(?P<num>{_PHRASE})(?:\s*,\s*(?:và\s+)?|\s+và\s+)$")
_JOINT_REACH = 80  # characters read back for a figure sharing the next one's unit
_YEAR = re.compile(r"(?:19|20)\d\d")


def _number_ending_at(text: str, start: int, end: int) -> Quantity | None:
    """The longest whole number of `text[start:end]` ending at `end` (words that cannot
    belong to it dropped from the left), with the hedge words before it."""
    for t in _TOKEN_RE.finditer(text, start, end):
        toks = _tokens(text[t.start() : end])
        if not toks:
            continue
        hedge_start, bare = _hedge_before(text, t.start())
        value = _whole(_parse_tokens(toks, bare_scale_ok=bare))
        if value:
            return Quantity(value, hedge_start < t.start(), hedge_start, end, text[hedge_start:end])
    return None


def _can_share(q: Quantity) -> bool:
    """A figure that can share a later unit: a thousand or more, written as a count (with
    a scale word or grouped digits), not a year ("năm 2021 và 2022")."""
    bare = q.text.split()[-1]
    return q.value >= 1000 and not (_YEAR.fullmatch(bare) or bare.isdigit() and len(bare) < 4)
