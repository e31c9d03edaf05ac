"""Cut a page dump down to its article: title, then body paragraphs; metadata set aside.

The rules are general signals, not lists of known lines: section headers that
open navigation blocks (and so end the body), line shapes (timestamps, teaser
labels, image markup, runs of headlines), captions with photo credits, and
bylines / "Theo <source>" lines at the end of the body (a "Theo <source>" line after
body text ends it: another story's caption or teaser may follow; so does a lone
lowercase widget word such as "chọn"). Vocabularies live in
`data/`; line-shape tests in `shapes`, metadata readers in `metadata`.
Not for decoding bytes (`camket.ingest`) nor for reading HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from camket.clean import metadata, shapes
from camket.clean.markup import (
    is_image_only,
    is_url_only,
    link_share,
    starts_with_image,
    strip_markup,
)

MIN_BODY_WORDS = 8  # a prose line this long means the article text has started
MIN_RUN_IN_BODY = 3  # consecutive headline-like lines inside the body that form a teaser list
MIN_RUN_IN_TAIL = 2  # ... after the last prose paragraph, when furniture stands among them
MAX_TAIL_META = 3  # bylines and source lines stand among the first lines after the body
LINK_SHARE_NAV = 0.7  # a line that is mostly link text is navigation
MAX_META_BLOCK = 8  # label lines read after the body's end
MAX_HEADER_KEPT = 2  # a publication stamp stands above the body or after its lead paragraph


@dataclass(frozen=True)
class CleanedArticle:
    """An article as cleaning leaves it: `text` is title + body paragraphs joined by blank lines."""

    title: str | None
    text: str
    author: str | None
    source_name: str | None
    photo_credits: tuple[str, ...]
    published: str | None
    removed_lines: int


@dataclass
class _Candidate:
    """A line that survived the first pass; the tail pass may still take it."""

    text: str
    raw: str
    after_furniture: bool = (
        False  # page furniture was dropped between this line and the last kept one
    )


@dataclass
class _Found:
    """Metadata met while reading lines."""

    credits: list[str] = field(default_factory=list)
    source: str | None = None
    author: str | None = None
    furniture_at_end: bool = False  # furniture (or the body's end) came after the last kept line
    stamp: str | None = None  # the date of the page header's publication stamp


def _is_furniture(text: str, raw: str) -> bool:
    """Single lines that are page furniture wherever they stand; the body goes on after them."""
    if (
        shapes.header_kind(text) == "inline"
        or shapes.is_standalone_boilerplate(text)
        or shapes.is_teaser(text)
        or shapes.is_timestamp(text)
        or shapes.is_breadcrumb(text)
    ):
        return True
    n_links, share = link_share(raw)
    return share >= LINK_SHARE_NAV and (n_links >= 2 or not shapes.is_prose(text))


def _first_pass(lines: list[str], found: _Found, seen: set[str]) -> list[_Candidate]:
    """Drop furniture line by line, up to the first section header after body text."""
    kept: list[_Candidate] = []
    body_started = False
    after_image = False
    in_top_block = False  # a header came before the article text: skip its headline list
    furniture = False  # furniture dropped since the last kept line
    for no, raw in enumerate(lines):
        if not raw.strip():
            continue
        text = strip_markup(raw)
        if is_image_only(raw):
            after_image = furniture = True
            continue
        follows_image, after_image = after_image, False
        if not text or shapes.is_symbol_only(text) or is_url_only(text):
            continue
        if len(kept) <= MAX_HEADER_KEPT and not in_top_block and _read_stamp(text, found):
            furniture = True
            continue
        if starts_with_image(raw):  # "![]() <another story>": an image teaser
            furniture = True
            continue
        stripped = raw.strip()
        if follows_image and (stripped.startswith("|") or stripped.endswith("|")):
            _, credit = metadata.photo_credit(text)  # a table-cell caption under the image
            if credit:
                found.credits.append(credit)
            continue
        if shapes.header_kind(text) == "block" or _is_widget_line(text):
            furniture = True
            if body_started:
                _read_meta_block(lines[no + 1 :], found)
                break
            in_top_block = True
            continue
        if (src := metadata.source_of(text)) is not None:
            if not body_started:  # "Theo TTXVN 21/09/2023 - 09:57" under the title
                found.source = found.source or src
                continue
            if _is_source_line(text):  # "Theo Báo Quốc tế" closes the article: what follows
                found.source = found.source or src  # is another story's caption or teaser
                _read_meta_block(lines[no + 1 :], found)
                break
        elif _is_furniture(text, raw):
            furniture = True
            continue
        is_caption, credit = metadata.photo_credit(text)
        if is_caption:
            if credit:
                found.credits.append(credit)
            continue
        if text in seen:
            continue
        if in_top_block:
            if not shapes.is_prose(text):
                continue
            in_top_block = False
        seen.add(text)
        kept.append(_Candidate(text, raw, after_furniture=furniture))
        furniture = False
        if shapes.is_prose(text) and shapes.word_count(text) >= MIN_BODY_WORDS:
            body_started = True
    found.furniture_at_end = furniture
    return kept


def _read_stamp(text: str, found: _Found) -> bool:
    """Whether `text` is a publication stamp ("Cập nhật: 31/08/2021"); the first one dates the page."""
    stamp = metadata.header_date(text)
    if stamp is None:
        return False
    found.stamp = found.stamp or stamp
    if found.source is None and (src := metadata.source_of(text)):
        found.source = src  # "Theo TTXVN 21/09/2023 - 09:57"
    return True


MAX_WIDGET_CHARS = 12  # a lone lowercase word this short is a page widget ("chọn", "bình chọn")


def _is_widget_line(text: str) -> bool:
    """A line of one lowercase word, no punctuation ("chọn"): a widget label, never article
    text; after the body what follows it is another story's teaser."""
    word = text.strip()
    return 0 < len(word) <= MAX_WIDGET_CHARS and word.isalpha() and word.islower()


