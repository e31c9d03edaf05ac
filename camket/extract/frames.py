"""Clause-level predicate frames: who does what to whom, read once per Doc.

The spaCy component `camket_frames_v1` (registered in `camket.nlp.components`, run
after `camket_entities_v1`) finds every predicate of `data/frames.tsv` in the text
and gives it its arguments by Vietnamese word order and prepositions:

- subject: the nearest party before the verb that no preposition marks. A clause
  with no party of its own before the verb shares the subject of the clause
  before it ("Việt Nam sẽ nhận N liều, và tháng 6 sẽ nhận M liều"), also across
  a sentence end (the subject is then `elided`).
- recipient: a party after "cho/tới/đến/sang/với/về (tới)", or the indirect object
  right after a supply verb ("tặng Lào N liều"); a coordinated list after the cue
  ("cho A, B và C") is the frame's `recipients`.
- source: a party after "từ/của" ("của Nga"); an agent after "do/bởi/được" counts
  only when a supply verb follows it ("do Đức tặng"), so "do Gavi điều phối" is
  a relative clause, not the giver; before a buy verb ("do X đặt mua") it is the buyer.
- quantities: every dose figure is governed by the last dose predicate before it
  in its sentence (else the first after it: "N liều do Đức tặng"); each becomes an
  `Item` with the arguments its own words carry, so one verb shared by a list
  ("N cho X, M cho Y", "X (N liều), Y (M liều)", "lần lượt N và M ... cho X và Y",
  "cho X, Y mỗi nước N liều") gives one item per pair.

Anaphors ("nước này", "nước bạn", "quốc gia này") stand for the subject of the
latest frame before them, else the nearest country named before; "phía bạn" for
the article's main foreign country. Nothing is filled from the article's main pair.

Linear in text length: one phrase-matcher pass over the tokens, bisection in sorted lists, and
look-backs bounded by a fixed number of characters or parties.

Not for deciding what is a commitment: the extractors (`camket.extract.vaccines` reads
the dose frames' arguments, `camket.extract.invitations` the invitation predicates) read
`doc_frames(doc)` and decide status, totals, products and dedup.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from camket.extract.actors import (
    Actor,
    actors_in,
    doc_text,
    entity_spans_within,
    main_foreign,
)
from camket.nlp.numbers import Quantity, find_quantities
from camket.nlp.pipeline import exports
from camket.nlp.tokenizer import install_norms, words_and_spaces

FRAMES_KEY = "camket.frames"
MIN_DOSES = 1000  # "tiêm 2 mũi" is a dosing schedule, not a shipment
DOSE_CLASSES = frozenset({"supply", "receive", "pledge"})
INVITATION_CLASSES = frozenset({"invite", "invited", "accept", "decline", "convey"})


@dataclass(frozen=True)
class Lexeme:
    text: str
    cls: str
    flags: frozenset[str]


@cache
def frame_lexicon() -> tuple[str, dict[str, Lexeme]]:
    """(version line, lexeme -> Lexeme) from data/frames.tsv (found in a Doc by
    `_lexeme_matches`)."""
    raw = resources.files("camket.extract").joinpath("data", "frames.tsv").read_text("utf-8")
    version, table = "", {}
    for line in raw.splitlines():
        if line.startswith("#"):
            version = version or line.lstrip("# ").strip()
            continue
        if not line.strip():
            continue
        cols = line.split("\t")
        flags = frozenset(f for f in (cols[2] if len(cols) > 2 else "").split(",") if f)
        table[_key(cols[0])] = Lexeme(cols[0], cols[1], flags)
    return version, table


@cache
def invitation_predicates() -> dict[str, list[str]]:
    """The invitation predicates of frames.tsv as `camket.extract.invitations` reads them,
    longest first: accept (the answer "nhận lời mời"; "theo lời mời" is `by`), decline,
    convey, receive (class invited), send (flag send) and by."""
    kinds: dict[str, list[str]] = {k: [] for k in ("accept", "decline", "convey", "receive")}
    kinds |= {"send": [], "by": []}
    for lex in frame_lexicon()[1].values():
        if "by" in lex.flags:
            kinds["by"].append(lex.text)
        elif lex.cls in ("accept", "decline", "convey"):
            kinds[lex.cls].append(lex.text)
        elif lex.cls == "invited":
            kinds["receive"].append(lex.text)
        if "send" in lex.flags:
            kinds["send"].append(lex.text)
    return {k: sorted(v, key=len, reverse=True) for k, v in kinds.items()}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _lexeme_matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[int, Lexeme]]:
    """A PhraseMatcher over token NORMs for every lexeme of frames.tsv (once per vocabulary)."""
    install_norms(vocab)
    matcher, of_id = PhraseMatcher(vocab, attr="NORM"), {}
    for lex in frame_lexicon()[1].values():
        words = [w for w in words_and_spaces(lex.text)[0] if not w.isspace()]
        of_id[vocab.strings.add(lex.text)] = lex
        matcher.add(lex.text, [Doc(vocab, words=words)])
    return matcher, of_id


def _lexeme_matches(doc: Doc) -> list[tuple[int, int, Lexeme]]:
    """(start, end, lexeme) of every frames.tsv phrase in `doc`, as a whole-word,
    case-insensitive regex of the phrases would find them: leftmost first, the longest at a
    place, not overlapping; character offsets."""
    matcher, of_id = _lexeme_matcher(doc.vocab)
    out: list[tuple[int, int, Lexeme]] = []
    reach = 0  # end (token) of the last match kept
    for match_id, s, e in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        if s < reach:
            continue
        reach = e
        last = doc[e - 1]
        out.append((doc[s].idx, last.idx + len(last), of_id[match_id]))
    return out


@dataclass
class Item:
    """One dose figure a frame governs, with the arguments its own words give."""

    quantity: Quantity  # offsets into the Doc's text
    recipients: list[Actor] = field(default_factory=list)
    source: Actor | None = None  # "của Nga", "do Đức tặng", "từ Nhật Bản"
    buyer: Actor | None = None  # "do Bộ Y tế mua": a purchase
    by_agent: bool = False  # the source is the agent of a supply verb ("do Hungary nhượng lại")
    company_source: bool = False  # "của hãng Moderna": made by a company, no giver named
    other_recipient: bool = False  # "cho Đài Loan", "cho thế giới": named, but not a party
    relative: bool = False  # "N liều mà X cam kết tặng": governed through a relative clause
    subject: Actor | None = None  # "A và B lần lượt nhận N và M liều": this figure's own subject


@dataclass
class Frame:
    """A predicate with its class and arguments (character offsets into the Doc's text)."""

    lexeme: str
    cls: str
    flags: frozenset[str]
    start: int
    end: int
    sentence: Span
    subject: Actor | None = None
    subjects: list[Actor] = field(default_factory=list)  # the subject and those coordinated with it
    elided: bool = False  # the subject was carried from an earlier clause or sentence
    agent: Actor | None = None  # "do X tặng", "được X tặng": the giver of a passive
    passive: bool = False  # "Y được (X) tặng": the subject receives
    recipients: list[Actor] = field(default_factory=list)
    source: Actor | None = None
    items: list[Item] = field(default_factory=list)

    @property
    def recipient(self) -> Actor | None:
        return self.recipients[0] if self.recipients else None


_LOWER = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
# up to n lowercase words between a preposition and the party ("cho tùy viên quốc phòng X"),
# not a verb of saying ("cho biết X ...")
_NOUNS = (
    r"(?:(?:nhân dân|chính phủ|phía|nước|đại diện)\s+)?"
    r"(?!(?:biết|hay|rằng|phép|thấy|là|đây|nay|rồi)\b)(?:(?-i:[" + _LOWER + r"]\w*)\s+){0,%d}$"
)
_RECIPIENT_CUE = re.compile(
    r"\b(?:cho|tới|đến|sang|với|về|về tới|về đến|tặng cho)\s+" + _NOUNS % 4, re.I
)
_SOURCE_CUE = re.compile(r"\b(?:từ|của|sản xuất tại|sản xuất ở)\s+" + _NOUNS % 2, re.I)
_POSSESSOR = re.compile(
    r"\b(?:chính quyền|chính phủ|nhân dân|người dân|lãnh đạo|đoàn|phái đoàn|Bộ Y tế|Bộ Ngoại giao"
    r"|Đại sứ quán|đại diện)\s+của\s+$",
    re.I,
)
_AGENT_CUE = re.compile(r"\b(?:do|bởi|được)\s+" + _NOUNS % 2, re.I)
_OTHER_CUE = re.compile(
    r"\b(?:tại|ở|trong|thuộc|theo|qua|thông qua|giữa|gồm|như|kể cả|ngoài|trừ)\s+"
    r"(?:(?:cơ chế|chương trình|sáng kiến|các|nước)\s+)?$",
    re.I,
)
_COMPANY_BEFORE = re.compile(r"\b(?:hãng|công ty|tập đoàn|nhà sản xuất)\b[^,.;]{0,40}$", re.I)
_REPORTER_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:dẫn|đưa tin|trích|cho hay|cho biết|nói|thông tin)\b", re.I
)
_LIST_GAP = re.compile(
    r"^\s*(?:\([^()]{0,40}\)\s*)?(?:,|và|,\s*và|cùng)\s*"
    r"(?:(?:vùng lãnh thổ|nước|chính phủ|nhân dân|quốc gia)\s+)?$",
    re.I,
)
_AGENT_GAP = re.compile(
    r"^[\s,]*(?-i:[A-ZĐ][\w-]*\s+){0,2}(?:\([^()]{0,40}\)\s*)?"
    r"(?:(?:đã|sẽ|vừa|mới|trực tiếp|cùng|chính thức)\s+)*$",
    re.I,
)
# a bracketed figure, then more "Name (figure)" items joined by "," / "và", up to the verb
_AGENT_LIST_GAP = re.compile(
    r"^\s*\([^()]{1,40}\)(?:\s*(?:,|và|,\s*và)\s*[\w-]+(?:\s+[\w-]+){0,3}"
    r"\s*\([^()]{1,40}\))*\s*(?:(?:đã|sẽ|vừa|cùng|trực tiếp)\s+)*$",
    re.I,
)
_AGENT_LIST_REACH = 200
_INDIRECT_GAP = re.compile(r"^\s*(?:(?:thêm|lại)\s+)?(?:cho\s+)?$", re.I)
_ANAPHOR = re.compile(
    r"(?<!\w)(?:(?i:nước này|nước bạn|quốc gia này|phía bạn)|Chính phủ(?!\s+[A-ZĐ]))(?!\w)"
)
_RESPECTIVELY = re.compile(r"\blần lượt\b", re.I)
_EACH = re.compile(r"\bmỗi\s+(?:nơi|nước|quốc gia|bên|địa phương)\b[^,.;]{0,20}$", re.I)
_OWN_RECIPIENT = re.compile(r"[^,;.()]{0,40}?\b(?:cho|tới|sang)\s+(?=\S)", re.I)
_RELATIVE = re.compile(r"\bmà\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\bđược\s+$", re.I)
DOSE_UNIT = re.compile(r"(?<!\w)(?:liều|mũi)(?!\w)", re.I)  # the units of find_quantities
_CUE_WINDOW = 40
_AGENT_REACH = 40


