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

from camket.nlp.lexicon import load_lexicon
from camket.nlp.tokenizer import norm_key

HOME = "VNM"  # the outlets are Vietnamese: an untitled Vietnamese official acts for Viet Nam
_STATE_BODY = re.compile(
    r"(Chính phủ|Nhà nước|Quốc hội|Bộ|Đại sứ quán|Tổng lãnh sự quán|Quân đội|Đảng|Ủy ban)\b"
)
_BOTH_SIDES = re.compile(
    r"\b(hai bên|hai nước|hai phía|song phương|hai quốc gia|hai Bộ trưởng|hai nhà lãnh đạo|hai Thủ tướng|hai Chủ tịch)\b",
    re.I,
)


_BREAK_BETWEEN = re.compile(r"[.;:!?]|\b(và|với|cho|tới|đến|của|mời)\b")


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


TEXT_KEY = "camket.extract.text"
_ENTITIES_KEY = "camket.extract.entities"


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


@dataclass(frozen=True)
class _Entities:
    """The Doc's entity spans in text order, with their offsets and labels read once."""

    group: object
    size: int
    spans: list[Span]
    starts: list[int]
    ends: list[int]
    labels: list[str]
    actors: dict[tuple[int, int], list[Actor]] = field(default_factory=dict)


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


def _actors_in(doc: Doc, start: int, end: int) -> list[Actor]:
    spans = entity_spans_within(doc, start, end, _ACTOR_LABELS)
    people = [s for s in spans if s.label_ == "PERSON"]
    orgs = [s for s in spans if s.label_ == "ORG"]
    actors: list[Actor] = []
    for s in spans:
        if s.label_ == "COUNTRY":
            if any(o.start_char <= s.start_char and s.end_char <= o.end_char for o in orgs):
                continue  # "Đảng Cộng sản Cuba": the ORG speaks
            if any(_qualifies(doc, s, p) for p in people):
                continue  # "Tổng thống Nga Vladimir Putin": the person speaks
            actors.append(Actor(s.start_char, s.end_char, "COUNTRY", s.kb_id_, s.kb_id_, s))
        elif s.label_ == "PERSON":
            actors.append(
                Actor(
                    s.start_char,
                    s.end_char,
                    "PERSON",
                    s.kb_id_ or span_text(doc, s),
                    s._.country or _foreign_default(doc, s),
                    s,
                )
            )
        else:
            actors.append(
                Actor(
                    s.start_char, s.end_char, "ORG", s.kb_id_ or span_text(doc, s), s._.country, s
                )
            )
    return actors


def _qualifies(doc: Doc, country: Span, person: Span) -> bool:
    """A country right before a person, inside the person's title ("Chủ tịch Cuba Miguel ...")."""
    if country.end_char > person.start_char or person.start_char - country.end_char > 60:
        return False
    between = doc_text(doc)[country.end_char : person.start_char]
    return not _BREAK_BETWEEN.search(between)


def main_countries(doc: Doc) -> list[str]:
    """The article's countries by weight: mentions plus the countries people stand for.

    Counted once per Doc (kept in `doc.user_data`): every extractor asks for it.
    """
    if "camket_main_countries" not in doc.user_data:
        counts: Counter[str] = Counter()
        for s in entity_spans(doc):
            if s.label_ == "COUNTRY":
                counts[s.kb_id_] += 1
            elif s.label_ == "PERSON" and s._.country:
                counts[s._.country] += 1
        doc.user_data["camket_main_countries"] = [c for c, _ in counts.most_common() if c != "SUN"]
    return doc.user_data["camket_main_countries"]


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
