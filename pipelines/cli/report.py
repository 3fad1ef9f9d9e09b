"""`corpus report`: a one-page HTML report of the lake (also the `lake_report` asset)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipelines.cli.common import add_lake_argument, lake_of

DESCRIPTION = "Write a self-contained HTML page (plots inlined) describing the lake."
EXAMPLE = "corpus report -o lake-report.html"


def add_parser(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser(
        "report",
        help="write a one-page HTML report of the lake (counts, plots, duplicates, rejects)",
    )
    report.add_argument("-o", "--output", type=Path, default=Path("lake-report.html"))
    add_lake_argument(report)
    report.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpus.report import write_report

    lake_of(args).require()  # one line, not a traceback, when there is no lake
    print(f"report written to {write_report(args.lake, args.output)}")
    return 0
