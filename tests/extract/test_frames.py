"""The frame layer (camket_frames_v1, data/frames.tsv) and vaccine_doses read from it.

Every frames.tsv row has a sentence where it fires and one where it does not; the
sentences are written for these tests. Then: distribution over lists, passives,
buyer and seller, actor resolution (never the article's main pair) and status.
"""

from __future__ import annotations

import pytest

from camket.extract import find_commitments
from camket.extract.frames import doc_frames, frame_lexicon

TITLE = "Tin quốc tế\n\n"

# lexeme -> (a sentence where its frame fires, a sentence where it does not)
ROWS: dict[str, tuple[str, str]] = {
    "tặng": (
        "Nhật Bản tặng Lào 100.000 liều vắc xin.",
        "Nhật Bản trao tặng Lào 100.000 liều vắc xin.",
    ),
    "trao tặng": (
        "Ba Lan trao tặng Việt Nam 200.000 liều.",
        "Ba Lan trao cho Việt Nam 200.000 liều.",
    ),
    "gửi tặng": ("Ấn Độ gửi tặng Nepal 50.000 liều.", "Ấn Độ gửi lời mời Nepal dự hội nghị."),
    "viện trợ": ("Úc viện trợ Fiji 80.000 liều.", "Úc tài trợ cho Fiji một dự án nước sạch."),
    "hỗ trợ": ("Hàn Quốc hỗ trợ Lào 70.000 liều.", "Hàn Quốc ủng hộ Lào trong đại dịch."),
    "tài trợ": ("Pháp tài trợ cho Mali 30.000 liều.", "Pháp viện trợ cho Mali 30.000 liều."),
    "cung cấp": ("Nga sẽ cung cấp cho Lào 40.000 liều.", "Nga sẽ cung ứng cho Lào 40.000 liều."),
    "cung ứng": (
        "UNICEF cung ứng cho Nepal 60.000 liều.",
        "UNICEF cung cấp cho Nepal 60.000 liều.",
    ),
    "chia sẻ": ("Canada chia sẻ với Peru 90.000 liều.", "Canada và Peru trao đổi kinh nghiệm."),
    "bàn giao": ("Đức bàn giao cho Ghana 20.000 liều.", "Đức trao cho Ghana 20.000 liều."),
    "trao": ("Ý trao cho Albania 10.000 liều.", "Ý trao tặng Albania 10.000 liều."),
    "chuyển giao": ("Cuba chuyển giao cho Việt Nam 15.000 liều.", "Cuba chuyển đổi nhà máy."),
    "chuyển": (
        "Trung Quốc sẽ chuyển 25.000 liều cho Lào.",
        "Trung Quốc sẽ chuyển giao 25.000 liều cho Lào.",
    ),
    "gửi": ("Mỹ gửi 35.000 liều cho Bhutan.", "Mỹ gửi tặng 35.000 liều cho Bhutan."),
    "xuất khẩu": ("Ấn Độ xuất khẩu 45.000 liều sang Nepal.", "Ấn Độ nhập khẩu 45.000 liều từ Nga."),
    "bán": ("Nga bán cho Hungary 55.000 liều.", "Bán đảo Triều Tiên có nhiều núi."),
    "nhượng lại": (
        "Hungary nhượng lại cho Việt Nam 65.000 liều.",
        "Hungary bán cho Việt Nam 65.000 liều.",
    ),
    "hoán đổi": ("Úc hoán đổi 75.000 liều với Singapore.", "Úc chia sẻ 75.000 liều với Singapore."),
    "trả lại": ("Lào sẽ trả lại Campuchia 41.000 liều.", "Lào trả lời thư của Campuchia."),
    "hoàn trả": ("Lào sẽ hoàn trả Campuchia 42.000 liều.", "Lào sẽ trả lại Campuchia 42.000 liều."),
    "đóng góp": ("Na Uy đóng góp 85.000 liều cho COVAX.", "Na Uy tặng 85.000 liều cho COVAX."),
    "ủng hộ": ("Thái Lan ủng hộ Myanmar 95.000 liều.", "Thái Lan hỗ trợ Myanmar 95.000 liều."),
    "phân bổ": ("COVAX phân bổ cho Lào 12.000 liều.", "COVAX cung cấp cho Lào 12.000 liều."),
    "phân phối": (
        "COVAX phân phối cho Ghana 13.000 liều.",
        "COVAX phân bổ cho Ghana 13.000 liều.",
    ),
    "dành cho": ("Nhật Bản dành cho Lào 13.000 liều.", "Nhật Bản tặng Lào 13.000 liều."),
    "nhận": ("Lào nhận 14.000 liều từ Nhật Bản.", "Lào nhận định tình hình đã ổn định."),
    "tiếp nhận": ("Lào tiếp nhận 16.000 liều từ Úc.", "Lào nhận 16.000 liều từ Úc."),
    "nhận được": ("Nepal nhận được 17.000 liều từ Ấn Độ.", "Nepal nhận 17.000 liều từ Ấn Độ."),
    "được nhận": ("Fiji được nhận 18.000 liều từ Úc.", "Fiji nhận 18.000 liều từ Úc."),
    "về tới": (
        "19.000 liều do Đức tặng về tới Hà Nội hôm qua.",
        "19.000 liều do Đức tặng đang trên đường.",
    ),
    "về đến": ("21.000 liều do Pháp tặng về đến Đà Nẵng.", "21.000 liều do Pháp tặng đang chờ."),
    "đã về": ("22.000 liều do Ý tặng đã về sân bay.", "22.000 liều do Ý tặng sẽ được chuyển."),
    "đã tới": ("23.000 liều do Úc tặng đã tới Hà Nội.", "23.000 liều do Úc tặng sắp tới nơi."),
    "đã đến": ("24.000 liều do Mỹ tặng đã đến Cần Thơ.", "24.000 liều do Mỹ tặng sắp đến nơi."),
    "nhập": ("Lào nhập 26.000 liều từ Nga.", "Người dân có thu nhập thấp."),
    "nhập khẩu": ("Lào nhập khẩu 27.000 liều từ Nga.", "Lào nhập 27.000 liều từ Nga."),
    "mua": ("Lào mua 28.000 liều của Nga.", "Lào đặt mua 28.000 liều của Nga."),
    "đặt mua": ("Lào đặt mua 29.000 liều của Nga.", "Lào mua 29.000 liều của Nga."),
    "cam kết": ("Mỹ cam kết 31.000 liều cho Lào.", "Mỹ hứa tặng 31.000 liều cho Lào."),
    "tuyên bố sẽ": ("Úc tuyên bố sẽ tặng Fiji 32.000 liều.", "Úc tuyên bố tặng Fiji 32.000 liều."),
    "tuyên bố": ("Úc tuyên bố tặng Fiji 33.000 liều.", "Úc tuyên bố sẽ tặng Fiji 33.000 liều."),
    "hứa": ("Nhật Bản hứa tặng Lào 34.000 liều.", "Nhật Bản cam kết tặng Lào 34.000 liều."),
    "quyết định": ("Đức quyết định tặng Ghana 36.000 liều.", "Đức đã tặng Ghana 36.000 liều."),
    "công bố": ("Pháp công bố tặng Mali 37.000 liều.", "Pháp đã tặng Mali 37.000 liều."),
    "thông báo": ("Ý thông báo tặng Albania 38.000 liều.", "Ý đã tặng Albania 38.000 liều."),
    "sẵn sàng": (
        "Ba Lan sẵn sàng nhượng lại 39.000 liều cho Lào.",
        "Ba Lan đã nhượng lại 39.000 liều cho Lào.",
    ),
    "mời": (
        "Thủ tướng Lào mời Thủ tướng Campuchia thăm Lào.",
        "Thủ tướng Lào gửi lời mời Thủ tướng Campuchia thăm Lào.",
    ),
    "gửi lời mời": ("Lào gửi lời mời Campuchia dự hội nghị.", "Lào mời Campuchia dự hội nghị."),
    "gửi thư mời": (
        "Bộ trưởng Lào gửi thư mời Bộ trưởng Nepal dự diễn đàn.",
        "Bộ trưởng Lào gửi lời mời Bộ trưởng Nepal dự diễn đàn.",
    ),
    "nhận được lời mời": (
        "Tổng thống Chile đã nhận được lời mời của Peru.",
        "Tổng thống Chile đã nhận lời mời của Peru.",
    ),
    "nhận lời": ("Tổng thống Pháp đã nhận lời.", "Tổng thống Pháp đã nhận lời mời của Đức."),
    "nhận lời mời": ("Thủ tướng Ý nhận lời mời của Đức.", "Thủ tướng Ý đã nhận lời."),
    "chấp nhận lời mời": ("Nhật Bản chấp nhận lời mời của Lào.", "Nhật Bản nhận lời mời của Lào."),
    "theo lời mời": (
        "Theo lời mời của Lào, Thủ tướng Thái Lan thăm Viêng Chăn.",
        "Thủ tướng Thái Lan thăm Viêng Chăn.",
    ),
    "từ chối": ("Hungary từ chối lời mời của Pháp.", "Hungary khước từ lời mời của Pháp."),
    "khước từ": ("Hungary khước từ lời mời của Đức.", "Hungary từ chối lời mời của Đức."),
    "chuyển lời mời": (
        "Đại sứ chuyển lời mời của Thủ tướng Lào tới Thủ tướng Nhật Bản.",
        "Đại sứ nhắc lại lời mời của Thủ tướng Lào.",
    ),
    "nhắc lại lời mời": (
        "Đại sứ nhắc lại lời mời của Tổng thống Pháp.",
        "Đại sứ chuyển lời mời của Tổng thống Pháp.",
    ),
    "chuyển lời": (
        "Đại sứ chuyển lời chúc mừng của Tổng thống Peru.",
        "Đại sứ chuyển lời mời của Tổng thống Peru.",
    ),
    "chuyển thư mời": (
        "Đại sứ chuyển thư mời của Thủ tướng Bỉ tới Thủ tướng Lào.",
        "Đại sứ chuyển thư của Thủ tướng Bỉ tới Thủ tướng Lào.",
    ),
    "chuyển thư": (
        "Đại sứ chuyển thư của Thủ tướng Bỉ tới Thủ tướng Lào.",
        "Đại sứ chuyển thư mời của Thủ tướng Bỉ tới Thủ tướng Lào.",
    ),
    "trao thư": (
        "Đại sứ trao thư của Quốc vương Bhutan cho Thủ tướng Nepal.",
        "Đại sứ trao thư mời của Quốc vương Bhutan cho Thủ tướng Nepal.",
    ),
    "trao lời mời": (
        "Đặc phái viên trao lời mời của Tổng thống Kenya tới Tổng thống Ghana.",
        "Đặc phái viên chuyển lời mời của Tổng thống Kenya tới Tổng thống Ghana.",
    ),
    "trao thư mời": (
        "Đại sứ trao thư mời của Quốc vương Brunei.",
        "Đại sứ chuyển lời mời của Quốc vương Brunei.",
    ),
    "hợp tác": (
        "Lào và Campuchia hợp tác về giáo dục.",
        "Lào và Campuchia tăng cường hợp tác về giáo dục.",
    ),
    "tăng cường hợp tác": ("Hai nước tăng cường hợp tác về y tế.", "Hai nước hợp tác về y tế."),
    "thúc đẩy hợp tác": ("Hai bên thúc đẩy hợp tác thương mại.", "Hai bên hợp tác thương mại."),
    "mở rộng hợp tác": ("Hai nước mở rộng hợp tác du lịch.", "Hai nước hợp tác du lịch."),
    # "none" rows: a longer word that holds a predicate; it fires as a block (no frame there),
    # and the shorter predicate alone fires where the longer word is absent
    "thu nhập": ("Các nước thu nhập thấp cần vắc xin.", "Lào nhập 1.000 liều từ Nga."),
    "gia nhập": ("Đông Timor gia nhập ASEAN.", "Đông Timor nhập 2.000 liều từ Úc."),
    "nhập cảnh": ("Du khách nhập cảnh Lào bằng đường bộ.", "Lào nhập 3.000 liều từ Trung Quốc."),
    "nhận định": ("Chuyên gia nhận định dịch đã qua đỉnh.", "Lào nhận 4.000 liều từ Nhật Bản."),
    "nhận thấy": ("Bộ trưởng nhận thấy nhiều tiến bộ.", "Fiji nhận 5.000 liều từ Úc."),
    "nhận thức": ("Người dân nâng cao nhận thức về dịch.", "Samoa nhận 6.000 liều từ Úc."),
    "nhận xét": ("Đại sứ nhận xét quan hệ rất tốt.", "Tonga nhận 7.000 liều từ Úc."),
    "xác nhận": ("Bộ Y tế xác nhận ca bệnh mới.", "Nauru nhận 8.000 liều từ Úc."),
    "thừa nhận": ("Ông thừa nhận còn khó khăn.", "Palau nhận 9.000 liều từ Nhật Bản."),
    "công nhận": ("Hai nước công nhận văn bằng của nhau.", "Kiribati nhận 11.000 liều từ Úc."),
    "ghi nhận": ("Hội nghị ghi nhận kết quả hợp tác.", "Vanuatu nhận 12.000 liều từ Úc."),
    "nhìn nhận": ("Cần nhìn nhận đúng tình hình.", "Tuvalu nhận 13.000 liều từ Úc."),
    "bán đảo": ("Bán đảo Mã Lai nằm ở phía nam.", "Nga bán cho Lào 14.000 liều."),
    "bán cầu": ("Nam bán cầu đang vào mùa đông.", "Trung Quốc bán cho Lào 15.000 liều."),
    "chuyển đổi": ("Hai nước thúc đẩy chuyển đổi số.", "Nhật Bản sẽ chuyển 16.000 liều cho Lào."),
    "chuyển biến": ("Tình hình có chuyển biến tích cực.", "Úc sẽ chuyển 17.000 liều cho Fiji."),
}


