"""Containers stream: memory follows the largest record, not the file."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

from corpus.formats import read_file
from corpus.formats.streams import HEAD_BYTES
from tests.formats.helpers import page, warc_bytes

MiB = 1024 * 1024


def _peak_while_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_file(path, path.name))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _jsonl_gz(path: Path, lines: int) -> Path:
    line = json.dumps({"title": "t", "text": "word " * 200}).encode() + b"\n"
    with gzip.open(path, "wb", compresslevel=1) as out:
        for _ in range(lines):
            out.write(line)
    return path


def test_jsonl_gz_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small_count, small_peak = _peak_while_reading(_jsonl_gz(tmp_path / "s.jsonl.gz", 2_000))
    big_count, big_peak = _peak_while_reading(_jsonl_gz(tmp_path / "b.jsonl.gz", 10_000))
    assert (small_count, big_count) == (2_000, 10_000)
    assert big_peak < small_peak * 1.2 + MiB, (small_peak, big_peak)  # 5x the data, same memory
    assert big_peak < 16 * MiB


def test_warc_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    body = page(body="word " * 4000).encode()

    def warc(name: str, n: int) -> Path:
        path = tmp_path / name
        pages = [(f"https://a.example/{i}", body, "text/html") for i in range(n)]
        path.write_bytes(warc_bytes(pages, gzip=True))
        return path

    small, big = warc("s.warc.gz", 100), warc("b.warc.gz", 500)
    assert small.stat().st_size > HEAD_BYTES  # both stream: a file within the head is read whole
    _, small_peak = _peak_while_reading(small)
    count, big_peak = _peak_while_reading(big)
    assert count == 500
    assert big_peak < small_peak * 1.2 + MiB, (small_peak, big_peak)
