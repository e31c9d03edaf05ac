"""Issue 9 vocabulary rows: each row added fires in a sentence written for it, and a near miss
does not. Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from camket.nlp.lexicon import load_lexicon, read_rows


def labels(ents, text, label):
    return [t for lab, t, _ in ents(text) if lab == label]


@pytest.mark.parametrize(
    "noun",
    [r[1] for r in read_rows("word_classes.tsv") if r[0] == "media_noun"],
)
def test_media_noun_rows(ents, noun):
    assert labels(ents, f"Hôm qua, Bayon Post, {noun} của địa phương, cho biết.", "ORG") == [
        "Bayon Post"
    ]
    assert labels(ents, f"Hôm qua, anh Bayon nói, {noun} của địa phương đưa tin.", "ORG") == []


@pytest.mark.parametrize(
    "word", [r[1] for r in read_rows("word_classes.tsv") if r[0] == "latin_org_suffix"]
)
def test_latin_suffix_rows(ents, word):
    name = word.capitalize()
    assert labels(ents, f"Theo hãng Reuters {name} hôm qua.", "ORG") == [f"Reuters {name}"]
    assert labels(ents, f"Theo hãng Reuters, {name} hôm qua.", "ORG")[0] == "Reuters"


@pytest.mark.parametrize("word", [r[1] for r in read_rows("word_classes.tsv") if r[0] == "regnal"])
def test_regnal_rows(ents, word):
    assert labels(ents, f"Nhà vua Rama Đệ {word} dự lễ.", "PERSON") == [f"Rama Đệ {word}"]
    assert labels(ents, f"Nhà vua Rama đệ {word}n văn kiện.", "PERSON") == ["Rama"]


@pytest.mark.parametrize(
    "word", [r[1] for r in read_rows("word_classes.tsv") if r[0] == "generic_body"]
)
def test_generic_body_rows(ents, word):
    name = " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(word.split()))
    assert labels(ents, f"Hai bên lập Ủy ban {name} để theo dõi.", "ORG") == []
    assert labels(ents, f"Hai bên lập Ủy ban {name} Việt Nam - Lào.", "ORG") == [
        f"Ủy ban {name} Việt Nam - Lào"
    ]


@pytest.mark.parametrize("head", [r[0] for r in read_rows("org_heads.tsv") if r[1] == "document"])
def test_document_head_rows(ents, head):
    assert labels(ents, f"Hai bên bàn về {head} Biển Đông.", "ORG") == []
    assert labels(ents, "Hai bên bàn với Bộ Tư pháp Lào.", "ORG") == ["Bộ Tư pháp Lào"]


@pytest.mark.parametrize("field", ["Phúc lợi", "Phúc lợi xã hội", "An sinh xã hội"])
def test_new_ministry_field_rows(ents, field):
    assert labels(ents, f"Bộ Lao động và {field} Hàn Quốc cho biết.", "ORG") == [
        f"Bộ Lao động và {field} Hàn Quốc"
    ]
    assert labels(ents, f"Bộ trưởng {field} nói.", "ORG") == []


@pytest.mark.parametrize(
    "trigger",
    [r[0] for r in read_rows("place_triggers.tsv") if r[1] == "route"],
)
def test_route_trigger_rows(ents, trigger):
    found = labels(ents, f"Hai bên khánh thành {trigger} Lao Bảo - Densavanh hôm qua.", "LOC")
    assert found == ["Lao Bảo", "Densavanh"]
    assert labels(ents, f"Hai bên khánh thành {trigger} mới hôm qua.", "LOC") == []


@pytest.mark.parametrize(
    "trigger",
    [r[0] for r in read_rows("place_triggers.tsv") if r[1] == "building"],
)
def test_building_trigger_rows(ents, trigger):
    assert labels(ents, f"Hai bên gặp tại {trigger} Westminster hôm qua.", "LOC") == [
        f"{trigger} Westminster"
    ]
    assert labels(ents, f"Hai bên gặp tại {trigger.lower()} mới hôm qua.", "LOC") == []


@pytest.mark.parametrize("listing", ["capitals.tsv", "cities.tsv"])
def test_every_listed_place_has_its_country(listing):
    lex = load_lexicon()
    from camket.nlp.tokenizer import norm_key, words_and_spaces

    capitals = {name: iso3 for iso3, name in read_rows("capitals.tsv")}
    for iso3, name in read_rows(listing):
        iso3 = capitals.get(name, iso3)
        words = [w for w in words_and_spaces(name)[0] if not w.isspace()]
        entries = lex.entries[tuple(norm_key(w) for w in words)]
        places = [e for e in entries if e.layer == "PLACE"]
        assert places and places[0].country == iso3, name


@pytest.mark.parametrize(
    "text, iso3",
    [
        ("Đoàn đến Thimphu.", "BTN"),
        ("Đoàn đến Ta-sken.", "UZB"),
        ("Đoàn đến Port Moresby.", "PNG"),
        ("Đoàn đến Thành Đô.", "CHN"),
        ("Đoàn đến Pắc-xế.", "LAO"),
        ("Đoàn đến Xi-ha-núc-vin.", "KHM"),
    ],
)
def test_capitals_fire_and_lowercase_words_do_not(doc_of, text, iso3):
    doc = doc_of(text)
    assert [(s.label_, s._.country) for s in doc.spans["entities"]] == [("LOC", iso3)]
    assert doc_of(text.lower()).spans["entities"] == [] or all(
        s.label_ != "LOC" for s in doc_of(text.lower()).spans["entities"]
    )


def _head_titles():
    marker = "version 2 (2026-12): titles of heads of state"
    from camket.nlp.lexicon import DATA

    lines = (DATA / "titles.tsv").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if marker in line)
    return [line.split("\t") for line in lines[at:] if line and not line.startswith("#")]


@pytest.mark.parametrize("row", _head_titles(), ids=lambda r: r[0])
def test_head_of_state_title_rows(doc_of, row):
    title = row[0]
    country = row[2] if len(row) > 2 else None
    doc = doc_of(f"Hôm qua, {title} Alberto Fernández phát biểu.")
    persons = [(s.text, s._.country) for s in doc.spans["entities"] if s.label_ == "PERSON"]
    assert [p[0] for p in persons] == ["Alberto Fernández"]
    if country:
        assert persons[0][1] == country
    quiet = doc_of(f"Hôm qua, {title} phát biểu tại Alberto.")
    assert not [s for s in quiet.spans["entities"] if s.label_ == "PERSON"]
