"""camket.nlp.dates: date mentions resolved against the article date, and deadlines.

Every rule has a firing and a non-firing example; the sentences are made up.
"""

from __future__ import annotations

import pytest

from camket.nlp.dates import DateMention, find_dates, resolve_deadline

REF = "2021-07-07"  # the article date used unless a test says otherwise


def _found(text: str, ref: str | None = REF) -> list[tuple[str, str, str, str | None]]:
    mentions = find_dates(text, ref)
    for m in mentions:
        assert text[m.start_char : m.end_char] == m.text, m
    assert [m.start_char for m in mentions] == sorted(m.start_char for m in mentions)
    return [(m.text, m.value, m.precision, m.qualifier) for m in mentions]


def test_mention_fields() -> None:
    text = "Hôm qua, chiều 6/7, hai bên ký thỏa thuận."
    assert find_dates(text, REF) == [
        DateMention(0, 7, "Hôm qua", "2021-07-06", "day", None),
        DateMention(9, 18, "chiều 6/7", "2021-07-06", "day", None),
    ]


# --------------------------------------------------------------------------- firing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # full numeric dates, with or without a day word, any of / - .
        ("Hội nghị khai mạc ngày 02/3/2021 tại Hà Nội.", [("ngày 02/3/2021", "2021-03-02")]),
        ("Ngày 05/4/2021, đoàn công tác lên đường.", [("Ngày 05/4/2021", "2021-04-05")]),
        ("Cập nhật 05/4/2021 lúc 19:38", [("05/4/2021", "2021-04-05")]),
        ("Lễ kỷ niệm Quốc khánh (2/9/2025) diễn ra trọng thể.", [("2/9/2025", "2025-09-02")]),
        ("Hai nước ký hiệp định ngày 25-6-1975.", [("ngày 25-6-1975", "1975-06-25")]),
        ("Văn bản ban hành 19.4.2021 có hiệu lực ngay.", [("19.4.2021", "2021-04-19")]),
        (
            "Ngày 3 tháng 5 năm 2024, Thủ tướng tiếp Đại sứ.",
            [("Ngày 3 tháng 5 năm 2024", "2024-05-03")],
        ),
        ("Sự kiện ngày 3 tháng Năm năm 2024", [("ngày 3 tháng Năm năm 2024", "2024-05-03")]),
        # yearless days after a day word or a time of day (year from the article)
        ("Ngày 21/2, Bộ Ngoại giao ra thông cáo.", [("Ngày 21/2", "2021-02-21")]),
        ("Chiều 6/7, đoàn đại biểu tới sân bay.", [("Chiều 6/7", "2021-07-06")]),
        ("Vào rạng sáng 7/7, máy bay hạ cánh.", [("rạng sáng 7/7", "2021-07-07")]),
        ("Sáng ngày 19/4, lễ đón diễn ra.", [("Sáng ngày 19/4", "2021-04-19")]),
        ("Trong cuộc gọi hôm 13/6, hai bên trao đổi.", [("hôm 13/6", "2021-06-13")]),
        ("Đoàn tới thăm ngày 8-6 vừa qua.", [("ngày 8-6", "2021-06-08")]),
        ("Lễ mừng mùng 2/9 năm nay", [("mùng 2/9 năm nay", "2021-09-02")]),
        ("Sự kiện ngày 3 tháng 5 năm ngoái", [("ngày 3 tháng 5 năm ngoái", "2020-05-03")]),
        ("Tin ngày 20/9", [("ngày 20/9", "2020-09-20")]),  # > 2 months ahead: the year before
        ("Cuộc gặp ngày 3 tháng 5 kéo dài hai giờ.", [("ngày 3 tháng 5", "2021-05-03")]),
        # two mentions, lists and ranges
        (
            "Các phiên họp ngày 5/5 và ngày 27/7 đều thành công.",
            [("ngày 5/5", "2021-05-05"), ("ngày 27/7", "2021-07-27")],
        ),
        (
            "Diễn đàn mở từ ngày 25 đến ngày 28/2.",
            [("ngày 25", "2021-02-25"), ("ngày 28/2", "2021-02-28")],
        ),
        ("Đoàn làm việc từ ngày 26-27/1.", [("ngày 26", "2021-01-26"), ("27/1", "2021-01-27")]),
        (
            "Chuyến thăm từ ngày 11 đến 14-10-2019.",
            [("ngày 11", "2019-10-11"), ("14-10-2019", "2019-10-14")],
        ),
        (
            "Hội chợ diễn ra ngày 5-9/11/2025 tại Vinh.",
            [("ngày 5", "2025-11-05"), ("9/11/2025", "2025-11-09")],
        ),
        (
            "Chuyến thăm ngày 11-12/12 năm 2023 thành công.",
            [("ngày 11", "2023-12-11"), ("12/12 năm 2023", "2023-12-12")],
        ),
        ("trong hai ngày 13 và 14-6", [("ngày 13", "2021-06-13"), ("14-6", "2021-06-14")]),
        (
            "Kỷ niệm 60 năm (19/4/1961-19/4/2021) Chiến thắng",
            [("19/4/1961", "1961-04-19"), ("19/4/2021", "2021-04-19")],
        ),
        (
            "Đợt nghỉ từ 28/12 - 3/1/2021",  # a start later in the year: the year before
            [("28/12", "2020-12-28"), ("3/1/2021", "2021-01-03")],
        ),
        (
            "Đợt cao điểm ngày 29/6-2/7 vừa qua",
            [("ngày 29/6", "2021-06-29"), ("2/7", "2021-07-02")],
        ),
        # relative days
        ("Hôm nay, Bộ Y tế công bố số ca.", [("Hôm nay", "2021-07-07")]),
        ("Tin từ ngày hôm qua cho biết", [("ngày hôm qua", "2021-07-06")]),
        ("Sáng nay, đoàn rời Hà Nội.", [("Sáng nay", "2021-07-07")]),
        ("Ngày mai hai bên sẽ ký kết.", [("Ngày mai", "2021-07-08")]),
    ],
)
def test_days(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == [(t, v, "day" if len(v) == 10 else "year", None) for t, v in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ông từng sang thăm hồi tháng 10/2025.", ("tháng 10/2025", "2025-10", None)),
        ("Từ tháng 9/2024, giá đã tăng.", ("tháng 9/2024", "2024-09", None)),
        ("Kể từ tháng 1/2020 đến nay", ("tháng 1/2020", "2020-01", None)),
        ("Nhận viện trợ kể từ tháng 2-2021.", ("tháng 2-2021", "2021-02", None)),
        ("Hội nghị họp vào tháng 3 năm 2022.", ("tháng 3 năm 2022", "2022-03", None)),
        ("Dự án khởi công tháng 10.", ("tháng 10", "2021-10", None)),  # the article's year
        ("Dự án khởi công tháng 3.", ("tháng 3", "2021-03", None)),
        ("Cuối tháng Ba, lô hàng tiếp theo sẽ đến.", ("Cuối tháng Ba", "2021-03", "late")),
        ("Ngay đầu tháng 8/2020, hai bên đã bàn.", ("đầu tháng 8/2020", "2020-08", "early")),
        ("Giữa tháng 6 năm ngoái", ("Giữa tháng 6 năm ngoái", "2020-06", "mid")),
        ("Thượng tuần tháng 9 tới", ("Thượng tuần tháng 9", "2021-09", "early")),
        ("Kế hoạch cho tháng tới đã sẵn sàng.", ("tháng tới", "2021-08", None)),
        ("Đầu tháng này, chính quyền thông báo.", ("Đầu tháng này", "2021-07", "early")),
        ("so với tháng trước", ("tháng trước", "2021-06", None)),
        ("Hợp đồng ký vào cuối tháng.", ("cuối tháng", "2021-07", "late")),
        # quarters: the first month of the quarter
        ("Lô thứ hai giao trong quý III/2021.", ("quý III/2021", "2021-07", None)),
        ("Dự kiến quý 4 năm 2022 khánh thành.", ("quý 4 năm 2022", "2022-10", None)),
        ("Đầu quý I năm sau", ("Đầu quý I năm sau", "2022-01", "early")),
        ("Kết quả quý II khả quan.", ("quý II", "2021-04", None)),
    ],
)
def test_months_and_quarters(text: str, expected: tuple[str, str, str | None]) -> None:
    t, v, q = expected
    assert _found(text) == [(t, v, "month", q)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hai bên nhất trí tổ chức vào năm 2026.", [("năm 2026", "2026", None)]),
        ("Mục tiêu tăng trưởng trong năm 2021.", [("năm 2021", "2021", None)]),
        ("Từ năm 2021và các năm sau", [("năm 2021", "2021", None)]),  # glued typo
        ("Tổng kết cuối năm 2021", [("cuối năm 2021", "2021", "late")]),
        ("Từ đầu năm 2020 đến nay", [("đầu năm 2020", "2020", "early")]),
        ("vào nửa cuối năm 2022", [("nửa cuối năm 2022", "2022", "late")]),
        ("Năm nay, hai nước kỷ niệm quan hệ.", [("Năm nay", "2021", None)]),
        ("Vốn đầu tư năm nay tăng mạnh.", [("năm nay", "2021", None)]),  # "tư" is no count here
        ("Năm tới sẽ có thêm dự án.", [("Năm tới", "2022", None)]),
        ("Sang năm sau, dự án hoàn tất.", [("năm sau", "2022", None)]),
        ("So với năm ngoái, con số tăng.", [("năm ngoái", "2020", None)]),
        ("Chúng tôi mở cửa vào cuối năm nay.", [("cuối năm nay", "2021", "late")]),
        ("phải chờ đến cuối năm.", [("cuối năm", "2021", "late")]),
        ("Kế hoạch năm 2021-2025", [("năm 2021", "2021", None), ("2025", "2025", None)]),
        ("Chương trình giai đoạn 2022-2027", [("2022", "2022", None), ("2027", "2027", None)]),
    ],
)
def test_years(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _found(text) == [(t, v, "year", q) for t, v, q in expected]


def test_month_ranges() -> None:
    assert _found("Mùa mưa tháng 5-6/2021 kéo dài.") == [
        ("tháng 5", "2021-05", "month", None),
        ("6/2021", "2021-06", "month", None),
    ]
    assert _found("Vụ đông tháng 11-2/2022") == [
        ("tháng 11", "2021-11", "month", None),  # a start later in the year: the year before
        ("2/2022", "2022-02", "month", None),
    ]
    assert _found("Kể từ tháng 5-2021") == [
        ("tháng 5-2021", "2021-05", "month", None)
    ]  # month-year


def test_iso_dates() -> None:
    assert _found("Bản tin 2021-09-03 lúc 8h") == [("2021-09-03", "2021-09-03", "day", None)]
    assert _found("Mã hồ sơ 2021-13-01") == []
    assert _found("Mã số 12021-09-03") == []


# --------------------------------------------------------------------------- not firing


@pytest.mark.parametrize(
    "text",
    [
        "Phiên họp bắt đầu lúc 19:38 giờ Hà Nội.",  # a time
        "Tin tức cập nhật 24h qua.",
        "Gần 1/2 số dân đã tiêm.",  # a fraction
        "Đội nhà thắng 2-1 trong trận mở màn.",  # a score
        "Tỷ lệ bao phủ 8/10 tỉnh đạt 95%.",
        "Theo Kết luận 02-TT/TU của Tỉnh ủy",  # a decree number
        "Theo Nghị định 15/2021/NĐ-CP",
        "Thành tựu của 35 năm đổi mới.",  # a duration
        "Trong 20 năm qua, quan hệ phát triển.",
        "Trong 3 tháng tới, giá sẽ tăng.",
        "Hai năm tới là giai đoạn quan trọng.",
        "Những năm tới sẽ nhiều thách thức.",
        "Mỗi cuối năm, công ty tổng kết.",
        "Cả năm sau đó, ông không trở lại.",  # relative to another event
        "Tuần tới, đoàn sẽ sang Lào.",  # weeks are skipped
        "Bao nhiêu tháng năm đã qua.",  # "tháng năm" is not May
        "Mỗi tháng một lần, đoàn họp.",
        "Hạn cuối ngày 31/2 là vô lý.",  # not a calendar date
        "Số 31/2/2021 không tồn tại.",
        "Chỉ số 3.5 tăng nhẹ.",  # a dotted d.m needs a year or a day word
        "Đội hình 2 đến 4/7 cầu thủ dự bị.",  # a bare range needs "từ"
        "Khoảng 5/5 người đồng ý.",  # a bare d/m needs a day word
        "Cuối năm học, học sinh nghỉ hè.",
        "Quý vị đại biểu có mặt đông đủ.",
        "Hôm nào rảnh, mời anh ghé chơi.",
        "Mùa lúa tháng 5-5 âm lịch",
        "Thời điểm giữa năm học",
    ],
)
def test_not_dates(text: str) -> None:
    assert _found(text) == []


def test_dotted_yearless_day_after_a_day_word() -> None:
    assert _found("Ngày 14.6, đoàn tới Hà Nội.") == [("Ngày 14.6", "2021-06-14", "day", None)]
    assert _found("Sáng 25.3, lô hàng về đến sân bay.") == [
        ("Sáng 25.3", "2021-03-25", "day", None)
    ]
    assert _found("Tỷ lệ 14.6 phần trăm.") == []


def test_bare_range_opened_by_tu() -> None:
    assert [m[:2] for m in _found("Hội nghị diễn ra từ 2 đến 4/7.")] == [
        ("2", "2021-07-02"),
        ("4/7", "2021-07-04"),
    ]
    assert [m[:2] for m in _found("Chuyến thăm từ 2/7 đến 4/7.")] == [
        ("2/7", "2021-07-02"),
        ("4/7", "2021-07-04"),
    ]
    assert _found("Chuyến thăm 2/7 đến 4/7.") == []  # no "từ", no day word, no year
    assert _found("Số phiếu từ 2 và 4/7 tổ bầu cử.") == []  # a list is no range


def _periods(text: str, ref: str | None = REF) -> list[tuple[str, str]]:
    mentions = find_dates(text, ref, periods=True)
    for m in mentions:
        assert text[m.start_char : m.end_char] == m.text, m
    return [(m.text, m.value) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đoàn thăm Pháp từ ngày 3 đến ngày 5-10-2024.",
            [("ngày 3 đến ngày 5-10-2024", "2024-10-03/2024-10-05")],
        ),
        ("Hội nghị họp 3-5/10/2024 tại Lào.", [("3-5/10/2024", "2024-10-03/2024-10-05")]),
        ("Chuyến thăm từ 2/7 đến 4/7.", [("2/7 đến 4/7", "2021-07-02/2021-07-04")]),
        ("Diễn đàn họp từ 2 đến 4/7.", [("2 đến 4/7", "2021-07-02/2021-07-04")]),
        ("Lễ hội ngày 30-2/10 năm 2021", [("ngày 30-2/10 năm 2021", "2021-09-30/2021-10-02")]),
        ("Kế hoạch tháng 5-6/2021 đã xong.", [("tháng 5-6/2021", "2021-05/2021-06")]),
        ("Chiến lược năm 2021-2025 được thông qua.", [("năm 2021-2025", "2021/2025")]),
        # a list is no range: each day stays a mention
        ("Họp ngày 5 và 6/7.", [("ngày 5", "2021-07-05"), ("6/7", "2021-07-06")]),
        ("Họp ngày 5/7.", [("ngày 5/7", "2021-07-05")]),
    ],
)
def test_periods(text: str, expected: list[tuple[str, str]]) -> None:
    assert _periods(text) == expected


