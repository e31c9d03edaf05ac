"""Who a role mention names: "Thủ tướng Italy" is the Italian prime minister the article names.

A role mention is a title with a country and no name ("Tổng thống Mỹ"), several titles
sharing one country ("Tổng thống và Phó Tổng thống đắc cử Hoa Kỳ"), or a bare title
("Chủ tịch sẽ dự ..."). It resolves to the person named with that title anywhere in the
article, before or after the mention (the nearest one wins). A person's titles are the
title written before the name (`span._.title`, comma-chained titles each count) and a
title stated after it ("X được bầu làm Tổng thống Hoa Kỳ").

Titles come from the entity lexicon (`camket/nlp/data/titles.tsv`, kinds role, minister
and leader); qualifiers that do not change the office ("đắc cử", "nước" after "Chủ tịch")
are listed in `camket/extract/data/invitations.tsv` (kind `qualifier`).
Indexed once per Doc: a lookup is a pass over the article's people, not over its text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc

from camket.extract.actors import doc_text
from camket.extract.vocab import alternation, load_tsv
from camket.nlp.lexicon import load_lexicon, read_rows
from camket.nlp.tokenizer import norm_key

CUES_FILE = "invitations.tsv"  # in camket/extract/data/
_PEOPLE_KEY = "camket.extract.people"
_AFTER_CHARS = 80  # how far after a name a stated title is looked for


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, list[str]]:
    """kind -> phrases of `data/invitations.tsv`, longest first."""
    return {
        kind: sorted((row[0] for row in rows), key=len, reverse=True)
        for kind, rows in load_tsv(CUES_FILE).items()
    }


@functools.lru_cache(maxsize=1)
def _offices() -> dict[str, str]:
    """Another name of an office -> its title ("Ngoại trưởng" -> "Bộ trưởng Ngoại giao")."""
    rows = load_tsv(CUES_FILE).get("office", [])
    return {norm_key(row[0]): row[1] for row in rows if len(row) > 1}


@functools.lru_cache(maxsize=1)
def _titles() -> list[str]:
    rows = read_rows("titles.tsv")
    found = {r[0] for r in rows if len(r) > 1 and r[1] in ("role", "minister", "leader") and r[0]}
    found |= set(cues().get("office", []))
    return sorted(found, key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def role_pattern() -> str:
    """One title with its qualifiers: "Phó Tổng thống đắc cử"."""
    qualifiers = alternation(cues().get("qualifier", []))
    return rf"(?:{alternation(_titles())})(?:\s+(?:{qualifiers}))*(?!\w)"


@functools.lru_cache(maxsize=1)
def _roles_before_re() -> re.Pattern:
    role = role_pattern()
    return re.compile(rf"(?<!\w)(?:{role})(?:\s*(?:,|và)\s*(?:{role}))*\s+(?:của\s+)?$", re.I)


@functools.lru_cache(maxsize=1)
def _one_role_re() -> re.Pattern:
    return re.compile(rf"(?<!\w){role_pattern()}", re.I)


@functools.lru_cache(maxsize=1)
def _stated_after_re() -> re.Pattern:
    verbs = alternation(cues().get("stated_title", []))
    # "X được bầu làm Tổng thống", "X, người (vừa) nhậm chức Thủ tướng Ý ...": an appositive
    who = r"(?:(?:là\s+)?người\s+)?(?:(?:đã|vừa|mới)\s+)?"
    return re.compile(rf"^\s*,?\s*{who}(?:{verbs})\s+({role_pattern()})", re.I)


def role_key(title: str) -> str:
    """The office a title names, qualifiers left out: "Phó Tổng thống đắc cử" -> "phó tổng thống"."""
    key = f" {norm_key(_offices().get(norm_key(title), title))} "
    for q in _qualifier_keys():
        key = key.replace(f" {q} ", " ")
    return " ".join(key.split())


@functools.lru_cache(maxsize=1)
def _qualifier_keys() -> list[str]:
    return [norm_key(q) for q in cues().get("qualifier", [])]


def roles_before(text: str) -> list[str]:
    """The titles ending `text` ("Tổng thống và Phó Tổng thống đắc cử "): one per office."""
    m = _roles_before_re().search(text[-160:])
    if not m:
        return []
    return [r.group(0) for r in _one_role_re().finditer(m.group(0))]


def bare_role_at(text: str, pos: int) -> re.Match | None:
    """A title starting at `pos` of `text` (the caller checks that no name follows)."""
    return _one_role_re().match(text, pos)


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    name: str
    country: str | None  # None: the text does not say


def people(doc: Doc) -> dict[str, list[Person]]:
    """The article's named people by office (`role_key`), each list in text order."""
    cached = doc.user_data.get(_PEOPLE_KEY)
    if cached is not None:
        return cached
    text = doc_text(doc)
    lex = load_lexicon()
    out: dict[str, list[Person]] = {}
    spans = sorted(
        (s for s in doc.spans.get("entities", []) if s.label_ == "PERSON"),
        key=lambda s: s.start_char,
    )
    known = {s.kb_id_: s._.country for s in spans if s.kb_id_ and s._.country}
    offices = _office_countries(doc, text)
    for s in spans:
        name = s.kb_id_ or text[s.start_char : s.end_char]
        titles = [t for t in re.split(r",\s*", s._.title or "") if t]
        after = _stated_after_re().match(text[s.end_char : s.end_char + _AFTER_CHARS])
        if after:
            titles.append(after.group(1))
        country = s._.country or known.get(name)  # another mention may give it
        if country is None and norm_key(name.split()[0]) in lex.vn_surnames:
            country = "VNM"
        keys = {role_key(t) for t in titles}
        if country is None:  # "Quốc vương Hassanal Bolkiah" where the article says "Quốc vương
            # Brunei": the one country that office is named with
            stated = {offices.get(k) for k in keys} - {None}
            country = stated.pop() if len(stated) == 1 else None
        person = Person(s.start_char, s.end_char, name, country)
        for key in keys:
            out.setdefault(key, []).append(person)
    doc.user_data[_PEOPLE_KEY] = out
    return out


