"""The learned page-type model: multinomial logistic regression over `page_features.FEATURES`.

Its weights ship in `page_model.json` beside this module, written by `benchmarks/train_page_type.py`
(trained on WCXB-dev, cross-validated by domain; the file records the figures). A page is not an
article when the model's probability of "article" falls below the file's `threshold`, chosen in
cross-validation so that at least 99% of article pages are kept; the page type named in the
reject is the most probable of the other classes. Scoring is a few dozen multiplications in
plain Python: no numeric library is loaded for it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from corpus.extract.page_features import FEATURES

MODEL_PATH = Path(__file__).with_name("page_model.json")


@dataclass(frozen=True, slots=True)
class PageModel:
    classes: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # one row per class, one column per feature
    bias: tuple[float, ...]
    threshold: float  # P(article) below this: not an article

    def probabilities(self, features: list[float | None]) -> dict[str, float]:
        """P(class) for each class (softmax of the linear scores); an unknown feature (None)
        is taken at the training mean, so it moves no score."""
        z = [
            0.0 if f is None else (f - m) / s
            for f, m, s in zip(features, self.mean, self.scale, strict=True)
        ]
        scores = [
            b + sum(w * x for w, x in zip(row, z, strict=True))
            for row, b in zip(self.weights, self.bias, strict=True)
        ]
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
        raise ValueError("page model weights do not match page_features.FEATURES: retrain")
    model = PageModel(
        classes=tuple(data["classes"]),
        mean=tuple(data["mean"]),
        scale=tuple(data["scale"]),
        weights=tuple(tuple(row) for row in data["weights"]),
        bias=tuple(data["bias"]),
        threshold=float(data["threshold"]),
    )
    if "article" not in model.classes or any(len(r) != len(FEATURES) for r in model.weights):
        raise ValueError("page model weights are malformed")
    return model


@cache
def load_model(path: Path = MODEL_PATH) -> PageModel | None:
    """The shipped model (None when the file is absent: the rules alone decide)."""
    if not path.exists():
        return None
    return model_from_dict(json.loads(path.read_text()))
