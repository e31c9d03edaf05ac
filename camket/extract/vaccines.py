"""vaccine_doses commitments: who gives how many doses to whom, pledged or delivered.

A sentence yields one commitment per dose quantity ("10 triệu liều", "hơn
400.000 mũi") that has a supply or receive verb, a supplier and a recipient.
Roles come from the words before each party ("cho"/"tới" mark the recipient,
"từ"/"do"/"của" the supplier) and from the subject of the verb. Running totals
and domestic vaccination figures are not commitments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from camket.extract.actors import Actor, actors_in, doc_text, main_pair, span_text
from camket.extract.vocab import load_tsv, phrase_regex
from camket.nlp.dates import resolve_deadline
from camket.nlp.numbers import find_quantities

_RECIPIENT_CUE = re.compile(
    r"(?:\b(?:cho|tới|đến|sang|về|về tới|về đến)\s+"
    r"(?:(?:nhân dân|người dân|chính phủ|phía|nước|chương trình|cơ chế|sáng kiến)\s+)?)$",
    re.I,
)
_SUPPLIER_CUE = re.compile(
    r"(?:\b(?:từ|do|bởi|sản xuất tại|sản xuất ở)\s+(?:(?:nhân dân|chính phủ|phía|nước|các)\s+)?)$",
    re.I,
)
_SUPPLY_RIGHT_BEFORE = re.compile(
    r"\b(?:tặng|trao tặng|gửi tặng|viện trợ|hỗ trợ|bán|cung cấp)\s+(?:thêm\s+)?$", re.I
)
# a role cue before the name an acronym in parentheses spells out ("tại Các ... (UAE)")
_CUE_BEFORE_ACRONYM = re.compile(
    r"\b(?:(?P<supplier>từ|do|bởi|sản xuất tại|sản xuất ở)|(?P<recipient>cho|tới|đến|về))\s+"
    r"(?=(?:[^\s,.;()]+\s+){0,8}[^\s,.;()]*\s*\(\s*$)",
    re.I,
)
MIN_DOSES = 1000  # "tiêm 2 mũi" is a dosing schedule, not a shipment
_COVAX = re.compile(
    r"\b(?:thông qua|qua)\s+(?:cơ chế\s+|chương trình\s+|sáng kiến\s+)?COVAX\b", re.I
)


@cache
def _vocab() -> dict[str, re.Pattern[str]]:
    rows = load_tsv("vaccines.tsv")
    return {
        kind: phrase_regex([r[0] for r in rows[kind]])
        for kind in ("product", "supply", "receive", "pledged", "delivered", "total")
    }


@cache
def _products() -> dict[str, str]:
    return {r[0].casefold(): r[1] for r in load_tsv("vaccines.tsv")["product"]}


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


def _clause(text: str, quantities: list, i: int) -> tuple[int, int]:
    """The part of the sentence that belongs to quantity i: up to the neighbouring quantities' clauses."""
    q = quantities[i]
    start, end = 0, len(text)
    if i > 0:
        prev = quantities[i - 1].end_char
        cut = max(text.rfind(m, prev, q.start_char) for m in (",", ";", " và ", " còn "))
        start = cut + 1 if cut >= 0 else prev
    if i + 1 < len(quantities):
        nxt = quantities[i + 1].start_char
        cut = max(text.rfind(m, q.end_char, nxt) for m in (",", ";", " và ", " còn "))
        end = cut if cut >= 0 else nxt
    return start, end


_REPORTER_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:dẫn|đưa tin|trích|cho hay|cho biết)\b", re.I
)
_OF_CUE = re.compile(r"\bcủa\s+(?:(?:nhân dân|chính phủ|phía|nước)\s+)?$", re.I)
_SO_FAR = re.compile(
    r"^\W*(?:hiện|hiện nay|đến nay|cho đến nay|tới nay|tính tới nay)\b.*\bđã\b", re.I
)
_TOTAL_BEFORE = re.compile(r"\btổng\s*(?:cộng\s*)?(?:số\s*)?$", re.I)
_RECIPIENT_WORD = re.compile(r"\b(?:cho|tới)\s+(?:các|những|nhiều)\b", re.I)


def _cue_role(doc: Doc, actor: Actor, quantity_end: int) -> str | None:
    """Role marked by the words before the actor ("cho Việt Nam", "do Nhật Bản", "của Cuba")."""
    before = doc_text(doc)[max(0, actor.start - 90) : actor.start]
    if before.rstrip().endswith("("):  # "... tại Các tiểu vương quốc Ả Rập thống nhất (UAE)"
        cues = list(_CUE_BEFORE_ACRONYM.finditer(before))
        if cues:  # the cue nearest the spelled-out name decides
            return "supplier" if cues[-1].group("supplier") else "recipient"
    before = before[-30:]
    if _RECIPIENT_CUE.search(before):
        return "recipient"
    if _OF_CUE.search(before):
        # "N liều vắc xin của Cuba": the origin, when right after the doses and a state;
        # "của AstraZeneca" names a maker, "của Venezuela" after a verb a possessor.
        near = 0 <= actor.start - quantity_end <= 40
        return "supplier" if near and actor.kind != "ORG" else None
    if _SUPPLIER_CUE.search(before):
        return "supplier"
    return None


def _is_reporter(doc: Doc, actor: Actor) -> bool:
    return actor.kind == "ORG" and bool(
        _REPORTER_AFTER.search(doc_text(doc)[actor.end : actor.end + 30])
    )


