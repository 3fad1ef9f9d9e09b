"""`corpus.toml`: one file of settings that the CLI, the sensor and `make ui` all read.

Found at `$CORPUS_CONFIG`, else `./corpus.toml`; absent is fine. Precedence, highest first: a
command-line flag, an environment variable, this file, the built-in default. Sections mirror the
Dagster resources (`[raw]`, `[lake]`, `[ingest]`, `[dedup]`); a key the resources do not know is an
error, so a misspelling never goes unnoticed (checked in `assets.resources`).

    [raw]
    root = "dumps"
    field_mapping = "mapping.toml"
    [lake]
    root = "s3://bucket/news"
    [ingest]
    workers = 4
    engine = "ray"              # or "local" (env CORPUS_ENGINE)
    ray_address = "ray://head:10001"  # unset: a local Ray with 2 CPUs (env RAY_ADDRESS)
    [dedup]
    threshold = 0.8
    keep_rule = ["longest_text", "earliest_published_at", "smallest_id"]
    [sources]  # publisher aliases: canonical = ["alias", ...] (see corpus.normalize.source)
    the-guardian = ["theguardian.com", "guardian.co.uk"]

`[sources]` is the one section whose keys are names of the user's choosing, not settings.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from corpus.normalize.source import SourceMap, SourceMapError

CONFIG_ENV = "CORPUS_CONFIG"
DEFAULT_FILE = "corpus.toml"
SOURCES_SECTION = "sources"


class ConfigError(ValueError):
    """The config file cannot be read or names an unknown setting: one line for the user."""


def config_path() -> Path | None:
    named = os.environ.get(CONFIG_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"config file {path} ({CONFIG_ENV}) does not exist")
        return path
    default = Path(DEFAULT_FILE)
    return default if default.is_file() else None


def load_config() -> dict[str, dict[str, Any]]:
    """The config file's sections (empty when there is no file)."""
    path = config_path()
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {path} does not parse: {exc}") from None
    for section, values in data.items():
        if not isinstance(values, dict):
            raise ConfigError(f"config file {path}: '{section}' must be a [section]")
    return data


def configured(section: str, key: str, *, env: str | None = None, default: Any = None) -> Any:
    """A setting's value: the environment variable, else the config file, else `default`."""
    if env and os.environ.get(env):
        return os.environ[env]
    return load_config().get(section, {}).get(key, default)


def source_map() -> SourceMap:
    """The publisher alias map of the `[sources]` section (built-in rule only when absent)."""
    try:
        return SourceMap.from_table(load_config().get(SOURCES_SECTION, {}))
    except SourceMapError as exc:
        raise ConfigError(f"config file {config_path()}: {exc}") from None
