"""Build camket's spaCy pipeline once per process and annotate texts with it.

What it is for: `get_nlp()` (the process-wide pipeline) and `annotate()` (Docs with
`doc._.published` set before the components run).
What it is not for: extraction of commitments (camket.extract reads the Docs).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

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


#: working key -> (output key, function of the kept value giving plain data): see `exports`
_EXPORTS: dict[str, tuple[str, Callable[[Any], Any]]] = {}


def exports(working_key: str, output_key: str, to_data: Callable[[Any], Any]) -> None:
    """Declare a component's output kept as objects under `working_key` (for the extractors
    that read it next): a Doc that leaves `annotate` without its working state carries
    `to_data(objects)` under `output_key` instead, so it still serialises. The plain data is
    made only then, not for the Docs camket.extract reads and drops."""
    _EXPORTS[working_key] = (output_key, to_data)


def drop_working_state(doc: Doc) -> Doc:
    """Remove the look-up caches camket's components and extractors keep in `doc.user_data`
    (all "camket..." keys), after writing the declared outputs (`exports`) as plain data:
    the Doc then serialises with output only."""
    data = doc.user_data
    outputs = set()
    for working_key, (output_key, to_data) in _EXPORTS.items():
        outputs.add(output_key)
        if working_key in data:
            data[output_key] = to_data(data[working_key])
    for key in [k for k in data if isinstance(k, str) and k.startswith("camket")]:
        if key not in outputs:
            del data[key]
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