@pytest.fixture(scope="module")
def frames_of():
    from camket.nlp import annotate

    def _frames(text: str):
        (doc,) = annotate([TITLE + text], ["2021-08-10"])
        return doc_frames(doc)

    return _frames


@pytest.fixture(scope="module")
def doses():
    from camket.nlp import annotate

    def _doses(text: str, published: str | None = "2021-08-10"):
        (doc,) = annotate([TITLE + text], [published])
        return [f for k, _, f in find_commitments(doc) if k == "vaccine_doses"]

    return _doses


def key(rows):
    return sorted((r["supplier"], r["recipient"], r["quantity"]) for r in rows)


def test_the_frame_file_is_versioned_and_every_row_has_test_sentences():
    version, table = frame_lexicon()
    assert version.startswith("camket predicate frames, version 2")
    assert {lex.text for lex in table.values()} == set(ROWS)
    classes = {lex.cls for lex in table.values()}
    assert classes == {
        "supply",
        "receive",
        "pledge",
        "invite",
        "invited",
        "accept",
        "decline",
        "convey",
        "cooperate",
        "none",
    }


@pytest.mark.parametrize("lexeme", sorted(ROWS))
def test_each_row_fires_and_does_not(frames_of, lexeme):
    _, table = frame_lexicon()
    lex = next(x for x in table.values() if x.text == lexeme)
    fires, quiet = ROWS[lexeme]
    if lex.cls == "none":  # a block: no frame inside the longer word, the short word fires
        start = (TITLE + fires).casefold().index(lexeme)
        assert not [f for f in frames_of(fires) if f.start < start + len(lexeme) and f.end > start]
        assert frames_of(quiet)
        return
    assert [f for f in frames_of(fires) if f.lexeme == lexeme and f.cls == lex.cls], fires
    assert not [f for f in frames_of(quiet) if f.lexeme == lexeme], quiet


