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


def default_lake_root() -> str:
    """--lake's default: env CORPUS_LAKE_ROOT, else corpus.toml's [lake] root, else lake/."""
    from assets.resources import LakeStore

    return LakeStore().root


def default_raw_root() -> str:
    """--raw's default: env CORPUS_RAW_ROOT, else corpus.toml's [raw] root, else raw/."""
    from assets.resources import RawStore

    return RawStore().root


def dagster_home(lake) -> Path:
    """`$DAGSTER_HOME`, or the lake's own instance (one Dagster instance per lake)."""
    home = Path(os.environ.get("DAGSTER_HOME") or lake.dagster_home).resolve()
    os.environ["DAGSTER_HOME"] = str(home)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n")
    return home


def _instance(lake):
    dagster_home(lake)
    import dagster as dg

    return dg.DagsterInstance.get()


def _lake(args: argparse.Namespace):
    """The lake the command names, built by the same resource the Definitions use."""
    from assets.resources import LakeStore

    return LakeStore(root=args.lake).lake()


def cmd_ingest(args: argparse.Namespace) -> int:
    raw_root = args.raw
    if not Path(raw_root).is_dir():
        raise UsageError(f"raw folder {raw_root!r} does not exist (--raw or CORPUS_RAW_ROOT)")
    warnings.filterwarnings("ignore")
    from assets.resources import LakeStore, RawStore
    from corpus.formats.mapping import MappingError
    from pipelines.runner import IngestRequest, Runtime, ingest

    lake = _lake(args)
    lake.exists()  # unreachable or misconfigured storage: one line, before anything is written
    raw = RawStore(root=raw_root)
    try:  # settings are checked before anything is registered: a bad one writes nothing
        raw.read_options()
    except MappingError as exc:
        raise UsageError(f"{exc} (CORPUS_FIELD_MAPPING)") from None

    def definitions():  # imported only when a run is needed: the asset graph takes seconds
        from pipelines.definitions import build_definitions

        return build_definitions(raw_root, lake.uri, show_progress=not args.quiet)

    request = IngestRequest(
        prune=args.prune,
        reprocess=args.reprocess,
        reprocess_all=args.all,
        source=args.source,
        retry_failed=args.retry_failed,
    )
    with lake.writing("ingest", wait=args.wait):  # before the instance: its first creation races
        home = dagster_home(lake)
        runtime = Runtime(raw, LakeStore(root=lake.uri), home, definitions, lambda: _instance(lake))
        outcome = ingest(runtime, request=request)
    plan = outcome.schedule
    if plan.retried:
        print(f"retried {len(plan.retried)} pending batch(es): {', '.join(plan.retried)}")
    for registration in plan.registered:
        label = {"new": "new or changed", "reprocess": "re-read", "prune": "pruned"}[
            registration.kind
        ]
        print(f"batch {registration.batch_id}: {len(registration.files)} {label} files")
    if not plan.batch_ids:
        print(f"no new or changed files under {raw_root}/")
    failed = outcome.failed_run
    if failed is not None:
        report_failure(failed, verbose=args.verbose)
        return 1
    return print_status(lake, example=True, missing=[f.path for f in plan.missing])


def report_failure(run, *, verbose: bool) -> None:
    """The failing step's one-line cause first; the whole error with --verbose or in the UI."""
    for event in run.all_events:
        if not event.is_step_failure:
            continue
        error = event.step_failure_data.error
        cause = error
        while cause is not None and cause.cause is not None:
            cause = cause.cause
        line = (cause or error).message.strip().splitlines()[0]
        print(f"error: {event.step_key}: {line}", file=sys.stderr)
        if verbose:
            print(error.to_string(), file=sys.stderr)
    print(
        f"run {run.run_id} failed; the next `corpus ingest` retries it "
        "(`make ui` shows its logs, --verbose the traceback)",
        file=sys.stderr,
    )


def print_status(
    lake, *, example: bool = False, missing: list[str] | None = None, timings: bool = False
) -> int:
    from corpus.status import lake_status

    status = lake_status(lake, missing_files=missing, timings=timings)
    print(status.render())
    if example and lake.is_local:
        print(
            f"\nquery it:  cd {lake.local_path} && {duckdb_cli()} catalog.duckdb "
            '-c "select source, count(*) from articles group by 1"'
        )
    if status.n_rejects:
        print(f"warning: {status.n_rejects} inputs were rejected; see the rejects table")
    return 0


def duckdb_cli() -> str:
    """The DuckDB CLI installed beside this interpreter (pinned with the library), else PATH's."""
    beside = Path(sys.executable).parent / "duckdb"
    return str(beside) if beside.exists() else "duckdb"


def cmd_status(args: argparse.Namespace) -> int:
    from corpus.lake.plan import plan_files

    lake = _lake(args).require()
    missing = []
    if Path(args.raw).is_dir():
        missing = [f.path for f in plan_files(lake.store, Path(args.raw)).missing]
    return print_status(lake, missing=missing, timings=args.timings)


