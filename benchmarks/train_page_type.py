"""Train the page-type model (`corpus/extract/page_model.json`) on WCXB-dev, and report it.

    .venv/bin/python benchmarks/train_page_type.py [--devsets PATH] [--write]

Every WCXB-dev page runs through the production extractor; the features of the pages that reach
the page-type step and that no hand-written rule decided are the training set (the pages the
model will see in production). The figures printed are cross-validated by domain: the pages of
one domain are all in the same fold, so a site's template never helps to score itself. The
threshold on P(article) is the highest that keeps at least `--keep` of the article pages the
model sees in cross-validation (the table also counts those lost before it: no text, listing
rule, URL rules, so the pipeline's share of articles kept is a little lower). The readability
and htmldate sets (all articles, never trained on) then say how many pages the final model
would reject. `--write` stores the model; without it nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import DEFAULT_DEVSETS, load_htmldate, load_readability
from extraction_wcxb import load_wcxb

from corpus.extract import html as html_module
from corpus.extract.page_features import FEATURES
from corpus.extract.page_model import MODEL_PATH
from corpus.extract.page_type import rule_page_type
from corpus.formats.decode import decode_markup
from corpus.rejects import RejectError

FOLDS = 5
L2 = 30.0  # penalty on the weights (per page, on standardized features); 10 and 1 did worse
# in cross-validation once the features grew from 31 to 47


def capture(data: bytes, url: str | None) -> dict:
    """Run the extractor on one page; what reached the page-type step, and the outcome."""
    seen: dict = {}

    def hook(meta, page_url, has_author, features=None):
        seen["rule"] = rule_page_type(meta, page_url, has_author)
        seen["url"] = bool(page_url)  # the model judges only pages with a URL
        seen["features"] = features
        return seen["rule"]

    with mock.patch.object(html_module, "detect_page_type", hook):
        try:
            html_module.extract_page(decode_markup(data), url=url)
            seen["outcome"] = "kept"
        except RejectError as exc:
            seen["outcome"] = exc.reason
    return seen


def fit(x: np.ndarray, y: np.ndarray, n_classes: int, steps: int = 400) -> tuple:
    """Softmax regression by full-batch gradient descent on standardized features."""
    mean, scale = np.nanmean(x, axis=0), np.nanstd(x, axis=0)
    scale[scale < 1e-6] = 1.0
    z = np.nan_to_num((x - mean) / scale)
    w, b = np.zeros((n_classes, x.shape[1])), np.zeros(n_classes)
    onehot = np.eye(n_classes)[y]
    # classes weighted to equal total weight: the small types count as much as the articles
    counts = np.bincount(y, minlength=n_classes).astype(float)
    sample_w = (len(y) / (n_classes * np.maximum(counts, 1)))[y][:, None]
    rate = 0.5
    for _ in range(steps):
        p = _softmax(z @ w.T + b)
        grad = (p - onehot) * sample_w
        w -= rate * (grad.T @ z / len(y) + L2 * w / len(y))
        b -= rate * grad.mean(axis=0)
    return mean, scale, w, b


def _softmax(s: np.ndarray) -> np.ndarray:
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


def predict(model: tuple, x: np.ndarray) -> np.ndarray:
    """P(class) per row; an unknown feature (NaN) is read at the mean, as `page_model` does."""
    mean, scale, w, b = model
    return _softmax(np.nan_to_num((x - mean) / scale) @ w.T + b)


def fold_of(url: str | None) -> int:
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    return int(hashlib.sha1(host.encode()).hexdigest(), 16) % FOLDS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--devsets", type=Path, default=DEFAULT_DEVSETS)
    ap.add_argument("--keep", type=float, default=0.998, help="share of articles kept in CV")
    ap.add_argument("--write", action="store_true", help=f"write {MODEL_PATH.name}")
    ap.add_argument("--cache", type=Path, help="keep the WCXB features here between runs")
    args = ap.parse_args(argv)
    pages = load_wcxb(args.devsets, None)
    if args.cache and args.cache.exists():
        seen = json.loads(args.cache.read_text())
    else:
        seen = [capture(p["data"], p["url"]) for p in pages]
        if args.cache:
            args.cache.write_text(json.dumps(seen))
    types = [p["type"] for p in pages]
    classes = ["article", *sorted(set(types) - {"article"})]
    # the model's pages: reached the page-type step, no rule fired
    train = [i for i, s in enumerate(seen) if s.get("features") is not None and not s["rule"]]
    x = np.array([seen[i]["features"] for i in train], dtype=float)
    y = np.array([classes.index(types[i]) for i in train])
    folds = np.array([fold_of(pages[i]["url"]) for i in train])
    oof = np.zeros((len(train), len(classes)))
    for k in range(FOLDS):
        test = folds == k
        oof[test] = predict(fit(x[~test], y[~test], len(classes)), x[test])
    n_articles = types.count("article")
    lost_before = sum(
        1 for i, s in enumerate(seen) if types[i] == "article" and (s["outcome"] != "kept")
    )
    art_p = np.sort(oof[y == 0, 0])
    allowed = int(len(art_p) * (1 - args.keep))  # articles the model may drop
    threshold = float((art_p[allowed - 1] + art_p[allowed]) / 2) if allowed > 0 else 0.0
    print(f"{len(train)} pages reach the model ({Counter(types[i] for i in train)})")
    print(
        f"articles lost before the model: {lost_before} of {n_articles}; model may drop {allowed}"
    )
    print(f"threshold P(article) < {threshold:.4f}\n")
    model_rejects = {train[j] for j in range(len(train)) if oof[j, 0] < threshold}
    print("cross-validated by domain (whole pipeline: earlier rejects + rules + model):")
    print(f"{'type':>14} | {'n':>4} | {'rejected':>8} | {'by model':>8}")
    for kind in classes:
        index = [i for i in range(len(pages)) if types[i] == kind]
        rejected = [i for i in index if seen[i]["outcome"] != "kept" or i in model_rejects]
        by_model = [i for i in index if i in model_rejects]
        print(
            f"{kind:>14} | {len(index):>4} | {len(rejected) / len(index):>8.3f} | "
            f"{len(by_model) / len(index):>8.3f}"
        )
    others = [i for i in range(len(pages)) if types[i] != "article"]
    rej = sum(1 for i in others if seen[i]["outcome"] != "kept" or i in model_rejects)
    print(f"{'other types':>14} | {len(others):>4} | {rej / len(others):>8.3f}")
    final = fit(x, y, len(classes))
    check_articles(args.devsets, final, threshold)
    if args.write:
        mean, scale, w, b = final
        data = {
            "about": "page-type model, see corpus/extract/page_model.py; written by "
            "benchmarks/train_page_type.py on WCXB-dev (CC-BY-4.0, Murrough Foley)",
            "features": list(FEATURES),
            "classes": classes,
            "mean": [round(v, 6) for v in mean.tolist()],
            "scale": [round(v, 6) for v in scale.tolist()],
            "weights": [[round(v, 6) for v in row] for row in w.tolist()],
            "bias": [round(v, 6) for v in b.tolist()],
            "threshold": round(threshold, 6),
        }
        MODEL_PATH.write_text(json.dumps(data, indent=1) + "\n")
        print(f"\nwrote {MODEL_PATH}")
    return 0


def check_articles(devsets: Path, model: tuple, threshold: float) -> None:
    """How many pages of the article-only sets the final model would reject."""
    for name, pages in (
        ("readability", load_readability(devsets, None)),
        ("htmldate", load_htmldate(devsets, None)),
    ):
        seen = [capture(p["data"], p["url"]) for p in pages]
        reach = [s for s in seen if s.get("features") is not None and not s["rule"] and s["url"]]
        probs = predict(model, np.array([s["features"] for s in reach], dtype=float))
        rejected = int((probs[:, 0] < threshold).sum())
        print(
            f"{name}: {len(pages)} article pages, {len(reach)} reach the model, "
            f"{rejected} rejected by it ({rejected / len(pages):.1%})"
        )


if __name__ == "__main__":
    raise SystemExit(main())
