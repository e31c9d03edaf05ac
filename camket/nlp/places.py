"""COUNTRY and LOC rules.

What it is for: decide which vocabulary matches of countries and places are entities:
- longest match wins ("Ấn Độ Dương" is an ocean, not India; "Lào Cai" is a province, not Laos);
- ambiguous short names ("Anh", "Đức", "Nhật", "Nga", "Mỹ") count only in a country context, not
  as a pronoun ("anh em"), a given name ("Tô Anh Dũng", "ông Đức") or a byline ("Nhật Bắc");
- compounds name each country ("Việt-Nga", "Mỹ-Trung", "Việt Nam – Cu-ba");
- official long forms extend the span ("nước Cộng hòa Xã hội Chủ nghĩa Dân chủ Sri Lanka");
- place patterns: "tỉnh X", "thủ đô X", "sân bay X", "vịnh X", "ở X, <country>".
What it is not for: organisations or persons (a country inside "Đảng Cộng sản Cuba" is still found
here; the organisation is `camket.nlp.orgs`).
"""

from __future__ import annotations

from camket.nlp.lexicon import is_vn_syllable
from camket.nlp.view import DASHES, DocView, Ent

CONTEXT_LAYERS = ("TITLE", "PREFIX", "FIELD", "HEAD", "ORG")


def find_places(view: DocView) -> None:
    """Fill `view.countries` and `view.places` (LOC, regions included)."""
    chosen = _select_gazetteer(view)
    countries: list[Ent] = []
    places: list[Ent] = []
    for start, end, layer, entry in chosen:
        if layer == "COUNTRY":
            if "ctx" in entry.flags and not _country_context(view, start, end):
                continue
            if _not_a_state(view, start):
                continue
            start = _extend_prefix(view, start)
            countries.append(
                Ent(start, end, "COUNTRY", entry.payload, country=entry.payload, rule="alias")
            )
        elif entry.payload != "block":
            canonical = entry.extra or view.text(start, end)
            rule = "region" if entry.payload == "region" else "gazetteer"
            places.append(
                Ent(start, end, "LOC", canonical, country=entry.country or None, rule=rule)
            )
    countries.extend(_compounds(view, countries))
    _feature_names(view, places)
    taken = _token_set(countries) | _token_set(places) | _blocked(view, chosen)
    places.extend(_triggered_places(view, taken, {p.start: p for p in places}))
    taken = _token_set(countries) | _token_set(places)
    places.extend(_located_places(view, countries, taken))
    countries.sort(key=lambda e: e.start)
    places.sort(key=lambda e: e.start)
    view.countries = countries
    view.places = places


def _select_gazetteer(view: DocView) -> list[tuple[int, int, str, object]]:
    """Non-overlapping country/place matches, longest first (countries win ties)."""
    candidates = []
    for layer, rank in (("COUNTRY", 0), ("PLACE", 1)):
        for start, found in view.starts.get(layer, {}).items():
            for end, entries in found:
                usable = [e for e in entries if "short" not in e.flags]
                if usable:
                    candidates.append((-(end - start), rank, start, end, layer, usable[0]))
    candidates.sort(key=lambda c: c[:3])
    used = [False] * view.n
    chosen = []
    for _, _, start, end, layer, entry in candidates:
        if any(used[start:end]):
            continue
        for k in range(start, end):
            used[k] = True
        chosen.append((start, end, layer, entry))
    chosen.sort(key=lambda c: c[0])
    return chosen


def _blocked(view: DocView, chosen) -> set[int]:
    return {
        k
        for start, end, layer, entry in chosen
        if layer == "PLACE" and entry.payload == "block"
        for k in range(start, end)
    }


def _token_set(ents: list[Ent]) -> set[int]:
    return {k for e in ents for k in range(e.start, e.end)}


def _is_context_word(view: DocView, i: int) -> bool:
    """Token i ends a title, a state prefix, a ministry field or an organisation head."""
    return any(i + 1 in view.ends.get(layer, {}) for layer in CONTEXT_LAYERS)


def _country_context(view: DocView, start: int, end: int) -> bool:
    """An ambiguous short name ("Anh", "Đức") is a country here, not a person or pronoun."""
    p = view.prev(start)
    prev_ok_strong = False
    if p >= 0 and not view.starts_sentence(start):
        norm = view.norms[p]
        if norm in view.lex.words("person_before"):
            return False
        if norm == "chí" and view.norms[view.prev(p)] == "đồng":
            return False
        if view.is_capword(p):
            # a capital opening the sentence is no name: "Phía Nga" reads as "phía Nga"
            opener = view.starts_sentence(p) and norm in view.lex.words("country_before")
            if not (opener or _is_context_word(view, p)):
                return False
            prev_ok_strong = not opener  # "Phía Anh Tuấn": a capital after still names someone
        elif view.is_lowerword(p) and (
            _is_context_word(view, p) or norm in view.lex.words("country_before")
        ):
            prev_ok_strong = True
    nxt = view.next(end)
    # a capital right after is a name ("Đức Thuận", "Nhật Bắc") unless a title came first
    return prev_ok_strong or not (
        nxt < view.n and view.is_capword(nxt) and not view.starts_sentence(nxt)
    )


