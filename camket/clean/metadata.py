"""Read article metadata off page lines: photo credits, byline, "Theo <source>", dates.

Dates: a crawler tag opening the dump ("date 2021-03 ..."), a publication stamp
in the page header ("Cập nhật: 31/08/2021"), the date a lead paragraph opens with.

Not for deciding where a line stands in the page: `boilerplate` only asks these
functions about lines that its position rules put in question.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from camket.clean.lexicon import alternation, fold, keyed, phrases
from camket.clean.shapes import TIMESTAMP_TOKEN_RE, ends_sentence

_MARKERS = phrases("photo_credit_markers.txt")
_CREDIT_MARKERS = alternation(_MARKERS)
_CAPITAL_MARKERS = alternation(tuple(f(m) for m in _MARKERS for f in (str.capitalize, str.upper)))
# "... Ảnh: TTXVN", "... (Ảnh: Nhật Bắc/VGP)", "... - Ảnh: VGP/Hải Minh", "Ảnh: Reuters.":
# the marker opens the line, follows punctuation, or is capitalised after a space
# (so "Triển lãm ảnh: Ký ức Hà Nội" is no caption).
_CREDIT_RE = re.compile(
    r"(?:(?:^|(?<=[.!?…,;|\-–—(\[]))\s*[(\[]?\s*(?i:" + _CREDIT_MARKERS + r")"
    r"|(?<=\s)[(\[]?(?:" + _CAPITAL_MARKERS + r"))"
    r"\s*[:：]\s*(?P<credit>[^()\[\]:：]{1,60}?)\s*[)\]]?\s*\.?$"
)
# "(Ảnh minh họa)", "Ảnh tư liệu": a multi-word photo tag closing a caption that names no
# one. A lone "(ảnh)" in prose means "pictured" and is left alone.
_CAPTION_TAG_RE = re.compile(
    r"(?:^|[(\[]\s*)(?:"
    + alternation(tuple(m for m in _MARKERS if " " in m))
    + r")\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
# "<alt text> - Ảnh 1." / "... - Hình 2": a numbered image placeholder.
_NUMBERED_IMAGE_RE = re.compile(
    r"\s[-–—]\s*(?:" + _CREDIT_MARKERS + r")\s*\d{1,2}\.?$", re.IGNORECASE
)
MAX_CREDIT_WORDS = 8


def photo_credit(text: str) -> tuple[bool, str | None]:
    """(is a caption, credit) for a line that ends with a photo credit or a photo tag.

    "Bài và ảnh: Hải Minh" is a byline, not a caption.
    """
    if _BYLINE_LABEL_RE.match(text):
        return False, None
    m = _CREDIT_RE.search(text) if ":" in text or "：" in text else None  # it needs a colon
    if m:
        credit = m.group("credit").strip(" .-–—")
        if credit and len(credit.split()) <= MAX_CREDIT_WORDS:
            return True, credit
    if _NUMBERED_IMAGE_RE.search(text):
        return True, None
    if len(text) <= 400 and _CAPTION_TAG_RE.search(text):
        return True, None
    return False, None


_SOURCE_RE = re.compile(
    r"^[(\[]?\s*(?:" + alternation(phrases("source_markers.txt")) + r")(?:\s*[:：]\s*|\s+)"
    r"(?P<src>\S.*?)\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"\s*[:：]?\s*(?:https?://|www\.)\S+")
_SENTENCE_MARK_RE = re.compile(r"[!?;:]|\.(?=\s|$)")


def source_of(text: str) -> str | None:
    """The outlet of a short "Theo Báo Chính phủ" / "Nguồn: TTXVN" / "(Theo VOV)" line.

    Time stamps and links are dropped: "Theo TTXVN 21/09/2023 - 09:57" and
    "Nguồn VTV: https://vtv.vn/..." both name the outlet only.
    """
    if "http" in text or "www." in text:  # what every _URL_RE match contains
        text = _URL_RE.sub("", text)
    if len(text) > 80:
        return None
    m = _SOURCE_RE.match(text)
    if not m:
        return None
    src = TIMESTAMP_TOKEN_RE.sub(" ", m.group("src")).strip(" -–—|,:")
    if not src or len(src.split()) > 10 or _SENTENCE_MARK_RE.search(src):
        return None
    # Every comma-separated item names an outlet ("Reuters, AFP"); "Theo ông A, ..." does not.
    if not all(part.strip()[:1].isupper() or part.strip()[:1].isdigit() for part in src.split(",")):
        return None
    return src


_BYLINE = keyed("byline_markers.txt")
_BYLINE_WHOLE = frozenset(_BYLINE["whole"])
_BYLINE_LABEL_RE = re.compile(
    r"^(?:" + alternation(_BYLINE["label"]) + r")\s*[:：]\s*", re.IGNORECASE
)
_AGENCY_RE = re.compile(r"\s*(?:\([^()]{1,40}\)|/\s*[A-ZĐ][\w.]*)$")
_NAME_SPLIT = re.compile(
    r"\s+[-–—&]\s+|\s*,\s*|\s+(?:" + alternation(_BYLINE["joiner"]) + r")\s+", re.IGNORECASE
)


def _is_name_token(word: str) -> bool:
    letters = word.replace("-", "")
    return (
        bool(letters)
        and letters.isalpha()
        and word[0].isupper()
        and (letters[1:].islower() or letters.isupper())
    )


def _is_name(part: str) -> bool:
    words = part.split()
    return 2 <= len(words) <= 5 and all(_is_name_token(w) for w in words)


def byline_of(text: str) -> str | None:
    """The author of a byline line: "Hải Minh", "Thu Hà - Minh Anh", "Bài và ảnh: Hải Minh (TTXVN)"."""
    if len(text) > 80:
        return None
    if fold(text.strip(" .")) in _BYLINE_WHOLE:
        return text.strip(" .")
    names = _BYLINE_LABEL_RE.sub("", text, count=1).strip(" .")
    names = _AGENCY_RE.sub("", names).strip()
    parts = [p for p in _NAME_SPLIT.split(names) if p]
    if not parts:
        return None
    # "Hải Minh - TTXVN": a trailing agency acronym is not a name.
    if len(parts) > 1 and len(parts[-1].split()) == 1 and parts[-1].isupper():
        names = names[: names.rfind(parts[-1])].rstrip(" -–—,&")
        parts = parts[:-1]
    if all(_is_name(p) for p in parts):
        return names
    return None


_DW = keyed("date_words.txt")
_LEAD_DATE_RE = re.compile(
    # dateline: "HÀ NỘI (TTXVN) - ", or a leading "(TTXVN) " / "(THPL)-, "
    r"^(?:[^()\n]{0,40}\([^()\n]{1,40}\)\s*[-–—:]+[\s,]*|\([^()\n]{1,40}\)[\s,\-–—:]*)?"
    r"(?:(?:" + alternation(phrases("time_of_day.txt")) + r")\s+)?"
    r"(?:(?:" + alternation(_DW["day"]) + r")\s+)?"
    r"(?P<d>\d{1,2})\s*(?:[/.\-]|\s(?:" + alternation(_DW["month"]) + r")\s)\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:[/.\-]|,?\s(?:" + alternation(_DW["year"]) + r")\s)\s*(?P<y>\d{4}))?(?![\d/.\-])",
    re.IGNORECASE,
)
LEAD_PARAGRAPHS = 3
MAX_LEAD_LAG_DAYS = 7  # a lead reports an event of the days just before publication


def _lead_day(paragraphs: list[str]) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) stated at the start of the first lead paragraph that has one."""
    for para in paragraphs[:LEAD_PARAGRAPHS]:
        m = _LEAD_DATE_RE.match(para)
        if m:
            year = int(m.group("y")) if m.group("y") else None
            return year, int(m.group("m")), int(m.group("d"))
    return None