@dataclass
class _Party:
    """An actor of the sentence and the cue its preceding words give it."""

    actor: Actor
    cue: str | None  # recipient | source | agent | buyer | other | None (a subject)
    listed_after: int = -1  # index of the party it is coordinated with, -1 if none


def doc_frames(doc: Doc, arguments: bool = True) -> list[Frame]:
    """The Doc's frames in text order: those `camket_frames_v1` found, else found now.

    The component keeps them as `Frame` objects (`_OBJECTS_KEY`, working state); a Doc that
    leaves `annotate` without its working state carries them as plain data
    (`doc.user_data[FRAMES_KEY]`, so it still serialises), rebuilt here once per Doc.
    The arguments are read on the first call that asks for them (`arguments`): a reader of
    predicates only (invitations), or of an article with no dose figure, does not pay for them.
    """
    held = doc.user_data.get(_OBJECTS_KEY)
    if held is None:
        data = doc.user_data.get(FRAMES_KEY)
        frames = find_frames(doc) if data is None else [_frame_from(doc, d) for d in data]
        held = doc.user_data[_OBJECTS_KEY] = _Held(doc, frames, pending=False)
    return held.resolved() if arguments else held.frames


class _Held:
    """The frames a Doc keeps, their arguments read once on first need."""

    def __init__(self, doc: Doc, frames: list[Frame], pending: bool):
        self.doc, self.frames, self.pending = doc, frames, pending

    def resolved(self) -> list[Frame]:
        if self.pending:
            fill_arguments(self.doc, self.frames)
            self.pending = False
        return self.frames


