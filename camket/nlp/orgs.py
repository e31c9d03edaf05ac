"""ORG rules.

What it is for: organisation mentions and their canonical names:
- acronym definitions "Tập đoàn Sinh dược Cuba (BioCubaFarma)": the long form is the canonical,
  and the acronym elsewhere in the article resolves to it;
- head patterns "<Head> <name>": "Bộ Y tế Cuba", "Tập đoàn Hưng Thịnh", "Đại sứ quán Việt Nam tại
  Cuba", "Viện Vệ sinh dịch tễ Trung ương" (heads in data/org_heads.tsv, name words in
  data/org_words.txt and data/org_inner_words.txt, ministry fields in data/fields.txt);
- the gazetteer (data/orgs.tsv): UN bodies, ASEAN, news agencies, companies; vaccine makers only
  as companies ("hãng AstraZeneca", "của Pfizer"), not as products ("vắc xin AstraZeneca");
- brand names after a lowercase company word: "liên doanh viễn thông Movitel", "báo Khmer Times".
What it is not for: countries inside organisation names (found by `camket.nlp.places` and kept).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from camket.nlp.lexicon import is_vn_syllable
from camket.nlp.view import DASHES, DocView, Ent

_MAX_BRAND_TOKENS = 4  # a longer capitalised run after "báo", "hãng" is no brand name
STOP_PUNCT = frozenset({"(", ")", ";", ":", '"', "“", "”", "[", "]", "!", "?", "|"})


def find_orgs(view: DocView) -> None:
    """Fill `view.orgs` (after `find_places`)."""
    ctx = _Context(view)
    candidates: list[tuple[int, Ent]] = []  # (priority, ent); lower priority wins ties
    definitions: dict[tuple[str, ...], str] = {}
    for long_ent, acr_ent, acr_key in _acronym_definitions(ctx):
        if long_ent is not None:
            candidates.append((0, long_ent))
            definitions.setdefault(acr_key, long_ent.kb_id)
        if acr_ent is not None:
            candidates.append((0, acr_ent))
    for _, acr_ent in candidates:  # an acronym defined twice keeps its first long form
        if acr_ent.rule == "acronym":
            acr_ent.kb_id = definitions.get(
                tuple(view.norms[acr_ent.start : acr_ent.end]), acr_ent.kb_id
            )
    for ent in _head_orgs(ctx):
        candidates.append((1, ent))
    for ent in _gazetteer_orgs(ctx):
        candidates.append((2, ent))
    for ent in _brand_orgs(ctx):
        candidates.append((3, ent))
    for ent in _apposed_media(ctx):
        candidates.append((3, ent))
    for ent in _acronym_mentions(view, definitions):
        candidates.append((0, ent))
    chosen = _resolve(view, candidates)
    for ent in chosen:
        key = tuple(view.norms[ent.start : ent.end])
        if key in definitions and ent.rule != "long":
            ent.kb_id = definitions[key]
        if ent.country is None:
            ent.country = ctx.country_inside(ent.start, ent.end)
    # an acronym shares the country of its long form ("PVN" of "Tập đoàn Dầu khí Việt Nam")
    country_of = {e.kb_id: e.country for e in chosen if e.rule == "long" and e.country}
    for ent in chosen:
        if ent.country is None:
            ent.country = country_of.get(ent.kb_id)
    chosen.sort(key=lambda e: e.start)
    view.orgs = chosen


class _Context:
    """Indexes of the entities found so far, for the organisation rules."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.country_at = {c.start: c for c in view.countries}
        self.country_starts = [c.start for c in view.countries]  # in order (find_places sorts)
        self.place_at = {p.start: p for p in view.places}
        self.in_place = [False] * view.n
        for p in view.places:
            for k in range(p.start, p.end):
                self.in_place[k] = True
        self.title_starts = view.starts.get("TITLE", {})
        self.lex = view.lex

    def countries_from(self, start: int, end: int) -> Iterator[Ent]:
        """The countries starting in [start, end), in order (a binary search, not a scan)."""
        countries = self.view.countries
        k = bisect_left(self.country_starts, start)
        while k < len(countries) and countries[k].start < end:
            yield countries[k]
            k += 1

    def country_inside(self, start: int, end: int) -> str | None:
        """The first country within tokens [start, end)."""
        return next((c.kb_id for c in self.countries_from(start, end) if c.end <= end), None)

    def head_at(self, i: int):
        """(end, flags) of the longest organisation head at i, or None."""
        found = self.view.longest_at("HEAD", i)
        if not found:
            return None
        end, entries = found
        flags = set()
        for e in entries:
            flags |= e.flags
        return end, flags

    def starts_title(self, i: int, beyond: int) -> bool:
        """Does a title start at i and run past `beyond` ("Bộ trưởng" over the head "Bộ")?"""
        return any(end > beyond for end, _ in self.title_starts.get(i, []))

    def person_start(self, i: int) -> bool:
        """A Vietnamese full name starts at i: surname + 1-3 capitalised syllables, then no capital."""
        view = self.view
        if not view.is_capword(i) or view.norms[i] not in self.lex.surnames:
            return False
        if view.matches_at("EPONYM", i):
            return False
        k = i + 1
        count = 1
        while k < view.n and count < 4 and view.is_capword(k) and is_vn_syllable(view.words[k]):
            k += 1
            count += 1
        return count >= 2 and not view.is_capword(k)


