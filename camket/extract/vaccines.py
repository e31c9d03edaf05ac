"""vaccine_doses commitments: who gives how many doses to whom, pledged or delivered.

Read from the frame layer (`camket.extract.frames`): every dose figure a supply,
receive or pledge frame governs is a candidate, its supplier and recipient taken
from the frame's arguments by the frame's class:

- supply ("tặng", "viện trợ", "bán"...): the giver is the passive agent ("do/được X
  tặng"), else the subject, else a source after the figure ("của Nga"); the
  recipient is the figure's own "cho X" (a list distributes), else the frame's;
  a passive subject ("Lào được tặng") receives.
- receive ("nhận", "tiếp nhận", "về tới"...): the subject (or the destination of an
  arrival, a city standing for its country) receives; the giver is the figure's
  source or agent ("do Ba Lan trao tặng").
- buy ("mua", "nhập khẩu", "do X đặt mua"): the buyer receives; only a seller
  that is a state counts, a purchase from a company is no commitment. A buy
  predicate right after the figure ("nhận N liều theo hợp đồng mua với hãng X")
  makes the figure a purchase too.

A role the text does not fill is left empty: an elided giver may be carried from
the latest earlier commitment to the same recipient, more doses ("tặng thêm N
liều", "N liều nữa") go to whom the same giver gave before, and a later batch
("lô thứ hai", "đợt tiếp theo") with no party of its own is of the row just
reported; but nothing comes from the article's main pair, so doses for "the
world" or "các nước nghèo" give no row (logged at debug). Running totals, targets and domestic vaccination figures are
not commitments.

Status: an announcement or promise ("tuyên bố gửi", "quyết định tặng", "sẽ") is
pledged; an arrival, a handover or a past donation ("đã", "vừa", "tiếp nhận") is
delivered; a later report of the same doses may upgrade pledged to delivered,
never the reverse, unless "vừa" alone marks it ("vừa" also opens announcements).
Channel is `covax` whenever COVAX carries the doses.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span

from camket.extract.actors import _STATE_BODY, Actor, doc_text
from camket.extract.frames import DOSE_UNIT, Frame, Item, doc_frames
from camket.extract.vocab import load_tsv, phrase_regex
from camket.nlp.dates import resolve_deadline

log = logging.getLogger(__name__)

_COVAX = re.compile(
    r"\b(?:thông qua|qua)\s+(?:cơ chế\s+|chương trình\s+|sáng kiến\s+)?COVAX\b", re.I
)
_SO_FAR = re.compile(
    r"^\W*(?:hiện|hiện nay|đến nay|cho đến nay|tới nay|tính tới nay)\b.*\bđã\b", re.I
)
_TOTAL_BEFORE = re.compile(r"\btổng\s*(?:cộng\s*)?(?:số\s*)?$", re.I)
_PART_OF = re.compile(r"\btrong\s+$", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]")
_EARLIER = re.compile(r"\btrước đó\b", re.I)
_CEREMONY = re.compile(r"\b(?:lễ|buổi)\s+(?:trao|tiếp nhận|bàn giao)", re.I)
# "tặng thêm N liều", "N liều nữa": more of what the giver gave before, to the same recipient
_MORE = re.compile(r"\b(?:thêm|tiếp tục)\b", re.I)
_MORE_REACH = 3  # sentences back that "thêm" looks for the giver's earlier row
_MORE_AFTER = re.compile(r"^[^,.;]{0,25}\bnữa\b", re.I)
# "lô thứ hai", "đợt tiếp theo": a later batch of the doses just reported
_BATCH = re.compile(
    r"\b(?:lô|đợt|chuyến)\s+(?:hàng\s+|vắc xin\s+|vaccine\s+)?"
    r"(?:thứ\s+(?:hai|ba|tư|năm|\d+)|tiếp theo|kế tiếp|còn lại|sau|đầu tiên|đầu)\b",
    re.I,
)
# "N liều còn lại": the rest of the doses just reported
_REMAINDER = re.compile(r"^\s*liều(?:\s+(?:vắc xin|vaccine))?\s+còn lại\b", re.I)
_BUY_REACH = 60  # "N liều ... theo hợp đồng mua với hãng X": the figure is a purchase
_NAMED_RECIPIENT = re.compile(r"\b(?:cho|tới|với)\s+(?:các|những|nhiều|thế giới|toàn)\b", re.I)
_REACH = 150  # characters around a figure that its status and deadline are read from
_CLAUSE_MARK = (",", ";", ":", " và ", " còn ")
_ARRIVAL_TENSE = 10  # characters before an arrival verb read for its own tense ("sẽ về tới")


@cache
def _vocab() -> dict[str, re.Pattern[str]]:
    rows = load_tsv("vaccines.tsv")
    return {
        kind: phrase_regex([r[0] for r in rows[kind]])
        for kind in ("product", "pledged", "delivered", "total")
    }


@cache
def _products() -> dict[str, str]:
    return {" ".join(r[0].split()).casefold(): r[1] for r in load_tsv("vaccines.tsv")["product"]}


@dataclass
class DoseCommitment:
    supplier: str
    recipient: str
    quantity: int
    approximate: bool
    vaccine: str | None
    status: str
    due: str | None
    channel: str
    sentence: Span
    weak: bool = False  # delivered by "vừa" alone: upgrades no other report
    earlier: bool = False  # stated as a past delivery of its own ("trước đó, X đã tặng ...")


def _party(actor: Actor | None) -> str | None:
    """What the actor counts as; None for a state body of no known country ("Bộ Y tế")."""
    if actor is None or (
        actor.kind == "ORG" and actor.country is None and _STATE_BODY.match(actor.name)
    ):
        return None
    return actor.party


def _is_brand(actor: Actor | None) -> bool:
    """An organisation named like a vaccine product (the maker, "AstraZeneca"), not a giver."""
    return (
        actor is not None
        and actor.kind == "ORG"
        and bool(_vocab()["product"].fullmatch(" ".join(actor.name.split())))
    )


def _giver(actor: Actor | None) -> str | None:
    return None if actor is None or _is_brand(actor) else _party(actor)


def _roles(frame: Frame, item: Item) -> tuple[str | None, str | None, bool]:
    """(supplier, recipient, purchase) of one figure, by the frame's class."""
    recipients = item.recipients or ([] if item.other_recipient else frame.recipients)
    recipient = _party(recipients[0]) if recipients else None
    source = item.source or (None if item.company_source or item.buyer else frame.source)
    purchase = "buy" in frame.flags or item.buyer is not None
    if purchase:
        seller = _party(source) if source is not None and source.kind != "ORG" else None
        buyers = [item.buyer] if item.buyer else (frame.subjects if "buy" in frame.flags else [])
        if frame.cls == "receive" and "buy" not in frame.flags and frame.subject is not None:
            buyers = [frame.subject]  # "Việt Nam tiếp nhận N liều do Bộ Y tế mua": it gets them
        # "Việt Nam và Cuba ký hợp đồng mua N liều của Cuba": the buyer is the other one
        buyer = next((_party(b) for b in buyers if _party(b) != seller), None)
        return seller, recipient or buyer, True
    if frame.cls in ("supply", "pledge"):
        # "(đợt đầu) đã được chuyển tới X": a passive of the doses with a recipient of its own;
        # its subject carried from the clause before ("X bắt đầu chuyển ...") still gives
        theme_passive = frame.passive and frame.elided and bool(recipients)
        subject = item.subject or frame.subject  # "A và B lần lượt tặng N và M liều"
        supplier = (
            _giver(frame.agent)
            or (_giver(item.source) if item.by_agent else None)
            or (None if frame.passive and not theme_passive else _giver(subject))
            or _giver(source)
        )
        if recipient is None and frame.passive and subject is not None and not frame.elided:
            recipient = _party(subject)
        return supplier, recipient, False
    # receive
    supplier = _giver(source) or _giver(frame.agent)
    if recipient is None or "arrive" not in frame.flags:
        recipient = _party(item.subject or frame.subject) or recipient
    return supplier, recipient, False


