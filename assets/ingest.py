"""The per-batch ingest: one multi-asset writes a batch's rows to every batch table.

The asset only wires: partition key (a registered batch) -> `corpus.ingest.ingest_batch` under
the lake's writer lock -> metadata and contract checks over the batch's own rows. All processing
lives in `corpus`.
"""

import json

import dagster as dg
import polars as pl

from assets.metadata import preview, table_metadata
from assets.partitions import batch_partitions
from assets.resources import DedupSettings, IngestSettings, LakeStore, RawStore
from corpus.ingest import BatchResult, ingest_batch, started_ahead
from corpus.lake import Lake
from corpus.lake.tables import spec
from corpus.lake.visibility import Seen
from corpus.reasons import REASONS

INGEST_GROUP = "ingest"
BATCH_ASSETS = ("articles", "paragraphs", "signatures", "rejects", "batches")

CHECKS = [
    dg.AssetCheckSpec(
        "article_id_unique", asset="articles", description="No two rows share an id."
    ),
    dg.AssetCheckSpec(
        "paragraphs_have_articles", asset="paragraphs", description="No orphan paragraph."
    ),
    dg.AssetCheckSpec("reasons_known", asset="rejects", description="Reasons are known codes."),
]


def _progress_bar(total: int, enabled: bool):
    if not enabled:
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="file", desc="ingest", leave=False)
    return bar, lambda _raw_file: bar.update(1)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            name,
            group_name=INGEST_GROUP,
            description=spec(name).description,
            deps=["raw_files"],
        )
        for name in BATCH_ASSETS
    ],
    partitions_def=batch_partitions,
    check_specs=CHECKS,
)
def ingest_batch_tables(
    context: dg.AssetExecutionContext,
    raw: RawStore,
    lake: LakeStore,
    dedup: DedupSettings,
    settings: IngestSettings,
):
    """Read, extract, normalize and fingerprint the batch's files; commit them to the lake."""
    the_lake = lake.lake()
    engine = settings.compute_engine()
    with the_lake.writing("ingest", wait=lake.lock_wait_seconds):
        registration = started_ahead(the_lake, context.partition_key) or the_lake.registration(
            context.partition_key
        )
        bar, on_file = _progress_bar(len(registration.files), settings.show_progress)
        try:
            result = ingest_batch(
                the_lake,
                registration.batch_id,
                raw.root,
                dedup_config=dedup.config(),
                progress=on_file,
                workers=settings.workers,
                options=raw.read_options,
                engine=engine,
                registration=registration,
            )
        finally:
            if bar is not None:
                bar.close()
    context.log.info(
        f"batch {result.batch_id}: {result.n_articles} articles, {result.n_rejects} rejects "
        f"from {result.n_files} files in {result.seconds:.1f}s (attempt {result.attempt})"
    )
    yield from batch_events(result, the_lake)


def batch_events(
    result: BatchResult, lake: Lake
) -> list[dg.MaterializeResult | dg.AssetCheckResult]:
    """The materializations and checks of a landed batch. The tables' row counts come from the
    Delta log (`Lake.row_counts`), the previews and checks from the batch's own rows as readers
    see them (`Lake.seen_in_batch`): neither reads the rest of the lake's rows (`Lake.after_batch`
    does both)."""
    seen, totals = lake.after_batch(result.batch_id, BATCH_ASSETS)
    return [*_materializations(result, lake, seen, totals), *_checks(result.batch_id, lake, seen)]


def _materializations(result: BatchResult, lake: Lake, seen: Seen, totals: dict[str, int]):
    """The assets' metadata: `dagster/row_count` is the table's (as readers see it), not the
    batch's (that one is `batch_rows`)."""
    articles = lake.scan("articles", seen=seen, batch_id=result.batch_id)
    rejects = lake.scan("rejects", seen=seen, batch_id=result.batch_id)
    yield dg.MaterializeResult(
        asset_key="articles",
        metadata=table_metadata(
            "articles",
            totals["articles"],
            batch_rows=result.n_articles,
            preview=preview(
                articles.head(5).collect(),
                ["article_id", "source", "published_date", "title", "dateline"],
            ),
            articles_per_second=round(result.n_articles / max(result.seconds, 1e-9), 1),
        ),
    )
    yield dg.MaterializeResult(
        asset_key="paragraphs",
        metadata=table_metadata("paragraphs", totals["paragraphs"], batch_rows=result.n_paragraphs),
    )
    yield dg.MaterializeResult(
        asset_key="signatures",
        metadata=table_metadata("signatures", totals["signatures"], batch_rows=result.n_articles),
    )
    yield dg.MaterializeResult(
        asset_key="rejects",
        metadata=table_metadata(
            "rejects",
            totals["rejects"],
            batch_rows=result.n_rejects,
            rejects_by_reason=dg.MetadataValue.json(result.rejects_by_reason),
            preview=preview(rejects.head(5).collect(), ["raw_path", "reason", "message"]),
        ),
    )
    yield dg.MaterializeResult(
        asset_key="batches",
        metadata=table_metadata(
            "batches",
            totals["batches"],
            batch_id=result.batch_id,
            n_files=result.n_files,
            n_records=result.n_records,
            seconds=round(result.seconds, 3),
            attempt=result.attempt,
            stage_seconds=dg.MetadataValue.json(json.loads(result.times.to_json())),
        ),
    )


def _checks(batch_id: str, lake: Lake, seen: Seen):
    """Contracts over the batch's own rows (`seen`: as of `Lake.seen_in_batch`)."""
    ids = seen.articles.lazy().filter(pl.col("batch_id") == batch_id).select("article_id")
    counts = ids.select(
        pl.len().alias("rows"), pl.col("article_id").n_unique().alias("ids")
    ).collect()
    rows, unique = counts.row(0)
    yield dg.AssetCheckResult(
        check_name="article_id_unique",
        asset_key="articles",
        passed=rows == unique,
        metadata={"rows": rows, "distinct_ids": unique},
    )
    orphans = (
        lake.scan("paragraphs", committed=False, batch_id=batch_id)
        .select("article_id")
        .join(ids, on="article_id", how="anti")
        .select(pl.len())
        .collect()
        .item()
    )
    yield dg.AssetCheckResult(
        check_name="paragraphs_have_articles",
        asset_key="paragraphs",
        passed=orphans == 0,
        metadata={"orphan_paragraphs": orphans},
    )
    reasons = (
        lake.scan("rejects", seen=seen, batch_id=batch_id)
        .select(pl.col("reason").unique())
        .collect()["reason"]
    )
    unknown = sorted(r for r in reasons.to_list() if r not in REASONS)
    yield dg.AssetCheckResult(
        check_name="reasons_known",
        asset_key="rejects",
        passed=not unknown,
        metadata={"unknown_reasons": dg.MetadataValue.json(unknown)},
    )