def test_frames_carry_subject_recipient_source_and_quantities(frames_of):
    (frame,) = [f for f in frames_of("Nhật Bản sẽ tặng Lào 100.000 liều vắc xin.") if f.items]
    assert frame.cls == "supply" and frame.subject.party == "JPN"
    assert frame.recipient.party == "LAO" and frame.items[0].quantity.value == 100_000
    (frame,) = [f for f in frames_of("Lào nhận 50.000 liều từ Úc.") if f.items]
    assert frame.cls == "receive" and frame.subject.party == "LAO" and frame.source.party == "AUS"


def test_frames_survive_doc_serialisation():
    from camket.nlp import annotate

    (doc,) = annotate([TITLE + "Nhật Bản sẽ tặng Lào 100.000 liều vắc xin."], [None])
    assert doc.to_bytes() and doc_frames(doc)[0].lexeme == "tặng"


# --- distribution over coordination ---------------------------------------------------------


def test_amounts_listed_with_their_recipients(doses):
    rows = doses(
        "Ấn Độ đã tặng 30.000 liều cho Nepal, 20.000 liều cho Bhutan và 10.000 liều cho Maldives."
    )
    assert key(rows) == [("IND", "BTN", 20_000), ("IND", "MDV", 10_000), ("IND", "NPL", 30_000)]


