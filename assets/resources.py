"""Typed configuration for the asset graph: where raw files and the lake live, how to run.

Defaults come from environment variables when the resource is built (never at import), with the
project-local `raw/` and `lake/` as the fallback.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
from pydantic import Field

from corpus.dedup.config import DedupConfig
from corpus.formats.mapping import DEFAULT_MAPPING, load_field_mapping
from corpus.formats.options import ReadOptions
from corpus.lake import Lake

_DEFAULT_DEDUP = DedupConfig()
_DEFAULT_READ = ReadOptions()
MAPPING_ENV = "CORPUS_FIELD_MAPPING"
RAW_ENV = "CORPUS_RAW_ROOT"
LAKE_ENV = "CORPUS_LAKE_ROOT"
DEFAULT_RAW = "raw"
DEFAULT_LAKE = "lake"


class RawStore(dg.ConfigurableResource):
    """The drop zone that the sensor watches, and how its files are read."""

    root: str = Field(
        default_factory=lambda: os.environ.get(RAW_ENV, DEFAULT_RAW),
        description=f"Folder of raw dumps (env {RAW_ENV}, default raw/).",
    )
    field_mapping: str | None = Field(
        default_factory=lambda: os.environ.get(MAPPING_ENV) or None,
        description=f"TOML/JSON file mapping JSON export fields (env {MAPPING_ENV}).",
    )
    max_ratio: float = Field(
        default=_DEFAULT_READ.max_ratio,
        description="Decompression ratio above which a member is a bomb.",
    )
    max_member_bytes: int = Field(
        default=_DEFAULT_READ.max_member_bytes, description="Largest decompressed member."
    )
    record_time_limit: float = Field(
        default=_DEFAULT_READ.record_time_limit, description="Seconds one record may take."
    )

    def read_options(self) -> ReadOptions:
        mapping = load_field_mapping(self.field_mapping) if self.field_mapping else DEFAULT_MAPPING
        return ReadOptions(
            mapping=mapping,
            max_ratio=self.max_ratio,
            max_member_bytes=self.max_member_bytes,
            record_time_limit=self.record_time_limit,
        )

    @property
    def path(self) -> Path:
        return Path(self.root)


class LakeStore(dg.ConfigurableResource):
    """The lake's location: a local folder or an object-store URI; `lake()` is the `Lake`."""

    root: str = Field(
        default_factory=lambda: os.environ.get(LAKE_ENV, DEFAULT_LAKE),
        description=f"Lake URI or folder (env {LAKE_ENV}, default lake/).",
    )
    lock_wait_seconds: float = Field(
        default=600.0,
        description="How long a run waits for another writer of the lake before failing.",
    )

    def lake(self) -> Lake:
        return Lake(self.root)


class IngestSettings(dg.ConfigurableResource):
    """Run-level knobs that do not change output."""

    show_progress: bool = Field(default=False, description="Progress bar over files (CLI runs).")
    workers: int = Field(
        default=0, description="Processes that parse a large batch; 0 means one per core."
    )


class DedupSettings(dg.ConfigurableResource):
    """Dedup parameters; they change output, so their version is recorded per batch."""

    shingle_size: int = _DEFAULT_DEDUP.shingle_size
    num_perm: int = _DEFAULT_DEDUP.num_perm
    bands: int = _DEFAULT_DEDUP.bands
    rows: int = _DEFAULT_DEDUP.rows
    threshold: float = _DEFAULT_DEDUP.threshold
    seed: int = _DEFAULT_DEDUP.seed
    keep_rule: list[str] = Field(default_factory=lambda: list(_DEFAULT_DEDUP.keep_rule))
    boilerplate_min_articles: int = _DEFAULT_DEDUP.boilerplate_min_articles

    def config(self) -> DedupConfig:
        return DedupConfig(
            shingle_size=self.shingle_size,
            num_perm=self.num_perm,
            bands=self.bands,
            rows=self.rows,
            threshold=self.threshold,
            seed=self.seed,
            keep_rule=tuple(self.keep_rule),
            boilerplate_min_articles=self.boilerplate_min_articles,
        )
