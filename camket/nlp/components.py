"""camket's registered spaCy components (factories with versioned names) and extensions.

What it is for: wiring. Each factory wraps a plain function of its module, so tests can call the
rules directly. Pipeline order: camket_gazetteer -> camket_sentences -> camket_places ->
camket_orgs -> camket_persons -> camket_entities -> camket_frames (predicate frames of
`camket.extract.frames`, read by the commitment extractors).
What it is not for: rules (see gazetteer, sentences, places, orgs, persons, entities).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from camket.nlp.entities import assemble
from camket.nlp.gazetteer import Gazetteer
from camket.nlp.orgs import find_orgs
from camket.nlp.persons import find_persons
from camket.nlp.places import find_places
from camket.nlp.sentences import set_sentence_starts
from camket.nlp.view import get_view

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
for _name in ("title", "country"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory("camket_gazetteer_v1", assigns=[], requires=[])
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    """Vocabulary matches (countries, places, organisations, titles...) of data/ into the doc view."""
    return Gazetteer(nlp.vocab)


@Language.factory("camket_sentences_v1", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    """Rule-based sentence boundaries (". ", "! ", "? ", line breaks; not "V. Pu-tin", "TP. HCM")."""
    return set_sentence_starts


def _step(function):
    def component(doc: Doc) -> Doc:
        function(get_view(doc))
        return doc

    component.__name__ = function.__name__
    return component


@Language.factory("camket_places_v1")
def make_places(nlp: Language, name: str):
    """COUNTRY (ISO3) and LOC mentions."""
    return _step(find_places)


@Language.factory("camket_orgs_v1")
def make_orgs(nlp: Language, name: str):
    """ORG mentions; acronyms resolve to the long form defined in the article."""
    return _step(find_orgs)


@Language.factory("camket_persons_v1")
def make_persons(nlp: Language, name: str):
    """PERSON mentions with title, country and the article's fullest spelling as canonical."""
    return _step(find_persons)


@Language.factory("camket_entities_v1", assigns=["doc.spans"])
def make_entities(nlp: Language, name: str):
    """doc.spans["entities"] (PERSON, COUNTRY, ORG, LOC, DATE) from the rule results."""
    return assemble


@Language.factory("camket_frames_v1", assigns=["doc.user_data"], requires=["doc.spans"])
def make_frames(nlp: Language, name: str):
    """Predicate frames (data/frames.tsv of camket.extract) with their arguments, per Doc."""
    from camket.extract.frames import set_frames

    return set_frames
