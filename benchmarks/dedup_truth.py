"""Ground truth for `benchmarks/dedup.py`: exact Jaccard of shingle sets, and pair metrics."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable

import numpy as np
import xxhash

from benchmarks.dedup_corpus import EDIT_KINDS, Article
from corpus.dedup import normalize_for_hash
from corpus.dedup.lsh import connected_components


def shingle_set(text: str, size: int = 5) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the word shingles of the normal form (like minhash)."""
    words = normalize_for_hash(text).split()
    grams = [" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 1))]
    return np.unique(np.array([xxhash.xxh3_64_intdigest(g.encode()) for g in grams], np.uint64))


def exact_jaccard_pairs(texts: list[str], size: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """All pairs (i < j, packed as i * n + j) with a shared shingle, and their exact Jaccard.

    An inverted index: sort (shingle, doc) and pair the documents of each shingle, so the cost
    follows the shared shingles, not the n**2 pairs. Pairs not returned have Jaccard 0.
    """
    n = len(texts)
    sets = [shingle_set(t, size) for t in texts]
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    shingles = np.concatenate(sets)
    docs = np.repeat(np.arange(n, dtype=np.int64), sizes)
    order = np.lexsort((docs, shingles))
    shingles, docs = shingles[order], docs[order]
    new = np.ones(len(shingles), dtype=bool)
    new[1:] = shingles[1:] != shingles[:-1]
    start = np.flatnonzero(new)
    count = np.diff(start, append=len(shingles))
    group_start = np.repeat(start, count)
    group_end = group_start + np.repeat(count, count)
    position = np.arange(len(shingles))
    keys = []
    for step in range(1, int(count.max()) if len(count) else 1):
        take = position + step < group_end
        keys.append(docs[position[take]] * n + docs[position[take] + step])
    if not keys:
        return np.empty(0, np.int64), np.empty(0)
    pairs, shared = np.unique(np.concatenate(keys), return_counts=True)
    union = sizes[pairs // n] + sizes[pairs % n] - shared
    return pairs, shared / union


def pairs_of_groups(labels: np.ndarray) -> np.ndarray:
    """Packed pairs (i < j) of positions with the same label (labels: one per position)."""
    n = len(labels)
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    new = np.ones(n, dtype=bool)
    new[1:] = sorted_labels[1:] != sorted_labels[:-1]
    start = np.flatnonzero(new)
    count = np.diff(start, append=n)
    group_end = np.repeat(start + count, count)
    position = np.arange(n)
    keys = []
    for step in range(1, int(count.max()) if n else 1):
        take = position + step < group_end
        a, b = order[position[take]], order[position[take] + step]
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
    return np.unique(np.concatenate(keys)) if keys else np.empty(0, np.int64)


def transitive_pairs(n: int, direct: np.ndarray) -> np.ndarray:
    """Pairs in the same connected component of the `direct` pairs graph."""
    labels = connected_components(n, direct // n, direct % n)
    return pairs_of_groups(labels)


def precision_recall(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float, int, int]:
    hit = len(np.intersect1d(predicted, truth, assume_unique=True))
    precision = hit / len(predicted) if len(predicted) else 1.0
    recall = hit / len(truth) if len(truth) else 1.0
    return precision, recall, len(predicted), len(truth)


def labels_from_clusters(ids: Iterable[str], cluster_of: dict[str, str]) -> np.ndarray:
    """One integer label per id: its cluster's, or a label of its own when unclustered."""
    names: dict[str, int] = {}
    out = []
    for i, article_id in enumerate(ids):
        key = cluster_of.get(article_id, f"\0{i}")
        out.append(names.setdefault(key, len(names)))
    return np.array(out, dtype=np.int64)


def choose_sample(articles: list[Article], size: int, seed: int) -> list[int]:
    """Whole families (half the sample) plus articles of the same few topics."""
    rng = random.Random(seed)
    by_family: dict[int, list[int]] = {}
    for i, a in enumerate(articles):
        if a.family >= 0:
            by_family.setdefault(a.family, []).append(i)
    chosen: list[int] = []
    families = sorted(by_family)
    rng.shuffle(families)
    for family in families:
        if len(chosen) + len(by_family[family]) > size // 2:
            break
        chosen += by_family[family]
    topics = {articles[i].topic for i in chosen[:50]}
    singles = [i for i, a in enumerate(articles) if a.family < 0 and a.topic in topics]
    chosen += rng.sample(singles, min(size - len(chosen), len(singles)))
    return sorted(chosen)


def sample_quality(ids: list[str], cluster_of: dict[str, str], threshold: float, truth) -> dict:
    """Pair precision/recall on the sample against exact Jaccard >= threshold."""
    n = len(ids)
    pairs, jaccard = truth
    direct = pairs[jaccard >= threshold]
    transitive = transitive_pairs(n, direct)
    predicted = pairs_of_groups(labels_from_clusters(ids, cluster_of))
    p_t, r_t, n_pred, n_trans = precision_recall(predicted, transitive)
    _, r_d, _, n_direct = precision_recall(predicted, direct)
    p_d = precision_recall(predicted, direct)[0]
    j_of = dict(zip(pairs.tolist(), jaccard.tolist(), strict=True))
    gross = sum(j_of.get(p, 0.0) < 0.5 for p in predicted.tolist())
    false_pos = [j_of.get(p, 0.0) for p in np.setdiff1d(predicted, transitive).tolist()]
    false_neg = [j_of[p] for p in np.setdiff1d(direct, predicted).tolist()]
    return {
        "fp_j": _range(false_pos),
        "fn_j": _range(false_neg),
        "pred": n_pred,
        "true_direct": n_direct,
        "true_trans": n_trans,
        "p_trans": p_t,
        "r_trans": r_t,
        "p_direct": p_d,
        "r_direct": r_d,
        "gross": gross,
    }


def _range(values: list[float]) -> str:
    return f"{min(values):.3f}-{max(values):.3f}" if values else "-"


def planted_quality(articles: list[Article], cluster_of: dict[str, str], sample_jaccard):
    """Per edit kind: share of (original, variant) pairs in one cluster, and planted precision.

    `sample_jaccard`: {(id, id): exact Jaccard} for pairs of the brute-force sample.
    """
    original = {a.family: a for a in articles if a.kind == "original"}
    rows = []
    for kind in EDIT_KINDS:
        variants = [a for a in articles if a.kind == kind and a.family in original]
        together = sum(
            cluster_of.get(v.article_id) is not None
            and cluster_of.get(v.article_id) == cluster_of.get(original[v.family].article_id)
            for v in variants
        )
        measured = [
            sample_jaccard[key]
            for v in variants
            if (key := tuple(sorted((v.article_id, original[v.family].article_id))))
            in sample_jaccard
        ]
        mean = f"{np.mean(measured):.3f}" if measured else "-"
        rows.append([kind, len(variants), together / max(len(variants), 1), mean, _range(measured)])
    family_of = {a.article_id: a.family for a in articles}
    members: dict[str, list[str]] = {}
    for article_id, cluster in cluster_of.items():
        members.setdefault(cluster, []).append(article_id)
    same = total = 0
    for group in members.values():
        fams = [family_of[m] for m in group]
        total += len(group) * (len(group) - 1) // 2
        for fam in set(fams):
            c = fams.count(fam)
            same += c * (c - 1) // 2 if fam >= 0 else 0
    return rows, same / max(total, 1), total


def max_unplanted(articles: list[Article], sub: list[int], truth) -> float:
    """The highest exact Jaccard between sample articles not of one planted family."""
    pairs, jaccard = truth
    n = len(sub)
    fam = np.array([articles[i].family for i in sub])
    a, b = pairs // n, pairs % n
    unplanted = (fam[a] < 0) | (fam[a] != fam[b])
    return float(jaccard[unplanted].max()) if unplanted.any() else 0.0


BINS = (0.0, 0.3, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1.0001)


def jaccard_bins(ids: list[str], truth, clusterings: list[dict[str, str]]) -> list[list]:
    """Rows per exact-Jaccard bin: pair count and, per clustering, the share co-clustered."""
    pairs, jaccard = truth
    together = [
        np.isin(pairs, pairs_of_groups(labels_from_clusters(ids, found))) for found in clusterings
    ]
    rows = []
    for low, high in itertools.pairwise(BINS):
        inside = (jaccard >= low) & (jaccard < high)
        if not inside.any():
            continue
        label = f"[{low:.2f}, {min(high, 1.0):.2f}{']' if high > 1 else ')'}"
        shares = [f"{t[inside].mean():.3f}" for t in together]
        rows.append([label, int(inside.sum()), *shares])
    return rows
