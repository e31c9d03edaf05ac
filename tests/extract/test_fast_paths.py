"""Shortcuts taken for speed give what the plain code gives: the prefix-tree phrase regexes,
the whole-string fold, the cached Doc text and entity lookups."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from support import SEEDS, SHARED

from camket.extract import cooperation, frames, vaccines
from camket.extract.actors import actors_in, doc_text, entity_spans, entity_spans_within
from camket.extract.frames import frame_lexicon
from camket.extract.vocab import _trie_body, load_tsv, phrase_regex
from camket.nlp import annotate


def flat_regex(phrases: list[str]) -> re.Pattern[str]:
    """phrase_regex as a flat longest-first alternation (the reference)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _vocabularies() -> dict[str, list[str]]:
    rows = load_tsv("vaccines.tsv")
    lists = {f"vaccines:{kind}": [r[0] for r in rows[kind]] for kind in rows}
    lists["frames"] = [lex.text for lex in frame_lexicon()[1].values()]
    lists["areas"] = list(cooperation._area_vocab()[1])
    cues = cooperation._cue_vocab()
    for a, b in itertools.combinations_with_replacement(sorted(cues), 2):
        lists[f"cues:{a}+{b}"] = sorted(set(cues[a]) | set(cues[b]))
    lists["toy"] = ["ab", "ab c", "abc", "a", "b c d", "x-y", "x", "Ab"]
    return lists


def _texts() -> list[str]:
    texts = []
    for folder in (SEEDS, SHARED / "devset" / "docs"):
        if folder.exists():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts + [cooperation._fold(t) for t in texts]


TEXTS = _texts()


@pytest.mark.parametrize("name, phrases", list(_vocabularies().items()), ids=str)
def test_prefix_tree_regex_matches_like_the_flat_list(name, phrases):
    rng = random.Random(len(phrases))
    synthetic = []
    for _ in range(1500):
        parts = rng.sample(phrases, k=min(len(phrases), rng.randint(1, 4)))
        text = rng.choice([" ", "", "  ", "\n", "-", "x", ", "]).join(
            p[: rng.randint(0, len(p))] if rng.random() < 0.3 else p for p in parts
        )
        if rng.random() < 0.3:
            text = text.upper()
        if rng.random() < 0.3:
            text = text.replace(" ", rng.choice(["  ", "\t", "\xa0", " \n "]))
        synthetic.append(rng.choice(["", "a", " ", "("]) + text + rng.choice(["", "a", " ", "."]))
    fast, flat = phrase_regex(phrases), flat_regex(phrases)
    for text in TEXTS + synthetic:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_branches_that_overlap_fall_back_to_the_flat_list():
    assert _trie_body(["ab", "Ab"]) is None  # "a" and "A" match the same characters
    assert _trie_body(["a b", "a\xa0b"]) is None  # both branches match a no-break space
    assert _trie_body(["ab", "ac"]) == "(?:a(?:b|c))"
    assert phrase_regex(["ab", "Ab"]).pattern == flat_regex(["ab", "Ab"]).pattern


def _fold_reference(text: str) -> str:
    chars = []
    for ch in text:
        low = ch.lower()
        chars.append(" " if ch in cooperation._DASHES else low if len(low) == 1 else ch)
    return cooperation._TONE_RE.sub(
        lambda m: cooperation._TONE_PLACEMENT[m.group()], "".join(chars)
    )


def test_fold_is_the_per_character_fold():
    rng = random.Random(3)
    alphabet = [chr(c) for c in range(0x20, 0x2000)] + list("ΣσςİẞoaOAuyUY-–—") + ["oà", "uỷ"]
    for text in TEXTS:
        assert cooperation._fold(text) == _fold_reference(text)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert cooperation._fold(text) == _fold_reference(text), repr(text)


def test_frame_predicates_are_found_as_the_phrase_regex_finds_them(docs):
    """The frames' token matcher (NORMs) against a flat regex over the text: the same
    spans, leftmost-longest and not overlapping (phrases spelled with single spaces)."""
    phrases = [lex.text for lex in frame_lexicon()[1].values()]
    rng = random.Random(7)
    synthetic = []
    for _ in range(800):
        parts = rng.sample(phrases, k=rng.randint(1, 4))
        text = rng.choice([" ", "", "\n", "-", "x", ", "]).join(
            p[: rng.randint(0, len(p))] if rng.random() < 0.3 else p for p in parts
        )
        text = text.upper() if rng.random() < 0.3 else text
        synthetic.append(rng.choice(["", "a", " ", "("]) + text + rng.choice(["", "a", " ", "."]))
    # a phrase's space is one space: a predicate does not run across a line break (nor a run
    # of spaces, which clean_text does not have)
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", " ") for p in ordered)
    flat = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    for doc in [*docs, *annotate(synthetic)]:
        got = [(start, end) for start, end, _ in frames._lexeme_matches(doc)]
        assert got == [m.span() for m in flat.finditer(doc.text)], doc.text[:80]


@pytest.fixture(scope="module")
def docs():
    return list(annotate(TEXTS[: len(TEXTS) // 2]))


def test_doc_text_and_entity_lookups_match_spacy(docs):
    for doc in docs:
        assert doc_text(doc) == doc.text
        spans = sorted(doc.spans["entities"], key=lambda s: (s.start_char, -s.end_char))
        assert entity_spans(doc) == spans
        cuts = sorted(
            {0, len(doc.text)} | {s.start_char for s in spans} | {s.end_char for s in spans}
        )
        for start, end in itertools.combinations(cuts[:: max(1, len(cuts) // 25)], 2):
            expected = [s for s in spans if s.start_char >= start and s.end_char <= end]
            assert entity_spans_within(doc, start, end) == expected
            first = actors_in(doc, start, end)
            assert actors_in(doc, start, end) == first  # memoised, same answer
            assert actors_in(doc, start, end) is not first  # callers get their own list


def test_vaccine_vocabulary_regexes_are_built():
    assert set(vaccines._vocab()) >= {"product", "pledged", "delivered", "total"}
    classes = {lex.cls for lex in frame_lexicon()[1].values()}
    assert classes >= {"supply", "receive", "pledge", "invite", "accept", "decline", "convey"}
