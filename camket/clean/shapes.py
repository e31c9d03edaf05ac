"""Line-shape tests for page furniture: section headers, timestamps, teasers, breadcrumbs.

Each test looks at one markup-stripped line; the order they are applied in and
the position rules (body end, runs of headlines) live in `boilerplate`.
"""

from __future__ import annotations

import re

from camket.clean.lexicon import alternation, fold, keyed, phrases

MAX_HEADER_CHARS = 100  # a header line, suffix included ("Từ khóa: Cuba, Việt Nam, ...")
MAX_HEADLINE_WORDS = 30  # teaser headlines run up to ~27 syllables
_TERMINAL = ".!?…;:"
_QUOTES = "\"'”’»)"

_HEADER_PATTERNS = phrases("section_headers.txt")
_HEADERS = frozenset(p for p in _HEADER_PATTERNS if not p.endswith(": *"))
_HEADERS_WITH_SUFFIX = frozenset(p[: -len(": *")] for p in _HEADER_PATTERNS if p.endswith(": *"))
_STANDALONE = frozenset(phrases("standalone_boilerplate.txt"))
# "Tin cùng chủ đề (12)", "TIN LIÊN QUAN »", "## Xem thêm:" -> the bare phrase.
_HEADER_EDGES = re.compile(r"^[\s#*»›>▶►•·\-–—|]+|[\s:：»›>▶►•·\-–—|]+$|\s*\(\d+\)\s*$")
_SUFFIX_SPLIT = re.compile(r"\s*[:：]\s*")
_INLINE = re.compile(
    r"^[\s»›>▶►•*\-–]*(?:"
    + alternation(phrases("inline_link_markers.txt"))
    + r")\s*(?::|>>|»)\s*\S",
    re.IGNORECASE,
)
_TEASER = re.compile(
    r"^\[\s*(?:" + alternation(phrases("teaser_prefixes.txt")) + r")\s*\]", re.IGNORECASE
)

_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}"
_TIME = r"\d{1,2}[:hg]\d{2}(?::\d{2})?"
TIMESTAMP_TOKEN_RE = re.compile(
    rf"(?<!\d)(?:{_DATE}|{_TIME})(?!\d)|\(?GMT\s*[+\-]\s*\d{{1,2}}\)?|\b[AP]M\b"
)
_TS_ATOM = rf"(?:{_DATE}|{_TIME}|GMT\s*[+\-]\s*\d{{1,2}})"
_TS_EDGE = re.compile(rf"^\(?{_TS_ATOM}(?!\d)|(?<!\d){_TS_ATOM}\)?$")
_DW = keyed("date_words.txt")
_RELATIVE = re.compile(
    rf"^\d+\s+(?:{alternation(_DW['unit'])})\s+(?:{alternation(_DW['ago'])})$", re.IGNORECASE
)
_WORD = re.compile(r"\w+")
_BREADCRUMB_SPLIT = re.compile(r"\s*[>»›]\s*")
_LIST_ITEM = re.compile(r"^(?:[-–+•*▪●]\s|\d{1,2}[.)]\s|[a-zđ]\)\s)")


def header_kind(text: str) -> str | None:
    """'block' for a section header line ("Tin liên quan"), 'inline' for "Xem thêm: <headline>"."""
    if len(text) > MAX_HEADER_CHARS * 2:
        return None
    if _INLINE.match(text):
        return "inline"
    if len(text) > MAX_HEADER_CHARS:
        return None
    bare = fold(_HEADER_EDGES.sub("", text))
    if bare in _HEADERS:
        return "block"
    head = _SUFFIX_SPLIT.split(bare, maxsplit=1)
    if len(head) == 2 and head[0] in _HEADERS_WITH_SUFFIX:
        return "block"
    return None


def is_standalone_boilerplate(text: str) -> bool:
    """Ad slots, print/share buttons, back-to-top links: dropped, but the body goes on."""
    return len(text) <= 60 and fold(_HEADER_EDGES.sub("", text)) in _STANDALONE


def is_teaser(text: str) -> bool:
    """A headline of another story labelled "[Video]", "[Ảnh]", "[Infographic]"..."""
    return _TEASER.match(text) is not None


def is_timestamp(text: str) -> bool:
    """A listing timestamp: "Tin mới 26/12/2025 19:38", "13:35 | 19/01/2026 Tin tức", "2 giờ trước"."""
    if len(text) > 80:
        return False
    if _RELATIVE.match(text):
        return True
    if not _TS_EDGE.search(text) or text[-1] in ".!?":
        return False
    rest = TIMESTAMP_TOKEN_RE.sub(" ", text)
    return len(_WORD.findall(rest)) <= 6


def is_breadcrumb(text: str) -> bool:
    """ "Trang chủ > Thời sự > Đối ngoại": three or more short segments joined by arrows."""
    parts = _BREADCRUMB_SPLIT.split(text)
    return len(parts) >= 3 and all(0 < len(p.split()) <= 5 for p in parts)


def is_symbol_only(text: str) -> bool:
    """Nothing readable: pipes, dashes, table rules."""
    return not any(ch.isalnum() for ch in text)


def ends_sentence(text: str) -> bool:
    """The line ends like a sentence; a closing quote or bracket counts after ., ! or ?."""
    bare = text.rstrip(_QUOTES)
    return bare[-1:] in _TERMINAL


def word_count(text: str) -> int:
    return len(text.split())


def is_list_item(text: str) -> bool:
    """ "- item", "1. item", "a) item": part of a list in the body, not a headline."""
    return _LIST_ITEM.match(text) is not None


def is_headline_like(text: str) -> bool:
    """Short and without sentence-final punctuation: a headline, label or intertitle."""
    return (
        not ends_sentence(text)
        and word_count(text) <= MAX_HEADLINE_WORDS
        and not is_list_item(text)
    )


def is_prose(text: str) -> bool:
    """A paragraph of running text: ends like a sentence, or too long for a headline."""
    return ends_sentence(text) or word_count(text) > MAX_HEADLINE_WORDS
