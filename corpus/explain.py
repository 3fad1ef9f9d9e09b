"""Why an article is (or is not) a duplicate: its cluster, similarities and the keep rule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from corpus.lake.lake import Lake, as_lake


class UnknownArticle(LookupError):
    """No committed article has this id."""


@dataclass(slots=True)
class ClusterView:
    article_id: str
    members: pl.DataFrame  # one row per member, the kept one first
    rule: str | None  # None: the article is in no cluster

    def render(self) -> str:
        if self.rule is None:
            return f"article {self.article_id} has no duplicate in the lake"
        kept = self.members["kept_article_id"][0]
        lines = [
            f"cluster {self.members['cluster_id'][0]}: {self.members.height} articles, kept {kept}",
            f"keep rule: {self.rule.replace('>', ', then ')}",
            "",
            f"  {'':2}{'article_id':<18}{'kind':<7}{'similarity':>11}  {'published_at':<20}"
            f"{'chars':>7}  source / raw_path",
        ]
        for row in self.members.iter_rows(named=True):
            mark = (
                "*"
                if row["article_id"] == kept
                else ("<" if row["article_id"] == self.article_id else " ")
            )
            published = (
                row["published_at"].strftime("%Y-%m-%d %H:%M") if row["published_at"] else "-"
            )
            lines.append(
                f"  {mark} {row['article_id']:<18}{row['kind']:<7}{row['similarity']:>11.3f}  "
                f"{published:<20}{row['n_chars'] or 0:>7}  {row['source']} / {row['raw_path']}"
            )
        lines.append(
            "\n  * kept   < asked about   similarity: estimated Jaccard to the kept article"
        )
        return "\n".join(lines)


def explain_article(lake: Lake | str | Path, article_id: str) -> ClusterView:
    lake = as_lake(lake)
    articles = lake.scan("articles").select(
        "article_id", "source", "raw_path", "published_at", "n_chars", "title"
    )
    if articles.filter(pl.col("article_id") == article_id).select(pl.len()).collect().item() == 0:
        raise UnknownArticle(article_id)
    duplicates = lake.scan("duplicates")
    cluster = duplicates.filter(pl.col("article_id") == article_id).select("cluster_id").collect()
    if cluster.height == 0:
        return ClusterView(article_id, pl.DataFrame(), None)
    members = (
        duplicates.filter(pl.col("cluster_id") == cluster.item())
        .join(articles, on="article_id", how="left")
        .with_columns((pl.col("article_id") != pl.col("kept_article_id")).alias("_not_kept"))
        .sort("_not_kept", pl.col("similarity"), "article_id", descending=[False, True, False])
        .drop("_not_kept")
        .collect()
    )
    return ClusterView(article_id, members, members["rule"][0])
