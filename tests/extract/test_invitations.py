"""Invitation frames, role resolution and the cue rows of camket/extract/data/invitations.tsv
and of the invitation predicates in camket/extract/data/frames.tsv.

Sentences written for these tests (not from any outlet). Every cue row has a sentence
where it fires and one where it must not; rules have a pair each too.
"""

from __future__ import annotations

import pytest

from camket.extract import find_commitments
from camket.extract.invitations import invitation_cues
from camket.extract.people import role_key

TITLE = "Tin đối ngoại\n\n"
INVITE = "Thủ tướng Phạm Minh Chính mời Thủ tướng Ấn Độ Narendra Modi thăm chính thức Việt Nam."


@pytest.fixture(scope="module")
def inv():
    from camket.nlp import annotate

    def _inv(text: str, published: str | None = "2024-06-20") -> list[dict]:
        (doc,) = annotate([TITLE + text], [published])
        return [f for kind, _, f in find_commitments(doc) if kind == "invitation"]

    return _inv


def rows(kind: str) -> list[str]:
    return invitation_cues()[kind]


def pair(found: list[dict]) -> list[tuple]:
    return [(f["inviter_country"], f["invitee_country"], f["invitee_person"]) for f in found]


# -- the frame layer: where an invitation is read ------------------------------------------


def test_an_answer_predicate_without_the_invitation_is_not_read(inv):
    # "từ chối" is a decline predicate; only a predicate naming the invitation opens a reading
    assert inv("Tổng thống Peru Dina Boluarte từ chối bình luận về chuyến thăm Chile.") == []
    found = inv("Tổng thống Peru Dina Boluarte từ chối lời mời của Tổng thống Chile Gabriel Boric.")
    assert pair(found) == [("CHL", "PER", "Dina Boluarte")]
    assert found[0]["status"] == "declined"


def test_invitations_read_the_predicates_the_frame_component_stored():
    from spacy.tokens import Doc

    from camket.extract.frames import FRAMES_KEY
    from camket.extract.invitations import find_invitations
    from camket.nlp import annotate

    text = (
        TITLE + "Thủ tướng Lào Sonexay Siphandone mời Thủ tướng Nepal Pushpa Kamal Dahal thăm Lào."
    )
    (doc,) = annotate([text], [None])
    stored = [f for f in doc.user_data[FRAMES_KEY] if f["class"] == "invite"]
    assert [f["lexeme"] for f in stored] == ["mời"]
    again = Doc(doc.vocab).from_bytes(doc.to_bytes())  # only the stored data is left
    (found,) = find_invitations(again, list(again.sents))
    assert (found.inviter_country, found.invitee_country) == ("LAO", "NPL")
    again.user_data[FRAMES_KEY] = []  # no predicate stored: nothing is read
    again.user_data.pop("camket.extract.frames", None)
    assert find_invitations(again, list(again.sents)) == []


# -- answers: accept, confirm, decline ------------------------------------------------------


@pytest.mark.parametrize("cue", rows("accept"))
def test_accept_row(inv, cue):
    said = "Chủ tịch nước Võ Văn Thưởng mời Tổng thống Pháp Emmanuel Macron thăm Việt Nam. "
    (f,) = inv(said + f"Tổng thống Emmanuel Macron đã vui vẻ {cue}.")
    assert f["status"] == "accepted"
    (f,) = inv(said + "Tổng thống Emmanuel Macron đã cảm ơn.")
    assert f["status"] == "extended"


@pytest.mark.parametrize("cue", rows("confirm"))
def test_confirm_row(inv, cue):
    said = "Chủ tịch nước Võ Văn Thưởng mời Tổng thống Pháp Emmanuel Macron thăm Việt Nam. "
    (f,) = inv(said + f"Phía Pháp {cue} Tổng thống Emmanuel Macron sẽ sang thăm Việt Nam.")
    assert f["status"] == "accepted"
    (f,) = inv(said + f"Phía Pháp {cue} quan hệ hai nước đang phát triển tốt đẹp.")
    assert f["status"] == "extended"


@pytest.mark.parametrize("cue", rows("decline"))
def test_decline_row(inv, cue):
    found = inv(
        f"Tổng thống Pháp Emmanuel Macron đã {cue} lời mời của Thủ tướng Ấn Độ Narendra Modi "
        "tới thăm Ấn Độ."
    )
    assert pair(found) == [("IND", "FRA", "Emmanuel Macron")]  # the answerer is the invitee
    assert found[0]["status"] == "declined" and found[0]["event"] == "tới thăm Ấn Độ"
    (f,) = inv(f"Ấn Độ {cue} cấp thị thực cho đoàn khảo sát. " + INVITE)
    assert f["status"] == "extended"  # an answer in an earlier sentence is not this one's


