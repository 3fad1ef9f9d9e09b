"""Parquet parts: a batch's rows streamed to files, invisible until one commit adds them."""

from __future__ import annotations

import os
import time
from pathlib import Path

import polars as pl
import polars.testing
import pyarrow as pa
from deltalake import DeltaTable

from corpus.dedup.config import DedupConfig
from corpus.lake import Lake
from corpus.lake.batching import ensure_lake
from corpus.lake.commit import remove_orphan_parts
from corpus.lake.maintain import maintain
from corpus.lake.parts import new_run, read_parts
from corpus.lake.tables import spec
from corpus.process import tables_of_files
from corpus.stream import PartTarget, stage_batch
from tests.e2e.conftest import FILES, write_tree
from tests.lake.helpers import corpus, generated_batch, staged

KEYS = {
    "articles": ["article_id"],
    "paragraphs": ["article_id", "position"],
    "signatures": ["article_id"],
    "rejects": ["raw_path", "record_index", "reason"],
}


def articles(batch_id: str, months: list[str | None]) -> pa.Table:
    schema = spec("articles").schema
    n = len(months)
    columns = {
        "article_id": [f"{batch_id}-{i}" for i in range(n)],
        "raw_path": [f"s/{i}.txt" for i in range(n)],
        "text": [f"text {i}" for i in range(n)],
        "n_words": list(range(n)),
        "batch_id": [batch_id] * n,
        "published_month": months,
    }
    arrays = {f.name: pa.array(columns.get(f.name, [None] * n), type=f.type) for f in schema}
    return pa.table(arrays, schema=schema)


def sorted_rows(frame: pl.DataFrame) -> list[dict]:
    return frame.sort("article_id").to_dicts()


