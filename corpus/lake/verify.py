"""Every contract of the lake, checked on the lake as it is: `corpus verify` and the asset checks.

Each check returns the breaches it finds (empty when the contract holds); `verify` runs them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from corpus.lake.lake import Lake
from corpus.lake.tables import names

DEFAULT_MAX_PENDING_HOURS = 24.0


@dataclass(slots=True, frozen=True)
class Breach:
    contract: str
    detail: str

    def __str__(self) -> str:
        return f"{self.contract}: {self.detail}"


def _count(frame: pl.LazyFrame) -> int:
    return int(frame.select(pl.len()).collect().item())


def unique_article_ids(lake: Lake) -> list[Breach]:
    ids = lake.scan("articles").select("article_id")
    twice = _count(ids.group_by("article_id").len().filter(pl.col("len") > 1))
    return (
        [Breach("unique_article_ids", f"{twice} article ids appear more than once")]
        if twice
        else []
    )


def paragraphs_match_articles(lake: Lake) -> list[Breach]:
    """Every article has exactly the paragraphs it counts, and no paragraph lacks its article."""
    counted = lake.scan("articles").select("article_id", "n_paragraphs")
    found = lake.scan("paragraphs").group_by("article_id").len()
    wrong = _count(
        counted.join(found, on="article_id", how="left").filter(
            pl.col("len").fill_null(0) != pl.col("n_paragraphs")
        )
    )
    orphans = _count(
        lake.scan("paragraphs", committed=False)
        .join(lake.store.scan("batches").select("batch_id"), on="batch_id", how="semi")
        .join(
            lake.scan("articles", committed=False).select("article_id", "batch_id"),
            on=["article_id", "batch_id"],
            how="anti",
        )
    )
    breaches = []
    if wrong:
        breaches.append(Breach("paragraphs_match_articles", f"{wrong} articles lack paragraphs"))
    if orphans:
        breaches.append(
            Breach(
                "paragraphs_match_articles",
                f"{orphans} paragraphs of landed batches lack their article",
            )
        )
    return breaches


def signatures_match_articles(lake: Lake) -> list[Breach]:
    articles = lake.scan("articles").select("article_id")
    missing = _count(articles.join(lake.scan("signatures"), on="article_id", how="anti"))
    return (
        [Breach("signatures_match_articles", f"{missing} articles have no signature")]
        if missing
        else []
    )


def rows_belong_to_batches(lake: Lake) -> list[Breach]:
    """No batch-table row names a batch that was never registered."""
    registered = lake.store.scan("registrations").select("batch_id")
    breaches = []
    for name in names("batch"):
        stray = _count(
            lake.scan(name, committed=False)
            .select("batch_id")
            .unique()
            .join(registered, on="batch_id", how="anti")
        )
        if stray:
            breaches.append(
                Breach("rows_belong_to_batches", f"{name}: {stray} unregistered batch ids")
            )
    return breaches


def duplicates_consistent(lake: Lake) -> list[Breach]:
    duplicates = lake.scan("duplicates")
    breaches = []
    gone = _count(duplicates.join(lake.scan("signatures"), on="article_id", how="anti"))
    if gone:
        breaches.append(
            Breach("duplicates_consistent", f"{gone} clustered articles have no signature")
        )
    bad = _count(
        duplicates.group_by("cluster_id")
        .agg(
            (pl.col("article_id") == pl.col("kept_article_id")).sum().alias("kept"),
            pl.col("kept_article_id").n_unique().alias("kept_ids"),
        )
        .filter((pl.col("kept") != 1) | (pl.col("kept_ids") != 1))
    )
    if bad:
        breaches.append(
            Breach("duplicates_consistent", f"{bad} clusters do not keep exactly one article")
        )
    return breaches


def batches_finish(
    lake: Lake, max_pending_hours: float = DEFAULT_MAX_PENDING_HOURS
) -> list[Breach]:
    now = dt.datetime.now(dt.UTC)
    breaches = []
    for state in lake.batch_states():
        if state.failed:
            breaches.append(
                Breach("batches_finish", f"batch {state.batch_id} failed: {state.last_error}")
            )
        elif state.pending and now - state.registered_at > dt.timedelta(hours=max_pending_hours):
            breaches.append(
                Breach(
                    "batches_finish",
                    f"batch {state.batch_id} pending for over {max_pending_hours:g} h",
                )
            )
    return breaches


def catalog_current(lake: Lake) -> list[Breach]:
    """The catalog shows the lake's current snapshot, with the rows `scan` shows."""
    from corpus.lake.catalog import catalog_versions, connect

    if not lake.is_local:
        return []
    if catalog_versions(lake.catalog_path) != lake.versions():
        return [Breach("catalog_current", "the catalog was built from other table versions")]
    con = connect(lake, rebuild=False)
    try:
        shown = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()
    scanned = _count(lake.scan("articles"))
    if shown != scanned:
        return [Breach("catalog_current", f"catalog shows {shown} articles, the lake {scanned}")]
    return []


CHECKS: dict[str, Callable[[Lake], list[Breach]]] = {
    "unique_article_ids": unique_article_ids,
    "paragraphs_match_articles": paragraphs_match_articles,
    "signatures_match_articles": signatures_match_articles,
    "rows_belong_to_batches": rows_belong_to_batches,
    "duplicates_consistent": duplicates_consistent,
    "batches_finish": batches_finish,
    "catalog_current": catalog_current,
}


def verify(lake: Lake, *, checks: list[str] | None = None) -> list[Breach]:
    lake.require()
    breaches: list[Breach] = []
    for name, check in CHECKS.items():
        if checks is None or name in checks:
            breaches.extend(check(lake))
    return breaches