def _office_countries(doc: Doc, text: str) -> dict[str, str]:
    """Offices named with a country and no name ("Quốc vương Brunei"), when the article names
    each with one country only: office key -> that country."""
    seen: dict[str, set[str]] = {}
    for s in doc.spans.get("entities", []):
        if s.label_ != "COUNTRY" or not s.kb_id_:
            continue
        for title in roles_before(text[max(0, s.start_char - 60) : s.start_char]):
            seen.setdefault(role_key(title), set()).add(s.kb_id_)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def holder(doc: Doc, role: str, country: str | None, pos: int, bare: bool = False) -> Person | None:
    """The person nearest `pos` (before or after) who holds `role` for `country`.

    A person of unknown country may hold a foreign role. A bare title ("Chủ tịch") may stand
    for a longer one ("Chủ tịch nước").
    """
    key = role_key(role)
    index = people(doc)
    keys = [k for k in index if k == key or (bare and k.startswith(key + " "))]
    candidates = [p for k in keys for p in _nearest(index[k], pos)]
    if country is not None:  # the country's own people first, those of unknown country next
        candidates = [p for p in candidates if p.country == country] or [
            p for p in candidates if p.country is None and country != "VNM"
        ]
    return min(candidates, key=lambda p: _distance(p, pos), default=None)


def _nearest(found: list[Person], pos: int, reach: int = 4) -> list[Person]:
    """A few people of `found` (in text order) on each side of `pos`: a binary search."""
    k = bisect_left([p.start for p in found], pos) if len(found) > 2 * reach else 0
    return found[max(0, k - reach) : k + reach] if len(found) > 2 * reach else found


def _distance(p: Person, pos: int) -> int:
    return pos - p.end if p.end <= pos else p.start - pos


def holds(doc: Doc, name: str, role: str) -> bool:
    """Whether the person called `name` holds `role` (a bare title counts for a longer one)."""
    key = role_key(role)
    return any(
        p.name == name
        for k, found in people(doc).items()
        if k == key or k.startswith(key + " ")
        for p in found
    )
