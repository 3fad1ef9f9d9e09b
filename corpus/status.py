"""A plain-text picture of the lake: tables, row counts, batches (landed, pending, failed), rejects."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from corpus.lake.lake import Lake
from corpus.lake.registry import BatchState
from corpus.timings import StageTimes


@dataclass(slots=True)
class LakeStatus:
    uri: str
    row_counts: dict[str, int]
    batches: pl.DataFrame
    unfinished: list[BatchState] = field(default_factory=list)
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)
    timings: bool = False  # show each batch's seconds and items per stage

    @property
    def n_rejects(self) -> int:
        return sum(self.rejects_by_reason.values())

    def render(self) -> str:
        width = max(len(n) for n in self.row_counts)
        lines = [f"lake {self.uri}", "tables (rows readers see):"]
        lines += [f"  {name:<{width}}  {count:>9,}" for name, count in self.row_counts.items()]
        lines.append(f"landed batches ({self.batches.height} shown, newest last):")
        for row in self.batches.iter_rows(named=True):
            lines.append(
                f"  {row['batch_id']}  files={row['n_files']:<6} articles={row['n_articles']:<7} "
                f"rejects={row['n_rejects']:<5} {row['seconds']:.1f}s"
            )
            if self.timings:
                lines.append(f"      {StageTimes.render(row['stage_seconds'])}")
        for state in self.unfinished:
            label = "FAILED" if state.failed else "pending"
            error = f": {state.last_error}" if state.last_error else ""
            lines.append(
                f"  {state.batch_id}  {label} after {state.attempts} attempt(s), "
                f"{state.n_files} files{error}"
            )
        if any(s.failed for s in self.unfinished):
            lines.append("  (fix the cause, then `corpus ingest --retry-failed`)")
        if self.missing_files:
            lines.append(
                f"raw files gone from the raw root ({len(self.missing_files)}; their rows stay "
                "until `corpus ingest --prune`):"
            )
            lines += [f"  {path}" for path in self.missing_files[:10]]
            if len(self.missing_files) > 10:
                lines.append(f"  ... and {len(self.missing_files) - 10} more")
        if self.rejects_by_reason:
            lines.append("rejects by reason:")
            lines += [f"  {reason:<22} {n:>7,}" for reason, n in self.rejects_by_reason.items()]
        return "\n".join(lines)


def lake_status(
    lake: Lake,
    recent: int = 5,
    missing_files: list[str] | None = None,
    *,
    timings: bool = False,
) -> LakeStatus:
    # the row counts come from the Delta log (`Lake.row_counts`), so only the rejects by reason
    # read rows (the status ends every ingest, a no-op's too): on a 22,000-article lake 0.10
    # CPU-s, against 0.27-0.31 with the visible articles derived and every table scanned
    row_counts = lake.require().row_counts()
    recent_batches = (
        lake.scan("batches")
        .sort("registered_at", "batch_id")
        .tail(recent)
        .select(
            "batch_id",
            "n_files",
            "n_articles",
            "n_rejects",
            "stage_seconds",
            ((pl.col("finished_at") - pl.col("started_at")).dt.total_milliseconds() / 1000).alias(
                "seconds"
            ),
        )
    )
    reasons = lake.scan("rejects").group_by("reason").len().sort("reason")
    batches, by_reason = pl.collect_all([recent_batches, reasons])
    unfinished = [s for s in lake.batch_states() if not s.landed]
    return LakeStatus(
        lake.uri,
        row_counts,
        batches,
        unfinished,
        dict(by_reason.iter_rows()),
        list(missing_files or []),
        timings,
    )