def cmd_maintain(args: argparse.Namespace) -> int:
    from corpus.lake.maintain import maintain

    lake = _lake(args).require()
    with lake.writing("maintain", wait=args.wait):
        report = maintain(
            lake, target_file_size=args.target_file_size, retention_hours=args.retention_hours
        )
    print(report.render())
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from corpus.lake.verify import verify

    lake = _lake(args)
    breaches = verify(lake)
    for breach in breaches:
        print(f"BREACH {breach}")
    if breaches:
        return 1
    print(f"lake {lake.uri}: every contract holds")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
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
    connect(_lake(args)).close()  # a one-line error without a lake; rebuilds a stale catalog
    catalog = _lake(args).catalog_path
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
        view = explain_article(_lake(args).require(), args.article_id)
    except UnknownArticle:
        raise UsageError(f"no article {args.article_id!r} in the lake at {args.lake!r}") from None
    print(view.render())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from corpus.export import ExportError, ExportFilter, export
    from corpus.lake.catalog import connect

    where = ExportFilter(
        sources=tuple(args.source or ()),
        languages=tuple(args.language or ()),
        since=args.since,
        min_words=args.min_words,
    )
    try:
        connect(_lake(args)).close()  # one-line error without a lake; rebuilds a stale catalog
        result = export(
            _lake(args).catalog_path,
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
    from corpus.lake.catalog import connect
    from corpus.report import write_report

    connect(_lake(args)).close()  # one-line error without a lake; rebuilds a stale catalog
    print(f"report written to {write_report(args.lake, args.output)}")
    return 0


def add_report_parser(sub: argparse._SubParsersAction) -> None:
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
        "Re-run pending batches, then read new or changed files under the raw folder into a "
        "batch and land it in the lake; refresh duplicates, boilerplate and the catalog when a "
        "batch landed.",
        "corpus ingest --raw raw --lake lake",
    ),
    "status": (
        "Show row counts, landed, pending and failed batches, vanished raw files and rejects "
        "by reason.",
        "corpus status",
    ),
    "maintain": (
        "Drop superseded rows, compact small files, vacuum files older than the retention, "
        "rebuild the catalog.",
        "corpus maintain --retention-hours 168",
    ),
    "verify": (
        "Check every contract of the lake as it is; exit 1 naming each breach.",
        "corpus verify --lake lake",
    ),
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
    parser = argparse.ArgumentParser(prog="corpus", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="ingest new or changed raw files, then refresh the lake")
    ingest.add_argument(
        "--raw", default=default_raw_root(), help="raw folder (default: %(default)s)"
    )
    ingest.add_argument(
        "--lake",
        default=default_lake_root(),
        help="lake folder or s3://bucket/prefix (default: %(default)s)",
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("-v", "--verbose", action="store_true", help="full error on failure")
    ingest.add_argument(
        "--prune", action="store_true", help="remove the rows of raw files that vanished"
    )
    ingest.add_argument(
        "--reprocess",
        action="store_true",
        help="re-read files made under other settings (pipeline, extractor, field mapping)",
    )
    ingest.add_argument("--all", action="store_true", help="with --reprocess: every file")
    ingest.add_argument("--source", help="with --reprocess: only files of this source folder")
    ingest.add_argument(
        "--retry-failed", action="store_true", help="give failed batches a new set of retries"
    )
    ingest.add_argument(
        "--wait",
        type=float,
        default=600.0,
        help="seconds to wait for another writer of the lake (default: %(default)s)",
    )
    ingest.set_defaults(func=cmd_ingest)
    status = sub.add_parser("status", help="tables, row counts, batches, rejects by reason")
    status.add_argument("--lake", default=default_lake_root())
    status.add_argument(
        "--raw", default=default_raw_root(), help="raw folder, to list vanished files"
    )
    status.add_argument(
        "--timings", action="store_true", help="seconds and items per stage of each batch"
    )
    status.set_defaults(func=cmd_status)
    add_query_parser(sub)
    add_export_parser(sub)
    add_report_parser(sub)
    from corpus.lake.maintain import DEFAULT_RETENTION_HOURS, DEFAULT_TARGET_FILE_SIZE

    maintain = sub.add_parser(
        "maintain", help="compact small files, vacuum old ones, drop superseded rows"
    )
    maintain.add_argument("--lake", default=default_lake_root())
    maintain.add_argument(
        "--target-file-size",
        type=int,
        default=DEFAULT_TARGET_FILE_SIZE,
        help="bytes per compacted file (default: %(default)s)",
    )
    maintain.add_argument(
        "--retention-hours",
        type=float,
        default=DEFAULT_RETENTION_HOURS,
        help="keep removed files (and time travel) this long (default: %(default)s)",
    )
    maintain.add_argument("--wait", type=float, default=600.0)
    maintain.set_defaults(func=cmd_maintain)
    verify = sub.add_parser("verify", help="check every contract of the lake; exit 1 on a breach")
    verify.add_argument("--lake", default=default_lake_root())
    verify.set_defaults(func=cmd_verify)
    duplicates = sub.add_parser("duplicates", help="show the duplicate cluster of an article")
    duplicates.add_argument("article_id")
    duplicates.add_argument("--lake", default=default_lake_root())
    duplicates.set_defaults(func=cmd_duplicates)
    add_version_and_examples(parser, sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from corpus.config import ConfigError
    from corpus.lake.storage import LakeError

    try:
        from assets.resources import check_config

        check_config()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except LakeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `corpus query ... | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