def _not_a_state(view: DocView, start: int) -> bool:
    """ "tiếng Anh" is a language; "bang Georgia", "tỉnh Nam Phi" are places named like a state."""
    p = view.prev(start)
    if p < 0 or view.starts_sentence(start):
        return False
    if view.norms[p] == "tiếng":
        return True
    trigger = view.match_ending_at("PTRIG", p + 1)
    if trigger is not None and view.norms[view.prev(trigger)] in view.lex.words("plural"):
        return False  # "các tỉnh Lào": the provinces of a country, not a province named so
    return (
        trigger is not None
        and not view.cap[trigger]
        and any(
            e.payload == "admin"
            for _, entries in view.matches_at("PTRIG", trigger)
            for e in entries
        )
    )


def _extend_prefix(view: DocView, start: int) -> int:
    """Extend a country span left over official-name words: "Cộng hòa Nhân dân Trung Hoa"."""
    while True:
        found = view.ends.get("PREFIX", {}).get(start)
        if not found:
            return start
        new = min(found)
        if not view.cap[new]:
            return start
        start = new


def _country_token(view: DocView, i: int):
    """A one-token country alias at i (short compound forms included), or None."""
    if not view.is_capword(i):
        return None
    for end, entries in view.matches_at("COUNTRY", i):
        if end == i + 1:
            return entries[0]
    return None


def _compounds(view: DocView, countries: list[Ent]) -> list[Ent]:
    """Short forms joined by dashes name each country: "Việt-Nga", "Mỹ-Trung", "Việt – Nga"."""
    by_end = {c.end: c for c in countries}
    by_start = {c.start: c for c in countries}
    covered = _token_set(countries)
    added: list[Ent] = []
    for d, word in enumerate(view.words):
        if word not in DASHES:
            continue
        left, right = view.prev(d), view.next(d + 1)
        if left < 0 or right >= view.n:
            continue
        left_full = by_end.get(left + 1)
        right_full = by_start.get(right)
        left_short = None if left_full or left in covered else _country_token(view, left)
        right_short = None if right_full or right in covered else _country_token(view, right)
        if not (left_full or left_short) or not (right_full or right_short):
            continue
        if not (left_short or right_short):
            continue
        for i, entry in ((left, left_short), (right, right_short)):
            if entry is not None and i not in covered:
                added.append(
                    Ent(i, i + 1, "COUNTRY", entry.payload, country=entry.payload, rule="compound")
                )
                covered.add(i)
    return added


def cap_run(
    view: DocView, i: int, max_words: int = 6, stop_layers=("COUNTRY", "TITLE", "HEAD")
) -> int:
    """End of a run of capitalised words starting at i ("Rio de Janeiro", "An-ta-na-na-ri-vô")."""
    n = view.n
    j = i
    words = 0
    while j < n and words < max_words:
        if j > i and view.starts_sentence(j):
            break
        w = view.words[j]
        if view.is_capword(j):
            if j > i and any(view.matches_at(layer, j) for layer in stop_layers):
                break
            j += 1
            words += 1
        elif w in DASHES and j > i and view.glued[j - 1] and view.glued[j] and view.is_word(j + 1):
            j += 2
        elif (
            j > i and view.norms[j] in view.lex.particles and view.is_capword(view.next(j + 1))
        ) or (
            w == "."
            and j > i
            and view.glued[j - 1]
            and len(view.words[j - 1]) == 1
            and view.is_capword(j + 1)
        ):
            j += 1
        else:
            break
    return j


def _triggers(view: DocView):
    """Place trigger matches (start, end, entries), longest first, none inside another."""
    covered: set[int] = set()
    out = []
    for start in sorted(view.starts.get("PTRIG", {})):
        end, entries = view.starts["PTRIG"][start][0]
        if start in covered:
            continue  # "phố" inside "thành phố"
        covered.update(range(start, end))
        out.append((start, end, entries))
    return out


def _feature_names(view: DocView, places: list[Ent]) -> None:
    """ "vịnh Hạ Long" is a bay, not the city Hạ Long: a feature word joins a known place after it."""
    by_start = {p.start: p for p in places}
    in_place = [False] * view.n  # kept up to date as places grow
    for p in places:
        for k in range(p.start, p.end):
            in_place[k] = True
    for start, end, entries in _triggers(view):
        place = by_start.get(view.next(end))
        if place is None or entries[0].payload != "feature" or place.rule == "region":
            continue
        if view.starts_sentence(place.start):
            continue  # "... Con đường\n\nBrasília - ...": the place opens the next sentence
        if in_place[start]:
            continue
        for k in range(start, place.start):
            in_place[k] = True
        place.start = start
        place.kb_id = view.text(start, place.end)
        place.rule = "trigger"


MAX_ROUTE_STOPS = 4  # places joined by dashes after a route word ("tuyến A - B - C")


