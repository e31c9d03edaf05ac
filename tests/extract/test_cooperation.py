"""Cooperation statements and their area codes: one firing and one quiet sentence per rule.

The sentences are written for these tests (not taken from the devset).
"""

from __future__ import annotations

import unicodedata

import pytest

from camket.extract.cooperation import (
    areas_in,
    find_cooperation,
    is_cooperation_statement,
)


def codes(sentence: str) -> list[str]:
    """Area codes of all statements found in `sentence`, in order."""
    return [a for s in find_cooperation(sentence) for a in s.areas]


# --- statements and lists ------------------------------------------------------------------


def test_list_of_fields_after_a_cue():
    s = "Hai bên nhất trí thúc đẩy hợp tác trên các lĩnh vực nông nghiệp, giáo dục, du lịch và y tế."
    assert codes(s) == ["agriculture", "education", "tourism", "health"]


def test_fields_without_a_cue_are_no_statement():
    assert codes("Lào có thế mạnh về nông nghiệp, du lịch và thủy điện.") == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Thủ tướng đề nghị các bộ triển khai các thỏa thuận đã ký, nhất là về dầu khí, ngân hàng.",
            ["oil_gas", "finance"],
        ),
        (
            "Hai bên nhất trí mở rộng hợp tác, trong đó có hợp tác lao động và đường sắt.",
            ["labor", "transport"],
        ),
    ],
)
def test_nhat_la_and_trong_do_co(sentence, expected):
    assert codes(sentence) == expected


def test_clause_continues_the_cue_of_an_earlier_clause():
    s = "Hai bên nhất trí tăng cường hợp tác quốc phòng; mở cửa hơn nữa cho thương mại."
    assert codes(s) == ["defense", "trade"]


def test_clause_before_the_cue_is_not_a_statement():
    s = "Chủ tịch nước chúc mừng thành tựu kinh tế của Lào; hai bên nhất trí thúc đẩy du lịch."
    assert codes(s) == ["tourism"]


def test_one_sided_proposal_and_wish_count():
    assert codes("Thủ tướng đề nghị phía Nhật Bản hỗ trợ Việt Nam về y tế cơ sở.") == ["health"]
    assert codes("Ông bày tỏ mong muốn mở rộng hợp tác du lịch với Việt Nam.") == ["tourism"]


def test_thanks_for_support_is_not_a_proposal():
    assert codes("Việt Nam cảm ơn sự hỗ trợ của Australia trong phòng chống dịch.") == []


# --- longest match and vocabulary traps ----------------------------------------------------


@pytest.mark.parametrize(
    "phrase, code",
    [
        ("an ninh lương thực", "food_security"),
        ("an ninh năng lượng", "energy"),
        ("an ninh mạng", "security"),
        ("an ninh biển", "security"),
        ("năng lượng tái tạo", "renewable_energy"),
        ("xây dựng chủ nghĩa xã hội", "party"),
        ("chuyển giao công nghệ sản xuất vắc-xin", "vaccines"),
    ],
)
def test_longest_trigger_wins(phrase, code):
    sentence = f"Hai nước nhất trí tăng cường hợp tác về {phrase}."
    assert codes(sentence) == [code]
    assert [c for _, _, c in areas_in(sentence)] == [code]


@pytest.mark.parametrize(
    "written", ["khoa học - công nghệ", "khoa học-công nghệ", "khoa học và công nghệ"]
)
def test_science_technology_is_one_trigger(written):
    found = areas_in(f"Hai bên thúc đẩy hợp tác {written}.")
    assert [c for _, _, c in found] == ["science_technology"]


def test_old_and_new_tone_placement_are_equal():
    assert codes("Hai bên thúc đẩy giao lưu văn hoá, du lịch.") == ["culture", "tourism"]


def test_quan_su_is_defense_but_not_in_a_military_regime():
    assert codes("Hai nước nhất trí mở rộng hợp tác quân sự.") == ["defense"]
    assert codes("Nhiều người bị coi là hợp tác với chính quyền quân sự.") == []


def test_dien_is_energy_in_a_list_not_in_a_call():
    assert codes("Hai bên nhất trí hợp tác trong lĩnh vực dầu khí, điện.") == ["oil_gas", "energy"]
    assert codes("Thủ tướng điện đàm với Tổng thống Pháp về việc thúc đẩy hợp tác.") == []


def test_xay_dung_is_construction_in_a_list_not_as_a_verb():
    assert codes("Hai bên thúc đẩy hợp tác giao thông vận tải, xây dựng.") == [
        "transport",
        "construction",
    ]
    assert codes("Hai bên sẽ phối hợp xây dựng kế hoạch hành động cho giai đoạn tới.") == []


