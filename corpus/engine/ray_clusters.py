"""The `duplicates` rows around the Ray index update, as tasks: the driver never holds an
article's id, a group, a label or a cluster member.

The local engine (`dedup.LocalDedup`) collects every article's id and content hash, their
groups, the components' labels and the clusters' members in one process. Here:

1. *groups*, one task per group partition `p` of the index: the articles whose content hash
   falls in `p` (`index_parts.group_part`, read from the signatures with a filter), their exact
   groups (`index.current_groups`) for the index update, and every article with its group's
   representative, split by a hash of `rep_id` over the components' partitions;
2. the index update and connected components (`ray_index`, `ray_dedup`); the components' labels
   are split by a hash of `rep_id` too;
3. *members*, one task per `rep_id` partition: articles joined to their labels (an article with
   none is its group's own cluster), only those in clusters of more than one, split by a hash of
   `cluster_id` so that each cluster lands whole in one partition;
4. *score*, one task per `cluster_id` partition: the keep fields and representatives'
   signatures of its members read from the lake, then the keep rule (`cluster.score_clusters`).

Each task calls the local engine's functions on its partition (`index.current_groups`,
`dedup.with_keep_fields`, `cluster.score_clusters`), so the rows are the same.
"""

from __future__ import annotations

import polars as pl

from corpus.dedup.cluster import DUPLICATES_SCHEMA, score_clusters
from corpus.dedup.config import DedupConfig
from corpus.dedup.index import SignatureReader, current_groups
from corpus.dedup.index_parts import group_part

GROUP_IDS_SCHEMA = pl.Schema({"content_hash": pl.String, "rep_id": pl.String})
ARTICLES_SCHEMA = pl.Schema({"article_id": pl.String, "content_hash": pl.String})
MEMBERS_SCHEMA = pl.Schema({**ARTICLES_SCHEMA, "rep_id": pl.String})
CLUSTERED_SCHEMA = pl.Schema({**MEMBERS_SCHEMA, "cluster_id": pl.String})
LABELS_SCHEMA = pl.Schema({"rep_id": pl.String, "cluster_id": pl.String})


def partition_groups(signatures: pl.LazyFrame, parts: int, part: int, components: int) -> tuple:
    """Of group partition `part`: its group count, its groups (`content_hash`, `rep_id`), then
    its articles (`article_id`, `content_hash`, `rep_id`) split by `rep_id` over
    `components`."""
    from corpus.engine.ray_dedup import split

    articles = (
        signatures.select("article_id", "content_hash")
        .filter(group_part(parts) == part)
        .collect(engine="streaming")
    )
    groups = current_groups(articles)
    members = articles.join(groups, on="content_hash").cast(dict(MEMBERS_SCHEMA))
    return groups.height, groups, *split(members, ["rep_id"], components)


def cluster_slice(components: int, n_members: int, *pieces: pl.DataFrame) -> tuple:
    """Articles of one `rep_id` partition (the first `n_members` pieces) joined to the labels
    of the same partition (the rest): those in clusters of more than one, with their
    `cluster_id`, split by it over `components`."""
    from corpus.engine.ray_dedup import split

    members = pl.concat([pl.DataFrame(schema=MEMBERS_SCHEMA), *pieces[:n_members]])
    labels = pl.concat([pl.DataFrame(schema=LABELS_SCHEMA), *pieces[n_members:]])
    clustered = (
        members.join(labels, on="rep_id", how="left")
        .filter(pl.col("cluster_id").is_not_null() | (pl.len().over("rep_id") > 1))
        .with_columns(cluster_id=pl.coalesce("cluster_id", "rep_id"))
    )  # a labelled rep has an edge: its cluster holds another group
    return tuple(split(clustered, ["cluster_id"], components))


def score_slice(
    config: DedupConfig, read: SignatureReader, keep_fields: pl.LazyFrame, *pieces: pl.DataFrame
) -> pl.DataFrame:
    """The `duplicates` rows of one partition of whole clusters."""
    from corpus.engine.dedup import with_keep_fields

    members = pl.concat([pl.DataFrame(schema=CLUSTERED_SCHEMA), *pieces])
    if members.height == 0:
        return pl.DataFrame(schema=DUPLICATES_SCHEMA)
    return score_clusters(with_keep_fields(members, keep_fields, read), config)
