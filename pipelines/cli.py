"""`corpus`: run the same Dagster definitions in-process, for users who never open the UI.

Runs are recorded in a persistent local Dagster instance (`$DAGSTER_HOME`, default `.dagster/`
in the current folder), so `make ui` shows them afterwards. Expected failures (a missing raw
folder, an unknown article) print one line and exit non-zero, without a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path


class UsageError(Exception):
    """A mistake in how the command was called or in its inputs: one line, exit 2."""


def dagster_home() -> Path:
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(Path(".dagster").resolve())))
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n")
    return home


def _instance():
    dagster_home()
    import dagster as dg

    return dg.DagsterInstance.get()


def cmd_ingest(args: argparse.Namespace) -> int:
    raw_root, lake_root = args.raw, args.lake
    if not Path(raw_root).is_dir():
        raise UsageError(f"raw folder {raw_root!r} does not exist")
    Path(lake_root).mkdir(parents=True, exist_ok=True)
    warnings.filterwarnings("ignore")
    from pipelines.definitions import build_definitions
    from pipelines.runner import ingest_new_files

    defs = build_definitions(raw_root, lake_root, show_progress=not args.quiet)
    outcome = ingest_new_files(defs, _instance(), raw_root, lake_root)
    if outcome.manifest is None:
        print(f"no new or changed files under {raw_root}/")
    else:
        print(
            f"batch {outcome.manifest.batch_id}: {len(outcome.manifest.files)} new or changed files"
        )
    if not outcome.success:
        failed = (
            outcome.ingest_run
            if outcome.ingest_run and not outcome.ingest_run.success
            else outcome.refresh_run
        )
        print(f"error: run {failed.run_id} failed; `make ui` shows its logs", file=sys.stderr)
        for event in failed.all_events:
            if event.is_failure and event.step_failure_data:
                print(
                    f"  {event.step_key}: {event.step_failure_data.error.message.strip()}",
                    file=sys.stderr,
                )
        return 1
    return print_status(lake_root, example=True)


def print_status(lake_root: str, *, example: bool = False) -> int:
    from corpus.status import lake_status

    status = lake_status(lake_root)
    print(status.render())
    if example:
        print(
            f'\nquery it:  duckdb {Path(lake_root) / "catalog.duckdb"} -c "select source, count(*) from articles group by 1"'
        )
    if status.n_rejects:
        print(f"warning: {status.n_rejects} inputs were rejected; see the rejects table")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    if not (Path(args.lake) / "catalog.duckdb").exists():
        raise UsageError(f"no lake at {args.lake!r}: run `corpus ingest` first")
    return print_status(args.lake)


def cmd_query(args: argparse.Namespace) -> int:
    from corpus.query_output import (
        BINARY_FORMATS,
        TERMINAL_ROWS,
        QueryError,
        run_query,
        write_result,
    )

    catalog = Path(args.lake) / "catalog.duckdb"
    if not catalog.exists():
        raise UsageError(f"no catalog at {catalog}: run `corpus ingest` first")
    if args.format in BINARY_FORMATS and args.output is None:
        raise UsageError(f"--format {args.format} writes a file: give it with -o FILE")
    terminal = args.output is None and sys.stdout.isatty()
    limit = args.limit if args.limit is not None or not terminal else TERMINAL_ROWS
    try:
        frame = run_query(catalog, args.sql, limit=limit)
    except QueryError as exc:
        raise UsageError(str(exc)) from exc
    write_result(frame, args.format, args.output or sys.stdout, terminal=terminal)
    if terminal and args.limit is None and frame.height == TERMINAL_ROWS:
        print(f"(first {TERMINAL_ROWS} rows; --limit N for more, or pipe it)", file=sys.stderr)
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    from corpus.explain import UnknownArticle, explain_article

    try:
        view = explain_article(args.lake, args.article_id)
    except UnknownArticle:
        raise UsageError(f"no article {args.article_id!r} in the lake at {args.lake!r}") from None
    print(view.render())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from corpus.export import ExportError, ExportFilter, export

    where = ExportFilter(
        sources=tuple(args.source or ()),
        languages=tuple(args.language or ()),
        since=args.since,
        min_words=args.min_words,
    )
    try:
        result = export(
            Path(args.lake) / "catalog.duckdb",
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


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    import datetime as dt

    from corpus.export import FORMATS
    from corpus.lake.paths import default_lake_root

    export = sub.add_parser(
        "export",
        help="export unique articles (or clean paragraphs) as JSONL/Parquet shards or for datasets",
        description="Export the deduplicated articles (the catalog's unique_articles view), or "
        "with --paragraphs their paragraphs without boilerplate (clean_paragraphs), in shards.",
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
    export.add_argument("--lake", default=default_lake_root())
    export.add_argument("--quiet", action="store_true", help="no progress bar")
    export.set_defaults(func=cmd_export)


def cmd_report(args: argparse.Namespace) -> int:
    from corpus.report import write_report

    if not (Path(args.lake) / "catalog.duckdb").exists():
        raise UsageError(f"no lake at {args.lake!r}: run `corpus ingest` first")
    print(f"report written to {write_report(args.lake, args.output)}")
    return 0


def add_report_parser(sub: argparse._SubParsersAction) -> None:
    from corpus.lake.paths import default_lake_root

    report = sub.add_parser(
        "report",
        help="write a one-page HTML report of the lake (counts, plots, duplicates, rejects)",
        description="Write a self-contained HTML page (plots inlined) describing the lake.",
    )
    report.add_argument("-o", "--output", type=Path, default=Path("lake-report.html"))
    report.add_argument("--lake", default=default_lake_root())
    report.set_defaults(func=cmd_report)


# One example per command, shown by `corpus CMD --help` (and all of them by `corpus --help`).
EXAMPLES: dict[str, tuple[str, str]] = {
    "ingest": (
        "Read new or changed files under the raw folder into one batch, commit it to the lake, "
        "then refresh duplicates, boilerplate and the catalog.",
        "corpus ingest --raw raw --lake lake",
    ),
    "status": ("Show row counts, recent batches and rejects by reason.", "corpus status"),
    "query": (
        "",
        'corpus query "select source, count(*) from unique_articles group by 1" --format csv',
    ),
    "export": ("", "corpus export --format hf -o out/news --language en --since 2024-01-01"),
    "report": ("", "corpus report -o lake-report.html"),
    "duplicates": (
        "Show the duplicate cluster of an article: members, similarities and the keep rule.",
        "corpus duplicates 1965ea4969fc970c",
    ),
}


def add_version_and_examples(
    parser: argparse.ArgumentParser, sub: argparse._SubParsersAction
) -> None:
    """`--version`, and a description and example on every command's --help."""
    from importlib.metadata import version

    parser.add_argument(
        "--version",
        action="version",
        version=f"corpus-lake {version('corpus-lake')} (duckdb {version('duckdb')})",
    )
    for name, command in sub.choices.items():
        description, example = EXAMPLES[name]
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        command.description = command.description or description
        command.epilog = command.epilog or f"example:\n  {example}"
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = "examples:\n" + "\n".join(f"  {e}" for _, e in EXAMPLES.values())