def test_fronted_acceptance_with_a_bare_title_invitee(inv):
    found = inv(
        "Chủ tịch nước Võ Văn Thưởng tiếp Đại sứ Na Uy. Theo Bộ Ngoại giao, nhận lời mời của "
        "Hoàng gia Na Uy, Chủ tịch sẽ dự lễ kỷ niệm tại Oslo."
    )
    assert pair(found) == [("NOR", "VNM", "Võ Văn Thưởng")]
    assert found[0]["status"] == "accepted"
    # no one holds the title in the article: Viet Nam's, unnamed
    found = inv("Nhận lời mời của Hoàng gia Na Uy, Chủ tịch sẽ dự lễ kỷ niệm tại Oslo.")
    assert pair(found) == [("NOR", "VNM", None)]


def test_answer_with_the_event_inside_the_frame(inv):
    (f,) = inv("Tổng thống Pháp Emmanuel Macron đã nhận lời mời thăm của Chủ tịch nước Việt Nam.")
    assert (f["inviter_country"], f["invitee_country"], f["event"]) == ("VNM", "FRA", "thăm")
    (f,) = inv(
        "Tổng thống Pháp Emmanuel Macron đã nhận lời mời của Chủ tịch nước Việt Nam thăm Hà Nội."
    )
    assert f["event"] == "thăm Hà Nội"


# -- convey ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cue", rows("convey"))
def test_convey_row(inv, cue):
    found = inv(
        f"Bộ trưởng Bùi Thanh Sơn đã {cue} của Tổng thống Pháp Emmanuel Macron mời Thủ tướng "
        "Ấn Độ Narendra Modi thăm Pháp."
    )
    assert pair(found) == [("FRA", "IND", "Narendra Modi")]  # the owner invites, not the bearer
    found = inv("Bộ trưởng Bùi Thanh Sơn mời Thủ tướng Ấn Độ Narendra Modi thăm Pháp.")
    assert pair(found) == [("VNM", "IND", "Narendra Modi")]


def test_owner_then_mời_then_a_bare_title_invitee(inv):
    found = inv(
        "Tổng Bí thư Tô Lâm tiếp Đại sứ Singapore. Đại sứ nhắc lại lời mời của Thủ tướng "
        "Singapore Lawrence Wong mời Tổng Bí thư thăm Singapore."
    )
    assert pair(found) == [("SGP", "VNM", "Tô Lâm")]
    found = inv("Đại sứ Singapore mời Tổng Bí thư Tô Lâm thăm Singapore.")
    assert pair(found) == [("SGP", "VNM", "Tô Lâm")]


def test_invitee_right_after_the_convey_frame(inv):
    found = inv(
        "Tổng Bí thư Tô Lâm đã chuyển lời mời Tổng thống Pháp Emmanuel Macron đến thăm Việt Nam."
    )
    assert pair(found) == [("VNM", "FRA", "Emmanuel Macron")]
    assert found[0]["inviter_person"] is None  # conveyed: the owner is not named
    found = inv(
        "Tổng Bí thư Tô Lâm đã chuyển lời mời thăm Việt Nam tới Tổng thống Pháp Emmanuel Macron."
    )
    assert pair(found) == [("VNM", "FRA", "Emmanuel Macron")]
    assert found[0]["event"] == "thăm Việt Nam" and found[0]["location"] == "VNM"


# -- not invitations ------------------------------------------------------------------------


@pytest.mark.parametrize("cue", rows("ceremonial"))
def test_ceremonial_row(inv, cue):
    assert inv(f"Thủ tướng Phạm Minh Chính mời Thủ tướng Ấn Độ Narendra Modi {cue} lễ đài.") == []
    assert len(inv(INVITE)) == 1


def test_head_of_state_is_no_ceremony(inv):
    found = inv("Thủ tướng Phạm Minh Chính mời người đứng đầu Nhà nước Ấn Độ thăm Việt Nam.")
    assert pair(found) == [("VNM", "IND", None)]


@pytest.mark.parametrize("cue", rows("reader"))
def test_reader_row(inv, cue):
    assert inv(f"Mời {cue} theo dõi chuyến thăm Ấn Độ của Thủ tướng Phạm Minh Chính.") == []
    assert len(inv(INVITE)) == 1


@pytest.mark.parametrize("cue", rows("not") + rows("negation"))
def test_not_and_negation_rows(inv, cue):
    assert inv(f"Thủ tướng Ấn Độ Narendra Modi {cue} Tổng thống Pháp Emmanuel Macron.") == []
    assert len(inv(INVITE)) == 1


def test_a_denied_invitation_leaves_another_one_in_the_sentence(inv):
    text = (
        "Tổng thống Peru Dina Boluarte khước từ lời mời của Tổng thống Chile Gabriel Boric, "
        "sau khi Chile không mời lãnh đạo Bolivia."
    )
    assert answers(inv(text)) == [("CHL", "PER", "Dina Boluarte", "declined")]
    assert inv("Chile không mời lãnh đạo Bolivia dự hội nghị.") == []


def answers(found: list[dict]) -> list[tuple]:
    return [(*pair([f])[0], f["status"]) for f in found]