def _status(
    text: str, frame: Frame, item: Item, frames: list[Frame], starts: list[int], window_end: int
) -> tuple[str, bool]:
    """pledged for an announcement, a promise or a future act; delivered for a handover,
    an arrival or a past act; pledged when nothing says. Reads a bounded window only.

    The flag is True for a delivery marked by "vừa" alone ("X vừa tặng Y N liều"): "just"
    also opens announcements, so such a report does not upgrade a pledged row."""
    vocab = _vocab()
    s_start = max(frame.sentence.start_char, frame.start - _REACH)
    subject = frame.subject
    if subject is not None and not frame.elided and s_start <= subject.end <= frame.start:
        pre_start = subject.end
    else:
        pre_start = max([s_start] + [text.rfind(m, s_start, frame.start) for m in _CLAUSE_MARK])
    pre = text[pre_start : frame.start]
    q = item.quantity
    end = min(window_end, q.end_char + _REACH)
    k = bisect_left(starts, q.end_char)
    later = next(
        (f for f in frames[k : bisect_left(starts, end)] if f.flags & {"arrive", "handover"}), None
    )
    if later is not None and not vocab["pledged"].search(
        text[max(q.end_char, later.start - _ARRIVAL_TENSE) : later.start]
    ):  # "N liều do X đặt mua đã về tới Hà Nội": the doses arrived, whatever the tense of the
        # clause that describes them; "sẽ / dự kiến về tới" is still to come
        return "delivered", False
    if "future" in frame.flags or vocab["pledged"].search(pre):
        return "pledged", False
    k = bisect_left(starts, pre_start)
    if any(f.cls == "pledge" for f in frames[k : bisect_left(starts, frame.start)]):
        return "pledged", False
    if frame.flags & {"handover", "arrive"} or (
        frame.cls == "receive" and "buy" not in frame.flags
    ):
        return "delivered", False  # handed over, arrived, or received ("Lào nhận N liều")
    marks = {" ".join(m.group(0).split()).casefold() for m in vocab["delivered"].finditer(pre)}
    just = marks == {"vừa"}  # weak: stronger evidence after the figure may still come
    if marks and not just:
        return "delivered", False
    lo = max(frame.sentence.start_char, q.start_char - _REACH)
    if _CEREMONY.search(text[lo:end]):
        return "delivered", False
    return ("delivered", True) if just else ("pledged", False)


