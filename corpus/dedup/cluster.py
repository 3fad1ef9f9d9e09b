"""The `duplicates` table: exact and near-duplicate clusters with one kept article each.

`find_duplicates` is a pure function of the set of input rows: rows are first put in
`article_id` order and every later step is deterministic in that order, so shuffling or batching
the input never changes the output (which is sorted by `cluster_id`, `article_id`).

1. Exact groups: articles with the same `content_hash` (same normal form) collapse to one
   representative, the smallest `article_id`; they share a signature, so LSH sees each text once.
2. Candidate pairs of representatives by LSH banding, kept only when their estimated Jaccard
   (signature agreement) reaches `threshold` (`corpus.dedup.lsh`).
3. Connected components of the verified edges are the clusters. Because every edge was verified,
   two unrelated stories only meet through a chain of links each at or above the threshold; a
   member can still end below the threshold against the kept article, and its `similarity`
   says so.
4. The keep rule (`DedupConfig.keep_rule`, recorded in `rule`) picks one article per cluster.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from corpus.dedup.config import KEEP_CRITERIA, DedupConfig
from corpus.dedup.lsh import connected_components, verified_edges
from corpus.dedup.minhash import unpack_signatures

DUPLICATES_SCHEMA = pl.Schema(
    {
        "article_id": pl.String,
        "cluster_id": pl.String,
        "kept_article_id": pl.String,
        "kind": pl.String,
        "similarity": pl.Float64,
        "rule": pl.String,
    }
)


def find_duplicates(
    signatures: pl.DataFrame | pl.LazyFrame,
    keep_fields: pl.DataFrame | pl.LazyFrame,
    config: DedupConfig | None = None,
) -> pl.DataFrame:
    """Every article in a cluster of more than one, with its cluster and the kept article.

    `signatures`: `article_id` (str), `content_hash` (str), `minhash` (binary, `num_perm`
    little-endian uint32). `keep_fields`: `article_id`, `published_at` (datetime, nullable),
    `n_chars` (int); an article missing there sorts as if both were null. Returns
    `DUPLICATES_SCHEMA` rows sorted by `cluster_id`, `article_id`.
    """
    config = config or DedupConfig()
    articles, minhash = _articles(signatures, keep_fields)
    if articles.height == 0:
        return pl.DataFrame(schema=DUPLICATES_SCHEMA)

    # 1. exact groups; row i is the i-th smallest article_id
    articles = articles.with_row_index("row").with_columns(
        rep=pl.col("row").min().over("content_hash")
    )
    reps = articles.filter(pl.col("row") == pl.col("rep"))
    rep_signatures = unpack_signatures(minhash.gather(reps["input_row"]), config.num_perm)

    # 2-3. verified LSH edges between representatives, then components
    left, right = verified_edges(rep_signatures, config)
    rep_label = connected_components(reps.height, left, right)
    rep_rows = reps["row"].to_numpy()
    slot_of_row = np.full(articles.height, -1, dtype=np.int64)
    slot_of_row[rep_rows] = np.arange(reps.height)
    slot = slot_of_row[articles["rep"].to_numpy()]  # each article's representative, as a slot
    cluster_row = rep_rows[rep_label[slot]]  # smallest row (= article_id) of its cluster

    ids = articles["article_id"]
    members = articles.with_columns(
        cluster_id=ids.gather(cluster_row), rep_minhash=minhash.gather(reps["input_row"][slot])
    ).filter(pl.len().over("cluster_id") > 1)
    return score_clusters(members, config)


def score_clusters(members: pl.DataFrame, config: DedupConfig) -> pl.DataFrame:
    """Step 4 for whole clusters (every engine calls it, on all clusters or a partition of
    them): the keep rule, then each member against the kept article.

    `members`: `article_id`, `content_hash`, `cluster_id` (its smallest `article_id`),
    `published_at`, `n_chars` and `rep_minhash` (the signature of the member's exact group)."""
    if members.height == 0:
        return pl.DataFrame(schema=DUPLICATES_SCHEMA)
    columns = [KEEP_CRITERIA[name][0] for name in config.effective_keep_rule]
    descending = [KEEP_CRITERIA[name][1] for name in config.effective_keep_rule]
    kept = (
        members.sort(["cluster_id", *columns], descending=[False, *descending], nulls_last=True)
        .group_by("cluster_id", maintain_order=True)
        .first()
        .select(
            "cluster_id",
            kept_article_id="article_id",
            kept_content_hash="content_hash",
            kept_minhash="rep_minhash",
        )
    )
    members = members.join(kept, on="cluster_id", how="left")
    mine = unpack_signatures(members["rep_minhash"], config.num_perm)
    theirs = unpack_signatures(members["kept_minhash"], config.num_perm)
    similarity = (mine == theirs).sum(axis=1) / config.num_perm
    return (
        members.with_columns(similarity=similarity)
        .select(
            "article_id",
            "cluster_id",
            "kept_article_id",
            kind=pl.when(pl.col("content_hash") == pl.col("kept_content_hash"))
            .then(pl.lit("exact"))
            .otherwise(pl.lit("near")),
            similarity="similarity",  # 1.0 for the kept article and its exact copies
            rule=pl.lit(config.rule_name),
        )
        .sort("cluster_id", "article_id")
        .cast(dict(DUPLICATES_SCHEMA))
    )


def _articles(
    signatures: pl.DataFrame | pl.LazyFrame, keep_fields: pl.DataFrame | pl.LazyFrame
) -> tuple[pl.DataFrame, pl.Series]:
    """The inputs joined on `article_id` and sorted by it, with their keys checked, and the
    signatures in input order (`input_row` points there: the big column is never copied)."""
    signatures = signatures.lazy().select("article_id", "content_hash", "minhash").collect()
    keep_fields = keep_fields.lazy().select("article_id", "published_at", "n_chars").collect()
    for name, frame in (("signatures", signatures), ("keep_fields", keep_fields)):
        if frame["article_id"].null_count():
            raise ValueError(f"{name}: article_id has nulls")
        if frame["article_id"].n_unique() != frame.height:
            raise ValueError(f"{name}: article_id is not unique")
    for column in ("content_hash", "minhash"):
        if signatures[column].null_count():
            raise ValueError(f"signatures: {column} has nulls")
    articles = (
        signatures.select("article_id", "content_hash")
        .with_row_index("input_row")
        .join(keep_fields, on="article_id", how="left")
        .sort("article_id")
    )
    return articles, signatures["minhash"]