def add_query_parser(sub: argparse._SubParsersAction) -> None:
    from corpus.lake.paths import default_lake_root
    from corpus.query_output import FORMATS

    query = sub.add_parser(
        "query",
        help="run SQL against lake/catalog.duckdb",
        description="Run SQL on the catalog's views and print or save the result.",
    )
    query.add_argument("sql")
    query.add_argument("--lake", default=default_lake_root())
    query.add_argument("--format", choices=FORMATS, default="table", help="(default: table)")
    query.add_argument("-o", "--output", type=Path, help="write to FILE instead of stdout")
    query.add_argument(
        "--limit", type=int, help="only the first N rows (a terminal shows 40 by default)"
    )
    query.set_defaults(func=cmd_query)


def build_parser() -> argparse.ArgumentParser:
    from corpus.lake.paths import default_lake_root, default_raw_root

    parser = argparse.ArgumentParser(prog="corpus", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="ingest new or changed raw files, then refresh the lake")
    ingest.add_argument(
        "--raw", default=default_raw_root(), help="raw folder (default: %(default)s)"
    )
    ingest.add_argument(
        "--lake", default=default_lake_root(), help="lake folder (default: %(default)s)"
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(func=cmd_ingest)
    status = sub.add_parser("status", help="tables, row counts, batches, rejects by reason")
    status.add_argument("--lake", default=default_lake_root())
    status.set_defaults(func=cmd_status)
    add_query_parser(sub)
    add_export_parser(sub)
    add_report_parser(sub)
    duplicates = sub.add_parser("duplicates", help="show the duplicate cluster of an article")
    duplicates.add_argument("article_id")
    duplicates.add_argument("--lake", default=default_lake_root())
    duplicates.set_defaults(func=cmd_duplicates)
    add_version_and_examples(parser, sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `corpus query ... | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