def set_frames(doc: Doc) -> Doc:
    """The component: keep the predicates for the extractors (`doc_frames` reads their
    arguments on first need); they leave the pipeline as plain data under FRAMES_KEY, with
    their arguments (`frames_data`, declared with `exports`)."""
    doc.user_data[_OBJECTS_KEY] = _Held(doc, find_predicates(doc), pending=True)
    return doc


def frames_data(held: _Held) -> list[dict]:
    """The frames as plain data (lists, dicts, numbers, strings): what a Doc serialises."""
    return [_frame_data(f) for f in held.resolved()]


_OBJECTS_KEY = "camket.extract.frames"
exports(_OBJECTS_KEY, FRAMES_KEY, frames_data)


def _actor_data(a: Actor | None) -> list | None:
    return None if a is None else [a.start, a.end, a.kind, a.name, a.country]


def _actor_from(d: list | None) -> Actor | None:
    return None if d is None else Actor(d[0], d[1], d[2], d[3], d[4])


def _frame_data(f: Frame) -> dict:
    return {
        "lexeme": f.lexeme,
        "class": f.cls,
        "flags": sorted(f.flags),
        "start": f.start,
        "end": f.end,
        "sentence": [f.sentence.start, f.sentence.end],
        "subject": _actor_data(f.subject),
        "subjects": [_actor_data(a) for a in f.subjects],
        "elided": f.elided,
        "agent": _actor_data(f.agent),
        "passive": f.passive,
        "recipients": [_actor_data(a) for a in f.recipients],
        "source": _actor_data(f.source),
        "items": [
            {
                "quantity": [
                    i.quantity.value,
                    i.quantity.approximate,
                    i.quantity.start_char,
                    i.quantity.end_char,
                    i.quantity.text,
                ],
                "recipients": [_actor_data(a) for a in i.recipients],
                "source": _actor_data(i.source),
                "buyer": _actor_data(i.buyer),
                "by_agent": i.by_agent,
                "company_source": i.company_source,
                "other_recipient": i.other_recipient,
                "relative": i.relative,
                "subject": _actor_data(i.subject),
            }
            for i in f.items
        ],
    }