def test_parts_are_invisible_until_committed_then_read_back_whole(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    ensure_lake(lake)
    rows = articles("b1", ["2024-01", "2024-02", "2024-01", "unknown"])
    parts = staged(lake, "b1", {"articles": rows})["articles"]
    assert sorted(p.partition_values["published_month"] for p in parts) == [
        "2024-01", "2024-02", "unknown"
    ]  # fmt: skip
    assert lake.store.scan("articles").collect().height == 0  # written, not committed
    stream = read_parts(lake.store.table_uri("articles"), {}, "articles", parts)
    assert sorted_rows(pl.from_arrow(stream.read_all())) == sorted_rows(pl.from_arrow(rows))
    lake.store.add_parts("articles", parts)
    assert sorted_rows(lake.store.scan("articles").collect()) == sorted_rows(pl.from_arrow(rows))
    # one commit for all of them
    assert DeltaTable(lake.store.table_uri("articles")).history(1)[0]["operation"] == "WRITE"
    # the statistics let a predicate find the rows, and only them
    other = staged(lake, "b2", {"articles": articles("b2", ["2024-01"])})["articles"]
    lake.store.add_parts("articles", other)
    lake.store.delete_where("articles", "batch_id = 'b1'")
    assert lake.store.scan("articles").collect()["batch_id"].to_list() == ["b2"]


def committed_names(lake_dir: Path, name: str) -> set[str]:
    return {Path(u).name for u in DeltaTable(str(lake_dir / name)).file_uris()}


def test_a_failed_attempts_parts_are_removed_by_the_retry(tmp_path: Path) -> None:
    raw, lake_dir = tmp_path / "raw", tmp_path / "lake"
    write_tree(raw, FILES)
    ingest = ("ingest", "--raw", str(raw), "--lake", str(lake_dir), "--quiet")
    failed = corpus(*ingest, env={"CORPUS_FAIL_AT": "after-process"})
    assert failed.returncode == 1
    left = list((lake_dir / "articles").rglob("corpus-*.parquet"))
    assert left  # the parts were written before the failure, and no commit holds them
    assert not committed_names(lake_dir, "articles") & {p.name for p in left}
    assert corpus(*ingest).returncode == 0
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        on_disk = {p.name for p in (lake_dir / name).rglob("corpus-*.parquet")}
        assert on_disk and on_disk == committed_names(lake_dir, name), name


def test_staged_chunks_in_workers_hold_the_rows_of_the_whole_batch(tmp_path: Path) -> None:
    raw, lake, manifest = generated_batch(tmp_path)
    config = DedupConfig()
    whole = tables_of_files(manifest.files, raw, manifest.batch_id, manifest.registered_at, config)
    target = PartTarget(lake.uri, {}, manifest.batch_id, new_run())
    staged_batch = stage_batch(
        manifest, raw, config, target, workers=2, chunk_files=25, min_parallel_files=1
    )
    assert whole.articles.num_rows > 100
    assert staged_batch.n_records == whole.n_records
    for name, key in KEYS.items():
        parts = staged_batch.parts[name]
        assert len({p.path for p in parts}) == len(parts)
        rows = read_parts(lake.store.table_uri(name), {}, name, parts).read_all()
        assert staged_batch.rows[name] == rows.num_rows
        polars.testing.assert_frame_equal(
            pl.from_arrow(rows).sort(key), pl.from_arrow(getattr(whole, name)).sort(key)
        )


def test_each_part_carries_the_exact_statistics_of_its_own_rows(tmp_path: Path) -> None:
    """Per partition: row count, nulls of every flat column, min/max of integers and of strings
    up to 32 characters; none for an all-null column, a long string or a list column."""
    from json import loads

    from corpus.lake.parts import write_parts

    table = articles("b1", ["2024-01", None, "2024-01", "2024-02"])
    table = table.set_column(
        table.schema.get_field_index("title"),
        spec("articles").schema.field("title"),
        pa.array(["short", None, "x" * 40, "中文标题"], pa.large_string()),
    )
    (tmp_path / "articles").mkdir()
    parts = write_parts(str(tmp_path / "articles"), {}, "articles", table, batch_id="b1",
                        run="r", chunk=0)  # fmt: skip
    stats = {p.partition_values["published_month"]: loads(p.stats) for p in parts}
    assert set(stats) == {"2024-01", "2024-02", None}
    january = stats["2024-01"]
    assert january["numRecords"] == 2
    assert january["minValues"]["n_words"] == 0 and january["maxValues"]["n_words"] == 2
    assert january["minValues"]["article_id"] == "b1-0"
    assert january["maxValues"]["article_id"] == "b1-2"
    assert "title" not in january["minValues"]  # its max has 40 characters
    assert january["nullCount"]["title"] == 0 and january["nullCount"]["url"] == 2
    assert "url" not in january["minValues"]  # all null
    assert "authors" not in january["nullCount"]  # a list column
    assert "published_month" not in january["nullCount"]  # the folder holds it
    assert stats["2024-02"]["minValues"]["title"] == "中文标题"
    assert stats[None]["numRecords"] == 1 and stats[None]["nullCount"]["title"] == 1


def test_an_abandoned_start_removes_its_own_parts_only(tmp_path: Path) -> None:
    """A start withdrawn or redone (`corpus.ingest._Ahead.abandon`) removes what it wrote, not
    the parts another attempt of the same batch wrote."""
    lake = Lake(tmp_path / "lake")
    ensure_lake(lake)
    options = lake.store.storage_options
    mine, other = (PartTarget(lake.uri, options, "b1", new_run()) for _ in range(2))
    mine.write("articles", articles("b1", ["2024-01", "2024-02"]), 0)
    kept = other.write("articles", articles("b1", ["2024-01"]), 0)
    assert remove_orphan_parts(lake.store, "b1", run=mine.run) == 2
    on_disk = {p.name for p in (tmp_path / "lake" / "articles").rglob("corpus-*.parquet")}
    assert on_disk == {Path(p.path).name for p in kept}


def test_maintenance_sweeps_parts_no_commit_ever_held_once_they_are_old(tmp_path: Path) -> None:
    """What a retry on an object store leaves (a killed attempt's young parts) goes with the
    vacuum of `corpus maintain` once older than the retention and `ORPHAN_GRACE`."""
    lake = Lake(tmp_path / "lake")
    ensure_lake(lake)
    lake.store.add_parts(
        "articles", staged(lake, "b1", {"articles": articles("b1", ["2024-01"])})["articles"]
    )
    old, young = (
        PartTarget(lake.uri, lake.store.storage_options, "b2", new_run()).write(
            "articles", articles("b2", ["2024-01"]), 0
        )[0]
        for _ in range(2)
    )
    folder = tmp_path / "lake" / "articles"
    week_ago = time.time() - 8 * 24 * 3600
    os.utime(folder / old.path, (week_ago, week_ago))
    maintain(lake, retention_hours=0)
    on_disk = {p.name for p in folder.rglob("corpus-*.parquet")}
    assert Path(old.path).name not in on_disk  # swept
    assert Path(young.path).name in on_disk  # may be a running ingest's
    assert lake.scan("articles", committed=False).collect().height == 1