def test_periods_off_keeps_one_mention_per_end() -> None:
    assert [m[:2] for m in _found("Đoàn thăm Pháp từ ngày 3 đến ngày 5-10-2024.")] == [
        ("ngày 3", "2024-10-03"),
        ("ngày 5-10-2024", "2024-10-05"),
    ]


# --------------------------------------------------------------------------- year of yearless dates


@pytest.mark.parametrize(
    ("text", "ref", "value"),
    [
        ("ngày 6/7", "2021-07-07", "2021-07-06"),  # the article's year
        ("ngày 5/9", "2021-07-07", "2021-09-05"),  # up to ~2 months ahead: same year
        ("ngày 20/9", "2021-07-07", "2020-09-20"),  # further ahead: the year before
        ("ngày 28/12", "2022-01-03", "2021-12-28"),
        ("ngày 5/1", "2021-12-20", "2022-01-05"),  # ~11 months behind: the year after
        ("ngày 20/9 tới", "2021-07-07", "2021-09-20"),  # "tới": the next one
        ("ngày 20/12 tới", "2021-12-28", "2022-12-20"),
        ("hôm 10/7 vừa qua", "2021-07-07", "2020-07-10"),  # "vừa qua": the last one
        ("ngày 29/2", "2021-03-10", "2020-02-29"),  # only 2020 has the day
    ],
)
def test_year_window(text: str, ref: str, value: str) -> None:
    [m] = find_dates(text, ref)
    assert (m.value, m.precision) == (value, "day")