def test_dia_phuong_is_people_to_people_only_between_localities():
    assert codes("Hai bên khuyến khích hợp tác giữa các địa phương hai nước.") == [
        "people_to_people"
    ]
    assert codes("Chiều 6/7 theo giờ địa phương, hai Thủ tướng nhất trí tăng cường hợp tác.") == []


# --- fields without a code, statistics, targets --------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Hai bên khẳng định quyết tâm thúc đẩy quan hệ hữu nghị và hợp tác toàn diện.",
        "Hai bên nhất trí làm sâu sắc hơn hợp tác song phương.",
        "Canada cam kết tiếp tục hợp tác phát triển với Việt Nam.",
        "Hai nước phối hợp trong tìm kiếm cứu nạn và quản lý biên giới.",
    ],
)
def test_cooperation_without_a_field_names_no_area(sentence):
    assert codes(sentence) == []
    assert not is_cooperation_statement(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm ngoái, kim ngạch thương mại hai chiều đạt 3,1 tỷ USD, tăng 18% so với năm trước.",
        "Singapore hiện đứng thứ hai trong số các nhà đầu tư nước ngoài tại Việt Nam.",
        "Hai nước tiếp tục hợp tác tốt, Thái Lan xếp thứ 9 trong các nhà đầu tư tại Việt Nam.",
    ],
)
def test_statistics_alone_name_no_area(sentence):
    assert codes(sentence) == []


def test_agreed_trade_target_counts():
    s = "Hai bên nhất trí phấn đấu đưa kim ngạch thương mại song phương lên 20 tỷ USD vào năm 2030."
    assert codes(s) == ["trade"]


def test_a_target_set_by_both_counts_a_domestic_target_does_not():
    s = "Hai nước đặt mục tiêu nâng kim ngạch thương mại song phương lên 8 tỷ USD vào năm 2028."
    assert codes(s) == ["trade"]
    assert codes("Tỉnh đặt mục tiêu tăng trưởng kinh tế 7% trong năm nay.") == []


def test_money_pledged_is_not_a_statistic():
    assert codes("Nhật Bản cam kết tăng cường hỗ trợ 300 triệu USD cho y tế dự phòng.") == [
        "health"
    ]


# --- domestic news and names ---------------------------------------------------------------


def test_domestic_order_and_growth_are_no_fields():
    assert codes("Tỉnh đề nghị tăng cường bảo đảm an ninh trật tự tại địa phương.") == []
    assert (
        codes("Thủ tướng Lào đánh giá cao tăng trưởng kinh tế của Việt Nam, mong muốn hợp tác.")
        == []
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Tham dự có lãnh đạo Bộ Y tế và Bộ Xây dựng, hai bên nhất trí tăng cường hợp tác.",
        "Đoàn Bộ Nông nghiệp Lào đến thăm và đề nghị thúc đẩy hợp tác.",
        "Hai Bộ trưởng phối hợp chuẩn bị Hội nghị Bộ trưởng Kinh tế ASEAN.",
        "Các trường Đại học Kinh tế hai nước ký kết hợp tác.",
        "Hai bên hợp tác dù cơ quan y tế chưa phê duyệt.",
    ],
)
def test_area_words_inside_names_are_no_fields(sentence):
    assert codes(sentence) == []


def test_ministries_list_is_fine():
    s = "Hai Thủ tướng giao các bộ, ngành thúc đẩy hợp tác y tế."
    assert codes(s) == ["health"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Hai bên nhất trí sớm tổ chức Đối thoại chính sách quốc phòng lần thứ năm.", ["defense"]),
        ("Hai bên thống nhất tổ chức Đối thoại Chiến lược Quốc phòng vào năm tới.", ["defense"]),
        ("Hai bên nhất trí duy trì cơ chế tham khảo chính trị thường niên.", ["politics"]),
        ("Hai bên nhất trí tăng cường tiếp xúc cấp cao.", ["politics"]),
        ("Hai bên thúc đẩy đàm phán Hiệp định Thương mại tự do song phương.", ["trade"]),
        ("Hai bên phối hợp tổ chức tốt các hoạt động Năm chéo.", ["culture"]),
        ("Hai bên nhất trí tăng cường hợp tác trên kênh Đảng và trao đổi lý luận.", ["party"]),
    ],
)
def test_mechanisms_count_for_their_field(sentence, expected):
    assert codes(sentence) == expected


# --- multilateral --------------------------------------------------------------------------