def _transliterated(view: DocView, i: int) -> bool:
    """ "Ra-un", "Ca-xtơ-rô": a capitalised syllable glued by a hyphen to a lowercase one."""
    return (
        i + 2 < view.n
        and view.glued[i]
        and view.words[i + 1] in DASHES
        and view.glued[i + 1]
        and view.is_lowerword(i + 2)
    )


def _code_name(view: DocView, i: int) -> bool:
    """ "Covid-19": a word glued by a dash to digits (a disease or model code, not a name)."""
    return (
        i + 2 < view.n
        and view.glued[i]
        and view.words[i + 1] in DASHES
        and view.glued[i + 1]
        and view.words[i + 2].isdigit()
    )


MAX_INITIALS = 3  # "J.D.", "J.R.R."


def _initials(view: DocView, i: int) -> bool:
    """ "J.D. Smith", "V. Putin": capital letters with full stops, then a space and a name
    ("T.Ư" glued to its next letter is an abbreviation inside the name, not initials)."""
    k = i
    for _ in range(MAX_INITIALS):
        w = view.words[k] if k < view.n else ""
        if not (len(w) == 1 and w.isupper() and view.glued[k] and view.words[k + 1] == "."):
            break
        dot = k + 1
        if not view.glued[dot]:
            return view.is_capword(view.next(dot + 1))
        k = dot + 1
    return False


def _foreign(view: DocView, i: int) -> bool:
    return _transliterated(view, i) or not is_vn_syllable(view.words[i])


