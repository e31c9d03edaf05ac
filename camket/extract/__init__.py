"""Extraction: entity rows and commitment rows from cleaned articles.

`extract_articles` runs the spaCy pipeline (`camket.nlp`) over a batch with
`nlp.pipe` and hands each Doc to one extractor per commitment type. Every
row carries offsets into `clean_text`; evidence is the stating sentence.

Long texts: a clean_text over `SLICE_CHARS` (100,000 characters; spaCy's
`max_length` is 1,000,000) is annotated as consecutive slices cut at a
paragraph break, else a sentence end, else whitespace (`camket.extract.slicing`),
all in the batch's one `nlp.pipe` pass. Each slice's rows get its start added to
their offsets, so they index the whole clean_text, and commitment ids are made
from those article offsets. A slice is read on its own: slices after the first
have no title paragraph (all their dose figures count as body), and names,
acronyms, pronouns and "hai bên" resolve, and commitments are de-duplicated,
within a slice. Texts up to `SLICE_CHARS` are one Doc, as before.
"""

from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Doc, Span

from camket.extract.actors import (
    actors_in,
    doc_text,
    entity_spans_within,
    main_pair,
    mentions_both_sides,
    remember_text,
    span_text,
)
from camket.extract.frames import doc_frames
from camket.extract.slicing import SLICE_CHARS, slice_bounds
from camket.records import sha256_hex

log = logging.getLogger(__name__)
Row = dict[str, Any]
_COMMITMENT_FIELDS = (
    "supplier",
    "recipient",
    "quantity",
    "approximate",
    "vaccine",
    "channel",
    "due",
    "inviter_country",
    "inviter_person",
    "invitee_country",
    "invitee_person",
    "event",
    "when",
    "location",
    "parties",
    "areas",
)


def extract_articles(
    articles: list[Row], slice_chars: int = SLICE_CHARS
) -> tuple[list[Row], list[Row]]:
    """Entity and commitment rows for validated `articles` rows (one spaCy pass per batch).

    A clean_text longer than `slice_chars` is annotated in slices (see the module doc).
    """
    from camket.nlp import annotate

    pieces = [
        (article, start, end)
        for article in articles
        for start, end in slice_bounds(article["clean_text"], slice_chars)
    ]
    texts = (article["clean_text"][start:end] for article, start, end in pieces)
    published = (article["published"] for article, _, _ in pieces)
    docs = annotate(texts, published, keep_working_state=True)  # its caches serve the extractors
    entities: list[Row] = []
    commitments: list[Row] = []
    for (article, start, end), doc in zip(pieces, docs, strict=True):
        remember_text(doc, article["clean_text"][start:end])
        entities += entity_rows(article, doc, start)
        commitments += commitment_rows(article, doc, start)
    return entities, commitments


def entity_rows(article: Row, doc: Doc, offset: int = 0) -> list[Row]:
    """One row per entity mention; `offset` is where `doc`'s text starts in clean_text."""
    rows = []
    for span in sorted(doc.spans["entities"], key=lambda s: (s.start_char, s.end_char, s.label_)):
        rows.append(
            {
                "article_id": article["article_id"],
                "doc": article["doc"],
                "label": span.label_,
                "text": span_text(doc, span),
                "canonical": span.kb_id_ or span_text(doc, span),
                "start_char": offset + span.start_char,
                "end_char": offset + span.end_char,
                "title": span._.title if span.label_ == "PERSON" else None,
                "country": span._.country if span.label_ in ("PERSON", "ORG", "LOC") else None,
                "run_id": article["run_id"],
            }
        )
    return rows


def _title_end(doc: Doc, titled: bool = True) -> int:
    """End of the first paragraph (the title) of clean_text; 0 for an article without a title."""
    cut = doc_text(doc).find("\n\n") if titled else -1
    return cut if cut >= 0 else 0


