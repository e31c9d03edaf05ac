"""The versioned vocabularies: UN member coverage, valid ISO codes, documented headers."""

from __future__ import annotations

from pathlib import Path

import pycountry

from camket.nlp.lexicon import DATA, read_rows

# The 193 UN member states (ISO 3166-1 alpha-3), independent of camket's data files.
UN_MEMBERS = [
    "AFG",
    "ALB",
    "DZA",
    "AND",
    "AGO",
    "ATG",
    "ARG",
    "ARM",
    "AUS",
    "AUT",
    "AZE",
    "BHS",
    "BHR",
    "BGD",
    "BRB",
    "BLR",
    "BEL",
    "BLZ",
    "BEN",
    "BTN",
    "BOL",
    "BIH",
    "BWA",
    "BRA",
    "BRN",
    "BGR",
    "BFA",
    "BDI",
    "CPV",
    "KHM",
    "CMR",
    "CAN",
    "CAF",
    "TCD",
    "CHL",
    "CHN",
    "COL",
    "COM",
    "COG",
    "CRI",
    "CIV",
    "HRV",
    "CUB",
    "CYP",
    "CZE",
    "PRK",
    "COD",
    "DNK",
    "DJI",
    "DMA",
    "DOM",
    "ECU",
    "EGY",
    "SLV",
    "GNQ",
    "ERI",
    "EST",
    "SWZ",
    "ETH",
    "FJI",
    "FIN",
    "FRA",
    "GAB",
    "GMB",
    "GEO",
    "DEU",
    "GHA",
    "GRC",
    "GRD",
    "GTM",
    "GIN",
    "GNB",
    "GUY",
    "HTI",
    "HND",
    "HUN",
    "ISL",
    "IND",
    "IDN",
    "IRN",
    "IRQ",
    "IRL",
    "ISR",
    "ITA",
    "JAM",
    "JPN",
    "JOR",
    "KAZ",
    "KEN",
    "KIR",
    "KWT",
    "KGZ",
    "LAO",
    "LVA",
    "LBN",
    "LSO",
    "LBR",
    "LBY",
    "LIE",
    "LTU",
    "LUX",
    "MDG",
    "MWI",
    "MYS",
    "MDV",
    "MLI",
    "MLT",
    "MHL",
    "MRT",
    "MUS",
    "MEX",
    "FSM",
    "MCO",
    "MNG",
    "MNE",
    "MAR",
    "MOZ",
    "MMR",
    "NAM",
    "NRU",
    "NPL",
    "NLD",
    "NZL",
    "NIC",
    "NER",
    "NGA",
    "MKD",
    "NOR",
    "OMN",
    "PAK",
    "PLW",
    "PAN",
    "PNG",
    "PRY",
    "PER",
    "PHL",
    "POL",
    "PRT",
    "QAT",
    "KOR",
    "MDA",
    "ROU",
    "RUS",
    "RWA",
    "KNA",
    "LCA",
    "VCT",
    "WSM",
    "SMR",
    "STP",
    "SAU",
    "SEN",
    "SRB",
    "SYC",
    "SLE",
    "SGP",
    "SVK",
    "SVN",
    "SLB",
    "SOM",
    "ZAF",
    "SSD",
    "ESP",
    "LKA",
    "SDN",
    "SUR",
    "SWE",
    "CHE",
    "SYR",
    "TJK",
    "TZA",
    "THA",
    "TLS",
    "TGO",
    "TON",
    "TTO",
    "TUN",
    "TUR",
    "TKM",
    "TUV",
    "UGA",
    "UKR",
    "ARE",
    "GBR",
    "USA",
    "URY",
    "UZB",
    "VUT",
    "VEN",
    "VNM",
    "YEM",
    "ZMB",
    "ZWE",
]


def test_un_member_list_is_complete():
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


def test_every_un_member_has_a_vietnamese_alias():
    rows = read_rows("countries.tsv")
    codes = {r[0] for r in rows}
    assert not set(UN_MEMBERS) - codes
    # and a non-Latin (Vietnamese) or at least a full-name alias besides short compound forms
    usable = {r[0] for r in rows if "short" not in (r[2] if len(r) > 2 else "")}
    assert not set(UN_MEMBERS) - usable


def test_every_code_is_a_real_country():
    for iso3 in {r[0] for r in read_rows("countries.tsv")}:
        known = (
            pycountry.countries.get(alpha_3=iso3) is not None
            or pycountry.historic_countries.get(alpha_3=iso3) is not None
        )
        assert known or iso3 == "XKX", iso3


def test_observers_and_historical_states():
    codes = {r[0] for r in read_rows("countries.tsv")}
    assert {"SUN", "VAT", "PSE"} <= codes


ENTITY_DATA = (
    "countries.tsv",
    "country_prefixes.txt",
    "places.tsv",
    "place_triggers.tsv",
    "orgs.tsv",
    "org_heads.tsv",
    "org_words.txt",
    "org_inner_words.txt",
    "fields.txt",
    "titles.tsv",
    "title_complements.txt",
    "honorifics.txt",
    "name_particles.txt",
    "surnames.txt",
    "eponyms.txt",
    "word_classes.tsv",
)


def test_data_files_name_purpose_source_and_version():
    for path in (Path(DATA) / name for name in ENTITY_DATA):
        lines = path.read_text(encoding="utf-8").splitlines()
        head = [
            line for line in lines[: next(i for i, x in enumerate(lines) if not x.startswith("#"))]
        ]
        text = " ".join(head).lower()
        assert head and head[0].startswith("# camket"), path.name
        assert "version" in text and "purpose" in text and "source" in text, path.name
