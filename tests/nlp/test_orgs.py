"""ORG rules: head patterns, acronyms, gazetteer, companies vs products."""

from __future__ import annotations


def orgs(ents, text):
    return [(t, k) for label, t, k in ents(text) if label == "ORG"]


def test_ministry_with_field_and_country(ents):
    assert orgs(ents, "Bộ Y tế Cuba và Bộ Ngoại giao đã trao đổi.") == [
        ("Bộ Y tế Cuba", "Bộ Y tế Cuba"),
        ("Bộ Ngoại giao", "Bộ Ngoại giao"),
    ]
    assert orgs(ents, "Bộ Giáo dục và Đào tạo ban hành quy định.") == [
        ("Bộ Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo")
    ]


def test_agriculture_ministries_of_other_states(ents):
    found = orgs(ents, "Bộ Nông Lâm nghiệp Lào tiếp nhận vắc xin.")
    assert [t for t, _ in found] == ["Bộ Nông Lâm nghiệp Lào"]
    found = orgs(ents, "Bộ Nông nghiệp và Nông thôn Trung Quốc viện trợ.")
    assert [t for t, _ in found] == ["Bộ Nông nghiệp và Nông thôn Trung Quốc"]
    assert orgs(ents, "Ông làm nông lâm nghiệp ở Lào.") == []


def test_minister_title_is_not_a_ministry(ents):
    assert orgs(ents, "Bộ trưởng phát biểu tại buổi lễ.") == []


def test_head_patterns_stop_before_a_person(ents):
    found = orgs(
        ents, "Giám đốc Trung tâm Dự báo Khí tượng Thủy văn Quốc gia Mai Văn Khiêm cho biết."
    )
    assert found == [
        (
            "Trung tâm Dự báo Khí tượng Thủy văn Quốc gia",
            "Trung tâm Dự báo Khí tượng Thủy văn Quốc gia",
        )
    ]
    assert orgs(ents, "Tập đoàn Hưng Phát đã quyết định thưởng.") == [
        ("Tập đoàn Hưng Phát", "Tập đoàn Hưng Phát")
    ]


def test_lowercase_words_inside_names(ents):
    assert orgs(ents, "Viện Vệ sinh dịch tễ Trung ương xây dựng hướng dẫn.") == [
        ("Viện Vệ sinh dịch tễ Trung ương", "Viện Vệ sinh dịch tễ Trung ương")
    ]
    assert orgs(ents, "Cục Y tế Dự phòng yêu cầu các địa phương.") == [
        ("Cục Y tế Dự phòng", "Cục Y tế Dự phòng")
    ]


def test_embassy_with_its_posting(ents):
    assert orgs(ents, "Đại sứ quán Việt Nam tại Cuba tiếp nhận lô hàng.") == [
        ("Đại sứ quán Việt Nam tại Cuba", "Đại sứ quán Việt Nam tại Cuba")
    ]


def test_acronym_resolves_to_the_long_form(ents):
    text = (
        "Tập đoàn Sinh dược Cuba (BioCubaFarma) công bố kết quả. Sau đó BioCubaFarma ký hợp đồng."
    )
    assert orgs(ents, text) == [
        ("Tập đoàn Sinh dược Cuba", "Tập đoàn Sinh dược Cuba"),
        ("BioCubaFarma", "Tập đoàn Sinh dược Cuba"),
        ("BioCubaFarma", "Tập đoàn Sinh dược Cuba"),
    ]


def test_parenthesised_word_without_a_named_head_is_not_a_definition(ents):
    assert orgs(ents, "Hội nghị cấp cao (HNCC) lần thứ 16 khai mạc.") == []


def test_nested_un_name_is_one_organisation(ents):
    assert orgs(ents, "Đại hội đồng Liên hợp quốc thông qua nghị quyết.") == [
        ("Đại hội đồng Liên hợp quốc", "Đại hội đồng Liên hợp quốc")
    ]
    assert orgs(ents, "Việt Nam ủng hộ Liên hợp quốc.") == [("Liên hợp quốc", "Liên hợp quốc")]


