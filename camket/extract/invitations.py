"""invitation commitments: who invites whom to what, and whether it was answered.

The predicates come from the frame layer (`camket.extract.frames`, classes invite,
invited, accept, decline, convey of data/frames.tsv): a sentence is read when one of its
predicates names the invitation ("mời", "lời mời", "thư mời"; "từ chối bình luận" is
none), and each reading below starts at its predicate.

Readings, each a Vietnamese construction around "mời" (invite):
- "X mời Y <event>", "X gửi lời mời Y ...": inviter before (the last person before the
  verb), invitee after;
- convey: "chuyển lời mời / nhắc lại lời mời / chuyển thư (...) của X tới/mời Y": X's
  invitation, conveyed by someone else; "chuyển lời mời Y thăm ...": the invitee right
  after the frame, the owner the speaker's country;
- answer: "Y nhận lời / từ chối lời mời (thăm ...) của X", "nhận lời mời của X(, X2...),
  Y sẽ thăm ...": accepted / declined by Y; a later "khẳng định Y sẽ thăm" accepts;
- "Y thăm ... theo lời mời của X": accepted (the visit happens).
Parties: a role mention ("Thủ tướng Ý", "Tổng thống và Phó Tổng thống Mỹ", a bare "Chủ
tịch") is the person holding it anywhere in the article (`camket.extract.people`), one
row per office; "nước này"/"phía bạn" and "tôi ... mời Ngài" resolve to the nearest fitting
antecedent. Ceremonial "mời" (mời ... phát biểu / bước lên / ngồi), addresses to readers,
"khách mời" and negated invitations are not invitations. The event is what is invited to:
its date, "tại <place>" and a reporting clause are left out; of visits listed in one
predicate each inviter gets the one to its country. The cue lists are data:
`camket/extract/data/invitations.tsv` (the words around the predicates) and frames.tsv.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from camket.extract.actors import (
    HOME,
    Actor,
    actors_in,
    doc_text,
    entity_spans_within,
    people_in,
    span_text,
)
from camket.extract.frames import INVITATION_CLASSES, Frame, doc_frames, invitation_predicates
from camket.extract.people import bare_role_at, cues, holder, holds, roles_before
from camket.extract.vocab import alternation

log = logging.getLogger(__name__)


def invitation_cues() -> dict[str, list[str]]:
    """kind -> phrases: the cues of invitations.tsv and the invitation predicates of the
    frame layer (frames.tsv: accept, decline, convey, receive, send, by)."""
    return {**cues(), **invitation_predicates()}


_CUES = invitation_cues()
_W = r"(?<!\w)(?:{})(?!\w)"
# a sentence at a ceremony or addressing readers ("mời X phát biểu", "mời quý độc giả"):
# its "mời" are no invitations
_NOT_INVITATION = re.compile(
    r"mời\s+(?:quý\s+)?(?:"
    + alternation(_CUES["reader"])
    + r")\b|mời\s+(?:\S+\s+){0,6}?"
    + _W.format(alternation(_CUES["ceremonial"])),
    re.I,
)
# a word holding "mời" that is no invitation ("khách mời") or a denied one ("không mời"):
# only that "mời" is none ("khước từ lời mời của X, sau khi Y không mời Z": X's stands)
_NOT_HERE = re.compile(
    _W.format(alternation(_CUES["not"] + _CUES["negation"]))
    # "hỏi liệu ông có mời X hay không": a question, no invitation
    + r"|"
    + _W.format(alternation(_CUES["question"]))
    + r"[^.?!;:“”\"]{0,60}?\bmời\b"
    r"[^.?!;:“”\"]{0,80}?\bhay\s+(?:không|chưa)\b",
    re.I,
)
_ACCEPT = re.compile(_W.format(alternation(_CUES["accept"])), re.I)
_DECLINE = re.compile(_W.format(alternation(_CUES["decline"])), re.I)
_EVENT_VERB = re.compile(r"(?<!\w)(?:" + alternation(_CUES["event_verb"]) + r")(?!\w)", re.I)
# "khẳng định <invitee> sẽ (sang) thăm ...": the answer, in a later sentence
_CONFIRM = re.compile(
    _W.format(alternation(_CUES["confirm"]))
    + r"\s+(?:\S+\s+){0,6}?sẽ\s+(?:(?:sang|đến|tới)\s+)?"
    + _EVENT_VERB.pattern,
    re.I,
)
_CONVEY = re.compile(_W.format(alternation(_CUES["convey"])), re.I)
# "..., và cả hai đã xác nhận tham dự": the invitees confirmed in the sentence itself
_CONFIRMED = re.compile(
    r"\bđã\s+" + _W.format(alternation(_CUES["confirm"])) + r"\s+(?:sẽ\s+)?" + _EVENT_VERB.pattern,
    re.I,
)
# "Y nhận lời mời (thăm ...) của X", "Y từ chối lời mời của X"
_ANSWER_FRAME = re.compile(
    r"(?<!\w)(?:" + alternation(_CUES["accept"] + _CUES["decline"] + _CUES["receive"]) + r")"
    r"(?:\s+lời mời)?((?:\s+\S+){0,8}?)\s+của\s",
    re.I,
)
_RECEIVE = re.compile(r"(?:" + alternation(_CUES["receive"]) + r")(?!\w)", re.I)
_SPEAKER = re.compile(
    _W.format(alternation(_CUES["speaker"])) + r"(?:\s+(?:xin|cũng|đã|sẽ|trân trọng))*\s*$", re.I
)
_ADDRESSEE = re.compile(r"\s+(?:" + alternation(_CUES["addressee"]) + r")(?=\s)")
_SPEECH = re.compile(
    r"\s*(?:(?:đã|cũng|vừa)\s+)*(?:" + alternation(_CUES["speech_verb"]) + r")(?!\w)", re.I
)
_ANAPHOR = re.compile(_W.format(alternation(_CUES["country_anaphor"])), re.I)
ANTECEDENT_CHARS = 3000  # how far back a country named by reference is looked for
# "lời mời của ông": the owner is a pronoun, the one the sentence is about
_OWN = re.compile(r"(?:" + alternation(_CUES["owner_pronoun"]) + r")(?!\w)")
_BY_INVITATION = re.compile(r"(?:" + alternation(_CUES["by"]) + r")(?:\s+\S+){0,6}?\s+của\s", re.I)
_OF = re.compile(r"\bcủa\s", re.I)
_TO = re.compile(r"\b(?:tới|đến|cho|mời)\s", re.I)
_VISIT = re.compile(r"\b(?:thăm|sang thăm|đến thăm|tới thăm)\b", re.I)
# "tại (thành phố) X": a word for the kind of place may stand between (place_noun cues)
_PLACE_NOUN = r"(?:(?:" + alternation(_CUES["place_noun"]) + r")\s+)?"
_TOWARDS = re.compile(r"\b(?:tại|tới|sang|đến)\s+" + _PLACE_NOUN + "$", re.I)
_SENTENCE_STOP = r"[.;]\s|\.$|\n|"
# an event_end cue, or a comma before a clause_end cue
_CUE_STOP = (
    _W.format(alternation(_CUES["event_end"]))
    + r"|,\s+(?:"
    + alternation(_CUES["clause_end"])
    + r")(?!\w)"
)
_EVENT_END = re.compile(_SENTENCE_STOP + r"\s\(\d|" + _CUE_STOP, re.I)
# where the clause that states the event's date and place stops: not at a bracket, which may
# hold the date ("Lễ kỷ niệm 80 năm Quốc khánh (2/9/1945-2/9/2025)")
_FIELDS_END = re.compile(_SENTENCE_STOP + _CUE_STOP, re.I)
_REPORT = re.compile(r",[^,]*" + _W.format(alternation(_CUES["report"])), re.I)


@dataclass
class Invitation:
    inviter_country: str
    inviter_person: str | None
    invitee_country: str
    invitee_person: str | None
    event: str | None
    when: str | None
    location: str | None
    status: str
    sentence: Span
    inviter_role: str | None = None  # the title of an inviter named by role only


def _people_or_countries(actors: list[Actor]) -> list[Actor]:
    """Parties that can invite or be invited: people and countries (and state bodies)."""
    return [a for a in actors if a.country is not None]


def _party(actor: Actor) -> tuple[str | None, str | None]:
    person = actor.name if actor.kind == "PERSON" else None
    return actor.country, person


# a later sentence inviting anew: the verb "mời", or an invitation sent or passed on ("chuyển
# lời cảm ơn" passes on thanks);
# "lời mời" otherwise ("từ chối lời mời", "đánh giá cao lời mời") is the one already told
_NEW_INVITATION = re.compile(
    r"(?<!\w)(?<!lời )(?<!nhận )mời(?!\w)|(?<!\w)(?:"
    + alternation([c for c in _CUES["convey"] if "mời" in c] + _CUES["send"])
    + r")(?!\w)",
    re.I,
)


def _status(text: str) -> str:
    """accepted / declined when this sentence reports the answer."""
    if _DECLINE.search(text):
        return "declined"
    if _ACCEPT.search(text) or _BY_INVITATION.search(text) or _CONFIRMED.search(text):
        return "accepted"
    return "extended"


# "<invitee> ... sẽ (không) tham dự": the invitee's answer, when a later sentence names them
_WILL_ATTEND = re.compile(
    r"(?<!\w)sẽ\s+(không\s+)?(?:(?:sang|đến|tới)\s+)?" + _EVENT_VERB.pattern, re.I
)


def _named_in(text: str, person: str | None) -> bool:
    """`person` is named in `text` (by the last word of the name: "ông Boric")."""
    last = person.split()[-1] if person else ""
    return bool(last) and re.search(r"(?<!\w)" + re.escape(last) + r"(?!\w)", text) is not None


def _later_status(invitee: Actor, invitees: list[Actor], following: list[str]) -> str:
    """The answer in the next sentences: one that names another of the invitees and not this
    one is theirs; one that names this invitee and says it will attend accepts."""
    mine = invitee.name if invitee.kind == "PERSON" else None
    others = [a.name for a in invitees if a.kind == "PERSON" and a.name != mine]
    for later in following:
        if _NEW_INVITATION.search(later):
            break
        if not _named_in(later, mine) and any(_named_in(later, o) for o in others):
            continue  # "Phía Campuchia xác nhận Thủ tướng Hun Manet sẽ dự": Hun Manet's answer
        status = _status(later)
        if status == "extended" and _CONFIRM.search(later):
            status = "accepted"
        if status == "extended" and _named_in(later, mine):
            will = _WILL_ATTEND.search(later)
            status = ("declined" if will.group(1) else "accepted") if will else status
        if status != "extended":
            return status
    return "extended"


_EVENT_LEAD = re.compile(r"^(?:" + alternation(_CUES["event_lead"]) + r")(?!\w)", re.I)
_AT_PLACE = re.compile(r"\s+tại\s+" + _PLACE_NOUN + "$", re.I)


def _event(doc: Doc, start: int, end: int) -> str | None:
    """What the invitee is invited to: the date and the "tại <place>" after it are fields of
    their own, and a clause opening the predicate ("sẽ dẫn đầu đoàn ...") is left out."""
    for s in entity_spans_within(doc, start, end):
        lead = max(start, s.start_char - 24)
        at = _AT_PLACE.search(doc_text(doc)[lead : s.start_char])
        if s.label_ == "DATE" or (s.label_ in ("LOC", "COUNTRY") and at):
            end = lead + at.start() if s.label_ != "DATE" else s.start_char
            break
    text = doc_text(doc)[start:end].strip(" ,:")
    if _EVENT_LEAD.match(text) or bare_role_at(text, 0):
        verb = _EVENT_VERB.search(text)
        if verb:
            text = text[verb.start() :]
    cut = _EVENT_END.search(text)
    if cut:
        text = text[: cut.start()]
    report = _REPORT.search(text)
    if report:  # "..., truyền thông nước này đưa tin": the report is no part of the event
        text = text[: report.start()]
    text = _EVENT_TAIL.sub("", text.strip(_EVENT_STRIP))
    return text.strip(_EVENT_STRIP) or None


_EVENT_STRIP = " ,.(“”\"'"
_EVENT_TAIL = re.compile(r"(?:\s+(?:vào|trong|từ|ngày|tại|và))+$", re.I)


def _event_end(doc: Doc, start: int, end: int) -> int:
    """Where the event read from `start` stops (dates and places are read up to there)."""
    text = doc_text(doc)[start:end]
    cut = _FIELDS_END.search(text)
    stop = cut.start() if cut else len(text)
    report = _REPORT.search(text[:stop])
    return start + (report.start() if report else stop)


def _place_at(doc: Doc, spans: list[Span], k: int) -> str:
    """A place and the more general place after it ("tại Điện X, Washington"): the latter."""
    s = spans[k]
    if s.label_ == "LOC" and not s._.country and k + 1 < len(spans):
        nxt = spans[k + 1]
        if nxt.label_ in ("LOC", "COUNTRY") and re.fullmatch(
            r",\s*", doc_text(doc)[s.end_char : nxt.start_char]
        ):
            return nxt.kb_id_
    return s.kb_id_


def _when_and_where(
    doc: Doc, start: int, end: int, inviter_country: str | None
) -> tuple[str | None, str | None]:
    """The event's date and place: of several destinations, the inviter's own country."""
    when = None
    places: list[tuple[str, str | None]] = []  # (place, its country)
    spans = entity_spans_within(doc, start, end)
    for k, s in enumerate(spans):
        if s.label_ == "DATE" and when is None:
            when = s.kb_id_
        elif s.label_ in ("LOC", "COUNTRY"):
            before = doc_text(doc)[max(start, s.start_char - 40) : s.start_char]
            if _TOWARDS.search(before[-24:]) or _VISIT.search(before):
                place = _place_at(doc, spans, k) if s.label_ == "LOC" else s.kb_id_
                places.append((place, s.kb_id_ if s.label_ == "COUNTRY" else s._.country))
    where = next(
        (p for p, country in places if country == inviter_country),
        places[0][0] if places else None,
    )
    if where is None and _VISIT.search(doc_text(doc)[start:end]):
        where = inviter_country
    return when, where


_EVENT_HEAD = re.compile(r"^(?:(?:sang|tới|đến|tham|dự|tham dự|về)\s+)*", re.I)
_VISIT_EVENT = re.compile(r"^(?:chuyến\s+)?thăm\b", re.I)
SAME_EVENT_SENTENCES = 6  # sentences around an invitation that may date or place its event
SAME_EVENT_BEFORE = 80  # characters before another mention of the event read for its date


def _elsewhere(
    doc: Doc, sentences: list[Span], i: int, inv: Invitation
) -> tuple[str | None, str | None]:
    """The date and place of a named event ("lễ nhậm chức") stated in a nearby sentence."""
    if not inv.event:
        return None, None
    core = _EVENT_HEAD.sub("", inv.event)
    if len(core.split()) < 2 or _VISIT_EVENT.match(core):
        return None, None  # a visit: other sentences may speak of other visits
    key = core.lower()
    when = where = None
    lo, hi = max(0, i - SAME_EVENT_SENTENCES), min(len(sentences), i + SAME_EVENT_SENTENCES + 1)
    for sent in sentences[lo:hi]:
        text = span_text(doc, sent).lower()
        at = text.find(key)
        if at < 0 or sent is inv.sentence:
            continue
        at += sent.start_char
        start = max(sent.start_char, at - SAME_EVENT_BEFORE)
        w, p = _when_and_where(doc, start, min(sent.end_char, at + len(key) + 160), None)
        when, where = when or w, where or p
    if when is None or where is None:
        w, p = _held_after(doc, sentences, i, core)
        when, where = when or w, where or p
    return when, where


_EVENT_NOUN = re.compile(_W.format(alternation(_CUES["event_head"])), re.I)
# a sentence about the event by its head noun: "Hội nghị (dự kiến) sẽ diễn ra tại ..."
_HELD = re.compile(
    r"^\W*(?P<head>"
    + alternation(_CUES["event_head"])
    + r")(?!\w)[^.;]{0,60}?"
    + _W.format(alternation(_CUES["event_held"])),
    re.I,
)
HELD_SENTENCES = 2  # sentences after an invitation read for where and when its event is held


def _held_after(
    doc: Doc, sentences: list[Span], i: int, core: str
) -> tuple[str | None, str | None]:
    """The date and place of the event from a sentence right after the invitation that
    names it by its head noun and says it takes place ("Diễn đàn sẽ diễn ra tại Hà Nội
    ngày ..."): the head must open the event's name."""
    named = _EVENT_NOUN.search(core)
    if named is None:
        return None, None
    name = core[named.start() :].casefold()
    for sent in sentences[i + 1 : i + 1 + HELD_SENTENCES]:
        m = _HELD.match(span_text(doc, sent))
        if m and name.startswith(" ".join(m.group("head").split()).casefold()):
            return _when_and_where(doc, sent.start_char, sent.end_char, None)
    return None, None


def find_invitations(doc: Doc, sentences: list[Span]) -> list[Invitation]:
    """Invitations stated in the article, one per (inviter, invitee) pair."""
    found: list[Invitation] = []
    last_person: Actor | None = None
    recent: list[Actor] = []  # people named in the sentences before, the last ones
    predicates: dict[int, list[Frame]] = {}  # sentence start -> its invitation predicates
    for frame in doc_frames(doc, arguments=False):  # the predicates are what it reads
        if frame.cls in INVITATION_CLASSES:
            predicates.setdefault(frame.sentence.start_char, []).append(frame)
    if not any("invitation" in f.flags for frames in predicates.values() for f in frames):
        return found  # no predicate names an invitation: nothing to read
    for i, sent in enumerate(sentences):
        frames = predicates.get(sent.start_char, [])
        # read where a predicate names the invitation ("mời", "lời mời", "thư mời")
        trigger = _trigger(doc, sent, frames)
        if trigger is None:
            people = [
                a for a in people_in(doc, sent.start_char, sent.end_char) if a.country is not None
            ]
        else:
            actors = _people_or_countries(actors_in(doc, sent.start_char, sent.end_char))
            people = [a for a in actors if a.kind == "PERSON"]
            following = [span_text(doc, s) for s in sentences[i + 1 : i + 1 + ACCEPT_LOOKAHEAD]]
            context = (last_person, recent)
            for inv in _read_sentence(doc, sent, actors, frames, trigger, context, following):
                if inv.when is None or inv.location is None:
                    when, where = _elsewhere(doc, sentences, i, inv)
                    inv.when, inv.location = inv.when or when, inv.location or where
                found.append(inv)
        if people:
            last_person = people[0]
            recent = (recent + people)[-RECENT_PEOPLE:]
    named: dict[tuple, list[Invitation]] = {}
    for inv in found:
        if inv.invitee_person:
            named.setdefault((inv.inviter_country, inv.invitee_country), []).append(inv)
    unique: dict[tuple, list[Invitation]] = {}
    for inv in found:
        pair = named.get((inv.inviter_country, inv.invitee_country), [])
        headline = bool(sentences) and inv.sentence is sentences[0]
        same = next((n for n in pair if headline or _same_event(n.event, inv.event)), None)
        if inv.invitee_person is None and same is not None:
            # "mời lãnh đạo Lào" (a headline, or a later "Lào được Nhật Bản mời"), where the
            # article names the invitee elsewhere: one row, the named one, with its answer
            if same.status == "extended":
                same.status = inv.status
            continue
        key = (inv.inviter_country, inv.invitee_country, inv.invitee_person)
        kept = unique.setdefault(key, [])
        j = next((j for j, k in enumerate(kept) if _same_inviter(doc, k, inv)), None)
        if j is None:
            kept.append(inv)
            continue
        same = kept[j]
        status = same.status if same.status != "extended" else inv.status
        if same.inviter_person is None and inv.inviter_person is not None:
            kept[j] = same = inv  # the mention that names the inviter is the row
        same.status = status  # an answer read at one mention answers them all
    return [inv for kept in unique.values() for inv in kept]


def _trigger(doc: Doc, sent: Span, frames: list[Frame]) -> Frame | None:
    """The sentence's first predicate naming an invitation that is one: not inside "khách
    mời" ("mời X làm khách mời danh dự" is an invitation); None when there is none, or the
    sentence is a courtesy at a ceremony, an address to readers or a denial."""
    naming = [f for f in frames if "invitation" in f.flags]
    if not naming:
        return None
    text = span_text(doc, sent)
    base = sent.start_char
    vetoed = [(base + m.start(), base + m.end()) for m in _NOT_HERE.finditer(text)]
    masked = _NOT_HERE.sub(lambda m: "_" * len(m.group()), text)  # same offsets
    if _NOT_INVITATION.search(masked):  # a courtesy read from "khách mời ..." is none
        return None
    for frame in naming:
        if not any(a <= frame.start < b or frame.start <= a < frame.end for a, b in vetoed):
            return frame
    return None


def _same_event(named: str | None, mention: str | None) -> bool:
    """A mention can be of the named row's event: it names none, or only the event's head
    noun and a pointer ("hội nghị năm nay" for "Hội nghị thượng đỉnh G7"), or its event is
    written within the named one's ("Lễ ký Công ước" is no mention of "Lễ kỷ niệm")."""
    if not named or not mention:
        return True
    named, mention = named.casefold(), mention.casefold()
    if mention in named or named in mention:
        return True
    head = _EVENT_NOUN.search(mention)
    if head is None or head.group(0) not in named:
        return False
    rest = set(_WORDS.findall(_POINTER.sub(" ", mention[head.end() :])))
    return rest <= set(_WORDS.findall(named))  # "G7 mở rộng năm nay" in "... (G7) mở rộng"


_POINTER = re.compile(r"\b(?:năm nay|lần này|này|sắp tới|tới|nói trên|trên|đó)\b")
_WORDS = re.compile(r"\w+")


def _same_inviter(doc: Doc, a: Invitation, b: Invitation) -> bool:
    """Two mentions of one invitation: the same inviter, or one named only by a role the
    other holds (a role the named inviter does not hold is someone else's invitation)."""
    if a.inviter_person and b.inviter_person:
        return a.inviter_person == b.inviter_person
    named, other = (a, b) if a.inviter_person else (b, a)
    if named.inviter_person and other.inviter_role:
        return holds(doc, named.inviter_person, other.inviter_role)
    return True


RECENT_PEOPLE = 8  # people of the sentences before kept as antecedents of pronouns
ACCEPT_LOOKAHEAD = 3  # sentences after an invitation that may report the answer
# The event, its date and its place are read in at most this many characters after the
# invitee (real events are under 300), not in the rest of a sentence of any length.
EVENT_CHARS = 500
_DESTINATION_BEFORE = re.compile(
    r"(?:thăm|tới|đến|tại|sang|thủ đô)\s+(?:chính thức\s+|cấp nhà nước\s+)?$", re.I
)
_LEAD = re.compile(r"^(?:[^,.;]{0,60},\s*)?")


def _bare_subject(doc: Doc, sent: Span, actors: list[Actor]) -> Actor | None:
    """A bare title opening the sentence ("Thủ tướng nhắc lại ..."), as the person holding it."""
    text = span_text(doc, sent)
    lead = _LEAD.match(text)
    for pos in {lead.end() if lead else 0, 0}:
        role = bare_role_at(text, pos)
        if (
            role
            and not _capital_next(text, role.end())
            and not _name_follows(sent.start_char + role.end(), actors)
        ):
            return _bare_holder(
                doc, role.group(0), sent.start_char + pos, sent.start_char + role.end()
            )
    return None


def _capital_next(text: str, pos: int) -> bool:
    """The next word after `pos` is capitalised (a name or a country, not a verb)."""
    rest = text[pos : pos + 20].lstrip()
    return bool(rest) and rest[0].isupper()


def _name_follows(pos: int, actors: list[Actor]) -> bool:
    """An actor stands right after `pos`."""
    return any(0 <= a.start - pos <= 2 for a in actors)


def _bare_holder(doc: Doc, role: str, start: int, end: int) -> Actor:
    """A bare title: the nearest person holding it; else a Vietnamese official (the outlets
    are Vietnamese: "Thủ tướng" alone is Viet Nam's)."""
    person = holder(doc, role, None, start, bare=True)
    if person is None:
        return Actor(start, end, "PERSON", "", HOME)
    return Actor(start, end, "PERSON", person.name, person.country or HOME)


def _subject(
    doc: Doc, sent: Span, actors: list[Actor], before: int, last_person: Actor | None
) -> Actor | None:
    """Who speaks: a bare title opening the sentence ("Thủ tướng ...", as the person holding
    it); else the first person before `before`; else the first country/body (a role before
    it resolved to its holder); else the last person named (for "Ông ... mời")."""
    head = [a for a in actors if a.end <= before]
    people = [a for a in head if a.kind == "PERSON"]
    bare = _bare_subject(doc, sent, actors)
    if bare is not None and bare.end <= before and (not head or head[0].start > bare.end):
        return bare
    if people:
        return people[-1]
    if head:
        return _resolve(doc, head[0])[0]
    anaphor = _ANAPHOR.search(doc_text(doc), sent.start_char, before)
    if anaphor:  # "Nước này cũng mời ...": the country named before
        found = _antecedent(doc, anaphor.start(), None)
        if found is not None:
            return replace(found, start=anaphor.start(), end=anaphor.end())
    if last_person is not None:
        return last_person
    return None


def _antecedent(doc: Doc, pos: int, other: str | None) -> Actor | None:
    """The country "nước này" / "phía bạn" at `pos` refers to: the nearest named before it
    that is not `other` (the other party)."""
    for s in reversed(entity_spans_within(doc, max(0, pos - ANTECEDENT_CHARS), pos, ("COUNTRY",))):
        if s.kb_id_ not in (other, "SUN") and s.end_char <= pos:
            return Actor(s.start_char, s.end_char, "COUNTRY", s.kb_id_, s.kb_id_, s)
    return None


def _invitee_after(
    doc: Doc, actors: list[Actor], pos: int, other: str | None = None
) -> list[Actor]:
    """The invitee(s) right after `pos`: not a destination ("thăm Việt Nam"). A bare title
    there ("mời Tổng Bí thư thăm ...") is the person holding it; "nước bạn" the country
    it refers to (not `other`, the inviter's)."""
    text = doc_text(doc)
    gap = re.match(r"\s*(?:(?:trân trọng|chính thức|cả|cùng)\s+)?", text[pos : pos + 40])
    at = pos + (gap.end() if gap else 0)
    anaphor = _ANAPHOR.match(text, at)
    if anaphor:
        found = _antecedent(doc, at, other)
        return [replace(found, start=at, end=anaphor.end())] if found else []
    role = bare_role_at(text, at)
    if role and _GROUP_AFTER.match(text, role.end()):
        return []  # "mời lãnh đạo các nước láng giềng": a group, no one holder of the title
    if role and not _capital_next(text, role.end()) and not _name_follows(role.end(), actors):
        after = re.match(r"\s*(?:,|và)\s*", text[role.end() : role.end() + 10])
        if not (after and any(a.start >= role.end() and a.start - at < 120 for a in actors)):
            return [_bare_holder(doc, role.group(0), at, role.end())]
    for a in actors:
        if a.start < pos:
            continue
        if _DESTINATION_BEFORE.search(text[max(pos, a.start - 30) : a.start]):
            return []
        if a.start - pos > 80:
            return []
        out = []
        for b in [a, *_coordinated(doc, a, actors)]:
            out += _resolve(doc, b, pos)
        return out
    return []


_GROUP_AFTER = re.compile(r"\s+(?:của\s+)?(?:các|những|nhiều|một số)\s", re.I)


def _resolve(doc: Doc, actor: Actor, since: int = 0) -> list[Actor]:
    """A country named with titles before it ("Tổng thống và Phó Tổng thống Mỹ") stands for
    the people holding them: one actor per title, the person if the article names one.
    `since`: where the titles may start."""
    if actor.kind != "COUNTRY":
        return [actor]
    roles = roles_before(doc_text(doc)[max(since, actor.start - 160) : actor.start])
    if not roles:
        return [actor]
    out = []
    for role in roles:
        person = holder(doc, role, actor.country, actor.start)
        if person is None:
            out.append(Actor(actor.start, actor.end, "COUNTRY", role, actor.country, actor.span))
        else:
            out.append(Actor(actor.start, actor.end, "PERSON", person.name, actor.country))
    return out


# what may stand between the one who answers and the answer: adverbs, and a date with a verb
# of announcing ("Y ngày 6/6 tuyên bố khước từ lời mời")
_ANSWER_LEAD = re.compile(
    r"(?:\s*(?:ngày|hôm)\s+\d[\d/.-]*)?"
    r"(?:\s*(?:đã|sẽ|cũng|vừa)?\s*(?:tuyên bố|thông báo|quyết định|khẳng định|xác nhận)(?:\s+sẽ)?)?"
    r"(?:\s*(?:đã|sẽ|cũng|vui vẻ|chính thức|từng|không|nhanh chóng|vừa))*\s*$"
)


def _answer_subject(doc: Doc, sent: Span, actors: list[Actor], frame_start: int) -> Actor | None:
    """Who answers in "Y (đã) nhận lời / từ chối lời mời ...": an actor, a bare title or
    "ông" (the last person named) right before the verb."""
    text = doc_text(doc)
    lead = text[max(sent.start_char, frame_start - 200) : frame_start]
    adverbs = _ANSWER_LEAD.search(lead)
    stop = frame_start - (len(lead) - adverbs.start()) if adverbs else frame_start
    before = [a for a in actors if a.end <= stop]
    if before and re.fullmatch(r"\s*", text[before[-1].end : stop]):
        return _resolve(doc, before[-1])[0]
    head = text[sent.start_char : stop]
    for m in reversed(list(re.finditer(r"(?<!\w)\S", head))):
        role = bare_role_at(text, sent.start_char + m.start())
        if role and role.end() == stop:
            return _bare_holder(doc, role.group(0), sent.start_char + m.start(), stop)
        if stop - (sent.start_char + m.start()) > 60:
            break
    return None


def _read_sentence(
    doc: Doc,
    sent: Span,
    actors: list[Actor],
    frames: list[Frame],
    trigger: Frame,
    context: tuple[Actor | None, list[Actor]],
    following: list[str],
) -> list[Invitation]:
    """The invitations of one sentence, read from its invitation predicates (`frames`, in
    text order; `trigger` the first that names the invitation): an answer, "theo lời mời", a
    conveyed invitation, else "X mời Y"."""
    last_person, recent = context
    base = sent.start_char
    text = span_text(doc, sent)
    here = _status(text)
    inviters: list[Actor] = []
    invitees: list[Actor] = []
    event_start = event_stop = None
    answer = _first_match(_ANSWER_FRAME, text, base, frames, ("accept", "decline", "invited"))
    by_invitation = _first_match(_BY_INVITATION, text, base, frames, ("accept",))
    convey = _first_match(_CONVEY, text, base, frames, ("convey",))
    if answer:
        after = base + answer.end()
        tail = [a for a in actors if a.start >= after]
        subject = _answer_subject(doc, sent, actors, base + answer.start())
        if subject is None and _RECEIVE.match(text, answer.start()):
            # "Y sẽ không dự ..., dù đã nhận được lời mời của X": the clause's subject
            subject = _subject(doc, sent, actors, base + answer.start(), last_person)
        if subject is not None:  # "Y (đã) nhận lời mời của X", "Y từ chối lời mời của X"
            invitees, inviters = [subject], [_resolve(doc, a)[0] for a in tail[:1]]
            if answer.group(1).strip():  # "nhận lời mời thăm của X": the event stands inside
                event_start, event_stop = base + answer.start(1), base + answer.end(1)
            elif tail:
                event_start = tail[0].end
        else:  # "Nhận lời mời của X1, X2, Y sẽ thăm"
            verb = re.compile(r"\b(?:sẽ|đã|thăm|tiến hành|có chuyến|tham dự|dự)\b").search(
                text, answer.end()
            )
            if verb is None:
                return []
            head = [a for a in tail if a.end <= base + verb.start()]
            bare = _answer_subject(doc, sent, actors, base + verb.start())
            if bare is not None and (not head or bare.start >= head[-1].end):
                subject = bare
            elif len(head) >= 2 or (head and tail[len(head) :]):
                people = [a for a in head if a.kind == "PERSON"]
                subject = people[-1] if people else head[-1]
            if subject is None:
                return []
            invitees = [subject]
            inviters = _one_per_country(
                [_resolve(doc, a)[0] for a in head if a is not subject and a.start < subject.start]
            )
            event_start = subject.end
    elif by_invitation:  # "Y thăm ... theo lời mời của X"
        after = base + by_invitation.end()
        inviters = [_resolve(doc, a)[0] for a in actors if a.start >= after][:1]
        head = [a for a in actors if a.end <= base + by_invitation.start()]
        people = [a for a in head if a.kind == "PERSON"]
        guests = [
            _resolve(doc, a)[0]
            for a in head
            if not _DESTINATION_BEFORE.search(doc_text(doc)[max(base, a.start - 30) : a.start])
        ]
        invitees = people[:1] or guests[:1]
        fronted = inviters and not text[: by_invitation.start()].strip(" ,")
        comma = text.find(",", inviters[0].end - base) if fronted else -1
        if comma >= 0:  # "Theo lời mời của X, Y đã tới ...": the subject after the comma
            invitees = _invitee_after(doc, actors, base + comma + 1, inviters[0].country)
        invitees = invitees or ([last_person] if last_person else [])
        event_start = invitees[0].end if invitees and invitees[0].start >= base else None
        if comma >= 0 and invitees:  # the visit is what the subject does
            verb = _EVENT_VERB.search(text, invitees[-1].end - base)
            event_start = base + verb.start() if verb else event_start
    elif convey:  # "chuyển lời mời (...) của X tới Y", "nhắc lại lời mời của X mời Y",
        # "chuyển lời mời Y thăm ..."
        pos = base + convey.end()
        of = _OF.search(text, convey.end())
        owners = [a for a in actors if of is not None and a.start >= base + of.end()][:1]
        own = _OWN.match(text, of.end()) if of is not None else None
        if own and not _capital_next(text, own.end()):
            # "nhờ Y chuyển lời mời của ông tới Z": the invitation of the sentence's subject
            subject = _subject(doc, sent, actors, base + convey.start(), last_person)
            to = _TO.search(text, own.end())
            inviters = [subject] if subject else []
            invitees = _invitee_after(doc, actors, base + to.end()) if to else []
        elif owners and owners[0].start - (base + of.end()) < 60:
            inviters = [_resolve(doc, owners[0], base + of.end())[0]]
            to = _TO.search(text, owners[0].end - base)
            if to is None:
                return []
            invitees = _invitee_after(doc, actors, base + to.end())
            if _EVENT_VERB.match(text, convey.end() + 1) and of.start() > convey.end():
                # "chuyển lời mời thăm Việt Nam của X đến Y"
                event_start, event_stop = base + convey.end(), base + of.start()
        else:
            subject = _subject(doc, sent, actors, base + convey.start(), last_person)
            country = subject.country if subject else None
            inviters = (
                [Actor(subject.start, subject.end, "COUNTRY", "", country)] if subject else []
            )
            invitees = _invitee_after(doc, actors, pos)
            if not invitees:
                to = _TO.search(text, convey.end())
                invitees = _invitee_after(doc, actors, base + to.end()) if to else []
                if to and _EVENT_VERB.match(text, convey.end() + 1):
                    # "chuyển lời mời thăm Việt Nam tới Y"
                    event_start, event_stop = base + convey.end(), base + to.start()
    elif passive := _PASSIVE_INVITE.search(text, 0, trigger.start - base):
        # "Y (và Z) (cũng) được (ông) X mời dự ...": the invitees before, the inviter after "được"
        agents = [a for a in actors if base + passive.start("agent") <= a.start < trigger.start]
        inviters = [_resolve(doc, agents[-1])[0]] if agents else []
        head = [a for a in actors if a.end <= base + passive.start()]
        people = [a for a in head if a.kind == "PERSON"]
        invitees = people or head[-1:]
        event_start = trigger.end
    else:  # "X (đã) mời Y <event>"
        speaker = _SPEAKER.search(text[: trigger.start - base])
        if speaker and recent:  # "tôi xin mời ...", in quoted words: the one quoted
            speaking = [p for p in recent if _SPEECH.match(doc_text(doc), p.end)]
            subject = (speaking or recent)[-1]
        else:
            subject = _subject(doc, sent, actors, trigger.start, last_person)
        inviters = [subject] if subject else []
        other = subject.country if subject else None
        invitees = _invitee_after(doc, actors, trigger.end, other)
        addressee = _ADDRESSEE.match(text, trigger.end - base)
        if (
            not invitees
            and addressee
            and subject is not None
            and not _capital_next(text, addressee.end())
        ):  # "mời Ngài": who was named
            invitees = [p for p in recent if p.country != subject.country][-1:]
            event_start = base + addressee.end()
    if not inviters or not invitees:
        log.debug(
            "no invitation row at %d: %s",
            sent.start_char,
            "no invitee" if inviters else "no inviter",
        )
        return []
    out = []
    for inviter in inviters:
        for invitee in invitees:
            inviter_country, inviter_person = _party(inviter)
            invitee_country, invitee_person = _party(invitee)
            if not inviter_country or not invitee_country or inviter_country == invitee_country:
                log.debug(
                    "no invitation row at %d: inviter %s, invitee %s",
                    sent.start_char,
                    inviter_country,
                    invitee_country,
                )
                continue
            # the event follows the invitees listed together ("mời A và B tham dự ..."), not A
            listed_end = max((i.end for i in invitees if i.start >= invitee.start), default=0)
            start = event_start if event_start is not None else max(invitee.end, listed_end)
            if doc_text(doc).startswith(".", start) and start + 1 < sent.end_char:
                start += 1  # the dot of a name's abbreviation ("Marcos Jr. thăm ..."), no end
            end = event_stop or _event_end(doc, start, min(sent.end_char, start + EVENT_CHARS))
            start, end = _inviters_part(doc, start, end, inviter_country)
            event = _event(doc, start, end)
            when, where = _when_and_where(doc, start, end, inviter_country)
            role = (
                inviter.name
                if inviter.kind == "COUNTRY" and inviter.name != inviter.country
                else None
            )
            out.append(
                Invitation(
                    inviter_country,
                    inviter_person or None,
                    invitee_country,
                    invitee_person or None,
                    event,
                    when,
                    where,
                    here if here != "extended" else _later_status(invitee, invitees, following),
                    sent,
                    role or None,
                )
            )
    return out


# "... được (ông) X (đã) mời": a passive invitation, right before its "mời"
_PASSIVE_INVITE = re.compile(
    r"(?<!\w)(?:cũng\s+|đều\s+)?được\s+(?P<agent>[^,.;:]{1,60}?)\s+(?:(?:đã|cùng)\s+)?$",
    re.I,
)


def _first_match(
    pattern: re.Pattern, text: str, base: int, frames: list[Frame], classes: tuple[str, ...]
) -> re.Match | None:
    """`pattern` matched at the first predicate of `classes` where it matches (offsets into
    the sentence's `text`, which starts at `base`)."""
    for frame in frames:
        if frame.cls in classes:
            m = pattern.match(text, frame.start - base)
            if m:
                return m
    return None


_NEXT_VISIT = re.compile(
    r"(?:,\s*|\s+và\s+)(?=(?:" + alternation(_CUES["event_verb"]) + r")(?!\w))", re.I
)


def _inviters_part(doc: Doc, start: int, end: int, inviter_country: str) -> tuple[int, int]:
    """Of visits listed in one predicate ("thăm Pháp ... và thăm Cu-ba ..."), the one to the
    inviter's country. Only when two or more listed visits each name a place; else the whole."""
    text = doc_text(doc)[start:end]
    cuts = [start, *(start + m.end() for m in _NEXT_VISIT.finditer(text)), end]
    visits = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        head = doc_text(doc)[a:b].strip(" ,")
        if a == start and not (
            (_EVENT_LEAD.match(head) or _EVENT_VERB.match(head)) and _EVENT_VERB.search(head)
        ):
            continue  # the words before the first visit verb are no visit
        places = entity_spans_within(doc, a, b, ("COUNTRY", "LOC"))
        if places:
            visits.append((a, b, places))
    if len(visits) < 2:
        return start, end
    for a, b, places in visits:
        for s in places:
            if (s.kb_id_ if s.label_ == "COUNTRY" else s._.country) == inviter_country:
                return a, b
    return start, end


def _one_per_country(actors: list[Actor]) -> list[Actor]:
    """Inviters of one country are one inviter: the person if one is named."""
    chosen: dict[str, Actor] = {}
    for a in actors:
        if a.country is None:
            continue
        if a.country not in chosen or (chosen[a.country].kind != "PERSON" and a.kind == "PERSON"):
            chosen[a.country] = a
    return list(chosen.values())


def _coordinated(doc: Doc, first: Actor, actors: list[Actor]) -> list[Actor]:
    """People joined to `first` by "và" ("mời A và B"): one invitation each."""
    more = []
    prev = first
    for a in actors:
        if a.start <= prev.start or a.kind != first.kind:
            continue
        between = doc_text(doc)[prev.end : a.start]
        if (
            re.fullmatch(r"\.?\s*(?:,|và|cùng)\s*(?:\S+\s+){0,4}?", between + " ")
            and len(between) < 40
        ):
            more.append(a)
            prev = a
        else:
            break
    return more
