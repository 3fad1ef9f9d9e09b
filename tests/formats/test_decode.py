"""Markup is decoded by BOM, declaration and detection; text dumps stay strict UTF-8."""

from __future__ import annotations

import codecs

import pytest

from corpus.formats import RejectError, decode_markup, read_bytes
from corpus.formats.decode import sniff_markup_charset
from corpus.records import RawRecord, Reject

GERMAN = "<html><head><title>Grüße</title></head><body><p>Die Brücke über die Straße öffnet.</p></body></html>"


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (codecs.BOM_UTF8 + GERMAN.encode(), None),
        (GERMAN.encode("utf-16"), None),
        (GERMAN.replace("<head>", "<head><meta charset='iso-8859-1'>").encode("latin-1"), None),
        (GERMAN.encode("cp1252"), "windows-1252"),
        (GERMAN.encode("cp1252"), None),  # no declaration: detected
    ],
)
def test_markup_decodes_without_replacement_characters(data: bytes, declared: str | None) -> None:
    text = decode_markup(data, declared=declared)
    assert "Brücke über die Straße" in text
    assert "\ufffd" not in text


def test_utf8_wins_over_a_wrong_latin1_declaration() -> None:
    data = GERMAN.replace("<head>", "<head><meta charset='iso-8859-1'>").encode("utf-8")
    assert "Grüße" in decode_markup(data)


def test_meta_charset_sniffing() -> None:
    assert (
        sniff_markup_charset(
            b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        )
        == "shift_jis"
    )
    assert sniff_markup_charset(b"<meta charset=utf-16>") == "utf-8"
    assert sniff_markup_charset(b"<p>none</p>") is None


def test_html_file_in_cp1252_is_read() -> None:
    [record] = read_bytes(GERMAN.encode("cp1252"), "p.html")
    assert isinstance(record, RawRecord)
    assert "Straße" in record.payload


def test_text_dump_with_invalid_utf8_is_still_rejected() -> None:
    [reject] = read_bytes("date 2024-01-02 Grüße aus Köln".encode("latin-1"), "src/a.txt")
    assert isinstance(reject, Reject)
    assert reject.reason == "invalid_encoding"


def test_undecodable_markup_raises_decode_error() -> None:
    with pytest.raises(RejectError):
        decode_markup(b"<p>\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\xff\xfe\x80</p>" * 20)