def test_month_cues() -> None:
    assert _found("hồi tháng 10", "2021-07-07") == [("tháng 10", "2020-10", "month", None)]
    assert _found("cuối tháng Ba tới", "2021-07-07") == [
        ("cuối tháng Ba", "2022-03", "month", "late")
    ]
    assert _found("tháng 10 vừa qua", "2021-11-20") == [("tháng 10", "2021-10", "month", None)]


def test_ref_date_forms() -> None:
    from datetime import date

    assert find_dates("ngày 6/7", "2021-07-07T10:30:00+07:00")[0].value == "2021-07-06"
    assert find_dates("ngày 6/7", date(2021, 7, 7))[0].value == "2021-07-06"  # type: ignore[arg-type]
    assert find_dates("ngày 6/7", "not a date") == []


def test_without_ref_date_only_absolute_dates() -> None:
    text = "Hôm qua, ngày 6/7, tháng 10, năm nay và cuối năm; còn ngày 5/4/2021 và năm 2022."
    assert _found(text, None) == [
        ("ngày 5/4/2021", "2021-04-05", "day", None),
        ("năm 2022", "2022", "year", None),
    ]


def test_empty_text() -> None:
    assert find_dates("", REF) == []
    assert resolve_deadline("", REF) is None


# --------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("text", "ref", "due"),
    [
        ("từ nay đến cuối năm 2021", REF, "2021-12-31"),
        ("cuối năm 2021", REF, "2021-12-31"),  # the phrase alone
        ("Hai triệu liều sẽ được giao trước ngày 31/12/2021.", REF, "2021-12-31"),
        ("trước ngày 31/12", REF, "2021-12-31"),  # a deadline is ahead
        ("trước ngày 5/7", REF, "2021-07-05"),  # ... or a little behind
        ("trong tháng 8/2021", REF, "2021-08"),
        ("trong tháng 8", REF, "2021-08"),
        ("trong tháng 3", REF, "2022-03"),
        ("trong năm 2021", REF, "2021"),
        ("đến cuối năm nay", REF, "2021-12-31"),
        ("đến hết năm 2030", REF, "2030-12-31"),
        ("đến hết tháng 8/2021", REF, "2021-08-31"),
        ("chậm nhất cuối tháng 9", REF, "2021-09-30"),
        ("trong quý III/2021", REF, "2021-09-30"),
        ("trong nửa đầu năm 2022", REF, "2022-06-30"),
        ("đến đầu năm 2022", REF, "2022"),
        ("trong thượng tuần tháng 8", REF, "2021-08-10"),
        ("sẽ chuyển giao vào cuối năm 2021, trong đó Việt Nam nhận một phần", REF, "2021-12-31"),
        ("Từ ngày 25 đến ngày 28/7, hội nghị diễn ra.", REF, "2021-07-28"),
        ("trong năm tới", REF, "2022"),
        (
            "Trong tháng 6 đã giao 1 triệu liều, phần còn lại giao trước ngày 30/9.",
            REF,
            "2021-09-30",
        ),
        ("dự kiến vào tháng 10 tới", REF, "2021-10"),
    ],
)
def test_resolve_deadline(text: str, ref: str, due: str) -> None:
    assert resolve_deadline(text, ref) == due


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 12/7, Canada công bố khoản tài trợ mới.",  # the date of the news, not a deadline
        "Cuối năm 2020, Mỹ đã gửi lô đầu tiên.",
        "Lô hàng đã tới vào ngày 2/7.",  # "vào" counts only for dates not before the article
        "Hai nước sẽ tiếp tục hợp tác.",
        "trong 3 tháng tới",  # a duration
        "Tính đến ngày 5/7, cả nước đã tiêm 4 triệu liều.",  # "as of", not a deadline
        "Trong năm 2020, Mỹ đã tặng nhiều thiết bị.",  # a past "trong" is narrative
    ],
)
def test_resolve_deadline_none(text: str) -> None:
    assert resolve_deadline(text, REF) is None


def test_resolve_deadline_without_ref_date() -> None:
    assert resolve_deadline("trước ngày 31/12/2021", None) == "2021-12-31"
    assert resolve_deadline("trước ngày 31/12", None) is None
    assert resolve_deadline("vào cuối năm 2021", None) == "2021-12-31"
