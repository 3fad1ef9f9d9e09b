"""`corpus export`: unique articles or clean paragraphs as JSONL/Parquet shards or for datasets."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from contextlib import closing
from pathlib import Path

from pipelines.cli.common import UsageError, add_lake_argument, lake_of

DESCRIPTION = (
    "Export the deduplicated articles (the catalog's unique_articles view), or with "
    "--paragraphs their paragraphs without boilerplate (clean_paragraphs), in shards."
)
EXAMPLE = "corpus export --format hf -o out/news --language en --since 2024-01-01"


def add_parser(sub: argparse._SubParsersAction) -> None:
    from corpus.export import FORMATS

    export = sub.add_parser(
        "export",
        help="export unique articles (or clean paragraphs) as JSONL/Parquet shards or for datasets",
    )
    export.add_argument("-o", "--output", type=Path, required=True, help="new or empty folder")
    export.add_argument("--format", choices=FORMATS, default="jsonl", help="(default: jsonl)")
    export.add_argument("--paragraphs", action="store_true", help="export clean_paragraphs")
    export.add_argument("--shard-size", type=int, default=50_000, help="rows per file")
    export.add_argument("--source", action="append", help="only this source (repeatable)")
    export.add_argument("--language", action="append", help="only this language (repeatable)")
    export.add_argument(
        "--since", type=dt.date.fromisoformat, help="published on or after YYYY-MM-DD"
    )
    export.add_argument("--min-words", type=int, help="rows with at least N words")
    add_lake_argument(export)
    export.add_argument("--quiet", action="store_true", help="no progress bar")
    export.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpus.export import ExportError, ExportFilter, export
    from corpus.lake.catalog import connect

    where = ExportFilter(
        sources=tuple(args.source or ()),
        languages=tuple(args.language or ()),
        since=args.since,
        min_words=args.min_words,
    )
    with closing(connect(lake_of(args))) as con:  # rebuilds a stale catalog first
        try:
            result = export(
                con,
                args.output,
                fmt=args.format,
                kind="paragraphs" if args.paragraphs else "articles",
                where=where,
                shard_rows=args.shard_size,
                progress=not args.quiet and sys.stderr.isatty(),
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
    print(f"{result.rows} rows in {len(result.files)} files under {args.output}/")
    return 0
