"""Syllable tokenizer and matching key."""

from __future__ import annotations

from camket.nlp.tokenizer import norm_key, words_and_spaces


def test_punctuation_is_split_from_syllables(nlp):
    doc = nlp.make_doc("Quan hệ Việt-Nga, (WHO) và TP.HCM.")
    assert [t.text for t in doc] == [
        "Quan",
        "hệ",
        "Việt",
        "-",
        "Nga",
        ",",
        "(",
        "WHO",
        ")",
        "và",
        "TP",
        ".",
        "HCM",
        ".",
    ]
    assert doc.text == "Quan hệ Việt-Nga, (WHO) và TP.HCM."


def test_whitespace_follows_spacy_convention():
    words, spaces = words_and_spaces("Hà Nội  ngày\n\nmai ")
    assert words == ["Hà", "Nội", " ", "ngày", "\n\n", "mai"]
    assert spaces == [True, True, False, False, False, True]


def test_norm_key_folds_lookalikes_and_tone_placement():
    assert norm_key("Ðảng") == norm_key("Đảng") == "đảng"
    assert norm_key("Hòa") == norm_key("hoà")
    assert norm_key("Thụy") == norm_key("Thuỵ")
    assert norm_key("–") == "-"
    assert norm_key("Hoàng") == "hoàng"  # closed syllable: nothing to move


def test_nfd_text_keeps_syllables_whole(nlp):
    import unicodedata

    text = unicodedata.normalize("NFD", "Việt Nam")
    assert len(nlp.make_doc(text)) == 2
