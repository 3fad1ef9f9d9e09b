"""The analysts' entry point: `lake/catalog.duckdb`, rebuilt whenever a table changes."""

import dagster as dg

from assets.resources import LakeStore
from corpus.lake.catalog import build_catalog, connect, view_counts

CATALOG_DEPS = [
    "articles",
    "paragraphs",
    "signatures",
    "rejects",
    "batches",
    "duplicates",
    "paragraph_stats",
]
README_QUERY = "select source, count(*) from articles group by 1"


@dg.asset(
    deps=CATALOG_DEPS,
    group_name="catalog",
    automation_condition=dg.AutomationCondition.eager(),
    description="DuckDB file with one view per lake table over its current snapshot.",
)
def lake_catalog(context: dg.AssetExecutionContext, lake: LakeStore) -> dg.MaterializeResult:
    the_lake = lake.lake()
    with the_lake.writing("catalog", wait=lake.lock_wait_seconds):
        path = build_catalog(the_lake)
    con = connect(the_lake, rebuild=False)
    try:
        counts = view_counts(con)
    finally:
        con.close()
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path.resolve())),
            "views": dg.MetadataValue.json(counts),
            "example": dg.MetadataValue.md(
                f'```\ncd {path.parent} && duckdb {path.name} -c "{README_QUERY}"\n```'
            ),
        }
    )
