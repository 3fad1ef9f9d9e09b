"""What every command shares: the usage error, the default roots, the lake and its instance."""

from __future__ import annotations

import argparse
import os
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


def add_lake_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lake",
        default=default_lake_root(),
        help="lake folder or s3://bucket/prefix (default: %(default)s)",
    )


def add_wait_argument(parser: argparse.ArgumentParser) -> None:
    """--wait, defaulting to the lake resource's lock wait (corpus.toml's [lake])."""
    from assets.resources import LakeStore

    parser.add_argument(
        "--wait",
        type=float,
        default=LakeStore().lock_wait_seconds,
        help="seconds to wait for another writer of the lake (default: %(default)s)",
    )


def dagster_home(lake) -> Path:
    """`$DAGSTER_HOME`, or the lake's own instance (one Dagster instance per lake)."""
    home = Path(os.environ.get("DAGSTER_HOME") or lake.dagster_home).resolve()
    os.environ["DAGSTER_HOME"] = str(home)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n")
    return home


def instance(lake):
    """The lake's persistent Dagster instance, so `make ui` shows the CLI's runs."""
    dagster_home(lake)
    import dagster as dg

    return dg.DagsterInstance.get()


def lake_of(args: argparse.Namespace):
    """The lake the command names, built by the same resource the Definitions use."""
    from assets.resources import LakeStore

    return LakeStore(root=args.lake).lake()
