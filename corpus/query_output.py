"""Run SQL on the catalog and write the result as a table, CSV, JSON or Parquet.

`corpus query` used to print DuckDB's box-drawn preview, which shows the first and last rows and
cuts everything to 80 columns: fine for a glance, useless in a pipe. Here `limit` means the first
N rows, and a table written anywhere but a terminal is never cut.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import duckdb
import polars as pl

FORMATS = ("table", "csv", "json", "parquet")
TERMINAL_ROWS = 40  # a table on a terminal shows this many rows unless --limit says otherwise
BINARY_FORMATS = frozenset({"parquet"})


class QueryError(Exception):
    """The SQL failed in DuckDB (one line, meant for the user)."""


def run_query(
    con: duckdb.DuckDBPyConnection, sql: str, *, limit: int | None = None
) -> pl.DataFrame:
    """The result of `sql` on the catalog `con` is connected to (the caller closes it), cut to
    its first `limit` rows (in the query's order)."""
    try:
        relation = con.sql(sql)
        if relation is None:  # a statement without a result (e.g. SET)
            return pl.DataFrame()
        if limit is not None:
            relation = relation.limit(limit)
        return relation.pl()
    except duckdb.Error as exc:
        raise QueryError(str(exc).splitlines()[0]) from exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, pl.Series):
        value = value.to_list()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _json_safe_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns (lists, structs) as JSON text: CSV has no other way to hold them."""
    nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
    if not nested:
        return frame
    return frame.with_columns(
        pl.Series(name, [_cell(v) or None for v in frame[name].to_list()], dtype=pl.String)
        for name in nested
    )


def render_table(frame: pl.DataFrame, *, width: int | None = None) -> str:
    """Aligned plain-text columns; with `width`, long cells are cut so each line fits in it."""
    columns = frame.columns
    rows = [[_cell(v).replace("\n", " ") for v in row] for row in frame.iter_rows()]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    if width is not None and columns:
        budget = max(width - 2 * (len(columns) - 1), len(columns) * 4)
        while sum(widths) > budget and max(widths) > 4:
            widest = widths.index(max(widths))
            widths[widest] -= 1

    def line(cells: Sequence[str]) -> str:
        fitted = [
            c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)
        ]
        return "  ".join(c.ljust(w) for c, w in zip(fitted, widths, strict=True)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out) + "\n"


def write_result(
    frame: pl.DataFrame, fmt: str, out: IO[str] | IO[bytes] | Path, *, terminal: bool = False
) -> None:
    """Write `frame` in `fmt` to a path or an open stream (text, or bytes for Parquet)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        frame.write_parquet(out)  # type: ignore[arg-type]
        return
    if fmt == "table":
        width = shutil.get_terminal_size().columns if terminal else None
        text = render_table(frame, width=width)
    elif fmt == "csv":
        text = _json_safe_columns(frame).write_csv()
    else:
        buffer = io.StringIO()
        json.dump(frame.to_dicts(), buffer, ensure_ascii=False, default=str, indent=1)
        text = buffer.getvalue() + "\n"
    if isinstance(out, Path):
        out.write_text(text, encoding="utf-8")
    else:
        out.write(text)  # type: ignore[arg-type]
