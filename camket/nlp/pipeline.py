"""Build camket's spaCy pipeline once per process and annotate texts with it.

What it is for: `get_nlp()` (the process-wide pipeline) and `annotate()` (Docs with
`doc._.published` set before the components run).
What it is not for: extraction of commitments (camket.extract reads the Docs).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import camket.nlp.components  # noqa: F401  (registers the factories and extensions)
import camket.nlp.tokenizer  # noqa: F401  (registers the tokenizer)

COMPONENTS = (
    ("camket_gazetteer_v1", "camket_gazetteer"),
    ("camket_sentences_v1", "camket_sentences"),
    ("camket_places_v1", "camket_places"),
    ("camket_orgs_v1", "camket_orgs"),
    ("camket_persons_v1", "camket_persons"),
    ("camket_entities_v1", "camket_entities"),
    ("camket_frames_v1", "camket_frames"),
)


def build_nlp() -> Language:
    """A new pipeline: blank Vietnamese with syllable tokens plus camket's components."""
    nlp = spacy.blank(
        "vi", config={"nlp": {"tokenizer": {"@tokenizers": "camket.vi_syllables.v1"}}}
    )
    for factory, name in COMPONENTS:
        nlp.add_pipe(factory, name=name)
    return nlp


@functools.cache
def get_nlp() -> Language:
    """The process-wide pipeline (built on first use)."""
    return build_nlp()


OUTPUT_KEYS = frozenset({"camket.frames"})  # the user_data a Doc leaves the pipeline with


def drop_working_state(doc: Doc) -> Doc:
    """Remove the look-up caches camket's components and extractors keep in `doc.user_data`
    (all "camket..." keys but `OUTPUT_KEYS`): the Doc then serialises with output only."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("camket")]:
        if key not in OUTPUT_KEYS:
            del doc.user_data[key]
    return doc


def annotate(
    texts: Iterable[str],
    published: Iterable[str | None] | None = None,
    batch_size: int = 64,
    keep_working_state: bool = False,
) -> Iterator[Doc]:
    """One Doc per text; `published[i]` (ISO date or None) is set as `doc._.published` first.

    `keep_working_state`: leave the components' look-up caches (text, entity and actor
    indexes, frame objects) on the Doc, for an extractor that reads it next and then drops
    the Doc (`camket.extract`); by default they are removed (`drop_working_state`).
    """
    nlp = get_nlp()
    dates = iter(published) if published is not None else None

    def docs() -> Iterator[Doc]:
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.published = next(dates, None) if dates is not None else None
            yield doc

    annotated = nlp.pipe(docs(), batch_size=batch_size)
    yield from annotated if keep_working_state else map(drop_working_state, annotated)
