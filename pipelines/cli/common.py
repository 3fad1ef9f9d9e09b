"""What every command shares: the usage error, the default roots, the lake and its instance."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


class UsageError(Exception):
    """A mistake in how the command was called or in its inputs: one line, exit 2."""


def default_lake_root() -> str:
    """--lake's default: env CORPUS_LAKE_ROOT, else corpus.toml's [lake] root, else lake/."""
    from assets.settings import LakeStoreFields

    return LakeStoreFields().root


def default_raw_root() -> str:
    """--raw's default: env CORPUS_RAW_ROOT, else corpus.toml's [raw] root, else raw/."""
    from assets.settings import RawStoreFields

    return RawStoreFields().root


def add_lake_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lake",
        default=default_lake_root(),
        help="lake folder or s3://bucket/prefix (default: %(default)s)",
    )


def add_wait_argument(parser: argparse.ArgumentParser) -> None:
    """--wait, defaulting to the lake resource's lock wait (corpus.toml's [lake])."""
    from assets.settings import LakeStoreFields

    parser.add_argument(
        "--wait",
        type=float,
        default=LakeStoreFields().lock_wait_seconds,
        help="seconds to wait for another writer of the lake (default: %(default)s)",
    )


OLD_INSTANCE_YAML = "telemetry:\n  enabled: false\n"  # what releases before the storages wrote
INSTANCE_MARK = "# corpus: the lake's instance; rewritten when the folder moves"


def instance_yaml(home: Path) -> str:
    """The `dagster.yaml` of a lake's instance: Dagster's layout under `home`, the storages of
    `pipelines.instance_storage` (no connection per write), no telemetry."""
    storage = "pipelines.instance_storage"
    return (
        f"{INSTANCE_MARK}\n"
        "telemetry:\n  enabled: false\n"
        f"run_storage:\n  module: {storage}\n  class: LakeRunStorage\n"
        f"  config:\n    base_dir: {home / 'history'}\n"
        f"event_log_storage:\n  module: {storage}\n  class: LakeEventLogStorage\n"
        f"  config:\n    base_dir: {home / 'history' / 'runs'}\n"
        f"schedule_storage:\n  module: {storage}\n  class: LakeScheduleStorage\n"
        f"  config:\n    base_dir: {home / 'schedules'}\n"
    )


def dagster_home(lake) -> Path:
    """`$DAGSTER_HOME`, or the lake's own instance (one Dagster instance per lake)."""
    home = Path(os.environ.get("DAGSTER_HOME") or lake.dagster_home).resolve()
    os.environ["DAGSTER_HOME"] = str(home)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    text = config.read_text() if config.exists() else None
    ours = text is None or text == OLD_INSTANCE_YAML or text.startswith(INSTANCE_MARK)
    if ours and text != (wanted := instance_yaml(home)):  # new, from an older release, or moved
        config.write_text(wanted)
    return home


def instance(lake):
    """The lake's persistent Dagster instance, so `make ui` shows the CLI's runs."""
    dagster_home(lake)
    import dagster as dg

    return dg.DagsterInstance.get()


def lake_of(args: argparse.Namespace):
    """The lake the command names, built by the same resource the Definitions use."""
    from assets.settings import LakeStoreFields

    return LakeStoreFields(root=args.lake).lake()
