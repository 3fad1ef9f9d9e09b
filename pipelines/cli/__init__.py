"""`corpus`: run the same Dagster definitions in-process, for users who never open the UI.

Runs are recorded in a persistent local Dagster instance (`$DAGSTER_HOME`, default the lake's
`.dagster/`), so `make ui` shows them afterwards. Expected failures (a missing raw folder, an
unknown article) print one line and exit non-zero, without a traceback. One module per command:
its parser, its description and example, and its `run`.
"""

from __future__ import annotations

import argparse
import sys

from pipelines.cli import duplicates, export, ingest, maintain, query, report, status, verify
from pipelines.cli.common import UsageError

COMMANDS = (ingest, status, query, export, report, maintain, verify, duplicates)


def build_parser() -> argparse.ArgumentParser:
    """Every command, each with a description and an example on its --help; and --version."""
    from importlib.metadata import version

    parser = argparse.ArgumentParser(
        prog="corpus",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n" + "\n".join(f"  {c.EXAMPLE}" for c in COMMANDS),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"corpus-lake {version('corpus-lake')} (duckdb {version('duckdb')})",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    for command, sub_parser in zip(COMMANDS, sub.choices.values(), strict=True):
        sub_parser.formatter_class = argparse.RawDescriptionHelpFormatter
        sub_parser.description = command.DESCRIPTION
        sub_parser.epilog = f"example:\n  {command.EXAMPLE}"
    return parser


def main(argv: list[str] | None = None) -> int:
    from corpus.config import ConfigError
    from corpus.lake.storage import LakeError

    try:
        from assets.settings import check_config  # no Dagster: a no-op never imports it

        check_config()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, ConfigError) as exc:  # a setting found bad only when it is used
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except LakeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `corpus query ... | head`
        sys.stderr.close()
        return 0
