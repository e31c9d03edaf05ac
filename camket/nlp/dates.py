"""Vietnamese date expressions, resolved against the article's date.

- `find_dates(text, ref_date)` returns every `DateMention` in `text`, ordered by
  position; `text[m.start_char:m.end_char] == m.text`. With `periods=True` a
  range is one mention whose value is an ISO 8601 interval of its two ends
  ("từ ngày 3 đến ngày 5-10-2024" -> "2024-10-03/2024-10-05", "tháng 5-6/2021"
  -> "2021-05/2021-06", "năm 2021-2025" -> "2021/2025"); DATE entities use it.
- `resolve_deadline(text, ref_date)` reads the deadline a phrase or sentence
  states ("từ nay đến cuối năm 2021" -> "2021-12-31", "trong tháng 8/2021" ->
  "2021-08", "trong năm 2021" -> "2021", "trước ngày 31/12/2021" -> "2021-12-31").

`ref_date` is the article's ISO date ("2021-09-29"; a longer ISO timestamp or a
`datetime.date` is accepted too) or None; a malformed one counts as None.
Overlapping candidates: the one starting first wins, then the longest
("cuối năm 2021" rather than "năm 2021").

What is a mention (settled rules):

- Day: "ngày 02/3/2021", "05/4/2021", "(2/9/2025)", "25-6-1975", "19.4.2021",
  "ngày 3 tháng 5 năm 2024", "mùng 2/9 năm nay" (a relative year, as for
  months and quarters); without a year only after a day word or a time of
  day: "ngày 21/2", "hôm 13/6", "chiều 6/7", "rạng sáng 7/7", "sáng ngày
  19/4", "ngày 8-6", "ngày 3 tháng 5", "ngày 14.6" (a dotted "d.m" without a
  year needs the day word or time of day too). A bare "d/m" ("1/2 số") is never
  a date. The text includes the day word and time of day ("chiều 6/7").
  Calendar dates are validated (31/2 is dropped).
- Day lists and ranges: "từ ngày 25 đến ngày 28/2", "ngày 26-27/1", "ngày 5 và
  6/7", "ngày 11-12/12 năm 2023", "28/2 - 3/3/2021", "19/4/1961-19/4/2021" give
  one day mention per day: the first is the start ("ngày 25"), the last the end
  ("ngày 28/2"). A start day larger than the end day is in the month before.
  A bare range without a year is a date after "từ" ("từ 2 đến 4/7", "từ 2/7 đến
  4/7"). A range ("đến", "tới", a dash) of two days is a period for
  `periods=True`; a list ("ngày 5 và 6/7") stays two days.
- ISO dates in the text ("2021-07-05") are days too.
- Month: "tháng 10/2025", "tháng 2-2021", "tháng 3 năm 2021", "tháng Ba" (a
  spelled month must be capitalised: "tháng năm" is not May), "tháng 10",
  "tháng tới"/"tháng sau"/"tháng này"/"tháng trước"; "tháng 5-6/2021" gives two
  month mentions ("tháng 5", "6/2021").
- Quarter: "quý III/2021", "quý 3 năm 2021", "quý IV" -> the quarter's first
  month, precision "month", qualifier None: "quý III/2021" -> "2021-07".
- Year: "năm 2021" (also glued "năm 2021và"), "năm 2021-2025" and "giai đoạn
  2021-2025" (two mentions), "năm nay" (+0), "năm tới"/"năm sau" (+1), "năm
  ngoái"/"năm trước" (-1), "năm kia" (-2). "trong năm 2021" gives "năm 2021".
- Relative days: "hôm nay", "hôm qua", "hôm kia", "ngày mai", "sáng nay",
  "tối qua" ... (day precision).
- Qualifiers: "đầu"/"thượng tuần"/"nửa đầu" -> "early", "giữa"/"trung tuần" ->
  "mid", "cuối"/"hạ tuần"/"nửa cuối" -> "late"; before a month, quarter or year
  ("đầu tháng 8/2020" -> "2020-08" early; "cuối năm 2021" -> "2021" late), also
  alone ("cuối năm", "đầu tháng": the article's year or month).
- Not dates: times ("19:38", "24h"), fractions, scores, percentages, decree
  numbers ("02-TT/TU"), durations: a number or a plural/generic word before
  "tháng"/"năm" ("35 năm đổi mới", "3 tháng tới", "những năm tới", "mỗi cuối
  năm"), and relative phrases anchored on another event ("năm sau đó").
  "tuần tới" and other weeks are skipped.

Year of a date written without one (needs `ref_date`, else no mention): the
date in the one-year window from 10 months (303 days) before to 2 months (62
days) after the article date. That is the article's year unless the date would
then be more than ~2 months in the future (-> the year before) or more than
~10 months in the past (-> the year after: "ngày 5/1" in an article of
2021-12-20 is 2022-01-05); a 29/2 with no leap day in the window takes the
nearest one. A cue overrides the window: "tới"/"sắp tới" after
the date takes the next such date on or after the article date ("ngày 6/9
tới"); "vừa qua"/"vừa rồi" after it or "hồi" before it the last one on or
before ("hồi tháng 10"). A month or quarter without a year ("tháng 10", "quý
IV") takes the article's year; with a cue, its next or last occurrence
("tháng Ba tới" in an article of July 2021 is 2022-03). `resolve_deadline`
reads a yearless date after a deadline cue as mostly ahead: the day in the
window from 2 months before to 10 months after the article ("trước ngày 31/12"
in July 2021 is 2021-12-31), the month from 2 before to 9 after, the quarter
from the article's quarter on. Relative words and yearless mentions are
dropped when `ref_date` is None.

Deadlines (`resolve_deadline`): the first mention introduced by a deadline cue
("đến", "tới", "trước", "chậm nhất", "hết", ...) wins; "trong", "vào" and "dự
kiến" count only when the date is not before the article (a past "trong năm
2020" is narrative), and only if no strong cue follows; "tính đến ngày 29/9"
("as of") is no deadline. With no cue, a text that is nothing but one date
phrase is read as the deadline ("cuối năm 2021"). The deadline is the mention's value, except: late qualifier ("cuối", "hạ tuần",
"nửa cuối") or the cue "hết" -> the last day of the period ("cuối năm 2021" ->
"2021-12-31", "đến hết tháng 8/2021" -> "2021-08-31"); a quarter -> its last day
unless qualified early/mid; "nửa đầu năm" -> June 30; "thượng tuần"/"trung
tuần" of a month -> its 10th/20th. "đầu"/"giữa" keep the period ("2022").

The vocabulary is in `data/dates_vi.tsv`, read once at import.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources

__all__ = ["DateMention", "find_dates", "resolve_deadline"]


@dataclass(frozen=True)
class DateMention:
    """One date expression; `text` is `searched_text[start_char:end_char]`."""

    start_char: int
    end_char: int
    text: str
    value: str  # ISO: "2021-04-05" (day), "2021-08" (month), "2021" (year), "2021-07-02/2021-07-04"
    precision: str  # "day" | "month" | "year"
    qualifier: str | None  # "early" (đầu), "mid" (giữa), "late" (cuối), None


# --------------------------------------------------------------------------- vocabulary


def _load_vocab() -> dict[str, dict[str, tuple[str, str]]]:
    raw = resources.files("camket.nlp").joinpath("data", "dates_vi.tsv").read_text("utf-8")
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, phrase, value, extra = (line.split("\t") + ["", "", ""])[:4]
        if kind == "kind":  # header row
            continue
        out.setdefault(kind.strip(), {})[" ".join(phrase.split())] = (value.strip(), extra.strip())
    return out


_VOCAB = _load_vocab()


def _words(kind: str) -> list[str]:
    return list(_VOCAB.get(kind, {}))


def _fold(phrase: str) -> str:
    return " ".join(phrase.casefold().split())


def _table(kind: str) -> dict[str, tuple[str, str]]:
    return {_fold(p): v for p, v in _VOCAB.get(kind, {}).items()}


def _alt(words: list[str] | set[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


_MONTH_NAMES = {_fold(p): int(v) for p, (v, _) in _VOCAB["month_name"].items()}
_QUALIFIERS = _table("qualifier")  # phrase -> (early|mid|late, end rule)
_REL_DAY = {p: int(v) for p, (v, _) in _table("rel_day").items()}
_REL_MONTH = {p: int(v) for p, (v, _) in _table("rel_month").items()}
_REL_YEAR = {p: int(v) for p, (v, _) in _table("rel_year").items()}
_CUES = {p: v for p, (v, _) in _table("deadline_cue").items()}

_POD = _alt(_words("part_of_day"))
_DAYW = _alt(_words("day_word"))
_QUAL = _alt(_words("qualifier"))
_MNAME = _alt(_words("month_name"))
_RELD = _alt(_words("rel_day"))
_RELM = _alt(_words("rel_month"))
_RELY = _alt(_words("rel_year"))
_BLOCK = _alt(_words("rel_block"))
_RANGE_OPEN = re.compile(rf"(?<!\w)(?:{_alt(_words('range_open'))})\s+$", re.IGNORECASE)
_RANGE_WORDS = frozenset({"-", "–", "đến", "tới"})  # the range connectors of _DAYSEP / _P_CROSS

_START = r"(?<![\w/.\-–])"  # not glued to a word, a number or a separator
_KW = rf"(?:(?:{_POD})\s+)?(?:(?:{_DAYW})\s+){{0,2}}"  # "sáng ngày", "ngày mùng", "hôm"
_DAYSEP = rf"(?:\s*[-–]\s*|\s*,\s*|\s+(?:đến|tới|và|hoặc)\s+)(?:(?:{_DAYW})\s+)?"
_REL_YEAR_AFTER = rf"\s+năm\s+(?P<ry>{_RELY})(?!\w)(?!\s+(?:{_BLOCK})(?!\w))"
_YEAR_TAIL = rf"(?:(?P=msep)(?P<y>\d{{4}})|\s+năm\s+(?P<y2>\d{{4}})|{_REL_YEAR_AFTER})"
_NO_MORE = r"(?!\d)(?!(?P=msep)\d)"

_I = re.IGNORECASE
_P_DAYS = re.compile(
    rf"(?:{_START}|(?<=\d{{4}}[-–]))(?P<kw>{_KW})(?P<days>\d{{1,2}}(?:{_DAYSEP}\d{{1,2}}){{0,6}})"
    rf"(?P<msep>[/.\-])(?P<m>\d{{1,2}}){_YEAR_TAIL}?{_NO_MORE}",
    _I,
)
_P_CROSS = re.compile(
    rf"{_START}(?P<kw>{_KW})(?P<d1>\d{{1,2}})(?P<s1>[/.\-])(?P<m1>\d{{1,2}})(?!\d)(?!(?P=s1)\d)"
    rf"\s*(?P<conn>[-–]|đến|tới)\s*(?P<kw2>{_KW})(?P<d2>\d{{1,2}})(?P<msep>[/.\-])(?P<m2>\d{{1,2}})"
    rf"{_YEAR_TAIL}?{_NO_MORE}",
    _I,
)
_P_LONG = re.compile(
    rf"{_START}(?P<kw>{_KW})(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}}|{_MNAME})(?!\w)"
    rf"(?:\s*,?\s*năm\s+(?P<y>\d{{4}})|\s*[,/]\s*(?P<y2>\d{{4}})|{_REL_YEAR_AFTER})?(?!\d)",
    _I,
)
# An optional year after a month or quarter: "/2021", "năm 2021", ", năm 2021", "năm nay".
_MONTH_YEAR_TAIL = (
    rf"(?:\s*(?P<sep>[/.\-])\s*(?P<y>\d{{4}})|\s+(?:,\s*)?năm\s+(?P<y2>\d{{4}})|{_REL_YEAR_AFTER})?"
)
_P_MONTH = re.compile(
    rf"{_START}(?:(?P<q>{_QUAL})\s+)?tháng\s+(?P<m>\d{{1,2}}|{_MNAME})(?!\w)"
    rf"{_MONTH_YEAR_TAIL}"
    r"(?!\d)(?![/.\-]\d)",
    _I,
)
_P_MONTH_RANGE = re.compile(
    rf"{_START}(?:(?P<q>{_QUAL})\s+)?tháng\s+(?P<m1>\d{{1,2}})\s*[-–]\s*(?P<m2w>(?:tháng\s+)?(?P<m2>\d{{1,2}}))"
    rf"{_MONTH_YEAR_TAIL}"
    r"(?!\d)(?![/.\-]\d)",
    _I,
)
_P_ISO = re.compile(r"(?<![\w/.\-–])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/\-–]|[.,]\d)")
_P_MONTH_REL = re.compile(
    rf"{_START}(?:(?P<q>{_QUAL})\s+)?tháng\s+(?P<rel>{_RELM})(?!\w)(?!\s+(?:{_BLOCK})(?!\w))", _I
)
_P_MONTH_BARE = re.compile(
    rf"{_START}(?P<q>{_QUAL})\s+tháng(?!\w)(?!\s*\d)(?!\s+(?:{_MNAME}|{_RELM})(?!\w))", _I
)
_P_QUARTER = re.compile(
    rf"{_START}(?:(?P<q>{_QUAL})\s+)?quý\s+(?P<n>IV|I{{1,3}}|[1-4])(?!\w)"
    rf"{_MONTH_YEAR_TAIL}"
    r"(?!\d)",
    _I,
)
_P_YEAR = re.compile(
    rf"{_START}(?:(?P<q>{_QUAL})\s+)?năm\s+(?P<y>\d{{4}})(?!\d)(?![.,/]\d)"
    r"(?:\s*[-–]\s*(?P<y2w>(?:năm\s+)?(?P<y2>\d{4}))(?!\d)(?![.,/]\d))?",
    _I,
)
_P_PERIOD = re.compile(
    r"(?<!\w)giai\s+đoạn\s+(?P<y>\d{4})\s*[-–]\s*(?P<y2>\d{4})(?!\d)(?![.,/]\d)", _I
)
_P_YEAR_REL = re.compile(
    rf"{_START}(?:(?P<q>{_QUAL})\s+)?năm\s+(?P<rel>{_RELY})(?!\w)(?!\s+(?:{_BLOCK})(?!\w))", _I
)
_P_YEAR_BARE = re.compile(
    rf"{_START}(?P<q>{_QUAL})\s+năm(?!\w)(?!\s*\d)"
    rf"(?!\s+(?:{_RELY}|học|tài\s+chính|âm\s+lịch|mới)(?!\w))",
    _I,
)
_P_REL_DAY = re.compile(rf"{_START}(?P<rel>{_RELD})(?!\w)", _I)

_DAY_ITEM = re.compile(rf"(?:(?:{_DAYW})\s+)?(?P<d>\d{{1,2}})", _I)
# A number or a plural/generic word right before "tháng"/"năm": a duration ("3 tháng
# tới", "35 năm") or a generic period ("những năm tới", "mỗi cuối năm").
_COUNT_GUARD = re.compile(
    rf"(?:(?<![\w/\-–])\d[\d.,]*|(?<!\w)(?:{_alt(_words('count_guard'))}))\s*$",
    _I,
)
_FUTURE_AFTER = re.compile(rf"\s*(?:{_alt(_words('future_after'))})(?!\w)(?!\s+(?:{_DAYW}|\d))", _I)
_PAST_AFTER = re.compile(rf"\s*(?:{_alt(_words('past_after'))})(?!\w)", _I)
_PAST_BEFORE = re.compile(rf"(?<!\w)(?:{_alt(_words('past_before'))})\s+$", _I)
_CUE_BEFORE = re.compile(rf"(?<!\w)(?P<cue>{_alt(list(_CUES))})\s+$", _I)
_DEADLINE = 2  # `_direction` value: a yearless date after a deadline cue
_DASHES = frozenset({"-", "–"})
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEARS = range(1000, 2200)


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Hit:
    """A mention plus what `resolve_deadline` needs to know about it."""

    mention: DateMention
    period_end: date  # last day of the named day/month/quarter/year
    end_rule: str  # qualifier's deadline rule: "", "last", "h1", "d10", "d20"
    quarter: bool


@dataclass(frozen=True)
class _Ctx:
    ref: date | None
    deadline: bool  # resolving a deadline: a yearless date after a deadline cue is in the future


@dataclass(frozen=True)
class _Cand:
    start: int  # region covered (for overlap resolution)
    end: int
    hits: tuple[_Hit, ...]
    period: bool = False  # the two hits are the ends of one range


def _ref(ref_date: object) -> date | None:
    """The article date, or None if missing, malformed or outside the years handled."""
    if isinstance(ref_date, datetime):
        ref: date | None = ref_date.date()
    elif isinstance(ref_date, date):
        ref = ref_date
    elif isinstance(ref_date, str) and (m := re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", ref_date)):
        try:
            ref = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            ref = None
    else:
        ref = None
    # keep a margin so that "năm kia" or "năm sau" stays a valid year
    return ref if ref is not None and _YEARS[0] + 2 <= ref.year <= _YEARS[-1] - 2 else None


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d) if y in _YEARS else None
    except ValueError:
        return None


def _direction(text: str, start: int, end: int, ctx: _Ctx) -> int:
    """+1 if a cue puts the date after the article ("tới"), -1 before ("vừa qua", "hồi")."""
    if _FUTURE_AFTER.match(text, end):
        return 1
    if _PAST_AFTER.match(text, end) or _PAST_BEFORE.search(text, max(0, start - 20), start):
        return -1
    if ctx.deadline and _cue_before(text, start) not in (None, "none"):
        return _DEADLINE
    return 0


def _cue_before(text: str, start: int) -> str | None:
    """The kind of deadline cue ("strong", "end", "weak") right before `start`, if any."""
    m = _CUE_BEFORE.search(text, max(0, start - 40), start)
    return _CUES[_fold(m.group("cue"))] if m else None


def _infer_day(m: int, d: int, ref: date, direction: int) -> date | None:
    """The date of day `d` of month `m` near `ref` (see the module doc for the windows)."""
    cands = [x for y in (ref.year - 1, ref.year, ref.year + 1) if (x := _safe_date(y, m, d))]
    if direction == _DEADLINE:  # mostly ahead: from ~2 months before to ~10 after
        lo, hi = ref - timedelta(days=62), ref + timedelta(days=303)
    elif direction > 0:
        return min((x for x in cands if x >= ref), default=None)
    elif direction < 0:
        return max((x for x in cands if x <= ref), default=None)
    else:  # mostly behind: from ~10 months before to ~2 after
        lo, hi = ref - timedelta(days=303), ref + timedelta(days=62)
    inside = [x for x in cands if lo < x <= hi]
    if inside:
        return inside[0]
    # 29/2 outside the window: the nearest leap day, if within about a year
    near = min(cands, key=lambda x: abs((x - ref).days), default=None)
    return near if near is not None and abs((near - ref).days) <= 400 else None


def _infer_period(n: int, ref_n: int, ref_year: int, direction: int, back: int) -> int:
    """The year of month (or quarter) `n` given the article's `ref_n`: the article's
    year, or the next/last occurrence when a cue gives a direction; a deadline may be
    `back` periods behind the article, else it is the next occurrence."""
    if direction == _DEADLINE:
        return ref_year + 1 if n < ref_n - back else ref_year
    if direction > 0 and n < ref_n:
        return ref_year + 1
    if direction < 0 and n > ref_n:
        return ref_year - 1
    return ref_year


def _opens_range(text: str, start: int) -> bool:
    """ "từ" right before `start`: a bare "2 đến 4/7" after it is a range of days."""
    return bool(_RANGE_OPEN.search(text, max(0, start - 12), start))


def _guarded(text: str, start: int) -> bool:
    return bool(_COUNT_GUARD.search(text, max(0, start - 30), start))


def _qual(m: re.Match[str]) -> tuple[str | None, str]:
    q = m.groupdict().get("q")
    if not q:
        return None, ""
    label, rule = _QUALIFIERS[_fold(q)]
    return label, rule


def _month_of(token: str) -> int | None:
    """A month number from digits or a capitalised spelled name ("Ba"; not "ba")."""
    if token.isdigit():
        n = int(token)
        return n if 1 <= n <= 12 else None
    if not token[:1].isupper():
        return None
    return _MONTH_NAMES.get(_fold(token))


def _year_of(m: re.Match[str], ref: date | None) -> int | None:
    """The year written in the match: digits ("/2021", "năm 2021") or relative ("năm nay")."""
    groups = m.groupdict()
    for name in ("y", "y2"):
        if groups.get(name) is not None:
            return int(groups[name])
    if groups.get("ry") and ref is not None:
        return ref.year + _REL_YEAR[_fold(groups["ry"])]
    return None


def _day_hit(text: str, start: int, end: int, d: date) -> _Hit:
    return _Hit(DateMention(start, end, text[start:end], d.isoformat(), "day", None), d, "", False)


def _month_hit(
    text: str,
    start: int,
    end: int,
    y: int,
    mo: int,
    qual: str | None,
    rule: str,
    quarter: bool = False,
) -> _Hit:
    last = _last_day(*_add_months(y, mo, 2)) if quarter else _last_day(y, mo)
    mention = DateMention(start, end, text[start:end], f"{y:04d}-{mo:02d}", "month", qual)
    return _Hit(mention, last, rule, quarter)


def _year_hit(text: str, start: int, end: int, y: int, qual: str | None, rule: str) -> _Hit:
    return _Hit(
        DateMention(start, end, text[start:end], f"{y:04d}", "year", qual),
        date(y, 12, 31),
        rule,
        False,
    )


# --------------------------------------------------------------------------- rules
# Each rule turns one regex match into a candidate (or None when it is not a date).

_Rule = Callable[[re.Match[str], str, _Ctx], "_Cand | None"]


def _rule_days(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    kw, msep = m.group("kw"), m.group("msep")
    year = _year_of(m, ref)
    items = list(_DAY_ITEM.finditer(text, m.start("days"), m.end("days")))
    seps = [
        text[a.end() : b.start()].strip().casefold() for a, b in zip(items, items[1:], strict=False)
    ]
    is_range = len(seps) == 1 and seps[0] in _RANGE_WORDS
    opened = not kw and is_range and _opens_range(text, m.start())  # "từ 2 đến 4/7"
    if not kw and year is None and not opened:
        return None
    if msep == "." and year is None and not kw:
        return None  # "14.6" is a number; "ngày 14.6" is a date
    if msep == "-" and any(s in _DASHES for s in seps):
        return None  # "13-15-10": which dash is the range?
    if not kw and not opened and any(s not in _DASHES for s in seps):
        return None  # bare lists only as "18-20/9/2021"
    month = _month_of(m.group("m"))
    if month is None:
        return None
    days = [int(it.group("d")) for it in items]
    if year is None:
        if ref is None:
            return None
        anchor = _infer_day(month, days[-1], ref, _direction(text, m.start(), m.end(), ctx))
        if anchor is None:
            return None
        year = anchor.year
    hits = []
    for i, (it, d) in enumerate(zip(items, days, strict=True)):
        y, mo = (
            (year, month) if i == len(days) - 1 or d <= days[-1] else _add_months(year, month, -1)
        )
        when = _safe_date(y, mo, d)
        if when is None:
            return None
        start = m.start() if i == 0 else it.start()
        end = m.end() if i == len(days) - 1 else it.end()
        hits.append(_day_hit(text, start, end, when))
    return _Cand(m.start(), m.end(), tuple(hits), period=is_range)


def _rule_cross(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    year = _year_of(m, ref)
    kw = m.group("kw")
    if not kw and year is None and not _opens_range(text, m.start()):  # "từ 2/7 đến 4/7"
        return None
    if m.group("s1") == "-" and m.group("conn") in "-–":
        return None
    m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2"))
    if (
        m1 is None
        or m2 is None
        or ("." in (m.group("s1"), m.group("msep")) and year is None and not kw)
    ):
        return None
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if year is None:
        if (
            ref is None
            or (end := _infer_day(m2, d2, ref, _direction(text, m.start(), m.end(), ctx))) is None
        ):
            return None
        year = end.year
    first = _safe_date(year if (m1, d1) <= (m2, d2) else year - 1, m1, d1)
    last = _safe_date(year, m2, d2)
    if first is None or last is None:
        return None
    second_start = m.start("kw2") if m.group("kw2") else m.start("d2")
    return _Cand(
        m.start(),
        m.end(),
        (
            _day_hit(text, m.start(), m.end("m1"), first),
            _day_hit(text, second_start, m.end(), last),
        ),
        period=True,
    )


def _rule_long(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    year = _year_of(m, ref)
    month = _month_of(m.group("m"))
    if month is None or (not m.group("kw") and year is None):
        return None
    d = int(m.group("d"))
    if year is None:
        if ref is None:
            return None
        when = _infer_day(month, d, ref, _direction(text, m.start(), m.end(), ctx))
    else:
        when = _safe_date(year, month, d)
    return (
        None
        if when is None
        else _Cand(m.start(), m.end(), (_day_hit(text, m.start(), m.end(), when),))
    )


def _month_year(m: re.Match[str], text: str, ctx: _Ctx, month: int) -> int | None:
    """The year of a month mention: written, else inferred from the article date and cues."""
    year = _year_of(m, ctx.ref)
    if year is None and ctx.ref is not None:
        direction = _direction(text, m.start(), m.end(), ctx)
        year = _infer_period(month, ctx.ref.month, ctx.ref.year, direction, back=2)
    return year


def _rule_month(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    month = _month_of(m.group("m"))
    if month is None or _guarded(text, m.start()):
        return None
    year = _month_year(m, text, ctx, month)
    if year is None or year not in _YEARS:
        return None
    qual, rule = _qual(m)
    return _Cand(
        m.start(), m.end(), (_month_hit(text, m.start(), m.end(), year, month, qual, rule),)
    )


def _rule_month_range(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2"))
    if m1 is None or m2 is None or m1 == m2 or _guarded(text, m.start()):
        return None
    year = _month_year(m, text, ctx, m2)
    if year is None:
        return None
    start_year = year if m1 < m2 else year - 1
    if year not in _YEARS or start_year not in _YEARS:
        return None
    qual, rule = _qual(m)
    hits = (
        _month_hit(text, m.start(), m.end("m1"), start_year, m1, qual, rule),
        _month_hit(text, m.start("m2w"), m.end(), year, m2, None, ""),
    )
    return _Cand(m.start(), m.end(), hits, period=True)


def _rule_iso(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    when = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return (
        None
        if when is None
        else _Cand(m.start(), m.end(), (_day_hit(text, m.start(), m.end(), when),))
    )


def _rule_month_rel(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    if ref is None or _guarded(text, m.start()):
        return None
    y, mo = _add_months(ref.year, ref.month, _REL_MONTH[_fold(m.group("rel"))])
    qual, rule = _qual(m)
    return _Cand(m.start(), m.end(), (_month_hit(text, m.start(), m.end(), y, mo, qual, rule),))


def _rule_month_bare(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    if ref is None or _guarded(text, m.start()):
        return None
    qual, rule = _qual(m)
    return _Cand(
        m.start(), m.end(), (_month_hit(text, m.start(), m.end(), ref.year, ref.month, qual, rule),)
    )


def _rule_quarter(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    n = m.group("n")
    q = int(n) if n.isdigit() else _ROMAN[n.casefold()]
    year = _year_of(m, ref)
    if year is None:
        if ref is None:
            return None
        ref_q = (ref.month - 1) // 3 + 1
        direction = _direction(text, m.start(), m.end(), ctx)
        year = _infer_period(q, ref_q, ref.year, direction, back=0)
    if year is None or year not in _YEARS:
        return None
    qual, rule = _qual(m)
    hit = _month_hit(text, m.start(), m.end(), year, 3 * q - 2, qual, rule, quarter=True)
    return _Cand(m.start(), m.end(), (hit,))


def _rule_year(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    y = int(m.group("y"))
    if y not in _YEARS:
        return None
    qual, rule = _qual(m)
    hits = [_year_hit(text, m.start(), m.end("y"), y, qual, rule)]
    if m.group("y2"):
        y2 = int(m.group("y2"))
        if y2 not in _YEARS or y2 <= y:
            return None
        hits.append(_year_hit(text, m.start("y2w"), m.end("y2w"), y2, None, ""))
    return _Cand(m.start(), m.end(), tuple(hits), period=len(hits) == 2)


def _rule_period(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    y, y2 = int(m.group("y")), int(m.group("y2"))
    if y not in _YEARS or y2 not in _YEARS or y2 <= y:
        return None
    hits = (
        _year_hit(text, m.start("y"), m.end("y"), y, None, ""),
        _year_hit(text, m.start("y2"), m.end("y2"), y2, None, ""),
    )
    return _Cand(m.start(), m.end(), hits, period=True)


def _rule_year_rel(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    if ref is None or _guarded(text, m.start()):
        return None
    qual, rule = _qual(m)
    y = ref.year + _REL_YEAR[_fold(m.group("rel"))]
    return _Cand(m.start(), m.end(), (_year_hit(text, m.start(), m.end(), y, qual, rule),))


def _rule_year_bare(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    if ref is None or _guarded(text, m.start()):
        return None
    qual, rule = _qual(m)
    return _Cand(m.start(), m.end(), (_year_hit(text, m.start(), m.end(), ref.year, qual, rule),))


def _rule_rel_day(m: re.Match[str], text: str, ctx: _Ctx) -> _Cand | None:
    ref = ctx.ref
    if ref is None:
        return None
    when = ref + timedelta(days=_REL_DAY[_fold(m.group("rel"))])
    return _Cand(m.start(), m.end(), (_day_hit(text, m.start(), m.end(), when),))


_RULES: tuple[tuple[re.Pattern[str], _Rule], ...] = (
    (_P_DAYS, _rule_days),
    (_P_CROSS, _rule_cross),
    (_P_LONG, _rule_long),
    (_P_MONTH, _rule_month),
    (_P_MONTH_RANGE, _rule_month_range),
    (_P_ISO, _rule_iso),
    (_P_MONTH_REL, _rule_month_rel),
    (_P_MONTH_BARE, _rule_month_bare),
    (_P_QUARTER, _rule_quarter),
    (_P_YEAR, _rule_year),
    (_P_PERIOD, _rule_period),
    (_P_YEAR_REL, _rule_year_rel),
    (_P_YEAR_BARE, _rule_year_bare),
    (_P_REL_DAY, _rule_rel_day),
)


def _last_words(words: list[str]) -> str | None:
    """Alternation of the last words of multi-word phrases (None if one is a single word)."""
    lasts = set()
    for phrase in words:
        parts = phrase.split()
        if len(parts) < 2:
            return None
        lasts.add(parts[-1])
    return _alt(lasts)


# Locators: for each pattern, a piece that every one of its matches contains, with the
# same flags and lookarounds, written so that `re` can scan for it quickly (no leading
# lookbehind or alternation). Where the locator finds nothing in a text, the pattern
# cannot match there and its scan (the costly part: the lookbehind is tried at every
# character) is skipped. tests/nlp/test_dates_locators.py checks them.
_RELD_LAST = _last_words(_words("rel_day"))
_LOCATORS: dict[re.Pattern[str], re.Pattern[str]] = {
    _P_DAYS: re.compile(r"\d[/.\-]\d", _I),
    _P_CROSS: re.compile(r"[/.\-]\d{1,2}(?!\d)\s*(?:[-–]|đến|tới)", _I),
    _P_LONG: re.compile(rf"\d\s+tháng\s+(?:\d|{_MNAME})", _I),
    _P_MONTH: re.compile(rf"tháng\s+(?:\d|{_MNAME})", _I),
    _P_MONTH_RANGE: re.compile(r"tháng\s+\d{1,2}\s*[-–]", _I),
    _P_ISO: re.compile(r"\d{4}-\d{2}-\d{2}"),
    _P_MONTH_REL: re.compile(rf"tháng\s+(?:{_RELM})(?!\w)(?!\s+(?:{_BLOCK})(?!\w))", _I),
    _P_MONTH_BARE: re.compile(rf"tháng(?!\w)(?!\s*\d)(?!\s+(?:{_MNAME}|{_RELM})(?!\w))", _I),
    _P_QUARTER: re.compile(r"quý\s+(?:IV|I{1,3}|[1-4])(?!\w)", _I),
    _P_YEAR: re.compile(r"năm\s+\d{4}(?!\d)(?![.,/]\d)", _I),
    _P_PERIOD: re.compile(r"giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}(?!\d)(?![.,/]\d)", _I),
    _P_YEAR_REL: re.compile(rf"năm\s+(?:{_RELY})(?!\w)(?!\s+(?:{_BLOCK})(?!\w))", _I),
    _P_YEAR_BARE: re.compile(
        rf"năm(?!\w)(?!\s*\d)(?!\s+(?:{_RELY}|học|tài\s+chính|âm\s+lịch|mới)(?!\w))", _I
    ),
}
if _RELD_LAST is not None:
    _LOCATORS[_P_REL_DAY] = re.compile(rf"\s(?:{_RELD_LAST})(?!\w)", _I)


def _runs(kind: str) -> int:
    """Whitespace runs a phrase of `kind` spans with the `\\s+` after it (its most words)."""
    return max((len(p.split()) for p in _words(kind)), default=0)


# Where a pattern's matches are few, its scan is driven by its locator: the match that
# `finditer` would give next starts at most `_BACK_RUNS[pattern]` whitespace runs before the
# next locator match (the words the pattern allows in front of the located piece), so the
# scan starts there instead of at the end of the previous match. `_located` is `finditer`
# (tests/nlp/test_dates_locators.py compares them); `_BACK` walks back on the reversed text.
_QUAL_RUNS = _runs("qualifier") + 1
_BACK_RUNS: dict[re.Pattern[str], int] = {
    # kw (part of day, two day words), then up to six separators "đến ngày", " - "...
    _P_DAYS: _runs("part_of_day") + 2 * _runs("day_word") + 6 * (2 + _runs("day_word")) + 1,
    _P_MONTH: _QUAL_RUNS,
    _P_MONTH_BARE: _QUAL_RUNS,
    _P_YEAR: _QUAL_RUNS,
    _P_YEAR_BARE: _QUAL_RUNS,
    _P_REL_DAY: _runs("rel_day") + 1,
}
_BACK = {p: re.compile(rf"\S*(?:\s+\S*){{0,{runs}}}") for p, runs in _BACK_RUNS.items()}


def _located(
    pattern: re.Pattern[str], locator: re.Pattern[str], back: re.Pattern[str], text: str, rtext: str
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, scanning only from a few words before each locator match."""
    n = len(text)
    pos = 0
    while (hit := locator.search(text, pos)) is not None:
        lo = n - back.match(rtext, n - hit.start()).end()
        m = pattern.search(text, lo if lo > pos else pos)
        if m is None:
            return
        yield m
        pos = m.end()  # no pattern matches the empty string