def test_amounts_in_brackets_after_each_recipient(doses):
    rows = doses("Nga sẽ cung cấp vắc xin cho Mông Cổ (200.000 liều) và Kazakhstan (50.000 liều).")
    assert key(rows) == [("RUS", "KAZ", 50_000), ("RUS", "MNG", 200_000)]


def test_each_listed_recipient_stands_before_its_amount(doses):
    rows = doses("Pháp trao tặng Mali 90.000 liều, Niger 60.000 liều và Chad 40.000 liều vắc xin.")
    assert key(rows) == [("FRA", "MLI", 90_000), ("FRA", "NER", 60_000), ("FRA", "TCD", 40_000)]
    # one recipient: a later figure with no party before it is still that recipient's
    rows = doses("Pháp trao tặng Mali 90.000 liều, trong đó 30.000 liều là vắc xin Pfizer.")
    assert key(rows) == [("FRA", "MLI", 30_000), ("FRA", "MLI", 90_000)]


def test_coordinated_figures_share_the_unit(doses):
    rows = doses("Úc sẽ tặng lần lượt 1 triệu và 400.000 liều cho Fiji và Samoa.")
    assert key(rows) == [("AUS", "FJI", 1_000_000), ("AUS", "WSM", 400_000)]
    # a year before "và" is no figure
    rows = doses("Trong năm 2021 và 500.000 liều cho Fiji, Úc đã tặng nhiều nhất.")
    assert [r["quantity"] for r in rows] == [500_000]


