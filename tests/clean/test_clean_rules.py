"""One test firing and one not firing per cleaning rule."""

from camket.clean import clean_article, metadata, shapes
from camket.clean.lexicon import fold
from camket.clean.markup import strip_markup

P1 = (
    "Chiều 12/5, tại Hà Nội, Bộ trưởng Ngoại giao đã tiếp Đại sứ Hungary đến chào xã giao "
    "nhân dịp bắt đầu nhiệm kỳ công tác tại Việt Nam."
)
P2 = (
    "Hai bên nhất trí phối hợp tổ chức các hoạt động kỷ niệm quan hệ ngoại giao, thúc đẩy "
    "hợp tác trong các lĩnh vực thương mại, giáo dục và du lịch."
)
P3 = (
    "Đại sứ khẳng định sẽ nỗ lực hết sức để đưa quan hệ hữu nghị truyền thống giữa hai nước "
    "lên tầm cao mới trong thời gian tới."
)


def page(*lines: str) -> str:
    return "\n".join(("Việt Nam và Hungary tăng cường hợp tác",) + lines)


def paragraphs(raw: str, **kw) -> list[str]:
    return clean_article(raw, **kw).text.split("\n\n")


# -- section headers ---------------------------------------------------------


def test_header_line_ends_body():
    paras = paragraphs(page(P1, P2, "Tin liên quan", P3))
    assert P2 in paras and P3 not in paras


def test_header_inside_sentence_is_not_header():
    inside = "Tin liên quan đến chuyến thăm được Bộ Ngoại giao công bố chiều nay tại cuộc họp báo."
    paras = paragraphs(page(P1, inside, P3))
    assert inside in paras and P3 in paras
    assert shapes.header_kind(inside) is None


def test_header_variants():
    assert shapes.header_kind("TIN LIÊN QUAN") == "block"
    assert shapes.header_kind("Tin cùng chủ đề: Phòng chống dịch COVID-19") == "block"
    assert shapes.header_kind("Bình luận (12)") == "block"
    assert shapes.header_kind("## Đọc nhiều nhất »") == "block"
    assert shapes.header_kind("Từ khoá: Hungary, ngoại giao") == "block"  # old tone placement
    assert shapes.header_kind("Nên xem xét kỹ các đề xuất của doanh nghiệp") is None
    assert shapes.header_kind("Chia sẻ: kinh nghiệm của Hungary về đào tạo nghề") is None
    assert shapes.header_kind("Chia sẻ") == "block"


def test_header_before_body_does_not_end_it():
    paras = paragraphs(page("Chia sẻ", "Tin khác hôm nay", P1, P2))
    assert paras[1:] == [P1, P2]


def test_inline_link_drops_only_its_line():
    paras = paragraphs(page(P1, "Xem thêm: Hungary mở rộng học bổng cho sinh viên Việt Nam", P2))
    assert paras[1:] == [P1, P2]
    assert shapes.header_kind("Xem thêm các thông tin tại trang web của Bộ.") is None


def test_standalone_furniture_keeps_body_going():
    assert paragraphs(page(P1, "Quảng cáo", P2))[1:] == [P1, P2]
    assert not shapes.is_standalone_boilerplate("Quảng cáo du lịch Việt Nam tại Budapest")


# -- line shapes -------------------------------------------------------------


def test_timestamp_lines():
    for line in (
        "Tin mới 26/12/2025 19:38",
        "13:35 | 19/01/2026 Tin tức",
        "17:10 Làng nghề, nghệ nhân",
        "Thứ ba, 13/6/2023, 15:42 (GMT+7)",
        "2 giờ trước",
    ):
        assert shapes.is_timestamp(line), line
    assert not shapes.is_timestamp(
        "Ngày 05/4/2021, hai nhà lãnh đạo đã điện đàm về quan hệ song phương."
    )
    assert not shapes.is_timestamp(
        "Vào lúc 10:30, đoàn đại biểu đã tới sân bay Nội Bài và được đón tiếp."
    )


