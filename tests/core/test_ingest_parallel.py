"""Worker processes must not change a batch's rows: parallel equals serial, row for row."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import polars as pl
import polars.testing

from corpus.dedup.config import DedupConfig
from corpus.lake import Lake
from corpus.lake.batching import schedule
from corpus.process import collect_tables
from tools.sample.generate import generate_corpus


def test_parallel_collection_equals_serial(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    generate_corpus(raw, n_articles=120, seed=3)
    [registration] = schedule(Lake(tmp_path / "lake"), raw).registered
    manifest = SimpleNamespace(
        batch_id=registration.batch_id,
        registered_at=registration.registered_at,
        files=[f.raw_file() for f in registration.files],
    )
    config = DedupConfig()
    serial = collect_tables(manifest, raw, config, workers=1)
    parallel = collect_tables(
        manifest, raw, config, workers=2, chunk_files=25, min_parallel_files=1
    )
    assert serial.articles.num_rows > 100
    assert parallel.n_records == serial.n_records
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        polars.testing.assert_frame_equal(
            pl.from_arrow(getattr(parallel, name)), pl.from_arrow(getattr(serial, name))
        )
