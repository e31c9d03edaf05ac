"""Find statements of cooperation in an article and the fields (area codes) they name.

A statement is a sentence, or a ";"-clause of one, that carries a cue of
cooperating, strengthening, agreeing, proposing or wishing (cues in
`data/cooperation_cues.tsv`) together with at least one field from the
vocabulary of ANNOTATION.md (`data/areas.tsv`). A clause without a cue of its
own continues the cue of an earlier clause of the same sentence ("nhất trí
tăng cường hợp tác quốc phòng; đẩy mạnh thương mại"). Fields named only by a
statistic ("kim ngạch ... đạt 5 tỷ USD năm 2022", a ranking among investors)
are dropped, an agreed target is kept. Area words inside proper names ("Bộ Y
tế", "Hội nghị Bộ trưởng Kinh tế") are not fields; mechanisms ("Đối thoại
chính sách quốc phòng") are (`data/cooperation_name_heads.tsv`).

Plain Python over text and character spans: not for spaCy wiring, not for the
parties of a statement (see `camket.extract`), not for vaccine dose counts
(`camket.extract.vaccines`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from typing import NamedTuple

from camket.extract.vocab import load_tsv, phrase_regex

_BLOCKER = "-"
_MAX_LOCATIVE_WORDS = 6  # how far before a body's name its locative may stand
_LIST_PREFIXES = ("lĩnh vực", "ngành")  # "lĩnh vực xây dựng": a weak trigger named as a field


@dataclass(frozen=True)
class CooperationStatement:
    """One statement of cooperation.

    start_char (int): start of the sentence in the text.
    end_char (int): end of the sentence in the text.
    areas (tuple[str, ...]): area codes in order of first appearance, unique.
    area_spans (tuple[tuple[int, int, str], ...]): (start, end, code) of each trigger phrase.
    """

    start_char: int
    end_char: int
    areas: tuple[str, ...]
    area_spans: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class _Trigger:
    code: str
    flags: frozenset[str]


# --- folding: one comparable form per character, offsets kept --------------------------------

# Old and new tone placement in "oa", "oe", "uy" ("hoá" / "hóa", "thuỷ" / "thủy").
_TONE_PLACEMENT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE_RE = re.compile("|".join(_TONE_PLACEMENT))
_DASHES = "-‐‑‒–—―"


def _tone(m: re.Match[str]) -> str:
    return _TONE_PLACEMENT[m.group()]


def _fold(text: str) -> str:
    """Lower case, dashes as spaces, one tone placement; as long as `text` (NFC)."""
    low = text.lower()
    # Whole-string lower() equals the per-character one when no character grows
    # (same length) and no context rule applies (Python's only one: final sigma).
    if len(low) != len(text) or "Σ" in text:
        chars = []
        for ch in text:
            low = ch.lower()
            chars.append(" " if ch in _DASHES else low if len(low) == 1 else ch)
        low = "".join(chars)
    else:
        for dash in _DASHES:
            if dash in low:
                low = low.replace(dash, " ")
    return _TONE_RE.sub(_tone, low)


@lru_cache(maxsize=65536)
def _key(phrase: str) -> str:
    """The lookup form of a phrase or of matched text."""
    return " ".join(_fold(unicodedata.normalize("NFC", phrase)).split())


# --- vocabularies ------------------------------------------------------------------------------


@cache
def _area_vocab() -> tuple[re.Pattern[str], dict[str, _Trigger]]:
    triggers: dict[str, _Trigger] = {}
    for code, rows in load_tsv("areas.tsv").items():
        for row in rows:
            flags = frozenset(f.strip() for f in (row[1] if len(row) > 1 else "").split(",") if f)
            triggers[_key(row[0])] = _Trigger(code, flags)
    return phrase_regex(list(triggers)), triggers


@cache
def _cue_vocab() -> dict[str, tuple[str, ...]]:
    return {
        kind: tuple(_key(r[0]) for r in rows)
        for kind, rows in load_tsv("cooperation_cues.tsv").items()
    }


@cache
def _kind_regex(*kinds: str) -> re.Pattern[str]:
    return phrase_regex([p for kind in kinds for p in _cue_vocab()[kind]])


_MIN_FORMULA_ITEMS = 3  # "hòa bình, an ninh và thịnh vượng": a list this long is the formula
_FORMULA_HEAD = "hòa bình"


@cache
def _formula_regex() -> re.Pattern[str]:
    """A list of the goods of the stock peace formula joined by ", " / "và"."""
    words = sorted(_cue_vocab()["formula"], key=len, reverse=True)
    item = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"
    return re.compile(rf"(?<!\w){item}(?:\s*(?:,\s*(?:và\s+)?|và\s+){item})+(?!\w)")


def _formula_parts(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the stock formula "hòa bình, ổn định, an ninh và thịnh vượng" in [start, end)."""
    out = []
    for m in _formula_regex().finditer(folded, start, end):
        items = len(re.split(r"\s*,\s*(?:và\s+)?|\s+và\s+", m.group()))
        if items >= _MIN_FORMULA_ITEMS and _FORMULA_HEAD in m.group():
            out.append(m.span())
    return out


