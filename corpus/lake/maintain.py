"""Upkeep: drop superseded rows, compact small files, vacuum old ones, rebuild the catalog.

Each batch adds a small file per table and month partition; compaction rewrites them into files
of about `target_file_size` (one commit per table, rows unchanged). Vacuum deletes files that no
commit has referenced for `retention_hours`, then files no commit ever named that are older than
that and than `ORPHAN_GRACE` (a killed attempt's parts, which a retry on an object store leaves
when they are young: `remove_orphan_parts`; a younger one may be a running ingest's): time travel (`Lake.scan(..., version=N)`) keeps
working for versions younger than that, and until then a plain Parquet glob over a table's folder
still sees removed files (the catalog, `Lake.scan`, `pl.scan_delta` and `DeltaTable` never do).
Call under the lake's lock (`Lake.writing`).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from corpus.faults import checkpoint
from corpus.lake.commit import ORPHAN_GRACE, drop_superseded
from corpus.lake.lake import Lake
from corpus.lake.tables import TABLES

DEFAULT_TARGET_FILE_SIZE = 128 * 1024 * 1024  # bytes: the usual Parquet sweet spot
DEFAULT_RETENTION_HOURS = 168  # one week of time travel


@dataclass(slots=True)
class DiskUsage:
    files: int = 0
    bytes: int = 0

    def __str__(self) -> str:
        return f"{self.files:,} files, {self.bytes / 1e6:,.1f} MB"


@dataclass(slots=True)
class MaintenanceReport:
    before: DiskUsage
    after: DiskUsage
    superseded_rows: dict[str, int] = field(default_factory=dict)
    compacted: dict[str, dict] = field(default_factory=dict)
    vacuumed: dict[str, int] = field(default_factory=dict)

    def render(self) -> str:
        lines = [f"before: {self.before}", f"after:  {self.after}"]
        dropped = {k: v for k, v in self.superseded_rows.items() if v}
        if dropped:
            lines.append(f"superseded rows dropped: {dropped}")
        for name, metrics in self.compacted.items():
            if metrics.get("numFilesRemoved"):
                lines.append(
                    f"  {name}: {metrics['numFilesRemoved']} files compacted into "
                    f"{metrics['numFilesAdded']}"
                )
        removed = sum(self.vacuumed.values())
        lines.append(f"vacuum removed {removed} files no commit has used for the retention period")
        return "\n".join(lines)


def disk_usage(lake: Lake) -> DiskUsage:
    """Parquet files on disk under the lake's tables (local lakes), removed ones included."""
    usage = DiskUsage()
    if not lake.is_local:
        return usage
    for name in TABLES:
        for dirpath, _, filenames in os.walk(lake.local_path / name):
            for filename in filenames:
                if filename.endswith(".parquet"):
                    usage.files += 1
                    usage.bytes += (Path(dirpath) / filename).stat().st_size
    return usage


def maintain(
    lake: Lake,
    *,
    target_file_size: int = DEFAULT_TARGET_FILE_SIZE,
    retention_hours: float = DEFAULT_RETENTION_HOURS,
) -> MaintenanceReport:
    """Clean up, compact and vacuum every table, then rebuild the catalog."""
    from corpus.lake.catalog import build_catalog

    report = MaintenanceReport(before=disk_usage(lake), after=DiskUsage())
    report.superseded_rows = drop_superseded(lake.store)
    for name in TABLES:
        table = lake.store.open(name)
        if table is None:
            continue
        report.compacted[name] = table.optimize.compact(target_size=target_file_size)
        checkpoint(f"after-compact:{name}")
    orphan_hours = math.ceil(ORPHAN_GRACE.total_seconds() / 3600)
    for name in TABLES:
        table = lake.store.open(name)
        if table is None:
            continue
        removed = table.vacuum(
            retention_hours=int(retention_hours),
            enforce_retention_duration=False,
            dry_run=False,
        )
        removed += table.vacuum(
            retention_hours=max(int(retention_hours), orphan_hours),
            enforce_retention_duration=False,
            dry_run=False,
            full=True,
        )
        report.vacuumed[name] = len(removed)
    if lake.is_local:
        build_catalog(lake)
    report.after = disk_usage(lake)
    return report
