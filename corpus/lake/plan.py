"""Planning: which raw files need a batch, compared with what the lake has registered.

A file needs reading when no registration holds its path with its current content hash. Hashing
is skipped when a file's size and mtime equal those of its latest registration (as rsync does),
so an unchanged tree is only listed, never re-read. Vanished files are reported, and become
tombstones only when asked (`prune`): many users empty their drop zone after ingesting.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from corpus.discover import list_raw_files, sha256_file
from corpus.lake.registry import BatchFile
from corpus.lake.storage import TableStore
from corpus.lake.visibility import live_files, registered_files

RawPathOf = Callable[[str], str]


def identity_raw_path(path: str) -> str:
    return path


@dataclass(slots=True)
class Plan:
    """What a run has to do: new or changed files, and files that vanished from the raw root."""

    files: list[BatchFile] = field(default_factory=list)
    missing: list[BatchFile] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.files


def latest_registered(store: TableStore) -> dict[str, dict]:
    """path -> fields of its latest registration (landed, pending or failed)."""
    frame = (
        registered_files(store)
        .sort("registered_at", "batch_id")
        .group_by("path")
        .agg(pl.all().last())
        .collect()
    )
    return {row["path"]: row for row in frame.to_dicts()}


def plan_files(
    store: TableStore,
    raw_root: Path,
    *,
    exclude: Sequence[Path] = (),
    raw_path_of: RawPathOf = identity_raw_path,
) -> Plan:
    """New or changed files under the raw root, and registered files that are gone."""
    known = latest_registered(store)
    plan = Plan()
    present: set[str] = set()
    for rel in list_raw_files(raw_root, exclude=exclude):
        present.add(rel)
        path = raw_root / rel
        try:
            stat = path.stat()
        except OSError:
            continue  # vanished while listing: the next run sees it or its absence
        before = known.get(rel)
        if before and before["status"] == "file" and (before["size"], before["mtime_ns"]) == (
            stat.st_size,
            stat.st_mtime_ns,
        ):
            continue
        sha = sha256_file(path)
        if before and before["status"] == "file" and before["sha256"] == sha:
            continue
        plan.files.append(
            BatchFile(rel, raw_path_of(rel), sha, stat.st_size, stat.st_mtime_ns, "file")
        )
    live = {
        row["key"]: row["status"]
        for row in live_files(store).collect().iter_rows(named=True)
    }
    for rel, before in sorted(known.items()):
        if rel not in present and live.get(before["key"]) not in (None, "tombstone"):
            plan.missing.append(
                dataclasses.replace(
                    BatchFile(**{k: before[k] for k in BatchFile.__slots__}), status="tombstone"
                )
            )
    return plan