def test_teaser_prefix():
    assert shapes.is_teaser("[Video] Lễ đón chính thức tại Phủ Chủ tịch")
    assert shapes.is_teaser("[Infographics] Quan hệ Việt Nam - Hungary")
    assert not shapes.is_teaser("[Hungary] là đối tác quan trọng")
    assert paragraphs(page(P1, "[Ảnh] Toàn cảnh lễ đón", P2))[1:] == [P1, P2]


def test_image_teaser_paragraph_dropped_anywhere():
    teaser = "![](https://x.vn/a.jpg) Sáng 3/3/2022, một đoàn doanh nghiệp khác thăm Budapest để tìm hiểu thị trường."
    paras = paragraphs(page(teaser, P1, teaser.replace("Sáng", "Tối"), P2))
    assert paras[1:] == [P1, P2]


def test_markup_stripped_not_dropped():
    linked = "Theo [Bộ Ngoại giao](https://mofa.gov.vn/x), hai bên sẽ ký kết thỏa thuận hợp tác về giáo dục trong năm nay."
    paras = paragraphs(page(P1, "| " + linked + " |", P2))
    assert (
        "Theo Bộ Ngoại giao, hai bên sẽ ký kết thỏa thuận hợp tác về giáo dục trong năm nay."
        in paras
    )
    assert strip_markup("![[Video] Tin](https://a/b.jpg)") == ""


def test_link_dense_line_dropped():
    nav = "[Thời sự](https://a/1) | [Thế giới](https://a/2) | [Kinh tế](https://a/3)"
    assert paragraphs(page(P1, nav, P2))[1:] == [P1, P2]


def test_breadcrumb():
    assert shapes.is_breadcrumb("Trang chủ > Thời sự > Đối ngoại")
    assert not shapes.is_breadcrumb("Tăng trưởng đạt 6% > kế hoạch đề ra cho cả năm nay và năm tới")


def test_prose_without_period_kept_mid_body():
    no_period = "Hai bên cũng bàn về việc chuẩn bị các hoạt động kỷ niệm trong năm tới"
    assert paragraphs(page(P1, no_period, P2))[1:] == [P1, no_period, P2]


def test_headline_runs_dropped():
    heads = ["Hungary mở rộng học bổng", "Giá vàng hôm nay tăng nhẹ", "Thời tiết Hà Nội nắng nóng"]
    assert paragraphs(page(P1, *heads, P2))[1:] == [P1, P2]  # a run of 3 inside the body
    assert paragraphs(page(P1, P2, *heads))[1:] == [P1, P2]  # ... after the body
    with_times = [heads[0], "2 giờ trước", heads[1], "5 giờ trước"]
    assert paragraphs(page(P1, P2, *with_times))[1:] == [P1, P2]  # 2 among time stamps


def test_unpunctuated_closing_paragraphs_kept():
    closing = [
        "Hai bên cũng bàn về việc chuẩn bị các hoạt động kỷ niệm",
        "Đại sứ cảm ơn sự tiếp đón nồng hậu",
    ]
    assert paragraphs(page(P1, P2, *closing))[1:] == [P1, P2, *closing]


def test_list_closing_the_body_kept():
    items = [
        "- Bản ghi nhớ về hợp tác giáo dục",
        "- Thỏa thuận về du lịch",
        "- Kế hoạch hợp tác văn hóa",
    ]
    art = clean_article(page(P1, "Các văn kiện được ký kết gồm:", *items, "Thu Hà"))
    assert art.text.split("\n\n")[-3:] == items and art.author == "Thu Hà"


def test_list_introduced_by_colon_kept():
    items = [
        "- Bản ghi nhớ về hợp tác giáo dục",
        "- Thỏa thuận về du lịch",
        "- Kế hoạch hợp tác văn hóa",
    ]
    intro = "Các văn kiện được ký kết gồm:"
    assert paragraphs(page(P1, intro, *items, P2))[1:] == [P1, intro, *items, P2]


# -- captions and duplicates -------------------------------------------------