def continue_name(
    ctx: _Context,
    j: int,
    company: bool,
    posted: bool = False,
    place_name: bool = False,
    body: bool = False,
) -> tuple[int, bool]:
    """End of an organisation name whose words start at j, and whether it has any content.

    The name runs over capitalised words ("Hưng Thịnh"), listed capitalised words with their
    lowercase syllable ("Chính phủ", "Dự phòng"), listed lowercase words ("thế giới", "cộng sản"),
    nested heads and titles ("Trường Đại học", "Văn phòng Chủ tịch nước"), eponyms ("Hồ Chí Minh"),
    and "và"/dash joins; it ends with a country, a region, a place or a known organisation, and
    stops before a person's name, a transliterated name, a function word or punctuation.

    company (bool): Latin-script words may continue the name ("Công ty Beijing Institute ...").
    posted (bool): "tại <country|place>" after the country continues it ("Đại sứ quán ... tại Cuba").
    place_name (bool): a place alone may be the name ("Đại học Tokyo").
    body (bool): the head names a body by itself ("Hạ viện", "Quốc hội"): only a country, place,
        known name or listed word continues it, never a capitalised word of unknown kind (after a
        title that is the person: "Chủ tịch Hạ viện Mike Johnson").
    """
    view = ctx.view
    n = view.n
    last_good = j
    content = False
    start = j
    while j < n:
        if j > start and view.starts_sentence(j):
            break
        w = view.words[j]
        country = ctx.country_at.get(j)
        if country is not None:
            j = last_good = country.end
            content = True
            nxt = view.next(j)
            if nxt < n and view.words[nxt] in DASHES and ctx.country_at.get(view.next(nxt + 1)):
                j = view.next(nxt + 1)
                continue
            if posted and nxt < n and view.norms[nxt] == "tại":
                k = view.next(nxt + 1)
                target = ctx.country_at.get(k) or ctx.place_at.get(k)
                if target is not None:
                    last_good = target.end
            if company and nxt < n and view.is_capword(nxt) and _foreign(view, nxt):
                j = nxt
                continue
            break
        place = ctx.place_at.get(j)
        if (
            place is not None
            and company
            and view.is_capword(place.end)
            and _foreign(view, place.end)
        ):
            place = None  # "Công ty Beijing Institute of ..."
        if place is not None:
            if not content and place.rule != "region" and not place_name:
                break
            j = last_good = place.end
            content = True
            break
        if view.is_capword(j):
            org = view.longest_at("ORG", j)
            if org is not None:  # a known name ends the name: "Tập đoàn Apple" (+ "Tim Cook")
                j = last_good = org[0]
                content = True
                nxt = view.next(j)
                c = ctx.country_at.get(nxt)
                if c is not None and not view.is_capword(view.next(c.end)):
                    last_good = c.end
                break
            title = view.longest_at("TITLE", j)
            longer_head = ctx.head_at(j)
            if title is not None and longer_head is not None and longer_head[0] > title[0]:
                title = None  # "Văn phòng Đại sứ quán ...": the head "Đại sứ quán", not "Đại sứ"
            if title is not None and not any(e.payload == "honorific" for e in title[1]):
                j = last_good = title[0]
                content = True
                continue
            eponym = view.longest_at("EPONYM", j)
            if eponym is not None:
                j = last_good = eponym[0]
                content = True
                continue
            if ctx.person_start(j):
                break
            inner_head = ctx.head_at(j)
            if (
                inner_head is not None
                and "name" in inner_head[1]
                and not ctx.starts_title(j, inner_head[0])
            ):
                j = inner_head[0]  # "Trường Đại học ...", "Đảng Phong trào ..."
                if content:
                    last_good = j
                continue
            if _code_name(view, j):
                j = last_good = j + 3  # "Covid-19", "SARS-CoV-2" inside a name
                content = True
                continue
            if content and _initials(view, j):
                break  # "Hội đồng Kinh tế quốc gia J.D. Smith": the person's initials
            if content and not company and _foreign(view, j) and not (len(w) == 1 and w.isupper()):
                break
            if _transliterated(view, j) and content:
                break
            word = view.longest_at("ORGWORD", j)
            if body and (word is None or not view.cap[j]):
                break
            if word is not None and view.cap[j]:
                j = last_good = word[0]
            elif (
                view.is_lowerword(j + 1)
                and not view.glued[j]
                and view.norms[j + 1] not in ctx.lex.words("function")
                and len(w) > 1
                and is_vn_syllable(w)
                and not view.is_capword(view.prev(j))
                and not view.longest_at("INNER", j + 1)
            ):
                # a capitalised syllable that starts a word ("Chính trị quốc gia Sự thật", "Ban Cơ
                # yếu", "Thành ủy"), not one inside a proper name ("Hưng Thịnh" + "tặng")
                j = last_good = j + 2
            else:
                j = last_good = j + 1
            content = True
            continue
        if view.is_lowerword(j):
            trig = view.longest_at("PTRIG", j)
            if trig is not None and content and view.next(trig[0]) in ctx.place_at:
                j = last_good = ctx.place_at[
                    view.next(trig[0])
                ].end  # "Ủy ban Nhân dân tỉnh Quảng Ninh"
                break
            word_end = _word_through(view, j)
            if word_end is not None and content:
                j = last_good = word_end
                continue
            inner = view.longest_at("INNER", j)
            if inner is not None and (content or j == start):
                j = last_good = inner[0]
                continue
            if (
                company
                and content
                and view.norms[j] in ctx.lex.words("english_particle")
                and view.is_capword(j + 1)
            ):
                j += 1
                continue
            if view.norms[j] == "về" and content and not body:
                k = view.next(j + 1)  # "Viện Nghiên cứu về Biển và Hải đảo ..."
                if (
                    view.is_capword(k)
                    and ctx.head_at(k) is None
                    and not view.matches_at("TITLE", k)
                    and not ctx.person_start(k)
                    and k not in ctx.country_at
                    and k not in ctx.place_at
                ):
                    j = k
                    continue
            if view.norms[j] == "và" and content:
                k = view.next(j + 1)
                if (
                    view.is_capword(k)
                    and ctx.head_at(k) is None
                    and not view.matches_at("TITLE", k)
                    and not ctx.person_start(k)
                    and k not in ctx.country_at
                ):
                    j = k
                    continue
            break
        if (
            w in DASHES
            and content
            and view.glued[j - 1]
            and view.glued[j]
            and j + 1 < n
            and view.words[j + 1].isdigit()
        ):
            j = last_good = j + 2  # "Ủy ban Ứng phó Covid-19"
            continue
        if w in DASHES and content:
            k = view.next(j + 1)
            if (
                view.is_capword(k)
                and not ctx.person_start(k)
                and ctx.head_at(k) is None
                and not _acronym_like(view.words[k])
            ):
                j = k
                continue
            break
        if w.isdigit() and content and view.is_capword(view.next(j + 1)) and not view.glued[j]:
            j = view.next(j + 1)  # "Bộ Tư lệnh Vùng 1 Hải quân"
            continue
        if w == "&" and content and view.is_capword(view.next(j + 1)):
            j = view.next(j + 1)
            continue
        if (
            w == "."
            and view.glued[j - 1]
            and len(view.words[j - 1]) == 1
            and view.is_capword(j + 1)
            and view.glued[j]
        ):
            j += 1  # "T.Ư"
            continue
        if company and content and w in {".", ","}:
            k = view.next(j + 1)
            if w == "." and view.norms[j - 1] in ctx.lex.words("corp_suffix") and view.glued[j - 1]:
                j = last_good = j + 1  # "Co."
                continue
            if k < n and view.norms[k] in ctx.lex.words("corp_suffix"):
                j = k  # ", Ltd"
                continue
        break
    return last_good, content