def _matches(pattern: re.Pattern[str], text: str, rtext: list[str]) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text` (`rtext` caches the reversed text)."""
    locator = _LOCATORS.get(pattern)
    if locator is None:
        return pattern.finditer(text)
    back = _BACK.get(pattern)
    if back is not None:
        if not rtext:
            rtext.append(text[::-1])
        return _located(pattern, locator, back, text, rtext[0])
    if locator.search(text) is None:
        return iter(())  # no match possible
    return pattern.finditer(text)


def _hits(text: str, ref_date: object, deadline: bool = False) -> Iterator[_Hit]:
    """All hits, ordered; where candidates overlap the earliest, then longest, wins."""
    for cand in _cands(text, ref_date, deadline):
        yield from cand.hits


def _cands(text: str, ref_date: object, deadline: bool = False) -> Iterator[_Cand]:
    """The candidates kept, ordered: where they overlap the earliest, then longest, wins."""
    ctx = _Ctx(_ref(ref_date), deadline)
    cands = []
    rtext: list[str] = []
    for pattern, rule in _RULES:
        for m in _matches(pattern, text, rtext):
            if (cand := rule(m, text, ctx)) is not None:
                cands.append(cand)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    taken_end = -1
    for cand in cands:
        if cand.start >= taken_end:
            taken_end = cand.end
            yield cand


def _period(cand: _Cand, text: str) -> DateMention:
    """One mention for a range: its value is the ISO 8601 interval "start/end"."""
    first, last = cand.hits[0].mention, cand.hits[-1].mention
    start, end = first.start_char, last.end_char
    value = f"{first.value}/{last.value}"
    return DateMention(start, end, text[start:end], value, first.precision, first.qualifier)


def find_dates(text: str, ref_date: str | None, periods: bool = False) -> list[DateMention]:
    """Every date expression in `text`, resolved against the article date `ref_date` (ISO).

    `periods=True`: a range is one mention valued "2024-10-03/2024-10-05" (an ISO 8601
    interval), for fields that state when something happens; else one mention per end.
    """
    out: list[DateMention] = []
    for cand in _cands(text, ref_date):
        if periods and cand.period and len(cand.hits) == 2:
            out.append(_period(cand, text))
        else:
            out.extend(h.mention for h in cand.hits)
    return out


# --------------------------------------------------------------------------- deadlines


def _deadline_value(hit: _Hit, cue: str) -> str:
    mention = hit.mention
    if mention.precision == "day":
        return mention.value
    rule = "last" if cue == "end" else hit.end_rule
    if rule == "last" or (hit.quarter and mention.qualifier is None):
        return hit.period_end.isoformat()
    if hit.quarter:
        return mention.value
    year = int(mention.value[:4])
    if rule == "h1":
        return f"{year:04d}-06-30" if mention.precision == "year" else f"{mention.value}-15"
    if rule in ("d10", "d20") and mention.precision == "month":
        return f"{mention.value}-{rule[1:]}"
    return mention.value


def resolve_deadline(text: str, ref_date: str | None) -> str | None:
    """The ISO date or period of the deadline that `text` states, or None.

    "từ nay đến cuối năm 2021" -> "2021-12-31"; "trong tháng 8/2021" -> "2021-08";
    "trong năm 2021" -> "2021"; "trước ngày 31/12/2021" -> "2021-12-31".
    """
    ref = _ref(ref_date)
    hits = list(_hits(text, ref, deadline=True))
    weak: str | None = None
    for hit in hits:
        cue = _cue_before(text, hit.mention.start_char)
        if cue is None or cue == "none":
            continue
        value = _deadline_value(hit, cue)
        if cue != "weak":
            return value
        if weak is None and (ref is None or hit.period_end >= ref):
            weak = value
    if weak is not None:
        return weak
    core = text.strip().strip(".,;:!?()[]\"'“”").strip()
    if len(hits) == 1 and hits[0].mention.text == core:
        return _deadline_value(hits[0], "")
    return None
