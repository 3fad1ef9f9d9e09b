"""Lake-wide dedup assets: duplicate clusters and boilerplate paragraphs, kept fresh.

Both depend on every ingest batch and re-run (declarative automation, or the CLI's refresh) after
any batch lands. The work is `corpus.lake.refresh`; here are metadata and contract checks.
"""

import dagster as dg
import polars as pl

from assets.metadata import preview, table_metadata
from assets.resources import DedupSettings, IngestSettings, LakeStore
from corpus.engine.dedup import refresh_duplicates_indexed
from corpus.lake.commit import drop_superseded
from corpus.lake.refresh import refresh_paragraph_stats

DEDUP_GROUP = "dedup"


@dg.asset(
    deps=["signatures", "articles"],
    group_name=DEDUP_GROUP,
    automation_condition=dg.AutomationCondition.eager(),
    description="Every article in an exact or near-duplicate cluster, with the kept article.",
    check_specs=[
        dg.AssetCheckSpec("one_kept_per_cluster", asset="duplicates"),
        dg.AssetCheckSpec("no_article_in_two_clusters", asset="duplicates"),
        dg.AssetCheckSpec("clustered_articles_exist", asset="duplicates"),
    ],
)
def duplicates(
    context: dg.AssetExecutionContext,
    lake: LakeStore,
    dedup: DedupSettings,
    settings: IngestSettings,
):
    config = dedup.config()
    the_lake = lake.lake()
    engine = settings.compute_engine()
    with the_lake.writing("dedup", wait=lake.lock_wait_seconds):
        # finish any cleanup a killed run left (superseded rows hidden but not yet deleted)
        drop_superseded(the_lake.store)
        # one visibility computation for the local refresh's scans and this asset's figures
        seen = the_lake.seen_now()
        local = engine == "local"
        run = refresh_duplicates_indexed(the_lake, config, engine, seen=seen if local else None)
    frame = run.duplicates
    ids = seen.articles.select("article_id")  # the visible articles: rate and check
    n_articles = ids.height
    sizes = frame.group_by("cluster_id").len()
    removed = frame.filter(pl.col("article_id") != pl.col("kept_article_id")).height
    histogram = sizes.group_by("len").len("clusters").sort("len")
    largest = sizes.sort(["len", "cluster_id"], descending=[True, False]).head(5)
    yield dg.MaterializeResult(
        metadata=table_metadata(
            "duplicates",
            frame.height,
            clusters=sizes.height,
            duplicate_rate=round(removed / n_articles, 4) if n_articles else 0.0,
            cluster_size_histogram=dg.MetadataValue.json(
                {str(size): n for size, n in histogram.iter_rows()}
            ),
            largest_clusters=preview(largest.rename({"len": "size"}), ["cluster_id", "size"]),
            rule=config.rule_name,
            dedup_version=config.signature_id,
            engine=engine,
            # the incremental index: what this run had to look at again
            groups_changed=run.groups_changed,
            buckets_touched=run.buckets_touched,
            pairs_verified=run.pairs_verified,
            full_rebuild=run.full,
        )
    )
    yield from duplicate_checks(frame, ids)


def duplicate_checks(frame: pl.DataFrame, ids: pl.DataFrame):
    """The clusters' contracts; `ids` are the lake's visible article ids."""
    kept = frame.group_by("cluster_id").agg(
        (pl.col("article_id") == pl.col("kept_article_id")).sum().alias("kept"),
        pl.col("kept_article_id").n_unique().alias("kept_ids"),
    )
    bad = kept.filter((pl.col("kept") != 1) | (pl.col("kept_ids") != 1)).height
    yield dg.AssetCheckResult(
        check_name="one_kept_per_cluster", passed=bad == 0, metadata={"bad_clusters": bad}
    )
    twice = frame.group_by("article_id").len().filter(pl.col("len") > 1).height
    yield dg.AssetCheckResult(
        check_name="no_article_in_two_clusters", passed=twice == 0, metadata={"articles": twice}
    )
    missing = frame.select("article_id").join(ids, on="article_id", how="anti").height
    yield dg.AssetCheckResult(
        check_name="clustered_articles_exist", passed=missing == 0, metadata={"missing": missing}
    )


@dg.asset(
    deps=["paragraphs", "articles", duplicates],
    group_name=DEDUP_GROUP,
    automation_condition=dg.AutomationCondition.eager(),
    description="Paragraph hashes repeated across a source's unique articles; boilerplate flagged.",
)
def paragraph_stats(lake: LakeStore, dedup: DedupSettings) -> dg.MaterializeResult:
    the_lake = lake.lake()
    with the_lake.writing("boilerplate", wait=lake.lock_wait_seconds):
        stats = refresh_paragraph_stats(the_lake, dedup.config())
    boiler = stats.filter(pl.col("is_boilerplate"))
    return dg.MaterializeResult(
        metadata=table_metadata(
            "paragraph_stats",
            stats.height,
            boilerplate_paragraphs=boiler.height,
            by_source=dg.MetadataValue.json(
                {s: n for s, n in boiler.group_by("source").len().sort("source").iter_rows()}
            ),
        )
    )
