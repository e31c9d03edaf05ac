"""PERSON rules: names after titles, untitled Vietnamese full names, and coreference in an article.

What it is for:
- title grammar: TITLE (complement)* NAME, where complements are ministry fields, countries,
  organisations, places and words such as "thứ nhất", "Ban Chấp hành Trung ương", and titles chain
  with commas or dashes ("Phó Thủ tướng, Bộ trưởng Phạm Bình Minh", "Bộ trưởng Ngoại giao Nga Sergei
  Lavrov", "Thứ trưởng Bộ Y tế Việt Nam – ông Trần Văn Thuấn", "Tổng thống Liên bang Nga V. Pu-tin");
- names: Vietnamese syllables ("Nguyễn Xuân Phúc"), Latin-script names with particles and hyphens
  ("Abdullah bin Zayed Al Nahyan", "Díaz-Canel"), transliterations ("Ra-un Ca-xtơ-rô Ru-xơ"),
  initials ("V. Pu-tin", "X.Mát-ta-rê-la"); honorifics are left out ("Samdech Techo Hun Sen");
- a name before its title ("David Morley - Chủ tịch ..."), and untitled Vietnamese full names
  (a surname and 3-4 capitalised syllables);
- coreference: later short mentions ("Luxon", "ông Nghị", "Tổng thống Pu-tin") take the fullest
  spelling in the article as canonical, and its country.
`span._.title` is the role as written before the name (honorifics and a trailing country left out);
`span._.country` is the country named in the title, else VNM for a Vietnamese name or a
Vietnamese-only title, else the country of another mention of the same person.
What it is not for: bylines and photo credits (no title, usually two syllables: not matched).
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from camket.nlp.lexicon import is_vn_syllable
from camket.nlp.tokenizer import norm_key, words_and_spaces
from camket.nlp.view import DASHES, DocView, Ent
from camket.scoring import fold as _fold


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    return _fold(text)


MAX_NAME_WORDS = 7
MAX_FIELD_LIST = 5  # fields joined in one minister's title ("Thương mại, Đầu tư và Du lịch")
MAX_COORDINATED = 3  # names sharing one title ("hai nghị sĩ Mỹ A B và C D")


@dataclass
class Chain:
    """A parsed title chain: where the name starts, the role text, the country named."""

    name_at: int
    role_start: int | None
    role_end: int | None
    country: str | None
    country_source: str | None  # "title" (named), "vn_title" (a Vietnamese-only title)
    end_titles: list[int]


def find_persons(view: DocView) -> None:
    """Fill `view.persons` (after places and organisations)."""
    finder = _PersonFinder(view)
    finder.run()
    view.persons = finder.result


class _PersonFinder:
    def __init__(self, view: DocView) -> None:
        self.view = view
        self.lex = view.lex
        self.function_words = view.lex.words("function")
        self.lower_org_heads = view.lex.words("lower_org_head")
        self.regnal = view.lex.words("regnal")
        self.country_at = {c.start: c for c in view.countries}
        self.org_at = {o.start: o for o in view.orgs}
        self.place_at = {p.start: p for p in view.places}
        self.covered = [False] * view.n  # tokens inside countries, organisations, places
        for ent in (*view.countries, *view.orgs, *view.places):
            for k in range(ent.start, ent.end):
                self.covered[k] = True
        # indexes, so that no rule walks every entity of the document once per title
        self.org_over: list[Ent | None] = [None] * view.n  # the organisation over token k
        for o in reversed(view.orgs):  # the first in `view.orgs` wins, as a scan would find
            for k in range(o.start, o.end):
                self.org_over[k] = o
        self.countries_ending: dict[int, list[Ent]] = {}
        for c in view.countries:
            self.countries_ending.setdefault(c.end, []).append(c)
        self.title_starts = sorted(view.starts.get("TITLE", {}))
        self.mentions: list[Ent] = []
        self.taken = [False] * view.n
        self.short: list[Ent] = []  # single Vietnamese given names after a title: "ông Nghị"
        self.sources: dict[int, str | None] = {}
        self.result: list[Ent] = []

    # -- driver -----------------------------------------------------------------------------------
    def run(self) -> None:
        consumed: set[int] = set()
        titles = self.title_starts
        for t in titles:
            if t in consumed or self.taken[t] or self.covered[t]:
                continue  # "tại Phủ Chủ tịch, Thủ tướng ...": a title word inside a place name
            chain = self.parse_chain(t)
            if chain is None:
                continue
            consumed.update(chain.end_titles)
            name = self.parse_name(chain.name_at)
            if name is None:
                continue
            start, end, words = name
            title = self.role_text(chain)
            self.add(start, end, words, title, chain.country, chain.country_source)
            for _ in range(MAX_COORDINATED - 1):  # "hai nghị sĩ Mỹ Ted Cruz và Marco Rubio"
                second = self.coordinated_name(end)
                if second is None:
                    break
                start, end, words = second
                self.add(start, end, words, title, chain.country, chain.country_source)
            consumed.update(titles[bisect_left(titles, t) : bisect_left(titles, end)])
        self.appositions()
        self.untitled_vietnamese()
        self.known_names()
        self.trailing_titles()
        self.resolve()

    def add(
        self, start: int, end: int, words: list[str], title, country, source, rule="title"
    ) -> None:
        if any(self.taken[start:end]):
            return
        kb = " ".join(words)
        ent = Ent(start, end, "PERSON", kb, title=title, country=country, rule=rule)
        vn = all(is_vn_syllable(w) and "-" not in w for w in words)
        if len(words) == 1 and vn:
            self.short.append(ent)
            self.sources[id(ent)] = source
            return
        for k in range(start, end):
            self.taken[k] = True
        self.mentions.append(ent)
        self.sources[id(ent)] = source

    # -- title chains ----------------------------------------------------------------------------
    def parse_chain(self, t: int) -> Chain | None:
        view = self.view
        n = view.n
        role_start = role_end = None
        country = source = None
        titles: list[int] = []
        pos = t
        kinds: set[str] = set()
        while True:
            found = view.longest_at("TITLE", pos)
            if found is None:
                break
            end, entries = found
            entry = entries[0]
            kinds.add(entry.payload)
            titles.append(pos)
            if entry.payload != "honorific":
                if role_start is None:
                    role_start = pos
                role_end = end
            if entry.extra and country is None:
                country, source = entry.extra, "vn_title" if entry.extra == "VNM" else "title"
            inside = self.org_over[end] if end < n else None
            if inside is not None and inside.start < end:
                # the title ends inside an organisation name: skip the name
                end = role_end = inside.end
            j = view.next(end)
            # complements
            while j < n:
                if view.starts_sentence(j) and not self._newline_glue(j):
                    return Chain(n, role_start, role_end, country, source, titles)
                w = view.words[j]
                norm = view.norms[j]
                if view.longest_at("TITLE", j):
                    break
                if w in {",", "-", "–", "—"}:
                    k = view.next(j + 1)
                    if k < n and view.longest_at("TITLE", k):
                        j = k
                        break
                    if k < n and k in self.org_at:
                        j = k
                        continue
                    return Chain(j, role_start, role_end, country, source, titles)
                field = view.longest_at("FIELD", j) if "minister" in kinds else None
                if field is not None and j not in self.country_at:
                    j = role_end = self._field_list_end(field[0])
                    j = view.next(j)
                    continue
                c = self.country_at.get(j)
                if c is not None:
                    posting = view.norms[view.prev(j)] == "tại"  # "Đại diện UNICEF tại Việt Nam"
                    if not posting and (country is None or source == "vn_title"):
                        country, source = c.kb_id, "title"
                    j = view.next(c.end)
                    continue
                o = self.org_at.get(j)
                if o is not None:
                    if o.country and (country is None or source == "vn_title"):
                        country, source = o.country, "org"
                    role_end = o.end
                    j = view.next(o.end)
                    acr = (
                        self.org_at.get(view.next(j + 1))
                        if j < n and view.words[j] == "("
                        else None
                    )
                    if acr is not None and view.words[view.next(acr.end)] == ")":
                        j = view.next(
                            view.next(acr.end) + 1
                        )  # "Tổ chức Y tế thế giới (WHO) tại ..."
                    continue
                trig = view.longest_at("PTRIG", j)
                if trig is not None and view.next(trig[0]) in self.place_at:
                    j = view.next(trig[0])
                p = self.place_at.get(j)
                if p is not None and p.rule != "region":
                    role_end = p.end
                    j = view.next(p.end)
                    continue
                if norm in {"của", "tại"}:
                    k = view.next(j + 1)
                    if k in self.country_at or k in self.place_at or k in self.org_at:
                        j = k
                        continue
                    break
                if norm == "và":
                    k = view.next(j + 1)
                    if k in self.org_at:
                        j = k
                        continue
                    break
                compl = view.longest_at("COMPL", j)
                if compl is not None:
                    if norm == "phụ" and compl[0] == j + 2:  # "phụ trách <lowercase field>"
                        k = view.next(compl[0])
                        steps = 0
                        while view.is_lowerword(k) and steps < 8:
                            k = view.next(k + 1)
                            steps += 1
                        j = role_end = k if steps else compl[0]
                        continue
                    role_end = compl[0]
                    j = view.next(compl[0])
                    continue
                if (
                    norm in self.lower_org_heads
                    and view.is_lowerword(j)
                    and view.is_capword(view.next(j + 1))
                ):
                    k = view.next(j + 1)
                    while (
                        view.is_capword(k)
                        and is_vn_syllable(view.words[k])
                        and not self._starts_name(k)
                    ):
                        k = view.next(k + 1)
                        while view.is_lowerword(k) and view.longest_at("ORGWORD", view.prev(k)):
                            k = view.next(k + 1)
                    role_end = k
                    j = k
                    continue
                break
            if j < n and view.longest_at("TITLE", j) and j not in titles:
                pos = j
                continue
            return Chain(j, role_start, role_end, country, source, titles)
        return None

    def _field_list_end(self, end: int) -> int:
        """End of a list of ministry fields: "Thương mại, Đầu tư và Du lịch" (at most
        MAX_FIELD_LIST fields, joined by ", " or "và", each capitalised)."""
        view = self.view
        for _ in range(MAX_FIELD_LIST):
            sep = view.next(end)
            if sep >= view.n or view.norms[sep] not in {",", "và"}:
                break
            k = view.next(sep + 1)
            more = view.longest_at("FIELD", k) if view.is_capword(k) else None
            if more is None or k in self.country_at:
                break
            end = more[0]
        return end

    def _newline_glue(self, j: int) -> bool:
        """A line break between a lowercase word and a name ("nhà lãnh đạo quân đội\\nMin Aung
        Hlaing", a broken line) does not end the chain; one after a capitalised word (a headline) does."""
        view = self.view
        p = view.prev(j)
        if p < 0 or not view.is_lowerword(p) or not (p + 1 < j and view.space[p + 1]):
            return False
        if not view.is_capword(j) or self.covered[j]:
            return False
        return not any(
            view.matches_at(layer, j) for layer in ("TITLE", "HEAD", "COUNTRY", "PLACE", "ORG")
        )

    def _starts_name(self, k: int) -> bool:
        view = self.view
        return view.norms[k] in self.lex.surnames and view.is_capword(view.next(k + 1))

    def role_text(self, chain: Chain) -> str | None:
        """The role as written: "Bí thư thứ nhất, Chủ tịch nước" (a trailing country left out)."""
        if chain.role_start is None or chain.role_end is None or chain.role_end <= chain.role_start:
            return None
        view = self.view
        end = chain.role_end
        while end > chain.role_start:
            last = view.prev(end)
            c = next(
                (c for c in self.countries_ending.get(last + 1, ()) if c.start >= chain.role_start),
                None,
            )
            if c is not None and self.org_over[c.start] is None:
                end = view.prev(c.start) + 1
                while end > chain.role_start and view.norms[end - 1] in {
                    "nước",
                    "của",
                    "tại",
                    "và",
                }:
                    end = view.prev(end - 1) + 1
                continue
            if view.words[last] in {",", "-", "–"}:
                end = last
                continue
            break
        if end <= chain.role_start:
            return None
        return " ".join(view.text(chain.role_start, end).split()) or None

    # -- names -----------------------------------------------------------------------------------
    def parse_name(self, j: int) -> tuple[int, int, list[str]] | None:
        """A name starting at j: (start, end, words as written, hyphen groups joined)."""
        view = self.view
        n = view.n
        while j < n:
            hon = view.longest_at("HONOR", j)
            if hon is None:
                break
            j = view.next(hon[0])
        if j >= n or self.covered[j] or self.taken[j]:
            return None
        start = j
        words: list[str] = []
        k = j
        after_particle = False
        while k < n and len(words) < MAX_NAME_WORDS:
            w = view.words[k]
            if (
                len(w) == 1
                and w.isupper()
                and w.isalpha()
                and k + 1 < n
                and view.words[k + 1] == "."
                and view.glued[k]
            ):
                nxt = view.next(k + 2)
                if view.is_capword(nxt) and not view.starts_sentence(nxt):
                    words.append(w + ".")
                    k = nxt
                    continue
                break
            if view.is_capword(k):
                if words and (
                    (self.covered[k] and not (after_particle and k in self.place_at))
                    or view.longest_at("TITLE", k)
                    or view.longest_at("HEAD", k)
                ):
                    break  # ("de Lima": a place right after a name particle is the name's)
                after_particle = False
                if words and view.norms[k] == "đệ" and view.norms[view.next(k + 1)] in self.regnal:
                    nxt = view.next(k + 1)  # "Charles Đệ tam", "Rama Đệ thập"
                    words.append(view.text(k, nxt + 1))
                    k = nxt + 1
                    break
                if words and k > start and view.starts_sentence(k):
                    break
                group = w
                k2 = k + 1
                while (
                    k2 + 1 < n
                    and view.words[k2] in DASHES
                    and view.glued[k2 - 1]
                    and view.glued[k2]
                    and view.is_word(k2 + 1)
                ):
                    group += "-" + view.words[k2 + 1]
                    k2 += 2
                if words and words[-1].endswith(".") and view.glued[k - 1] and len(words[-1]) == 2:
                    words[-1] = words[-1] + group  # "X.Mát-ta-rê-la"
                else:
                    words.append(group)
                k = k2
                if k < n and view.space[k]:
                    break
                continue
            if (
                words
                and view.norms[k] in self.lex.particles
                and view.is_lowerword(k)
                and not self._all_vn(words)
            ):
                if (
                    k + 2 < n
                    and view.words[k + 1] in DASHES
                    and view.glued[k]
                    and view.glued[k + 1]
                    and view.is_capword(k + 2)
                ):  # "Abdel Fattah al-Sisi": the particle joined to the next name by a dash
                    words.append(view.words[k] + "-" + view.words[k + 2])
                    k += 3
                    if k < n and view.space[k]:
                        break
                    continue
                k2 = view.next(k + 1)
                while k2 < n and view.is_lowerword(k2) and view.norms[k2] in self.lex.particles:
                    k2 = view.next(k2 + 1)
                if view.is_capword(k2) and k2 - k <= 4:  # "Ursula von der Leyen"
                    words.extend(view.words[m] for m in range(k, k2) if not view.space[m])
                    k = k2
                    after_particle = True
                    continue
            break
        if not words:
            return None
        end = k
        while end > start and view.space[end - 1]:
            end -= 1
        # drop a trailing particle or initial
        while words and (words[-1].lower() in self.lex.particles):
            words.pop()
            end = view.prev(end - 1) + 1
        if not words:
            return None
        if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
            return None  # an acronym
        if self._all_vn(words) and len(words) > 4:
            return None
        if self._all_vn(words) and self._word_continues(view.prev(end)):
            return None  # "Chủ tịch Phòng Thương mại ...": the capitals start a word, not a name
        return start, end, words

    def coordinated_name(self, end: int) -> tuple[int, int, list[str]] | None:
        """A second name joined by "và" right after a titled name ("Ted Cruz và Marco Rubio"):
        two or more capitalised words that are no entity, title or head, then no capital."""
        view = self.view
        conj = view.next(end)
        if conj >= view.n or view.norms[conj] != "và" or not view.is_lowerword(conj):
            return None
        k = view.next(conj + 1)
        if not view.is_capword(k) or self.covered[k] or view.longest_at("TITLE", k):
            return None
        if view.longest_at("HEAD", k) or view.longest_at("HONOR", k):
            return None
        name = self.parse_name(k)
        if name is None or len(name[2]) < 2 or view.is_capword(view.next(name[1])):
            return None
        return name

    def _word_continues(self, last: int) -> bool:
        """Does a listed two-syllable word start at the name's last syllable ("Thương" + "mại")?"""
        view = self.view
        return any(
            end > last + 1
            for layer in ("ORGWORD", "FIELD")
            for end, _ in view.matches_at(layer, last)
            if view.is_lowerword(last + 1)
        )

    @staticmethod
    def _all_vn(words: list[str]) -> bool:
        return all("-" not in w and "." not in w and is_vn_syllable(w) for w in words)

    # -- a name before its title: "David Morley - Chủ tịch ...", "Hồ Cẩm Đào, Tổng Bí thư" -----------
    def appositions(self) -> None:
        view = self.view
        for t in sorted(view.starts.get("TITLE", {})):
            if self.taken[t]:
                continue
            found = view.longest_at("TITLE", t)
            if found is None or found[1][0].payload == "honorific":
                continue
            sep = view.prev(t)
            if sep < 0 or view.words[sep] not in {",", "-", "–"}:
                continue
            end = view.prev(sep) + 1
            start = end
            while start - 1 >= 0 and view.is_capword(start - 1) and end - start < 5:
                start -= 1
            if end - start < 2 or self.covered[start] or any(self.taken[start:end]):
                continue
            before = view.prev(start)
            if before >= 0 and (view.is_capword(before) or view.longest_at("TITLE", before)):
                continue
            words = view.words[start:end]
            if self._all_vn(words) and view.norms[start] not in self.lex.surnames:
                continue
            if any(
                view.matches_at(layer, k)
                for k in range(start, end)
                for layer in ("COUNTRY", "ORG", "PLACE", "HEAD")
            ):
                continue
            chain = self.parse_chain(t)
            title = self.role_text(chain) if chain else None
            country = chain.country if chain else None
            self.add(
                start,
                end,
                list(words),
                title,
                country,
                chain.country_source if chain else None,
                "apposition",
            )

    # -- untitled Vietnamese full names ----------------------------------------------------------
    def untitled_vietnamese(self) -> None:
        view = self.view
        n = view.n
        capword = view.capword
        surnames = self.lex.surnames
        norms = view.norms
        for i in range(n):
            if not capword[i] or norms[i] not in surnames or self.covered[i] or self.taken[i]:
                continue
            p = view.prev(i)
            if p >= 0 and view.is_capword(p) and not view.starts_sentence(i):
                continue
            k = i + 1
            while (
                k < n
                and k - i < 5
                and view.is_capword(k)
                and is_vn_syllable(view.words[k])
                and not self.covered[k]
            ):
                k += 1
            if (
                not 3 <= k - i <= 4
                or view.is_capword(k)
                or (k < n and view.words[k] in DASHES and view.glued[k - 1])
            ):
                continue
            if any(view.longest_at("TITLE", m) or view.longest_at("HEAD", m) for m in range(i, k)):
                continue
            self.add(i, k, view.words[i:k], None, None, None, "surname")

    def trailing_titles(self) -> None:
        """ "bà Cristina Romila, Đại sứ Romania": a title after the name gives its country."""
        view = self.view
        mention_starts = {o.start for o in self.mentions}
        for m in self.mentions:
            if self.sources.get(id(m)) == "title":
                continue
            sep = view.next(m.end)
            if sep >= view.n or view.words[sep] not in {",", "-", "–"}:
                continue
            t = view.next(sep + 1)
            found = view.longest_at("TITLE", t)
            if found is None or found[1][0].payload == "honorific" or self.covered[t]:
                continue
            chain = self.parse_chain(t)
            if chain is not None and chain.name_at in mention_starts:
                continue  # "A, Thủ tướng New Zealand B": the title is B's, not A's
            if chain is not None and chain.country and chain.country_source == "title":
                m.country = chain.country
                self.sources[id(m)] = "apposition"

    # -- coreference -------------------------------------------------------------------------------
    def known_names(self) -> None:
        """Untitled mentions of names already seen in the article (full names, foreign surnames)."""
        view = self.view
        keys: dict[str, list[tuple[tuple[str, ...], Ent]]] = {}
        for m in list(self.mentions):
            toks = tuple(view.norms[k] for k in range(m.start, m.end) if not view.space[k])
            if len(toks) >= 2:
                keys.setdefault(toks[0], []).append((toks, m))
            words = m.kb_id.split()
            if len(words) >= 2 and not self._all_vn(words):
                last = words[-1]
                last_toks = _tokens_of(last)
                keys.setdefault(last_toks[0], []).append((last_toks, m))
        if not keys:
            return
        # each spelling once (a name mentioned often is listed once), longest first
        longest_first = {
            first: sorted(dict.fromkeys(toks for toks, _ in found), key=lambda t: -len(t))
            for first, found in keys.items()
        }
        n = view.n
        norms = view.norms
        capword = view.capword
        for i in range(n):
            if not capword[i] or norms[i] not in keys or self.taken[i] or self.covered[i]:
                continue
            for toks in longest_first[norms[i]]:
                end = i + len(toks)
                if end > n or tuple(norms[i:end]) != toks or any(view.space[i:end]):
                    continue
                if any(self.taken[i:end]):
                    continue
                if view.is_capword(end) or (
                    i > 0
                    and view.is_capword(view.prev(i))
                    and not view.starts_sentence(i)
                    and not view.longest_at("TITLE", view.prev(i))
                ):
                    continue
                self.add(i, end, [view.text(i, end)], None, None, None, "known")
                break

    def resolve(self) -> None:
        """Group mentions of one person; canonical = fullest spelling; share the country."""
        groups: list[list[Ent]] = []
        ordered = sorted(
            self.mentions, key=lambda m: (-len(m.kb_id.split()), -len(m.kb_id), m.start)
        )
        index = _GroupIndex()
        for m in ordered:
            g = next(
                (g for g in index.candidates(m.kb_id) if _compatible(m.kb_id, g[0].kb_id)), None
            )
            if g is not None:
                g.append(m)
            else:
                groups.append(index.add([m]))
        for s in self.short:
            match = (g for g in index.ending_with(fold(s.kb_id)) if _all_vn_name(g[0].kb_id))
            g = next(match, None)
            if g is not None:
                g.append(s)
        result: list[Ent] = []
        for g in groups:
            canonical = g[0].kb_id
            country = None
            # a country named in the title > a Vietnamese name > a title's organisation > a title
            vietnamese = _vietnamese_name(canonical, self.lex.vn_surnames)
            for source_rank in ("title", "apposition", "vn_name", "org", "vn_title"):
                if source_rank == "vn_name":
                    if vietnamese:
                        country = "VNM"
                        break
                    continue
                votes = [
                    m.country
                    for m in sorted(g, key=lambda m: m.start)
                    if m.country and self.sources.get(id(m)) == source_rank
                ]
                if votes:
                    country = _most_voted(votes)
                    break
            for m in g:
                m.kb_id = canonical
                m.country = country
                result.append(m)
        result.sort(key=lambda e: e.start)
        self.result = result


def _most_voted(votes: list[str]) -> str:
    """The most frequent vote; between equals, the one given first."""
    counts = Counter(votes)
    first = {v: -i for i, v in reversed(list(enumerate(votes)))}
    return max(counts, key=lambda v: (counts[v], first[v]))


class _GroupIndex:
    """Groups of mentions of one person, found by the words `_compatible` needs to share.

    `_compatible(short, full)` holds only if their folds are equal, or the first words
    (a one-word `short`), or the last words: so only the groups sharing one of those
    are tried, in the order they were made, instead of every group of the article.
    """

    def __init__(self) -> None:
        self.order: dict[int, int] = {}  # id(group) -> creation rank
        self.by_key: dict[tuple[str, str], list[list[Ent]]] = {}

    def add(self, group: list[Ent]) -> list[Ent]:
        full = group[0].kb_id
        words = [fold(w) for w in full.split()]
        self.order[id(group)] = len(self.order)
        keys = {("fold", fold(full))}
        if words:
            keys |= {("first", words[0]), ("last", words[-1])}
        for key in keys:
            self.by_key.setdefault(key, []).append(group)
        return group

    def candidates(self, short: str) -> list[list[Ent]]:
        """Groups `short` may belong to, in creation order."""
        words = [fold(w) for w in short.split()]
        keys = [("fold", fold(short))]
        if words:
            keys.append(("last", words[-1]))
            if len(words) == 1:
                keys.append(("first", words[0]))
        found = {id(g): g for key in keys for g in self.by_key.get(key, ())}
        return sorted(found.values(), key=lambda g: self.order[id(g)])

    def ending_with(self, last: str) -> list[list[Ent]]:
        """Groups whose full name's last word folds to `last`, in creation order."""
        return self.by_key.get(("last", last), [])


@functools.lru_cache(maxsize=4096)
def _tokens_of(word: str) -> tuple[str, ...]:
    """NORM keys of the tokens of `word` ("Díaz-Canel" -> ("díaz", "-", "canel"))."""
    toks, _ = words_and_spaces(word)
    return tuple(norm_key(t) for t in toks if not t.isspace())


def _vietnamese_name(name: str, surnames: frozenset[str]) -> bool:
    """A Vietnamese-looking full name: a surname and Vietnamese syllables ("Hun Sen" is not)."""
    words = name.split()
    return len(words) >= 2 and norm_key(words[0]) in surnames and _all_vn_name(name)


def _all_vn_name(name: str) -> bool:
    words = name.split()
    return all("-" not in w and "." not in w and is_vn_syllable(w) for w in words)


def _compatible(short: str, full: str) -> bool:
    """Does `short` ("Luxon", "Pu-tin", "Tổng thống"-less forms) refer to the person `full`?"""
    if fold(short) == fold(full):
        return True
    s_words = [fold(w) for w in short.split()]
    f_words = [fold(w) for w in full.split()]
    if not s_words or len(s_words) > len(f_words):
        return False
    if (
        len(s_words) == 1
        and len(f_words) >= 2
        and s_words[0] == f_words[0]
        and not is_vn_syllable(short)
    ):
        return True  # surname first: "Abe" of "Abe Shinzo", "Park" of "Park Noh-wan"
    if s_words[-1] != f_words[-1]:
        return False
    if len(s_words) >= 2 and not (
        s_words[0] == f_words[0] or (len(s_words[0]) == 1 and f_words[0].startswith(s_words[0]))
    ):
        return False  # "Joko Widodo" is not "Iriana Joko Widodo"
    rest = f_words[:-1]
    for w in s_words[:-1]:
        if w in rest:
            rest = rest[rest.index(w) + 1 :]
            continue
        if len(w) == 1 and any(r.startswith(w) for r in rest):  # "V." ~ "Vladimir"
            continue
        return False
    return True
