"""Dedup through the real Definitions: batch boundaries and order never change the result."""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl
import polars.testing

from corpus.lake import Lake, read
from corpus.lake.catalog import connect
from corpus.normalize.article import make_article_id
from tests.e2e.conftest import Env, write_tree
from tools.sample.generate import build_sample


def duplicates_after(tmp_path: Path, instance, batches: list[dict[str, bytes]]) -> pl.DataFrame:
    env = Env(tmp_path, instance)
    for files in batches:
        write_tree(env.raw, files)
        env.ingest()
    assert read("batches", str(env.lake)).height == len(batches)
    return read("duplicates", str(env.lake)).sort("cluster_id", "article_id")


def test_batch_splits_and_order_give_the_same_duplicates(tmp_path: Path, instance) -> None:
    files, truth = build_sample()
    paths = sorted(files)
    whole = duplicates_after(tmp_path / "whole", instance, [files])
    text_ids = [make_article_id(path, 0) for path in truth.articles]
    text_clusters = whole.filter(pl.col("article_id").is_in(text_ids))["cluster_id"].n_unique()
    assert text_clusters == len(truth.exact_duplicates) + len(truth.near_duplicates)

    shuffled = paths[:]
    random.Random(3).shuffle(shuffled)
    thirds = [shuffled[i::3] for i in range(3)]
    split = duplicates_after(
        tmp_path / "split", instance, [{p: files[p] for p in part} for part in thirds]
    )
    polars.testing.assert_frame_equal(split, whole)

    reverse = duplicates_after(
        tmp_path / "reverse", instance, [{p: files[p] for p in part} for part in reversed(thirds)]
    )
    polars.testing.assert_frame_equal(reverse, whole)


def test_boilerplate_counts_stories_not_copies(tmp_path: Path, instance) -> None:
    footer = "Follow the Harbour Times for more island news"
    story = "date 2024-05-0{d} ISLAY – {body}\n\nSecond paragraph about {topic} here.\n\n{footer}\n"
    files = {
        f"harbour-times/{topic}.txt": story.format(
            d=i + 1,
            body=f"A long opening paragraph about the {topic} that nobody else wrote.",
            topic=topic,
            footer=footer,
        ).encode()
        for i, topic in enumerate(["ferry", "school", "harvest"])
    }
    # one story saved three times: its own paragraphs are not boilerplate
    copy = files["harbour-times/ferry.txt"]
    files |= {"harbour-times/ferry-2.txt": copy, "harbour-times/ferry-3.txt": copy}
    env = Env(tmp_path, instance)
    write_tree(env.raw, files)
    env.ingest()
    stats = read("paragraph_stats", str(env.lake))
    paragraphs = read("paragraphs", str(env.lake)).unique("paragraph_hash")
    flagged = stats.filter(pl.col("is_boilerplate")).join(paragraphs, on="paragraph_hash")
    assert flagged["text"].to_list() == [footer]

    con = connect(Lake(env.lake), rebuild=False)
    clean = [t for (t,) in con.execute("select text from clean_paragraphs").fetchall()]
    con.close()
    assert footer not in clean
    assert sum("ferry" in t for t in clean) == 2  # one copy's two paragraphs
