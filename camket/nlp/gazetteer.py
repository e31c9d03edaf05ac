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
from camket.nlp.view import CASED_LAYERS, case_ok, get_view


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
        self.table: dict[tuple[str, tuple[str, ...]], list[Entry]] = {}
        for key, entries in self.lex.entries.items():
            for entry in entries:
                self.table.setdefault((entry.layer, key), []).append(entry)

    def __call__(self, doc: Doc) -> Doc:
        view = get_view(doc)
        starts: dict[str, dict[int, list]] = {}
        ends: dict[str, dict[int, list[int]]] = {}
        norms = view.norms
        table = self.table
        layer_of = self.layer_of
        for match_id, s, e in self.matcher(doc):
            layer = layer_of[match_id]
            entries = table.get((layer, tuple(norms[s:e])))
            if not entries:
                continue
            if layer in CASED_LAYERS:
                entries = [x for x in entries if case_ok(view, s, x)]
                if not entries:
                    continue
            starts.setdefault(layer, {}).setdefault(s, []).append((e, entries))
            ends.setdefault(layer, {}).setdefault(e, []).append(s)
        for by_start in starts.values():
            for found in by_start.values():
                found.sort(key=lambda item: -item[0])
        view.starts = starts
        view.ends = ends
        return doc
