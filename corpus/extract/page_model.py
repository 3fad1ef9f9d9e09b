"""The learned page-type model: gradient-boosted trees over `page_features.FEATURES`.

Its trees ship in `page_model.json` beside this module, written by `benchmarks/train_page_type.py`
(trained on WCXB-dev, cross-validated by domain; the script prints the figures). Each round holds
one small regression tree per class; a class's score is its base plus its trees' leaves, and the
probabilities are their softmax. A page is not an article when the probability of "article"
falls below the file's `threshold`, chosen in cross-validation so that 99% of article pages are
kept; the page type named in the reject is the most probable of the other classes. Trees beat
the linear model they replaced (session 18) because the evidence interacts: a home page, a
`/services/` folder or many headline links mean something else beside a byline and a long text.
Scoring walks about a thousand nodes in plain Python (well under a millisecond): no numeric
library is loaded for it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from corpus.extract.page_features import FEATURES

MODEL_PATH = Path(__file__).with_name("page_model.json")


Node = tuple[int, float, int, int] | tuple[float]  # [feature, threshold, left, right] | [leaf]


@dataclass(frozen=True, slots=True)
class PageModel:
    classes: tuple[str, ...]
    fill: tuple[float, ...]  # the value of an unknown feature (the training mean)
    base: tuple[float, ...]  # one score per class before any tree
    trees: tuple[tuple[tuple[Node, ...], ...], ...]  # per round, one tree per class
    threshold: float  # P(article) below this: not an article

    def probabilities(self, features: list[float | None]) -> dict[str, float]:
        """P(class) for each class; an unknown feature (None) is read at its training mean."""
        x = [m if f is None else f for f, m in zip(features, self.fill, strict=True)]
        scores = list(self.base)
        first = len(scores) - len(self.trees[0]) if self.trees else 0
        for trees in self.trees:
            for k, tree in enumerate(trees, start=first):
                node = tree[0]
                while len(node) == 4:
                    node = tree[node[2] if x[node[0]] <= node[1] else node[3]]
                scores[k] += node[0]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def other_type(self, features: list[float | None]) -> str | None:
        """The most probable non-article type, or None when the page may be an article."""
        probs = self.probabilities(features)
        if probs.get("article", 0.0) >= self.threshold:
            return None
        return max((p, c) for c, p in probs.items() if c != "article")[1]


def model_from_dict(data: dict) -> PageModel:
    """A model from its JSON form; refuses one trained on other features than `FEATURES`."""
    if tuple(data["features"]) != FEATURES:
        raise ValueError("page model trees do not match page_features.FEATURES: retrain")
    model = PageModel(
        classes=tuple(data["classes"]),
        fill=tuple(data["fill"]),
        base=tuple(data["base"]),
        trees=tuple(
            tuple(tuple(tuple(node) for node in tree) for tree in trees) for trees in data["trees"]
        ),
        threshold=float(data["threshold"]),
    )
    n_features, n_classes = len(FEATURES), len(model.classes)
    if (
        "article" not in model.classes
        or len(model.fill) != n_features
        or len(model.base) != n_classes
        or any(len(trees) not in (n_classes, n_classes - 1) for trees in model.trees)
        or any(
            len(node) == 4 and not 0 <= node[0] < n_features
            for trees in model.trees
            for tree in trees
            for node in tree
        )
    ):
        raise ValueError("page model trees are malformed")
    return model


@cache
def load_model(path: Path = MODEL_PATH) -> PageModel | None:
    """The shipped model (None when the file is absent: the rules alone decide)."""
    if not path.exists():
        return None
    return model_from_dict(json.loads(path.read_text()))
