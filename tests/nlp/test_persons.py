"""PERSON rules: title grammar, name shapes, coreference."""

from __future__ import annotations


def persons(doc_of, text):
    doc = doc_of(text)
    return [
        (s.text, s.kb_id_, s._.title, s._.country)
        for s in doc.spans["entities"]
        if s.label_ == "PERSON"
    ]


def test_vietnamese_name_after_a_title(doc_of):
    assert persons(doc_of, "Thủ tướng Chính phủ Lê Văn Tám tiếp đoàn.") == [
        ("Lê Văn Tám", "Lê Văn Tám", "Thủ tướng Chính phủ", "VNM")
    ]


def test_title_without_a_name(doc_of):
    assert persons(doc_of, "Thủ tướng cho biết Chính phủ sẽ hỗ trợ.") == []
    assert persons(doc_of, "Bộ trưởng Ngoại giao Nga đánh giá cao kết quả.") == []


def test_title_chains_and_country(doc_of):
    found = persons(
        doc_of,
        "Phó Thủ tướng, Bộ trưởng Ngoại giao Trần Văn Hai gặp Bộ trưởng Ngoại giao Nga Sergei Ivanov.",
    )
    assert found == [
        ("Trần Văn Hai", "Trần Văn Hai", "Phó Thủ tướng, Bộ trưởng Ngoại giao", "VNM"),
        ("Sergei Ivanov", "Sergei Ivanov", "Bộ trưởng Ngoại giao", "RUS"),
    ]
    found = persons(doc_of, "Ông gặp Bí thư thứ nhất, Chủ tịch nước Cuba Alberto Ruiz Mesa.")
    assert found == [
        ("Alberto Ruiz Mesa", "Alberto Ruiz Mesa", "Bí thư thứ nhất, Chủ tịch nước", "CUB")
    ]


def test_organisation_inside_the_title(doc_of):
    found = persons(
        doc_of,
        "Bộ trưởng Bộ Xây dựng Nguyễn Văn Bảy và Thứ trưởng Bộ Y tế Việt Nam – ông Phạm Văn Tư.",
    )
    # an organisation keeps its whole name in the title, its country included
    assert [(p[0], p[2]) for p in found] == [
        ("Nguyễn Văn Bảy", "Bộ trưởng Bộ Xây dựng"),
        ("Phạm Văn Tư", "Thứ trưởng Bộ Y tế Việt Nam"),
    ]


def test_foreign_name_shapes(doc_of):
    found = persons(
        doc_of,
        "Tổng thống Liên bang Nga V. Pu-tin, Ngoại trưởng UAE Abdullah bin Khalid Al Nahyan và "
        "Tổng thống Cộng hòa I-ta-li-a X.Mát-ta-rê-la dự lễ.",
    )
    assert [p[0] for p in found] == ["V. Pu-tin", "Abdullah bin Khalid Al Nahyan", "X.Mát-ta-rê-la"]
    assert [p[3] for p in found] == ["RUS", "ARE", "ITA"]


def test_transliteration_after_organisations_in_the_title(doc_of):
    found = persons(
        doc_of, "Chủ tịch Hội đồng Nhà nước và Hội đồng Bộ trưởng Ra-un Ca-xtơ-rô Ru-xơ phát biểu."
    )
    assert [p[0] for p in found] == ["Ra-un Ca-xtơ-rô Ru-xơ"]


def test_honorifics_are_not_part_of_the_name(doc_of):
    found = persons(doc_of, "Thủ tướng Campuchia Samdech Techo Hun Sen phát biểu.")
    assert found == [("Hun Sen", "Hun Sen", "Thủ tướng", "KHM")]


def test_name_stops_before_a_country_or_punctuation(doc_of):
    found = persons(
        doc_of, "Đại sứ Việt Nam tại Bỉ Nguyễn Văn Chín, Đại sứ Romania Ana Popescu và Phu nhân."
    )
    assert [(p[0], p[3]) for p in found] == [("Nguyễn Văn Chín", "VNM"), ("Ana Popescu", "ROU")]


def test_short_mentions_take_the_fullest_spelling_and_country(doc_of):
    text = (
        "Thủ tướng New Zealand John Hamilton sẽ thăm Việt Nam. Thủ tướng Hamilton cho biết. "
        "Ông Hamilton cam kết. Hamilton nói thêm."
    )
    found = persons(doc_of, text)
    assert [p[0] for p in found] == ["John Hamilton", "Hamilton", "Hamilton", "Hamilton"]
    assert {p[1] for p in found} == {"John Hamilton"}
    assert {p[3] for p in found} == {"NZL"}


def test_vietnamese_given_name_after_honorific(doc_of):
    found = persons(doc_of, "Người phát ngôn Lê Thành Đạt thông báo. Ông Đạt nói rõ.")
    assert [(p[0], p[1]) for p in found] == [
        ("Lê Thành Đạt", "Lê Thành Đạt"),
        ("Đạt", "Lê Thành Đạt"),
    ]
    assert persons(doc_of, "Ông Đạt nói rõ.") == []


def test_untitled_vietnamese_full_name(doc_of):
    assert [p[0] for p in persons(doc_of, "Hôm qua, Trần Thị Mai Hoa phát biểu.")] == [
        "Trần Thị Mai Hoa"
    ]
    assert persons(doc_of, "Ảnh: Trần Hải/TTXVN") == []


