"""LOC rules: gazetteer, trigger patterns, places before their country."""

from __future__ import annotations


def locs(ents, text):
    return [(t, k) for label, t, k in ents(text) if label == "LOC"]


def test_gazetteer_places_in_vietnamese_and_latin_spelling(ents):
    assert locs(ents, "Từ Hà Nội đến Mát-xcơ-va, Havana và Rio de Janeiro.") == [
        ("Hà Nội", "Hà Nội"),
        ("Mát-xcơ-va", "Mát-xcơ-va"),
        ("Havana", "Havana"),
        ("Rio de Janeiro", "Rio de Janeiro"),
    ]


def test_ho_chi_minh_city_variants_share_one_canonical(ents):
    found = locs(ents, "Đoàn đến TP.HCM rồi về Thành phố Hồ Chí Minh.")
    assert {k for _, k in found} == {"Thành phố Hồ Chí Minh"}


def test_administrative_triggers_are_left_out_of_the_name(ents):
    assert locs(ents, "Bão đổ bộ tỉnh Quảng Đông, thủ đô Viên-Xa và huyện Nam Đàn.") == [
        ("Quảng Đông", "Quảng Đông"),
        ("Viên-Xa", "Viên-Xa"),
        ("Nam Đàn", "Nam Đàn"),
    ]
    assert locs(ents, "Máy bay hạ cánh xuống sân bay quân sự Melsbroek.") == [
        ("Melsbroek", "Melsbroek")
    ]


def test_feature_triggers_stay_in_the_name(ents):
    assert locs(ents, "Gió mạnh trên vịnh Bắc Bộ và Đại lộ Lê Lợi.") == [
        ("vịnh Bắc Bộ", "vịnh Bắc Bộ"),
        ("Đại lộ Lê Lợi", "Đại lộ Lê Lợi"),
    ]


def test_a_feature_word_does_not_reach_a_place_opening_the_next_sentence(ents):
    text = "Họp bàn về Con đường\n\nBrasília - Hai bên nhất trí. Tàu vào vịnh Hạ Long."
    assert locs(ents, text) == [("Brasília", "Brasília"), ("vịnh Hạ Long", "vịnh Hạ Long")]


def test_a_disease_named_after_a_continent_is_no_place(ents):
    assert locs(ents, "Lào nhận vắc xin phòng dịch tả lợn châu Phi.") == []
    assert locs(ents, "Việt Nam hợp tác với các nước châu Phi.") == [("châu Phi", "châu Phi")]


def test_a_trigger_needs_a_capitalised_name(ents):
    assert locs(ents, "Các tỉnh phía bắc và thành phố lớn đều mưa.") == []
    assert locs(ents, "Chính phủ yêu cầu Viện Pasteur báo cáo.") == []


def test_unknown_place_before_its_country(ents):
    assert locs(ents, "Người dân xếp hàng ở Valparaíso, Chile hôm qua.") == [
        ("Valparaíso", "Valparaíso")
    ]
    assert locs(ents, "Ông Valparaíso, Chile, phát biểu.") == []


def test_place_inside_an_organisation_is_not_a_separate_place(ents):
    found = ents("Đại học Quốc gia Hà Nội ký kết hợp tác.")
    assert ("ORG", "Đại học Quốc gia Hà Nội", "Đại học Quốc gia Hà Nội") in found
    assert not [e for e in found if e[0] == "LOC"]


def test_feature_word_joins_a_known_place(ents):
    assert locs(ents, "Du khách đến vịnh Hạ Long và thành phố Hạ Long.") == [
        ("vịnh Hạ Long", "vịnh Hạ Long"),
        ("Hạ Long", "Hạ Long"),
    ]


# --- issue 9: country of a place, lists of capitals, island states, provinces of a country ---


def loc_countries(doc_of, text):
    doc = doc_of(text)
    return [(s.text, s._.country) for s in doc.spans["entities"] if s.label_ == "LOC"]


def test_capitals_carry_their_country(doc_of):
    found = loc_countries(doc_of, "Phái đoàn bay từ Ca-bun tới Windhoek rồi sang Hà Nội.")
    assert found == [("Ca-bun", "AFG"), ("Windhoek", "NAM"), ("Hà Nội", "VNM")]