@pytest.mark.parametrize("cue", rows("question"))
def test_question_row(inv, cue):
    asked = f"Phóng viên {cue} Tổng thống Chile Gabriel Boric có mời Tổng thống Peru hay không."
    assert inv(asked) == []
    said = "Tổng thống Chile Gabriel Boric có mời Tổng thống Peru Dina Boluarte dự hội nghị."
    assert pair(inv(said)) == [("CHL", "PER", "Dina Boluarte")]


def test_a_passive_invitation_names_the_invitees_before_and_the_inviter_after(inv):
    named = "Tổng thống Chile Gabriel Boric đón khách tại Santiago. "
    text = (
        "Tổng thống Peru Dina Boluarte và Tổng thống Ecuador Daniel Noboa cũng được ông "
        "Gabriel Boric mời dự diễn đàn, và cả hai đã xác nhận tham dự."
    )
    assert answers(inv(named + text)) == [
        ("CHL", "PER", "Dina Boluarte", "accepted"),
        ("CHL", "ECU", "Daniel Noboa", "accepted"),
    ]
    # "được mời" with no inviter named: no row
    assert inv("Tổng thống Peru Dina Boluarte được mời dự diễn đàn.") == []
    # a country before "được" qualifies no one after it: "Thủ tướng Lào được Thủ tướng ..."
    text = "Thủ tướng Lào được Thủ tướng Nhật Bản Kishida Fumio mời thăm Tokyo."
    assert pair(inv(text)) == [("JPN", "LAO", None)]


def test_leaders_of_a_group_of_countries_are_no_one_invitee(inv):
    text = "Tổng thống Peru Dina Boluarte mời lãnh đạo các nước láng giềng dự lễ nhậm chức."
    assert inv(text) == []
    text = "Tổng thống Peru Dina Boluarte mời lãnh đạo Chile dự lễ nhậm chức."
    assert pair(inv(text)) == [("PER", "CHL", None)]


def test_an_unnamed_mention_of_a_named_invitation_is_that_row(inv):
    text = (
        "Thủ tướng Nhật Bản Kishida Fumio mời Thủ tướng Lào Sonexay Siphandone dự hội nghị. "
        "Lào là một trong hai nước được Nhật Bản mời tham dự hội nghị năm nay."
    )
    assert pair(inv(text)) == [("JPN", "LAO", "Sonexay Siphandone")]
    # an unnamed invitation to another event is a row of its own
    text = (
        "Thủ tướng Nhật Bản Kishida Fumio mời Thủ tướng Lào Sonexay Siphandone dự hội nghị. "
        "Ông Kishida cũng mời Lào cử đoàn tham gia lễ ký hiệp định thương mại."
    )
    assert pair(inv(text)) == [("JPN", "LAO", "Sonexay Siphandone"), ("JPN", "LAO", None)]


def test_the_one_answering_may_announce_it_on_a_date(inv):
    text = (
        "Tổng thống Peru Dina Boluarte ngày 6/6/2022 tuyên bố từ chối lời mời của Tổng thống "
        "Chile Gabriel Boric."
    )
    assert answers(inv(text)) == [("CHL", "PER", "Dina Boluarte", "declined")]


def test_a_word_holding_moi_vetoes_only_itself(inv):
    # "khách mời" is no invitation, but the "mời" before it is one
    found = inv(
        "Tổng thống Chile Gabriel Boric mời Tổng thống Peru Dina Boluarte làm khách mời "
        "danh dự tại lễ duyệt binh."
    )
    assert pair(found) == [("CHL", "PER", "Dina Boluarte")]
    assert inv("Tổng thống Peru Dina Boluarte là khách mời danh dự tại lễ duyệt binh.") == []


# -- the event, its date and place -----------------------------------------------------------


@pytest.mark.parametrize("head", rows("event_head"))
def test_event_head_row(inv, head):
    said = f"Tổng thống Peru Dina Boluarte mời Tổng thống Chile Gabriel Boric dự {head} Andes. "
    name = head[0].upper() + head[1:]
    (f,) = inv(said + f"{name} Andes sẽ diễn ra tại Lima ngày 5/10/2025.")
    assert (f["when"], f["location"]) == ("2025-10-05", "Lima")
    (f,) = inv(said + "Thời tiết tại Lima ngày 5/10/2025 rất đẹp.")  # not about the event
    assert (f["when"], f["location"]) == (None, None)


@pytest.mark.parametrize("held", rows("event_held"))
def test_event_held_row(inv, held):
    said = "Tổng thống Peru Dina Boluarte mời Tổng thống Chile Gabriel Boric dự diễn đàn Andes. "
    (f,) = inv(said + f"Diễn đàn dự kiến {held} tại Lima ngày 5/10/2025.")
    assert (f["when"], f["location"]) == ("2025-10-05", "Lima")
    (f,) = inv(said + "Diễn đàn thu hút sự chú ý tại Lima ngày 5/10/2025.")
    assert (f["when"], f["location"]) == (None, None)