def _frame_from(doc: Doc, d: dict) -> Frame:
    return Frame(
        d["lexeme"],
        d["class"],
        frozenset(d["flags"]),
        d["start"],
        d["end"],
        doc[d["sentence"][0] : d["sentence"][1]],
        subject=_actor_from(d["subject"]),
        subjects=[_actor_from(a) for a in d["subjects"]],
        elided=d["elided"],
        agent=_actor_from(d["agent"]),
        passive=d["passive"],
        recipients=[_actor_from(a) for a in d["recipients"]],
        source=_actor_from(d["source"]),
        items=[
            Item(
                Quantity(*i["quantity"]),
                recipients=[_actor_from(a) for a in i["recipients"]],
                source=_actor_from(i["source"]),
                buyer=_actor_from(i["buyer"]),
                by_agent=i["by_agent"],
                company_source=i["company_source"],
                other_recipient=i["other_recipient"],
                relative=i.get("relative", False),
                subject=_actor_from(i.get("subject")),
            )
            for i in d["items"]
        ],
    )


def find_frames(doc: Doc) -> list[Frame]:
    """Every predicate of frames.tsv in `doc`, with its arguments."""
    frames = find_predicates(doc)
    fill_arguments(doc, frames)
    return frames


def find_predicates(doc: Doc) -> list[Frame]:
    """Every predicate of frames.tsv in `doc`, in text order, its arguments not yet read."""
    matches = [m for m in _lexeme_matches(doc) if m[2].cls != "none"]
    if not matches:
        return []
    frames: list[Frame] = []
    match_starts = [m[0] for m in matches]
    for sent in doc.sents:
        s_start, s_end = sent.start_char, sent.end_char
        frames += [
            Frame(lex.text, lex.cls, lex.flags, start, end, sent)
            for start, end, lex in matches[
                bisect_left(match_starts, s_start) : bisect_left(match_starts, s_end)
            ]
            if end <= s_end
        ]
    return frames