def test_a_total_a_promise_names_is_the_pledge(doses):
    rows = doses("Lô này nằm trong tổng số 900.000 liều mà Chính phủ Úc cam kết hỗ trợ Fiji.")
    assert key(rows) == [("AUS", "FJI", 900_000)] and rows[0]["status"] == "pledged"
    # a running total is no new commitment
    rows = doses("Úc tặng Fiji thêm 100.000 liều, nâng tổng số vắc xin Úc hỗ trợ lên 900.000 liều.")
    assert [r["quantity"] for r in rows] == [100_000]


def test_givers_listed_with_their_amounts_before_the_verb(doses):
    rows = doses(
        "Lào sẽ tiếp nhận vắc xin do Nhật Bản (300.000 liều), Úc (200.000 liều) và "
        "Canada (100.000 liều) trao tặng."
    )
    assert key(rows) == [("AUS", "LAO", 200_000), ("CAN", "LAO", 100_000), ("JPN", "LAO", 300_000)]
    # no verb after the list: "do X" is no giver
    rows = doses("Lào sẽ tiếp nhận vắc xin do Nhật Bản (300.000 liều) điều phối.")
    assert key(rows) == []


def test_respectively_pairs_coordinated_subjects_with_amounts(doses):
    rows = doses("Lào và Nepal lần lượt nhận 70.000 liều và 40.000 liều từ Úc.")
    assert key(rows) == [("AUS", "LAO", 70_000), ("AUS", "NPL", 40_000)]
    rows = doses("Úc và Canada lần lượt tặng Fiji 70.000 liều và 40.000 liều.")
    assert key(rows) == [("AUS", "FJI", 70_000), ("CAN", "FJI", 40_000)]
    # without "lần lượt" both figures are the first subject's
    rows = doses("Lào nhận 70.000 liều từ Úc và 40.000 liều từ Canada.")
    assert key(rows) == [("AUS", "LAO", 70_000), ("CAN", "LAO", 40_000)]