def _per_recipient(item: Item) -> list[Item]:
    """The item, or one copy per recipient when the figure goes to each of several."""
    if len(item.recipients) < 2:
        return [item]
    return [replace(item, recipients=[r]) for r in item.recipients]


def _is_total(text: str, s_start: int, item: Item, prev_end: int, frame: Frame) -> bool:
    """A running total, a target or a figure of what was done so far: not a new commitment.

    The total a promise names ("trong tổng số N liều mà X cam kết tặng Y") is the pledge.
    """
    q = item.quantity
    if item.relative and (frame.cls == "pledge" or "future" in frame.flags):
        return False
    c_start = s_start
    if prev_end > s_start:  # after another figure: from the clause mark after it
        c_start = max([prev_end] + [text.rfind(m, prev_end, q.start_char) for m in _CLAUSE_MARK])
    total = _vocab()["total"]
    after = text[q.end_char : q.end_char + 40]
    hit = total.search(after)
    if hit is not None and _CLAUSE_BREAK.search(after[: hit.start()]):
        hit = None  # "tặng N liều, nâng tổng số ... lên M": the total is M's, N is new
    part_of = hit is not None and _PART_OF.search(after[: hit.start()])  # "N trong tổng số M"
    return bool(
        total.search(text[c_start : q.end_char])
        or (hit and not part_of)
        or _TOTAL_BEFORE.search(text[c_start : q.start_char])
        or _SO_FAR.search(text[c_start : q.end_char + 40])
    )


