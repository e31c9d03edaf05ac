"""vaccine_doses and invitation extractors on sentences written for these tests.

Each rule has a sentence where it fires and one where it must not.
"""

from __future__ import annotations

import pytest

from camket.extract import find_commitments


@pytest.fixture(scope="module")
def run():
    from camket.nlp import annotate

    def _run(text: str, published: str | None = "2021-08-10"):
        (doc,) = annotate([text], [published])
        return find_commitments(doc)

    return _run


def of_type(found, kind):
    return [fields for k, _, fields in found if k == kind]


TITLE = "Tin thời sự quốc tế\n\n"


def test_pledged_doses_with_deadline(run):
    found = run(
        TITLE
        + "Tổng thống Chile cho biết, từ nay đến cuối năm 2021, Chile sẽ cung cấp cho Việt Nam 2 triệu liều vắc xin phòng COVID-19."
    )
    (c,) = of_type(found, "vaccine_doses")
    assert (c["supplier"], c["recipient"], c["quantity"], c["status"]) == (
        "CHL",
        "VNM",
        2_000_000,
        "pledged",
    )
    assert c["due"] == "2021-12-31" and c["approximate"] is False and c["channel"] == "bilateral"


def test_delivered_doses_received_from_a_donor(run):
    found = run(
        TITLE
        + "Sáng 5/8, Việt Nam đã tiếp nhận hơn 400.000 liều vắc xin AstraZeneca do Chính phủ Ba Lan trao tặng."
    )
    (c,) = of_type(found, "vaccine_doses")
    assert (c["supplier"], c["recipient"], c["quantity"]) == ("POL", "VNM", 400_000)
    assert c["status"] == "delivered" and c["approximate"] is True and c["vaccine"] == "AstraZeneca"


def test_covax_channel_keeps_the_donor_as_supplier(run):
    found = run(TITLE + "Nhật Bản sẽ tặng Thái Lan 1,5 triệu liều vắc xin thông qua cơ chế COVAX.")
    (c,) = of_type(found, "vaccine_doses")
    assert (c["supplier"], c["recipient"], c["quantity"], c["channel"]) == (
        "JPN",
        "THA",
        1_500_000,
        "covax",
    )


def test_running_total_and_domestic_figures_are_not_commitments(run):
    found = run(
        TITLE + "Lô hàng này nâng tổng số vắc xin Hàn Quốc đã hỗ trợ Việt Nam lên 3 triệu liều. "
        "Cả nước đã tiêm hơn 20 triệu liều vắc xin cho người dân."
    )
    assert of_type(found, "vaccine_doses") == []


def test_direct_invitation_extended(run):
    found = run(
        TITLE
        + "Thủ tướng Phạm Minh Chính mời Thủ tướng Ấn Độ Narendra Modi sang thăm Việt Nam vào năm 2022."
    )
    (inv,) = of_type(found, "invitation")
    assert (inv["inviter_country"], inv["invitee_country"], inv["status"]) == (
        "VNM",
        "IND",
        "extended",
    )
    assert (
        inv["invitee_person"] == "Narendra Modi"
        and inv["location"] == "VNM"
        and inv["when"] == "2022"
    )


def test_accepted_in_the_next_sentence(run):
    found = run(
        TITLE + "Chủ tịch nước Nguyễn Xuân Phúc mời Tổng thống Hàn Quốc Moon Jae-in thăm Việt Nam. "
        "Tổng thống Moon Jae-in đã vui vẻ nhận lời."
    )
    (inv,) = of_type(found, "invitation")
    assert inv["status"] == "accepted" and inv["invitee_country"] == "KOR"


def test_accepting_frame_with_the_inviter_after_cua(run):
    found = run(
        TITLE
        + "Nhận lời mời của Thủ tướng Nhật Bản Kishida Fumio, Thủ tướng Phạm Minh Chính sẽ thăm chính thức Nhật Bản."
    )
    (inv,) = of_type(found, "invitation")
    assert (inv["inviter_country"], inv["invitee_country"], inv["status"]) == (
        "JPN",
        "VNM",
        "accepted",
    )


def test_conveyed_invitation_belongs_to_its_owner(run):
    found = run(
        TITLE
        + "Bộ trưởng Bùi Thanh Sơn đã chuyển lời mời của Chủ tịch nước Võ Văn Thưởng tới Tổng thống Pháp Emmanuel Macron thăm Việt Nam."
    )
    (inv,) = of_type(found, "invitation")
    assert inv["inviter_person"] == "Võ Văn Thưởng" and inv["invitee_country"] == "FRA"


