"""Load the versioned vocabularies under `camket/nlp/data/` once per process.

What it is for: turn the TSV/TXT files (country aliases, places, organisations, titles, surnames...)
into plain Python tables keyed by the token NORM sequence that `camket.nlp.tokenizer` produces.
What it is not for: matching text (see `camket.nlp.gazetteer`) or deciding what a match means.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from camket.nlp.tokenizer import norm_key, words_and_spaces

DATA = Path(__file__).parent / "data"


# Layers looked up only where a rule asks (frequent words: matching them everywhere costs time).
LAZY_LAYERS = frozenset({"COMPL", "ORGWORD", "INNER", "HONOR", "EPONYM"})


@dataclass(frozen=True)
class Entry:
    """One phrase of a vocabulary: what layer it belongs to and what it means."""

    layer: (
        str  # COUNTRY, PLACE, ORG, TITLE, FIELD, HEAD, PTRIG, COMPL, HONOR, PREFIX, INNER, ORGWORD
    )
    text: str  # as written in the data file
    capmask: tuple[bool, ...]  # per token: must the text token be capitalised?
    upmask: tuple[
        bool, ...
    ]  # per token: an acronym ("UAE", "LB"): must the text token be uppercase?
    payload: str = ""  # ISO3 for COUNTRY, kind for PLACE/TITLE, flags for HEAD/ORG...
    extra: str = ""  # canonical for PLACE, country for ORG/TITLE
    flags: frozenset[str] = frozenset()
    country: str = ""  # ISO3 of the country a PLACE belongs to ("" if not known)


@dataclass
class Lexicon:
    """All vocabularies: `entries[norm tuple]` lists the entries spelled with those tokens."""

    entries: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    surnames: frozenset[str] = frozenset()
    vn_surnames: frozenset[str] = frozenset()  # surnames of Vietnamese names (not "zh" readings)
    particles: frozenset[str] = frozenset()
    country_codes: frozenset[str] = frozenset()
    word_classes: dict[str, frozenset[str]] = field(default_factory=dict)

    def words(self, name: str) -> frozenset[str]:
        """A closed word class of data/word_classes.tsv ("function", "locative", ...)."""
        return self.word_classes.get(name, frozenset())

    def add(self, entry: Entry) -> None:
        key = tuple(norm_key(w) for w in _tokens(entry.text))
        if key:
            bucket = self.entries.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    def phrases(self) -> list[tuple[str, list[str]]]:
        """(layer, token words) for every distinct (layer, key) matched eagerly by the matcher."""
        out = []
        for entries in self.entries.values():
            for layer in sorted({e.layer for e in entries} - LAZY_LAYERS):
                out.append((layer, list(_tokens(entries[0].text))))
        return out

    @functools.cached_property
    def lazy(self) -> dict[str, tuple[int, dict[tuple[str, ...], list[Entry]]]]:
        """Per lazy layer: (longest key length, {key: entries}) for look-ups at one position."""
        out: dict[str, tuple[int, dict[tuple[str, ...], list[Entry]]]] = {}
        for key, entries in self.entries.items():
            for entry in entries:
                if entry.layer in LAZY_LAYERS:
                    longest, table = out.get(entry.layer, (0, {}))
                    table.setdefault(key, []).append(entry)
                    out[entry.layer] = (max(longest, len(key)), table)
        return out


def _tokens(text: str) -> list[str]:
    words, _ = words_and_spaces(text)
    return [w for w in words if not w.isspace()]


def _entry(
    layer: str, text: str, payload: str = "", extra: str = "", flags=frozenset(), country: str = ""
) -> Entry:
    words = _tokens(text)
    capmask = tuple(w[:1].isupper() for w in words)
    upmask = tuple(len(w) >= 2 and w.isupper() for w in words)
    return Entry(layer, text, capmask, upmask, payload, extra, frozenset(flags), country)


def read_rows(name: str) -> list[list[str]]:
    """Non-comment, non-blank rows of a data file, split on tabs."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def spelling_variants(alias: str) -> set[str]:
    """Hyphen/space variants of a transliterated name: "Ô-xtrây-li-a", "Ô xtrây li a", "Ôxtrâylia"."""
    out = {alias}
    if "-" in alias and " - " not in alias:
        out.add(alias.replace("-", " "))
        parts = alias.split(" ")
        joined = " ".join(p.replace("-", "") if "-" in p else p for p in parts)
        out.add(joined)
    if " - " in alias:
        out.add(alias.replace(" - ", "-"))
        out.add(alias.replace(" - ", " – "))
    return out


