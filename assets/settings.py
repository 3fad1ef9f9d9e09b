"""The fields of the asset graph's resources, without Dagster: where raw files and the lake
live, how to run, the dedup parameters.

The CLI plans an ingest (and answers a no-op) from these alone, so it never waits for Dagster's
import (1.3-2.6 s on 2 busy cores) before planning; `assets.resources` makes the Dagster
resources from them, so each field, default and description is written once. Every field's
default is resolved when the object is built (never at import): its environment variable if it
has one, else `corpus.toml` (`corpus.config`; section = the class's `CONFIG_SECTION`, key = the
field), else the built-in default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from corpus.config import SOURCES_SECTION, ConfigError, configured, load_config, source_map
from corpus.dedup.config import DedupConfig
from corpus.engine import ENGINE_ENV, RAY_ADDRESS_ENV, Engine, check_engine
from corpus.formats.mapping import DEFAULT_MAPPING, load_field_mapping
from corpus.formats.options import ReadOptions
from corpus.lake import Lake
from corpus.lake.batching import BatchLimits
from corpus.lake.objectstore import S3Settings, is_object_store

_DEFAULT_DEDUP = DedupConfig()
_DEFAULT_READ = ReadOptions()
_DEFAULT_LIMITS = BatchLimits()
MAPPING_ENV = "CORPUS_FIELD_MAPPING"
RAW_ENV = "CORPUS_RAW_ROOT"
LAKE_ENV = "CORPUS_LAKE_ROOT"
DEFAULT_RAW = "raw"
DEFAULT_LAKE = "lake"


def setting(section: str, key: str, default: Any, env: str | None = None) -> Any:
    """A default factory: env var, else `corpus.toml`, else `default` (see the module doc)."""
    return lambda: configured(section, key, env=env, default=default)


class RawStoreFields(BaseModel):
    """`RawStore`'s fields: the raw root, how its files are read and batched."""

    CONFIG_SECTION: ClassVar[str] = "raw"
    root: str = Field(
        default_factory=setting("raw", "root", DEFAULT_RAW, RAW_ENV),
        description=f"Folder of raw dumps, or s3://bucket/prefix reached with the lake's S3 "
        f"settings (env {RAW_ENV}, default raw/).",
    )
    field_mapping: str | None = Field(
        default_factory=setting("raw", "field_mapping", None, MAPPING_ENV),
        description=f"TOML/JSON file mapping JSON export fields (env {MAPPING_ENV}).",
    )
    max_ratio: float = Field(
        default_factory=setting("raw", "max_ratio", _DEFAULT_READ.max_ratio),
        description="Decompression ratio above which a member is a bomb.",
    )
    max_member_bytes: int = Field(
        default_factory=setting("raw", "max_member_bytes", _DEFAULT_READ.max_member_bytes),
        description="Largest decompressed member.",
    )
    record_time_limit: float = Field(
        default_factory=setting("raw", "record_time_limit", _DEFAULT_READ.record_time_limit),
        description="Seconds one record may take.",
    )

    max_batch_files: int = Field(
        default_factory=lambda: int(
            configured(
                "raw",
                "max_batch_files",
                env="CORPUS_MAX_BATCH_FILES",
                default=_DEFAULT_LIMITS.max_files,
            )
        ),
        description="Most files in one batch; more new files become several batches "
        "(env CORPUS_MAX_BATCH_FILES).",
    )
    max_batch_bytes: int = Field(
        default_factory=lambda: int(
            configured(
                "raw",
                "max_batch_bytes",
                env="CORPUS_MAX_BATCH_BYTES",
                default=_DEFAULT_LIMITS.max_bytes,
            )
        ),
        description="Most raw bytes in one batch (env CORPUS_MAX_BATCH_BYTES, default 2 GiB).",
    )

    def batch_limits(self) -> BatchLimits:
        return BatchLimits(self.max_batch_files, self.max_batch_bytes)

    def read_options(self) -> ReadOptions:
        mapping = load_field_mapping(self.field_mapping) if self.field_mapping else DEFAULT_MAPPING
        return ReadOptions(
            mapping=mapping,
            max_ratio=self.max_ratio,
            max_member_bytes=self.max_member_bytes,
            record_time_limit=self.record_time_limit,
            sources=source_map(),
        )

    @property
    def path(self) -> Path:
        return Path(self.root)