def test_mutual_support_at_international_organisations_is_multilateral():
    s = "Hai bên khẳng định tiếp tục phối hợp, ủng hộ lẫn nhau tại các tổ chức quốc tế."
    assert codes(s) == ["multilateral"]
    assert codes("Hai nước tăng cường phối hợp trong khuôn khổ ASEAN và tại Liên hợp quốc.") == [
        "multilateral"
    ]


def test_a_body_named_without_a_place_of_cooperation_is_not_multilateral():
    assert codes("Hai bên mong muốn quan hệ ASEAN - New Zealand ngày càng gắn kết.") == []
    assert codes("Thủ tướng dự Hội nghị Cấp cao ASEAN lần thứ 42.") == []


def test_vaccine_doses_alone_are_no_cooperation_area():
    assert codes("Hungary hỗ trợ Việt Nam 100.000 liều vắc-xin.") == []
    assert codes("Hai bên nhất trí hợp tác nghiên cứu, sản xuất vắc-xin.") == ["vaccines"]


# --- sentences and offsets ------------------------------------------------------------------


TEXT = (
    "Việt Nam và Ấn Độ thúc đẩy hợp tác quốc phòng\n\n"
    "Ngày 3/4, tại TP. Hồ Chí Minh, hai bên gặp nhau. "
    "Hai bên nhất trí tăng cường hợp tác về an ninh mạng, năng lượng tái tạo và khoa học - công nghệ. "
    "Kim ngạch thương mại năm 2023 đạt 14 tỷ USD."
)


def test_find_cooperation_splits_sentences_and_keeps_offsets():
    found = find_cooperation(TEXT)
    assert [s.areas for s in found] == [
        ("defense",),
        ("security", "renewable_energy", "science_technology"),
    ]
    for s in found:
        sentence = TEXT[s.start_char : s.end_char]
        assert sentence == sentence.strip() and "\n" not in sentence
        for start, end, code in s.area_spans:
            assert s.start_char <= start < end <= s.end_char
            assert areas_in(TEXT[start:end]) in ([(0, end - start, code)], [])
        assert tuple(dict.fromkeys(c for _, _, c in s.area_spans)) == s.areas
    assert "TP. Hồ Chí Minh, hai bên gặp nhau." in TEXT[: found[1].start_char]


def test_area_span_text_is_the_trigger():
    found = find_cooperation(TEXT)[1]
    assert [TEXT[a:b] for a, b, _ in found.area_spans] == [
        "an ninh mạng",
        "năng lượng tái tạo",
        "khoa học - công nghệ",
    ]


def test_given_sentence_spans_are_used():
    text = "Hai bên hợp tác y tế. Hai bên hợp tác du lịch."
    found = find_cooperation(text, [(0, len(text))])
    assert len(found) == 1 and found[0].areas == ("health", "tourism")
    assert (found[0].start_char, found[0].end_char) == (0, len(text))


def test_offsets_refer_to_decomposed_input():
    text = unicodedata.normalize("NFD", "Ông nói. Hai bên thúc đẩy hợp tác đầu tư.")
    (found,) = find_cooperation(text)
    ((start, end, code),) = found.area_spans
    assert code == "investment"
    assert unicodedata.normalize("NFC", text[start:end]) == "đầu tư"
    assert unicodedata.normalize("NFC", text[found.start_char : found.end_char]).startswith(
        "Hai bên"
    )


def test_is_cooperation_statement():
    assert is_cooperation_statement("Hai bên nhất trí đẩy mạnh hợp tác giáo dục.")
    assert not is_cooperation_statement("Giáo dục là quốc sách hàng đầu.")


# --- seeds ----------------------------------------------------------------------------------


# --- issue 9: stock formulas, maintained relations, targets, a field after a colon ---------


@pytest.mark.parametrize(
    "sentence",
    [
        "Quan hệ hai nước góp phần vào hòa bình, ổn định, an ninh và thịnh vượng ở khu vực.",
        "Hai bên nhất trí hợp tác vì hòa bình, an ninh, hợp tác và phát triển trên thế giới.",
        "Hai nước cam kết đóng góp cho hòa bình, an toàn, hữu nghị và thịnh vượng chung.",
    ],
)
def test_stock_peace_formula_names_no_field(sentence):
    assert codes(sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Hai bên nhất trí tăng cường hợp tác an ninh, quốc phòng.", ["security", "defense"]),
        ("Hai bên nhất trí hợp tác về hòa bình và an ninh mạng.", ["security"]),
        ("Hai bên thúc đẩy hợp tác an ninh, phát triển kinh tế.", ["security", "economy"]),
    ],
)
def test_security_outside_the_formula_is_a_field(sentence, expected):
    assert codes(sentence) == expected


