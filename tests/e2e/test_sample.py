"""The bundled sample, generated afresh, lands in the lake as its generator planted it."""

from __future__ import annotations

import duckdb
import polars as pl

from corpus.lake import read
from corpus.sample.generate import generate_sample
from tests.e2e.conftest import Lake


def test_sample_lands_as_planted(tmp_path, instance) -> None:
    env = Lake(tmp_path, instance)
    truth = generate_sample(env.raw)
    env.ingest()
    lake = str(env.lake)
    articles = read("articles", lake)
    rejects = read("rejects", lake)

    assert set(articles["raw_path"]) == set(truth.articles)
    assert dict(zip(rejects["raw_path"], rejects["reason"], strict=True)) == truth.bad_files

    datelines = dict(zip(articles["raw_path"], articles["dateline"], strict=True))
    for path, written in truth.datelines.items():
        expected = None if written is None else written.split(",")[0].split("(")[0].strip().upper()
        assert datelines[path] == expected, path

    assert set(articles["source"]) == set(truth.sources)

    duplicates = read("duplicates", lake)
    cluster_of = dict(zip(duplicates["article_id"], duplicates["cluster_id"], strict=True))
    id_of = dict(zip(articles["raw_path"], articles["article_id"], strict=True))
    for group in truth.exact_duplicates + truth.near_duplicates:
        clusters = {cluster_of.get(id_of[path]) for path in group}
        assert len(clusters) == 1 and None not in clusters, group
    for group in truth.exact_duplicates:
        kinds = duplicates.filter(pl.col("article_id").is_in([id_of[p] for p in group]))["kind"]
        assert set(kinds) <= {"exact"}, group

    con = duckdb.connect(str(env.lake / "catalog.duckdb"), read_only=True)
    try:
        unique = con.execute("select count(*) from unique_articles").fetchone()[0]
        clusters = con.execute("select count(*) from duplicate_clusters").fetchone()[0]
    finally:
        con.close()
    planted = len(truth.exact_duplicates) + len(truth.near_duplicates)
    assert clusters == planted
    removed = sum(len(g) - 1 for g in truth.exact_duplicates + truth.near_duplicates)
    assert unique == len(truth.articles) - removed
