"""Materialization metadata shared by the assets: schemas, previews, counts."""

from __future__ import annotations

import dagster as dg
import polars as pl
import pyarrow as pa

from corpus.lake.columns import describe
from corpus.lake.tables import spec


def column_schema(table: str) -> dg.TableSchema:
    schema: pa.Schema = spec(table).schema
    return dg.TableSchema(
        columns=[
            dg.TableColumn(f.name, str(f.type), description=describe(table, f.name) or None)
            for f in schema
        ]
    )


def preview(
    rows: list[dict] | pl.DataFrame, columns: list[str], limit: int = 5
) -> dg.MetadataValue:
    frame = rows if isinstance(rows, pl.DataFrame) else pl.DataFrame(rows[:limit] or None)
    if frame.is_empty():
        return dg.MetadataValue.md("_no rows_")
    frame = frame.select([c for c in columns if c in frame.columns]).head(limit)
    shown = frame.with_columns(pl.col(pl.String).str.slice(0, 80))
    return dg.MetadataValue.md(_markdown(shown))


def _markdown(frame: pl.DataFrame) -> str:
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = [
        "| " + " | ".join(str(v).replace("|", "\\|").replace("\n", " ") for v in row) + " |"
        for row in frame.iter_rows()
    ]
    return "\n".join([header, rule, *body])


def table_metadata(table: str, row_count: int, **extra: object) -> dict[str, object]:
    return {"dagster/row_count": row_count, "dagster/column_schema": column_schema(table), **extra}