def test_a_city_without_a_known_country_has_none(doc_of):
    assert loc_countries(doc_of, "Lễ hội diễn ra ở Tây Âu và tại Đài Bắc.") == [
        ("Tây Âu", None),
        ("Đài Bắc", None),
    ]


def test_place_before_its_country_takes_that_country(doc_of):
    assert loc_countries(doc_of, "Người dân xếp hàng ở Valparaíso, Chile hôm qua.") == [
        ("Valparaíso", "CHL")
    ]


def test_provinces_and_cities_of_viet_nam_are_vnm(doc_of):
    found = loc_countries(doc_of, "Lô hàng về Cần Thơ, sau đó tới Đà Lạt.")
    assert found == [("Cần Thơ", "VNM"), ("Đà Lạt", "VNM")]


def test_ho_chi_minh_city_canonical_is_the_full_name(ents):
    text = "Đoàn tới thành phố Hồ Chí Minh, Sài Gòn xưa, rồi về Tp.HCM."
    assert {k for label, _, k in ents(text) if label == "LOC"} == {"Thành phố Hồ Chí Minh"}
    assert not [e for e in ents("Hồ Chí Minh là vị lãnh tụ.") if e[0] == "LOC"]


def test_island_states_are_countries_with_or_without_quan(ents):
    found = ents("Đảo Marshall và quần đảo Xô-lô-môn nhận vắc xin.")
    assert ("COUNTRY", "Đảo Marshall", "MHL") in found
    assert ("COUNTRY", "quần đảo Xô-lô-môn", "SLB") in found
    assert not [e for e in found if e[0] == "LOC"]
    assert not [e for e in ents("Đảo Phú Quý rất đẹp.") if e[0] == "COUNTRY"]


def test_provinces_of_a_country_name_the_country(ents):
    found = ents("Các tỉnh Lào giáp biên được hỗ trợ.")
    assert ("COUNTRY", "Lào", "LAO") in found
    assert not [e for e in found if e[0] == "LOC"]
    # one province named like a state stays a place
    assert ("LOC", "Georgia", "Georgia") in ents("Ông đến thăm bang Georgia.")


def test_buildings_with_a_vietnamese_head(ents):
    assert locs(ents, "Hai bên gặp tại Cung điện Buckingham rồi Điện Capitol.") == [
        ("Cung điện Buckingham", "Cung điện Buckingham"),
        ("Điện Capitol", "Điện Capitol"),
    ]
    assert locs(ents, "Giá điện Mặt trời tăng.") == []


def test_dash_joined_places_after_a_route_word_are_one_each(ents):
    assert locs(
        ents, "Lễ bàn giao ở cửa khẩu Lao Bảo-Densavanh và cao tốc Hà Nội - Hải Phòng."
    ) == [
        ("Lao Bảo", "Lao Bảo"),
        ("Densavanh", "Densavanh"),
        ("Hà Nội", "Hà Nội"),
        ("Hải Phòng", "Hải Phòng"),
    ]
    assert locs(ents, "Tuyến cao tốc Phnom Penh - Sihanoukville sắp xong.") == [
        ("Phnom Penh", "Phnom Penh"),
        ("Sihanoukville", "Sihanoukville"),
    ]
    assert locs(ents, "Bão đổ bộ thủ đô Viên-Xa.") == [("Viên-Xa", "Viên-Xa")]


def test_washington_dc_is_one_place(ents):
    assert locs(ents, "Lễ nhậm chức tại Washington, DC hôm nay.") == [
        ("Washington, DC", "Washington, DC")
    ]


def test_building_named_by_one_vietnamese_word(ents):
    assert locs(ents, "Lễ đón diễn ra tại Đại lễ đường Nhân dân ở Bắc Kinh.") == [
        ("Đại lễ đường Nhân dân", "Đại lễ đường Nhân dân"),
        ("Bắc Kinh", "Bắc Kinh"),
    ]
    assert locs(ents, "Lễ khánh thành Tòa nhà Y tế Hữu nghị mới.") == []
