"""Lake-wide tables recomputed from every committed batch: `duplicates` and `paragraph_stats`.

Both are pure functions of the lake's committed rows (never of ingestion order), so they are
recomputed whole and written in one commit each. Signatures are read as stored: an article is
hashed once, at ingest; only signatures made under other settings are re-made here, in memory.
"""

from __future__ import annotations

import polars as pl

from corpus.dedup.boilerplate import paragraph_stats
from corpus.dedup.cluster import find_duplicates
from corpus.dedup.config import DedupConfig
from corpus.dedup.minhash import minhash_signatures, pack_signatures
from corpus.lake import delta
from corpus.lake.read import scan


def current_signatures(lake_root: str, config: DedupConfig) -> pl.DataFrame:
    """Committed signatures, re-signing (in memory) those made under other settings."""
    stored = scan("signatures", lake_root).select(
        "article_id", "content_hash", "minhash", "dedup_version"
    )
    fresh = stored.filter(pl.col("dedup_version") == config.signature_id).collect()
    stale_ids = stored.filter(pl.col("dedup_version") != config.signature_id).select("article_id")
    stale = (
        scan("articles", lake_root)
        .join(stale_ids, on="article_id", how="semi")
        .select("article_id", "content_hash", "text")
        .collect()
    )
    if stale.height:
        packed = pack_signatures(minhash_signatures(stale["text"].to_list(), config))
        resigned = stale.select(
            "article_id",
            "content_hash",
            pl.Series("minhash", packed, dtype=pl.Binary),
            pl.lit(config.signature_id).alias("dedup_version"),
        )
        fresh = pl.concat([fresh, resigned])
    return fresh.drop("dedup_version")


def refresh_duplicates(lake_root: str, config: DedupConfig) -> pl.DataFrame:
    signatures = current_signatures(lake_root, config)
    keep_fields = (
        scan("articles", lake_root).select("article_id", "published_at", "n_chars").collect()
    )
    duplicates = find_duplicates(signatures, keep_fields, config)
    delta.overwrite(lake_root, "duplicates", duplicates.to_arrow())
    return duplicates


def refresh_paragraph_stats(lake_root: str, config: DedupConfig) -> pl.DataFrame:
    """Counts over unique articles only: three saved copies of one story are one use of its
    paragraphs, not boilerplate (run after `refresh_duplicates`)."""
    not_kept = (
        scan("duplicates", lake_root)
        .filter(pl.col("article_id") != pl.col("kept_article_id"))
        .select("article_id")
    )
    unique = (
        scan("articles", lake_root)
        .select("article_id", "source")
        .join(not_kept, on="article_id", how="anti")
    )
    paragraphs = (
        scan("paragraphs", lake_root)
        .select("article_id", "paragraph_hash")
        .join(unique, on="article_id")
    )
    stats = paragraph_stats(paragraphs, config.boilerplate_min_articles)
    delta.overwrite(lake_root, "paragraph_stats", stats.to_arrow())
    return stats