def _word_through(view: DocView, j: int) -> int | None:
    """End of a listed word that started on the previous token ("Y dược" + "phẩm" = "dược phẩm")."""
    p = j - 1
    if p < 0 or view.space[p]:
        return None
    best = None
    for layer in ("ORGWORD", "INNER", "FIELD"):
        for end, _ in view.matches_at(layer, p):
            if end > j and (best is None or end > best):
                best = end
    return best


def _head_orgs(ctx: _Context) -> list[Ent]:
    """ "Bộ Y tế Cuba", "Tập đoàn Hưng Thịnh", "Đại sứ quán Việt Nam tại Cuba"."""
    view = ctx.view
    out: list[Ent] = []
    for h in sorted(view.starts.get("HEAD", {})):
        found = ctx.head_at(h)
        if found is None:
            continue
        end, flags = found
        if "name" not in flags or ctx.starts_title(h, end):
            continue
        if not view.cap[h] or ctx.in_place[h]:
            continue  # "xã Trường Hà", "Trường Sa": a place, not a school
        if view.words[h].isupper() and len(view.words[h]) >= 2 and _in_caps_headline(view, h, end):
            continue  # "ĐỐI THOẠI QUỐC PHÒNG VIỆT-MỸ": words of a headline, not a name
        j = view.next(end)
        stop, content = None, False
        if "field" in flags:
            field = view.longest_at("FIELD", j)
            if field is not None and view.cap[j]:
                stop, content = _field_list(ctx, field[0]), True
                c = ctx.country_at.get(view.next(stop))
                if c is not None:
                    stop = c.end
        if stop is None:
            if j >= view.n or view.starts_sentence(j):
                continue
            nxt = ctx.head_at(j)
            if nxt is not None and ("event" in nxt[1] or nxt[1] == {"acronym"}):
                continue  # "Tổ chức Lễ kỷ niệm ...": a verb before an event, not an organisation
            # any body but a ministry may be posted: "Trung tâm Văn hóa Pháp tại Hà Nội"
            stop, content = continue_name(
                ctx, j, "company" in flags, True, "place" in flags, "body" in flags
            )
            if view.is_lowerword(j) and "body" not in flags:
                low = _lowercase_name(ctx, j, not view.starts_sentence(h))
                if low is not None and low > stop:
                    stop, content = low, True
        elif "posted" in flags:
            stop2, _ = continue_name(ctx, j, False, True)
            stop = max(stop, stop2)
        if not content or stop <= j:
            continue
        if _generic_name(ctx, j, stop):
            continue  # "Ủy ban Chỉ đạo", "Nhóm Công tác": a body named only by its function
        out.append(Ent(h, stop, "ORG", " ".join(view.text(h, stop).split()), rule="head"))
    return out


