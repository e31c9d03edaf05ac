"""A per-document working view shared by camket's spaCy components.

What it is for: token features as plain Python lists (text, NORM, capitalisation, sentence starts),
the raw vocabulary matches of `camket_gazetteer`, and the entities each component has found so far,
so that the rules work on lists instead of re-reading spaCy objects token by token.
What it is not for: output. The view lives in `doc.user_data` only while the pipeline runs;
`camket_entities` turns its results into `doc.spans["entities"]` and removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from operator import add, and_, itemgetter, not_, or_

from spacy.tokens import Doc

from camket.nlp.lexicon import LAZY_LAYERS, Entry, Lexicon, load_lexicon
from camket.nlp.tokenizer import WORDS_KEY, norm_key

VIEW_KEY = "camket.view"
DASHES = frozenset({"-", "–", "—", "‐"})


@dataclass
class Ent:
    """An entity found by a rule: token span [start, end), label, canonical form and attributes."""

    start: int
    end: int
    label: str
    kb_id: str
    title: str | None = None
    country: str | None = None
    rule: str = ""


@dataclass
class DocView:
    """Token features and intermediate results of one Doc."""

    doc: Doc
    lex: Lexicon
    words: list[str]
    norms: list[str]
    cap: list[bool]
    alpha: list[bool]
    space: list[bool]
    glued: list[bool]  # no whitespace between token i and token i + 1
    idx: list[int]  # character offset of each token
    full_text: str
    capword: list[bool] = field(default_factory=list)  # a word starting with a capital
    sent: list[bool] = field(default_factory=list)
    starts: dict[str, dict[int, list[tuple[int, list[Entry]]]]] = field(default_factory=dict)
    ends: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    lazy_cache: dict[tuple[str, int], list[tuple[int, list[Entry]]]] = field(default_factory=dict)
    countries: list[Ent] = field(default_factory=list)
    places: list[Ent] = field(default_factory=list)
    orgs: list[Ent] = field(default_factory=list)
    persons: list[Ent] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.words)

    # -- navigation ---------------------------------------------------------------------------
    def next(self, i: int) -> int:
        """Index of the first non-whitespace token at or after i (n if none)."""
        n = len(self.words)
        while i < n and self.space[i]:
            i += 1
        return i

    def prev(self, i: int) -> int:
        """Index of the last non-whitespace token before i (-1 if none)."""
        i -= 1
        while i >= 0 and self.space[i]:
            i -= 1
        return i

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.words) and self.alpha[i]

    def is_capword(self, i: int) -> bool:
        return 0 <= i < len(self.capword) and self.capword[i]

    def is_lowerword(self, i: int) -> bool:
        return 0 <= i < len(self.words) and self.alpha[i] and not self.cap[i]

    def starts_sentence(self, i: int) -> bool:
        return i <= 0 or (i < len(self.sent) and self.sent[i])

    def text(self, start: int, end: int) -> str:
        """The document text of tokens [start, end)."""
        return self.full_text[self.idx[start] : self.idx[end - 1] + len(self.words[end - 1])]

    # -- vocabulary matches ---------------------------------------------------------------------
    def matches_at(self, layer: str, i: int) -> list[tuple[int, list[Entry]]]:
        """Matches of `layer` starting at token i, longest first."""
        if layer in LAZY_LAYERS:
            return self._lazy_matches(layer, i)
        return self.starts.get(layer, {}).get(i, [])

    def _lazy_matches(self, layer: str, i: int) -> list[tuple[int, list[Entry]]]:
        cache_key = (layer, i)
        found = self.lazy_cache.get(cache_key)
        if found is None:
            found = []
            longest, table = self.lex.lazy.get(layer, (0, {}))
            norms = self.norms
            for end in range(min(len(norms), i + longest), i, -1):
                entries = table.get(tuple(norms[i:end]))
                if entries:
                    if layer in CASED_LAYERS:
                        entries = [e for e in entries if case_ok(self, i, e)]
                    if entries:
                        found.append((end, entries))
            self.lazy_cache[cache_key] = found
        return found

    def longest_at(self, layer: str, i: int) -> tuple[int, list[Entry]] | None:
        found = self.matches_at(layer, i)
        return found[0] if found else None

    def match_ending_at(self, layer: str, end: int) -> int | None:
        """Start of the longest `layer` match that ends exactly at `end` (exclusive), if any."""
        found = self.ends.get(layer, {}).get(end)
        return min(found) if found else None


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


def build_view(doc: Doc) -> DocView:
    """Token features of `doc` as lists (the vocabulary matches are added by the gazetteer)."""
    cached = doc.user_data.pop(WORDS_KEY, None)
    if cached is not None and len(cached[0]) == len(doc):
        words, spaces, text = cached
        # offsets: running sum of token lengths plus the one space each may take
        idx = list(accumulate(map(add, map(len, words), spaces), initial=0))
        idx.pop()
        norms = list(map(_NORMS.__getitem__, words))
    else:  # a Doc made elsewhere
        tokens = list(doc)
        words = [t.text for t in tokens]
        spaces = [bool(t.whitespace_) for t in tokens]
        idx = [t.idx for t in tokens]
        norms = [t.norm_ for t in tokens]
        text = doc.text
    space = list(map(str.isspace, words))
    alpha = list(map(str.isalpha, words))
    cap = list(map(str.isupper, map(_first_char, words)))  # w[:1].isupper()
    # glued[i]: no space after token i and token i + 1 is not whitespace (False for the last)
    glued = list(map(not_, map(or_, spaces, space[1:])))
    if words:
        glued.append(False)
    view = DocView(doc, load_lexicon(), words, norms, cap, alpha, space, glued, idx, text)
    view.capword = list(map(and_, alpha, cap))
    return view


class _NormCache(dict):
    """`norm_key` of a token text, memoised (a plain dict look-up per token)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 200_000:
            self.clear()
        value = self[word] = norm_key(word)
        return value


_NORMS = _NormCache()
_first_char = itemgetter(slice(0, 1))


def get_view(doc: Doc) -> DocView:
    """The view of `doc`, built on first use by whichever camket component runs first."""
    view = doc.user_data.get(VIEW_KEY)
    if view is None or view.doc is not doc:
        view = build_view(doc)
        doc.user_data[VIEW_KEY] = view
    return view


def drop_view(doc: Doc) -> None:
    doc.user_data.pop(VIEW_KEY, None)
