"""Who acts in a sentence: countries, people (standing for their country) and organisations.

Resolves "hai bên"/"hai nước" to the article's two main countries and pronouns
("ông", "bà") to the last person named. Not for finding entities: that is
`camket.nlp`; this module only reads the spans it left on the Doc.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from camket.nlp.entities import TEXT_KEY
from camket.nlp.lexicon import load_lexicon
from camket.nlp.tokenizer import norm_key

HOME = "VNM"  # the outlets are Vietnamese: an untitled Vietnamese official acts for Viet Nam
_STATE_BODY = re.compile(
    r"(Chính phủ|Nhà nước|Quốc hội|Bộ|Đại sứ quán|Tổng lãnh sự quán|Quân đội|Đảng|Ủy ban)\b"
)
_BOTH_SIDES = re.compile(
    r"\b(hai bên|hai nước|hai phía|song phương|hai quốc gia|hai địa phương|hai Bộ trưởng"
    r"|hai nhà lãnh đạo|hai Thủ tướng|hai Chủ tịch)\b",
    re.I,
)


_BREAK_BETWEEN = re.compile(r"[.;:!?]|\b(và|với|cho|tới|đến|của|mời|được|là|đã|sẽ)\b")


@dataclass(frozen=True)
class Actor:
    """A party mentioned in the text: its country (ISO3) or organisation, and where it stands."""

    start: int
    end: int
    kind: str  # "PERSON" | "COUNTRY" | "ORG"
    name: str  # canonical form
    country: str | None  # ISO3 the actor stands for (a person's or org's country)
    span: Span | None = None

    @property
    def party(self) -> str | None:
        """What the actor counts as in a commitment: a country (ISO3) or an organisation's name.

        A person stands for their country, and so does a state body ("Chính phủ Romania",
        "Bộ Y tế Cuba"); any other organisation stands for itself (COVAX, a research centre).
        """
        if self.kind == "ORG":
            if self.country and _STATE_BODY.match(self.name):
                return self.country
            return self.name
        return self.country


_ENTITIES_KEY = "camket.extract.entities"
_MAIN_KEY = "camket.extract.main_countries"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc (spaCy joins the tokens again on every access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record that `doc` was made from `text` (camket's tokenizer spells its input exactly)."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data[TEXT_KEY] = text


def span_text(doc: Doc, span: Span) -> str:
    """`span.text` (the doc's text between the span's character offsets), without token joins."""
    return doc_text(doc)[span.start_char : span.end_char]


@dataclass
class _Entities:
    """The Doc's entity spans in text order, with their offsets and labels read once."""

    group: object
    size: int
    spans: list[Span]
    starts: list[int]
    ends: list[int]
    labels: list[str]
    actors: dict[tuple[int, int], list[Actor]] = field(default_factory=dict)
    # country -> (start offsets, person actors) in text order (see `last_person_before`)
    people: dict[str | None, tuple[list[int], list[Actor]]] | None = None


def _entities(doc: Doc) -> _Entities:
    group = doc.spans.get("entities", [])
    cached = doc.user_data.get(_ENTITIES_KEY)
    if cached is not None and cached.group is group and cached.size == len(group):
        return cached
    spans = sorted(group, key=lambda s: (s.start_char, -s.end_char))
    cached = _Entities(
        group,
        len(group),
        spans,
        [s.start_char for s in spans],
        [s.end_char for s in spans],
        [s.label_ for s in spans],
    )
    doc.user_data[_ENTITIES_KEY] = cached
    return cached


def entity_spans(doc: Doc) -> list[Span]:
    """All entity spans, in text order."""
    return list(_entities(doc).spans)


def entity_spans_within(doc: Doc, start: int, end: int, labels=None) -> list[Span]:
    """Entity spans (in text order) inside character offsets [start, end), of `labels` if given."""
    ents = _entities(doc)
    starts, ends, labels_of, spans = ents.starts, ents.ends, ents.labels, ents.spans
    out = []
    for k in range(bisect_left(starts, start), bisect_right(starts, end)):
        if ends[k] <= end and (labels is None or labels_of[k] in labels):
            out.append(spans[k])
    return out


_ACTOR_LABELS = frozenset({"PERSON", "COUNTRY", "ORG"})


def actors_in(doc: Doc, start: int, end: int) -> list[Actor]:
    """Actors between character offsets, a country that only qualifies a title or an ORG folded in.

    A person whose country the title does not give stands for the article's main
    foreign country (Vietnamese names are given VNM by the entity pipeline).
    """
    memo = _entities(doc).actors  # dropped with the entity cache if the spans change
    found = memo.get((start, end))
    if found is None:
        found = memo[(start, end)] = _actors_in(doc, start, end)
    return list(found)


def people_in(doc: Doc, start: int, end: int) -> list[Actor]:
    """The PERSON actors of `actors_in(doc, start, end)`, without reading the other entities."""
    return [_person_actor(doc, s) for s in entity_spans_within(doc, start, end, ("PERSON",))]


