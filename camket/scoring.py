"""Score predictions against gold, counted as ../shared/ANNOTATION.md "How the score is counted".

Pure functions over plain dicts (one gold row and one prediction per doc), so
`camket evaluate`, the tests and development scripts share one scorer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

TYPES = ("entities", "vaccine_doses", "invitation", "cooperation_areas")
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


def _score_commitments(
    kind: str, gold: dict, pred: list[dict], counts: Counts, status: Counts, misses: list[dict]
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
            if p.get("status") == gold_items[hit].get("status"):
                status.tp += 1
            else:
                status.fp += 1
                misses.append(
                    {
                        "doc": doc,
                        "type": kind,
                        "kind": "wrong status",
                        "item": {"gold": gold_items[hit].get("status"), "pred": p.get("status")},
                    }
                )
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
    """Micro-averaged P/R/F1 per type, status accuracy, and the misses.

    `predictions` maps doc -> {"entities": [{label, canonical, text?}], "commitments": [...]}.
    A gold doc with no prediction scores as all missed.
    """
    counts = {t: Counts() for t in TYPES}
    status = {"vaccine_doses": Counts(), "invitation": Counts()}
    misses: list[dict] = []
    docs = 0
    for gold in gold_rows:
        docs += 1
        pred = predictions.get(gold["doc"], {"entities": [], "commitments": []})
        _score_entities(gold, pred["entities"], counts["entities"], misses)
        for kind in ("vaccine_doses", "invitation"):
            _score_commitments(kind, gold, pred["commitments"], counts[kind], status[kind], misses)
        _score_areas(gold, pred["commitments"], counts["cooperation_areas"], misses)
    report: dict[str, Any] = {"docs": docs, "scores": {t: c.as_dict() for t, c in counts.items()}}
    report["status_accuracy"] = {
        kind: {
            "matched": c.tp + c.fp,
            "correct": c.tp,
            "accuracy": c.tp / (c.tp + c.fp) if c.tp + c.fp else None,
        }
        for kind, c in status.items()
    }
    report["misses"] = misses
    return report