def _is_source_line(text: str) -> bool:
    """A whole "Theo <source>" line (not "Nguồn: ..." labels, which may precede a byline)."""
    return text.strip().lower().startswith(("theo ", "(theo "))


def _read_meta_block(lines: list[str], found: _Found) -> None:
    """After the body's end, read "Tác giả: ...", "Nguồn tin: VOV1" label lines that follow at once."""
    for raw in [ln for ln in lines if ln.strip()][:MAX_META_BLOCK]:
        text = strip_markup(raw)
        if shapes.header_kind(text) == "block":
            continue
        if len(text) > 80 or ":" not in text:
            return
        if found.source is None and (src := metadata.source_of(text)):
            found.source = src
        elif found.author is None and (name := metadata.byline_of(text)):
            found.author = name


def _drop_headline_runs(cands: list[_Candidate], min_run: int) -> list[_Candidate]:
    """Drop runs of `min_run`+ headline-like lines, unless a line ending in ':' introduces them."""
    out: list[_Candidate] = []
    i = 0
    while i < len(cands):
        j = i
        while j < len(cands) and shapes.is_headline_like(cands[j].text):
            j += 1
        if j == i:
            out.append(cands[i])
            i += 1
            continue
        introduced = bool(out) and out[-1].text.endswith(":")
        if j - i < min_run or introduced:
            out.extend(cands[i:j])
        i = j
    return out


def _split_tail(cands: list[_Candidate], found: _Found) -> list[_Candidate]:
    """Take byline and source lines after the last prose paragraph (or list item); drop
    headline lists there."""
    is_meta = [bool(metadata.source_of(c.text) or metadata.byline_of(c.text)) for c in cands]
    last_prose = max(
        (
            i
            for i, c in enumerate(cands)
            if not is_meta[i] and (shapes.is_prose(c.text) or shapes.is_list_item(c.text))
        ),
        default=None,
    )
    if last_prose is None:
        return cands
    body, tail = cands[: last_prose + 1], cands[last_prose + 1 :]
    rest: list[_Candidate] = []
    for pos, cand in enumerate(tail):
        near = pos < MAX_TAIL_META
        if near and (src := metadata.source_of(cand.text)):
            found.source = found.source or src
            found.stamp = found.stamp or metadata.header_date(cand.text)  # "Nguồn: VOA, 26/03/2024"
        elif near and (name := metadata.byline_of(cand.text)):
            found.author = found.author or name
        else:
            rest.append(cand)
    # A headline list after the body: long enough, or mixed with dropped furniture
    # (time stamps, teaser labels). Two unpunctuated closing paragraphs alone stay.
    with_furniture = found.furniture_at_end or any(c.after_furniture for c in rest)
    if len(rest) >= MIN_RUN_IN_BODY or (len(rest) >= MIN_RUN_IN_TAIL and with_furniture):
        rest = []
    return body + rest


