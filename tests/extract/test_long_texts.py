"""Long texts: an article over spaCy's max_length is extracted in slices, and extraction
time grows linearly with the length of a text that has no sentence end.

The text is a paragraph written for this test (not from any outlet), repeated.
"""

from __future__ import annotations

import time

import pytest

from camket.extract import _COMMITMENT_FIELDS, extract_articles
from camket.extract.slicing import SLICE_CHARS, slice_bounds
from camket.nlp import get_nlp
from camket.records import sha256_hex

PARAGRAPH = (
    "Ngày {day}/3/2021, tại Hà Nội, Bộ trưởng Bộ Y tế Nguyễn Văn An đã tiếp Đại sứ Nhật Bản "
    "Tanaka Hiroshi. Chính phủ Nhật Bản đã trao tặng {doses}.000 liều vắc xin AstraZeneca cho "
    "Việt Nam. Hai bên nhất trí tăng cường hợp tác trong các lĩnh vực y tế, giáo dục, thương mại "
    "và quốc phòng; Bộ Công Thương và Hiệp hội Doanh nghiệp Nhật Bản tại Việt Nam sẽ tổ chức "
    "diễn đàn đầu tư vào tháng 5/2021. Thủ tướng Lê Minh Quang mời Thủ tướng Ô-xtrây-li-a sang "
    "thăm chính thức Việt Nam vào năm 2022. Tổ chức Y tế Thế giới (WHO) đánh giá cao nỗ lực của "
    "Việt Nam, Lào và Cuba trong phòng chống dịch, ông An cho biết. Các đại biểu đã trao đổi "
    "ý kiến cởi mở, thẳng thắn về nhiều vấn đề cùng quan tâm và khẳng định sẽ tiếp tục phối hợp "
    "chặt chẽ trong thời gian tới. Buổi làm việc diễn ra trong không khí thân mật, tin cậy; sau "
    "đó đoàn đã đi thăm một số cơ sở sản xuất và trường học ở địa phương."
)


def paragraphs(chars: int) -> str:
    """A title, then numbered copies of PARAGRAPH (other day and doses) up to `chars`."""
    out = ["Nhật Bản và Việt Nam tăng cường hợp tác y tế"]
    size, i = len(out[0]), 0
    while size < chars:
        out.append(PARAGRAPH.format(day=i % 28 + 1, doses=100 + i % 900))
        size, i = size + len(out[-1]) + 2, i + 1
    return "\n\n".join(out)


def no_sentence_end(chars: int) -> str:
    """PARAGRAPH copies with every sentence end and line break removed: one long sentence."""
    text = paragraphs(chars).replace(". ", " ").replace(".\n\n", " ").replace("\n", " ")
    return text[:chars]


def row(text: str) -> dict:
    return {
        "article_id": "a" * 64,
        "doc": "long",
        "clean_text": text,
        "published": "2021-03-01",
        "run_id": "t",
    }


@pytest.fixture(scope="module")
def long_article():
    text = paragraphs(1_050_000)
    entities, commitments = extract_articles([row(text)])
    return text, entities, commitments


def test_an_article_over_max_length_is_extracted(long_article):
    text, entities, commitments = long_article
    assert len(text) > get_nlp().max_length
    assert len(slice_bounds(text)) > len(text) // SLICE_CHARS
    assert len(entities) > 10_000 and commitments


def test_every_offset_indexes_the_whole_clean_text(long_article):
    text, entities, commitments = long_article
    for e in entities:
        assert text[e["start_char"] : e["end_char"]] == e["text"], e
    for c in commitments:
        assert text[c["start_char"] : c["end_char"]] == c["evidence"], c


def test_later_slices_have_rows(long_article):
    text, entities, commitments = long_article
    assert any(e["start_char"] > SLICE_CHARS for e in entities)
    assert any(e["start_char"] > 1_000_000 for e in entities)
    later = {c["type"] for c in commitments if c["start_char"] > SLICE_CHARS}
    assert later == {"vaccine_doses", "invitation", "cooperation_areas"}


