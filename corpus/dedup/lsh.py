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


def agreement(signatures: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Estimated Jaccard of row pairs: the share of signature values they agree on (float64)."""
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), _VERIFY_BLOCK):
        stop = start + _VERIFY_BLOCK
        same = signatures[left[start:stop]] == signatures[right[start:stop]]
        out[start:stop] = same.sum(axis=1) / signatures.shape[1]
    return out


def verified_edges(signatures: np.ndarray, config: DedupConfig) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs whose estimated Jaccard is at least `config.threshold`."""
    low, high = candidate_pairs(signatures, config)
    # compare counts, not floats: 0.7 x 128 = 89.6 needs 90 agreeing values
    needed = math.ceil(config.threshold * signatures.shape[1] - 1e-9)
    keep = agreement(signatures, low, high) * signatures.shape[1] >= needed - 1e-9
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