@cache
def _name_heads() -> list[tuple[str, str]]:
    """(head, kind) of capitalised runs, longest first: "hội thảo" (mechanism) before "hội" (org)."""
    rows = load_tsv("cooperation_name_heads.tsv")
    heads = [(_key(r[0]), kind) for kind in ("org", "mechanism") for r in rows[kind]]
    return sorted(heads, key=lambda h: len(h[0]), reverse=True)


@cache
def _agency_regex() -> re.Pattern[str]:
    """A lower-case word for a body at the end of the text before a trigger."""
    heads = sorted(
        (_key(r[0]) for r in load_tsv("cooperation_name_heads.tsv")["agency"]),
        key=len,
        reverse=True,
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(h) for h in heads)})\s+$")


# --- sentences and clauses ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?:\./\.|[.!?…]+)[\"”’)\]]*(?=\s)")
_ABBREVIATIONS = frozenset(
    {"tp", "ts", "ths", "gs", "pgs", "bs", "mr", "mrs", "ms", "dr", "st", "ltd", "co", "inc"}
)


_NON_SPACE = re.compile(r"\S")
_LAST_WORD = re.compile(r"(\w+)\.?\W*$")
_LAST_WORD_WINDOW = 64  # characters searched first for the word before a full stop


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: lines, cut after ". ", "! ", "? ", "… " before a capital, digit or quote."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in _SENTENCE_END.finditer(text, line.start(), line.end()):
            nxt = _NON_SPACE.search(text, end.end(), line.end())
            first = nxt.group() if nxt else ""
            if not first or not (first.isupper() or first.isdigit() or first in "\"“'(*-•"):
                continue
            word = _word_before(text, start, end.start() + 1)
            if word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue  # "TP. Hồ Chí Minh", "V. Pu-tin"
            spans.append((start, end.end()))
            start = end.end()
        spans.append((start, line.end()))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _word_before(text: str, start: int, end: int) -> str:
    """The last word of text[start:end], read from a short window before `end` if it holds it."""
    lo = max(start, end - _LAST_WORD_WINDOW)
    before = _LAST_WORD.search(text, lo, end)
    if lo > start and (before is None or before.start() == lo):
        before = _LAST_WORD.search(text, start, end)  # the word may begin before the window
    return before.group(1) if before else ""


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - len(chunk) + len(chunk.rstrip())


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ ";"- and line-separated clauses of a sentence."""
    out, at = [], start
    for m in re.finditer(r"[;\n]", text[start:end]):
        out.append((at, start + m.start()))
        at = start + m.end()
    out.append((at, end))
    return [c for c in out if text[c[0] : c[1]].strip()]


# --- checks on one trigger ---------------------------------------------------------------------
# Every look-back from a trigger reads a bounded number of words before it (`_words_back`),
# never the whole sentence before it: a sentence of any length costs time linear in its length.


class _Sentence(NamedTuple):
    """A sentence's offsets and the offset of its first letter (`end` if it has none)."""

    start: int
    end: int
    letter: int


def _sentence(text: str, start: int, end: int) -> _Sentence:
    letter = next((i for i in range(start, end) if text[i].isalpha()), end)
    return _Sentence(start, end, letter)