class LakeStoreFields(BaseModel):
    """`LakeStore`'s fields: the lake URI, its S3 settings, the writer lock wait."""

    CONFIG_SECTION: ClassVar[str] = "lake"
    root: str = Field(
        default_factory=setting("lake", "root", DEFAULT_LAKE, LAKE_ENV),
        description=f"Lake URI or folder (env {LAKE_ENV}, default lake/), e.g. s3://bucket/lake.",
    )
    endpoint_url: str | None = Field(
        default_factory=lambda: S3Settings.configured().endpoint_url,
        description="S3 endpoint of an S3-compatible store (env AWS_ENDPOINT_URL).",
    )
    region: str | None = Field(
        default_factory=lambda: S3Settings.configured().region,
        description="S3 region (env AWS_REGION).",
    )
    allow_http: bool = Field(
        default_factory=lambda: S3Settings.configured().allow_http,
        description="Allow a plain-http endpoint, e.g. a test server (env AWS_ALLOW_HTTP).",
    )
    path_style: bool = Field(
        default_factory=lambda: S3Settings.configured().path_style,
        description="Bucket in the URL path, as most S3-compatible stores want "
        "(env CORPUS_S3_PATH_STYLE).",
    )
    lock_wait_seconds: float = Field(
        default_factory=setting("lake", "lock_wait_seconds", 600.0),
        description="How long a run waits for another writer of the lake before failing.",
    )

    def s3_settings(self) -> S3Settings:
        return S3Settings(self.endpoint_url, self.region, self.allow_http, self.path_style)

    def lake(self) -> Lake:
        if is_object_store(self.root):
            return Lake(self.root, self.s3_settings().storage_options())
        return Lake(self.root)


class IngestSettingsFields(BaseModel):
    """`IngestSettings`'s fields: run-level knobs that do not change output."""

    CONFIG_SECTION: ClassVar[str] = "ingest"
    show_progress: bool = Field(default=False, description="Progress bar over files (CLI runs).")
    workers: int = Field(
        default_factory=setting("ingest", "workers", 0),
        description="Processes that parse a large batch; 0 means one per core.",
    )
    engine: str = Field(
        default_factory=setting("ingest", "engine", "local", ENGINE_ENV),
        description=f"Where ingest and dedup run: local or ray (env {ENGINE_ENV}).",
    )
    ray_address: str | None = Field(
        default_factory=setting("ingest", "ray_address", None, RAY_ADDRESS_ENV),
        description=f"Ray cluster to join with the ray engine (env {RAY_ADDRESS_ENV}); "
        "unset: a local Ray with 2 CPUs.",
    )

    def compute_engine(self) -> Engine:
        """The engine, connected when it is Ray (a bad address fails here, in one line)."""
        engine = check_engine(self.engine)
        if engine == "ray":
            from corpus.engine.ray_runtime import connect

            connect(self.ray_address)
        return engine


class DedupSettingsFields(BaseModel):
    """`DedupSettings`'s fields: the dedup parameters (`DedupConfig`)."""

    CONFIG_SECTION: ClassVar[str] = "dedup"
    shingle_size: int = Field(
        default_factory=setting("dedup", "shingle_size", _DEFAULT_DEDUP.shingle_size)
    )
    num_perm: int = Field(default_factory=setting("dedup", "num_perm", _DEFAULT_DEDUP.num_perm))
    bands: int = Field(default_factory=setting("dedup", "bands", _DEFAULT_DEDUP.bands))
    rows: int = Field(default_factory=setting("dedup", "rows", _DEFAULT_DEDUP.rows))
    threshold: float = Field(
        default_factory=setting("dedup", "threshold", _DEFAULT_DEDUP.threshold)
    )
    seed: int = Field(default_factory=setting("dedup", "seed", _DEFAULT_DEDUP.seed))
    keep_rule: list[str] = Field(
        default_factory=setting("dedup", "keep_rule", list(_DEFAULT_DEDUP.keep_rule))
    )
    boilerplate_min_articles: int = Field(
        default_factory=setting(
            "dedup", "boilerplate_min_articles", _DEFAULT_DEDUP.boilerplate_min_articles
        )
    )

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


RESOURCE_CLASSES = (RawStoreFields, LakeStoreFields, IngestSettingsFields, DedupSettingsFields)


def check_config() -> None:
    """Every key of `corpus.toml` names a resource field, and the S3 switches parse; raise
    `ConfigError` otherwise."""
    S3Settings.configured()
    known = {cls.CONFIG_SECTION: set(cls.model_fields) for cls in RESOURCE_CLASSES}
    for section, values in load_config().items():
        if section == SOURCES_SECTION:
            source_map()  # its keys are publisher names; checked as an alias map
            continue
        if section not in known:
            raise ConfigError(f"corpus.toml: unknown section [{section}]; known: {sorted(known)}")
        unknown = sorted(set(values) - known[section])
        if unknown:
            raise ConfigError(
                f"corpus.toml: unknown keys in [{section}]: {unknown}; known: {sorted(known[section])}"
            )