def test_vaccine_maker_only_as_a_company(ents):
    assert orgs(ents, "Lô vắc xin AstraZeneca đã về.") == []
    assert orgs(ents, "Vắc xin của hãng AstraZeneca đã về.") == [("AstraZeneca", "AstraZeneca")]
    assert orgs(ents, "Vắc xin phòng COVID-19 của Pfizer.") == [("Pfizer", "Pfizer")]


def test_brand_after_a_lowercase_company_word(ents):
    assert orgs(ents, "Liên doanh viễn thông Unitel hoạt động hiệu quả.") == [("Unitel", "Unitel")]
    assert orgs(ents, "Theo báo Phnom Penh Post đưa tin.") == [
        ("Phnom Penh Post", "Phnom Penh Post")
    ]


def test_news_agency_and_un_body_acronyms(ents):
    assert orgs(ents, "TTXVN dẫn nguồn WHO cho biết.") == [("TTXVN", "TTXVN"), ("WHO", "WHO")]


def test_org_country_attribute(doc_of):
    doc = doc_of("Bộ Ngoại giao Bỉ và Đảng Cộng sản Việt Nam.")
    found = {s.text: s._.country for s in doc.spans["entities"] if s.label_ == "ORG"}
    assert found == {"Bộ Ngoại giao Bỉ": "BEL", "Đảng Cộng sản Việt Nam": "VNM"}


def test_ministry_with_several_fields(ents):
    assert orgs(ents, "Thứ trưởng Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc dẫn đầu.") == [
        (
            "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc",
            "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc",
        )
    ]
    assert orgs(ents, "Bộ Y tế, Bộ Ngoại giao và Bộ Công an họp.") == [
        ("Bộ Y tế", "Bộ Y tế"),
        ("Bộ Ngoại giao", "Bộ Ngoại giao"),
        ("Bộ Công an", "Bộ Công an"),
    ]


def test_nested_heads_and_words_before_a_place(ents):
    assert orgs(ents, "Trường Đại học Bách khoa Hà Nội hợp tác với Đại học Tokyo.") == [
        ("Trường Đại học Bách khoa Hà Nội", "Trường Đại học Bách khoa Hà Nội"),
        ("Đại học Tokyo", "Đại học Tokyo"),
    ]


def test_capitalised_syllable_that_starts_a_word(ents):
    assert orgs(ents, "Lãnh đạo Nhà xuất bản Chính trị quốc gia Sự thật đến thăm.") == [
        ("Nhà xuất bản Chính trị quốc gia Sự thật", "Nhà xuất bản Chính trị quốc gia Sự thật")
    ]
    assert orgs(ents, "Tập đoàn Hưng Phát tặng quà.") == [
        ("Tập đoàn Hưng Phát", "Tập đoàn Hưng Phát")
    ]


def test_head_word_inside_a_place_is_not_an_organisation(ents):
    found = ents("Về xã Trường Hà và quần đảo Trường Sa.")
    assert [e[0] for e in found] == ["LOC", "LOC"]


def test_vietnamese_paper_name_is_not_cut_into_a_brand(ents):
    assert orgs(ents, "Báo Lao động Thủ đô đưa tin.") == []


def test_known_company_ends_the_name_before_a_person(doc_of):
    doc = doc_of("Thủ tướng tiếp Chủ tịch Tập đoàn Apple Tim Cook.")
    found = [(s.label_, s.text) for s in doc.spans["entities"]]
    assert found == [("ORG", "Tập đoàn Apple"), ("PERSON", "Tim Cook")]


def test_head_word_used_as_a_verb_before_an_event(ents):
    assert orgs(ents, "Tổ chức Lễ kỷ niệm 50 năm quan hệ ngoại giao.") == []
    assert orgs(ents, "Tổ chức Di cư Quốc tế hỗ trợ.") == [
        ("Tổ chức Di cư Quốc tế", "Tổ chức Di cư Quốc tế")
    ]


# --- issue 9: boundaries of organisation names (E1, E2, E3, E7) ---


