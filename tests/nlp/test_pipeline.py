"""The pipeline as a whole: interface, offsets, overlaps, dates, batches."""

from __future__ import annotations

import importlib.util

from camket.nlp import annotate, get_nlp

TEXT = (
    "Quan hệ Việt Nam – Liên bang Nga phát triển tốt đẹp\n\n"
    "Ngày 05/4/2021, đồng chí Nguyễn Văn Hùng, Tổng Bí thư, đã điện đàm với Tổng thống Liên bang Nga V. Pu-tin. "
    "Tổng thống V. Pu-tin chúc mừng Đại hội XIII của Đảng Cộng sản Việt Nam. Hai bên phối hợp tại "
    "Hội đồng Bảo an Liên hợp quốc (HĐBA) và ASEAN. HĐBA sẽ họp tại New York, Hoa Kỳ."
)


def test_pipeline_is_built_once_with_syllable_tokens():
    nlp = get_nlp()
    assert nlp is get_nlp()
    assert nlp.lang == "vi"
    assert nlp.pipe_names == [
        "camket_gazetteer",
        "camket_sentences",
        "camket_places",
        "camket_orgs",
        "camket_persons",
        "camket_entities",
        "camket_frames",
    ]
    assert "pyvi" not in str(nlp.config["nlp"]["tokenizer"].get("@tokenizers"))


def test_offsets_are_exact_for_every_span():
    for doc in annotate([TEXT, "Bộ Y tế Cuba (MINSAP) và Tập đoàn Sinh dược Cuba (BioCubaFarma)."]):
        spans = list(doc.spans["entities"])
        assert spans
        for span in spans:
            assert doc.text[span.start_char : span.end_char] == span.text
            assert span.label_ in {"PERSON", "COUNTRY", "ORG", "LOC", "DATE"}
            assert span.kb_id_


def test_interface_of_the_spans():
    doc = next(annotate([TEXT], ["2021-04-05"]))
    assert doc._.published == "2021-04-05"
    by_label: dict[str, set[str]] = {}
    for span in doc.spans["entities"]:
        by_label.setdefault(span.label_, set()).add(span.kb_id_)
    assert by_label["COUNTRY"] == {"VNM", "RUS", "USA"}
    assert by_label["PERSON"] == {"Nguyễn Văn Hùng", "V. Pu-tin"}
    assert "Hội đồng Bảo an Liên hợp quốc" in by_label["ORG"]
    assert "Đảng Cộng sản Việt Nam" in by_label["ORG"]
    assert by_label["LOC"] == {"New York"}
    putin = [s for s in doc.spans["entities"] if s.kb_id_ == "V. Pu-tin"]
    assert putin[0]._.title == "Tổng thống" and putin[0]._.country == "RUS"
    # the acronym later in the article resolves to the long form
    hdba = [s for s in doc.spans["entities"] if s.text == "HĐBA"]
    assert len(hdba) == 2 and {s.kb_id_ for s in hdba} == {"Hội đồng Bảo an Liên hợp quốc"}


def test_country_inside_organisation_overlaps():
    doc = next(annotate(["Đảng Cộng sản Việt Nam lãnh đạo."]))
    labels = [(s.label_, s.text) for s in doc.spans["entities"]]
    assert labels == [("ORG", "Đảng Cộng sản Việt Nam"), ("COUNTRY", "Việt Nam")]


def test_sentences_keep_initials_together():
    doc = next(annotate([TEXT]))
    sents = [s.text.strip() for s in doc.sents]
    assert any("V. Pu-tin." in s for s in sents)
    assert sents[0] == "Quan hệ Việt Nam – Liên bang Nga phát triển tốt đẹp"


def test_date_spans_when_the_dates_module_exists():
    doc = next(annotate([TEXT], ["2021-04-05"]))
    dates = [s for s in doc.spans["entities"] if s.label_ == "DATE"]
    if importlib.util.find_spec("camket.nlp.dates") is None:
        assert dates == []
    else:
        assert any(s.kb_id_ == "2021-04-05" for s in dates)


def test_empty_and_whitespace_texts():
    docs = list(annotate(["", "   \n\n ", "Việt Nam"]))
    assert [len(d.spans["entities"]) for d in docs] == [0, 0, 1]


def test_annotate_is_lazy_and_keeps_order():
    texts = ["Cuba.", "Lào.", "Mỹ."]
    got = [d.spans["entities"][0].kb_id_ for d in annotate(iter(texts), iter([None, None, None]))]
    assert got == ["CUB", "LAO", "USA"]


def test_docs_leave_no_working_state_behind():
    doc = next(annotate([TEXT + " Nhật Bản sẽ tặng Lào 100.000 liều vắc xin."]))
    keys = [k for k in doc.user_data if isinstance(k, str) and k.startswith("camket.")]
    assert keys == ["camket.frames"]  # the frames are output, kept as plain data
    assert doc.to_bytes()


def test_working_state_kept_for_an_extractor_reading_next():
    from camket.extract.frames import doc_frames

    text = TEXT + " Nhật Bản sẽ tặng Lào 100.000 liều vắc xin."
    (kept,) = annotate([text], keep_working_state=True)
    assert any(k != "camket.frames" for k in kept.user_data if str(k).startswith("camket"))
    frames = doc_frames(kept)
    assert frames and doc_frames(kept) is frames  # the component's objects, not rebuilt
    (dropped,) = annotate([text])
    rebuilt = doc_frames(dropped)  # rebuilt from the plain data: the same frames

    def brief(fs):
        return [
            (f.lexeme, f.start, f.subject.start, f.subject.country, f.recipient.country) for f in fs
        ]

    assert brief(rebuilt) == brief(frames) == [("tặng", 346, 334, "JPN", "LAO")]