def test_the_event_follows_all_the_invitees_listed(inv):
    text = (
        "Tổng thống Chile Gabriel Boric mời Tổng thống Peru Dina Boluarte và Tổng thống "
        "Ecuador Daniel Noboa tham dự diễn đàn kinh tế."
    )
    event = "tham dự diễn đàn kinh tế"
    assert invitee_events(inv(text)) == [("Dina Boluarte", event), ("Daniel Noboa", event)]


def invitee_events(found: list[dict]) -> list[tuple]:
    return [(f["invitee_person"], f["event"]) for f in found]


def test_the_dot_of_a_name_is_no_end_of_the_event(inv):
    found = inv(
        "Tổng thống Peru Dina Boluarte mời Tổng thống Philippines Ferdinand Marcos Jr. thăm Lima."
    )
    assert [f["event"] for f in found] == ["thăm Lima"]
    text = (
        "Tổng thống Peru Dina Boluarte mời Tổng thống Philippines Ferdinand Marcos Jr. và "
        "Tổng thống Chile Gabriel Boric dự hội nghị APEC."
    )
    event = "dự hội nghị APEC"
    assert invitee_events(inv(text)) == [("Ferdinand Marcos Jr", event), ("Gabriel Boric", event)]


@pytest.mark.parametrize("cue", rows("event_end"))
def test_event_end_row(inv, cue):
    (f,) = inv(INVITE[:-1] + f" {cue} ngày 5/7/2024.")
    assert f["event"] == "thăm chính thức Việt Nam" and f["when"] is None
    (f,) = inv(INVITE[:-1] + " ngày 5/7/2024.")
    assert f["event"] == "thăm chính thức Việt Nam" and f["when"] == "2024-07-05"


@pytest.mark.parametrize("cue", rows("clause_end"))
def test_clause_end_row(inv, cue):
    (f,) = inv(INVITE[:-1] + f", {cue} việc hợp tác quốc phòng.")
    assert f["event"] == "thăm chính thức Việt Nam"
    (f,) = inv(INVITE[:-1] + ", Lào và Campuchia.")
    assert f["event"] == "thăm chính thức Việt Nam, Lào và Campuchia"


@pytest.mark.parametrize("cue", rows("report"))
def test_report_row(inv, cue):
    (f,) = inv(INVITE[:-1] + f", báo chí Ấn Độ {cue}.")
    assert f["event"] == "thăm chính thức Việt Nam"
    (f,) = inv(INVITE[:-1] + " cùng báo chí Ấn Độ.")
    assert f["event"] == "thăm chính thức Việt Nam cùng báo chí Ấn Độ"


@pytest.mark.parametrize("cue", rows("event_lead"))
def test_event_lead_row(inv, cue):
    (f,) = inv(
        f"Nhận lời mời của Thủ tướng Phạm Minh Chính, Thủ tướng Ấn Độ Narendra Modi {cue} "
        "thăm chính thức Việt Nam."
    )
    assert f["event"] == "thăm chính thức Việt Nam"
    (f,) = inv(
        "Nhận lời mời của Thủ tướng Phạm Minh Chính, Thủ tướng Ấn Độ Narendra Modi "
        "cùng đoàn doanh nghiệp thăm chính thức Việt Nam."
    )
    assert f["event"].startswith("cùng đoàn")


@pytest.mark.parametrize("cue", rows("event_verb"))
def test_event_verb_row(inv, cue):
    (f,) = inv(
        "Nhận lời mời của Thủ tướng Phạm Minh Chính, Thủ tướng Ấn Độ Narendra Modi sẽ dẫn đầu "
        f"đoàn doanh nghiệp {cue} Hội chợ Thương mại Việt Nam."
    )
    assert f["event"] == f"{cue} Hội chợ Thương mại Việt Nam"
    (f,) = inv(
        "Nhận lời mời của Thủ tướng Phạm Minh Chính, Thủ tướng Ấn Độ Narendra Modi sẽ dẫn đầu "
        "đoàn doanh nghiệp sang Việt Nam."
    )
    assert f["event"] == "sẽ dẫn đầu đoàn doanh nghiệp sang Việt Nam"


def test_event_stops_before_its_date_and_place(inv):
    (f,) = inv(
        "Thủ tướng Phạm Minh Chính mời Thủ tướng Ấn Độ Narendra Modi dự Diễn đàn Kinh tế "
        "tại Hà Nội từ ngày 2 đến 4/7."
    )
    assert f["event"] == "dự Diễn đàn Kinh tế"
    assert (f["when"], f["location"]) == ("2024-07-02/2024-07-04", "Hà Nội")


def test_destination_of_each_inviter(inv):
    found = inv(
        "Nhận lời mời của Tổng thống Pháp Emmanuel Macron và Thủ tướng Ấn Độ Narendra Modi, "
        "Chủ tịch nước Võ Văn Thưởng sẽ thăm Pháp từ ngày 1 đến 3/7 và tới Ấn Độ từ ngày 4 đến 6/7."
    )
    assert {(f["inviter_country"], f["location"]) for f in found} == {
        ("FRA", "FRA"),
        ("IND", "IND"),
    }


