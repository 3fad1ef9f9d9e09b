"""Delta writes: every write casts to the canonical schema and is one commit."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake
from deltalake.exceptions import TableNotFoundError

from corpus.lake.paths import table_uri
from corpus.lake.schemas import TABLES


def to_table(name: str, rows: list[dict] | pa.Table) -> pa.Table:
    """Rows (dicts or any arrow table) as a table of `name`'s canonical schema."""
    schema, _ = TABLES[name]
    if isinstance(rows, pa.Table):
        return rows.select(schema.names).cast(schema)
    return pa.Table.from_pylist(rows, schema=schema)


def open_table(lake_root: str, name: str) -> DeltaTable | None:
    try:
        return DeltaTable(table_uri(lake_root, name))
    except TableNotFoundError:
        return None


def ensure_table(lake_root: str, name: str) -> None:
    """Create the empty table so readers and the catalog always find its schema."""
    if open_table(lake_root, name) is None:
        schema, partitions = TABLES[name]
        DeltaTable.create(
            table_uri(lake_root, name), schema=schema, partition_by=partitions or None
        )


def sql_string_list(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def replace_where(lake_root: str, name: str, rows: list[dict] | pa.Table, predicate: str) -> None:
    """Replace the rows matching `predicate` by `rows`, in one commit (idempotent re-runs)."""
    ensure_table(lake_root, name)
    _, partitions = TABLES[name]
    write_deltalake(
        table_uri(lake_root, name),
        to_table(name, rows),
        mode="overwrite",
        predicate=predicate,
        partition_by=partitions or None,
    )


def overwrite(lake_root: str, name: str, rows: list[dict] | pa.Table) -> None:
    """Replace the whole table (global tables recomputed from the full lake)."""
    ensure_table(lake_root, name)
    _, partitions = TABLES[name]
    write_deltalake(
        table_uri(lake_root, name),
        to_table(name, rows),
        mode="overwrite",
        partition_by=partitions or None,
    )
