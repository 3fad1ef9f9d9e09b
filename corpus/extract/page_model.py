"""The learned page-type model: gradient-boosted trees over `page_features.FEATURES`.

Its trees ship in `page_model.json` beside this module, written by `benchmarks/train_page_type.py`
(trained on WCXB-dev, cross-validated by domain; the script prints the figures). Each round holds
one small regression tree per class; a class's score is its base plus its trees' leaves, and the
probabilities are their softmax. A page is not an article when the probability of "article" falls
below the file's `threshold`, chosen in cross-validation so that 99% of article pages are kept; the
page type named in the reject is the most probable of the other classes. The file holds three models
trained on different row samples one after the other, leaves divided by three: their mean score,
which steadies the articles' lowest probabilities that set the threshold (session 21). Trees beat
the linear model they replaced (session 18) because the evidence interacts: a home page, a
`/services/` folder or many headline links mean something else beside a byline and a long text. The
trees are turned into one Python function when the model loads (nested conditional expressions, the
same additions in the same order, so the same floats as walking the nodes): about 0.1 ms a page for
one model instead of the 1-2 ms of a loop over the thousand nodes it visits (0.38 ms for the three
bagged ones against 0.14 ms for one, CPU time under load). No numeric library is loaded for it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
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
    scores: Callable[[list[float]], list[float]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scores", compile_scores(self.base, self.trees))

    def probabilities(self, features: list[float | None]) -> dict[str, float]:
        """P(class) for each class; an unknown feature (None) is read at its training mean."""
        x = [m if f is None else f for f, m in zip(features, self.fill, strict=True)]
        scores = self.scores(x)
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


def _literal(value: float) -> str:
    return repr(value) if math.isfinite(value) else f"float({str(value)!r})"


def _tree_source(tree: tuple[Node, ...], index: int = 0) -> str:
    """One tree as a conditional expression on the features `x0`, `x1`, ... (locals)."""
    node = tree[index]
    if len(node) != 4:
        return _literal(node[0])
    feature, threshold, left, right = node  # type: ignore[misc]
    below, above = _tree_source(tree, int(left)), _tree_source(tree, int(right))
    return f"({below} if x{int(feature)} <= {_literal(threshold)} else {above})"


def compile_scores(
    base: tuple[float, ...], trees: tuple[tuple[tuple[Node, ...], ...], ...]
) -> Callable[[list[float]], list[float]]:
    """The classes' scores as one function of the feature vector: each class starts at its base
    and adds its trees' leaves round after round (the first classes have no trees when a round
    holds one tree fewer than there are classes)."""
    first = len(base) - len(trees[0]) if trees else 0
    used = sorted({int(n[0]) for t in trees for tree in t for n in tree if len(n) == 4})
    # each feature read into a local once: a tree's test then costs no subscript (~1/3 faster)
    lines = ["def scores(x):", *(f"    x{i} = x[{i}]" for i in used)]
    lines += [f"    s{k} = {_literal(b)}" for k, b in enumerate(base)]
    for round_trees in trees:
        for k, tree in enumerate(round_trees, start=first):
            lines.append(f"    s{k} += {_tree_source(tree)}")
    lines.append(f"    return [{', '.join(f's{k}' for k in range(len(base)))}]")
    namespace: dict[str, object] = {}
    exec(compile("\n".join(lines), "<page model>", "exec"), {"float": float}, namespace)
    return namespace["scores"]  # type: ignore[return-value]


def model_from_dict(data: dict) -> PageModel:
    """A model from its JSON form; refuses one trained on other features than `FEATURES`."""
    if tuple(data["features"]) != FEATURES:
        raise ValueError("page model trees do not match page_features.FEATURES: retrain")
    classes, base = tuple(data["classes"]), tuple(data["base"])
    trees = tuple(
        tuple(tuple(tuple(node) for node in tree) for tree in trees) for trees in data["trees"]
    )
    fill, n_features, n_classes = tuple(data["fill"]), len(FEATURES), len(classes)
    if (
        "article" not in classes
        or len(fill) != n_features
        or len(base) != n_classes
        or any(len(round_trees) not in (n_classes, n_classes - 1) for round_trees in trees)
        or any(
            (len(node) == 4 and not 0 <= node[0] < n_features)
            or (len(node) == 4 and not (0 <= node[2] < len(tree) and 0 <= node[3] < len(tree)))
            or len(node) not in (1, 4)
            for round_trees in trees
            for tree in round_trees
            for node in tree
        )
    ):
        raise ValueError("page model trees are malformed")
    model = PageModel(classes, fill, base, trees, threshold=float(data["threshold"]))
    return model


@cache
def load_model(path: Path = MODEL_PATH) -> PageModel | None:
    """The shipped model (None when the file is absent: the rules alone decide)."""
    if not path.exists():
        return None
    return model_from_dict(json.loads(path.read_text()))