def test_invited_to_speak_or_not_invited_is_no_invitation(run):
    found = run(
        TITLE + "Ban tổ chức đã mời Tổng thống Pháp Emmanuel Macron lên phát biểu tại hội nghị. "
        "Nga không được mời tham dự lễ kỷ niệm."
    )
    assert of_type(found, "invitation") == []


def test_a_visit_without_invitation_is_none(run):
    found = run(
        TITLE + "Thủ tướng Lào Sonexay Siphandone thăm chính thức Việt Nam từ ngày 5 đến 6/1."
    )
    assert of_type(found, "invitation") == []


def test_origin_before_an_acronym_marks_the_supplier(run):
    found = run(
        TITLE
        + "Lô 500.000 liều vắc xin sản xuất tại Cộng hòa Ấn Độ (Ấn Độ) đã được chuyển về Việt Nam."
    )
    (c,) = of_type(found, "vaccine_doses")
    assert (c["supplier"], c["recipient"]) == ("IND", "VNM")


def test_indirect_object_after_the_verb_is_the_recipient(run):
    found = run(TITLE + "Đức sẽ tặng Indonesia 800.000 liều vắc xin.")
    (c,) = of_type(found, "vaccine_doses")
    assert (c["supplier"], c["recipient"]) == ("DEU", "IDN")


def test_apposed_title_belongs_to_the_next_name(run):
    found = run(
        TITLE
        + "Nhận lời mời của Thủ tướng Phạm Minh Chính, Thủ tướng Úc Anthony Albanese sẽ thăm chính thức Việt Nam."
    )
    (inv,) = of_type(found, "invitation")
    assert (inv["inviter_country"], inv["inviter_person"]) == ("VNM", "Phạm Minh Chính")
    assert (inv["invitee_country"], inv["status"]) == ("AUS", "accepted")


def test_ceremonial_and_reader_invitations_are_not_invitations(run):
    found = run(
        TITLE + "Thủ tướng Phạm Minh Chính mời Tổng thống Pháp Emmanuel Macron duyệt Đội danh dự. "
        "Mời quý độc giả theo dõi các bản tin tiếp theo của Việt Nam."
    )
    assert of_type(found, "invitation") == []


def test_invitation_when_is_the_stated_range(run):
    found = run(
        TITLE + "Nhận lời mời của Tổng thống Pháp Emmanuel Macron, Chủ tịch nước Võ Văn Thưởng sẽ "
        "thăm chính thức Pháp từ ngày 3 đến ngày 5-10-2024."
    )
    (inv,) = of_type(found, "invitation")
    assert inv["inviter_country"] == "FRA" and inv["when"] == "2024-10-03/2024-10-05"


def test_invitation_when_yearless_range_resolves_against_published(run):
    text = (
        TITLE
        + "Thủ tướng Phạm Minh Chính mời Thủ tướng Ấn Độ Narendra Modi thăm Việt Nam từ 2 đến 4/7."
    )
    (inv,) = of_type(run(text, published="2024-06-20"), "invitation")
    assert inv["when"] == "2024-07-02/2024-07-04"
    (inv,) = of_type(run(text, published=None), "invitation")
    assert inv["when"] is None  # no article date: the year stays unknown


def test_a_single_day_stays_a_day(run):
    found = run(
        TITLE
        + "Thủ tướng Phạm Minh Chính mời Thủ tướng Ấn Độ Narendra Modi thăm Việt Nam ngày 5/7/2024."
    )
    (inv,) = of_type(found, "invitation")
    assert inv["when"] == "2024-07-05"


def test_untitled_article_keeps_its_first_paragraph_commitments():
    """After a crawler tag cleaning may find no title: the first paragraph is body then."""
    from camket.nlp import annotate

    text = (
        "Nhật Bản sẽ tặng Thái Lan 1,5 triệu liều vắc xin phòng COVID-19.\n\n"
        "Nhật Bản sẽ tặng Lào 500.000 liều vắc xin phòng COVID-19."
    )
    (doc,) = annotate([text], ["2021-08-10"])

    def pairs(found):
        return {(c["recipient"], c["quantity"]) for c in of_type(found, "vaccine_doses")}

    assert pairs(find_commitments(doc, titled=False)) == {("THA", 1_500_000), ("LAO", 500_000)}
    assert pairs(find_commitments(doc)) == {("LAO", 500_000)}  # the title yields to the body