def _title_index(lines: list[str]) -> int | None:
    """The first line with readable text that is not page furniture ("In bài viết", "-", a time)."""
    for i, ln in enumerate(lines):
        text = strip_markup(ln)
        if not text or shapes.is_symbol_only(text) or is_image_only(ln):
            continue
        if shapes.is_standalone_boilerplate(text) or shapes.is_timestamp(text):
            continue
        return i
    return None


_INNER_STOP = re.compile(r"[.!?…]\s+\S")


def _is_headline(text: str) -> bool:
    """One short unpunctuated line, no caption: what a block after a crawler tag must be to be a title."""
    return (
        shapes.is_headline_like(text)
        and not metadata.photo_credit(text)[0]
        and not _INNER_STOP.search(text)
    )


def _strip_crawler_tag(lines: list[str]) -> str | None:
    """The date of a crawler tag opening the dump ("date 2021-03 <text>"); the tag leaves the line."""
    for i, ln in enumerate(lines):
        if not ln.strip():
            continue
        tag = metadata.crawler_tag(ln)
        if tag is None:
            return None
        lines[i] = tag[1]
        return tag[0]
    return None


def _published(found: _Found, tag: str | None, paragraphs: list[str]) -> str | None:
    """The page's stamp, else the crawler's full date, else the lead's date (a tag's month gives it a year)."""
    if found.stamp:
        return found.stamp
    if tag and len(tag) == len("2021-03-15"):
        return tag
    return metadata.lead_date(paragraphs, month=tag)


def clean_article(raw: str, *, title: str | None = None) -> CleanedArticle:
    """raw: decoded, NFC text of a page dump.

    When `title` is None the first non-empty line is the title (furniture such as
    a lone "-" or a time stamp is skipped); when given (JSONL/HTML input) `raw` is
    body only. A crawler tag opening the dump ("date 2021-03 ...") is metadata: it
    leaves the text, and the block after it is the title only if it looks like one.
    `published`: the header's stamp, the tag's date, or the lead's date.
    """
    lines = raw.splitlines()
    nonblank = sum(1 for ln in lines if ln.strip())
    tag = _strip_crawler_tag(lines)
    found = _Found()
    title_from_raw = title is None
    if title_from_raw:
        at = _title_index(lines)
        if at is not None:
            for ln in lines[:at]:  # a stamp above the title ("Thứ hai, 26/08/2019")
                _read_stamp(strip_markup(ln), found)
            # After a crawler tag the first block is whatever the crawler met first:
            # a title only if it looks like one (a lead paragraph or a caption is not).
            if tag is None or _is_headline(strip_markup(lines[at])):
                title, lines = strip_markup(lines[at]), lines[at + 1 :]
    else:
        title = strip_markup(title) or None

    cands = _first_pass(lines, found, {title} if title else set())
    cands = _split_tail(cands, found)
    cands = _drop_headline_runs(cands, MIN_RUN_IN_BODY)

    paragraphs = [c.text for c in cands]
    text = "\n\n".join(([title] if title else []) + paragraphs)
    kept_raw = len(paragraphs) + (1 if title and title_from_raw else 0)
    return CleanedArticle(
        title=title,
        text=text,
        author=found.author,
        source_name=found.source,
        photo_credits=tuple(dict.fromkeys(found.credits)),
        published=_published(found, tag, paragraphs),
        removed_lines=max(0, nonblank - kept_raw),
    )