def fill_arguments(doc: Doc, frames: list[Frame]) -> None:
    """Give the predicates of `find_predicates(doc)` their arguments, sentence by sentence
    in text order (a subject carries over to the next clause and sentence)."""
    if not frames:
        return
    state = _State(doc, doc_text(doc))
    previous_subject: Actor | None = None
    at = 0
    while at < len(frames):  # one sentence's predicates at a time
        sent = frames[at].sentence
        s_start, s_end = sent.start_char, sent.end_char
        nxt = at
        while nxt < len(frames) and frames[nxt].sentence.start_char == s_start:
            nxt += 1
        found, at = frames[at:nxt], nxt
        parties = state.parties(s_start, s_end, found)
        starts = [p.actor.start for p in parties]
        for k, frame in enumerate(found):
            _arguments(state, frame, parties, starts, found, k)
            if frame.subject is None:
                earlier = next((f for f in reversed(found[:k]) if f.subject is not None), None)
                carried = earlier.subject if earlier is not None else previous_subject
                if carried is not None:  # (`_arguments` noted a subject of the frame's own)
                    frame.subject, frame.subjects, frame.elided = carried, [carried], True
                    state.note_subject(frame.start, carried)
        _share_recipients(found)
        _govern(state, s_start, s_end, found, parties)
        last = next((f.subject for f in reversed(found) if f.subject is not None), None)
        previous_subject = last or previous_subject


