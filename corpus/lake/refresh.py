"""Lake-wide tables recomputed from every committed batch: `duplicates` and `paragraph_stats`.

Both are pure functions of the lake's committed rows (never of ingestion order), so they are
recomputed whole and written in one commit each. Signatures are read as stored: an article is
hashed once, at ingest; only signatures made under other settings are re-made here, in memory.
Each commit records the `batches` version it was computed from: `refresh_needed` compares it
with the current one, so a refresh that failed or was killed is redone by the next run, and a run
with nothing new writes nothing.
"""

from __future__ import annotations

import polars as pl

from corpus.dedup.boilerplate import paragraph_stats
from corpus.dedup.config import DedupConfig
from corpus.dedup.minhash import minhash_signatures, pack_signatures
from corpus.lake.lake import Lake
from corpus.lake.visibility import Seen

SOURCE_VERSION_KEY = "corpus.batches_version"


def _batches_version(lake: Lake) -> int:
    return lake.store.version("batches") or 0


def refreshed_from(lake: Lake, name: str) -> int | None:
    """The `batches` version that the table's last commit was computed from."""
    table = lake.store.open(name)
    if table is None:
        return None
    for commit in table.history(1):
        value = commit.get(SOURCE_VERSION_KEY)
        return None if value is None else int(value)
    return None


def refresh_needed(lake: Lake) -> bool:
    """True when a batch landed (or was removed) since `paragraph_stats`, written last, was."""
    return refreshed_from(lake, "paragraph_stats") != _batches_version(lake)


def current_signatures(
    lake: Lake, config: DedupConfig, *, seen: Seen | None = None
) -> pl.DataFrame:
    """Committed signatures (as of `seen`, when given), re-signing (in memory) those made
    under other settings."""
    stored = lake.scan("signatures", seen=seen).select(
        "article_id", "content_hash", "minhash", "dedup_version"
    )
    fresh = stored.filter(pl.col("dedup_version") == config.signature_id).collect()
    stale_ids = stored.filter(pl.col("dedup_version") != config.signature_id).select("article_id")
    stale = (
        lake.scan("articles", seen=seen)
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


def refresh_paragraph_stats(lake: Lake, config: DedupConfig) -> pl.DataFrame:
    """Counts over unique articles only: three saved copies of one story are one use of its
    paragraphs, not boilerplate (run after `corpus.engine.dedup.refresh_duplicates_indexed`).
    Both scans share one visibility computation (`Lake.seen_now`)."""
    source_version = refreshed_from(lake, "duplicates") or 0
    seen = lake.seen_now()
    not_kept = (
        lake.scan("duplicates")
        .filter(pl.col("article_id") != pl.col("kept_article_id"))
        .select("article_id")
    )
    unique = (
        lake.scan("articles", seen=seen)
        .select("article_id", "source")
        .join(not_kept, on="article_id", how="anti")
    )
    paragraphs = (
        lake.scan("paragraphs", seen=seen)
        .select("article_id", "paragraph_hash")
        .join(unique, on="article_id")
    )
    stats = paragraph_stats(paragraphs, config.boilerplate_min_articles)
    lake.store.overwrite(
        "paragraph_stats", stats.to_arrow(), metadata={SOURCE_VERSION_KEY: source_version}
    )
    return stats