def org_names(ents, text):
    return [t for label, t, _ in ents(text) if label == "ORG"]


def test_body_after_a_title_does_not_swallow_the_person(ents):
    found = ents("Chủ tịch Hạ viện Mỹ Nancy Pelosi và Chủ tịch Thượng viện Hun Sen gặp nhau.")
    assert org_names(ents, "Chủ tịch Hạ viện Mỹ Nancy Pelosi phát biểu.") == ["Hạ viện Mỹ"]
    assert ("PERSON", "Hun Sen", "Hun Sen") in found
    assert "Thượng viện Hun Sen" not in [t for _, t, _ in found]


def test_parliament_inside_a_title_is_an_organisation(ents):
    found = ents("Chủ tịch Quốc hội Lào Xaysomphone Phomvihane đến Hà Nội.")
    assert ("ORG", "Quốc hội Lào", "Quốc hội Lào") in found
    assert ("PERSON", "Xaysomphone Phomvihane", "Xaysomphone Phomvihane") in found
    assert org_names(ents, "Chủ tịch Quốc hội Vương Đình Huệ chủ trì.") == []


def test_ministries_sharing_a_head_split_without_va(ents):
    assert org_names(ents, "Vắc xin được phân cho các Bộ Quốc phòng, Công an, là hai bộ.") == [
        "Bộ Quốc phòng"
    ]
    assert org_names(ents, "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc ký.") == [
        "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc"
    ]


def test_lowercase_words_after_va_before_the_ministry_country(ents):
    assert org_names(ents, "Bộ Y tế và phúc lợi xã hội Hàn Quốc cho biết.") == [
        "Bộ Y tế và phúc lợi xã hội Hàn Quốc"
    ]
    assert org_names(ents, "Bộ Y tế và các đơn vị Hàn Quốc cho biết.") == ["Bộ Y tế"]


def test_documents_named_like_a_ministry_are_not_organisations(ents):
    assert org_names(ents, "Bộ luật Hình sự sửa đổi có hiệu lực.") == []
    found = ents("Các bên đàm phán Bộ Quy tắc ứng xử ở Biển Đông (COC) trong năm nay.")
    assert [e for e in found if e[0] == "ORG"] == []
    assert ("LOC", "Biển Đông", "Biển Đông") in found
    assert org_names(ents, "Bộ Tư pháp Nhật Bản công bố.") == ["Bộ Tư pháp Nhật Bản"]


def test_any_body_may_be_posted_to_a_place(ents):
    assert org_names(ents, "Trung tâm Văn hóa Pháp tại Hà Nội mở cửa.") == [
        "Trung tâm Văn hóa Pháp tại Hà Nội"
    ]
    assert org_names(ents, "Trung tâm Văn hóa Pháp tổ chức tại Hà Nội.") == [
        "Trung tâm Văn hóa Pháp"
    ]
    assert org_names(ents, "Bộ Y tế Pháp tại Hà Nội nói.") == ["Bộ Y tế Pháp"]


def test_office_head_before_an_embassy_is_kept(ents):
    assert org_names(ents, "Văn phòng Tổng lãnh sự quán Nhật Bản tại Đà Nẵng thông báo.") == [
        "Văn phòng Tổng lãnh sự quán Nhật Bản tại Đà Nẵng"
    ]
    assert org_names(ents, "Đại sứ Nhật Bản tại Đà Nẵng thông báo.") == []


def test_body_named_only_by_its_function_is_not_an_organisation(ents):
    assert org_names(ents, "Hai bên sẽ lập Ủy ban Chỉ đạo để theo dõi.") == []
    assert org_names(ents, "Ủy ban Hỗn hợp Việt Nam - Campuchia họp.") == [
        "Ủy ban Hỗn hợp Việt Nam - Campuchia"
    ]


def test_lowercase_ve_inside_a_name(ents):
    assert org_names(ents, "Trung tâm Nghiên cứu về Hòa bình và Phát triển Thái Lan công bố.") == [
        "Trung tâm Nghiên cứu về Hòa bình và Phát triển Thái Lan"
    ]
    assert org_names(ents, "Viện Pasteur về Hà Nội báo cáo.") == ["Viện Pasteur"]