def test_event_of_each_inviter_among_listed_visits(inv):
    found = inv(
        "Nhận lời mời của Tổng thống Pháp Emmanuel Macron và Thủ tướng Ấn Độ Narendra Modi, "
        "Chủ tịch nước Võ Văn Thưởng sẽ thăm chính thức Pháp từ ngày 1 đến 3/7 và thăm cấp "
        "Nhà nước Ấn Độ từ ngày 4 đến 6/7."
    )
    assert {(f["inviter_country"], f["event"], f["when"]) for f in found} == {
        ("FRA", "thăm chính thức Pháp", "2024-07-01/2024-07-03"),
        ("IND", "thăm cấp Nhà nước Ấn Độ", "2024-07-04/2024-07-06"),
    }
    # one visit with two verbs is one event
    (f,) = inv(
        "Thủ tướng Phạm Minh Chính mời Thủ tướng Ấn Độ Narendra Modi sang thăm và dự lễ "
        "kỷ niệm tại Việt Nam."
    )
    assert f["event"] == "sang thăm và dự lễ kỷ niệm" and f["location"] == "VNM"


def test_when_and_place_of_a_named_event_from_another_sentence(inv):
    text = (
        "Tổng thống Pháp Emmanuel Macron mời Thủ tướng Ấn Độ Narendra Modi dự lễ khai mạc "
        "Thế vận hội. Lễ khai mạc Thế vận hội diễn ra ngày 26/7/2024 tại Paris."
    )
    (f,) = inv(text)
    assert (f["when"], f["location"]) == ("2024-07-26", "Paris")
    # a visit is not a named event: other sentences may speak of another visit
    (f,) = inv(INVITE + " Chuyến thăm trước diễn ra ngày 26/7/2023 tại Hà Nội.")
    assert f["when"] is None and f["location"] == "VNM"


# -- role mentions -------------------------------------------------------------------------


def test_role_mention_resolves_to_a_holder_named_later(inv):
    found = inv(
        "Chủ tịch nước Lương Cường mời Thủ tướng Ý sớm thăm Việt Nam. "
        "Thủ tướng Ý Giorgia Meloni cảm ơn lời chúc mừng."
    )
    assert pair(found) == [("VNM", "ITA", "Giorgia Meloni")]
    found = inv(
        "Chủ tịch nước Lương Cường mời Thủ tướng Ý sớm thăm Việt Nam. "
        "Tổng thống Ý Sergio Mattarella cảm ơn lời chúc mừng."
    )
    assert pair(found) == [("VNM", "ITA", None)]  # another office: the person stays unnamed


def test_coordinated_roles_give_one_row_per_holder(inv):
    found = inv(
        "Thủ tướng Phạm Minh Chính gặp Quốc vương Thái Lan Maha Vajiralongkorn và Hoàng hậu "
        "Suthida. Lãnh đạo Việt Nam mời Quốc vương và Hoàng hậu Thái Lan thăm Việt Nam."
    )
    assert sorted(pair(found)) == [
        ("VNM", "THA", "Maha Vajiralongkorn"),
        ("VNM", "THA", "Suthida"),
    ]
    found = inv("Lãnh đạo Việt Nam mời Quốc vương Thái Lan thăm Việt Nam.")
    assert pair(found) == [("VNM", "THA", None)]


@pytest.mark.parametrize("cue", rows("qualifier"))
def test_qualifier_row(cue):
    assert role_key(f"Tổng thống {cue}") == role_key("Tổng thống")
    assert role_key(f"Phó Tổng thống {cue}") != role_key("Tổng thống")


@pytest.mark.parametrize("cue", rows("stated_title"))
def test_stated_title_row(inv, cue):
    later = " Thủ tướng Phạm Minh Chính mời Tổng thống Pháp thăm Việt Nam."
    found = inv(f"Ông Emmanuel Macron {cue} Tổng thống Pháp năm 2017." + later)
    assert pair(found) == [("VNM", "FRA", "Emmanuel Macron")]
    found = inv("Ông Emmanuel Macron phát biểu tại Paris năm 2017." + later)
    assert pair(found) == [("VNM", "FRA", None)]
    found = inv(f"Ông Emmanuel Macron, người vừa {cue} Tổng thống Pháp, tới Hà Nội." + later)
    assert pair(found) == [("VNM", "FRA", "Emmanuel Macron")]  # in an appositive


@pytest.mark.parametrize("cue", rows("office"))
def test_office_row(inv, cue):
    named = "Bộ trưởng Ngoại giao Pháp Jean-Noël Barrot tới Hà Nội. "
    found = inv(named + f"Bộ trưởng Bùi Thanh Sơn mời {cue} Pháp thăm chính thức Việt Nam.")
    assert pair(found) == [("VNM", "FRA", "Jean-Noël Barrot")]
    found = inv(named + "Bộ trưởng Bùi Thanh Sơn mời Bộ trưởng Quốc phòng Pháp thăm Việt Nam.")
    assert pair(found) == [("VNM", "FRA", None)]


