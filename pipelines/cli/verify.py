"""`corpus verify`: every contract of the lake, checked as it is."""

from __future__ import annotations

import argparse

from pipelines.cli.common import add_lake_argument, lake_of

DESCRIPTION = "Check every contract of the lake as it is; exit 1 naming each breach."
EXAMPLE = "corpus verify --lake lake"


def add_parser(sub: argparse._SubParsersAction) -> None:
    verify = sub.add_parser("verify", help="check every contract of the lake; exit 1 on a breach")
    add_lake_argument(verify)
    verify.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpus.lake.verify import verify

    lake = lake_of(args)
    breaches = verify(lake)
    for breach in breaches:
        print(f"BREACH {breach}")
    if breaches:
        return 1
    print(f"lake {lake.uri}: every contract holds")
    return 0
