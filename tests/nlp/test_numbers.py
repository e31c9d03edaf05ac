"""camket.nlp.numbers: Vietnamese number grammar and dose quantities.

Every rule has a firing and a non-firing example; the sentences are made up.
"""

from __future__ import annotations

import pytest

from camket.nlp.numbers import Quantity, find_quantities, parse_vi_number


def _offsets_ok(text: str, found: list[Quantity]) -> bool:
    return all(text[q.start_char : q.end_char] == q.text for q in found)


# --------------------------------------------------------------------------- parse_vi_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # digits and scale words
        ("10 triệu", 10_000_000),
        ("12 triệu", 12_000_000),
        ("500 nghìn", 500_000),
        ("500 ngàn", 500_000),
        ("1 tỷ", 1_000_000_000),
        ("1 tỉ", 1_000_000_000),
        ("3 vạn", 30_000),
        ("5 trăm", 500),
        ("2 triệu 400 nghìn", 2_400_000),
        # "." groups thousands
        ("400.000", 400_000),
        ("250.000", 250_000),
        ("1.499.940", 1_499_940),
        ("1.500 triệu", 1_500_000_000),  # 3 digits after the dot: still thousands
        # "," is the decimal mark
        ("1,5 triệu", 1_500_000),
        ("2,5 triệu", 2_500_000),
        ("1,05 triệu", 1_050_000),
        ("1,500 triệu", 1_500_000),  # before a scale word: decimal
        ("1.234,5 triệu", 1_234_500_000),
        # English-style exceptions
        ("1.5 triệu", 1_500_000),  # one dot group of 1-2 digits before a scale word
        ("1,500", 1_500),  # one 3-digit comma group, no scale word: thousands
        ("1,000,000", 1_000_000),
        ("1 000 000", 1_000_000),
        # words
        ("mười", 10),
        ("mười lăm", 15),
        ("hai mươi lăm", 25),
        ("hai mươi mốt", 21),
        ("ba mươi tư", 34),
        ("chín mươi", 90),
        ("một trăm linh năm", 105),
        ("hai trăm lẻ một", 201),
        ("một trăm hai", 120),  # colloquial
        ("hai trăm năm mươi", 250),
        ("trăm rưỡi", 150),
        ("ba chục", 30),
        ("một triệu", 1_000_000),
        ("Một triệu", 1_000_000),
        ("một trăm nghìn", 100_000),
        ("nửa triệu", 500_000),
        ("hai triệu rưỡi", 2_500_000),
        ("hai triệu hai", 2_200_000),  # colloquial
        ("1 triệu 5", 1_500_000),  # colloquial
        ("một nghìn tỷ", 1_000_000_000_000),
        ("hai nghìn ba trăm triệu", 2_300_000_000),
        ("một triệu hai trăm nghìn", 1_200_000),
        ("hai triệu hai mươi", 2_000_020),  # colloquial only for one digit
        ("năm", 5),
        ("không", 0),
        # hedges, brackets
        ("hơn 2 triệu", 2_000_000),
        ("hàng triệu", 1_000_000),
        ("hàng chục triệu", 10_000_000),
        ("(2 triệu)", 2_000_000),
    ],
)
def test_parse_vi_number(text: str, value: int) -> None:
    assert parse_vi_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "vắc-xin",
        "1,5",  # not whole
        "1.5",  # a dot decimal needs a scale word; not whole either
        "12.3456",
        "triệu",  # a scale word alone needs "hàng"
        "mươi",
        "một mươi",
        "hai ba",  # "hai ba trăm" is a range, not a number
        "một triệu hai triệu",
        "2021 hai triệu",
        "2 triệu 400 nghìn USD",
        "nghìn tỷ",
        "5/5",
        "50%",
        "1 00 000",
        "một trăm linh",  # "linh" needs a digit
        "rưỡi",  # half of nothing
        "nửa",  # 0.5
        "mười rưỡi",
    ],
)
def test_parse_vi_number_rejects(text: str) -> None:
    assert parse_vi_number(text) is None


def test_parse_vi_number_returns_int() -> None:
    assert type(parse_vi_number("1,5 triệu")) is int


# --------------------------------------------------------------------------- find_quantities