def test_rows_are_unique_and_ids_come_from_article_offsets(long_article):
    _, entities, commitments = long_article
    keys = [(e["start_char"], e["end_char"], e["label"]) for e in entities]
    assert len(set(keys)) == len(keys)
    ids = [c["commitment_id"] for c in commitments]
    assert len(set(ids)) == len(ids)
    for c in commitments:
        key = "|".join(
            [c["article_id"], c["type"], str(c["start_char"])]
            + [str(c[f]) for f in _COMMITMENT_FIELDS]
        )
        assert c["commitment_id"] == sha256_hex(key)[:32]


def test_a_short_text_is_one_slice_with_the_same_rows():
    text = paragraphs(5_000)
    assert slice_bounds(text) == [(0, len(text))]
    assert extract_articles([row(text)]) == extract_articles([row(text)], slice_chars=10**9)


def test_a_slice_ends_at_a_paragraph_break_before_a_sentence_end():
    text = "a" * 80 + "\n\n" + "b" * 5 + ". " + "c" * 5 + " " + "d" * 200
    bounds = slice_bounds(text, size=100, window=30)
    assert bounds[0] == (0, 82)  # after "\n\n", although ". " and " " come later in the window
    assert text[bounds[1][0] :].startswith("bbbbb. ")


def test_without_a_paragraph_break_a_sentence_end_then_whitespace_then_the_limit():
    sentence = "x" * 80 + "! " + "y" * 5 + " " + "z" * 200
    assert slice_bounds(sentence, size=100, window=30)[0] == (0, 82)
    words = "x" * 80 + " " + "y" * 200
    assert slice_bounds(words, size=100, window=30)[0] == (0, 81)
    solid = "x" * 250
    assert slice_bounds(solid, size=100, window=30) == [(0, 100), (100, 200), (200, 250)]
    marks = "x" * 99 + "a\u0301" + "x" * 50  # no cut between a letter and its tone mark
    assert slice_bounds(marks, size=100, window=30)[0] == (0, 99)


def test_slices_cover_the_text_in_order():
    text = paragraphs(50_000)
    bounds = slice_bounds(text, size=3_000, window=1_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(0 < end - start <= 3_000 for start, end in bounds)
    assert all(text[start - 2 : start] == "\n\n" for start, _ in bounds[1:])


def _cpu_seconds(text: str) -> float:
    """Least CPU time of two extractions of `text` as one Doc (less noise on a busy machine)."""
    times = []
    for _ in range(2):
        started = time.process_time()
        extract_articles([row(text)], slice_chars=10**9)
        times.append(time.process_time() - started)
    return min(times)


def test_extraction_time_is_linear_in_the_length_of_a_sentence(monkeypatch):
    """4x the text must cost well under 16x the time (what a quadratic rule costs).

    Sentences are not cut at MAX_SENTENCE_CHARS here, so every rule sees the whole
    sentence: the look-backs themselves must be bounded, not only the sentence length.
    """
    monkeypatch.setattr("camket.nlp.sentences.MAX_SENTENCE_CHARS", 10**9)
    extract_articles([row(no_sentence_end(2_000))])  # pipeline loaded, caches warm
    short, long = _cpu_seconds(no_sentence_end(50_000)), _cpu_seconds(no_sentence_end(200_000))
    assert long / short < 8, (short, long)


def test_a_sentence_longer_than_the_cap_is_cut_at_whitespace():
    from camket.nlp.sentences import MAX_SENTENCE_CHARS

    text = no_sentence_end(4 * MAX_SENTENCE_CHARS)
    doc = get_nlp()(text)
    sentences = list(doc.sents)
    assert len(sentences) >= 4
    for sent in sentences:
        assert len(sent.text) <= MAX_SENTENCE_CHARS + 40
        assert sent.start_char == 0 or text[sent.start_char - 1].isspace()
