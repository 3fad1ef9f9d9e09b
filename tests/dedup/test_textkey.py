import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpus.dedup.textkey import (
    _normalize_unicode,
    content_hash,
    folded_utf8,
    normalize_for_hash,
    paragraph_hash,
)

# Letters whose upper and lower case map onto each other (no dotless i, long s, final sigma).
CASED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüñçøåæœÉÜÑÇØÅÆŒжяЖЯλΛ"
PUNCTUATION = ".,;:!?'\"()[]{}-–—‘’“”«»…/\\@#%&*+=<>|~^_`$€£©®°•·"
SPACES = " \t\n\r\u00a0\u2009\u3000"
NEWS = st.text(alphabet=CASED + "0123456789" + PUNCTUATION + SPACES, max_size=200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, World!", "hello world"),
        ("  U.S.  troops\n\nleave ", "us troops leave"),
        ("It’s “quoted” — a dash…", "its quoted a dash"),
        ("don't / dont", "dont dont"),
        ("12 killed, 1,000 hurt in 2024", "0 killed 0 hurt in 0"),
        ("ＡＢＣ１２３ ﬁsh ²", "abc0 fish 0"),
        ("Straße STRASSE", "strasse strasse"),
        ("café CAFÉ cafe\u0301", "café café café"),
        ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
        ("", ""),
        (" \n\t ", ""),
        ("!!! ...", ""),
    ],
)
def test_normal_form_examples(text, expected):
    assert normalize_for_hash(text) == expected


@given(st.text())
@example("e.\u0301x")  # deleting "." puts a base letter next to its combining mark
@example("\u1100.\u1161")  # ... or two conjoining jamo that compose
@settings(max_examples=300, deadline=None)
def test_idempotent(text):
    once = normalize_for_hash(text)
    assert normalize_for_hash(once) == once


@given(st.text())
@example("Caf\u00e9 \u2018x\u2019 \u0130 \u1e9e \ufb01 \u2160 \u00bd")
@settings(max_examples=300, deadline=None)
def test_fast_path_matches_reference(text):
    """The bytes fast path and the numpy code-point path give the same normal form."""
    assert normalize_for_hash(text) == _normalize_unicode(text)


@given(NEWS)
@settings(deadline=None)  # timing varies on a shared machine
def test_fast_path_matches_reference_on_news_like_text(text):
    assert normalize_for_hash(text) == _normalize_unicode(text)


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_output_shape(text):
    out = normalize_for_hash(text)
    assert out == out.strip()
    assert "  " not in out
    assert "00" not in out
    assert not re.search(r"\d\d", out)
    assert all(not c.isspace() or c == " " for c in out)
    assert not any(unicodedata.category(c)[0] in "PS" for c in out)
    assert unicodedata.is_normalized("NFKC", out)


@given(NEWS)
@settings(deadline=None)  # timing varies on a shared machine
def test_case_insensitive(text):
    assert normalize_for_hash(text.upper()) == normalize_for_hash(text.lower())


@given(NEWS, st.lists(st.tuples(st.integers(0, 200), st.sampled_from(PUNCTUATION)), max_size=10))
@settings(deadline=None)  # timing varies on a shared machine
def test_punctuation_insensitive(text, insertions):
    """Inserting punctuation anywhere, even inside a word or a number, changes nothing."""
    spiked = text
    for position, mark in insertions:
        position = min(position, len(spiked))
        spiked = spiked[:position] + mark + spiked[position:]
    assert normalize_for_hash(spiked) == normalize_for_hash(text)


@given(st.lists(st.text(alphabet=CASED, min_size=1, max_size=8), max_size=30), st.data())
@settings(deadline=None)  # timing varies on a shared machine
def test_whitespace_and_wrapping_insensitive(words, data):
    separators = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \u00a0", "\r\n"])
    wrapped = "".join(w + data.draw(separators) for w in words)
    assert normalize_for_hash(wrapped) == " ".join(words).casefold()


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_folded_bytes_collapse_to_the_normal_form(text):
    """`folded_utf8` (what minhash shingles) differs from the normal form only in runs."""
    folded = folded_utf8(text).decode("utf-8", "surrogatepass")
    collapsed = re.sub("0+", "0", re.sub(" +", " ", folded)).strip(" ")
    assert collapsed == normalize_for_hash(text)


def test_hashes_are_hex_and_fold_like_the_normal_form():
    a = content_hash("Nairobi – 12 people were hurt, police said.")
    b = content_hash("NAIROBI - 15 people were hurt,\npolice said")
    c = content_hash("Nairobi – 12 people were killed, police said.")
    assert re.fullmatch("[0-9a-f]{32}", a)
    assert a == b
    assert a != c
    assert paragraph_hash("Reporting by Jane Doe; editing by John Roe") == paragraph_hash(
        "reporting by jane doe editing by john roe"
    )
    assert content_hash("") == content_hash("  ...  ")