def test_a_passive_of_the_doses_keeps_the_giver_of_the_clause_before(doses):
    text = (
        "Chính phủ Úc bắt đầu chuyển vắc xin cho các nước Thái Bình Dương. "
        "Đợt đầu đã được chuyển tới Fiji (70.000 liều) và Samoa (40.000 liều)."
    )
    assert key(doses(text)) == [("AUS", "FJI", 70_000), ("AUS", "WSM", 40_000)]
    # a passive whose subject is named receives: "Fiji được Úc tặng"
    assert key(doses("Fiji được Úc tặng 70.000 liều.")) == [("AUS", "FJI", 70_000)]


def test_doses_received_take_the_giver_named_with_that_recipient_before(doses):
    text = "Úc đã trao tặng Fiji và Samoa vắc xin. Theo đó, Fiji nhận 70.000 liều."
    assert key(doses(text)) == [("AUS", "FJI", 70_000)]
    text = "Úc đã trao tặng Fiji và Samoa vắc xin. Riêng Fiji còn được tặng 20.000 liều."
    assert key(doses(text)) == [("AUS", "FJI", 20_000)]
    # a giver named with another recipient is not carried
    text = "Úc đã trao tặng Samoa vắc xin. Theo đó, Fiji nhận 70.000 liều."
    assert key(doses(text)) == []


def test_the_first_batch_and_the_rest_are_of_the_doses_just_reported(doses):
    text = (
        "Úc cam kết tặng Fiji 900.000 liều. Lô đầu tiên, gồm 400.000 liều, đã được bàn giao. "
        "Theo kế hoạch, 500.000 liều còn lại sẽ được chuyển tới trong tháng 9."
    )
    assert key(doses(text)) == [
        ("AUS", "FJI", 400_000),
        ("AUS", "FJI", 500_000),
        ("AUS", "FJI", 900_000),
    ]
    assert key(doses("Lô đầu tiên, gồm 400.000 liều, đã được bàn giao.")) == []


def test_doses_bought_from_a_countrys_companies_take_no_giver(doses):
    assert key(doses("Lào sẽ mua 50.000 liều từ doanh nghiệp Việt Nam.")) == []
    assert key(doses("Lào sẽ mua 50.000 liều từ Việt Nam.")) == [("VNM", "LAO", 50_000)]


def test_respectively_pairs_amounts_and_recipients_in_order(doses):
    rows = doses("Úc sẽ tặng lần lượt 800.000 liều và 250.000 liều cho Fiji và Samoa.")
    assert key(rows) == [("AUS", "FJI", 800_000), ("AUS", "WSM", 250_000)]


def test_each_of_the_listed_recipients_gets_the_amount(doses):
    rows = doses(
        "Nhật Bản quyết định viện trợ cho Lào, Campuchia và Myanmar mỗi nước 300.000 liều."
    )
    assert key(rows) == [("JPN", "KHM", 300_000), ("JPN", "LAO", 300_000), ("JPN", "MMR", 300_000)]


def test_an_elided_subject_is_shared_by_the_next_clause(doses):
    rows = doses(
        "Lào sẽ nhận 70.000 liều từ Trung Quốc vào tháng 5, và tháng 6 sẽ nhận thêm 40.000 liều."
    )
    assert key(rows) == [("CHN", "LAO", 40_000), ("CHN", "LAO", 70_000)]


# --- passives, relative clauses, buyer and seller --------------------------------------------


def test_passive_giver_after_do_or_duoc(doses):
    assert key(doses("Campuchia đã tiếp nhận 60.000 liều vắc xin do Chính phủ Úc trao tặng.")) == [
        ("AUS", "KHM", 60_000)
    ]
    assert key(doses("Lào được Hàn Quốc tặng 45.000 liều vắc xin.")) == [("KOR", "LAO", 45_000)]


