"""`corpus maintain`: the lake's housekeeping (also the daily `maintain_lake` schedule)."""

from __future__ import annotations

import argparse

from pipelines.cli.common import add_lake_argument, add_wait_argument, lake_of

DESCRIPTION = (
    "Drop superseded rows, compact small files, vacuum files older than the retention, "
    "rebuild the catalog."
)
EXAMPLE = "corpus maintain --retention-hours 168"


def add_parser(sub: argparse._SubParsersAction) -> None:
    from corpus.lake.maintain import DEFAULT_RETENTION_HOURS, DEFAULT_TARGET_FILE_SIZE

    maintain = sub.add_parser(
        "maintain", help="compact small files, vacuum old ones, drop superseded rows"
    )
    add_lake_argument(maintain)
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
    add_wait_argument(maintain)
    maintain.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpus.lake.maintain import maintain

    lake = lake_of(args).require()
    with lake.writing("maintain", wait=args.wait):
        report = maintain(
            lake, target_file_size=args.target_file_size, retention_hours=args.retention_hours
        )
    print(report.render())
    return 0