@pytest.mark.parametrize(
    "formula",
    [
        "tự do hàng hải",
        "tự do hàng không",
        "tự do hàng hải và hàng không",
        "tự do hàng hải, hàng không",
        "tự do hàng hải và tự do hàng không",
        "tự do hàng hải và an toàn hàng không",
    ],
)
def test_freedom_of_navigation_formula_is_not_transport(formula):
    assert codes(f"Hai bên nhất trí hợp tác bảo đảm {formula} ở khu vực.") == []
    assert codes("Hai bên nhất trí mở rộng hợp tác hàng không và đường sắt.") == ["transport"]


@pytest.mark.parametrize(
    "cue",
    ["duy trì quan hệ", "duy trì tốt quan hệ", "duy trì mối quan hệ", "duy trì tốt mối quan hệ"],
)
def test_maintained_relations_are_a_cue(cue):
    assert codes(f"Hai nước luôn {cue} chặt chẽ qua kênh Đảng.") == ["party"]
    assert codes("Hai nước có quan hệ chặt chẽ, thường trao đổi qua kênh Đảng.") == []


@pytest.mark.parametrize(
    "target",
    ["nỗ lực đạt", "nỗ lực đưa", "nỗ lực nâng", "sớm đưa"],
)
def test_agreed_target_is_not_a_statistic(target):
    s = f"Hai Thủ tướng nhất trí {target} kim ngạch thương mại lên 5 tỷ USD."
    assert codes(s) == ["trade"]
    assert codes("Hai Thủ tướng hài lòng vì kim ngạch thương mại năm qua đạt 5 tỷ USD.") == []


def test_target_in_the_time_to_come():
    s = "Hai bên thúc đẩy hợp tác để kim ngạch thương mại đạt 3 tỷ USD trong thời gian tới."
    assert codes(s) == ["trade"]
    assert codes("Hai bên thúc đẩy hợp tác, thương mại năm ngoái đạt 3 tỷ USD.") == []


def test_capitalised_field_after_a_colon():
    s = "Hai nước sẽ mở rộng hợp tác trong các lĩnh vực như: Nông nghiệp, y tế và giáo dục."
    assert codes(s) == ["agriculture", "health", "education"]
    assert codes("Hai nước sẽ mở rộng hợp tác với Nông nghiệp Việt Nam.") == []


# --- issue 9, round 2: one-way aid and thanks, vocabulary gaps, UN missions ------------------


@pytest.mark.parametrize("past", ["đã", "từng", "vừa", "đã từng"])
def test_aid_already_given_is_no_statement(past):
    assert codes(f"Nhật Bản {past} hỗ trợ Lào trong lúc Lào gặp khó khăn về y tế.") == []
    assert codes("Nhật Bản sẽ tiếp tục hỗ trợ Lào nâng cao năng lực y tế.") == ["health"]


@pytest.mark.parametrize(
    "goods",
    [
        "vaccine",
        "vắc xin",
        "khẩu trang",
        "thiết bị",
        "trang thiết bị",
        "tiền",
        "tiền bạc",
        "máy thở",
        "liều",
        "lô",
        "hàng",
        "thuốc",
        "gạo",
        "lương thực",
        "kinh phí",
        "xe",
    ],
)
def test_goods_handed_over_are_no_statement(goods):
    assert codes(f"Hàn Quốc hỗ trợ {goods} cho Mông Cổ để phòng chống dịch.") == []
    assert codes("Hàn Quốc hỗ trợ Mông Cổ xây dựng hệ thống y tế cơ sở.") == ["health"]


@pytest.mark.parametrize(
    "gift", ["cảm ơn", "cám ơn", "tri ân", "trao tặng", "tặng", "viện trợ", "tiếp nhận", "bàn giao"]
)
def test_gifts_and_thanks_with_help_are_no_statement(gift):
    assert codes(f"Bộ trưởng {gift} và mong Úc tiếp tục giúp đỡ Fiji về y tế.") == []
    assert codes("Bộ trưởng mong Úc tiếp tục giúp đỡ Fiji về y tế.") == ["health"]