def test_do_with_a_verb_that_is_not_supply_is_a_relative_clause(doses):
    rows = doses("Sáng kiến COVAX do Gavi điều phối sẽ cung cấp cho Myanmar 300.000 liều.")
    assert key(rows) == [("COVAX", "MMR", 300_000)]


def test_buyer_and_seller(doses):
    assert key(doses("Lào mua 90.000 liều vắc xin của Nga.")) == [("RUS", "LAO", 90_000)]
    assert key(doses("Nga bán cho Lào 90.000 liều vắc xin.")) == [("RUS", "LAO", 90_000)]


def test_a_purchase_from_a_company_or_by_a_buyer_is_no_commitment(doses):
    assert doses("Cần Thơ đã nhận 30.000 liều do Sở Y tế thành phố đặt mua từ nhà sản xuất.") == []
    assert doses("Lào mua 80.000 liều vắc xin của hãng Moderna.") == []


# --- actor resolution --------------------------------------------------------------------------


def test_an_anaphor_stands_for_the_latest_subject(doses):
    rows = doses(
        "Singapore đã tặng Việt Nam 100.000 liều vắc xin. Trước đó, nước này cũng tặng 50.000 liều cho Brunei."
    )
    assert key(rows) == [("SGP", "BRN", 50_000), ("SGP", "VNM", 100_000)]


def test_doses_for_the_world_or_poorer_countries_give_no_row(doses):
    text = (
        "Thủ tướng Việt Nam tiếp Đại sứ Canada. Canada cam kết chia sẻ 50 triệu liều với các nước "
        "thu nhập thấp. Liên minh châu Âu đặt mục tiêu chia sẻ 200 triệu liều cho thế giới."
    )
    assert doses(text) == []


def test_a_city_destination_stands_for_its_country(doses):
    rows = doses("Đức tặng 500.000 liều thông qua cơ chế COVAX, lô hàng đã về tới Đà Nẵng.")
    assert key(rows) == [("DEU", "VNM", 500_000)]
    assert rows[0]["channel"] == "covax"


def test_no_role_is_filled_from_the_articles_main_pair(doses):
    text = "Việt Nam và Nhật Bản ký nhiều thỏa thuận. Nhật Bản sẽ tặng thêm 200.000 liều vắc xin."
    assert doses(text) == []


def test_more_doses_go_to_whom_the_giver_gave_before(doses):
    before = "Na Uy đã tặng Kenya 300.000 liều vắc xin. Đại sứ cho biết bộ trưởng rất vui. "
    rows = doses(before + "Na Uy sẽ tặng thêm 100.000 liều.")
    assert key(rows) == [("NOR", "KEN", 100_000), ("NOR", "KEN", 300_000)]
    assert key(doses(before + "Na Uy sẽ tặng 100.000 liều.")) == [("NOR", "KEN", 300_000)]
    rows = doses(before + "Na Uy sẽ tặng thêm 100.000 liều cho các nước nghèo.")
    assert key(rows) == [("NOR", "KEN", 300_000)]
    far = "Kenya cảm ơn sự hỗ trợ. Hai bên trao đổi về thương mại. Đại sứ chúc mừng. "
    rows = doses(before + far + "Na Uy sẽ tặng thêm 100.000 liều.")
    assert key(rows) == [("NOR", "KEN", 300_000)]


def test_a_later_batch_is_of_the_doses_just_reported(doses):
    before = "Đức đã tặng Ghana 200.000 liều vắc xin. "
    rows = doses(before + "Đợt tiếp theo, gồm 400.000 liều, sẽ được chuyển tới vào tháng 9/2021.")
    assert key(rows) == [("DEU", "GHA", 200_000), ("DEU", "GHA", 400_000)]
    assert [r["status"] for r in rows if r["quantity"] == 400_000] == ["pledged"]
    rows = doses(before + "Tháng 9/2021, 400.000 liều sẽ được chuyển tới.")
    assert key(rows) == [("DEU", "GHA", 200_000)]