def test_photo_credit_extraction():
    assert metadata.photo_credit("Chủ tịch nước điện đàm với Chủ tịch Cuba. Ảnh: TTXVN") == (
        True,
        "TTXVN",
    )
    assert metadata.photo_credit("Thủ tướng hội kiến Chủ tịch Cuba. (Ảnh: Nhật Bắc/VGP)") == (
        True,
        "Nhật Bắc/VGP",
    )
    assert metadata.photo_credit("Họp báo chung tại Hà Nội - Ảnh: VGP/Hải Minh") == (
        True,
        "VGP/Hải Minh",
    )
    assert metadata.photo_credit("Việt Nam và Hungary nâng cấp quan hệ - Ảnh 1.") == (True, None)
    assert metadata.photo_credit("Triển lãm ảnh: Ký ức Hà Nội") == (False, None)
    assert metadata.photo_credit("Đại sứ tặng quà cho học sinh vùng cao (ảnh).") == (False, None)
    art = clean_article(page(P1, "Hai Bộ trưởng tại buổi tiếp. Ảnh: Quang Hòa", P2))
    assert art.photo_credits == ("Quang Hòa",)
    assert "Quang Hòa" not in art.text


def test_pipe_caption_after_image():
    art = clean_article(page(P1, "![]() |", "| Toàn cảnh buổi tiếp tại trụ sở Bộ Ngoại giao |", P2))
    assert art.text.split("\n\n")[1:] == [P1, P2]
    table_row = (
        "| Toàn cảnh buổi tiếp tại trụ sở Bộ Ngoại giao, hai bên trao đổi về hợp tác giáo dục. |"
    )
    assert clean_article(page(P1, table_row, P2)).text.split("\n\n")[2] == strip_markup(table_row)


def test_duplicate_caption_dropped():
    cap = "Bộ trưởng Ngoại giao tiếp Đại sứ Hungary tại Hà Nội."
    paras = paragraphs(page(P1, cap, cap, P2))
    assert paras.count(cap) == 1
    assert paragraphs(page(P1, cap, P2)).count(cap) == 1


# -- byline, source, date ------------------------------------------------------


def test_author_and_source_at_end():
    art = clean_article(page(P1, P2, "Hải Minh", "Theo Báo Chính phủ", "Tin liên quan", "Tin khác"))
    assert (art.author, art.source_name) == ("Hải Minh", "Báo Chính phủ")
    assert "Hải Minh" not in art.text and "Theo Báo" not in art.text


def test_author_variants():
    assert metadata.byline_of("Bài và ảnh: Ngọc Lan") == "Ngọc Lan"
    assert metadata.byline_of("Thu Hà - Minh Anh (TTXVN)") == "Thu Hà - Minh Anh"
    assert metadata.byline_of("THẾ ANH") == "THẾ ANH"
    assert metadata.byline_of("Hai nước tăng cường hợp tác") is None
    assert metadata.byline_of("Việt Nam, Hungary và EU cùng nhau phát triển bền vững") is None


def test_name_line_mid_body_is_not_author():
    art = clean_article(page(P1, "Hải Minh", P2))
    assert art.author is None and "Hải Minh" in art.text


def test_source_variants():
    assert metadata.source_of("Nguồn: TTXVN") == "TTXVN"
    assert metadata.source_of("(Theo VOV)") == "VOV"
    assert metadata.source_of("Theo TTXVN 21/09/2023 - 09:57") == "TTXVN"
    assert metadata.source_of("Theo Reuters, AFP") == "Reuters, AFP"
    assert metadata.source_of("Nguồn VTV: https://vtv.vn/a-b-123.htm") == "VTV"
    assert metadata.source_of("Theo kế hoạch, hai bên sẽ ký kết thỏa thuận") is None
    assert metadata.source_of("Theo Bộ trưởng, hai nước cần tăng cường hợp tác.") is None
    art = clean_article(
        page(P1, "Theo Bộ trưởng, hai nước cần tăng cường hợp tác trong lĩnh vực y tế.", P2)
    )
    assert art.source_name is None


