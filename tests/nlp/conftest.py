"""Shared fixtures of the entity pipeline tests: one pipeline per session, small helpers."""

from __future__ import annotations

import pytest

from camket.nlp import get_nlp


@pytest.fixture(scope="session")
def nlp():
    """camket's pipeline, built once per test session."""
    return get_nlp()


@pytest.fixture(scope="session")
def ents(nlp):
    """ents(text) -> [(label, text, kb_id)] of doc.spans["entities"] (DATE left out)."""

    def run(text: str, published: str | None = None):
        doc = nlp.make_doc(text)
        doc._.published = published
        doc = nlp(doc)
        return [(s.label_, s.text, s.kb_id_) for s in doc.spans["entities"] if s.label_ != "DATE"]

    return run


@pytest.fixture(scope="session")
def doc_of(nlp):
    """doc_of(text) -> the annotated Doc."""

    def run(text: str, published: str | None = None):
        doc = nlp.make_doc(text)
        doc._.published = published
        return nlp(doc)

    return run
