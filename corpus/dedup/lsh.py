"""Candidate pairs by LSH banding, verified on the estimated Jaccard similarity.

Rows are indices into a signature matrix whose rows are in a canonical order (the caller sorts by
`article_id`), so every choice below (bucket order, which member a bucket links to) depends on
the set of signatures only, never on input order.

Banding: the signature is cut into `bands` runs of `rows` values; two signatures that agree on a
whole band land in the same bucket of that band (keyed by a 64-bit hash of the band; a rare key
collision only adds a candidate, which verification then judges). Inside a bucket of at most
`pairwise_bucket_limit` members every pair is a candidate; a larger bucket links each member to the
bucket's first member and to its neighbour, so its cost stays linear. Each distinct candidate is
then verified: it is an edge only if the signatures agree on at least `threshold` of their values.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from corpus.dedup.config import DedupConfig

_MIX = np.uint64(0x9E3779B97F4A7C15)
_FMIX1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_VERIFY_BLOCK = 1 << 16  # candidate pairs compared at once


def band_keys(signatures: np.ndarray, band: int, rows: int) -> np.ndarray:
    """64-bit key of each row's band `band` (columns band*rows .. band*rows+rows-1)."""
    key = np.full(len(signatures), np.uint64(band), dtype=np.uint64)
    for column in signatures[:, band * rows : (band + 1) * rows].T:
        key ^= column.astype(np.uint64)
        key *= _MIX
        key ^= key >> np.uint64(29)
    key ^= key >> np.uint64(33)
    key *= _FMIX1
    key ^= key >> np.uint64(33)
    key *= _FMIX2
    return key ^ (key >> np.uint64(33))


def bucket_pairs(keys: np.ndarray, pairwise_bucket_limit: int) -> np.ndarray:
    """Candidate pairs (as `low * n + high`) among rows that share a key."""
    n = len(keys)
    order = np.argsort(keys, kind="stable")  # equal keys keep ascending row order
    sorted_keys = keys[order]
    new = np.ones(n, dtype=bool)
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new[1:])
    group_start = np.flatnonzero(new)
    size = np.diff(group_start, append=n)
    shared = np.flatnonzero(size >= 2)
    if len(shared) == 0:
        return np.empty(0, dtype=np.int64)
    # positions (in sorted order) of members of buckets with 2+ members
    member_start = np.repeat(group_start[shared], size[shared])
    member_size = np.repeat(size[shared], size[shared])
    position = member_start + _ranks(size[shared])
    pairs = []
    small = member_size <= pairwise_bucket_limit
    for step in range(1, min(int(size.max()), pairwise_bucket_limit)):
        take = small & (position + step < member_start + member_size)
        pairs.append((position[take], position[take] + step))
    large = ~small & (position > member_start)
    pairs.append((member_start[large], position[large]))  # star to the first member
    pairs.append((position[large] - 1, position[large]))  # and a path through the bucket
    low = order[np.concatenate([p[0] for p in pairs])].astype(np.int64)
    high = order[np.concatenate([p[1] for p in pairs])].astype(np.int64)
    return np.minimum(low, high) * n + np.maximum(low, high)


def _ranks(sizes: np.ndarray) -> np.ndarray:
    """0, 1, ..., s-1 for each size s, concatenated."""
    total = int(sizes.sum())
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.arange(total) - starts


def candidate_pairs(signatures: np.ndarray, config: DedupConfig) -> tuple[np.ndarray, np.ndarray]:
    """Distinct candidate pairs (low, high) of row indices, low < high, sorted."""
    n = len(signatures)
    found = [
        bucket_pairs(band_keys(signatures, band, config.rows), config.pairwise_bucket_limit)
        for band in range(config.bands)
    ]
    packed = np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
    return packed // max(n, 1), packed % max(n, 1)


# Shares of the signature compared before pairs are settled: a pair that can no longer reach
# `needed` is dropped, one that has reached it is kept. The refresh benchmark's 436k candidates
# (templated stories, most agreeing on under half their values) are never settled after a
# quarter of the values, 61% are dropped after half and 99% after three quarters: 0.084 CPU-s
# against 0.163 comparing every value (`benchmarks/dedup_verify.py`).
_STOPS = (0.5, 0.625, 0.75, 1.0)


def needed_values(config: DedupConfig) -> int:
    """Values two signatures must agree on to be an edge: counts, not floats (0.7 x 128 =
    89.6 needs 90)."""
    return math.ceil(config.threshold * config.num_perm - 1e-9)


def agreeing_pairs(
    signatures: np.ndarray, left: np.ndarray, right: np.ndarray, needed: int
) -> np.ndarray:
    """Whether each row pair (`left[i]`, `right[i]`) agrees on at least `needed` values: a
    bool per pair, compared a block of columns at a time (`_STOPS`), only the pairs still
    open gathered for the next block (a slice of columns: no copy of `signatures`)."""
    width = signatures.shape[1]
    stops = sorted({max(1, round(share * width)) for share in _STOPS})
    out = np.zeros(len(left), dtype=bool)
    for first in range(0, len(left), _VERIFY_BLOCK):
        open_ = np.arange(first, min(first + _VERIFY_BLOCK, len(left)))
        count = np.zeros(len(open_), dtype=np.int32)
        for start, stop in itertools.pairwise([0, *stops]):
            same = signatures[left[open_], start:stop] == signatures[right[open_], start:stop]
            count += np.count_nonzero(same, axis=1)
            reached = count >= needed
            out[open_[reached]] = True
            still = ~reached & (count + (width - stop) >= needed)
            open_, count = open_[still], count[still]
    return out


def verified_edges(signatures: np.ndarray, config: DedupConfig) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs whose estimated Jaccard is at least `config.threshold`."""
    low, high = candidate_pairs(signatures, config)
    keep = agreeing_pairs(signatures, low, high, needed_values(config))
    return low[keep], high[keep]


def connected_components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Component label of each of `n` nodes: the smallest node index of its component.

    Hook-and-shortcut union-find in numpy: each round points the root of every edge's larger
    label at the smaller one, then jumps pointers until every node points at a root. Labels only
    decrease and stay inside the component, so they end at its minimum.
    """
    labels = np.arange(n, dtype=np.int64)
    while len(left):
        low = np.minimum(labels[left], labels[right])
        high = np.maximum(labels[left], labels[right])
        pending = low != high
        if not pending.any():
            break
        np.minimum.at(labels, high[pending], low[pending])
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
    return labels