MAX_FIELD_LIST = 5  # fields joined in one ministry's name
MAX_LOWER_NAME = 6  # lowercase syllables of a name after its head ("Quỹ đầu tư trực tiếp Nga")


def _field_list(ctx: _Context, stop: int) -> int:
    """End of the fields of one ministry: "Thương mại, Công nghiệp và Năng lượng" (a list of
    three or more ends with "và"); "Bộ Quốc phòng, Công an" without "và" is two ministries.
    The field after "và" may be lowercase ("Lao động và phúc lợi xã hội"), and a field may
    follow another with no separator ("Ngoại giao và Kinh tế Đối ngoại")."""
    view = ctx.view
    stop = _glued_fields(ctx, stop)
    first = stop
    comma = False
    for _ in range(MAX_FIELD_LIST):
        sep = view.next(stop)
        if sep >= view.n or view.norms[sep] not in {",", "và"}:
            break
        k = view.next(sep + 1)
        more = view.longest_at("FIELD", k)
        if more is None or k in ctx.country_at:
            break
        if not view.cap[k] and view.norms[sep] != "và":
            break
        stop = _glued_fields(ctx, more[0])
        if view.norms[sep] == "và" or "và" in view.norms[k:stop]:
            return stop  # ("Tài chính, Kế hoạch và Đầu tư": the "và" inside the last field)
        comma = True
    return first if comma else stop


def _lowercase_name(ctx: _Context, j: int, scoped: bool) -> int | None:
    """A name of lowercase words after its head, closed by a country ("Quỹ đầu tư trực tiếp
    Nga", "Quỹ phát triển quốc tế Hàn Quốc") or, when `scoped`, by "trung ương" / "quốc gia"
    before a function word or punctuation ("Ủy ban khắc phục sự cố trung ương thuộc ...")."""
    view = ctx.view
    scopes = ctx.lex.words("org_scope")
    function = ctx.lex.words("function")
    k = j
    for _ in range(MAX_LOWER_NAME):
        if not view.is_lowerword(k) or view.norms[k] in function:
            return None
        k = view.next(k + 1)
        c = ctx.country_at.get(k)
        if c is not None:
            # "ủy ban hỗn hợp Việt Nam - Ấn Độ": generic words alone describe, they name nothing
            return None if _generic_name(ctx, j, k) else c.end
        if scoped and k > j + 1 and " ".join(view.norms[k - 2 : k]) in scopes:
            nxt = view.next(k)
            if nxt >= view.n or not view.is_word(nxt) or view.norms[nxt] in function:
                return k
    return None