def test_holy_see_is_the_popes_country(inv):
    found = inv("Chủ tịch nước Lương Cường mời Giáo hoàng Phanxicô thăm Việt Nam.")
    assert pair(found) == [("VNM", "VAT", "Phanxicô")]


def test_two_inviters_by_office_are_two_invitations(inv):
    found = inv(
        "Tổng Bí thư Tô Lâm mời Tổng thống Pháp Emmanuel Macron thăm Việt Nam. "
        "Tổng thống Pháp Emmanuel Macron cũng đã nhận lời mời thăm của Chủ tịch nước Việt Nam."
    )
    assert sorted((f["inviter_person"] or "") for f in found) == ["", "Tô Lâm"]
    found = inv(
        "Tổng Bí thư Tô Lâm mời Tổng thống Pháp Emmanuel Macron thăm Việt Nam. "
        "Tổng thống Pháp Emmanuel Macron đã nhận lời mời thăm của Tổng Bí thư Việt Nam."
    )
    assert [f["inviter_person"] for f in found] == ["Tô Lâm"]  # one invitation, told twice


# -- pronouns -----------------------------------------------------------------------------


@pytest.mark.parametrize("speaker", rows("speaker"))
@pytest.mark.parametrize("addressee", rows("addressee"))
def test_speaker_and_addressee_rows(inv, speaker, addressee):
    letter = (
        "Nhân dịp Chủ tịch Quốc hội Trần Thanh Mẫn nhậm chức, Chủ tịch Quốc hội Ấn Độ Om Birla "
        "gửi thư chúc mừng. "
    )
    found = inv(letter + f"Thư viết: “{speaker.capitalize()} xin mời {addressee} sang thăm Ấn Độ”.")
    assert pair(found) == [("IND", "VNM", "Trần Thanh Mẫn")]
    assert found[0]["event"] == "sang thăm Ấn Độ" and found[0]["location"] == "IND"
    found = inv(letter + f"Thư viết: “{speaker.capitalize()} xin mời {addressee} Modi sang thăm”.")
    assert pair(found) == []  # a name follows: not a pronoun


@pytest.mark.parametrize("cue", rows("speech_verb"))
def test_speech_verb_row(inv, cue):
    text = (
        f"Thủ tướng Ấn Độ Narendra Modi {cue} với báo chí, sau khi gặp Thủ tướng Phạm Minh Chính "
        "và Tổng thống Pháp Emmanuel Macron. “Tôi xin mời ông sang thăm Ấn Độ”."
    )
    assert pair(inv(text)) == [("IND", "FRA", "Emmanuel Macron")]
    text = (
        "Thủ tướng Ấn Độ Narendra Modi gặp Thủ tướng Phạm Minh Chính "
        "và Tổng thống Pháp Emmanuel Macron. “Tôi xin mời ông sang thăm Ấn Độ”."
    )
    assert pair(inv(text)) == [("FRA", "VNM", "Phạm Minh Chính")]  # the last one named speaks


@pytest.mark.parametrize("cue", rows("country_anaphor"))
def test_country_anaphor_row_as_invitee(inv, cue):
    text = (
        "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Ấn Độ Narendra Modi tại New Delhi. "
        f"Thủ tướng Phạm Minh Chính mời {cue} sang thăm Việt Nam."
    )
    assert pair(inv(text)) == [("VNM", "IND", None)]  # not Viet Nam, the inviter's own
    text = "Thủ tướng Phạm Minh Chính mời các doanh nghiệp sang thăm Việt Nam."
    assert inv(text) == []  # no party named: no row, nothing filled in


@pytest.mark.parametrize("cue", ["nước này", "quốc gia này"])
def test_country_anaphor_row_as_inviter(inv, cue):
    text = (
        "Ấn Độ vừa khánh thành cảng biển mới. "
        f"{cue.capitalize()} cũng mời Thủ tướng Phạm Minh Chính dự lễ khánh thành."
    )
    assert pair(inv(text)) == [("IND", "VNM", "Phạm Minh Chính")]
    text = "Cảng biển mới vừa khánh thành. Ban tổ chức mời Thủ tướng Phạm Minh Chính dự lễ."
    assert inv(text) == []


# -- one invitation mentioned twice ---------------------------------------------------------


