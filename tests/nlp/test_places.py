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
