"""Where the lake's tables and state live; a lake root is a local folder or an object-store URI."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_LAKE = "lake"
LAKE_ENV = "CORPUS_LAKE_ROOT"
RAW_ENV = "CORPUS_RAW_ROOT"


def default_lake_root() -> str:
    return os.environ.get(LAKE_ENV, DEFAULT_LAKE)


def default_raw_root() -> str:
    return os.environ.get(RAW_ENV, "raw")


def table_uri(lake_root: str | Path, table: str) -> str:
    root = str(lake_root)
    if "://" in root:
        return f"{root.rstrip('/')}/{table}"
    return str(Path(root).resolve() / table)


def state_dir(lake_root: str | Path) -> Path:
    """Local bookkeeping (batch manifests, file-hash cache): never analyst-facing."""
    return Path(lake_root) / "_state"


def catalog_path(lake_root: str | Path) -> Path:
    return Path(lake_root) / "catalog.duckdb"