def _assign_roles(
    doc: Doc, actors: list[Actor], verb_pos: int, verb_kind: str, quantity_end: int, covax: bool
) -> dict[str, str]:
    roles: dict[str, str] = {}
    subject: Actor | None = None
    for actor in actors:
        party = actor.party
        if party is None or _is_reporter(doc, actor):
            continue
        if covax and party.upper() == "COVAX":
            continue  # a channel, unless nobody else supplies (below)
        role = _cue_role(doc, actor, quantity_end)
        if (
            role is None
            and verb_kind == "supply"
            and _SUPPLY_RIGHT_BEFORE.search(doc_text(doc)[max(0, actor.start - 25) : actor.start])
        ):
            role = "recipient"  # "tặng Thái Lan 1,5 triệu liều": the indirect object
        if role is not None:
            if role not in roles and party not in roles.values():
                roles[role] = party
        elif actor.end <= verb_pos:
            subject = actor  # the nearest party before the verb is its subject
    if subject is not None and subject.party not in roles.values():
        roles.setdefault("supplier" if verb_kind == "supply" else "recipient", subject.party)
    return roles


def find_vaccine_doses(doc: Doc, sentences: list[Span], title_end: int) -> list[DoseCommitment]:
    """Dose commitments of an article; the title's figures yield to the body's."""
    vocab = _vocab()
    found: list[DoseCommitment] = []
    last_with: dict[tuple[str, str], DoseCommitment] = {}  # (role, party) -> latest found
    for sent in sentences:
        text = span_text(doc, sent)
        quantities = [q for q in find_quantities(text) if q.value >= MIN_DOSES]
        if not quantities:
            continue
        # read once per sentence, not once per quantity: a long sentence has many
        covax = bool(_COVAX.search(text))
        product = vocab["product"].search(text)
        vaccine = (
            _products().get(" ".join(product.group(0).split()).casefold()) if product else None
        )
        for i, q in enumerate(quantities):
            c_start, c_end = _clause(text, quantities, i)
            clause = text[c_start:c_end]
            before_q = text[c_start : q.start_char]
            if (
                vocab["total"].search(clause[: q.end_char - c_start + 40])
                or _TOTAL_BEFORE.search(before_q)
                or _SO_FAR.search(clause)
            ):
                continue
            verbs = sorted(
                (m.start() + c_start, kind)
                for kind in ("supply", "receive")
                for m in vocab[kind].finditer(clause)
            )
            if not verbs:
                continue
            before_verbs = [v for v in verbs if v[0] < q.start_char]
            verb_pos, verb_kind = before_verbs[-1] if before_verbs else verbs[0]
            actors = actors_in(doc, sent.start_char + c_start, sent.start_char + c_end)
            roles = _assign_roles(
                doc,
                actors,
                sent.start_char + verb_pos,
                verb_kind,
                sent.start_char + q.end_char,
                covax,
            )
            _complete_roles(doc, roles, last_with, covax, clause)
            if (
                "supplier" not in roles
                or "recipient" not in roles
                or roles["supplier"] == roles["recipient"]
            ):
                continue
            status = (
                "pledged"
                if vocab["pledged"].search(clause)
                else ("delivered" if vocab["delivered"].search(clause) else "pledged")
            )
            found.append(
                DoseCommitment(
                    supplier=roles["supplier"],
                    recipient=roles["recipient"],
                    quantity=q.value,
                    approximate=q.approximate,
                    vaccine=vaccine,
                    status=status,
                    due=resolve_deadline(clause, doc._.published),
                    channel="covax" if covax else "bilateral",
                    sentence=sent,
                )
            )
            last_with[("supplier", found[-1].supplier)] = found[-1]
            last_with[("recipient", found[-1].recipient)] = found[-1]
    body = [c for c in found if c.sentence.start_char >= title_end]
    unique: dict[tuple, DoseCommitment] = {}
    for c in body or found:
        unique.setdefault((c.supplier, c.recipient, c.quantity), c)
    for c in found:  # the same doses reported handed over anywhere (title included): delivered
        kept = unique.get((c.supplier, c.recipient, c.quantity))
        if kept is not None and c.status == "delivered":
            kept.status = "delivered"
    return list(unique.values())


def _complete_roles(
    doc: Doc,
    roles: dict[str, str],
    last_with: dict[tuple[str, str], DoseCommitment],
    covax: bool,
    clause: str,
) -> None:
    """Fill a missing party: COVAX for doses given to it, the partner of the latest earlier
    commitment by the same party (`last_with`: (role, party) -> it), else the article's
    other main country."""
    if covax and "supplier" in roles and "recipient" not in roles and roles["supplier"] != "COVAX":
        roles["recipient"] = "COVAX"
    if covax and "supplier" not in roles and "recipient" in roles:
        roles["supplier"] = "COVAX"
    if len(roles) != 1:
        return
    ((role, party),) = roles.items()
    missing = "recipient" if role == "supplier" else "supplier"
    if missing == "recipient" and _RECIPIENT_WORD.search(clause):
        return  # "cho các nước ...": a recipient is named, just not a country we know
    latest = last_with.get((role, party))
    if latest is not None:
        roles[missing] = getattr(latest, missing)
        return
    if missing == "recipient" and _RECIPIENT_WORD.search(clause):
        return  # "cho các nước ...": a recipient is named, just not a country we know
    pair = main_pair(doc)
    if pair and party in pair:
        roles[missing] = pair[1] if party == pair[0] else pair[0]
