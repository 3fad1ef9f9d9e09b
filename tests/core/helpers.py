"""Running real files through the batch's processing (read -> extract -> normalize -> Arrow)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from corpus.dedup.config import DedupConfig
from corpus.process import BatchTables, tables_of_files
from corpus.records import RawFile

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def write_raw(root: Path, files: dict[str, bytes]) -> list[RawFile]:
    """Write `files` under `root` and describe them as a batch would."""
    found = []
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        found.append(RawFile(rel, hashlib.sha256(data).hexdigest(), len(data)))
    return found


def tables_of(root: Path, files: dict[str, bytes]) -> BatchTables:
    return tables_of_files(write_raw(root, files), root, "b1", WHEN, DedupConfig())