class _State:
    """Per-Doc look-up tables: parties in text order, frame subjects so far."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        self._countries: list[Span] | None = None
        self.country_starts: list[int] = []
        self.subject_pos: list[int] = []
        self.subjects: list[Actor] = []

    def sentence_actors(self, start: int, end: int) -> list[Actor]:
        """The parties of one sentence (read only for sentences with a predicate)."""
        doc, text = self.doc, self.text
        actors = actors_in(doc, start, end)
        for s in entity_spans_within(doc, start, end, {"LOC"}):
            if s._.country:
                actors.append(Actor(s.start_char, s.end_char, "LOC", s.kb_id_, s._.country, s))
        for m in _ANAPHOR.finditer(text, start, end):
            actors.append(Actor(m.start(), m.end(), "ANAPHOR", m.group(0).casefold(), None))
        actors.sort(key=lambda a: (a.start, -a.end))
        kept: list[Actor] = []
        for a in actors:  # a LOC inside an ORG or a country mention: the outer one speaks
            if kept and a.start < kept[-1].end:
                continue
            kept.append(a)
        return kept

    def note_subject(self, pos: int, actor: Actor) -> None:
        if actor.party and (not self.subject_pos or pos >= self.subject_pos[-1]):
            self.subject_pos.append(pos)
            self.subjects.append(actor)

    def resolve(self, actor: Actor) -> Actor | None:
        """An anaphor as the party it stands for (None if nothing fits); others as they are."""
        if actor.kind != "ANAPHOR":
            return actor
        if actor.name == "phía bạn":
            foreign = main_foreign(self.doc)
            return _as(actor, foreign) if foreign else None
        k = bisect_left(self.subject_pos, actor.start) - 1
        while k >= 0:
            if self.subjects[k].country and self.subjects[k].end <= actor.start:
                return _as(actor, self.subjects[k].country)
            k -= 1
        if self._countries is None:  # the fallback antecedents, listed on first need
            self._countries = [
                s
                for s in entity_spans_within(self.doc, 0, len(self.text))
                if s.label_ != "DATE" and s._.country
            ]
            self.country_starts = [s.start_char for s in self._countries]
        k = bisect_left(self.country_starts, actor.start) - 1
        while k >= 0 and self._countries[k].end_char > actor.start:
            k -= 1
        return _as(actor, self._countries[k]._.country) if k >= 0 else None

    def parties(self, start: int, end: int, frames: list[Frame]) -> list[_Party]:
        """The sentence's parties with their cues (a coordinated party shares its list's cue)."""
        frame_starts = [f.start for f in frames]
        out: list[_Party] = []
        for a in self.sentence_actors(start, end):
            if a.end > end:
                break
            cue, listed = self._cue(a, frames, frame_starts, start), -1
            if out:
                prev = out[-1]
                gap = self.text[prev.actor.end : a.start]
                if (
                    prev.cue in ("recipient", "source", "agent")
                    and _LIST_GAP.match(gap)
                    and a.name != prev.actor.name
                    # "do A (N), B (M) trao tặng": the last giver of the list is no subject
                    and (prev.cue == "agent" or not self._starts_clause(a, frames, frame_starts))
                ):
                    cue, listed = prev.cue, len(out) - 1
                elif gap.strip() == "(" and prev.cue is not None:
                    cue = prev.cue  # "Tổ chức Y tế Thế giới (WHO)": the same party
            out.append(_Party(a, cue, listed))
        return out

    def real(self, party: _Party) -> Actor | None:
        """The party's actor, an anaphor resolved when first read (frames before it known)."""
        if party.actor.kind == "ANAPHOR":
            resolved = self.resolve(party.actor)
            if resolved is None:
                return None
            party.actor = resolved
        return party.actor

    def _starts_clause(self, a: Actor, frames: list[Frame], frame_starts: list[int]) -> bool:
        """The party is followed by its own verb ("..., và Trung Quốc sẽ viện trợ"): a subject."""
        k = bisect_left(frame_starts, a.end)
        if k >= len(frames) or frames[k].start - a.end > _AGENT_REACH:
            return False
        return bool(_AGENT_GAP.match(self.text[a.end : frames[k].start]))

    def _cue(
        self, a: Actor, frames: list[Frame], frame_starts: list[int], s_start: int
    ) -> str | None:
        text = self.text
        before = text[max(s_start, a.start - _CUE_WINDOW) : a.start]
        after = text[a.end : a.end + 30]
        if a.kind == "ORG" and _REPORTER_AFTER.match(after):
            return "other"
        if re.search(r"\btheo\s+(?:\S+\s+){0,3}$", before[-25:], re.I) and _REPORTER_AFTER.match(
            after
        ):
            return "other"
        k = bisect_left(frame_starts, a.end)
        nxt = frames[k] if k < len(frames) and frames[k].start - a.end <= _AGENT_REACH else None
        follows = nxt is not None and bool(_AGENT_GAP.match(text[a.end : nxt.start]))
        if not follows and k < len(frames) and frames[k].start - a.end <= _AGENT_LIST_REACH:
            # "do Pháp (N liều), Đức (M liều) và Hà Lan (K liều) trao tặng": the verb after
            # a bracketed list of givers
            nxt = frames[k]
            follows = bool(_AGENT_LIST_GAP.match(text[a.end : nxt.start]))
        cues = [
            (m.start(), kind)
            for kind, regex in (
                ("agent", _AGENT_CUE),
                ("recipient", _RECIPIENT_CUE),
                ("source", _SOURCE_CUE),
            )
            for m in [regex.search(before)]
            if m is not None
        ]
        nearest = max(cues)[1] if cues else None  # the preposition closest to the party decides
        if nearest == "agent":
            if follows and "buy" in nxt.flags:
                return "buyer"
            if follows and nxt.cls == "supply":
                return "agent"
            if _PASSIVE_BEFORE.search(before):
                return None  # "Lào được Nhật Bản ..." with no supply verb: just a subject
            return "other"  # "do Gavi điều phối", "do Anh sản xuất": a relative clause
        if nearest == "recipient":
            return "recipient"
        if nearest == "source" and not _POSSESSOR.search(before):
            return "source"
        if _OTHER_CUE.search(before):
            return "other"
        j = bisect_left(frame_starts, a.start) - 1
        indirect = j >= 0 and frames[j].cls == "supply" and frames[j].end <= a.start
        if indirect and _INDIRECT_GAP.match(text[frames[j].end : a.start]):
            return "recipient"  # "tặng Thái Lan 1,5 triệu liều": the indirect object
        return None


def _as(actor: Actor, country: str) -> Actor:
    return Actor(actor.start, actor.end, "COUNTRY", country, country, actor.span)


