"""COUNTRY rules: aliases, ambiguity, compounds, long forms."""

from __future__ import annotations


def countries(ents, text):
    return [(t, k) for label, t, k in ents(text) if label == "COUNTRY"]


def test_vietnamese_names_short_forms_and_transliterations(ents):
    text = (
        "Hoa Kỳ, Mỹ, Liên bang Nga, Ô-xtrây-li-a, Niu Di-lân, Xin-ga-po, Các Tiểu vương quốc "
        "Ả-rập Thống nhất và Cộng hòa Séc."
    )
    assert [k for _, k in countries(ents, text)] == [
        "USA",
        "USA",
        "RUS",
        "AUS",
        "NZL",
        "SGP",
        "ARE",
        "CZE",
    ]


def test_anh_is_the_uk_only_in_a_country_context(ents):
    assert countries(ents, "Thủ tướng Anh gặp Thủ tướng Pháp tại London.") == [
        ("Anh", "GBR"),
        ("Pháp", "FRA"),
    ]
    assert countries(ents, "Vương quốc Anh và Nhật Bản ký hiệp định.")[0] == (
        "Vương quốc Anh",
        "GBR",
    )
    assert countries(ents, "Anh em chúng tôi luôn đoàn kết.") == []
    assert countries(ents, "Phóng viên Nguyễn Tuấn Anh đưa tin.") == []
    assert countries(ents, "Ảnh: Hoàng Anh.") == []


def test_a_short_name_after_a_sentence_opening_country_word_is_a_country(ents):
    # "phía" (the side of) before a short name, capitalised because it opens the sentence
    assert countries(ents, "Tin mới.\n\nPhía Nga cho biết sẽ hỗ trợ.") == [("Nga", "RUS")]
    assert countries(ents, "Tin mới.\n\nPhía Mỹ khẳng định điều đó.") == [("Mỹ", "USA")]
    # a capital after it still makes a name ("phía Anh Tuấn": Mr Anh Tuấn's side)
    assert countries(ents, "Tin mới.\n\nPhía Anh Tuấn cho biết như vậy.") == []
    assert countries(ents, "Tin mới.\n\nPhía bạn cho biết như vậy.") == []


def test_duc_as_a_given_name_is_not_germany(ents):
    assert countries(ents, "Thủ tướng CHLB Đức Angela Merkel thăm Hà Nội.") == [("CHLB Đức", "DEU")]
    assert countries(ents, "Bài: Minh Đức, Đức Thuận.") == []
    assert countries(ents, "Ông Đức cho biết như vậy.") == []


def test_larger_names_win_over_a_country_inside_them(ents):
    assert countries(ents, "Tàu thuyền hoạt động trên Ấn Độ Dương.") == []
    assert countries(ents, "Mưa lớn ở tỉnh Lào Cai.") == []
    assert countries(ents, "Các nước Mỹ Latinh và châu Mỹ.") == []
    assert countries(ents, "Khu vực châu Á - Thái Bình Dương phát triển.") == []
    assert countries(ents, "Ấn Độ và Lào ký hiệp định.") == [("Ấn Độ", "IND"), ("Lào", "LAO")]


def test_nam_names_a_country_only_as_part_of_one(ents):
    assert countries(ents, "Tình hình Sudan/Nam Sudan.") == [("Sudan", "SDN"), ("Nam Sudan", "SSD")]
    assert countries(ents, "Chuyên gia Lê Văn Nam nhận định.") == []


def test_compounds_name_each_country(ents):
    assert [k for _, k in countries(ents, "Năm chéo Việt-Nga và quan hệ Mỹ - Trung.")] == [
        "VNM",
        "RUS",
        "USA",
        "CHN",
    ]
    assert [k for _, k in countries(ents, "Quan hệ Việt Nam – Cu-ba.")] == ["VNM", "CUB"]
    assert countries(ents, "Tổng thống V. Pu-tin phát biểu.") == []
    assert countries(ents, "Ông Trung cho biết.") == []


def test_official_long_forms_extend_the_span(ents):
    found = countries(
        ents, "Tổng thống nước Cộng hòa Xã hội Chủ nghĩa Dân chủ Sri Lanka phát biểu."
    )
    assert found == [("Cộng hòa Xã hội Chủ nghĩa Dân chủ Sri Lanka", "LKA")]


def test_historical_state_and_observers(ents):
    assert [k for _, k in countries(ents, "Liên Xô, Tòa thánh Va-ti-căng và Palestine.")] == [
        "SUN",
        "VAT",
        "PSE",
    ]


def test_country_inside_an_organisation_name_is_kept(ents):
    found = ents("Đảng Cộng sản Cuba gửi điện mừng.")
    assert ("ORG", "Đảng Cộng sản Cuba", "Đảng Cộng sản Cuba") in found
    assert ("COUNTRY", "Cuba", "CUB") in found


def test_all_capitals_headline(ents):
    assert [k for _, k in countries(ents, "VIỆT NAM - CUBA TĂNG CƯỜNG HỢP TÁC")] == ["VNM", "CUB"]


def test_languages_and_same_named_places_are_not_states(ents):
    assert countries(ents, "Sinh viên học tiếng Anh và tiếng Nhật.") == []
    found = ents("Đoàn đến bang Georgia, Mỹ.")
    assert ("LOC", "Georgia", "Georgia") in found
    assert ("COUNTRY", "Georgia", "GEO") not in found


def test_press_variants_and_abbreviations_of_country_names(ents):
    found = ents("Tổng thống Philippine và Thủ tướng TQ gặp Đại sứ Phillipines.")
    assert [k for label, _, k in found if label == "COUNTRY"] == ["PHL", "CHN", "PHL"]
    assert not [e for e in ents("Ông Tq nói.") if e[0] == "COUNTRY"]
