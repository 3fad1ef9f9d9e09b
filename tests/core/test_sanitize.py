"""One record with unstorable text is stored cleaned, never a failed batch."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from corpus.sanitize import clean_row, clean_text, is_clean
from tests.core.helpers import tables_of
from tests.formats.helpers import BODY, page


def test_the_rule() -> None:
    assert clean_text("plain text\n\twith tabs") == ("plain text\n\twith tabs", 0)
    assert clean_text("a\x00b\x01c") == ("abc", 2)
    assert clean_text("a\x0bb\x0cc") == ("a b c", 2)
    assert clean_text("x\ud800y") == ("x\ufffdy", 1)
    assert clean_text("\ud83d\ude00") == ("\U0001f600", 1)  # a pair spelled as two code points
    assert clean_text("\ufffe\uffff") == ("", 2)


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)))
def test_any_string_becomes_storable_utf8(text: str) -> None:
    cleaned, changed = clean_text(text)
    cleaned.encode("utf-8")
    assert "\x00" not in cleaned
    assert (changed == 0) == (cleaned == text)
    assert clean_text(cleaned) == (cleaned, 0)


def _unstorable(char: str) -> bool:
    """The module docstring's rule, spelled out: C0 controls but tab, LF and CR; DEL; surrogates;
    the noncharacters U+FFFE and U+FFFF."""
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n\r")
        or code == 0x7F
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
    )


@given(
    st.text(
        alphabet=st.sampled_from(
            list("a é\t\n\r\x00\x0b\x1f\x7f\x80\ud800\udfff\ufffd\ufffe\uffff😀")
        )
    )
    | st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF))
)
def test_the_quick_check_finds_exactly_the_unstorable_characters(text: str) -> None:
    assert is_clean(text) == (not any(_unstorable(c) for c in text))


def test_rows_are_cleaned_everywhere() -> None:
    row = {"title": "a\x00", "authors": ["b\ud800"], "n": 3, "nested": {"k\x01": ("v\x02",)}}
    cleaned, changed = clean_row(row)
    assert cleaned == {"title": "a", "authors": ["b\ufffd"], "n": 3, "nested": {"k": ("v",)}}
    assert changed == 4
    plain = {"title": "fine"}
    assert clean_row(plain) == (plain, 0)


def _jsonl(**fields: object) -> bytes:
    return json.dumps({"text": BODY, **fields}).encode() + b"\n"


def test_a_lone_surrogate_in_json_does_not_fail_the_batch(tmp_path: Path) -> None:
    # before: pa.Table.from_pylist raised UnicodeEncodeError and the whole batch failed
    raw = b'{"title": "T\\ud800x", "text": "' + BODY.encode() + b' \\udfff end"}\n'
    tables = tables_of(tmp_path, {"a.jsonl": raw, "b.jsonl": _jsonl(title="Other")})
    titles = sorted(r["title"] for r in tables.articles.to_pylist())
    assert titles == ["Other", "T\ufffdx"]
    assert tables.n_sanitized == 2


def test_a_nul_in_json_is_not_stored(tmp_path: Path) -> None:
    # before: the title was stored with a NUL in it
    tables = tables_of(tmp_path, {"a.jsonl": _jsonl(title="N\u0000ul", authors=["A\u0000 B"])})
    (row,) = tables.articles.to_pylist()
    assert row["title"] == "Nul"
    assert "\x00" not in row["text"]
    assert tables.n_sanitized == 2


def test_control_characters_in_html_are_cleaned_not_rejected(tmp_path: Path) -> None:
    html = page("Ctl\x01 title", BODY + "\x0b" + BODY + "\x00").encode()
    tables = tables_of(tmp_path, {"a.html": html})
    assert tables.rejects.num_rows == 0
    (row,) = tables.articles.to_pylist()
    assert row["title"] == "Ctl title"