def test_an_earlier_delivery_of_the_same_size_is_a_row_of_its_own(doses):
    first = "Nhật Bản đã tặng Lào 100.000 liều vắc xin. "
    rows = doses(first + "Trước đó, Nhật Bản đã viện trợ 100.000 liều cho Lào.")
    assert key(rows) == [("JPN", "LAO", 100_000)] * 2
    rows = doses(first + "Lào đã tiếp nhận 100.000 liều do Nhật Bản tặng.")
    assert key(rows) == [("JPN", "LAO", 100_000)]


def test_doses_bought_under_a_contract_with_a_company_take_no_giver(doses):
    first = "Nga đã tặng Lào 20.000 liều vắc xin. "
    rows = doses(first + "Lào sẽ nhận 50.000 liều theo hợp đồng mua với hãng Moderna.")
    assert key(rows) == [("RUS", "LAO", 20_000)]
    rows = doses(first + "Lào sẽ nhận 50.000 liều nữa.")
    assert key(rows) == [("RUS", "LAO", 20_000), ("RUS", "LAO", 50_000)]


# --- status ------------------------------------------------------------------------------------


def test_doses_received_or_arrived_are_delivered(doses):
    assert doses("Lào nhận 70.000 liều từ Úc.")[0]["status"] == "delivered"
    assert doses("Lào sẽ nhận 70.000 liều từ Úc.")[0]["status"] == "pledged"
    # the doses arrived, whatever the tense of the clause that describes them
    (row,) = doses("Lô 70.000 liều do Bộ Y tế Lào đặt mua từ Nga đã về tới Viêng Chăn.")
    assert (row["supplier"], row["recipient"], row["status"]) == ("RUS", "LAO", "delivered")
    (row,) = doses("Lô 70.000 liều do Bộ Y tế Lào đặt mua từ Nga sẽ về tới Viêng Chăn.")
    assert row["status"] == "pledged"


def test_an_announcement_is_pledged_an_arrival_delivered(doses):
    (row,) = doses("Úc đã tuyên bố sẽ tặng Fiji 100.000 liều vắc xin.")
    assert row["status"] == "pledged"
    (row,) = doses("Ngày 3/9, 100.000 liều vắc xin do Úc tặng đã về tới Fiji.")
    assert row["status"] == "delivered"


def test_a_later_sentence_upgrades_pledged_never_the_reverse(doses):
    (row,) = doses(
        "Hàn Quốc sẽ tặng Lào 300.000 liều vắc xin. Ngày 5/10, Lào đã tiếp nhận 300.000 liều do Hàn Quốc tặng."
    )
    assert row["status"] == "delivered"
    (row,) = doses(
        "Ngày 5/10, Lào đã tiếp nhận 300.000 liều do Hàn Quốc tặng. Hàn Quốc sẽ tặng Lào 300.000 liều vắc xin."
    )
    assert row["status"] == "delivered"


def test_just_alone_is_delivered_but_upgrades_no_pledge(doses):
    (row,) = doses("Hàn Quốc vừa tặng Lào 300.000 liều vắc xin.")
    assert row["status"] == "delivered"
    pledge = "Hàn Quốc sẽ tặng Lào 300.000 liều vắc xin vào tháng 12. "
    (row,) = doses(pledge + "Hàn Quốc vừa tặng Lào 300.000 liều.")
    assert row["status"] == "pledged"
    (row,) = doses(pledge + "Hàn Quốc vừa bàn giao cho Lào 300.000 liều.")
    assert row["status"] == "delivered"


def test_the_product_is_kept_as_written(doses):
    (row,) = doses("Trung Quốc đã tặng Lào 200.000 liều vắc xin Vero Cell.")
    assert row["vaccine"] == "Vero Cell"


def test_a_party_with_its_own_verb_after_a_list_starts_a_clause(doses):
    rows = doses("Lào mua 40.000 liều vắc xin từ Nga, và Nga sẽ viện trợ thêm 20.000 liều nữa.")
    assert key(rows) == [("RUS", "LAO", 20_000), ("RUS", "LAO", 40_000)]
