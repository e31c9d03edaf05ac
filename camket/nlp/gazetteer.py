"""Vocabulary matching: one PhraseMatcher over token NORMs for every data file of `camket/nlp/data`.

What it is for: find, once per document, every place where a country alias, place, organisation,
title, ministry field, organisation head, place trigger... is spelled, with the capitalisation its
vocabulary demands. Results go to the document's `DocView` for the rule components.
What it is not for: deciding which matches are entities (ambiguity, overlaps): that is the rules'.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from camket.nlp.lexicon import Entry, load_lexicon
from camket.nlp.tokenizer import install_norms
from camket.nlp.view import DocView, get_view

# Layers whose capitalisation is checked against the vocabulary spelling.
CASED_LAYERS = frozenset({"COUNTRY", "PLACE", "ORG", "HEAD", "EPONYM", "HONOR"})


def case_ok(view: DocView, start: int, entry: Entry) -> bool:
    """Capitalised words of the entry must be capitalised in the text; acronyms must be uppercase."""
    cap = view.cap
    words = view.words
    for k, must_cap in enumerate(entry.capmask):
        if must_cap and not cap[start + k]:
            return False
        if entry.upmask[k] and not words[start + k].isupper():
            return False
    return True


class Gazetteer:
    """Component body of `camket_gazetteer.v1`: fills `DocView.starts` / `DocView.ends`."""

    def __init__(self, vocab: Vocab) -> None:
        install_norms(vocab)
        self.vocab = vocab
        self.lex = load_lexicon()
        self.matcher = PhraseMatcher(vocab, attr="NORM")
        by_layer: dict[str, list[Doc]] = defaultdict(list)
        for layer, words in self.lex.phrases():
            by_layer[layer].append(Doc(vocab, words=words))
        for layer, docs in by_layer.items():
            self.matcher.add(layer, docs)
        self.layer_of = {vocab.strings.add(layer): layer for layer in by_layer}

    def __call__(self, doc: Doc) -> Doc:
        view = get_view(doc)
        starts: dict[str, dict[int, list]] = {}
        ends: dict[str, dict[int, list[int]]] = {}
        norms = view.norms
        entries_of = self.lex.entries
        for match_id, s, e in self.matcher(doc):
            layer = self.layer_of[match_id]
            entries = [x for x in entries_of.get(tuple(norms[s:e]), ()) if x.layer == layer]
            if layer in CASED_LAYERS:
                entries = [x for x in entries if case_ok(view, s, x)]
            if entries:
                starts.setdefault(layer, {}).setdefault(s, []).append((e, entries))
                ends.setdefault(layer, {}).setdefault(e, []).append(s)
        for by_start in starts.values():
            for found in by_start.values():
                found.sort(key=lambda item: -item[0])
        view.starts = starts
        view.ends = ends
        return doc
