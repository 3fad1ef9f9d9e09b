"""The bundled sample, generated afresh, lands in the lake as its generator planted it."""

from __future__ import annotations

import unicodedata

import polars as pl

from corpus.lake import Lake, read
from corpus.lake.catalog import connect
from tests.e2e.conftest import Env
from tools.sample.generate import generate_sample


def test_sample_lands_as_planted(tmp_path, instance) -> None:
    env = Env(tmp_path, instance)
    truth = generate_sample(env.raw)
    env.ingest()
    lake = str(env.lake)
    articles = read("articles", lake)
    rejects = read("rejects", lake)

    text_dumps = articles.filter(pl.col("raw_format") == "text")
    assert set(text_dumps["raw_path"]) == set(truth.articles) | set(truth.scripts)
    text_rejects = rejects.filter(pl.col("raw_path").is_in(list(truth.bad_files)))
    assert (
        dict(zip(text_rejects["raw_path"], text_rejects["reason"], strict=True)) == truth.bad_files
    )

    # every other format's records, as the generator planted them, and nothing else
    found = {(r["raw_path"], r["record_index"], "article") for r in articles.iter_rows(named=True)}
    found |= {
        (r["raw_path"], r["record_index"], f"reject:{r['reason']}")
        for r in rejects.iter_rows(named=True)
    }
    for planted, outcome in truth.formats:
        path, _, index = planted.partition("#")
        matches = {f for f in found if f[0] == path and f[2] == outcome}
        if index:
            matches = {f for f in matches if f[1] == int(index)}
        assert matches, (planted, outcome, sorted(f for f in found if f[0] == path))
    n_format_outcomes = len(truth.formats)
    n_text = len(truth.articles) + len(truth.bad_files) + len(truth.scripts)
    assert articles.height + rejects.height == n_text + n_format_outcomes

    datelines = dict(zip(articles["raw_path"], articles["dateline"], strict=True))
    for path, written in truth.datelines.items():
        expected = None if written is None else written.split(",")[0].split("(")[0].strip().upper()
        assert datelines[path] == expected, path

    assert set(text_dumps["source"]) == set(truth.sources)

    duplicates = read("duplicates", lake)
    cluster_of = dict(zip(duplicates["article_id"], duplicates["cluster_id"], strict=True))
    id_of = dict(zip(articles["raw_path"], articles["article_id"], strict=True))
    groups = truth.exact_duplicates + truth.near_duplicates + truth.script_near_duplicates
    for group in groups:
        clusters = {cluster_of.get(id_of[path]) for path in group}
        assert len(clusters) == 1 and None not in clusters, group
    for group in truth.exact_duplicates:
        kinds = duplicates.filter(pl.col("article_id").is_in([id_of[p] for p in group]))["kind"]
        assert set(kinds) <= {"exact"}, group

    con = connect(Lake(env.lake), rebuild=False)
    try:
        unique = con.execute(
            "select count(*) from unique_articles where raw_format = 'text'"
        ).fetchone()[0]
        clusters = con.execute(
            "select count(distinct cluster_id) from duplicates join articles using (article_id) "
            "where raw_format = 'text'"
        ).fetchone()[0]
    finally:
        con.close()
    assert clusters == len(groups)
    removed = sum(len(g) - 1 for g in groups)
    assert unique == len(truth.articles) + len(truth.scripts) - removed

    # other scripts: paragraphs end at their own full stops; each CJK character is a word
    scripts = articles.filter(pl.col("raw_path").is_in(list(truth.scripts)))
    kinds = read("paragraphs", lake).join(scripts.select("article_id"), on="article_id")["kind"]
    assert set(kinds) == {"paragraph"}
    for row in scripts.iter_rows(named=True):
        if truth.scripts[row["raw_path"]] in ("zh", "ja"):
            letters = sum(unicodedata.category(c).startswith("L") for c in row["text"])
            assert row["n_words"] == letters > 200, row["raw_path"]
        else:
            assert row["n_words"] == len(row["text"].split()), row["raw_path"]