def test_answer_at_a_later_mention_answers_the_headline_mention_too(inv):
    (doc,) = __import__("camket.nlp", fromlist=["annotate"]).annotate(
        [
            "Thủ tướng Ý mời Tổng thống Phần Lan Alexander Stubb thăm Ý\n\n"
            "Chiều 3/5, hai nhà lãnh đạo điện đàm. Thủ tướng Ý Giorgia Meloni mời Tổng thống "
            "Phần Lan Alexander Stubb thăm Ý. Tổng thống Alexander Stubb vui vẻ nhận lời."
        ],
        ["2024-06-20"],
    )
    found = [f for kind, _, f in find_commitments(doc) if kind == "invitation"]
    assert [f["status"] for f in found] == ["accepted"]
    found = inv("Thủ tướng Ý Giorgia Meloni mời Tổng thống Phần Lan Alexander Stubb thăm Ý.")
    assert [f["status"] for f in found] == ["extended"]


def test_headline_naming_only_the_country_merges_into_the_named_invitee(inv):
    head = "Ý mời lãnh đạo Phần Lan thăm Rome\n\n"
    body = "Thủ tướng Ý Giorgia Meloni mời Tổng thống Phần Lan Alexander Stubb thăm Ý."
    (doc,) = __import__("camket.nlp", fromlist=["annotate"]).annotate([head + body], [None])
    found = [f for kind, _, f in find_commitments(doc) if kind == "invitation"]
    assert pair(found) == [("ITA", "FIN", "Alexander Stubb")]
    # a body naming no leader of that country leaves the headline's row alone
    other = "Thủ tướng Ý Giorgia Meloni mời Tổng thống Estonia Alar Karis thăm Ý."
    (doc,) = __import__("camket.nlp", fromlist=["annotate"]).annotate([head + other], [None])
    found = [f for kind, _, f in find_commitments(doc) if kind == "invitation"]
    assert pair(found) == [("ITA", "FIN", None), ("ITA", "EST", "Alar Karis")]


@pytest.mark.parametrize("cue", rows("receive"))
def test_receive_row(inv, cue):
    found = inv(
        "Tổng thống Chile Gabriel Boric sẽ không dự hội chợ tại Hà Nội, dù đã "
        f"{cue} của Thủ tướng Phạm Minh Chính."
    )
    assert pair(found) == [("VNM", "CHL", "Gabriel Boric")]  # the receiver is the invitee
    assert found[0]["status"] == "extended"
    found = inv(
        "Tổng thống Chile Gabriel Boric đã gặp Thủ tướng Phạm Minh Chính tại hội chợ ở Hà Nội."
    )
    assert found == []


@pytest.mark.parametrize("cue", rows("send"))
def test_send_row(inv, cue):
    said = "Thủ tướng Phạm Minh Chính mời Tổng thống Chile Gabriel Boric thăm Việt Nam. "
    found = inv(said + f"Bộ trưởng Bùi Thanh Sơn cũng {cue} tới Chile. Phía Chile đã nhận lời.")
    assert [f["status"] for f in found] == ["extended"]  # the answer is to the new one
    found = inv(said + "Phía Chile đánh giá cao lời mời. Tổng thống Gabriel Boric đã nhận lời.")
    assert [f["status"] for f in found] == ["accepted"]  # "lời mời" told again is no new one


def test_a_refusal_of_the_invitation_in_a_later_sentence(inv):
    said = "Thủ tướng Phạm Minh Chính mời Tổng thống Chile Gabriel Boric thăm Việt Nam. "
    (f,) = inv(said + "Ông Boric đã từ chối lời mời vì lý do sức khỏe.")
    assert f["status"] == "declined"
    (f,) = inv(said + "Ông Boric đã cảm ơn lời mời.")
    assert f["status"] == "extended"


def test_counterpart_invited_by_a_pronoun_subject(inv):
    met = "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Ba Lan Donald Tusk. "
    found = inv(met + "Nhân dịp này, ông mời người đồng cấp dự hội chợ tại Hà Nội năm 2027.")
    assert pair(found) == [("VNM", "POL", "Donald Tusk")]
    assert (found[0]["when"], found[0]["location"]) == ("2027", "Hà Nội")
    assert inv(met + "Nhân dịp này, ông cảm ơn người đồng cấp.") == []


@pytest.mark.parametrize("cue", rows("owner_pronoun"))
def test_owner_pronoun_row(inv, cue):
    found = inv(
        "Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Ba Lan. Thủ tướng nhờ Bộ trưởng "
        f"chuyển lời mời của {cue} tới đoàn đại biểu cấp cao Ba Lan sang dự hội chợ tại Hà Nội."
    )
    assert [(f["inviter_country"], f["inviter_person"], f["invitee_country"]) for f in found] == [
        ("VNM", "Phạm Minh Chính", "POL")
    ]
    found = inv(
        "Bộ trưởng Bùi Thanh Sơn chuyển lời mời của Tổng thống Ba Lan Andrzej Duda tới Chủ tịch "
        "nước Lương Cường sang thăm Ba Lan."
    )
    assert pair(found) == [("POL", "VNM", "Lương Cường")]