def _glued_fields(ctx: _Context, stop: int) -> int:
    """ "Kinh tế Đối ngoại": capitalised fields one after another are one field."""
    view = ctx.view
    for _ in range(MAX_FIELD_LIST):
        k = view.next(stop)
        more = view.longest_at("FIELD", k) if view.is_capword(k) else None
        if more is None or k in ctx.country_at or k in ctx.place_at:
            break
        stop = more[0]
    return stop


def _generic_name(ctx: _Context, start: int, stop: int) -> bool:
    """The words of a name are only generic function words ("Chỉ đạo", "Công tác chung")."""
    view = ctx.view
    generic = ctx.lex.words("generic_body")
    norms = [view.norms[k] for k in range(start, stop) if view.alpha[k]]
    if not norms:
        return False
    at = 0
    while at < len(norms):
        for size in (3, 2, 1):
            if " ".join(norms[at : at + size]) in generic:
                at += size
                break
        else:
            return False
    return True


def _acronym_definitions(ctx: _Context):
    """ "<long form> (<ACRONYM>)": yields (long form ent | None, acronym ent | None, acronym key)."""
    view = ctx.view
    words = view.words
    n = view.n
    for i, w in enumerate(words):
        if w != "(":
            continue
        close = i + 1
        while (
            close < n and close - i <= 5 and words[close] != ")" and not view.starts_sentence(close)
        ):
            close += 1
        if close >= n or words[close] != ")" or close == i + 1:
            continue
        first = view.next(i + 1)
        if not _acronym_like(words[first]):
            continue
        inner = [k for k in range(first, close) if not view.space[k]]
        if not all(
            view.is_capword(k) or words[k].isdigit() or _acronym_like(words[k]) for k in inner
        ):
            continue
        if any(c.end > inner[-1] for c in ctx.countries_from(first, first + 1)):
            continue
        acr_key = tuple(view.norms[k] for k in range(first, inner[-1] + 1))
        long_end = view.prev(i) + 1
        head = _nearest_head(ctx, long_end)
        if head is None:
            continue
        if not _valid_long(view, head, long_end):
            continue
        long_text = " ".join(view.text(head, long_end).split())
        long_ent = Ent(head, long_end, "ORG", long_text, rule="long")
        acr_ent = Ent(first, inner[-1] + 1, "ORG", long_text, rule="acronym")
        yield long_ent, acr_ent, acr_key


def _acronym_like(word: str) -> bool:
    if len(word) < 2 or not word[0].isalpha() or not word[0].isupper():
        return False
    return word.isupper() or any(c.isupper() for c in word[1:])


def _nearest_head(ctx: _Context, end: int) -> int | None:
    view = ctx.view
    k = view.prev(end)
    limit = max(0, end - 18)
    while k >= limit:
        w = view.words[k]
        if w in STOP_PUNCT or w in {".", ";"}:
            return None
        found = ctx.head_at(k)
        if found is not None and "document" in found[1]:
            return None  # "Bộ Quy tắc ứng xử ... (COC)": a document, not a body
        if (
            found is not None
            and view.cap[k]
            and not ctx.starts_title(k, found[0])
            and found[1] != {"trigger"}
        ):
            # "Đảng Phong trào giải phóng Mozambique": a head right before a head joins it
            p = view.prev(k)
            while p >= 0:
                before = view.match_ending_at("HEAD", p + 1)
                if before is None or not view.cap[before]:
                    break
                k, p = before, view.prev(before)
            return k
        if view.starts_sentence(k):
            return None
        k -= 1
    return None


def _valid_long(view: DocView, head: int, end: int) -> bool:
    found = view.longest_at("HEAD", head)
    head_end = found[0] if found else head + 1
    has_cap = False
    for k in range(head_end, end):
        if view.words[k] in STOP_PUNCT:
            return False
        if view.is_capword(k):
            has_cap = True
    return has_cap


def _gazetteer_orgs(ctx: _Context) -> list[Ent]:
    view = ctx.view
    out: list[Ent] = []
    for start, found in view.starts.get("ORG", {}).items():
        end, entries = found[0]
        entry = entries[0]
        if "company" in entry.flags and not _company_context(ctx, start):
            continue
        if all(entry.upmask) and _in_caps_headline(view, start, end):
            continue
        end = _latin_tail(ctx, end)
        text = " ".join(view.text(start, end).split())
        out.append(Ent(start, end, "ORG", text, country=entry.extra or None, rule="gazetteer"))
    return out


