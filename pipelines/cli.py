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
    import duckdb

    catalog = Path(args.lake) / "catalog.duckdb"
    if not catalog.exists():
        raise UsageError(f"no catalog at {catalog}: run `corpus ingest` first")
    con = duckdb.connect(str(catalog), read_only=True)
    try:
        con.sql(args.sql).show(max_rows=args.limit)
    except duckdb.Error as exc:
        raise UsageError(str(exc).splitlines()[0]) from exc
    finally:
        con.close()
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    from corpus.explain import UnknownArticle, explain_article

    try:
        view = explain_article(args.lake, args.article_id)
    except UnknownArticle:
        raise UsageError(f"no article {args.article_id!r} in the lake at {args.lake!r}") from None
    print(view.render())
    return 0


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
    query = sub.add_parser("query", help="run SQL against lake/catalog.duckdb")
    query.add_argument("sql")
    query.add_argument("--lake", default=default_lake_root())
    query.add_argument("--limit", type=int, default=40, help="rows to print")
    query.set_defaults(func=cmd_query)
    duplicates = sub.add_parser("duplicates", help="show the duplicate cluster of an article")
    duplicates.add_argument("article_id")
    duplicates.add_argument("--lake", default=default_lake_root())
    duplicates.set_defaults(func=cmd_duplicates)
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
