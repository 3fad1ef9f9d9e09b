"""Reading the lake's current snapshot without globbing (a glob also sees removed files).

Reads go through the Delta log's file list into polars, never through deltalake's own pyarrow
readers, which abort the process at exit with pyarrow >= 23 (see DESIGN.md, known pitfalls).
"""

from __future__ import annotations

import polars as pl

from corpus.lake.delta import open_table
from corpus.lake.paths import default_lake_root
from corpus.lake.schemas import TABLES

COMMITTED_BY_BATCH = ("articles", "paragraphs", "signatures", "rejects")


def table_files(name: str, lake_root: str | None = None) -> list[str]:
    """The Parquet files of the table's current version (empty when the table does not exist)."""
    table = open_table(lake_root or default_lake_root(), name)
    return [] if table is None else list(table.file_uris())


def empty_frame(name: str) -> pl.DataFrame:
    schema, _ = TABLES[name]
    return pl.from_arrow(schema.empty_table())  # type: ignore[return-value]


def scan_raw(name: str, lake_root: str | None = None) -> pl.LazyFrame:
    """All rows of the table's current version, committed batches or not."""
    files = table_files(name, lake_root)
    schema, partitions = TABLES[name]
    if not files:
        return empty_frame(name).lazy()
    target = pl.from_arrow(schema.empty_table()).schema
    file_schema = {k: v for k, v in target.items() if k not in partitions}
    frame = pl.scan_parquet(
        files,
        schema=file_schema,
        hive_partitioning=bool(partitions),
        hive_schema={p: target[p] for p in partitions} if partitions else None,
    )
    return frame.select(list(target.keys()))


def scan(name: str, lake_root: str | None = None, *, committed: bool = True) -> pl.LazyFrame:
    """A lazy frame over a lake table; by default only rows of batches recorded in `batches`."""
    frame = scan_raw(name, lake_root)
    if committed and name in COMMITTED_BY_BATCH:
        batch_ids = scan_raw("batches", lake_root).select("batch_id")
        frame = frame.join(batch_ids, on="batch_id", how="semi")
    return frame


def read(name: str, lake_root: str | None = None, *, committed: bool = True) -> pl.DataFrame:
    return scan(name, lake_root, committed=committed).collect()