def test_lead_date_sets_published():
    assert metadata.lead_date(["Ngày 05/4/2021, Tổng Bí thư đã điện đàm."]) == "2021-04-05"
    assert metadata.lead_date(["Chiều ngày 9/8/2021, Thủ tướng điện đàm."]) == "2021-08-09"
    assert metadata.lead_date(["Sáng 19/4/2021, Bộ Quốc phòng tổ chức mít tinh."]) == "2021-04-19"
    assert metadata.lead_date(["(Chinhphu.vn) - Tối 2/9/2024, Thủ tướng dự lễ."]) == "2024-09-02"
    assert metadata.lead_date(["Ngày 5 tháng 4 năm 2021, hai bên hội đàm."]) == "2021-04-05"
    assert clean_article(page("Ngày 05/4/2021, " + P2)).published == "2021-04-05"


def test_lead_date_needs_year_and_lead_position():
    assert metadata.lead_date(["Ngày 5/5, hai nhà lãnh đạo điện đàm."]) is None
    assert (
        metadata.lead_date(["Hai bên điện đàm ngày 02/3/2021 theo hình thức trực tuyến."]) is None
    )
    assert metadata.lead_date(["Ngày 31/2/2021, một ngày không có thật."]) is None
    assert clean_article(page(P1, "Ngày 05/4/2021, " + P2)).published is None  # lead has no year


def test_lead_date_after_a_bare_agency_dateline():
    assert metadata.lead_date(["(TTXVN) Ngày 3-9-2021, Thủ tướng tiếp Đại sứ."]) == "2021-09-03"
    assert metadata.lead_date(["(PLO)-, Ngày 6/5/2022, hai bên ký kết."]) == "2022-05-06"
    # a parenthesis inside a sentence is no dateline: the date is not at the lead's start
    assert metadata.lead_date(["Số liệu của Cục Thống kê (GSO) ngày 16/5/2021 cho thấy."]) is None


def test_yearless_lead_date_takes_a_crawler_tags_month():
    assert metadata.lead_date(["Sáng 28/4, hai bên hội đàm."], month="2023-04") == "2023-04-28"
    assert metadata.lead_date(["Ngày 29/12, hai bên hội đàm."], month="2024-01") == "2023-12-29"
    assert metadata.lead_date(["Sáng 28/9, hai bên hội đàm."], month="2023-04") is None
    assert metadata.lead_date(["Sáng 28/4, hai bên hội đàm."]) is None


# -- page-header dates ---------------------------------------------------------


def test_crawler_tag_is_read_and_stripped():
    assert metadata.crawler_tag("date 2022-05-10 Hai bên hội đàm.") == (
        "2022-05-10",
        "Hai bên hội đàm.",
    )
    assert metadata.crawler_tag("date 2022-05 Photo : Reuters") == ("2022-05", "Photo : Reuters")
    assert metadata.crawler_tag("date 2022-13 Hai bên hội đàm.") is None  # no month 13
    assert metadata.crawler_tag("Dates 2022-05-10 là hạn chót") is None
    assert metadata.crawler_tag("Hội chợ ngày 2022-05-10") is None


def test_crawler_tag_before_a_lead_gives_no_title():
    art = clean_article("date 2022-05-10 " + P1 + "\n\n" + P2)
    assert art.title is None and art.published == "2022-05-10"
    assert art.text.split("\n\n") == [P1, P2]


def test_crawler_tag_before_a_headline_keeps_the_title():
    headline = "Chủ tịch nước dự lễ kỷ niệm quốc khánh tại Lào"
    art = clean_article(f"date 2023-04 {headline}\n\nSáng 28/4, {P2}\n\n{P3}")
    assert art.title == headline and art.published == "2023-04-28"
    assert "date 2023-04" not in art.text
    # a month alone dates nothing: missing stays missing
    assert clean_article(f"date 2023-04 {headline}\n\n{P2}\n\n{P3}").published is None


def test_crawler_tag_before_a_caption_gives_no_title():
    art = clean_article("date 2022-05 Photo : Reuters\n\n" + P1 + "\n\n" + P2)
    assert art.title is None and art.photo_credits == ("Reuters",)
    assert art.text.split("\n\n") == [P1, P2]


