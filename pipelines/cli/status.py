"""`corpus status`: row counts, batches, vanished files and rejects; also printed after ingest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.cli.common import add_lake_argument, default_raw_root, lake_of

DESCRIPTION = (
    "Show row counts, landed, pending and failed batches, vanished raw files and rejects by reason."
)
EXAMPLE = "corpus status"


def add_parser(sub: argparse._SubParsersAction) -> None:
    status = sub.add_parser("status", help="tables, row counts, batches, rejects by reason")
    add_lake_argument(status)
    status.add_argument(
        "--raw", default=default_raw_root(), help="raw folder, to list vanished files"
    )
    status.add_argument(
        "--timings", action="store_true", help="seconds and items per stage of each batch"
    )
    status.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpus.lake.plan import plan_files

    lake = lake_of(args).require()
    missing = []
    if Path(args.raw).is_dir():
        missing = [f.path for f in plan_files(lake.store, Path(args.raw)).missing]
    return print_status(lake, missing=missing, timings=args.timings)


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
