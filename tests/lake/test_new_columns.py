"""A lake written before a column was added keeps working: the column appears, old rows read null."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

from corpus.lake import Lake
from corpus.lake.storage import FORMAT_TAG
from corpus.lake.tables import spec


def test_an_older_articles_table_gains_the_new_column(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    schema = spec("articles").schema
    older = pa.schema([f for f in schema if f.name != "raw_source"])
    DeltaTable.create(
        lake.store.table_uri("articles"),
        schema=older,
        partition_by=list(spec("articles").partitions),
        description=FORMAT_TAG,
    )
    old_row = {f.name: None for f in older} | {"article_id": "a1", "published_month": "unknown"}
    write_deltalake(
        lake.store.table_uri("articles"), pa.Table.from_pylist([old_row], older), mode="append"
    )
    before = lake.store.scan("articles").collect()  # readers see the column before any write
    assert before.columns == schema.names and before["raw_source"].to_list() == [None]
    lake.store.ensure("articles")
    names = {f.name for f in DeltaTable(lake.store.table_uri("articles")).schema().fields}
    assert "raw_source" in names
    rows = lake.store.scan("articles").collect()
    assert rows.columns == schema.names
    assert rows["raw_source"].to_list() == [None] and rows["article_id"].to_list() == ["a1"]
    lake.store.ensure("articles")  # nothing left to add: no new version
    assert lake.store.version("articles") == 2