def test_header_date_reads_publication_stamps():
    assert metadata.header_date("Cập nhật: 15/03/2021") == "2021-03-15"
    assert metadata.header_date("Thứ Hai, 15/03/2021 10:20") == "2021-03-15"
    assert metadata.header_date("Thứ tư, ngày 07/07/2021") == "2021-07-07"
    assert metadata.header_date("03/10/2021 07:29") == "2021-10-03"
    assert metadata.header_date("Thanh Hà, Theo VTV 09:15 16/03/2021") == "2021-03-16"
    assert metadata.header_date("Nguồn: VOA, 26/03/2024") == "2024-03-26"
    assert metadata.header_date("Ngày đăng: 2021-03-15 10:20") == "2021-03-15"


def test_header_date_ignores_headlines_and_sentences_with_dates():
    assert metadata.header_date("Hội chợ nông sản mở cửa ngày 5/11/2025 tại Cần Thơ") is None
    assert metadata.header_date("Hai bên đã gặp nhau lúc 9:00 ngày 5/11/2025.") is None
    assert metadata.header_date("Cập nhật: 31/02/2021") is None  # no such day
    assert metadata.header_date("Thứ Hai, 15/03/2021 - 16/03/2021") is None  # two dates
    assert metadata.header_date("Thứ Hai, 15/03") is None  # no year


def test_stamp_in_the_header_dates_the_page_and_leaves_the_text():
    art = clean_article(page("Thứ Hai, 15/03/2021 10:20", "Ngày 14/3/2021, " + P2, P3))
    assert art.published == "2021-03-15"  # the page's stamp, not the lead's event date
    assert "10:20" not in art.text
    above_title = clean_article("Cập nhật: 31/08/2021\n" + page(P1, P2))
    assert above_title.published == "2021-08-31"
    after_lead = clean_article(page(P1, "13/12/2022 18:35", P2, P3))
    assert after_lead.published == "2022-12-13"


def test_stamp_deep_in_the_body_is_not_the_pages():
    art = clean_article(page(P1, P2, P3, "Cập nhật: 31/08/2021", P1 + " Hai bên ký kết."))
    assert art.published is None


def test_source_line_with_a_date_at_the_end_dates_the_page():
    art = clean_article(page(P1, P2, P3, "Nguồn: VOA, 26/03/2024"))
    assert art.published == "2024-03-26" and art.source_name == "VOA"


# -- title and counts --------------------------------------------------------


def test_title_param_body_only():
    body = f"Việt Nam và Hungary tăng cường hợp tác\n{P1}\nTin liên quan\n{P3}"
    art = clean_article(body, title="Việt Nam và Hungary tăng cường hợp tác")
    assert art.title == "Việt Nam và Hungary tăng cường hợp tác"
    assert art.text.split("\n\n") == [art.title, P1]
    assert art.removed_lines == 3  # repeated title, header, teaser


def test_title_from_first_line_and_removed_count():
    art = clean_article("\n\n" + page(P1, "", "Tin khác", P2))
    assert art.title == "Việt Nam và Hungary tăng cường hợp tác"
    assert art.text == art.title + "\n\n" + P1
    assert art.removed_lines == 2


def test_fold_keeps_diacritics():
    assert fold("  TỪ  KHOÁ ") == "từ khóa"
    assert fold("Tin khác") != fold("Tin khac")


# -- issue 9: the body ends at a "Theo <source>" line and at a lone widget word --------


def test_source_line_after_the_body_ends_it():
    other = "Người phát ngôn Bộ Ngoại giao Pháp trả lời báo chí."
    paras = paragraphs(page(P1, P2, "Theo Báo Quốc tế", other, P3))
    assert P2 in paras and other not in paras and P3 not in paras
    assert clean_article(page(P1, P2, "Theo Báo Quốc tế", other)).source_name == "Báo Quốc tế"
    quoted = "Theo ông Nam, hai bên sẽ còn gặp nhau nhiều lần nữa trong năm tới."
    paras = paragraphs(page(P1, quoted, P3))
    assert quoted in paras and P3 in paras


def test_lone_widget_word_ends_the_body():
    teaser = "Toàn cảnh con đường rộng 80 m đang thi công hướng về sân bay mới của tỉnh."
    paras = paragraphs(page(P1, P2, "chọn", teaser))
    assert P2 in paras and teaser not in paras
    paras = paragraphs(page(P1, "Chọn lọc", P2))
    assert P2 in paras