MAX_LATIN_TAIL = 3  # Latin words after a known name: "Kyodo News", "Pfizer-BioNTech"


def _latin_tail(ctx: _Context, end: int) -> int:
    """A known name goes on over a glued "-<Name>" ("Pfizer-BioNTech") and over Latin-script
    words of corporate or media names ("Kyodo News", "Sinopharm Group")."""
    view = ctx.view
    suffixes = ctx.lex.words("latin_org_suffix")
    for _ in range(MAX_LATIN_TAIL):
        if (
            end + 1 < view.n
            and view.words[end] in DASHES
            and view.glued[end - 1]
            and view.glued[end]
            and view.is_capword(end + 1)
            and (view.matches_at("ORG", end + 1) or not is_vn_syllable(view.words[end + 1]))
            and not view.words[end - 1].isupper()
            and not view.words[end + 1].isupper()
        ):  # (acronyms joined by a dash are two bodies: "ASEAN-EU")
            end = view.next(end + 1) + 1
            continue
        k = view.next(end)
        if (
            k < view.n
            and not view.glued[end - 1]
            and view.is_capword(k)
            and view.norms[k] in suffixes
        ):
            end = k + 1
            continue
        break
    return end


def _in_caps_headline(view: DocView, start: int, end: int) -> bool:
    """An acronym inside an all-capitals headline ("VIỆT NAM - CUBA") is a word, not an acronym."""
    p, q = view.prev(start), view.next(end)

    def upper_word(k: int) -> bool:
        return (
            0 <= k < view.n
            and view.alpha[k]
            and len(view.words[k]) >= 2
            and view.words[k].isupper()
        )

    return upper_word(p) or upper_word(q)


def _company_context(ctx: _Context, start: int) -> bool:
    """ "hãng AstraZeneca", "công ty dược phẩm Sinovac", "của Pfizer": the maker, not the vaccine."""
    view = ctx.view
    k = view.prev(start)
    if k >= 0 and view.norms[k] in ctx.lex.words("company_before"):
        return True
    steps = 0
    while k >= 0 and steps < 4:
        trig = view.match_ending_at("HEAD", k + 1)
        if trig is not None and any(
            "trigger" in e.flags or "company" in e.flags
            for _, entries in view.matches_at("HEAD", trig)
            for e in entries
        ):
            return True
        if not view.is_lowerword(k) or view.norms[k] in ctx.lex.words("function"):
            return False
        k = view.prev(k)
        steps += 1
    return False


def _brand_orgs(ctx: _Context) -> list[Ent]:
    """ "liên doanh viễn thông Movitel", "báo Khmer Times": a name after a lowercase company word."""
    view = ctx.view
    out: list[Ent] = []
    for t, found in view.starts.get("HEAD", {}).items():
        end, entries = found[0]
        if not any("trigger" in e.flags for e in entries) or (
            view.cap[t] and not view.starts_sentence(t)
        ):
            continue
        j = view.next(end)
        skipped = 0
        while (
            view.is_lowerword(j) and skipped < 3 and view.norms[j] not in ctx.lex.words("function")
        ):
            j = view.next(j + 1)
            skipped += 1
        if not view.is_capword(j) or view.starts_sentence(j):
            continue
        place = ctx.place_at.get(j)
        if place is not None and not view.is_capword(place.end):
            continue  # "báo Phnom Penh Post" is a paper, "báo Hà Nội" stays a place
        if j in ctx.country_at or view.matches_at("ORG", j):
            continue
        if view.matches_at("TITLE", j) or ctx.head_at(j) is not None or ctx.person_start(j):
            continue
        stop = j
        while (
            stop < view.n
            and stop - j <= _MAX_BRAND_TOKENS
            and (
                view.is_capword(stop)
                or (
                    view.words[stop] in DASHES
                    and view.glued[stop - 1]
                    and view.glued[stop]
                    and view.is_word(stop + 1)
                )
            )
        ):
            if stop > j and (
                stop in ctx.country_at
                or view.matches_at("TITLE", stop)
                or view.starts_sentence(stop)
            ):
                break
            stop += 2 if view.words[stop] in DASHES else 1
        if stop - j > _MAX_BRAND_TOKENS or all(
            is_vn_syllable(view.words[k]) for k in range(j, stop) if view.alpha[k]
        ):
            continue  # "báo Lao động": a Vietnamese name we cannot delimit
        out.append(Ent(j, stop, "ORG", view.text(j, stop), rule="brand"))
    return out


