import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus.dedup.batchfold as batchfold
from corpus.dedup.textkey import content_hash, normalize_for_hash


def _split(texts: list[str]) -> list[str]:
    forms = batchfold.normal_forms(texts).tobytes().split(b"\n")
    return [form.strip(b" ").decode("utf-8", "surrogatepass") for form in forms]


NEWSY = st.text(
    alphabet=st.sampled_from(list("abcXYZ 019.,-\n\t\0’“”–—…éÉÃüÜß™ﬁ½\u00a0\u0301ǅ\ufdfa가")),
    max_size=40,
)


@given(st.lists(st.text(max_size=60), min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_chunk_fold_equals_the_normal_form(texts):
    assert _split(texts) == [normalize_for_hash(t) for t in texts]


@given(st.lists(NEWSY, min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_chunk_fold_equals_the_normal_form_on_typographic_text(texts):
    assert _split(texts) == [normalize_for_hash(t) for t in texts]


@pytest.mark.parametrize(
    ("texts", "chunk_path"),
    [
        (["It’s “quoted” — SÃO PAULO", "ÉTÉ 1,000\u00a0km", "plain"], True),
        (["a NUL\0inside", "b"], False),  # a NUL of its own: text by text
        (["cafe\u0301"], False),  # a combining mark: its fold depends on the letter before
        (["ǅ grows"], False),  # folds to "dž": longer in UTF-8 than the original
    ],
)
def test_which_path_folds_a_chunk(monkeypatch, texts, chunk_path):
    calls = []
    original = batchfold.folded_utf8
    monkeypatch.setattr(batchfold, "folded_utf8", lambda t: calls.append(t) or original(t))
    assert _split(texts) == [normalize_for_hash(t) for t in texts]
    assert (not calls) == chunk_path


@given(st.lists(NEWSY | st.text(max_size=30), max_size=12))
@settings(max_examples=200, deadline=None)
def test_content_hashes_of_a_list_equal_one_text_at_a_time(texts):
    assert batchfold.content_hashes(texts) == [content_hash(t) for t in texts]


def test_content_hashes_across_chunks(monkeypatch):
    texts = [f"Paragraph {i}: It’s “quoted” — SÃO PAULO, café" for i in range(50)] + ["—", ""]
    monkeypatch.setattr(batchfold, "CHUNK_CHARS", 100)
    assert len(batchfold.chunk_bounds(texts)) > 10
    assert batchfold.content_hashes(texts) == [content_hash(t) for t in texts]
    assert content_hash("—") == content_hash("")  # punctuation alone folds to nothing