def test_fronted_by_invitation_takes_the_subject_after_the_comma(inv):
    found = inv(
        "Theo lời mời của Thủ tướng Ba Lan Donald Tusk, Tổng thống Chile Gabriel Boric đã tới "
        "Warszawa, bắt đầu chuyến thăm chính thức Ba Lan."
    )
    assert pair(found) == [("POL", "CHL", "Gabriel Boric")]
    assert found[0]["status"] == "accepted"
    # the frame not fronted: the names after the comma are more hosts, not the guest
    found = inv(
        "Thủ tướng Phạm Minh Chính tiếp Tổng thống Chile Gabriel Boric. Chuyến thăm diễn ra "
        "theo lời mời của Chủ tịch nước Lương Cường và Phu nhân, Thủ tướng Phạm Minh Chính."
    )
    assert [f["invitee_country"] for f in found] != ["VNM"]


def test_office_named_with_its_country_gives_the_holder_that_country(inv):
    met = "Bộ trưởng Bùi Thanh Sơn gặp Quốc vương Aldric Venn. Bộ trưởng chuyển lời mời của Lãnh "
    met += "đạo Việt Nam tới Quốc vương sang thăm Việt Nam. "
    found = inv(met + "Quốc vương Na Uy cảm ơn.")
    assert pair(found) == [("VNM", "NOR", "Aldric Venn")]
    # the office named with two countries: the holder's country stays unknown
    assert inv(met + "Quốc vương Na Uy và Quốc vương Thụy Điển cảm ơn.") == []


def test_a_later_answer_naming_one_of_two_invitees_is_that_one_s(inv):
    said = (
        "Thủ tướng Phạm Minh Chính mời Thủ tướng Ba Lan Donald Tusk và Tổng thống Chile Gabriel "
        "Boric dự hội chợ tại Hà Nội. "
    )
    found = inv(said + "Phía Chile xác nhận Tổng thống Gabriel Boric sẽ tham dự.")
    assert {f["invitee_person"]: f["status"] for f in found} == {
        "Donald Tusk": "extended",
        "Gabriel Boric": "accepted",
    }
    found = inv(said + "Hai nhà lãnh đạo đã vui vẻ nhận lời.")  # names no one: both answered
    assert {f["status"] for f in found} == {"accepted"}


def test_a_later_sentence_saying_the_named_invitee_will_attend(inv):
    said = "Thủ tướng Phạm Minh Chính mời Tổng thống Chile Gabriel Boric dự hội chợ tại Hà Nội. "
    (f,) = inv(said + "Văn phòng Tổng thống Chile cho biết ông Boric sẽ tham dự.")
    assert f["status"] == "accepted"
    (f,) = inv(said + "Văn phòng Tổng thống Chile cho biết ông Boric sẽ không tham dự.")
    assert f["status"] == "declined"
    (f,) = inv(said + "Văn phòng Tổng thống Chile cho biết đoàn doanh nghiệp sẽ tham dự.")
    assert f["status"] == "extended"  # someone else attends


@pytest.mark.parametrize("cue", rows("place_noun"))
def test_place_noun_row(inv, cue):
    (f,) = inv(
        f"Thủ tướng Phạm Minh Chính mời Thủ tướng Ba Lan Donald Tusk dự hội chợ tại {cue} Đà Nẵng."
    )
    assert (f["event"], f["location"]) == ("dự hội chợ", "Đà Nẵng")
    (f,) = inv(
        "Thủ tướng Phạm Minh Chính mời Thủ tướng Ba Lan Donald Tusk dự hội chợ về "
        f"quy hoạch {cue} tại Đà Nẵng."
    )
    assert f["location"] == "Đà Nẵng" and f["event"].endswith(cue)  # not before a place: kept


def test_an_invitation_without_an_invitee_country_is_not_emitted_and_says_so(inv, caplog):
    import logging

    with caplog.at_level(logging.DEBUG, logger="camket.extract.invitations"):
        assert inv("Bộ trưởng Ngoại giao Thái Lan mời các doanh nghiệp tham dự hội chợ.") == []
    assert any("no invitation row" in r.getMessage() for r in caplog.records), caplog.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="camket.extract.invitations"):
        assert pair(inv(INVITE)) == [("VNM", "IND", "Narendra Modi")]
    assert not any("no invitation row" in r.getMessage() for r in caplog.records)


def test_a_country_then_its_named_leader_inviting_the_same_guest_is_one_named_row(inv):
    # the unnamed mention is replaced by the named one (this used to raise ValueError and
    # fail the whole batch)
    found = inv(
        "Phía Hàn Quốc đã mời Indonesia cử đoàn dự hội chợ. Sau đó, Tổng thống Hàn Quốc "
        "Lee Jae-myung mời Indonesia cử đoàn dự hội chợ."
    )
    assert [(f["inviter_country"], f["inviter_person"], f["invitee_country"]) for f in found] == [
        ("KOR", "Lee Jae-myung", "IDN")
    ]
    found = inv("Phía Hàn Quốc đã mời Indonesia cử đoàn dự hội chợ.")
    assert [(f["inviter_country"], f["inviter_person"]) for f in found] == [("KOR", None)]