MAX_MEDIA_WORDS = 3  # "hãng thông tấn", "trang tin": the apposed media noun
MAX_APPOSED_NAME = 4  # capitalised words of the outlet's name before it


def _apposed_media(ctx: _Context) -> list[Ent]:
    """ "Fresh News, trang tin thân Chính phủ, loan tin", "Kyodo, hãng tin của Nhật Bản": a
    capitalised name right before ", <media noun>" is the outlet."""
    view = ctx.view
    media = ctx.lex.words("media_noun")
    firsts = {m.split()[0] for m in media}
    out: list[Ent] = []
    for comma in _positions(view.words, ","):
        k = view.next(comma + 1)
        if k >= view.n or view.norms[k] not in firsts:
            continue
        if not any(
            " ".join(view.norms[k : k + size]) in media and view.is_lowerword(k)
            for size in range(1, MAX_MEDIA_WORDS + 1)
        ):
            continue
        end = view.prev(comma) + 1
        start = end
        while start - 1 >= 0 and view.is_capword(start - 1) and end - start < MAX_APPOSED_NAME:
            start -= 1
        if start >= end or end - start >= MAX_APPOSED_NAME:
            continue
        before = view.prev(start)
        if before >= 0 and (view.is_capword(before) or view.words[before] == "."):
            continue
        if (
            not view.starts_sentence(start)
            and before >= 0
            and view.words[before] != ","
            and view.norms[before] not in ctx.lex.words("function")
        ):
            continue  # "ông X, trang tin ...": a person's name, not an outlet
        if any(k in ctx.country_at or ctx.in_place[k] for k in range(start, end)):
            continue
        if view.matches_at("TITLE", start) or ctx.head_at(start) or ctx.person_start(start):
            continue
        out.append(Ent(start, end, "ORG", view.text(start, end), rule="apposed"))
    return out


def _positions(words: list[str], word: str) -> Iterator[int]:
    """Indexes of `word` in `words` (found by list.index, not a Python loop over every token)."""
    at = -1
    while True:
        try:
            at = words.index(word, at + 1)
        except ValueError:
            return
        yield at


def _resolve(view: DocView, candidates: list[tuple[int, Ent]]) -> list[Ent]:
    """Longest first, no overlaps between organisations (a nested "Liên hợp quốc" is dropped)."""
    ordered = sorted(candidates, key=lambda pc: (-(pc[1].end - pc[1].start), pc[0], pc[1].start))
    used = [False] * view.n
    chosen: list[Ent] = []
    for _, ent in ordered:
        if any(used[ent.start : ent.end]):
            continue
        for k in range(ent.start, ent.end):
            used[k] = True
        chosen.append(ent)
    return chosen


def _acronym_mentions(view: DocView, definitions: dict[tuple[str, ...], str]) -> list[Ent]:
    """Other uses of an acronym defined in the article resolve to its long form."""
    if not definitions:
        return []
    used = [False] * view.n
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in definitions:
        by_first.setdefault(key[0], []).append(key)
    out: list[Ent] = []
    norms = view.norms
    for i, norm in enumerate(norms):
        for key in by_first.get(norm, ()):
            end = i + len(key)
            if tuple(norms[i:end]) == key and not any(used[i:end]) and view.words[i][:1].isupper():
                out.append(Ent(i, end, "ORG", definitions[key], rule="acronym"))
                for k in range(i, end):
                    used[k] = True
    return out