def find_vaccine_doses(doc: Doc, sentences: list[Span], title_end: int) -> list[DoseCommitment]:
    """Dose commitments of an article; the title's figures yield to the body's."""
    text = doc_text(doc)
    if not DOSE_UNIT.search(text):
        return []  # no dose figure: no frame governs one (and its arguments need not be read)
    frames = doc_frames(doc)
    by_sentence: dict[int, list[Frame]] = {}
    for f in frames:
        by_sentence.setdefault(f.sentence.start_char, []).append(f)
    found: list[DoseCommitment] = []
    last_with: dict[tuple[str, str], DoseCommitment] = {}  # (role, party) -> latest found
    order = {s.start_char: k for k, s in enumerate(sentences)}
    givers = [  # (sentence, start, giver, recipients) of the supply predicates with a giver
        (order.get(f.sentence.start_char, -10), f.start, g, {_party(r) for r in f.recipients})
        for f in frames
        if f.cls == "supply" and not f.passive and f.recipients and (g := _giver(f.subject))
    ]
    for s_start, sent_frames in by_sentence.items():
        here = order.get(s_start, -10)
        items = sorted(
            (
                (each, f)
                for f in sent_frames
                for item in f.items
                for each in _per_recipient(item)  # "cho X, Y mỗi nước N liều": one row each
            ),
            key=lambda pair: pair[0].quantity.start_char,
        )
        if not items:
            continue
        sent = sent_frames[0].sentence
        s_text = text[s_start : sent.end_char]
        covax = bool(_COVAX.search(s_text))
        product = _vocab()["product"].search(s_text)
        vaccine = " ".join(product.group(0).split()) if product else None
        f_starts = [f.start for f in sent_frames]
        prev_start = prev_end = s_start
        later_starts = [pair[0].quantity.start_char for pair in items]
        for item, frame in items:
            q = item.quantity
            k = bisect_right(later_starts, q.start_char)
            nxt = later_starts[k] if k < len(later_starts) else sent.end_char
            if prev_end > q.start_char:  # a second recipient of the same figure
                prev_end = prev_start
            w_start = max(prev_end, q.start_char - 2 * _REACH)
            w_end = min(nxt, q.end_char + 2 * _REACH)
            total = _is_total(text, s_start, item, prev_end, frame)
            prev_start, prev_end = prev_end, q.end_char
            if total:
                continue
            supplier, recipient, purchase = _roles(frame, item)
            purchase = purchase or _bought_after(text, sent_frames, f_starts, q.end_char)
            scope = text[q.end_char : w_end]
            clause = text[max(s_start, frame.start - 30, prev_start) : q.start_char]
            if (
                supplier is None
                and recipient is None
                and not purchase
                and found
                and order.get(found[-1].sentence.start_char, -10) >= here - 2
                and (_BATCH.search(text[s_start : q.start_char]) or _REMAINDER.match(scope))
            ):  # "Lô thứ hai, gồm N liều, sẽ được chuyển tới": the doses of the batch before
                supplier, recipient = found[-1].supplier, found[-1].recipient
            if (
                supplier is None
                and recipient is not None
                and not purchase
                and not item.company_source
            ):
                if covax:
                    supplier = "COVAX"
                else:
                    latest = last_with.get(("recipient", recipient))
                    near = (
                        latest is not None
                        and order.get(latest.sentence.start_char, -10) >= here - 1
                    )
                    if near:  # an elided giver: that of these doses in the sentence before
                        supplier = latest.supplier
                    else:  # "X trao tặng Lào vắc xin. Theo đó, Lào nhận N liều": X's
                        supplier = _earlier_giver(givers, here, q.start_char, recipient)
            if (
                recipient is None
                and supplier is not None
                and not item.other_recipient
                and not _NAMED_RECIPIENT.search(scope)
                and found
                and found[-1].sentence.start_char == s_start
                and found[-1].recipient != supplier
            ):  # "X mua N liều từ Y, và Y sẽ viện trợ thêm M liều": the clause before's
                recipient = found[-1].recipient
            if (
                recipient is None
                and supplier is not None
                and not item.other_recipient
                and not _NAMED_RECIPIENT.search(scope)
                and (_MORE.search(clause) or _MORE_AFTER.search(scope))
                and (before := last_with.get(("supplier", supplier))) is not None
                and order.get(before.sentence.start_char, -10) >= here - _MORE_REACH
            ):  # "X sẽ tặng thêm N liều": more doses to the one X gave to just before
                recipient = before.recipient
            if (
                recipient is None
                and supplier is not None
                and covax
                and supplier != "COVAX"
                and not _NAMED_RECIPIENT.search(scope)
            ):
                recipient = "COVAX"  # doses given to COVAX, no end recipient named
            if supplier is None or recipient is None or supplier == recipient:
                log.debug(
                    "no vaccine_doses row for %r: supplier %s, recipient %s",
                    q.text,
                    supplier,
                    recipient,
                )
                continue
            status, weak = _status(text, frame, item, sent_frames, f_starts, w_end)
            found.append(
                DoseCommitment(
                    supplier=supplier,
                    recipient=recipient,
                    quantity=q.value,
                    approximate=q.approximate,
                    vaccine=vaccine,
                    status=status,
                    due=resolve_deadline(text[w_start:w_end], doc._.published),
                    channel="covax" if covax or "COVAX" in (supplier, recipient) else "bilateral",
                    sentence=sent,
                    weak=weak,
                    earlier=status == "delivered"
                    and bool(
                        _EARLIER.search(text[max(s_start, frame.start - _REACH) : frame.start])
                    ),
                )
            )
            last_with[("supplier", supplier)] = found[-1]
            last_with[("recipient", recipient)] = found[-1]
    return _merge(found, title_end)


