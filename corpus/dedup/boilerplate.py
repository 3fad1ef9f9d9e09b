"""The `paragraph_stats` table: paragraphs a source repeats across its articles.

A paragraph that one publisher prints under many articles ("Reporting by ...; editing by ...",
a newsletter plug, a standard disclaimer) is boilerplate for that source: analysts and the
near-duplicate step may want to ignore it. Paragraphs are compared by `paragraph_hash` (the
same normal form as `content_hash`), and counted per source, so a quote that two publishers
both carry does not make either one's text boilerplate.
"""

from __future__ import annotations

import polars as pl

PARAGRAPH_STATS_SCHEMA = pl.Schema(
    {
        "source": pl.String,
        "paragraph_hash": pl.String,
        "n_articles": pl.Int64,
        "is_boilerplate": pl.Boolean,
    }
)


def paragraph_stats(paragraphs: pl.LazyFrame | pl.DataFrame, min_articles: int) -> pl.DataFrame:
    """Per source and paragraph hash, the number of distinct articles that contain it.

    Input columns: `source`, `article_id`, `paragraph_hash` (others are ignored). Only hashes in
    two or more articles of a source are kept; `is_boilerplate` is `n_articles >= min_articles`.
    Sorted by `source`, `paragraph_hash`; a null source is a source of its own.
    """
    if min_articles < 1:
        raise ValueError(f"min_articles must be >= 1, got {min_articles}")
    return (
        paragraphs.lazy()
        .select("source", "article_id", "paragraph_hash")
        .filter(pl.col("paragraph_hash").is_not_null())
        .group_by("source", "paragraph_hash")
        .agg(n_articles=pl.col("article_id").n_unique().cast(pl.Int64))
        .filter(pl.col("n_articles") >= 2)
        .with_columns(is_boilerplate=pl.col("n_articles") >= min_articles)
        .sort("source", "paragraph_hash", nulls_last=True)
        .collect()
        .cast(dict(PARAGRAPH_STATS_SCHEMA))
    )
