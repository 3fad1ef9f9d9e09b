"""Matplotlib figures of the frames in `corpus.lake_stats`, for the report and the notebook.

Every function takes a frame and returns a `Figure` without showing it: the notebook displays it,
the report encodes it as PNG. The Agg backend is chosen by the caller (the report), not here, so
a notebook keeps its inline backend.
"""

from __future__ import annotations

import base64
import io

import matplotlib
import polars as pl
from matplotlib.figure import Figure

SIZE = (8, 3.6)
COLORS = matplotlib.colormaps["tab20"]  # reject reasons outnumber the default cycle's 10 colours


def _empty(fig: Figure, ax, what: str) -> Figure:
    ax.text(0.5, 0.5, f"no {what} in the lake", ha="center", va="center")
    ax.set_axis_off()
    return fig


def articles_per_month(frame: pl.DataFrame) -> Figure:
    fig = Figure(figsize=SIZE, layout="constrained")
    ax = fig.subplots()
    if frame.is_empty():
        return _empty(fig, ax, "articles")
    wide = frame.pivot(on="source", index="month", values="articles").fill_null(0).sort("month")
    months = wide["month"].to_list()
    bottom = [0] * len(months)
    for source in wide.columns[1:]:
        counts = wide[source].to_list()
        ax.bar(months, counts, bottom=bottom, label=source)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    ax.set_title("Articles per month, by source")
    ax.set_ylabel("articles")
    ax.tick_params(axis="x", labelrotation=60, labelsize=7)
    ax.legend(fontsize=7)
    return fig


def language_mix(frame: pl.DataFrame) -> Figure:
    fig = Figure(figsize=SIZE, layout="constrained")
    ax = fig.subplots()
    if frame.is_empty():
        return _empty(fig, ax, "articles")
    ax.barh([str(v) for v in frame["language"]], frame["articles"].to_list())
    ax.invert_yaxis()
    ax.set_title("Language mix")
    ax.set_xlabel("articles")
    return fig


def paragraph_lengths(frame: pl.DataFrame) -> Figure:
    fig = Figure(figsize=SIZE, layout="constrained")
    ax = fig.subplots()
    if frame.is_empty():
        return _empty(fig, ax, "paragraphs")
    top = int(frame["n_words"].max() or 0) + 1
    edges = list(range(0, top + max(top // 30, 1), max(top // 30, 1)))  # same bins for every kind
    for kind in sorted(frame["kind"].unique().to_list()):
        words = frame.filter(pl.col("kind") == kind)["n_words"].to_list()
        ax.hist(words, bins=edges, alpha=0.6, label=f"{kind} ({len(words)})")
    ax.set_title("Words per paragraph, by kind")
    ax.set_xlabel("words")
    ax.set_ylabel("paragraphs")
    ax.legend(fontsize=7)
    return fig


def duplicate_rate(frame: pl.DataFrame) -> Figure:
    fig = Figure(figsize=SIZE, layout="constrained")
    ax = fig.subplots()
    if frame.is_empty():
        return _empty(fig, ax, "articles")
    ax.bar(frame["source"].to_list(), (frame["rate"] * 100).to_list())
    ax.set_title("Duplicates dropped, per source")
    ax.set_ylabel("% of the source's articles")
    ax.tick_params(axis="x", labelrotation=30, labelsize=7)
    return fig


def rejects_by_batch(frame: pl.DataFrame) -> Figure:
    fig = Figure(figsize=SIZE, layout="constrained")
    ax = fig.subplots()
    if frame.is_empty():
        return _empty(fig, ax, "rejects")
    order = frame.unique("batch_id", maintain_order=True)["batch_id"].to_list()
    wide = frame.pivot(on="reason", index="batch_id", values="rejects").fill_null(0)
    wide = wide.join(pl.DataFrame({"batch_id": order}).with_row_index("i"), on="batch_id").sort("i")
    labels = [b[:12] for b in wide["batch_id"]]
    bottom, bottom_colors = [0] * wide.height, []
    for reason in [c for c in wide.columns if c not in ("batch_id", "i")]:
        counts = wide[reason].to_list()
        ax.bar(labels, counts, bottom=bottom, label=reason, color=COLORS(len(bottom_colors)))
        bottom_colors.append(reason)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    ax.set_title("Rejects per batch, by reason")
    ax.set_ylabel("rejects")
    ax.tick_params(axis="x", labelrotation=30, labelsize=7)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def png_base64(fig: Figure) -> str:
    """The figure as a base64 PNG, for an `<img src="data:...">` in a self-contained page."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
