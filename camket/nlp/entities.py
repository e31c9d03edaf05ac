"""Final assembly: DATE mentions and the `doc.spans["entities"]` group.

What it is for: turn the rule results kept in the `DocView` into spaCy spans with `label_`,
`kb_id_` (canonical), `span._.title` and `span._.country` (PERSON, ORG, COUNTRY, LOC); add DATE spans from
`camket.nlp.dates.find_dates` when that module is installed; drop a country or place that
overlaps a person ("Nguyễn Văn Nam" is not the place "Nam").
What it is not for: finding entities (see places, orgs, persons).
"""

from __future__ import annotations

import importlib

from spacy.tokens import Doc, Span

from camket.nlp.view import DocView, drop_view, get_view

SPAN_KEY = "entities"
# where a Doc keeps its joined text (read by camket.extract.actors.doc_text)
TEXT_KEY = "camket.extract.text"


def date_spans(doc: Doc, text: str | None = None) -> list[Span]:
    """DATE spans from `camket.nlp.dates.find_dates` (none if that module is not there yet)."""
    try:
        dates = importlib.import_module("camket.nlp.dates")
    except ImportError:
        return []
    find_dates = getattr(dates, "find_dates", None)
    if find_dates is None:
        return []
    spans = []
    # A range is one DATE, its canonical an ISO 8601 interval ("2024-10-03/2024-10-05").
    for mention in find_dates(doc.text if text is None else text, doc._.published, periods=True):
        span = doc.char_span(
            mention.start_char,
            mention.end_char,
            label="DATE",
            kb_id=str(mention.value),
            alignment_mode="expand",
        )
        if span is not None and len(span):
            spans.append(span)
    return spans


def assemble(doc: Doc) -> Doc:
    """Write `doc.spans["entities"]` from the view, then drop the view."""
    view: DocView = get_view(doc)
    person_tokens = {k for p in view.persons for k in range(p.start, p.end)}
    org_tokens = {k for o in view.orgs for k in range(o.start, o.end)}
    spans: list[Span] = []
    for ent in (*view.countries, *view.places, *view.orgs, *view.persons):
        if ent.label in ("COUNTRY", "LOC") and any(
            k in person_tokens for k in range(ent.start, ent.end)
        ):
            continue
        if ent.label == "LOC" and all(k in org_tokens for k in range(ent.start, ent.end)):
            continue  # a place named only inside an organisation's name
        span = Span(doc, ent.start, ent.end, label=ent.label, kb_id=ent.kb_id)
        spans.append(span)
        if ent.label == "PERSON":
            span._.title = ent.title
            span._.country = ent.country
        elif ent.label in ("ORG", "COUNTRY", "LOC"):
            span._.country = ent.country
    spans.extend(date_spans(doc, view.full_text))
    spans.sort(key=lambda s: (s.start, -s.end, s.label_))
    doc.spans[SPAN_KEY] = spans
    # the text, for camket_frames (joining doc.text again costs a pass over every token);
    # working state: `annotate` removes it unless an extractor reads the Doc next
    doc.user_data[TEXT_KEY] = view.full_text
    drop_view(doc)
    return doc