def _triggered_places(view: DocView, taken: set[int], known: dict[int, Ent]) -> list[Ent]:
    """ "tỉnh Quảng Đông", "thủ đô Brussels", "huyện Nam Đàn", "vịnh Bắc Bộ", "Cung điện Elysee";
    after a route word each dash-joined place is one: "cửa khẩu Mộc Bài-Bavet" (two places)."""
    out: list[Ent] = []
    inside = _inside_titles(view)
    for start, end, entries in _triggers(view):
        if start in taken or start in inside:
            continue  # ("Thủ tướng Liên bang X": "bang" inside a title is no state)
        kind = entries[0].payload
        name = view.next(end)
        if kind == "route" and name in known:
            out.extend(_route_stops(view, known[name].end, taken))
            continue
        if kind == "building" and not (view.cap[start] and view.is_capword(name)):
            continue  # "điện" (electricity) is no building; "Điện Capitol" is
        if (
            name >= view.n
            or name in taken
            or not view.is_capword(name)
            or view.starts_sentence(name)
        ):
            continue
        if (
            kind != "building"
            and view.words[start][:1].isupper()
            and view.norms[start] in view.lex.surnames
        ):
            continue  # "Hồ Chí Minh", not "hồ" + "Chí Minh"
        stop = cap_run(view, name)
        if stop <= name or any(k in taken for k in range(name, stop)):
            continue
        if stop == name + 1 and _starts_word(view, name):
            if kind != "building":
                continue  # "biển đảo Lịch sử": a capitalised word, not a place name
            if view.is_capword(view.next(name + 2)):
                continue  # a longer name we cannot delimit
            stop = name + 2  # "Đại lễ đường Nhân dân": the building's name is one word
        if kind in ("feature", "building"):
            out.append(Ent(start, stop, "LOC", view.text(start, stop), rule="trigger"))
        elif kind == "route":
            taken.update(range(start, name))
            out.extend(_route_stops(view, name, taken, stop))
            continue
        else:
            out.append(Ent(name, stop, "LOC", view.text(name, stop), rule="trigger"))
        taken.update(range(start, stop))
    return out


def _inside_titles(view: DocView) -> set[int]:
    """Tokens inside a title or a state prefix, after their first ("Liên bang" in a title)."""
    inside: set[int] = set()
    for layer in ("TITLE", "PREFIX"):
        for start, found in view.starts.get(layer, {}).items():
            inside.update(range(start + 1, found[0][0]))
    return inside


def _route_stops(view: DocView, at: int, taken: set[int], stop: int | None = None) -> list[Ent]:
    """Places of a route or border-gate pair: the run [at, stop) split at its dashes, then more
    " - <Name>" after it ("Phnom Penh - Bavet", "Tân Nam - Meun Chey"), none already taken."""
    out: list[Ent] = []
    k = at
    if stop is None:  # `at` ends a known place: only what follows its dash
        stop = at
    else:
        piece = at
        while k < stop:
            if view.words[k] in DASHES:
                if k > piece:
                    out.append(Ent(piece, k, "LOC", view.text(piece, k), rule="route"))
                piece = k + 1
            k += 1
        if stop > piece:
            out.append(Ent(piece, stop, "LOC", view.text(piece, stop), rule="route"))
    for _ in range(MAX_ROUTE_STOPS):
        dash = view.next(stop)
        if dash >= view.n or view.words[dash] not in DASHES:
            break
        name = view.next(dash + 1)
        if name >= view.n or name in taken or not view.is_capword(name):
            break
        if any(view.matches_at(layer, name) for layer in ("COUNTRY", "TITLE", "HEAD", "ORG")):
            break
        end = cap_run(view, name)
        if end <= name or any(k in taken for k in range(name, end)):
            break
        out.append(Ent(name, end, "LOC", view.text(name, end), rule="route"))
        stop = end
    for ent in out:
        taken.update(range(ent.start, ent.end))
    return out


def _starts_word(view: DocView, i: int) -> bool:
    """A capitalised Vietnamese syllable followed by a lowercase one that completes a word."""
    nxt = i + 1
    return (
        is_vn_syllable(view.words[i])
        and view.is_lowerword(nxt)
        and not view.glued[i]
        and view.norms[nxt] not in view.lex.words("function")
    )


def _located_places(view: DocView, countries: list[Ent], taken: set[int]) -> list[Ent]:
    """ "ở Maracay, Venezuela", "tại Rio de Janeiro, Brazil": a place before its country."""
    out: list[Ent] = []
    for c in countries:
        comma = view.prev(c.start)
        if comma < 0 or view.words[comma] not in {",", "("}:
            continue
        end = comma
        start = end
        while (
            start - 1 >= 0
            and (
                view.is_capword(start - 1)
                or view.words[start - 1] in DASHES
                or view.norms[start - 1] in view.lex.particles
            )
            and end - start < 6
        ):
            start -= 1
        while start < end and not view.is_capword(start):
            start += 1
        if start >= end or any(k in taken for k in range(start, end)):
            continue
        before = view.prev(start)
        if before < 0 or view.norms[before] not in view.lex.words("locative"):
            continue
        if any(view.matches_at(layer, start) for layer in ("TITLE", "HEAD", "ORG")):
            continue
        out.append(Ent(start, end, "LOC", view.text(start, end), country=c.kb_id, rule="located"))
        taken.update(range(start, end))
    return out
