"""Worker processes must not change a batch's rows: staged in parallel equals staged serially,
row for row and in the same order (chunk numbers order the parts as the manifest orders files)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import polars.testing

from corpus.dedup.config import DedupConfig
from corpus.lake import Lake
from corpus.lake.parts import new_run, read_parts
from corpus.stream import PartTarget, StagedBatch, stage_batch
from tests.lake.helpers import generated_batch


def _rows(lake: Lake, staged: StagedBatch, name: str) -> pl.DataFrame:
    table = read_parts(lake.store.table_uri(name), {}, name, staged.parts[name]).read_all()
    return pl.from_arrow(table)


def test_parallel_staging_equals_serial(tmp_path: Path) -> None:
    raw, lake, manifest = generated_batch(tmp_path)
    config = DedupConfig()
    staged = {}
    for workers in (1, 2):
        target = PartTarget(lake.uri, {}, manifest.batch_id, new_run())
        staged[workers] = stage_batch(
            manifest, raw, config, target, workers=workers, chunk_files=25, min_parallel_files=1
        )
    serial, parallel = staged[1], staged[2]
    assert serial.rows["articles"] > 100
    assert parallel.n_records == serial.n_records
    assert parallel.rows == serial.rows
    for name in ("articles", "paragraphs", "signatures", "rejects"):
        polars.testing.assert_frame_equal(_rows(lake, parallel, name), _rows(lake, serial, name))
