"""Delta tables under one lake URI: open, create, scan and write, each write one commit.

Every write casts to the table's canonical schema (`TableSpec.rows_to_table`). Errors that a user
meets (a corrupt log, an unreachable store, a lake from a newer pipeline) become `LakeError`: one
line naming the table or setting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import polars as pl
import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, Schema, Transaction, write_deltalake
from deltalake.exceptions import DeltaError, TableNotFoundError
from deltalake.transaction import AddAction

from corpus.lake.parts import Part, modification_time
from corpus.lake.tables import spec

LAKE_FORMAT = 2  # bump when a table's meaning changes; a newer lake is refused, never rewritten
FORMAT_TAG = f"corpus-lake format {LAKE_FORMAT}"
COMMIT_RETRIES = 10  # concurrent appends to log tables are retried by deltalake, not failed
# deltalake buffers one file per partition value until it reaches this size: it bounds a streamed
# write's memory (partitions x this), where its default (100 MiB) would hold whole batches
WRITE_FILE_SIZE = 16 * 1024**2


POLARS_OWN = {"max_retries", "retry_timeout"}


class LakeError(Exception):
    """A problem with the lake a user can act on: the message is one line, no traceback."""


class CommitConflict(LakeError):
    """Another run committed the same work first (`TableStore.add_parts` with an app id)."""


def normalize_uri(uri: str | Path) -> str:
    """Object-store URIs stay as they are; a local path (or file:// URI) becomes absolute."""
    text = str(uri)
    if text.startswith("file://"):
        text = text[len("file://") :]
    if "://" in text:
        return text.rstrip("/")
    return str(Path(text).expanduser().resolve())


class TableStore:
    """The Delta side of a lake: one URI per table, storage options passed on every call."""

    def __init__(
        self, uri: str, storage_options: Mapping[str, str] | None = None, *, hint: str = ""
    ) -> None:
        self.uri = uri
        self.storage_options = dict(storage_options or {})
        self.hint = hint  # the settings to check when the store cannot be reached

    @property
    def is_local(self) -> bool:
        """A folder, where the lake's lock (`flock`) admits one writer at a time."""
        return "://" not in self.uri

    def _where(self) -> str:
        return f"the lake at {self.uri}" + (f" ({self.hint})" if self.hint else "")

    def table_uri(self, name: str) -> str:
        return f"{self.uri}/{name}"

    def open(self, name: str) -> DeltaTable | None:
        try:
            table = DeltaTable(self.table_uri(name), storage_options=self.storage_options or None)
        except TableNotFoundError:
            return None
        except (DeltaError, OSError) as exc:
            raise LakeError(
                f"table {name!r} of {self._where()} cannot be opened: {_first_line(exc)}"
            ) from exc
        description = table.metadata().description or ""
        if description.startswith("corpus-lake format "):
            found = int(description.rsplit(" ", 1)[1])
            if found > LAKE_FORMAT:
                raise LakeError(
                    f"the lake at {self.uri} was written by a newer corpus-lake (format {found}; "
                    f"this one reads format {LAKE_FORMAT}): upgrade corpus-lake"
                )
        return table

    def version(self, name: str) -> int | None:
        table = self.open(name)
        return None if table is None else table.version()

    def ensure(self, name: str) -> None:
        """Create the empty table so readers and the catalog always find its schema; give a table
        made by an older release the columns added since (nullable: its rows read them as null)."""
        existing = self.open(name)
        if existing is not None:
            self._add_new_columns(name, existing)
        else:
            table = spec(name)
            try:
                DeltaTable.create(
                    self.table_uri(name),
                    schema=table.schema,
                    partition_by=list(table.partitions) or None,
                    description=FORMAT_TAG,
                    mode="ignore",
                    storage_options=self.storage_options or None,
                )
            except (DeltaError, OSError) as exc:
                raise LakeError(
                    f"cannot create table {name!r} in {self._where()}: {_first_line(exc)}"
                ) from exc

    def _add_new_columns(self, name: str, table: DeltaTable) -> None:
        have = {f.name for f in table.schema().fields}
        wanted = spec(name).schema
        missing = [f for f in wanted if f.name not in have]
        if not missing:
            return
        fields = Schema.from_arrow(pa.schema([f.with_nullable(True) for f in missing])).fields
        try:
            table.alter.add_columns(list(fields))
        except (DeltaError, OSError) as exc:
            again = self.open(name)
            if again is not None and {f.name for f in missing} <= {
                f.name for f in again.schema().fields
            }:
                return  # another writer added them first
            raise LakeError(
                f"cannot add columns {[f.name for f in missing]} to table {name!r} of "
                f"{self._where()}: {_first_line(exc)}"
            ) from exc

    def scan(
        self, name: str, version: int | None = None, *, batch_id: str | None = None
    ) -> pl.LazyFrame:
        """Every row of the table's snapshot (all of them, landed or not); with `batch_id`, the
        rows of that batch, read from the files whose statistics say they may hold it (`add`
        actions' min and max `batch_id`): a batch's rows at a cost that follows its own files,
        not the table's (the ingest asset reads its batch's rows after each batch)."""
        table = spec(name)
        opened = self.open(name)
        if opened is None:
            return pl.from_arrow(table.schema.empty_table()).lazy()  # type: ignore[union-attr]
        if version is not None and (self.is_local or batch_id is not None):
            opened.load_as_version(version)
        if batch_id is not None:
            frame = self.scan_files(name, _files_of_batch(opened, batch_id))
            frame = frame.filter(pl.col("batch_id") == batch_id)
        elif self.is_local:
            # polars would open the table a second time (~4 ms, ~100 scans per ingest), pinning
            # the version it finds then, as this one is. An object store keeps polars' own open,
            # which also resolves credentials ("auto") that a handed-over table would skip.
            frame = pl.scan_delta(opened)
        else:
            frame = pl.scan_delta(
                self.table_uri(name), version=version, storage_options=self.scan_options() or None
            )
        have = set(frame.collect_schema().names())
        missing = [f for f in table.schema if f.name not in have]
        if missing:  # a table from an older release, not yet given them by `ensure`: read null
            dtypes = pl.from_arrow(pa.schema(missing).empty_table()).schema  # type: ignore[union-attr]
            frame = frame.with_columns(
                pl.lit(None, dtype=dtypes[f.name]).alias(f.name) for f in missing
            )
        return frame.select(table.schema.names)

    def scan_files(self, name: str, paths: list[str]) -> pl.LazyFrame:
        """Some of a table's files (paths relative to it, as its log has them): their partition
        columns come from the paths (hive style, as Delta writes them) as strings."""
        table = spec(name)
        if not paths:
            return pl.from_arrow(table.schema.empty_table()).lazy()  # type: ignore[union-attr]
        return pl.scan_parquet(
            [f"{self.table_uri(name)}/{unquote(path)}" for path in paths],
            hive_partitioning=bool(table.partitions),
            hive_schema={p: pl.String for p in table.partitions} or None,
            storage_options=self.scan_options() or None,
        )

    def scan_options(self) -> dict[str, str]:
        """The storage options for polars, which parses retries itself (as an int, unlike
        deltalake's strings) and so gets them without ours."""
        return {k: v for k, v in self.storage_options.items() if k not in POLARS_OWN}

    def files(self, name: str) -> list[str]:
        """The Parquet files of the table's current version (a glob would also see removed ones)."""
        table = self.open(name)
        return [] if table is None else list(table.file_uris())

    # writes: each one Delta commit

    def append(
        self, name: str, rows: list[dict] | pa.Table, *, metadata: dict | None = None
    ) -> None:
        """Add rows in one commit; `metadata` goes into the commit (see `commit_versions`)."""
        self._write(name, rows, mode="append", metadata=metadata)

    def commit_versions(self, name: str, key: str, *, limit: int = 500) -> dict[str, int]:
        """Commit metadata value of `key` -> the version that committed it, over the last
        `limit` commits: the order in which concurrent writers' commits really landed."""
        table = self.open(name)
        if table is None:
            return {}
        return {c[key]: c["version"] for c in table.history(limit) if key in c}

    def replace_where(
        self,
        name: str,
        rows: list[dict] | pa.Table | pa.RecordBatchReader,
        predicate: str,
        *,
        app: Transaction | None = None,
    ) -> None:
        """Replace the rows matching `predicate` by `rows`, in one commit (idempotent re-runs);
        `app` goes into the commit (see `add_parts`)."""
        self._write(name, rows, mode="overwrite", predicate=predicate, app=app)

    def overwrite(
        self, name: str, rows: list[dict] | pa.Table, *, metadata: dict | None = None
    ) -> None:
        """Replace the whole table; `metadata` goes into the commit (see `Lake` refresh)."""
        self._write(name, rows, mode="overwrite", metadata=metadata)

    def add_parts(self, name: str, parts: list[Part], *, app: Transaction | None = None) -> None:
        """Add already-written part files (`corpus.lake.parts`) in one commit: the rows were
        streamed to storage chunk by chunk, and only this commit makes them visible.

        With `app` (a Delta app transaction) the parts are added once per app version: the
        commit records it, a concurrent commit recording the same app id makes Delta fail this
        one, and a snapshot that already holds it at this version or later is refused here
        (`CommitConflict`), checked on the snapshot the commit is made on."""
        self.ensure(name)
        table = self.open(name)
        assert table is not None
        if app is not None:
            done = table.transaction_version(app.app_id)
            if done is not None and done >= app.version:
                raise CommitConflict(
                    f"table {name!r} of {self._where()}: {app.app_id} was already committed "
                    f"(version {done}) by another run"
                )
        now = modification_time()
        actions = [AddAction(p.path, p.size, p.partition_values, now, True, p.stats) for p in parts]
        table.create_write_transaction(
            actions,
            mode="append",
            schema=spec(name).schema,
            partition_by=list(spec(name).partitions) or None,
            commit_properties=_properties(None, app),
        )

    def delete_where(self, name: str, predicate: str) -> None:
        """Delete the rows matching `predicate` in one commit (nothing to do: no commit)."""
        table = self.open(name)
        if table is not None:
            table.delete(
                predicate, commit_properties=CommitProperties(max_commit_retries=COMMIT_RETRIES)
            )

    def delete_matching(self, name: str, keys: pa.Table) -> int:
        """Delete the rows whose columns equal a row of `keys` (a join, so the commit's size does
        not grow with the number of keys the way an SQL predicate would); returns rows deleted."""
        if keys.num_rows == 0:
            return 0
        table = self.open(name)
        if table is None:
            return 0
        on = " AND ".join(f"t.{c} = s.{c}" for c in keys.column_names)
        metrics = (
            table.merge(
                keys,
                predicate=on,
                source_alias="s",
                target_alias="t",
                commit_properties=CommitProperties(max_commit_retries=COMMIT_RETRIES),
            )
            .when_matched_delete()
            .execute()
        )
        return int(metrics.get("num_target_rows_deleted", 0))

    def _write(
        self,
        name: str,
        rows: list[dict] | pa.Table | pa.RecordBatchReader,
        *,
        mode: str,
        predicate: str | None = None,
        metadata: dict | None = None,
        app: Transaction | None = None,
    ) -> None:
        self.ensure(name)
        table = spec(name)
        data = rows if isinstance(rows, pa.RecordBatchReader) else table.rows_to_table(rows)
        write_deltalake(
            self.table_uri(name),
            data,
            mode=mode,  # type: ignore[arg-type]
            predicate=predicate,
            partition_by=list(table.partitions) or None,
            storage_options=self.storage_options or None,
            target_file_size=WRITE_FILE_SIZE,
            commit_properties=_properties(metadata, app),
        )


@dataclass(frozen=True, slots=True)
class FileStats:
    """One current file of a table as its log's `add` action describes it."""

    path: str  # relative to the table, as the log has it
    rows: int | None  # `numRecords`; None when the writer left no statistics
    low: str | None  # min and max `batch_id` of its rows (None: not a batch table, or unknown)
    high: str | None


def file_stats(table: DeltaTable) -> list[FileStats]:
    """The table's current files with their row counts and `batch_id` ranges."""
    adds = pa.table(table.get_add_actions(flatten=True))
    n = adds.num_rows
    has_range = "min.batch_id" in adds.column_names
    low = adds["min.batch_id"].to_pylist() if has_range else [None] * n
    high = adds["max.batch_id"].to_pylist() if has_range else [None] * n
    return [
        FileStats(*row)
        for row in zip(
            adds["path"].to_pylist(), adds["num_records"].to_pylist(), low, high, strict=True
        )
    ]


def _files_of_batch(table: DeltaTable, batch_id: str) -> list[str]:
    """The table's files whose `batch_id` statistics admit `batch_id` (all, lacking them)."""
    return [
        f.path
        for f in file_stats(table)
        if f.low is None or f.high is None or f.low <= batch_id <= f.high
    ]


def _properties(metadata: dict | None, app: Transaction | None) -> CommitProperties:
    return CommitProperties(
        custom_metadata=metadata,
        max_commit_retries=COMMIT_RETRIES,
        app_transactions=[app] if app is not None else None,
    )


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _first_line(exc: BaseException) -> str:
    """The error as one line: object_store nests its causes over several indented lines."""
    text = " ".join(_ANSI.sub("", str(exc)).replace("↳", " ").split())
    return (text[:400] + " …" if len(text) > 400 else text) or type(exc).__name__


def sql_string(value: str) -> str:
    """A SQL string literal: the one place predicates quote values."""
    return "'" + value.replace("'", "''") + "'"
