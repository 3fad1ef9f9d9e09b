"""Rows in a table's canonical schema, for the processing workers (see `TableSpec`)."""

from __future__ import annotations

import pyarrow as pa

from corpus.lake.tables import spec


def to_table(name: str, rows: list[dict] | pa.Table) -> pa.Table:
    return spec(name).rows_to_table(rows)