def find_commitments(doc: Doc, titled: bool = True) -> list[tuple[str, Span, dict[str, Any]]]:
    """(type, evidence sentence, fields) for every commitment in `doc`.

    `titled`: the text opens with a title paragraph: False when cleaning found none (e.g.
    after a crawler tag), so its first paragraph is body, not a headline the body
    overrides, and for every slice of a long text but the first.
    """
    from camket.extract.cooperation import find_cooperation
    from camket.extract.invitations import find_invitations
    from camket.extract.vaccines import find_vaccine_doses

    sentences = list(doc.sents)
    out: list[tuple[str, Span, dict[str, Any]]] = []
    for c in find_vaccine_doses(doc, sentences, _title_end(doc, titled)):
        out.append(
            (
                "vaccine_doses",
                c.sentence,
                {
                    "supplier": c.supplier,
                    "recipient": c.recipient,
                    "quantity": c.quantity,
                    "approximate": c.approximate,
                    "vaccine": c.vaccine,
                    "channel": c.channel,
                    "due": c.due,
                    "status": c.status,
                },
            )
        )
    for inv in find_invitations(doc, sentences):
        out.append(
            (
                "invitation",
                inv.sentence,
                {
                    "inviter_country": inv.inviter_country,
                    "inviter_person": inv.inviter_person,
                    "invitee_country": inv.invitee_country,
                    "invitee_person": inv.invitee_person,
                    "event": inv.event,
                    "when": inv.when,
                    "location": inv.location,
                    "status": inv.status,
                },
            )
        )
    pair = main_pair(doc)
    spans = [(s.start_char, s.end_char) for s in sentences]
    for statement in find_cooperation(doc_text(doc), spans):
        sentence = doc.char_span(statement.start_char, statement.end_char, alignment_mode="expand")
        parties = _parties(doc, statement.start_char, statement.end_char, pair)
        if not parties:
            log.debug("no cooperation row at %d: no party named", statement.start_char)
        if not parties or sentence is None:
            continue
        out.append(
            (
                "cooperation_areas",
                sentence,
                {"parties": parties, "areas": list(statement.areas), "status": None},
            )
        )
    return out


def _parties(doc: Doc, start: int, end: int, pair: tuple[str, str] | None) -> list[str]:
    """Countries cooperating in a statement, from its text only: the countries of the actors
    and of the places it names ("tỉnh Lào Cai và tỉnh Vân Nam": VNM, CHN), the article's
    main pair where it speaks of both sides ("hai bên", "hai nước"), and where it names
    nobody, its clause's subject from the frame layer (carried from an earlier clause or
    sentence: "Ông cũng đề nghị ..."). Never completed from the main pair otherwise."""
    actors = actors_in(doc, start, end)
    found = [(a.start, a.country) for a in actors]
    for s in entity_spans_within(doc, start, end, ("LOC",)):
        if s._.country and not any(a.start <= s.start_char < a.end for a in actors):
            found.append((s.start_char, s._.country))
    named: list[str] = []
    for _, country in sorted(found, key=lambda f: f[0]):
        if country and country not in named and country != "SUN":
            named.append(country)
    if pair and mentions_both_sides(doc_text(doc)[start:end]):
        for country in pair:
            if country not in named and len(named) < 2:
                named.append(country)
    if not named:
        for frame in doc_frames(doc):
            if start <= frame.start < end and frame.subject is not None:
                country = frame.subject.country
                if country and country != "SUN" and country not in named:
                    named.append(country)
    return named


def commitment_rows(article: Row, doc: Doc, offset: int = 0) -> list[Row]:
    """One row per commitment, evidence = the sentence, offsets into clean_text.

    `offset` is where `doc`'s text starts in clean_text (0 unless a later slice).
    """
    rows = []
    titled = offset == 0 and bool(article.get("title"))
    for kind, sentence, fields in find_commitments(doc, titled=titled):
        row: Row = dict.fromkeys(_COMMITMENT_FIELDS)
        row.update(fields)
        start, end = offset + sentence.start_char, offset + sentence.end_char
        key = "|".join(
            [
                article["article_id"],
                kind,
                str(start),
                *(str(row[f]) for f in _COMMITMENT_FIELDS),
            ]
        )
        row.update(
            {
                "commitment_id": sha256_hex(key)[:32],
                "article_id": article["article_id"],
                "doc": article["doc"],
                "type": kind,
                "evidence": span_text(doc, sentence),
                "start_char": start,
                "end_char": end,
                "run_id": article["run_id"],
            }
        )
        rows.append(row)
    return rows
