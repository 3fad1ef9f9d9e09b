"""`Lake`: the one object every layer holds: tables, scans, batches, commits, catalog, upkeep.

Built from a URI (a local path, `file://…` or `s3://bucket/prefix`) and storage options. The CLI,
the Dagster resources, the sensor and a notebook all build the same object; nothing below it reads
the environment.

    lake = Lake("lake")
    lake.scan("articles").filter(pl.col("source") == "meridian-wire").collect()
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import polars as pl

from corpus.lake import registry
from corpus.lake.counts import row_counts
from corpus.lake.lock import lake_lock
from corpus.lake.objectstore import S3_DEFAULTS, is_object_store
from corpus.lake.storage import LakeError, TableStore, normalize_uri
from corpus.lake.tables import TABLES, spec
from corpus.lake.visibility import Seen, seen_in_batch, seen_now, superseded, visible

CATALOG_NAME = "catalog.duckdb"
DAGSTER_DIR = ".dagster"


class Lake:
    """A lake of Delta tables under one URI."""

    def __init__(self, uri: str | Path, storage_options: Mapping[str, str] | None = None) -> None:
        self.uri = normalize_uri(uri)
        options = dict(storage_options or {})
        hint = ""
        if is_object_store(self.uri):  # safe commits and fast failures unless told otherwise
            options = {**S3_DEFAULTS, **options}
            hint = ", ".join(
                f"{env}={options.get(key, '(unset)')}"
                for env, key in (
                    ("AWS_ENDPOINT_URL", "aws_endpoint_url"),
                    ("AWS_REGION", "aws_region"),
                )
            )
        self.store = TableStore(self.uri, options, hint=hint)
        self._seen = False  # a lake, once seen, does not vanish under a reader

    def __repr__(self) -> str:
        return f"Lake({self.uri!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lake) and other.uri == self.uri

    def __hash__(self) -> int:
        return hash(self.uri)

    # where things are

    @property
    def is_local(self) -> bool:
        return "://" not in self.uri

    @property
    def local_path(self) -> Path:
        if not self.is_local:
            raise LakeError(f"the lake at {self.uri} is not a local folder")
        return Path(self.uri)

    @property
    def catalog_path(self) -> Path:
        """`catalog.duckdb` inside a local lake; for an object-store lake, in a local folder
        named after its URI (a DuckDB file cannot be written in place on S3; its views read
        the lake's files there: `corpus.lake.catalog`)."""
        if not self.is_local:
            digest = hashlib.sha256(self.uri.encode()).hexdigest()[:16]
            return Path.home() / ".cache" / "corpus-lake" / f"catalog-{digest}" / CATALOG_NAME
        return self.local_path / CATALOG_NAME

    @property
    def dagster_home(self) -> Path:
        """The Dagster instance that serves this lake (one per lake) for local lakes; an
        object-store lake has no local folder, so its instance is wherever DAGSTER_HOME says."""
        if not self.is_local:
            raise LakeError(f"the lake at {self.uri} is not local: set DAGSTER_HOME to a folder")
        return self.local_path / DAGSTER_DIR

    def exists(self) -> bool:
        """Whether the lake has been created (raises `LakeError` if its store is unreachable)."""
        if not self._seen:
            self._seen = self.store.open("registrations") is not None
        return self._seen

    def require(self) -> Lake:
        """This lake, or a one-line error naming where it was looked for."""
        if not self.exists():
            raise LakeError(f"no lake at {self.uri}: run `corpus ingest` first")
        return self

    # reading

    def scan(
        self,
        name: str,
        *,
        committed: bool = True,
        version: int | None = None,
        seen: Seen | None = None,
        batch_id: str | None = None,
    ) -> pl.LazyFrame:
        """A lazy frame over a table; by default only the rows readers see (see `visibility`),
        as of `seen` when given (`seen_now()`: several scans share one visibility computation);
        with `batch_id`, that batch's rows only, read from its own files (`TableStore.scan`).
        A lake that is not there is an error naming where it was looked for, never 0 rows."""
        self.require()
        frame = self.store.scan(name, version, batch_id=batch_id)
        if committed and spec(name).scope == "batch":
            frame = visible(self.store, name, frame, seen=seen)
        return frame

    def seen_now(self) -> Seen:
        """What readers see now (live files, visible articles), computed once for many scans."""
        return seen_now(self.require().store)

    def seen_in_batch(self, batch_id: str) -> Seen:
        """What readers see of one batch's rows now (`visibility.seen_in_batch`)."""
        return seen_in_batch(self.require().store, batch_id)

    def row_counts(self, names: Iterable[str] | None = None) -> dict[str, int]:
        """Rows readers see per table (all tables by default), from the Delta log's file
        statistics rather than a scan (`corpus.lake.counts`)."""
        return row_counts(self.require().store, TABLES if names is None else names)

    def after_batch(self, batch_id: str, names: Iterable[str]) -> tuple[Seen, dict[str, int]]:
        """`seen_in_batch(batch_id)` and `row_counts(names)` at once: both start from the
        superseded files, which read every registration, so that is read once."""
        store = self.require().store
        stale = superseded(store)
        return seen_in_batch(store, batch_id, stale=stale), row_counts(store, names, stale=stale)

    def read(
        self, name: str, *, committed: bool = True, version: int | None = None
    ) -> pl.DataFrame:
        return self.scan(name, committed=committed, version=version).collect()

    def versions(self) -> dict[str, int | None]:
        return {name: self.store.version(name) for name in TABLES}

    # batches

    def batch_states(self) -> list[registry.BatchState]:
        return registry.batch_states(self.store)

    def registration(self, batch_id: str) -> registry.Registration:
        return registry.load_registration(self.store, batch_id)

    # writing

    @contextlib.contextmanager
    def writing(self, purpose: str, *, wait: float = 0.0) -> Iterator[Lake]:
        """Hold the lake's writer lock (local lakes) while the block runs."""
        with lake_lock(self.local_path if self.is_local else None, purpose, wait=wait):
            yield self


def as_lake(lake: Lake | str | Path) -> Lake:
    return lake if isinstance(lake, Lake) else Lake(lake)


def scan(name: str, lake: Lake | str | Path, **options: object) -> pl.LazyFrame:
    """`Lake(lake).scan(name)`: for notebooks."""
    return as_lake(lake).scan(name, **options)  # type: ignore[arg-type]


def read(name: str, lake: Lake | str | Path, **options: object) -> pl.DataFrame:
    return as_lake(lake).read(name, **options)  # type: ignore[arg-type]
