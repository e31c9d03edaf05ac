"""Decoding: BOMs, UTF-16, cp1258, mojibake repair, and what is rejected."""

import codecs
import unicodedata

import pytest
from legacy_text import encode_cp1258

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
