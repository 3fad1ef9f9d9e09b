"""`corpus query`: SQL on the catalog's views, printed or saved as CSV, JSON or Parquet."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path

from pipelines.cli.common import UsageError, add_lake_argument, lake_of

DESCRIPTION = "Run SQL on the catalog's views and print or save the result."
EXAMPLE = 'corpus query "select source, count(*) from unique_articles group by 1" --format csv'


def add_parser(sub: argparse._SubParsersAction) -> None:
    from corpus.query_output import FORMATS

    query = sub.add_parser("query", help="run SQL against lake/catalog.duckdb")
    query.add_argument("sql")
    add_lake_argument(query)
    query.add_argument("--format", choices=FORMATS, default="table", help="(default: table)")
    query.add_argument("-o", "--output", type=Path, help="write to FILE instead of stdout")
    query.add_argument(
        "--limit", type=int, help="only the first N rows (a terminal shows 40 by default)"
    )
    query.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpus.lake.catalog import connect
    from corpus.query_output import (
        BINARY_FORMATS,
        TERMINAL_ROWS,
        QueryError,
        run_query,
        write_result,
    )

    if args.format in BINARY_FORMATS and args.output is None:
        raise UsageError(f"--format {args.format} writes a file: give it with -o FILE")
    terminal = args.output is None and sys.stdout.isatty()
    limit = args.limit if args.limit is not None or not terminal else TERMINAL_ROWS
    with closing(connect(lake_of(args))) as con:  # rebuilds a stale catalog first
        try:
            frame = run_query(con, args.sql, limit=limit)
        except QueryError as exc:
            raise UsageError(str(exc)) from exc
    write_result(frame, args.format, args.output or sys.stdout, terminal=terminal)
    if terminal and args.limit is None and frame.height == TERMINAL_ROWS:
        print(f"(first {TERMINAL_ROWS} rows; --limit N for more, or pipe it)", file=sys.stderr)
    return 0
