import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize.text import clean_line, normalize_newlines, normalize_text, repair_mojibake

SPACEY = st.text(
    alphabet=st.sampled_from(list("ab é\t\u00a0\u2009\u3000\n\r\u200b\x07.“”–")), max_size=200
)


@settings(max_examples=500, deadline=None)
@given(SPACEY)
def test_whole_text_normalization_equals_line_by_line(text: str) -> None:
    """The fast whole-text path must agree with the obvious per-line definition."""
    nfc = unicodedata.normalize(
        "NFC", normalize_newlines(text).replace("\u200b", "").replace("\x07", "")
    )
    expected = "\n".join(clean_line(line) for line in nfc.split("\n"))
    assert normalize_text(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_normalization_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_nbsp_tabs_and_odd_spaces_fold_to_one_space() -> None:
    assert normalize_text("a\u00a0\u00a0b\t c\u3000d") == "a b c d"


def test_typographic_quotes_and_dashes_are_kept() -> None:
    assert normalize_text("“Yes” – she said — ‘fine’") == "“Yes” – she said — ‘fine’"


def test_mojibake_repair_only_touches_broken_text() -> None:
    assert repair_mojibake("SÃ£o Paulo") == "São Paulo"
    assert repair_mojibake("plain text") == "plain text"


def test_mojibake_of_typographic_quotes_is_repaired_beside_other_non_ascii_text() -> None:
    assert repair_mojibake("It’s â€œfineâ€\x9d – café") == "It’s “fine” – café"
    assert repair_mojibake("â – plain, café") == "â – plain, café"


def test_spaces_at_line_edges_go_and_inner_runs_fold() -> None:
    assert normalize_text("a  b \n  c\n d\t\ne") == "a b\nc\nd\ne"
