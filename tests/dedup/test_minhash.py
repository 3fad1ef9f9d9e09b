import random

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import corpus.dedup.batchfold as batchfold
from corpus.dedup import (
    DedupConfig,
    content_hash,
    fingerprints,
    minhash_signatures,
    normalize_for_hash,
    pack_signatures,
    unpack_signatures,
)

CONFIG = DedupConfig()


def _words(rng: random.Random, n: int) -> list[str]:
    return ["w" + "".join(rng.choice("abcdefghij") for _ in range(6)) for _ in range(n)]


def _shingles(text: str, size: int) -> set[tuple[str, ...]]:
    words = normalize_for_hash(text).split()
    if len(words) < size:
        return {tuple(words)}
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _exact_jaccard(a: str, b: str, size: int = 5) -> float:
    sa, sb = _shingles(a, size), _shingles(b, size)
    return len(sa & sb) / len(sa | sb)


def test_shape_dtype_and_determinism():
    texts = ["the quick brown fox jumps over the lazy dog", "", "short", "a b c d e f g h"]
    first = minhash_signatures(texts, CONFIG)
    assert first.shape == (4, 128)
    assert first.dtype == np.uint32
    assert np.array_equal(first, minhash_signatures(texts, CONFIG))
    assert np.array_equal(first[1], minhash_signatures([""], CONFIG)[0])


def test_signature_values_are_pinned():
    """Stored signatures must stay comparable: a change here needs a new `version`."""
    texts = ["The quick brown fox jumps over the lazy dog.", ""]
    signatures = minhash_signatures(texts, CONFIG)
    assert signatures[0, :4].tolist() == [491280258, 852931897, 780261893, 1139096939]
    assert signatures[1, :2].tolist() == [320171620, 3953128865]


def test_empty_and_short_texts_get_distinct_deterministic_signatures():
    texts = ["", "   ", "\n\n", "!!!", "one", "one two", "one two three four", "One, two!"]
    signatures = minhash_signatures(texts, CONFIG)
    # empty normal forms agree with each other, short texts are one shingle each
    for i in (1, 2, 3):
        assert np.array_equal(signatures[0], signatures[i])
    assert np.array_equal(signatures[5], signatures[7])
    distinct = {signatures[i].tobytes() for i in (0, 4, 5, 6)}
    assert len(distinct) == 4


@given(st.lists(st.text(max_size=80), min_size=1, max_size=8))
@settings(max_examples=100, deadline=None)
def test_signature_depends_only_on_the_normal_form(texts):
    raw = minhash_signatures(texts, CONFIG)
    normal = minhash_signatures([normalize_for_hash(t) for t in texts], CONFIG)
    assert np.array_equal(raw, normal)


@given(st.lists(st.text(max_size=80), max_size=8))
@settings(max_examples=100, deadline=None)
def test_fingerprints_equal_content_hash_and_signatures(texts):
    hashes, signatures = fingerprints(texts, CONFIG)
    assert hashes == [content_hash(t) for t in texts]
    assert np.array_equal(signatures, minhash_signatures(texts, CONFIG))


def test_chunking_and_threads_do_not_change_signatures(monkeypatch):
    rng = random.Random(7)
    vocabulary = _words(rng, 500)
    texts = [" ".join(rng.choices(vocabulary, k=rng.randint(0, 80))) for _ in range(60)]
    whole = minhash_signatures(texts, CONFIG, threads=1)
    monkeypatch.setattr(batchfold, "CHUNK_CHARS", 700)
    assert len(batchfold.chunk_bounds(texts)) > 10
    assert np.array_equal(minhash_signatures(texts, CONFIG, threads=1), whole)
    assert np.array_equal(minhash_signatures(texts, CONFIG, threads=2), whole)
    hashes, signatures = fingerprints(texts, CONFIG, threads=2)
    assert hashes == [content_hash(t) for t in texts]
    assert np.array_equal(signatures, whole)
    single = np.vstack([minhash_signatures([t], CONFIG) for t in texts])
    assert np.array_equal(single, whole)


def test_estimate_tracks_exact_jaccard_on_random_sets():
    """Word sets with known overlap (shingle_size=1): unbiased, errors within 4 sigma."""
    rng = random.Random(11)
    config = DedupConfig(shingle_size=1)
    errors = []
    for _ in range(150):
        universe = _words(rng, 600)
        target = rng.uniform(0.05, 0.95)
        n_shared = int(300 * target)
        shared, rest = universe[:n_shared], universe[n_shared:]
        size_a = rng.randint(n_shared, 300)
        a = shared + rest[: size_a - n_shared]
        b = shared + rest[size_a - n_shared : size_a - n_shared + 300 - n_shared]
        exact = len(set(a) & set(b)) / len(set(a) | set(b))
        sig = minhash_signatures([" ".join(a), " ".join(b)], config)
        estimate = float((sig[0] == sig[1]).mean())
        sigma = np.sqrt(exact * (1 - exact) / config.num_perm)
        assert abs(estimate - exact) <= 4 * sigma + 1e-9, (exact, estimate)
        errors.append(estimate - exact)
    assert abs(np.mean(errors)) < 0.01
    assert np.std(errors) < 0.05


def test_estimate_tracks_exact_jaccard_on_edited_articles():
    rng = random.Random(3)
    vocabulary = _words(rng, 3000)
    errors = []
    for _ in range(40):
        words = rng.choices(vocabulary, k=450)
        edited = list(words)
        for i in rng.sample(range(len(edited)), rng.randint(1, 40)):
            edited[i] = rng.choice(vocabulary)
        a, b = " ".join(words), " ".join(edited)
        sig = minhash_signatures([a, b], CONFIG)
        errors.append(float((sig[0] == sig[1]).mean()) - _exact_jaccard(a, b))
    assert abs(np.mean(errors)) < 0.02
    assert np.max(np.abs(errors)) < 0.15


def test_unrelated_texts_score_near_zero():
    rng = random.Random(5)
    vocabulary = _words(rng, 3000)
    texts = [" ".join(rng.choices(vocabulary, k=400)) for _ in range(20)]
    sig = minhash_signatures(texts, CONFIG)
    agreement = (sig[:, None, :] == sig[None, :, :]).mean(axis=2)
    assert agreement[~np.eye(20, dtype=bool)].max() < 0.05


@given(hnp.arrays(np.uint32, hnp.array_shapes(min_dims=2, max_dims=2, max_side=20)))
@settings(deadline=None)  # timing varies on a shared machine
def test_pack_unpack_round_trip(signatures):
    num_perm = signatures.shape[1]
    packed = pack_signatures(signatures)
    assert len(packed) == len(signatures)
    assert all(len(row) == 4 * num_perm for row in packed)
    assert np.array_equal(unpack_signatures(packed, num_perm), signatures)
    series = pl.Series("minhash", packed, dtype=pl.Binary)
    assert np.array_equal(unpack_signatures(series, num_perm), signatures)
    assert np.array_equal(unpack_signatures(series[1:], num_perm), signatures[1:])


def test_packed_layout_is_little_endian_uint32():
    assert pack_signatures(np.array([[1, 256]], dtype=np.uint32)) == [
        b"\x01\x00\x00\x00\x00\x01\x00\x00"
    ]


@pytest.mark.parametrize("column", [[b"\x00" * 8, b"\x00" * 7], [b"\x00" * 8, None]])
def test_unpack_rejects_wrong_widths(column):
    with pytest.raises(ValueError, match="not 8 bytes"):
        unpack_signatures(column, 2)
    with pytest.raises(ValueError, match="not 8 bytes"):
        unpack_signatures(pl.Series(column, dtype=pl.Binary), 2)
