"""What the raw root holds, as the UI shows it, and which publisher a raw path belongs to.

Walking the root safely is `corpus.rawscan`; deciding what needs a batch is `corpus.lake.plan`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from corpus.rawobjects import open_walk


def source_of(raw_path: str) -> str | None:
    """The publisher folder: the first folder under the raw root (`raw/<source>/...`)."""
    head, sep, _ = raw_path.partition("/")
    return head if sep else None


def raw_summary(raw_root: str | Path, *, exclude: Sequence[Path] = ()) -> tuple[dict, str]:
    """Files and bytes per source folder, and a version that changes when any file does (path,
    size or mtime): what the UI shows upstream of the tables (a folder or an object store)."""
    per_source: dict[str, dict[str, int]] = {}
    digest = hashlib.sha256()
    for entry in open_walk(raw_root, exclude=exclude).files():
        stats = per_source.setdefault(source_of(entry.path) or "(root)", {"files": 0, "bytes": 0})
        stats["files"] += 1
        stats["bytes"] += entry.size
        digest.update(f"{entry.path}\0{entry.size}\0{entry.mtime_ns}\n".encode())
    return dict(sorted(per_source.items())), digest.hexdigest()[:16]