def _in_month(month: str, m: int, d: int) -> date | None:
    """The day d/m read in the month `month` ("2023-04"), or up to a week before it."""
    year, mo = int(month[:4]), int(month[5:7])
    first = date(year, mo, 1)
    last = date(year + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)
    for y in (year, year - 1):
        try:
            when = date(y, m, d)
        except ValueError:
            continue
        if first - timedelta(days=MAX_LEAD_LAG_DAYS) <= when <= last:
            return when
    return None


def lead_date(paragraphs: list[str], month: str | None = None) -> str | None:
    """ISO date stated at the start of a lead paragraph ("Ngày 05/4/2021, ...").

    Without a year, the date counts only when `month` (the page's "YYYY-MM", from a
    crawler tag) gives it one: "Sáng 28/4, ..." under "2023-04" is 2023-04-28; else None.
    """
    found = _lead_day(paragraphs)
    if found is None:
        return None
    y, m, d = found
    if y is None:
        when = _in_month(month, m, d) if month else None
        return when.isoformat() if when else None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


# -- page-header dates -------------------------------------------------------

_HD = keyed("header_date_words.txt")
_TAG_RE = re.compile(
    r"^\s*(?:" + alternation(_HD["tag"]) + r")\s*:?\s+"
    r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?!\S)[ \t]*",
    re.IGNORECASE,
)


