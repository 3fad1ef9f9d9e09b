"""Verification of candidate pairs (`lsh.agreeing_pairs`): it compares blocks of columns and
settles a pair as soon as it has reached `needed` or can no longer reach it, so the pairs that
reach it exactly at a block's edge or at the last column are the ones to pin."""

from __future__ import annotations

import numpy as np
import pytest

from corpus.dedup import lsh
from corpus.dedup.config import DedupConfig
from corpus.dedup.lsh import agreeing_pairs, needed_values, verified_edges

WIDTH = 128
NEEDED = 90  # DedupConfig's 0.7 x 128 = 89.6


def pair_rows(same: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signatures with one row pair per mask: the pair agrees exactly where the mask is set."""
    rows = []
    for i, mask in enumerate(same):
        first = np.arange(WIDTH, dtype=np.uint32) + np.uint32(1000 * i)
        second = np.where(mask, first, first + np.uint32(500))
        rows += [first, second]
    left = np.arange(0, 2 * len(same), 2)
    return np.array(rows, dtype=np.uint32), left, left + 1


def mask(agree_columns: np.ndarray) -> np.ndarray:
    out = np.zeros(WIDTH, dtype=bool)
    out[agree_columns] = True
    return out


def test_needed_values_counts_not_floats() -> None:
    assert needed_values(DedupConfig()) == NEEDED
    assert needed_values(DedupConfig(threshold=0.75)) == 96  # exactly 96, not 97


@pytest.mark.parametrize(
    ("agree_columns", "expected"),
    [
        (np.arange(WIDTH - NEEDED, WIDTH), True),  # misses first: reaches 90 at the last column
        (np.arange(WIDTH - NEEDED + 1, WIDTH), False),  # 89: out of reach after the first block
        (np.arange(NEEDED), True),  # agrees first: reaches 90 inside a later block
        (np.arange(NEEDED - 1), False),  # 89, the misses all at the end
        (np.arange(0, WIDTH, 2), False),  # every other value: 64
        (np.r_[np.arange(64), np.arange(WIDTH - 26, WIDTH)], True),  # exactly 90, split
        (np.arange(WIDTH), True),
    ],
)
def test_a_pair_is_kept_exactly_when_it_agrees_on_needed_values(
    agree_columns: np.ndarray, expected: bool
) -> None:
    signatures, left, right = pair_rows([mask(agree_columns)])
    assert agreeing_pairs(signatures, left, right, NEEDED).tolist() == [expected]


def test_agrees_with_a_full_count_across_pair_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random pairs around the threshold, in many small blocks of pairs: the result is the
    full comparison's, pair by pair."""
    monkeypatch.setattr(lsh, "_VERIFY_BLOCK", 7)
    rng = np.random.default_rng(5)
    masks = [rng.random(WIDTH) < rng.uniform(0.55, 0.85) for _ in range(300)]
    signatures, left, right = pair_rows(masks)
    full = np.count_nonzero(signatures[left] == signatures[right], axis=1) >= NEEDED
    assert 0 < full.sum() < len(full)
    assert np.array_equal(agreeing_pairs(signatures, left, right, NEEDED), full)
    # the same pairs in another order, each pair's row used by several pairs
    order = rng.permutation(len(left))
    assert np.array_equal(
        agreeing_pairs(signatures, left[order], right[order], NEEDED), full[order]
    )


def test_verified_edges_keep_a_pair_at_exactly_the_threshold() -> None:
    """Two signatures equal on one band (a candidate) that agree on exactly 90 values."""
    config = DedupConfig()
    signatures, _, _ = pair_rows([mask(np.arange(WIDTH - NEEDED, WIDTH))])
    low, high = verified_edges(signatures, config)
    assert (low.tolist(), high.tolist()) == ([0], [1])
    short, _, _ = pair_rows([mask(np.arange(WIDTH - NEEDED + 1, WIDTH))])
    assert verified_edges(short, config)[0].tolist() == []