def test_disease_code_inside_a_name(ents):
    assert org_names(ents, "Ủy ban Ứng phó Covid-19 Philippines họp.") == [
        "Ủy ban Ứng phó Covid-19 Philippines"
    ]
    assert org_names(ents, "Ủy ban Ứng phó Covid khẩn cấp họp.") == ["Ủy ban Ứng phó"]


def test_initials_after_a_body_are_the_person(ents):
    found = ents("Cố vấn Hội đồng An ninh quốc gia J.D. Vance nói.")
    assert org_names(ents, "Cố vấn Hội đồng An ninh quốc gia J.D. Vance nói.") == [
        "Hội đồng An ninh quốc gia"
    ]
    assert [t for label, t, _ in found if label == "PERSON"] == ["J.D. Vance"]
    assert org_names(ents, "Ủy ban Kiểm tra T.Ư họp.") == ["Ủy ban Kiểm tra T.Ư"]


def test_latin_words_and_dash_joined_makers_continue_a_known_name(ents):
    assert org_names(ents, "Theo hãng Kyodo News, hãng Pfizer-BioNTech sẽ giao.") == [
        "Kyodo News",
        "Pfizer-BioNTech",
    ]
    assert org_names(ents, "Hội nghị ASEAN-EU diễn ra.") == ["ASEAN", "EU"]


# --- issue 9, round 2: lowercase names, glued fields, apposed outlets, headlines ---


def test_lowercase_name_closed_by_a_country_or_a_scope(ents):
    assert org_names(ents, "Vắc xin về qua Quỹ đầu tư trực tiếp Nga hôm qua.") == [
        "Quỹ đầu tư trực tiếp Nga"
    ]
    assert org_names(
        ents, "Sau đó, Ủy ban phòng chống thiên tai trung ương thuộc Chính phủ họp."
    ) == ["Ủy ban phòng chống thiên tai trung ương"]
    assert org_names(ents, "Ban đầu, hai bên trao đổi về Nga.") == []
    assert org_names(ents, "Kỳ họp Ủy ban hỗn hợp Việt Nam - Lào diễn ra.") == []


def test_lowercase_field_after_va_and_glued_fields_in_a_ministry(ents):
    assert org_names(ents, "Bộ Y tế và phúc lợi, Cơ quan quản lý dịch bệnh cho biết.") == [
        "Bộ Y tế và phúc lợi"
    ]
    assert org_names(ents, "Tại Bộ Ngoại giao và Kinh tế Đối ngoại Hungary, hai bên ký.") == [
        "Bộ Ngoại giao và Kinh tế Đối ngoại Hungary"
    ]
    assert org_names(ents, "Bộ Công Thương và doanh nghiệp cùng họp.") == ["Bộ Công Thương"]


def test_outlet_named_before_an_apposed_media_noun(ents):
    assert org_names(ents, "Hôm qua, Phnom Daily, trang tin thân chính phủ, cho biết.") == [
        "Phnom Daily"
    ]
    assert org_names(ents, "Theo ông Nam, trang tin này đưa sai.") == []


def test_all_capitals_headline_words_are_no_organisation(ents):
    assert org_names(ents, "HỘI THẢO QUỐC PHÒNG VIỆT-NHẬT") == []
    assert org_names(ents, "Hội đồng Quốc phòng Việt Nam họp.") == ["Hội đồng Quốc phòng Việt Nam"]


def test_a_comma_ends_a_body_before_a_second_one(ents):
    text = "Vắc xin được giao cho Bộ Tài chính, Ngân hàng Nhà nước và các tỉnh."
    assert org_names(ents, text) == ["Bộ Tài chính", "Ngân hàng Nhà nước"]
    assert org_names(ents, "Bộ Tài chính, Kế hoạch và Đầu tư Lào họp.") == [
        "Bộ Tài chính, Kế hoạch và Đầu tư Lào"
    ]
