"""A plain-text picture of the lake: tables, row counts, recent batches, rejects by reason."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from corpus.lake.read import scan
from corpus.lake.schemas import TABLES


@dataclass(slots=True)
class LakeStatus:
    row_counts: dict[str, int]
    batches: pl.DataFrame
    rejects_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def n_rejects(self) -> int:
        return sum(self.rejects_by_reason.values())

    def render(self) -> str:
        width = max(len(n) for n in self.row_counts)
        lines = ["tables (committed rows):"]
        lines += [f"  {name:<{width}}  {count:>9,}" for name, count in self.row_counts.items()]
        lines.append(f"batches ({self.batches.height} shown, newest last):")
        for row in self.batches.iter_rows(named=True):
            lines.append(
                f"  {row['batch_id']}  files={row['n_files']:<6} articles={row['n_articles']:<7} "
                f"rejects={row['n_rejects']:<5} {row['seconds']:.1f}s"
            )
        if self.rejects_by_reason:
            lines.append("rejects by reason:")
            lines += [f"  {reason:<22} {n:>7,}" for reason, n in self.rejects_by_reason.items()]
        return "\n".join(lines)


def lake_status(lake_root: str, recent: int = 5) -> LakeStatus:
    counts = {name: scan(name, lake_root).select(pl.len()).collect().item() for name in TABLES}
    batches = (
        scan("batches", lake_root)
        .sort("batch_id")
        .tail(recent)
        .select(
            "batch_id",
            "n_files",
            "n_articles",
            "n_rejects",
            ((pl.col("finished_at") - pl.col("started_at")).dt.total_milliseconds() / 1000).alias(
                "seconds"
            ),
        )
        .collect()
    )
    reasons = (
        scan("rejects", lake_root).group_by("reason").len().sort("reason").collect().iter_rows()
    )
    return LakeStatus(counts, batches, dict(reasons))
