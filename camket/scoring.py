"""Score predictions against gold, counted as ../shared/ANNOTATION.md "How the score is counted".

Pure functions over plain dicts (one gold row and one prediction per doc), so
`camket evaluate`, the tests and development scripts share one scorer.

Secondary fields (`FIELDS`) are scored over matched commitments only, and a field
only where the gold row has its key: a gold null then says "not stated", and a
prediction must be null too; a key the gold leaves out (older gold has no
`channel`) is not counted either way. `vaccine` and `location` compare folded
(`fold`); `event` agrees when the two phrases overlap (`event_overlap`); the
other fields compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

TYPES = ("entities", "vaccine_doses", "invitation", "cooperation_areas")
#: Secondary fields of matched commitments whose agreement with the gold is reported.
FIELDS = {
    "vaccine_doses": ("status", "due", "vaccine", "channel", "approximate"),
    "invitation": ("status", "when", "location", "event"),
}
EVENT_JACCARD = 0.5  # token-set overlap at which two event phrases name the same event
SCORED_LABELS = ("PERSON", "COUNTRY", "ORG", "LOC")
FOLDED_LABELS = ("PERSON", "ORG")


def fold(text: str | None) -> str:
    """Fold case, diacritics (đ -> d), spaces, dots and hyphens: the name-matching key."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").casefold()
    return re.sub(r"[\s.\-‐–—_]+", "", text)


class Counts:
    """True positives, false positives and false negatives of one type."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def tally(self) -> dict[str, int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn}

    def as_dict(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": p, "recall": r, "f1": f}


def _entity_keys(gold_entity: dict) -> set[str]:
    label = gold_entity["label"]
    names = [gold_entity["canonical"], *gold_entity.get("aliases", [])]
    return {fold(n) for n in names} if label in FOLDED_LABELS else set(names)


def _score_entities(gold: dict, pred: list[dict], counts: Counts, misses: list[dict]) -> None:
    doc = gold["doc"]
    optional = {fold(n) for n in gold.get("optional", {}).get("entities", [])}
    gold_entities = [e for e in gold.get("entities", []) if e["label"] in SCORED_LABELS]
    matched: set[int] = set()
    extra: set[tuple[str, str]] = set()
    for p in pred:
        label, canonical = p["label"], p["canonical"]
        if label not in SCORED_LABELS:
            continue
        key = fold(canonical) if label in FOLDED_LABELS else canonical
        hit = next(
            (
                i
                for i, g in enumerate(gold_entities)
                if g["label"] == label and key in _entity_keys(g)
            ),
            None,
        )
        if hit is not None:
            matched.add(hit)
        elif fold(canonical) in optional or fold(p.get("text")) in optional:
            continue
        else:
            extra.add((label, canonical))
    counts.tp += len(matched)
    counts.fp += len(extra)
    for i, g in enumerate(gold_entities):
        if i not in matched:
            counts.fn += 1
            misses.append({"doc": doc, "type": "entities", "kind": "missed", "item": g})
    for label, canonical in sorted(extra):
        misses.append(
            {
                "doc": doc,
                "type": "entities",
                "kind": "spurious",
                "item": {"label": label, "canonical": canonical},
            }
        )


def _same_person(pred_name: str | None, gold_name: str | None, gold: dict) -> bool:
    if gold_name is None:
        return True
    keys = {fold(gold_name)}
    for e in gold.get("entities", []):
        names = {fold(e["canonical"]), *(fold(a) for a in e.get("aliases", []))}
        if fold(gold_name) in names:
            keys |= names
    return fold(pred_name) in keys


def _matches(kind: str, p: dict, g: dict, gold: dict) -> bool:
    if kind == "vaccine_doses":
        return (
            p.get("supplier") == g.get("supplier")
            and p.get("recipient") == g.get("recipient")
            and p.get("quantity") == g.get("quantity")
        )
    return (
        p.get("inviter_country") == g.get("inviter_country")
        and p.get("invitee_country") == g.get("invitee_country")
        and _same_person(p.get("invitee_person"), g.get("invitee_person"), gold)
    )


def _words(text: str) -> list[str]:
    """Folded words (case, diacritics, đ -> d) of a phrase, punctuation dropped."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").casefold()
    return re.findall(r"\w+", text)