@pytest.mark.parametrize(
    "mutual",
    ["lẫn nhau", "hai bên", "hai nước", "cùng nhau", "với nhau", "song phương", "giữa hai"],
)
def test_mutual_help_is_a_statement(mutual):
    sentences = {
        "lẫn nhau": "Các nước đã hỗ trợ lẫn nhau về y tế.",
        "hai bên": "Trước đây hai bên đã hỗ trợ về y tế.",
        "hai nước": "Trước đây hai nước đã hỗ trợ về y tế.",
        "cùng nhau": "Các nước đã cùng nhau hỗ trợ về y tế.",
        "với nhau": "Các nước đã hỗ trợ với nhau về y tế.",
        "song phương": "Các nước đã hỗ trợ song phương về y tế.",
        "giữa hai": "Việc hỗ trợ giữa hai Bộ đã có về y tế, nhưng đã dừng.",
    }
    assert codes(sentences[mutual]) == ["health"]
    assert codes("Các nước đã hỗ trợ về y tế.") == []


@pytest.mark.parametrize("thanks", ["sự giúp đỡ", "sự hỗ trợ và giúp đỡ"])
def test_thanks_for_help_is_blocked(thanks):
    assert codes(f"Bộ trưởng ghi nhận {thanks} của New Zealand về y tế.") == []
    assert codes("Bộ trưởng đề nghị New Zealand giúp đỡ về y tế.") == ["health"]


@pytest.mark.parametrize(
    "trigger", ["chống COVID-19", "chống covid", "chống đại dịch", "chống dịch bệnh"]
)
def test_bare_fight_against_the_disease_is_health(trigger):
    assert codes(f"Hai nước sẽ tiếp tục hợp tác {trigger} và phục hồi sau dịch.") == ["health"]
    assert codes(f"Người dân {trigger} suốt hai năm đã mệt mỏi.") == []


@pytest.mark.parametrize(
    "trigger",
    [
        "tiếp xúc các cấp",
        "tiếp xúc ở các cấp",
        "tiếp xúc trên tất cả các cấp",
        "tiếp xúc ở tất cả các cấp",
        "chuyến thăm và tiếp xúc",
    ],
)
def test_contacts_at_every_level_are_politics(trigger):
    assert codes(f"Hai bên nhất trí thúc đẩy {trigger} trong năm tới.") == ["politics"]
    assert codes(f"Năm ngoái có nhiều {trigger}.") == []


@pytest.mark.parametrize("locative", ["gìn giữ hòa bình", "sứ mệnh", "phái bộ"])
def test_un_mission_is_multilateral(locative):
    s = f"Hai quân đội phối hợp chuẩn bị lực lượng cho {locative} của Liên hợp quốc ở Nam Sudan."
    assert codes(s) == ["multilateral"]
    assert codes("Hai quân đội phối hợp theo báo cáo của Liên hợp quốc ở Nam Sudan.") == []


# --- parties: from the statement's text, never filled from the article's main pair ----------


def _parties_of(text: str) -> list[list[str]]:
    from camket.extract import find_commitments
    from camket.nlp import annotate

    (doc,) = annotate(["Tin hợp tác\n\n" + text], [None])
    return [f["parties"] for k, _, f in find_commitments(doc) if k == "cooperation_areas"]


def test_places_name_their_countries_as_parties():
    assert _parties_of("Tỉnh Lào Cai và tỉnh Vân Nam nhất trí đẩy mạnh hợp tác du lịch.") == [
        ["VNM", "CHN"]
    ]


def test_a_statement_naming_one_side_keeps_one_party():
    # the article's main pair (Viet Nam, Laos) does not complete it
    text = (
        "Thủ tướng Lào Sonexay Siphandone hội đàm với Thủ tướng Phạm Minh Chính tại Hà Nội. "
        "Lào mong muốn tăng cường hợp tác về giáo dục."
    )
    assert _parties_of(text) == [["LAO"]]


def test_both_sides_named_by_reference_are_the_main_pair():
    text = (
        "Thủ tướng Lào Sonexay Siphandone hội đàm với Thủ tướng Phạm Minh Chính tại Hà Nội. "
        "Hai bên nhất trí tăng cường hợp tác về giáo dục."
    )
    assert _parties_of(text) == [["VNM", "LAO"]]
    assert _parties_of(text.replace("Hai bên", "Hai địa phương")) == [["VNM", "LAO"]]


def test_a_statement_naming_nobody_takes_its_clause_subject_or_gives_no_row():
    said = "Tổng thống Chile Gabriel Boric mời Tổng thống Peru thăm Chile. "
    # the subject carried from the sentence before (the frame layer's elided subject)
    assert _parties_of(said + "Ông cũng đề nghị thúc đẩy hợp tác về năng lượng.") == [["CHL"]]
    met = "Thủ tướng Lào Sonexay Siphandone hội đàm với Thủ tướng Phạm Minh Chính tại Hà Nội. "
    assert _parties_of(met + "Cần thúc đẩy hợp tác về năng lượng.") == []  # nobody: no row
