"""The figures an analyst asks of a lake first, as small polars frames (one query each).

Shared by the HTML report and the exploration notebook so that both show the same numbers. Each
function reads through `corpus.lake.scan`, the committed snapshot, never a glob.
"""

from __future__ import annotations

import polars as pl

from corpus.lake import scan
from corpus.lake.tables import TABLES


def table_counts(lake_root: str) -> dict[str, int]:
    return {name: scan(name, lake_root).select(pl.len()).collect().item() for name in TABLES}


def articles_per_month(lake_root: str) -> pl.DataFrame:
    """month x source article counts (`unknown` month for undated articles), sorted by month."""
    return (
        scan("articles", lake_root)
        .group_by(pl.col("published_month").alias("month"), "source")
        .len("articles")
        .sort("month", "source")
        .collect()
    )


def language_mix(lake_root: str) -> pl.DataFrame:
    return (
        scan("articles", lake_root)
        .group_by("language")
        .len("articles")
        .sort("articles", "language", descending=[True, False])
        .collect()
    )


def paragraph_lengths(lake_root: str) -> pl.DataFrame:
    """Words per paragraph, with its kind (paragraph, heading, quote, list_item)."""
    return scan("paragraphs", lake_root).select("kind", "n_words").collect()


def duplicate_rate(lake_root: str) -> pl.DataFrame:
    """Per source: articles, those dropped as a duplicate of a kept article, and the share."""
    dropped = (
        scan("duplicates", lake_root)
        .filter(pl.col("article_id") != pl.col("kept_article_id"))
        .select("article_id", pl.lit(True).alias("dropped"))
    )
    return (
        scan("articles", lake_root)
        .select("article_id", "source")
        .join(dropped, on="article_id", how="left")
        .group_by("source")
        .agg(pl.len().alias("articles"), pl.col("dropped").fill_null(False).sum().alias("dropped"))
        .with_columns((pl.col("dropped") / pl.col("articles")).alias("rate"))
        .sort("source")
        .collect()
    )


def largest_clusters(lake_root: str, n: int = 10) -> pl.DataFrame:
    """The n largest duplicate clusters: size, sources, and the kept article's title."""
    articles = scan("articles", lake_root).select("article_id", "source", "title")
    members = scan("duplicates", lake_root).join(articles, on="article_id", how="left")
    # text dumps often have no title (it is never invented): show the text's opening instead
    kept_title = scan("articles", lake_root).select(
        pl.col("article_id").alias("kept_article_id"),
        pl.coalesce("title", pl.col("text").str.slice(0, 70) + "…").alias("kept_title"),
    )
    return (
        members.group_by("cluster_id", "kept_article_id")
        .agg(
            pl.len().alias("size"),
            pl.col("kind").eq("near").sum().alias("near"),
            pl.col("source").unique().sort().str.join(", ").alias("sources"),
            pl.col("similarity").min().alias("min_similarity"),
        )
        .join(kept_title, on="kept_article_id", how="left")
        .sort(["size", "cluster_id"], descending=[True, False])
        .head(n)
        .collect()
    )


def rejects_by_batch(lake_root: str) -> pl.DataFrame:
    """Reject counts per landed batch and reason, batches in the order they started."""
    batches = scan("batches", lake_root).select("batch_id", "started_at")
    return (
        scan("rejects", lake_root)
        .group_by("batch_id", "reason")
        .len("rejects")
        .join(batches, on="batch_id")
        .sort("started_at", "batch_id", "reason")
        .collect()
    )


def article_with_paragraphs(lake_root: str, article_id: str) -> tuple[dict, pl.DataFrame]:
    """One article's row and its paragraphs in order (headings and quotes marked by `kind`)."""
    article = scan("articles", lake_root).filter(pl.col("article_id") == article_id).collect()
    if article.height == 0:
        raise LookupError(article_id)
    paragraphs = (
        scan("paragraphs", lake_root)
        .filter(pl.col("article_id") == article_id)
        .sort("position")
        .select("position", "kind", "text")
        .collect()
    )
    return article.row(0, named=True), paragraphs
