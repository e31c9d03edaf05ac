"""The date scanner's locators (a piece every match of a pattern contains) never hide a match:
where a pattern matches, its locator is found, and find_dates / resolve_deadline give the same
results with and without the locators."""

from __future__ import annotations

import random
import re

import pytest
from support import SEEDS, SHARED

from camket.nlp import dates

# Expressions of every rule (from the module's documentation and tests), with neighbours.
PIECES = [
    "ngày 02/3/2021", "05/4/2021", "(2/9/2025)", "25-6-1975", "19.4.2021", "ngày 3 tháng 5 năm 2024",
    "mùng 2/9 năm nay", "ngày 21/2", "hôm 13/6", "chiều 6/7", "rạng sáng 7/7", "sáng ngày 19/4",
    "ngày 8-6", "từ ngày 25 đến ngày 28/2", "ngày 26-27/1", "ngày 5 và 6/7", "ngày 11-12/12 năm 2023",
    "28/2 - 3/3/2021", "19/4/1961-19/4/2021", "2021-07-05", "tháng 10/2025", "tháng 2-2021",
    "tháng 3 năm 2021", "tháng Ba", "tháng năm", "tháng 10", "tháng tới", "tháng sau", "tháng này",
    "tháng trước", "tháng 5-6/2021", "đầu tháng", "cuối tháng", "giữa tháng 8", "quý III/2021",
    "quý 2 năm 2022", "quý I", "quý IV năm sau", "năm 2021", "năm 2021-2025", "năm nay", "năm sau",
    "năm tới", "năm ngoái", "cuối năm", "đầu năm", "giai đoạn 2021-2025", "giai đoạn 2021 – 2030",
    "hôm nay", "hôm qua", "ngày mai", "sáng nay", "tối qua", "đêm qua", "chiều mai", "ngày hôm qua",
    "trong tháng 8/2021", "từ nay đến cuối năm 2021", "trước ngày 31/12/2021", "3 tháng tới",
    "35 năm", "những năm tới", "mỗi cuối năm", "năm học", "năm tài chính", "1/2 số", "Tháng Mười Hai",
    "NĂM 2020", "Quý iv", "HÔM NAY", "thượng tuần tháng 7", "nửa đầu năm 2022", "tháng 13", "31/2/2021",
]  # fmt: skip
GLUE = [" ", "  ", "\n", ", ", ". ", "-", "/", "", " và ", " đến ", "x", "2", "(", ")"]


def _texts() -> list[str]:
    texts = []
    for folder in (SEEDS, SHARED / "devset" / "docs"):
        if folder.exists():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    rng = random.Random(11)
    for _ in range(4000):
        parts = [rng.choice(PIECES) for _ in range(rng.randint(1, 4))]
        text = "".join(p + rng.choice(GLUE) for p in parts)
        if rng.random() < 0.2:
            text = text.upper()
        texts.append(rng.choice(["", "a", "Ngày ", "2021-", "x/"]) + text)
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("pattern", [p for p, _ in dates._RULES], ids=lambda p: p.pattern[:30])
def test_a_locator_is_found_wherever_its_pattern_matches(pattern):
    locator = dates._LOCATORS.get(pattern)
    if locator is None:
        pytest.skip("no locator")
    assert locator.flags == pattern.flags
    matched = 0
    for text in TEXTS:
        found = [m for m in pattern.finditer(text)]
        if found:
            matched += 1
            assert locator.search(text), (pattern.pattern[:40], text)
            for m in found:  # every match contains a locator match
                assert any(
                    m.start() <= loc.start() and loc.end() <= m.end() + 40
                    for loc in re.finditer(
                        f"(?=({locator.pattern}))", text, locator.flags & ~re.UNICODE
                    )
                ), (pattern.pattern[:40], m.group())
    assert matched, pattern.pattern[:40]


def test_results_are_the_same_without_locators(monkeypatch):
    with_locators = [
        (dates.find_dates(t, "2021-05-04"), dates.resolve_deadline(t, "2021-05-04")) for t in TEXTS
    ]
    monkeypatch.setattr(dates, "_LOCATORS", {})
    without = [
        (dates.find_dates(t, "2021-05-04"), dates.resolve_deadline(t, "2021-05-04")) for t in TEXTS
    ]
    assert with_locators == without
    assert sum(bool(found) for found, _ in without) > len(TEXTS) // 2


def _spread(text: str, rng: random.Random) -> str:
    """`text` with its spaces widened to random whitespace runs ("cuối \n  năm")."""
    return re.sub(" ", lambda _: rng.choice([" ", "  ", "\n", " \n ", "\t", "   "]), text)


@pytest.mark.parametrize("pattern", list(dates._BACK), ids=lambda p: p.pattern[:30])
def test_located_scan_is_finditer(pattern):
    rng = random.Random(5)
    texts = TEXTS + [_spread(t, rng) for t in TEXTS[-3000:]]
    texts += ["đầu " + t for t in texts[-500:]] + ["x " * 30 + t for t in texts[-300:]]
    locator = dates._LOCATORS[pattern]
    back = dates._BACK[pattern]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        got = [
            (m.span(), m.groupdict())
            for m in dates._located(pattern, locator, back, text, text[::-1])
        ]
        assert got == expected, (pattern.pattern[:40], text)