def _actors_in(doc: Doc, start: int, end: int) -> list[Actor]:
    spans = entity_spans_within(doc, start, end, _ACTOR_LABELS)
    people = [s for s in spans if s.label_ == "PERSON"]
    people_starts = [p.start_char for p in people]
    orgs = [s for s in spans if s.label_ == "ORG"]  # in order of start, like `spans`
    next_org, org_reach = 0, -1  # furthest end of the organisations starting so far
    actors: list[Actor] = []
    for s in spans:
        if s.label_ == "COUNTRY":
            while next_org < len(orgs) and orgs[next_org].start_char <= s.start_char:
                org_reach = max(org_reach, orgs[next_org].end_char)
                next_org += 1
            if s.end_char <= org_reach:
                continue  # inside an ORG, "Đảng Cộng sản Cuba": the ORG speaks
            if _qualifies_someone(doc, s, people, people_starts):
                continue  # "Tổng thống Nga Vladimir Putin": the person speaks
            actors.append(Actor(s.start_char, s.end_char, "COUNTRY", s.kb_id_, s.kb_id_, s))
        elif s.label_ == "PERSON":
            actors.append(_person_actor(doc, s))
        else:
            actors.append(
                Actor(
                    s.start_char, s.end_char, "ORG", s.kb_id_ or span_text(doc, s), s._.country, s
                )
            )
    return actors


def _person_actor(doc: Doc, s: Span) -> Actor:
    name = s.kb_id_ or span_text(doc, s)
    return Actor(
        s.start_char, s.end_char, "PERSON", name, s._.country or _foreign_default(doc, s), s
    )


_QUALIFY_GAP = 60  # most characters between a country and the name its title qualifies


def _qualifies_someone(doc: Doc, country: Span, people: list[Span], starts: list[int]) -> bool:
    """`_qualifies` for some person: only those starting within `_QUALIFY_GAP` are looked at."""
    k = bisect_left(starts, country.end_char)
    while k < len(people) and starts[k] - country.end_char <= _QUALIFY_GAP:
        if _qualifies(doc, country, people[k]):
            return True
        k += 1
    return False


def _qualifies(doc: Doc, country: Span, person: Span) -> bool:
    """A country right before a person, inside the person's title ("Chủ tịch Cuba Miguel ...")."""
    gap = person.start_char - country.end_char
    if gap < 0 or gap > _QUALIFY_GAP:
        return False
    between = doc_text(doc)[country.end_char : person.start_char]
    return not _BREAK_BETWEEN.search(between)


def last_person_before(doc: Doc, country: str, pos: int) -> Actor | None:
    """The last person of `country` named before `pos` (ending by it), as `actors_in` reads them.

    Indexed once per Doc: asking costs a binary search, not a pass over the text before `pos`.
    """
    ents = _entities(doc)
    if ents.people is None:
        ents.people = {}
        for s in ents.spans:
            if s.label_ == "PERSON":
                actor = _person_actor(doc, s)
                starts, found = ents.people.setdefault(actor.country, ([], []))
                starts.append(actor.start)
                found.append(actor)
    starts, found = ents.people.get(country, ([], []))
    k = bisect_left(starts, pos) - 1  # the last one starting before `pos`...
    while k >= 0 and found[k].end > pos:
        k -= 1  # ... that also ends by it (an overlapping mention may not)
    return found[k] if k >= 0 else None


def main_countries(doc: Doc) -> list[str]:
    """The article's countries by weight: mentions plus the countries people stand for.

    Counted once per Doc (kept in `doc.user_data`): every extractor asks for it.
    """
    if _MAIN_KEY not in doc.user_data:
        counts: Counter[str] = Counter()
        for s in entity_spans(doc):
            if s.label_ == "COUNTRY":
                counts[s.kb_id_] += 1
            elif s.label_ == "PERSON" and s._.country:
                counts[s._.country] += 1
        doc.user_data[_MAIN_KEY] = [c for c, _ in counts.most_common() if c != "SUN"]
    return doc.user_data[_MAIN_KEY]


def _foreign_default(doc: Doc, person: Span) -> str | None:
    """Where an unplaced person belongs: Viet Nam for a Vietnamese-shaped name (the outlets
    are Vietnamese), else the article's main foreign country."""
    first = (person.kb_id_ or span_text(doc, person)).split()[0]
    return HOME if norm_key(first) in load_lexicon().surnames else main_foreign(doc)


def main_foreign(doc: Doc) -> str | None:
    """The article's most-mentioned country other than Viet Nam."""
    return next((c for c in main_countries(doc) if c != HOME), None)


def main_pair(doc: Doc) -> tuple[str, str] | None:
    """The two countries "hai bên" means: Viet Nam and its top partner, else the top two."""
    ranked = main_countries(doc)
    if HOME in ranked:
        others = [c for c in ranked if c != HOME]
        return (HOME, others[0]) if others else None
    return (ranked[0], ranked[1]) if len(ranked) >= 2 else None


def mentions_both_sides(text: str) -> bool:
    """The sentence speaks of both parties together ("hai bên", "hai nước", ...)."""
    return bool(_BOTH_SIDES.search(text))
