"""Decompression bombs are rejected at the cap with memory bounded by the cap, not the input."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tracemalloc

import pytest
import zstandard

from corpus.formats import ReadOptions, read_bytes
from corpus.formats.streams import ZstdReader

MiB = 1 << 20
ZEROS = b"\0" * (256 * MiB)


def _peak_of(read) -> int:
    tracemalloc.start()
    try:
        read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_zstd_output_comes_in_bounded_steps() -> None:
    # before: the whole frame was decompressed in one call (64 KB of input -> 2 GiB)
    bomb = zstandard.ZstdCompressor(level=3).compress(ZEROS)
    reader = ZstdReader(io.BytesIO(bomb))  # type: ignore[arg-type]
    buffer = bytearray(MiB)

    def drain() -> None:
        while reader.readinto(buffer):
            pass

    assert _peak_of(drain) < 32 * MiB


@pytest.mark.parametrize(
    "compress",
    [
        lambda d: zstandard.ZstdCompressor(level=3).compress(d),
        lambda d: gzip.compress(d, 6),
        lambda d: bz2.compress(d, 9),
        lambda d: lzma.compress(d),
    ],
    ids=["zstd", "gzip", "bz2", "xz"],
)
def test_a_bomb_is_rejected_at_the_cap_with_bounded_memory(compress) -> None:
    bomb = compress(ZEROS)
    options = ReadOptions(max_record_bytes=8 * MiB, ratio_grace=4 * MiB)
    items: list = []
    peak = _peak_of(lambda: items.extend(read_bytes(bomb, "bomb.bin", options=options)))
    assert [getattr(i, "reason", None) for i in items] == ["too_large"]
    assert peak < 48 * MiB + 2 * len(bomb)
