"""Syllable tokenizer for Vietnamese news text, and the matching key (NORM) of its tokens.

What it is for: split text into syllables, numbers and single punctuation marks, so that every
entity boundary ("Nga," "Việt-Nga" "(WHO)") falls between tokens and `doc.char_span` always aligns.
spaCy's own Vietnamese tokenizer without pyvi splits on whitespace only ("Nga," stays one token).
What it is not for: word segmentation (a Vietnamese word is one or more syllable tokens here).

`norm_key` is installed as the vocabulary's NORM getter: the key that phrase matchers compare.
It folds lookalike letters (Icelandic "Ð" for "Đ"), dash and apostrophe variants, NFC/NFD and the
old/new tone placement ("hòa"/"hoà"), and lowercases. Case is checked separately by the rules.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from operator import add

import spacy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

WORDS_KEY = "camket.words"
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+|\S")
PIECE_RE = re.compile(r"\s+|(?:[^\W_]|[\u0300-\u036f])+|\S")  # whitespace runs too
# Fast path of `words_and_spaces` for text without "_" (then `[^\W_]` is `\w`): one scan gives
# (token, the one space it takes, whitespace token); `_words_and_spaces_slow` is the reference.
_TRIPLE_RE = re.compile(r"([\w\u0300-\u036f]+|\S)( ?)|(\s+)")

_FOLD = str.maketrans(
    {
        "Ð": "Đ",
        "ð": "đ",
        "Ɖ": "Đ",
        "ɖ": "đ",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "’": "'",
        "‘": "'",
        "`": "'",
        "“": '"',
        "”": '"',
    }
)

# Old (traditional) tone placement -> new placement on open "oa", "oe", "uy" endings.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE_RE = re.compile(
    r"([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])$|([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])$"
)


def _move_tone(m: re.Match) -> str:
    if m.group(1):
        return m.group(1) + m.group(3) + m.group(2)
    return m.group(4) + m.group(6) + m.group(5)


@functools.lru_cache(maxsize=200_000)
def norm_key(text: str) -> str:
    """The matching key of a token: folded variants, new tone placement, lowercase."""
    text = text.translate(_FOLD)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OLD_TONE_RE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", decomposed).lower()


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """Split `text` into syllable/punctuation tokens and spaCy's whitespace convention."""
    if "_" in text:
        return _words_and_spaces_slow(text)
    triples = _TRIPLE_RE.findall(text)
    if not triples:
        return [], []
    tokens, one_space, blanks = zip(*triples, strict=True)
    # a token and its following space, or a whitespace token (the other group is empty)
    return list(map(add, tokens, blanks)), list(map(bool, one_space))


def _words_and_spaces_slow(text: str) -> tuple[list[str], list[bool]]:
    """Reference of `words_and_spaces` (any text): pieces, then spaCy's one-space rule."""
    words: list[str] = []
    spaces: list[bool] = []
    append_word = words.append
    append_space = spaces.append
    for piece in PIECE_RE.findall(text):
        if not piece.isspace():
            append_word(piece)
            append_space(False)
        elif words and not spaces[-1] and piece[0] == " " and not words[-1].isspace():
            spaces[-1] = True
            if len(piece) > 1:
                append_word(piece[1:])
                append_space(False)
        else:
            append_word(piece)
            append_space(False)
    return words, spaces


class SyllableTokenizer:
    """Tokenizer: syllables, numbers and single punctuation marks; whitespace as spaCy does."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        install_norms(vocab)

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # read (and removed) by camket.nlp.view; the tokens spell `text` exactly
        doc.user_data[WORDS_KEY] = (words, spaces, text)
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> SyllableTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> SyllableTokenizer:
        return self


def install_norms(vocab: Vocab) -> None:
    """Make `norm_key` the NORM of every lexeme (existing ones are updated too)."""
    vocab.lex_attr_getters[NORM] = norm_key
    for lex in vocab:
        lex.norm_ = norm_key(lex.orth_)


@spacy.registry.tokenizers("camket.vi_syllables.v1")
def create_syllable_tokenizer(use_pyvi: bool = False):
    """Registered tokenizer factory: `[nlp.tokenizer] @tokenizers = "camket.vi_syllables.v1"`.

    use_pyvi (bool): accepted so the blank "vi" config merges; pyvi is never used.
    """

    def make(nlp) -> SyllableTokenizer:
        return SyllableTokenizer(nlp.vocab)

    return make