def _sentence_initial(sent: _Sentence, at: int) -> bool:
    """No letter in the sentence before `at`."""
    return at <= sent.letter


_COLON_WINDOW = 4  # characters read back for the colon before a capitalised field


def _after_colon(text: str, sent: _Sentence, at: int) -> bool:
    """ "như: Nông nghiệp, y tế": a capitalised field right after a colon starts a list."""
    before = text[max(sent.start, at - _COLON_WINDOW) : at].rstrip()
    return before.endswith(":")


_WORD = re.compile(r"\S+")
_FIRST_WINDOW = 64  # characters read back first; doubled until enough words are read


def _words_back(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The words of text[lo:hi] from the last backwards, read in windows that double.

    What the caller does not consume is never read: a look-back of k words costs
    about the length of those k words, not of text[lo:hi].
    """
    width = _FIRST_WINDOW
    while hi > lo:
        start = max(lo, hi - width)
        words = list(_WORD.finditer(text, start, hi))
        width *= 2
        if start > lo:
            if len(words) < 2:
                continue  # the one word may be cut by the window: read further back
            words = words[1:]  # the first may be cut: read again with the next window
        yield from reversed(words)
        if start == lo:
            return
        hi = words[0].start()


_MAX_NAME_GAP = (
    2  # lower-case syllables inside a name: "Hiệp định Thương mại", "Phát triển nông thôn"
)
_MAX_NAME_WORDS = 40  # a name is read back at most this many words (real ones have under 20)


def _capital_run_head(text: str, folded: str, sent_start: int, at: int) -> str | None:
    """Kind of the proper name that `at` continues: "org", "mechanism", "name", or None.

    Vietnamese names capitalise the first syllable of each word ("Bộ Y tế", "Hội nghị
    Bộ trưởng Kinh tế"), so the name is read back over capitalised syllables and at most
    two lower-case syllables between them; a lower-case trigger must follow it closely
    ("Công ty Cổ phần Y dược phẩm", "Tập đoàn dầu khí").
    """
    gap_limit = _MAX_NAME_GAP if text[at].isupper() else 1
    first, gap = None, 0
    for w in islice(_words_back(text, sent_start, at), _MAX_NAME_WORDS):
        word = w.group()
        if word[-1] in ',;:.)"”':
            break
        if word[0].isupper() or word[0].isdigit():
            first, gap, gap_limit = w.start(), 0, _MAX_NAME_GAP
        else:
            gap += 1
            if gap > gap_limit:
                break
        if word[0] in '("“':
            break
    if first is None:
        return None
    run = folded[first:at].strip()
    for head, kind in _name_heads():
        if run == head or run.startswith(head + " "):
            return kind
    return "name"


def _trigger_ok(text: str, folded: str, sent: _Sentence, m: re.Match[str], trig: _Trigger) -> bool:
    """Not inside the name of an organisation or event; a body's name only as a place."""
    at = m.start()
    if "locative" in trig.flags:
        words = islice(_words_back(folded, sent.start, at), _MAX_LOCATIVE_WORDS)
        window = " " + " ".join(reversed([w.group() for w in words])) + " "
        if not any(f" {loc} " in window for loc in _cue_vocab()["locative"]):
            return False
    if "name" in trig.flags or _sentence_initial(sent, at) or _after_colon(text, sent, at):
        return True
    if _agency_regex().search(folded, max(sent.start, at - 20), at):
        return False  # "cơ quan y tế", "bộ quốc phòng": a body
    run = _capital_run_head(text, folded, sent.start, at)
    if text[at].isupper():
        return run == "mechanism"
    return run != "org"


_SEPARATOR = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+|/\s*|\s+)")
_AFTER_WEAK = re.compile(r"\s*(?:[,;.…:)\"”]|và\s|$)")


def _weak_ok(
    folded: str, span: tuple[int, int], strong: list[tuple[int, int]], clause_end: int
) -> bool:
    """A weak trigger ("xây dựng", "điện") is a field only in a list of fields, not as a verb."""
    start, end = span
    after_ok = bool(_AFTER_WEAK.match(folded, end, clause_end)) or end >= clause_end
    if not after_ok:
        return False
    if folded[max(0, start - 12) : start].rstrip().endswith(_LIST_PREFIXES):
        return True
    # `strong` is in text order; only the nearest one on each side can be separated from
    # the weak trigger by nothing but a separator (any other has that nearest one between).
    before = bisect_right(strong, start, key=_end_of) - 1
    if before >= 0 and _SEPARATOR.fullmatch(folded, strong[before][1], start):
        return True
    after = bisect_left(strong, end, key=_start_of)
    return after < len(strong) and bool(_SEPARATOR.fullmatch(folded, end, strong[after][0]))


def _start_of(span: tuple[int, int]) -> int:
    return span[0]


def _end_of(span: tuple[int, int]) -> int:
    return span[1]


# --- statistics --------------------------------------------------------------------------------

_NUMBER_WITH_UNIT = re.compile(
    r"\d[\d.,]*\s*(?:%|phần trăm|tỷ|tỉ|triệu|nghìn|ngàn|usd|đô la)(?!\w)"
)


def _stat_verb_in(folded: str, start: int, end: int) -> bool:
    """A verb of a reported figure ("đạt", "tăng"), not the start of a longer word ("tăng cường")."""
    longer = _cue_vocab()["not_stat_verb"]
    matches = _kind_regex("stat_verb", "not_stat_verb").finditer(folded, start, end)
    return any(_key(m.group()) not in longer for m in matches)


def _statistic_parts(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma parts of a clause that only report a figure (no agreed target)."""
    parts, at = [], start
    for m in re.finditer(r",\s", folded[start:end]):
        parts.append((at, start + m.start()))
        at = start + m.end()
    parts.append((at, end))
    stats = []
    for s, e in parts:
        if _kind_regex("target").search(folded, s, e):
            continue
        figure = _NUMBER_WITH_UNIT.search(folded, s, e) and _stat_verb_in(folded, s, e)
        if figure or _kind_regex("stat").search(folded, s, e):
            stats.append((s, e))
    return stats


# --- public API --------------------------------------------------------------------------------


def _in_parts(parts: list[tuple[int, int]], at: int) -> bool:
    """`at` falls in one of `parts` (disjoint, in text order)."""
    k = bisect_right(parts, at, key=_start_of) - 1
    return k >= 0 and at < parts[k][1]


def _areas_at(
    text: str, folded: str, sent: _Sentence, clause: tuple[int, int]
) -> list[tuple[int, int, str]]:
    """Accepted triggers of one clause, offsets into `text`."""
    regex, triggers = _area_vocab()
    found: list[tuple[re.Match[str], _Trigger]] = []
    for m in regex.finditer(folded, clause[0], clause[1]):
        trig = triggers.get(_key(m.group()))
        if trig is None or trig.code == _BLOCKER:
            continue
        if _trigger_ok(text, folded, sent, m, trig):
            found.append((m, trig))
    if not found:
        return []
    strong = [m.span() for m, t in found if "weak" not in t.flags]
    stats = _statistic_parts(folded, clause[0], clause[1])
    formulas = _formula_parts(folded, clause[0], clause[1])
    out = []
    for m, trig in found:
        if "weak" in trig.flags and not _weak_ok(folded, m.span(), strong, clause[1]):
            continue
        if _in_parts(stats, m.start()) or _in_parts(formulas, m.start()):
            continue
        out.append((m.start(), m.end(), trig.code))
    return out


def _has_cue(text: str, folded: str, sent: _Sentence, clause: tuple[int, int]) -> bool:
    """A cue of cooperating in the clause; help ("hỗ trợ", "giúp đỡ") counts only as mutual."""
    block = _cue_vocab()["block"]
    aid = _cue_vocab()["aid"]
    help_only = one_way = False
    for m in _kind_regex("cue", "aid", "block").finditer(folded, clause[0], clause[1]):
        key = _key(m.group())
        if key in block:
            continue
        in_name = text[m.start()].isupper() and not _sentence_initial(sent, m.start())
        if in_name and _capital_run_head(text, folded, sent.start, m.start()) == "org":
            continue  # "Tổ chức Hợp tác Thượng Hải": a name, not a cue
        if key in aid:
            help_only = True
            one_way = one_way or _aid_given(folded, clause, m)
            continue
        return True
    if not help_only:
        return False
    if _kind_regex("mutual").search(folded, clause[0], clause[1]):
        return True
    return not (one_way or _kind_regex("aid_gift").search(folded, clause[0], clause[1]))


_AID_PAST_WORDS = 2  # "đã từng hỗ trợ": words read back for the mark of past aid


def _aid_given(folded: str, clause: tuple[int, int], m: re.Match[str]) -> bool:
    """Help already given ("đã hỗ trợ") or goods handed over ("hỗ trợ vaccine")."""
    past = _cue_vocab()["aid_past"]
    words = islice(_words_back(folded, clause[0], m.start()), _AID_PAST_WORDS)
    if any(w.group() in past for w in words):
        return True
    after = _kind_regex("aid_goods").match(folded, _skip_space(folded, m.end()), clause[1])
    return after is not None


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] == " ":
        at += 1
    return at


def _statement_spans(text: str, folded: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Area spans of the cooperative clauses of one sentence (empty when it is no statement)."""
    spans: list[tuple[int, int, str]] = []
    cooperative = False
    sent = _sentence(text, start, end)
    for clause in _clauses(text, start, end):
        cooperative = cooperative or _has_cue(text, folded, sent, clause)
        if cooperative:
            spans += _areas_at(text, folded, sent, clause)
    return spans


def _to_nfc(text: str) -> tuple[str, list[int], list[int]]:
    """NFC text, offset in `text` of each NFC offset (plus end), NFC offset of each `text` offset."""
    if unicodedata.is_normalized("NFC", text):
        ident = list(range(len(text) + 1))
        return text, ident, ident
    pieces: list[str] = []
    back: list[int] = []
    forth = [0] * (len(text) + 1)
    at = 0
    while at < len(text):
        end = at + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        piece = unicodedata.normalize("NFC", text[at:end])
        for i in range(at, end):
            forth[i] = len(back)
        back += [at] * len(piece)
        pieces.append(piece)
        at = end
    forth[len(text)] = len(back)
    back.append(len(text))
    return "".join(pieces), back, forth


def areas_in(sentence: str) -> list[tuple[int, int, str]]:
    """Every field named in `sentence` (longest trigger wins), statement or not.

    Area words inside names, weak triggers outside lists and fields of statistics are left out.
    """
    text, back, _ = _to_nfc(sentence)
    folded = _fold(text)
    out: list[tuple[int, int, str]] = []
    sent = _sentence(text, 0, len(text))
    for clause in _clauses(text, 0, len(text)):
        out += _areas_at(text, folded, sent, clause)
    return [(back[s], back[e], code) for s, e, code in out]


def is_cooperation_statement(sentence: str) -> bool:
    """True when `sentence` states cooperation in at least one named field."""
    text = unicodedata.normalize("NFC", sentence)
    return bool(_statement_spans(text, _fold(text), 0, len(text)))


def find_cooperation(
    text: str, sentences: list[tuple[int, int]] | None = None
) -> list[CooperationStatement]:
    """Statements of cooperation in `text`; `sentences` are char spans of it, else split here.

    Offsets refer to `text` as given (also when it is not NFC).
    """
    nfc, back, forth = _to_nfc(text)
    folded = _fold(nfc)
    if sentences is None:
        spans_nfc = _split_sentences(nfc)
    else:
        spans_nfc = [(forth[s], forth[e]) for s, e in sentences]
    # Cue words anywhere in the text, found in one pass: a sentence none of them touches has
    # no clause with a cue, so it is no statement (the clause-level reading is skipped).
    cue_ends: list[int] = []
    cue_starts: list[int] = []
    for m in _kind_regex("cue", "aid", "block").finditer(folded):
        cue_starts.append(m.start())
        cue_ends.append(m.end())
    out = []
    for start, end in spans_nfc:
        k = bisect_right(cue_ends, start)  # the first cue ending after the sentence starts
        if k == len(cue_ends) or cue_starts[k] >= end:
            continue
        spans = _statement_spans(nfc, folded, start, end)
        if spans:
            areas = tuple(dict.fromkeys(code for _, _, code in spans))
            found = tuple((back[s], back[e], code) for s, e, code in spans)
            out.append(CooperationStatement(back[start], back[end], areas, found))
    return out
