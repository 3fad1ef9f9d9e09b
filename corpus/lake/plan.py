"""Planning: which raw entries need a batch, compared with what the lake has registered.

A file needs reading when no registration holds its path with its current content hash. Hashing
is skipped when a file's size and mtime equal those of its latest registration (as rsync does),
so an unchanged tree is only listed, never re-read. Vanished files are reported, and become
tombstones only when asked (`prune`): many users empty their drop zone after ingesting.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from corpus.lake.registry import BatchFile
from corpus.lake.storage import TableStore
from corpus.lake.visibility import live_files, registered_files
from corpus.rawpath import raw_path_of
from corpus.rawscan import sha256_file, walk_raw_root


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


def plan_files(store: TableStore, raw_root: Path, *, exclude: Sequence[Path] = ()) -> Plan:
    """New or changed files under the raw root, newly refused entries (broken links, FIFOs,
    names that are not UTF-8, ...: each becomes one reject), and registered files that are gone."""
    if not raw_root.is_dir():
        raise FileNotFoundError(f"raw root {raw_root} is not a folder")
    known = latest_registered(store)
    plan = Plan()
    present: set[str] = set()
    entries, refused = walk_raw_root(raw_root, exclude=exclude)
    for entry in entries:
        present.add(entry.path)
        before = known.get(entry.path)
        if before and before["status"] == "file" and (before["size"], before["mtime_ns"]) == (
            entry.size,
            entry.mtime_ns,
        ):
            continue
        try:
            sha = sha256_file(raw_root / entry.path, expected_size=entry.size)
        except OSError:
            continue  # vanished or changed while listing: the next run sees it as it is then
        if before and before["status"] == "file" and before["sha256"] == sha:
            continue
        key = raw_path_of(entry.path)
        plan.files.append(BatchFile(entry.path, key, sha, entry.size, entry.mtime_ns, "file"))
    for entry in refused:
        present.add(entry.path)
        note = f"{entry.reason}: {entry.message}"
        before = known.get(entry.path)
        if before and before["status"] == "refused" and before["note"] == note:
            continue
        key = raw_path_of(entry.path)
        plan.files.append(BatchFile(entry.path, key, "", 0, 0, "refused", note))
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
