"""Hostile directory entries through the whole pipeline: each is a row, none stops or leaks."""

from __future__ import annotations

import io
import os
import zipfile

import polars as pl

from corpus.lake.verify import verify
from tests.e2e.conftest import EXPECTED_ARTICLES, Env

DUMP = b"date 2024-02-02 PORT ELLEN - The pier reopened on Friday after repairs.\n"


def test_every_entry_is_a_row_and_nothing_outside_is_read(lake: Env) -> None:
    raw = lake.raw
    (raw / "odd").mkdir()
    os.symlink("/etc/passwd", raw / "odd/passwd.txt")
    os.symlink(raw / "odd/missing.txt", raw / "odd/broken.txt")
    os.mkfifo(raw / "odd/pipe.txt")
    os.symlink("/dev/zero", raw / "odd/zero.txt")
    (raw / os.fsdecode(b"odd/bad-\xff-name.txt")).write_bytes(DUMP)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", DUMP)
    (raw / "odd/dump.zip").write_bytes(buffer.getvalue())
    (raw / "odd/dump.zip!a.txt").write_bytes(DUMP.replace(b"Friday", b"Monday"))

    lake.ingest()  # must not hang on the FIFO or /dev/zero
    corpus_lake = lake.corpus_lake
    rejects = corpus_lake.read("rejects").filter(pl.col("raw_path").str.starts_with("odd/"))
    reasons = dict(zip(rejects["raw_path"], rejects["reason"], strict=True))
    assert reasons["odd/passwd.txt"] == "outside_raw_root"
    assert reasons["odd/broken.txt"] == "broken_link"
    assert reasons["odd/pipe.txt"] == "not_a_regular_file"
    assert reasons["odd/zero.txt"] == "outside_raw_root"
    assert [r for p, r in reasons.items() if "bad-" in p] == ["undecodable_name"]
    assert "root:" not in "".join(corpus_lake.read("rejects")["excerpt"].to_list())
    articles = corpus_lake.read("articles")
    odd = articles.filter(pl.col("raw_path").str.starts_with("odd/")).sort("raw_path")
    # the member and the real file named like it are two inputs, two ids
    assert odd["raw_path"].to_list() == ["odd/dump.zip!a.txt", "odd/dump.zip^!a.txt"]
    assert odd["article_id"].n_unique() == 2
    assert articles.height == EXPECTED_ARTICLES + 2

    assert lake.ingest().schedule.batch_ids == []  # settles: refused entries are not re-planned
    # the real file with `!` in its name is replaced, not doubled, when it changes
    (raw / "odd/dump.zip!a.txt").write_bytes(DUMP.replace(b"Friday", b"Sunday"))
    lake.ingest()
    texts = corpus_lake.read("articles").filter(pl.col("raw_path") == "odd/dump.zip^!a.txt")["text"]
    assert texts.to_list() == ["The pier reopened on Sunday after repairs."]
    assert lake.catalog_rows("select count(*) from articles where raw_path like 'odd/%'") == [(2,)]
    assert verify(corpus_lake) == []