def _island_variants(alias: str) -> list[str]:
    """An island state "Quần đảo Solomon" is also written "Đảo Solomon", "quần đảo Solomon"."""
    if alias.startswith("Quần đảo "):
        rest = alias[len("Quần đảo ") :]
        return [alias, "đảo " + rest, "quần đảo " + rest]
    return [alias]


#: One-word-per-line lists and the lexicon layer each feeds, in load order.
_WORD_LISTS = (
    ("title_complements.txt", "COMPL"),
    ("honorifics.txt", "HONOR"),
    ("org_inner_words.txt", "INNER"),
    ("org_words.txt", "ORGWORD"),
    ("fields.txt", "ORGWORD"),
    ("country_prefixes.txt", "PREFIX"),
    ("eponyms.txt", "EPONYM"),
)


@functools.cache
def load_lexicon() -> Lexicon:
    """Every vocabulary under data/, loaded once per process."""
    lex = Lexicon()
    codes = set()
    for row in read_rows("countries.tsv"):
        iso3, alias = row[0], row[1]
        flags = frozenset(f for f in (row[2] if len(row) > 2 else "").split(",") if f)
        codes.add(iso3)
        for variant in _island_variants(alias):
            for spelled in spelling_variants(variant):
                lex.add(_entry("COUNTRY", spelled, iso3, "", flags))
    lex.country_codes = frozenset(codes)
    # name -> (kind, country) of the lists of capitals and of major cities
    listed = {row[1]: ("city", row[0]) for row in read_rows("cities.tsv")}
    listed.update({row[1]: ("capital", row[0]) for row in read_rows("capitals.tsv")})
    for row in read_rows("places.tsv"):
        name, kind = row[0], row[1]
        canonical = row[2] if len(row) > 2 and row[2] else ""
        country = (row[3] if len(row) > 3 else "") or listed.get(name, ("", ""))[1]
        listed.pop(name, None)
        for variant in spelling_variants(name):
            lex.add(_entry("PLACE", variant, kind, canonical, country=country))
    for name, (kind, country) in listed.items():  # listed places not in places.tsv
        for variant in spelling_variants(name):
            lex.add(_entry("PLACE", variant, kind, "", country=country))
    for row in read_rows("orgs.tsv"):
        name = row[0]
        country = row[1] if len(row) > 1 else ""
        flags = frozenset(f for f in (row[2] if len(row) > 2 else "").split(",") if f)
        for variant in spelling_variants(name):
            lex.add(_entry("ORG", variant, "", country, flags))
    for row in read_rows("titles.tsv"):
        title, kind = row[0], row[1]
        country = row[2] if len(row) > 2 else ""
        lex.add(_entry("TITLE", title, kind, country))
    for row in read_rows("fields.txt"):
        lex.add(_entry("FIELD", row[0]))
    for row in read_rows("org_heads.tsv"):
        flags = frozenset(row[1].split(","))
        lex.add(_entry("HEAD", row[0], "", "", flags))
    for row in read_rows("place_triggers.tsv"):
        lex.add(_entry("PTRIG", row[0], row[1]))
    for name, layer in _WORD_LISTS:
        for row in read_rows(name):
            lex.add(_entry(layer, row[0]))
    surname_rows = [r for r in read_rows("surnames.txt") if " " not in r[0]]
    lex.surnames = frozenset(norm_key(r[0]) for r in surname_rows)
    lex.vn_surnames = frozenset(norm_key(r[0]) for r in surname_rows if "zh" not in r[1:])
    lex.particles = frozenset(norm_key(r[0]) for r in read_rows("name_particles.txt"))
    classes: dict[str, set[str]] = {}
    for row in read_rows("word_classes.tsv"):
        classes.setdefault(row[0], set()).add(norm_key(row[1]))
    lex.word_classes = {name: frozenset(words) for name, words in classes.items()}
    return lex


_VN_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?$"
)
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


@functools.lru_cache(maxsize=65536)
def is_vn_syllable(word: str) -> bool:
    """Does `word` have the shape of one Vietnamese syllable ("Sen", "Nguyễn"; not "Luxon", "Canel")?"""
    base = unicodedata.normalize(
        "NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONE_MARKS)
    )
    return bool(_VN_SYLLABLE.match(base))
