"""The analysts' entry point: `lake/catalog.duckdb`, rebuilt whenever a table changes."""

import dagster as dg
import duckdb

from assets.resources import LakeStore
from corpus.lake.catalog import build_catalog, connect

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


def view_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per public view, in one statement: DuckDB then plans the views' shared scans and
    the live-file rule together (measured on a 4,400-file lake: 1.0 s against 2.1 s for one
    `count(*)` per view)."""
    views = [
        r[0]
        for r in con.execute(
            "select view_name from duckdb_views() where not internal order by 1"
        ).fetchall()
        if not r[0].startswith("_")
    ]
    if not views:
        return {}
    # the views read the articles' files six times over (the live-file rule, the derived views):
    # their Parquet footers are parsed once (0.46 against 0.70 CPU s for 464 files)
    con.execute("SET parquet_metadata_cache = true")
    row = con.execute("select " + ", ".join(f'(select count(*) from "{v}")' for v in views))
    return dict(zip(views, row.fetchone() or (), strict=True))
