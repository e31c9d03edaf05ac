"""Decoding: BOMs, UTF-16, cp1258, mojibake repair, and what is rejected."""

import codecs
import unicodedata

import pytest
from legacy_text import encode_cp1258
from support import SEEDS

from camket.ingest.decode import DecodeError, decode_bytes

TEXT = "Hai bên nhất trí tăng cường hợp tác về y tế, giáo dục và năng lượng tái tạo.\nĐoàn sẽ thăm Hà Nội.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (TEXT.encode("utf-16-le"), "utf-16"),  # without BOM
        (TEXT.encode("utf-16-be"), "utf-16"),
        (encode_cp1258(TEXT), "cp1258"),
    ],
)
def test_decodes_to_the_same_nfc_text(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_decomposed_input_is_composed_to_nfc():
    nfd = unicodedata.normalize("NFD", TEXT)
    assert nfd != TEXT
    assert decode_bytes(nfd.encode("utf-8")).text == TEXT


def test_mojibake_is_repaired():
    broken = TEXT.encode("utf-8").decode("cp1252", errors="ignore")  # "Hai bÃªn nháº¥t..."
    assert broken != TEXT
    decoded = decode_bytes(broken.encode("utf-8"))
    assert decoded.repaired
    assert "Hai bên nhất trí" in decoded.text


def test_typography_is_left_alone():
    text = "Dự án “Tăng cường kỹ năng số” – giai đoạn 2020-2021."
    assert decode_bytes(text.encode("utf-8")).text == text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64 + b"\x03\x00>\x00", "binary"),
    ],
)
def test_rejects_non_text(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


# -- the ftfy fast path: skipping ftfy must never change a result ----------------------
def _ftfy_reference(text: str) -> str:
    import unicodedata

    import ftfy

    from camket.ingest.decode import _FTFY

    return ftfy.fix_text(unicodedata.normalize("NFC", text.lstrip("\ufeff")), _FTFY)


FTFY_CASES = [
    "Việt Nam và Lào ký thỏa thuận hợp tác.\nHai bên nhất trí.",
    "Viá»‡t Nam vÃ  LÃ o",  # UTF-8 read as cp1252
    "Ã \nline starting with mojibake-like A tilde",
    "Â bad at a line start\nsecond line",
    "quoted &amp; escaped &lt;b&gt; entities",
    "Windows line breaks\r\nand old Mac\rbreaks\u2028and more",
    "control \x07 bell and \x1b[31mred\x1b[0m",
    "C1 control \x85 and \x96 dash",
    "decomposed Vie\u0323\u0302t Nam",
    "\ufeffBOM first",
    "Curly “quotes” and ﬁ ligatures and ｗｉｄｅ stay",
    "Œ\nlone OE ligature then newline",
    "",
]


def test_ftfy_fast_path_gives_ftfy_results():
    import random

    from camket.ingest.decode import repair_text

    rng = random.Random(3)
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyÃÂáàạ»‡™Œ &;\n\r\x85\x1b\x07“”\u0323"
    cases = list(FTFY_CASES) + [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")]
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    for text in cases:
        assert repair_text(text) == _ftfy_reference(text), repr(text)