def test_name_before_its_title(doc_of):
    found = persons(
        doc_of,
        "Trong phát biểu, David Stone - Chủ tịch kiêm Giám đốc điều hành Quỹ Hòa Bình cho biết.",
    )
    assert [p[0] for p in found] == ["David Stone"]


def test_title_after_the_name_gives_the_country(doc_of):
    found = persons(doc_of, "Bà Maria Ionescu, Đại sứ Romania, phát biểu.")
    assert found == [("Maria Ionescu", "Maria Ionescu", None, "ROU")]


def test_a_person_hides_a_place_inside_the_name(ents):
    found = ents("Đại sứ Phạm Quang Vinh trình quốc thư.")
    assert found == [("PERSON", "Phạm Quang Vinh", "Phạm Quang Vinh")]


def test_capitalised_words_of_an_organisation_are_not_a_name(doc_of):
    text = "Chủ tịch Phòng Thương mại và Công nghiệp Việt Nam (VCCI) Phạm Tấn Bảy phát biểu."
    assert [p[0] for p in persons(doc_of, text)] == ["Phạm Tấn Bảy"]


def test_a_longer_name_with_the_same_ending_is_another_person(doc_of):
    found = persons(doc_of, "Tổng thống Joko Widodo cùng Phu nhân Iriana Joko Widodo đón khách.")
    assert [p[1] for p in found] == ["Joko Widodo", "Iriana Joko Widodo"]


def test_particle_chains_inside_foreign_names(doc_of):
    found = persons(doc_of, "Chủ tịch Ủy ban châu Âu Ursula von der Leyen phát biểu.")
    assert [p[0] for p in found] == ["Ursula von der Leyen"]


def test_broken_line_between_descriptor_and_name(doc_of):
    found = persons(doc_of, "Báo chí đưa tin nhà lãnh đạo quân đội\n\nMin Aung Hlaing đã đồng ý.")
    assert [p[0] for p in found] == ["Min Aung Hlaing"]
    assert persons(
        doc_of, "Điện đàm với Thủ tướng Campuchia\nThủ tướng Phạm Văn Sáu phát biểu."
    ) == [("Phạm Văn Sáu", "Phạm Văn Sáu", "Thủ tướng", "VNM")]


def test_title_word_inside_a_place_name_starts_no_title(doc_of):
    found = persons(doc_of, "Sáng nay, tại Phủ Chủ tịch, Thủ tướng Phạm Văn Sáu chủ trì lễ đón.")
    assert found == [("Phạm Văn Sáu", "Phạm Văn Sáu", "Thủ tướng", "VNM")]


def test_chinese_reading_is_not_given_vietnamese_nationality(doc_of):
    assert persons(doc_of, "Theo Tân Hoa xã, ông Tập Cận Bình nhấn mạnh.") == [
        ("Tập Cận Bình", "Tập Cận Bình", None, None)
    ]


# --- issue 9: person boundaries (E4) ---


def person_pairs(ents, text):
    return [(t, k) for label, t, k in ents(text) if label == "PERSON"]


def test_name_after_a_minister_title_with_a_list_of_fields(ents):
    assert person_pairs(ents, "Bộ trưởng Thương mại, Du lịch và Đầu tư Úc Don Farrell nói.") == [
        ("Don Farrell", "Don Farrell")
    ]
    assert person_pairs(ents, "Bộ trưởng Tài chính, Ngân hàng Nhà nước và các bộ họp.") == []


def test_place_after_a_name_particle_is_part_of_the_name(ents):
    found = ents("Thượng nghị sĩ Philippines Leila de Lima bị bắt.")
    assert ("PERSON", "Leila de Lima", "Leila de Lima") in found
    assert not [e for e in found if e[0] == "LOC"]
    assert ("LOC", "Lima", "Lima") in ents("Hội nghị diễn ra tại Lima, Peru.")


def test_regnal_ordinal_in_words(ents):
    assert person_pairs(ents, "Nhà vua Rama Đệ thập dự lễ.") == [("Rama Đệ thập", "Rama Đệ thập")]
    assert person_pairs(ents, "Vua Charles đệ trình văn kiện.") == [("Charles", "Charles")]


def test_two_names_after_one_title(ents):
    assert person_pairs(ents, "Hai thượng nghị sĩ Úc Penny Wong và Simon Birmingham đến.") == [
        ("Penny Wong", "Penny Wong"),
        ("Simon Birmingham", "Simon Birmingham"),
    ]
    assert person_pairs(ents, "Ngoại trưởng Antony Blinken và Bộ Ngoại giao Mỹ nói.") == [
        ("Antony Blinken", "Antony Blinken")
    ]


def test_country_variant_is_not_glued_to_the_name(ents):
    assert person_pairs(ents, "Tổng thống Philippine Ferdinand Marcos nói.") == [
        ("Ferdinand Marcos", "Ferdinand Marcos")
    ]
    assert person_pairs(ents, "Thủ tướng TQ Ôn Gia Bảo nói.") == [("Ôn Gia Bảo", "Ôn Gia Bảo")]


def test_particle_joined_to_the_next_name_by_a_dash(doc_of):
    found = persons(doc_of, "Tổng thống Ai Cập Karim Nabil el-Fassi phát biểu.")
    assert [p[0] for p in found] == ["Karim Nabil el-Fassi"]
    found = persons(doc_of, "Tổng thống Ai Cập Karim Nabil tại hội nghị Nam-Bắc phát biểu.")
    assert [p[0] for p in found] == ["Karim Nabil"]  # no particle before the dash: it stops