def test_find_quantities_example() -> None:
    text = "Nhật Bản hứa tặng hơn 2 triệu liều vắc xin cho Lào."
    assert find_quantities(text) == [Quantity(2_000_000, True, 18, 29, "hơn 2 triệu")]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("Lô hàng gồm 1,5 triệu mũi tiêm đã về.", 1_500_000, "1,5 triệu"),
        ("Tổng cộng 1.499.940 liều đã được giao.", 1_499_940, "1.499.940"),
        ("Bên bạn gửi 500 ngàn liều AstraZeneca.", 500_000, "500 ngàn"),
        ("Họ nhận được 1.5 triệu liều trong tuần.", 1_500_000, "1.5 triệu"),
        ("Ông nói về nửa triệu liều còn lại.", 500_000, "nửa triệu"),
        ("Một triệu liều sẽ tới vào thứ Hai.", 1_000_000, "Một triệu"),
        ("Chỉ cần hai mũi là đủ.", 2, "hai"),
        ("Có 3 vạn liều dự phòng.", 30_000, "3 vạn"),
        ("Đợt này có 2 triệu 400 nghìn liều.", 2_400_000, "2 triệu 400 nghìn"),
        ("Kho còn (250.000 liều) chưa dùng.", 250_000, "250.000"),
    ],
)
def test_find_quantities_exact(text: str, value: int, span: str) -> None:
    found = find_quantities(text)
    assert [(q.value, q.approximate, q.text) for q in found] == [(value, False, span)]
    assert _offsets_ok(text, found)


@pytest.mark.parametrize(
    "hedge", ["hơn", "gần", "khoảng", "trên", "xấp xỉ", "chừng", "ước tính", "ít nhất"]
)
def test_hedges_make_quantities_approximate(hedge: str) -> None:
    text = f"Phía bạn đã chuyển {hedge} 3 triệu liều vaccine."
    [q] = find_quantities(text)
    assert (q.value, q.approximate, q.text) == (3_000_000, True, f"{hedge} 3 triệu")
    assert _offsets_ok(text, [q])


def test_hedge_chain_and_hang() -> None:
    text = "Ước tính khoảng 700 nghìn liều, và hàng triệu liều nữa sẽ đến."
    found = find_quantities(text)
    assert [(q.value, q.approximate, q.text) for q in found] == [
        (700_000, True, "Ước tính khoảng 700 nghìn"),
        (1_000_000, True, "hàng triệu"),
    ]
    assert _offsets_ok(text, found)


def test_hedge_must_be_adjacent() -> None:
    [q] = find_quantities("Gần đây nước này tặng 3 triệu liều.")
    assert (q.value, q.approximate) == (3_000_000, False)


def test_bare_scale_needs_hang() -> None:
    assert find_quantities("Lô triệu liều này") == []
    assert find_quantities("Hàng hóa gồm triệu liều") == []  # "hóa" breaks the hedge


def test_left_words_that_are_not_the_number_are_dropped() -> None:
    text = "Trong năm 2021 hai triệu liều đã về."
    [q] = find_quantities(text)
    assert (q.value, q.text) == (2_000_000, "hai triệu")
    assert _offsets_ok(text, [q])


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2021 là năm bản lề.",  # a year
        "Ngày 5/5 đoàn đã tới.",  # a date
        "Tỷ lệ tiêm đạt 50%.",  # a percentage
        "Hợp đồng trị giá 3 tỷ USD.",  # money: a number, but no dose unit
        "Mỗi người được 1/2 liều.",  # a fraction
        "Lịch tiêm 5-10 liều mỗi ngày.",  # a range
        "Biến thể COVID-19 liều cao",  # a number glued to a word
        "Trẻ em tiêm 1,5 liều.",  # not whole
        "Chúng tôi tiêm mũi 3 cho người già.",  # the number comes after the unit
        "Thành công của 35 năm đổi mới.",
        "Tiêm 2 liềuthuốc",  # the unit glued to another word
    ],
)
def test_find_quantities_ignores(text: str) -> None:
    assert find_quantities(text) == []


def test_custom_unit_words() -> None:
    text = "Nước bạn viện trợ 200.000 bộ kit xét nghiệm và 5 triệu liều."
    found = find_quantities(text, unit_words=("bộ kit",))
    assert [(q.value, q.text) for q in found] == [(200_000, "200.000")]
    assert find_quantities(text, unit_words=()) == []


def test_units_are_case_insensitive_and_several_found_in_order() -> None:
    text = "TIÊM 2 MŨI là 69.000 LIỀU; tổng 150.000 liều."
    found = find_quantities(text)
    assert [q.value for q in found] == [2, 69_000, 150_000]
    assert _offsets_ok(text, found)