def crawler_tag(line: str) -> tuple[str, str] | None:
    """(date or month, rest of the line) of a crawler tag opening a dump: "date 2021-03-15 <text>".

    The crawler writes the page's date ("2021-03-15", or only "2021-03") before the
    first text block it took; the rest of the line is that block, not a title.
    """
    m = _TAG_RE.match(line)
    if not m:
        return None
    y, mo = int(m.group("y")), int(m.group("m"))
    if not 1 <= mo <= 12:
        return None
    if m.group("d") is None:
        return f"{y:04d}-{mo:02d}", line[m.end() :]
    try:
        return date(y, mo, int(m.group("d"))).isoformat(), line[m.end() :]
    except ValueError:
        return None


_STAMP_DATE_RE = re.compile(
    r"(?<![\d/.\-])(?:(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>(?:19|20)\d{2})"
    r"|(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2}))(?![\d/.\-]?\d)"
)
_STAMP_TIME_RE = re.compile(r"(?<!\d)\d{1,2}[:hg]\d{2}(?!\d)")
_STAMP_WORD_RE = re.compile(
    r"(?<!\w)(?:" + alternation(_HD["weekday"] + _HD["label"]) + r")(?!\w)", re.IGNORECASE
)
_STAMP_NOISE_RE = re.compile(
    r"(?<!\w)(?:" + alternation(_HD["weekday"] + _HD["label"] + _DW["day"]) + r"|GMT|AM|PM)(?!\w)",
    re.IGNORECASE,
)
MAX_STAMP_CHARS = 100
MAX_STAMP_WORDS = 8  # words besides the date, time, weekday and label: a byline, an outlet


def header_date(text: str) -> str | None:
    """ISO date of a publication stamp line: "Cập nhật: 31/08/2021", "Thứ Hai, 15/03/2021 10:20".

    A stamp is short, is no sentence, holds one full date, and has a time, a weekday,
    a label or an outlet with it ("03/10/2021 07:29", "Nguồn: VOA, 26/03/2024"); a
    headline that names a date ("Hội chợ mở cửa ngày 5/11/2025") has none of these.
    """
    if len(text) > MAX_STAMP_CHARS or ends_sentence(text):
        return None
    dates = list(_STAMP_DATE_RE.finditer(text))
    if len(dates) != 1:
        return None
    if not (_STAMP_TIME_RE.search(text) or _STAMP_WORD_RE.search(text) or source_of(text)):
        return None
    rest = _STAMP_NOISE_RE.sub(
        " ", TIMESTAMP_TOKEN_RE.sub(" ", text[: dates[0].start()] + " " + text[dates[0].end() :])
    )
    if len(re.findall(r"\w+", rest)) > MAX_STAMP_WORDS:
        return None
    m = dates[0]
    y, mo, d = (
        (m.group("y"), m.group("m"), m.group("d"))
        if m.group("y")
        else (m.group("iy"), m.group("im"), m.group("id"))
    )
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None