GIVER_REACH = 2  # sentences back a giver named with its recipient may be carried from


def _earlier_giver(
    givers: list[tuple[int, int, str, set]], here: int, pos: int, recipient: str
) -> str | None:
    """The giver of the latest supply predicate before `pos`, in this sentence or the two
    before, whose recipients include `recipient` (its doses reported with no giver now)."""
    for sentence, start, giver, recipients in reversed(givers):
        if sentence > here or start >= pos or sentence < here - GIVER_REACH:
            continue
        if recipient in recipients and giver != recipient:
            return giver
    return None


def _bought_after(text: str, frames: list[Frame], starts: list[int], pos: int) -> bool:
    """A buy predicate right after the figure, in its clause ("N liều theo hợp đồng mua ...")."""
    k = bisect_left(starts, pos)
    return (
        k < len(frames)
        and "buy" in frames[k].flags
        and frames[k].start - pos <= _BUY_REACH
        and not re.search(r"[,;.]", text[pos : frames[k].start])
    )


def _merge(found: list[DoseCommitment], title_end: int) -> list[DoseCommitment]:
    """One row per delivery: the body over the title, a later report upgrading the status.

    A past delivery stated on its own ("trước đó, X đã viện trợ N liều") is a commitment of
    its own, not a report of a pledged row with the same figures.
    """
    body = [c for c in found if c.sentence.start_char >= title_end]
    unique: dict[tuple, DoseCommitment] = {}
    for c in body or found:
        unique.setdefault((c.supplier, c.recipient, c.quantity, c.earlier), c)
    for c in found:  # the same doses reported handed over anywhere (title included): delivered
        kept = unique.get((c.supplier, c.recipient, c.quantity, c.earlier))
        if kept is not None and c.status == "delivered" and not c.weak:
            kept.status = "delivered"
    merged: dict[tuple, DoseCommitment] = {}
    for c in unique.values():
        key = (c.supplier, c.recipient, c.quantity)
        other = merged.get(key)
        if other is None:
            merged[key] = c
        elif other.status == c.status and other.earlier == c.earlier:
            continue  # the same doses again
        else:
            merged[key + (c.earlier,)] = c
    return list(merged.values())
