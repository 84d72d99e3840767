from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.errors import InputError
from spinscope.ingest.normalize import decode_bytes, normalize_text

SAMPLE = "Café “quotes” and 'straight' ones — 東京"


@pytest.mark.parametrize(
    ("data", "expected_encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (("Plain English text with one " + SAMPLE).encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_decode_unicode_encodings(data: bytes, expected_encoding: str) -> None:
    text, encoding = decode_bytes(data, "x.txt")
    assert encoding == expected_encoding
    assert text.endswith(SAMPLE)


def test_decode_gb18030_chinese() -> None:
    original = "日本与北约勾连的意图值得警惕。近年来，日本不断炒作所谓的周边威胁。"
    text, encoding = decode_bytes(original.encode("gb18030"), "zh.txt")
    assert (text, encoding) == (original, "gb18030")


def test_decode_windows_1252_western() -> None:
    original = "The minister’s “red lines” were crossed — again, said the café owner."
    text, encoding = decode_bytes(original.encode("cp1252"), "w.txt")
    assert (text, encoding) == (original, "cp1252")


def test_decode_undecodable_bytes_names_input_and_option() -> None:
    with pytest.raises(InputError, match=r"bad\.txt: cannot decode.*--encoding"):
        decode_bytes(b"abc \x8f\xff\x8f\xff \x81\xff", "bad.txt")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"PK\x03\x04" + b"\x00" * 50, "zip"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"text then \x00\x01\x02\x00 binary" * 3, "NUL"),
    ],
)
def test_decode_binary_is_refused(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=kind):
        decode_bytes(data, "blob.txt")


def test_decode_explicit_encoding_wins_and_fails_clearly() -> None:
    assert decode_bytes("é".encode("latin-1"), "x", encoding="latin-1") == ("é", "latin-1")
    with pytest.raises(InputError, match="cannot decode as ascii"):
        decode_bytes("é".encode(), "x", encoding="ascii")


def test_normalize_spaces_zero_width_controls_and_line_breaks() -> None:
    raw = "A\u00a0B\u202fC\u200bD\u2060E\ufeffF\x07G\r\nH\rI\u2028J\u00ad"
    assert normalize_text(raw) == "A B CDEFG\nH\nI\nJ"


def test_normalize_composes_to_nfc_and_keeps_quotes() -> None:
    decomposed = 'Cafe\u0301 “so-called” "threat" ‘x’'
    assert normalize_text(decomposed) == 'Café “so-called” "threat" ‘x’'


@given(st.text())
def test_normalize_is_idempotent_and_clean(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once and "\u200b" not in once and "\u00a0" not in once
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in once)
