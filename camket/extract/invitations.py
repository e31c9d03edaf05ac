"""invitation commitments: who invites whom to what, and whether it was accepted.

Frames, each a Vietnamese construction around "mời" (invite):
- "X mời Y <event>", "X gửi lời mời Y ...": inviter before, invitee after;
- "chuyển lời mời (...) của X tới Y", "chuyển lời của X mời Y": X's invitation,
  conveyed by someone else;
- "nhận lời mời của X(, X2...), Y sẽ thăm ...", "Y nhận lời mời của X":
  accepted by Y;
- "Y thăm ... theo lời mời của X": accepted (the visit happens).
"mời ... phát biểu", "khách mời" and negated invitations are not invitations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from camket.extract.actors import (
    HOME,
    Actor,
    actors_in,
    doc_text,
    entity_spans_within,
    last_person_before,
    span_text,
)

_TRIGGER = re.compile(r"(?<!\w)(?:lời mời|mời)(?!\w)", re.I)
_NOT_INVITATION = re.compile(
    r"khách mời|thư mời họp|mời\s+(?:quý\s+)?(?:độc giả|bạn đọc|quý vị|khán giả|bạn)\b|mời\s+(?:\S+\s+){0,6}?(?:phát biểu|lên|dùng|chụp|duyệt|cắt băng|nâng cốc|ký sổ)|không\s+(?:được\s+)?mời|chưa\s+(?:được\s+)?mời",
    re.I,
)
_ACCEPT = re.compile(r"(?<!\w)(?:nhận lời|chấp nhận lời mời|nhận lời mời)(?!\w)", re.I)
_DECLINE = re.compile(r"(?<!\w)(?:từ chối|khước từ)(?!\w)", re.I)
_CONVEY = re.compile(r"chuyển\s+(?:lời mời|lời)", re.I)
_ACCEPT_FRAME = re.compile(r"nhận lời mời(?:\s+\S+){0,8}?\s+của\s", re.I)
_BY_INVITATION = re.compile(r"theo lời mời(?:\s+\S+){0,6}?\s+của\s", re.I)
_OF = re.compile(r"\bcủa\s", re.I)
_TO = re.compile(r"\b(?:tới|đến|cho)\s", re.I)
_VISIT = re.compile(r"\b(?:thăm|sang thăm|đến thăm|tới thăm)\b", re.I)
_AT = re.compile(r"\btại\s", re.I)
_EVENT_END = re.compile(r"[.;]\s|\.$|\s\(\d|,\s+(?:đồng thời|và cho|khẳng định|cảm ơn)", re.I)


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


def _people_or_countries(actors: list[Actor]) -> list[Actor]:
    """Parties that can invite or be invited: people and countries (and state bodies)."""
    return [a for a in actors if a.country is not None]


def _party(actor: Actor) -> tuple[str | None, str | None]:
    person = actor.name if actor.kind == "PERSON" else None
    return actor.country, person


def _status(text: str, following: list[str]) -> str:
    """accepted / declined when this sentence or one of the next few reports the answer."""
    if _DECLINE.search(text):
        return "declined"
    if _ACCEPT.search(text) or _BY_INVITATION.search(text):
        return "accepted"
    for later in following:
        if _TRIGGER.search(later.replace("nhận lời mời", "").replace("nhận lời", "")):
            break  # a new invitation starts: answers after it are its own
        if _ACCEPT.search(later):
            return "accepted"
        if _DECLINE.search(later):
            return "declined"
    return "extended"


def _event(doc: Doc, start: int, end: int) -> str | None:
    text = doc_text(doc)[start:end].strip(" ,:")
    cut = _EVENT_END.search(text)
    if cut:
        text = text[: cut.start()]
    return text.strip(" ,.") or None


def _when_and_where(
    doc: Doc, start: int, end: int, inviter_country: str | None
) -> tuple[str | None, str | None]:
    when = where = None
    for s in entity_spans_within(doc, start, end):
        if s.label_ == "DATE" and when is None:
            when = s.kb_id_
        elif s.label_ in ("LOC", "COUNTRY") and where is None:
            before = doc_text(doc)[max(start, s.start_char - 40) : s.start_char]
            if _AT.search(before[-12:]) or _VISIT.search(before):
                where = s.kb_id_
    if where is None and _VISIT.search(doc_text(doc)[start:end]):
        where = inviter_country
    return when, where


def find_invitations(doc: Doc, sentences: list[Span]) -> list[Invitation]:
    """Invitations stated in the article, one per (inviter, invitee) pair."""
    found: list[Invitation] = []
    last_person: Actor | None = None
    for i, sent in enumerate(sentences):
        text = span_text(doc, sent)
        actors = _people_or_countries(actors_in(doc, sent.start_char, sent.end_char))
        trigger = _TRIGGER.search(text)
        if trigger and not _NOT_INVITATION.search(text):
            following = [span_text(doc, s) for s in sentences[i + 1 : i + 1 + ACCEPT_LOOKAHEAD]]
            found += _read_sentence(doc, sent, actors, trigger, last_person, following)
        people = [a for a in actors if a.kind == "PERSON"]
        if people:
            last_person = people[0]
    unique: dict[tuple, Invitation] = {}
    for inv in found:
        key = (inv.inviter_country, inv.invitee_country, inv.invitee_person)
        kept = unique.get(key)
        if kept is None or (kept.inviter_person is None and inv.inviter_person is not None):
            unique[key] = inv
    return list(unique.values())


ACCEPT_LOOKAHEAD = 3  # sentences after an invitation that may report the answer
# The event, its date and its place are read in at most this many characters after the
# invitee (real events are under 300), not in the rest of a sentence of any length.
EVENT_CHARS = 500
_SUBJECT_TITLE = re.compile(
    r"^(?:[^,.;]{0,60},\s*)?(?:Thủ tướng(?: Chính phủ)?|Chủ tịch nước|Chủ tịch Quốc hội|Tổng Bí thư|"
    r"Phó Thủ tướng|Phó Chủ tịch nước|Bộ trưởng(?: Ngoại giao)?|Đại sứ)\s+(?!\w*[A-ZĐ])",
)
_ROLE_BEFORE = re.compile(
    r"(?:ngoại trưởng|nhà ngoại giao(?: hàng đầu)?|tổng thống|thủ tướng|chủ tịch(?: nước)?|người đứng đầu|"
    r"lãnh đạo|bộ trưởng(?: ngoại giao)?|quốc vương|nhà vua|thái tử)\s+(?:nước\s+)?$",
    re.I,
)
_DESTINATION_BEFORE = re.compile(
    r"(?:thăm|tới|đến|tại|sang|thủ đô)\s+(?:chính thức\s+|cấp nhà nước\s+)?$", re.I
)
_PRONOUN_SUBJECT = re.compile(
    r"(?<!\w)(?:Ông|Bà|Ngài)\s+(?:cũng\s+|đã\s+)*(?:gửi lời mời|mời|chuyển lời)", re.U
)


def _subject(
    doc: Doc, sent: Span, actors: list[Actor], before: int, last_person: Actor | None
) -> Actor | None:
    """Who speaks: the first person before `before`; else a bare Vietnamese title opening
    the sentence ("Thủ tướng Chính phủ ..."); else the first country/body; else the last
    person named (for "Ông ... mời")."""
    head = [a for a in actors if a.end <= before]
    people = [a for a in head if a.kind == "PERSON"]
    bare = _SUBJECT_TITLE.match(span_text(doc, sent))
    if bare and (not head or head[0].start - sent.start_char > bare.end()):
        return Actor(sent.start_char, sent.start_char + bare.end(), "PERSON", "", HOME)
    if people:
        return people[0]
    if head:
        return head[0]
    if last_person is not None:
        return last_person
    return None


def _invitee_after(doc: Doc, actors: list[Actor], pos: int) -> list[Actor]:
    """The invitee(s) right after `pos`: not a destination ("thăm Việt Nam")."""
    for a in actors:
        if a.start < pos:
            continue
        if _DESTINATION_BEFORE.search(doc_text(doc)[max(pos, a.start - 30) : a.start]):
            return []
        if a.start - pos > 80:
            return []
        return [_person_for_role(doc, a)] + [
            _person_for_role(doc, b) for b in _coordinated(doc, a, actors)
        ]
    return []


def _person_for_role(doc: Doc, actor: Actor) -> Actor:
    """ "Thủ tướng Thái Lan" names a person by role: the last person of that country named before."""
    if actor.kind != "COUNTRY" or not _ROLE_BEFORE.search(
        doc_text(doc)[max(0, actor.start - 40) : actor.start]
    ):
        return actor
    person = last_person_before(doc, actor.country, actor.start)
    if person is None:
        return actor
    return Actor(actor.start, actor.end, "PERSON", person.name, actor.country, person.span)


def _read_sentence(
    doc: Doc,
    sent: Span,
    actors: list[Actor],
    trigger: re.Match,
    last_person: Actor | None,
    following: list[str],
) -> list[Invitation]:
    base = sent.start_char
    text = span_text(doc, sent)
    status = _status(text, following)
    inviters: list[Actor] = []
    invitees: list[Actor] = []
    event_start = None
    accept = _ACCEPT_FRAME.search(text)
    by_invitation = _BY_INVITATION.search(text)
    convey = _CONVEY.search(text)
    if accept:
        after = base + accept.end()
        before_frame = [a for a in actors if a.end <= base + accept.start()]
        tail = [a for a in actors if a.start >= after]
        joined = before_frame and re.fullmatch(
            r"\s*(?:đã|sẽ|cũng|vui vẻ|chính thức|từng)?\s*(?:đã|sẽ|cũng|vui vẻ)?\s*",
            doc_text(doc)[before_frame[-1].end : base + accept.start()],
        )
        if joined:  # "Y (đã) nhận lời mời của X"
            invitees, inviters = [before_frame[-1]], tail[:1]
        elif len(tail) >= 2:  # "Nhận lời mời của X1, X2, Y sẽ thăm"
            verb = re.compile(r"\b(?:sẽ|đã|thăm|tiến hành|có chuyến)\b").search(text, accept.end())
            head = [a for a in tail if verb is None or a.end <= base + verb.start()] or tail
            people = [a for a in head if a.kind == "PERSON"]
            subject = people[-1] if people else head[-1]
            invitees = [subject]
            inviters = _one_per_country(
                [a for a in head if a is not subject and a.start < subject.start]
            )
            event_start = subject.end
        else:
            return []
    elif by_invitation:  # "Y thăm ... theo lời mời của X"
        after = base + by_invitation.end()
        inviters = [a for a in actors if a.start >= after][:1]
        head = [a for a in actors if a.end <= base + by_invitation.start()]
        people = [a for a in head if a.kind == "PERSON"]
        guests = [
            _person_for_role(doc, a)
            for a in head
            if not _DESTINATION_BEFORE.search(doc_text(doc)[max(base, a.start - 30) : a.start])
        ]
        invitees = people[:1] or guests[:1] or ([last_person] if last_person else [])
        event_start = invitees[0].end if invitees and invitees[0].start >= base else None
    elif (
        convey
    ):  # "chuyển lời mời (...) của X tới Y" / "chuyển lời của X mời Y" / "chuyển lời mời ... tới Y"
        pos = base + convey.end()
        of = _OF.search(text, convey.end())
        owners = [a for a in actors if of is not None and a.start >= base + of.end()][:1]
        if owners and owners[0].start - (base + of.end()) < 60:
            inviters = owners
            pos = owners[0].end
        else:
            subject = _subject(doc, sent, actors, base + convey.start(), last_person)
            inviters = (
                [
                    Actor(
                        subject.start,
                        subject.end,
                        "COUNTRY",
                        subject.country or "",
                        subject.country,
                    )
                ]
                if subject
                else []
            )
        mời = _TRIGGER.search(text, pos - base)
        to = _TO.search(text, pos - base)
        anchors = [m.end() for m in (mời, to) if m is not None]
        if not anchors:
            return []
        invitees = _invitee_after(doc, actors, base + min(anchors))
    else:  # "X (đã) mời Y <event>"
        subject = _subject(doc, sent, actors, base + trigger.start(), last_person)
        inviters = [subject] if subject else []
        invitees = _invitee_after(doc, actors, base + trigger.end())
    if not inviters or not invitees:
        return []
    out = []
    for inviter in inviters:
        for invitee in invitees:
            inviter_country, inviter_person = _party(inviter)
            invitee_country, invitee_person = _party(invitee)
            if not inviter_country or not invitee_country or inviter_country == invitee_country:
                continue
            start = event_start if event_start is not None else invitee.end
            end = min(sent.end_char, start + EVENT_CHARS)
            event = _event(doc, start, end)
            when, where = _when_and_where(doc, start, end, inviter_country)
            out.append(
                Invitation(
                    inviter_country,
                    inviter_person or None,
                    invitee_country,
                    invitee_person or None,
                    event,
                    when,
                    where,
                    status,
                    sent,
                )
            )
    return out


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
            re.fullmatch(r"\s*(?:,|và|cùng)\s*(?:\S+\s+){0,4}?", between + " ")
            and len(between) < 40
        ):
            more.append(a)
            prev = a
        else:
            break
    return more
