"""The tokenizer's one-scan fast path and the view's list-building equal their references."""

from __future__ import annotations

import random

from support import SEEDS

from camket.nlp import get_nlp
from camket.nlp.tokenizer import _words_and_spaces_slow, norm_key, words_and_spaces
from camket.nlp.view import build_view

ALPHABET = [" ", "  ", "\n", "\t", "\xa0", " \n", "a", "B", "1", ".", ",", "-", "_", "\u0301",
            "\u0300a", "á", "Đ", "ǅ", "²", "\u200b", "x y", "(", "Việt", "Nga,", "WHO"]  # fmt: skip


def _texts() -> list[str]:
    rng = random.Random(3)
    texts = ["", " ", "a", " a", "a ", "a  b", "a\n b", "_a b_"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for _ in range(20000):
        texts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14))))
    return texts


def test_words_and_spaces_is_the_reference():
    for text in _texts():
        assert words_and_spaces(text) == _words_and_spaces_slow(text), repr(text)


def test_view_lists_are_the_reference():
    nlp = get_nlp()
    for text in _texts()[:3000]:
        view = build_view(nlp.make_doc(text))
        words, spaces = _words_and_spaces_slow(text)
        n = len(words)
        assert view.words == words
        assert view.norms == [norm_key(w) for w in words]
        assert view.idx == [t.idx for t in view.doc]
        assert view.space == [w.isspace() for w in words]
        assert view.alpha == [w.isalpha() for w in words]
        assert view.cap == [w[:1].isupper() for w in words]
        glued = [not spaces[i] and i + 1 < n and not view.space[i + 1] for i in range(n)]
        assert view.glued == glued
        assert view.capword == [a and c for a, c in zip(view.alpha, view.cap, strict=True)]
        assert all(type(x) is bool for x in (*view.glued, *view.cap, *view.capword))
