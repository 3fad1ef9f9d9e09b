"""Gradient-boosted decision trees for the page-type model, in numpy (training only).

Multinomial (softmax) boosting: each round grows one small regression tree per class on the
gradient of the log loss, with Newton leaf values (sum of gradients over sum of hessians), the
split candidates being at most `BINS` quantiles of each feature (a histogram learner, as
LightGBM's). The result is plain lists that `corpus.extract.page_model` scores in pure Python:
scikit-learn or LightGBM would be a large dependency for what is, at run time, a few hundred
comparisons per page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

BINS = 32


@dataclass(frozen=True, slots=True)
class TreeParams:
    rounds: int = 120
    depth: int = 3
    rate: float = 0.1
    min_leaf: float = 5.0  # least hessian-weighted samples in a leaf
    l2: float = 1.0  # penalty on leaf values
    subsample: float = 0.8  # share of the rows each round sees (seeded)
    seed: int = 0


def _edges(x: np.ndarray) -> list[np.ndarray]:
    """Split candidates per feature: distinct quantiles of its values."""
    qs = np.linspace(0, 1, BINS + 1)[1:-1]
    return [np.unique(np.quantile(col, qs)) for col in x.T]


def _grow(
    binned: np.ndarray,
    edges: list[np.ndarray],
    g: np.ndarray,
    h: np.ndarray,
    rows: np.ndarray,
    p: TreeParams,
) -> dict[str, list]:
    """One tree on (gradient, hessian); nodes in flat lists, feature -1 for a leaf."""
    tree: dict[str, list] = {"f": [], "t": [], "l": [], "r": [], "v": []}

    def leaf(idx: np.ndarray) -> int:
        tree["f"].append(-1)
        tree["t"].append(0.0)
        tree["l"].append(-1)
        tree["r"].append(-1)
        tree["v"].append(float(-g[idx].sum() / (h[idx].sum() + p.l2)))
        return len(tree["f"]) - 1

    n_features = binned.shape[1]
    # every feature's histogram in one bincount: feature f's bins start at f * BINS (at most
    # BINS - 1 edges, so BINS bins); the sums are the ones a bincount per feature would give
    offsets = np.arange(n_features) * BINS
    valid = np.arange(BINS - 1)[None, :] < np.array([len(e) for e in edges])[:, None]

    def node(idx: np.ndarray, depth: int) -> int:
        if depth == p.depth or h[idx].sum() < 2 * p.min_leaf:
            return leaf(idx)
        gs, hs = g[idx].sum(), h[idx].sum()
        parent = gs * gs / (hs + p.l2)
        flat = (binned[idx] + offsets).ravel()
        size = n_features * BINS
        hist_g = np.bincount(flat, weights=np.repeat(g[idx], n_features), minlength=size)
        hist_h = np.bincount(flat, weights=np.repeat(h[idx], n_features), minlength=size)
        gl = np.cumsum(hist_g.reshape(n_features, BINS), axis=1)[:, :-1]
        hl = np.cumsum(hist_h.reshape(n_features, BINS), axis=1)[:, :-1]
        gr, hr = gs - gl, hs - hl
        ok = valid & (hl >= p.min_leaf) & (hr >= p.min_leaf)
        gain = np.where(ok, gl * gl / (hl + p.l2) + gr * gr / (hr + p.l2) - parent, 0.0)
        # the first best split in feature order, as a loop over the features would pick
        f, b = divmod(int(gain.argmax()), BINS - 1)
        best = (float(gain[f, b]), f, b) if gain[f, b] > 0.0 else (0.0, -1, -1)
        if best[1] < 0:
            return leaf(idx)
        _, f, b = best
        here = len(tree["f"])
        tree["f"].append(f)
        tree["t"].append(float(edges[f][b]))
        tree["l"].append(-1)
        tree["r"].append(-1)
        tree["v"].append(0.0)
        go_left = binned[idx, f] <= b
        tree["l"][here] = node(idx[go_left], depth + 1)
        tree["r"][here] = node(idx[~go_left], depth + 1)
        return here

    node(rows, 0)
    return tree


def fit_trees(
    x: np.ndarray, y: np.ndarray, n_classes: int, weights: np.ndarray, p: TreeParams
) -> dict:
    """The boosted model: `fill` (the value of an unknown feature), `base` scores per class,
    `trees` (one list per round, one tree per class) and the learning `rate` baked in."""
    fill = np.nanmean(x, axis=0)
    x = np.where(np.isnan(x), fill, x)
    edges = _edges(x)
    binned = np.stack(
        [np.searchsorted(e, col, side="left") for e, col in zip(edges, x.T, strict=True)], 1
    )
    onehot = np.eye(n_classes)[y]
    prior = (onehot * weights[:, None]).sum(0) / weights.sum()
    base = np.log(np.maximum(prior, 1e-6))
    scores = np.tile(base, (len(y), 1))
    rng = np.random.default_rng(p.seed)
    rounds = []
    for _ in range(p.rounds):
        prob = _softmax(scores)
        rows = np.flatnonzero(rng.random(len(y)) < p.subsample)
        trees = []
        # two classes: one tree per round (the first class's score stays at its base: logistic)
        for k in range(1 if n_classes == 2 else 0, n_classes):
            g = (prob[:, k] - onehot[:, k]) * weights
            h = np.maximum(prob[:, k] * (1 - prob[:, k]), 1e-6) * weights
            tree = _grow(binned, edges, g, h, rows, p)
            tree["v"] = [v * p.rate for v in tree["v"]]
            scores[:, k] += _score_tree(tree, x)
            trees.append(tree)
        rounds.append(trees)
    return {"fill": fill.tolist(), "base": base.tolist(), "trees": rounds}


def _score_tree(tree: dict, x: np.ndarray) -> np.ndarray:
    node = np.zeros(len(x), dtype=int)
    f, t, left, right = (np.array(tree[k]) for k in ("f", "t", "l", "r"))
    v = np.array(tree["v"])
    for _ in range(64):
        inner = f[node] >= 0
        if not inner.any():
            break
        n = node[inner]
        go_left = x[inner, f[n]] <= t[n]
        node[inner] = np.where(go_left, left[n], right[n])
    return v[node]


def predict_trees(model: dict, x: np.ndarray) -> np.ndarray:
    """P(class) per row."""
    fill = np.array(model["fill"])
    x = np.where(np.isnan(x), fill, x)
    scores = np.tile(np.array(model["base"]), (len(x), 1))
    for trees in model["trees"]:
        for k, tree in enumerate(trees, start=len(model["base"]) - len(trees)):
            scores[:, k] += _score_tree(tree, x)
    return _softmax(scores)


def _softmax(s: np.ndarray) -> np.ndarray:
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


def fit_bagged(
    x: np.ndarray, y: np.ndarray, n_classes: int, weights: np.ndarray, p: TreeParams, bags: int
) -> dict:
    """`bags` models on different row samples (seeds), as one: the mean of their scores, so
    their trees one after the other with leaves divided by `bags`. An article-like page that one
    model scores as a shop by chance of its sample is pulled back by the others; in grouped
    cross-validation the tail of the articles' probabilities is what sets the threshold."""
    models = [fit_trees(x, y, n_classes, weights, replace(p, seed=p.seed + b)) for b in range(bags)]
    if bags == 1:
        return models[0]
    scale = 1.0 / bags
    rounds = [
        [{**tree, "v": [v * scale for v in tree["v"]]} for tree in trees]
        for model in models
        for trees in model["trees"]
    ]
    base = np.mean([model["base"] for model in models], axis=0)
    return {"fill": models[0]["fill"], "base": base.tolist(), "trees": rounds}