def _in_a_row(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return n > 0 and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def event_overlap(pred: str | None, gold: str | None) -> bool:
    """Two event phrases name one event: folded word sets with Jaccard >= 0.5, or the
    words of one stand in a row inside the other ("thăm Việt Nam" in "sớm thăm Việt Nam")."""
    if pred is None or gold is None:
        return pred is gold
    p, g = _words(pred), _words(gold)
    union = set(p) | set(g)
    if union and len(set(p) & set(g)) / len(union) >= EVENT_JACCARD:
        return True
    return _in_a_row(p, g) or _in_a_row(g, p)


def field_agrees(field: str, pred: Any, gold: Any) -> bool:
    """Whether a predicted secondary field says what the gold says (see the module doc)."""
    if field == "event":
        return event_overlap(pred, gold)
    if field in ("vaccine", "location") and pred is not None and gold is not None:
        return fold(pred) == fold(gold)
    return pred == gold


class Tally:
    """Matched commitments where the gold states a field, and how many agree."""

    def __init__(self) -> None:
        self.matched = self.correct = 0

    def as_dict(self) -> dict[str, Any]:
        accuracy = self.correct / self.matched if self.matched else None
        return {"matched": self.matched, "correct": self.correct, "accuracy": accuracy}


def _score_fields(
    kind: str, doc: str, p: dict, g: dict, fields: dict[str, Tally], misses: list[dict]
) -> None:
    """Count the secondary fields of one matched pair; a disagreement is a miss."""
    for name in FIELDS[kind]:
        if name not in g:
            continue
        fields[name].matched += 1
        if field_agrees(name, p.get(name), g[name]):
            fields[name].correct += 1
        else:
            misses.append(
                {
                    "doc": doc,
                    "type": kind,
                    "kind": f"wrong {name}",
                    "item": {"gold": g[name], "pred": p.get(name)},
                }
            )


def _score_commitments(
    kind: str,
    gold: dict,
    pred: list[dict],
    counts: Counts,
    fields: dict[str, Tally],
    misses: list[dict],
) -> None:
    doc = gold["doc"]
    gold_items = [c for c in gold.get("commitments", []) if c["type"] == kind]
    optional = [c for c in gold.get("optional", {}).get("commitments", []) if c["type"] == kind]
    used: set[int] = set()
    for p in (c for c in pred if c["type"] == kind):
        hit = next(
            (i for i, g in enumerate(gold_items) if i not in used and _matches(kind, p, g, gold)),
            None,
        )
        if hit is not None:
            used.add(hit)
            counts.tp += 1
            _score_fields(kind, doc, p, gold_items[hit], fields, misses)
        elif any(_matches(kind, p, o, gold) for o in optional):
            continue
        else:
            counts.fp += 1
            misses.append({"doc": doc, "type": kind, "kind": "spurious", "item": _brief(p)})
    for i, g in enumerate(gold_items):
        if i not in used:
            counts.fn += 1
            misses.append({"doc": doc, "type": kind, "kind": "missed", "item": _brief(g)})


def _brief(c: dict) -> dict:
    return {
        k: v
        for k, v in c.items()
        if v is not None
        and k not in ("article_id", "run_id", "commitment_id", "start_char", "end_char")
    }


def _score_areas(gold: dict, pred: list[dict], counts: Counts, misses: list[dict]) -> None:
    doc = gold["doc"]
    gold_areas = {
        a
        for c in gold.get("commitments", [])
        if c["type"] == "cooperation_areas"
        for a in c["areas"]
    }
    optional = set(gold.get("optional", {}).get("areas", []))
    pred_areas = {
        a for c in pred if c["type"] == "cooperation_areas" for a in (c.get("areas") or [])
    }
    counts.tp += len(gold_areas & pred_areas)
    for area in sorted(pred_areas - gold_areas - optional):
        counts.fp += 1
        misses.append({"doc": doc, "type": "cooperation_areas", "kind": "spurious", "item": area})
    for area in sorted(gold_areas - pred_areas):
        counts.fn += 1
        misses.append({"doc": doc, "type": "cooperation_areas", "kind": "missed", "item": area})


def score(
    gold_rows: Iterable[dict], predictions: dict[str, dict[str, list[dict]]]
) -> dict[str, Any]:
    """Micro-averaged P/R/F1 per type, field accuracies, per-doc counts, and the misses.

    `predictions` maps doc -> {"entities": [{label, canonical, text?}], "commitments": [...]}.
    A gold doc with no prediction scores as all missed. `field_accuracy[type][field]` and
    `status_accuracy[type]` (the status field alone) are {matched, correct, accuracy};
    `per_doc[doc][type]` is {tp, fp, fn}.
    """
    totals = {t: Counts() for t in TYPES}
    fields = {kind: {name: Tally() for name in names} for kind, names in FIELDS.items()}
    per_doc: dict[str, dict[str, dict[str, int]]] = {}
    misses: list[dict] = []
    docs = 0
    for gold in gold_rows:
        docs += 1
        pred = predictions.get(gold["doc"], {"entities": [], "commitments": []})
        counts = {t: Counts() for t in TYPES}
        _score_entities(gold, pred["entities"], counts["entities"], misses)
        for kind in FIELDS:
            _score_commitments(kind, gold, pred["commitments"], counts[kind], fields[kind], misses)
        _score_areas(gold, pred["commitments"], counts["cooperation_areas"], misses)
        per_doc[gold["doc"]] = {t: c.tally() for t, c in counts.items()}
        for t, c in counts.items():
            totals[t].add(c)
    field_accuracy = {
        kind: {name: t.as_dict() for name, t in tallies.items()} for kind, tallies in fields.items()
    }
    return {
        "docs": docs,
        "scores": {t: c.as_dict() for t, c in totals.items()},
        "status_accuracy": {kind: f["status"] for kind, f in field_accuracy.items()},
        "field_accuracy": field_accuracy,
        "per_doc": per_doc,
        "misses": misses,
    }