def _arguments(
    state: _State,
    frame: Frame,
    parties: list[_Party],
    starts: list[int],
    found: list[Frame],
    k: int,
):
    """Subject (or passive agent), recipients and source of one frame."""
    text = state.text
    j = bisect_left(starts, frame.start) - 1
    steps = 0
    while j >= 0 and steps < 12:  # the nearest unmarked party before the verb
        p = parties[j]
        steps += 1
        if p.actor.end > frame.start:
            j -= 1
            continue
        if p.cue in ("agent", "buyer") and _AGENT_GAP.match(text[p.actor.end : frame.start]):
            frame.agent = state.real(p)
            frame.passive = frame.agent is not None
        elif p.cue is None and state.real(p) is not None:
            frame.subject = p.actor
            frame.subjects = [p.actor]
            while (
                j > 0
                and parties[j - 1].cue is None
                and _LIST_GAP.match(text[parties[j - 1].actor.end : parties[j].actor.start])
            ):  # "Việt Nam và Cuba ký ...": both
                j -= 1
                if state.real(parties[j]) is not None:
                    frame.subjects.insert(0, parties[j].actor)
            break
        j -= 1
    if frame.subject is not None:
        state.note_subject(frame.start, frame.subject)
    if frame.cls == "supply" and _PASSIVE_BEFORE.search(
        text[max(0, frame.start - 10) : frame.start]
    ):
        frame.passive = True  # "Lào được tặng ...": the subject receives
    scope_end = found[k + 1].start if k + 1 < len(found) else frame.sentence.end_char
    i = bisect_left(starts, frame.end)
    while i < len(parties) and parties[i].actor.start < scope_end:
        p = parties[i]
        if state.real(p) is None:
            pass
        elif p.cue == "recipient" and not frame.recipients:
            frame.recipients = _listed(state, parties, i)
        elif p.cue in ("source", "agent") and frame.source is None:
            frame.source = p.actor
        i += 1


def _listed(state: _State, parties: list[_Party], i: int) -> list[Actor]:
    """The party at i and those coordinated after it."""
    out = [parties[i].actor]
    for p in parties[i + 1 :]:
        if p.listed_after < 0:
            break
        if state.real(p) is not None:
            out.append(p.actor)
    return out


def _govern(state: _State, s_start: int, s_end: int, found: list[Frame], parties: list[_Party]):
    """Give each dose figure of the sentence to its predicate, as an Item with its own arguments."""
    text = state.text
    if not DOSE_UNIT.search(text, s_start, s_end):
        return
    sentence = text[s_start:s_end]
    quantities = [
        Quantity(q.value, q.approximate, q.start_char + s_start, q.end_char + s_start, q.text)
        for q in find_quantities(sentence)
        if q.value >= MIN_DOSES
    ]
    if not quantities:
        return
    dose_frames = [
        f
        for f in found
        if f.cls in ("supply", "receive") or (f.cls == "pledge" and "dose" in f.flags)
    ]
    if not dose_frames:
        return
    f_starts = [f.start for f in dose_frames]
    starts = [p.actor.start for p in parties]
    for n, q in enumerate(quantities):
        k = bisect_left(f_starts, q.start_char) - 1
        gov = dose_frames[k] if k >= 0 else dose_frames[0]
        item = Item(q)
        nxt = quantities[n + 1].start_char if n + 1 < len(quantities) else s_end
        prev_q = quantities[n - 1].end_char if n > 0 else s_start
        rel = _RELATIVE.search(text, q.end_char, min(nxt, q.end_char + 60))
        if rel:  # "N liều mà X đã cam kết tặng": the relative clause's verb governs the doses
            j = bisect_left(f_starts, rel.end())
            if j < len(dose_frames) and dose_frames[j].start < min(nxt, rel.end() + 60):
                gov = dose_frames[j]
                item.relative = True
        lead = text[max(prev_q, q.start_char - 30) : q.start_char]
        if lead.rstrip().endswith("("):  # "Thái Lan (300.000 liều)": the party before the bracket
            p = _party_ending_at(parties, starts, lead_start(text, q.start_char))
            if p is not None and p.cue in ("recipient", None) and state.real(p) is not None:
                item.recipients = [p.actor]
            elif p is not None and p.cue in ("agent", "source") and state.real(p) is not None:
                item.source, item.by_agent = p.actor, p.cue == "agent"  # "do Pháp (N liều)"
        elif n > 0 and gov.cls == "supply" and gov.end <= prev_q and _LISTED_PAIR.search(lead):
            # "tặng A N liều, B M liều và C K liều": each figure's party stands before it
            p = _party_ending_at(parties, starts, lead_pair_start(text, q.start_char))
            if (
                p is not None
                and p.actor.start >= prev_q
                and p.cue in ("recipient", None)
                and state.real(p) is not None
            ):
                item.recipients = [p.actor]
        # the item's own words: between its verb and it (when nothing else intervenes), and after it
        lo = gov.end if gov.end <= q.start_char and prev_q <= gov.end else q.end_char
        first_cue = _OWN_RECIPIENT.match(text, q.end_char, nxt)
        each = _EACH.search(text[prev_q : q.start_char]) is not None  # "mỗi nước N liều"
        i = bisect_left(starts, lo)
        while i < len(parties) and parties[i].actor.start < nxt:
            p = parties[i]
            if q.start_char <= p.actor.start < q.end_char or state.real(p) is None:
                i += 1
                continue
            if p.cue == "recipient" and not item.recipients and p.actor.start > q.start_char:
                if first_cue is not None and p.actor.start - first_cue.end() > 30:
                    item.other_recipient = True  # "cho các nước ..., trong đó cho X": not X
                else:
                    item.recipients = _listed(state, parties, i) if each else [p.actor]
            elif p.cue == "recipient" and not item.recipients and not item.other_recipient:
                item.recipients = _listed(state, parties, i) if each else [p.actor]
            elif (
                p.cue in ("source", "agent")
                and item.source is None
                and p.actor.start > q.start_char
            ):
                if _is_company(text, p.actor):
                    item.company_source = True
                else:
                    item.source, item.by_agent = p.actor, p.cue == "agent"
            elif p.cue == "buyer" and item.buyer is None and p.actor.start > q.start_char:
                item.buyer = p.actor
            i += 1
        if not item.recipients and first_cue is not None:
            item.other_recipient = True
        if each and gov.recipients:
            item.recipients = list(gov.recipients)
        gov.items.append(item)
    for frame in dose_frames:  # "lần lượt N và M ... cho X và Y": pair them in order
        if len(frame.items) < 2:
            continue
        first = frame.items[0].quantity.start_char
        if not (
            _RESPECTIVELY.search(text[frame.end : first + 1])
            or _RESPECTIVELY.search(text[frame.start - 12 : frame.start])
        ):
            continue
        if len(frame.recipients) == len(frame.items):
            for item, actor in zip(frame.items, frame.recipients, strict=True):
                item.recipients = [actor]
        elif len(frame.subjects) == len(frame.items) and not frame.elided:
            # "A và B lần lượt nhận / tặng N và M liều": the coordinated subjects in order
            for item, actor in zip(frame.items, frame.subjects, strict=True):
                item.subject = actor


