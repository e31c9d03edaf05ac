"""Sentence boundaries."""

from __future__ import annotations


def sents(doc_of, text):
    return [s.text.strip() for s in doc_of(text).sents]


def test_splits_after_period_and_line_break(doc_of):
    assert sents(doc_of, "Hai bên hội đàm. Thủ tướng phát biểu! Có gì mới?\nDòng tiếp theo") == [
        "Hai bên hội đàm.",
        "Thủ tướng phát biểu!",
        "Có gì mới?",
        "Dòng tiếp theo",
    ]


def test_initials_and_abbreviations_do_not_split(doc_of):
    text = "Tổng thống V. Pu-tin gặp TS. Lê Văn Ba tại TP. HCM hôm qua."
    assert sents(doc_of, text) == [text]


def test_numbers_and_dates_do_not_split(doc_of):
    text = "Ngày 05/4/2021, hai bên trao 1,5 triệu liều và 1.499.940 liều khác."
    assert sents(doc_of, text) == [text]


def test_lowercase_after_period_does_not_split(doc_of):
    text = "Đoàn đến lúc 9 giờ. sau đó về nước."
    assert len(sents(doc_of, text)) == 1