def _share_recipients(found: list[Frame]) -> None:
    """A supply frame with no recipient of its own takes that of a later supply frame of the
    sentence with the same giver ("X sẽ chuyển N liều trong số M liều mà nước này cam kết
    dành cho Y")."""
    for k, frame in enumerate(found):
        if frame.cls != "supply" or frame.recipients or frame.subject is None:
            continue
        for later in found[k + 1 : k + 4]:  # the next few predicates only: bounded
            if later.cls == "supply" and later.recipients and later.subject is not None:
                if later.subject.party == frame.subject.party:
                    frame.recipients = list(later.recipients)
                break


# before a figure of a list: "..., B " / "... và B " (the party B ends at the figure)
_LISTED_PAIR = re.compile(r"(?:,|\bvà)\s+[^,;.()]{1,40}?\s*$", re.I)


def lead_pair_start(text: str, pos: int) -> int:
    """Where the party right before a listed figure ends: the figure's start, less blanks."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def lead_start(text: str, pos: int) -> int:
    """Where the "(" before a bracketed figure stands."""
    return text.rfind("(", max(0, pos - 30), pos)


def _party_ending_at(parties: list[_Party], starts: list[int], pos: int) -> _Party | None:
    k = bisect_left(starts, pos) - 1
    if k >= 0 and not parties[k].actor.end > pos and not parties[k].actor.end < pos - 3:
        return parties[k]
    return None


def _is_company(text: str, actor: Actor) -> bool:
    """A maker, not a giver: "hãng Moderna", "công ty Sinovac", a vaccine brand, or a
    country's companies ("doanh nghiệp Việt Nam")."""
    before = text[max(0, actor.start - 45) : actor.start]
    if actor.kind != "ORG":
        return bool(_COMPANIES_OF.search(before))
    name = actor.name.casefold()
    return bool(_COMPANY_BEFORE.search(before)) or name.startswith(("hãng", "công ty", "tập đoàn"))


# "từ doanh nghiệp Việt Nam", "của các công ty Ấn Độ": companies of a country, not the state
_COMPANIES_OF = re.compile(
    r"\b(?:doanh nghiệp|công ty|hãng|tập đoàn|nhà sản xuất)\s+(?:dược\s+)?(?:của\s+)?$", re.I
)
