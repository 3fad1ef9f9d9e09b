"""MinHash signatures of word shingles, vectorized over many documents at once.

A document's shingles are the runs of `shingle_size` consecutive words of its normal form
(`textkey.normalize_for_hash`). A text with fewer words is one shingle, the whole text (the empty
text included), so every document gets a deterministic signature.

How the work is laid out (all of it numpy, over a chunk of documents joined into one buffer):

1. Each text is folded to UTF-8 bytes (`textkey.folded_utf8`); the chunk is joined with "\\n"
   (which the fold never emits) as the document separator.
2. Runs of spaces and of "0" are collapsed with one boolean mask, so words are separated by
   exactly one space, as in the normal form.
3. Shingle hashes come from prefix sums of a polynomial hash mod 2**64: with
   `H[i] = sum(byte[t] * P**t for t < i)`, the bytes `[s, e)` hash to `(H[e] - H[s]) * P**-s`,
   which is the same wherever the shingle sits. A MurmurHash3 finalizer (fmix64) then spreads
   the bits, and the low 32 bits are the shingle's hash.
4. Permutation k maps a shingle hash x to `(a_k * x + b_k) mod 2**32` with odd `a_k` (a bijection
   of 32-bit values, datasketch's `affine32` scheme); the signature value is the minimum over the
   document's shingles, by `np.minimum.reduceat` over the shingles of all documents at once.

Why not `(a*x + b) mod p` for a prime p: with 32-bit x and 64-bit numpy integers it needs a
division or 128-bit products; the affine map on fmix-ed hashes costs two SIMD operations and
estimates Jaccard as well on this data (see the tests and `benchmarks/dedup.py`).

The permutation constants come from splitmix64 of `seed` (pure Python, no numpy RNG whose stream
may change between releases), so stored signatures stay comparable across versions of numpy.
A signature is `num_perm` little-endian uint32 (`pack_signatures`), `large_binary` in the lake.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
import polars as pl
import pyarrow as pa

from corpus.dedup.config import DedupConfig
from corpus.dedup.textkey import folded_utf8

_MASK64 = (1 << 64) - 1
_POLY = np.uint32(0x9E3779B1)  # odd: invertible mod 2**32
_POLY_INVERSE = np.uint32(pow(int(_POLY), -1, 1 << 32))
_FMIX1 = np.uint32(0x85EBCA6B)  # MurmurHash3 fmix32
_FMIX2 = np.uint32(0xC2B2AE35)
_SEPARATOR, _SPACE, _ZERO = ord("\n"), ord(" "), ord("0")
_EMPTY = b"\xff"
_CHUNK_BYTES = 1 << 20  # text per chunk: the chunk's arrays stay around a few MB each


def _splitmix64(seed: int, count: int) -> list[int]:
    state, out = seed & _MASK64, []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & _MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        out.append(z ^ (z >> 31))
    return out


@cache
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) constants of the `num_perm` permutations: uint32 arrays, every `a` odd."""
    values = _splitmix64(seed, 2 * num_perm)
    a = np.array([(v & 0xFFFFFFFF) | 1 for v in values[:num_perm]], dtype=np.uint32)
    b = np.array([v >> 32 for v in values[num_perm:]], dtype=np.uint32)
    return a, b


class _Powers:
    """P**t and P**-t mod 2**32 for t < size, grown on demand (shared by all calls)."""

    def __init__(self) -> None:
        self.forward = np.ones(1, dtype=np.uint32)
        self.inverse = np.ones(1, dtype=np.uint32)

    def get(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.forward) < size:
            grown = 1 << max(size - 1, 1).bit_length()
            self.forward = _power_table(_POLY, grown)
            self.inverse = _power_table(_POLY_INVERSE, grown)
        return self.forward[:size], self.inverse[:size]


def _power_table(base: np.uint32, size: int) -> np.ndarray:
    table = np.full(size, base, dtype=np.uint32)
    table[0] = 1
    return np.multiply.accumulate(
        table, dtype=np.uint32
    )  # wraps mod 2**32, which is the arithmetic we want


_POWERS = _Powers()


def _fmix32(h: np.ndarray) -> np.ndarray:
    h ^= h >> np.uint32(16)
    h *= _FMIX1
    h ^= h >> np.uint32(13)
    h *= _FMIX2
    h ^= h >> np.uint32(16)
    return h


def _shingle_hashes(folded: list[bytes], shingle_size: int) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of the shingles of each text, and where each text's shingles start."""
    # an empty text is one word that no normal form contains (0xFF is never in UTF-8)
    joined = b"\n".join(_EMPTY if not text or text.isspace() else text for text in folded)
    raw = np.frombuffer(joined, dtype=np.uint8)
    # collapse runs: drop a space or "0" that follows the same byte
    repeat = np.zeros(len(raw), dtype=bool)
    np.equal(raw[1:], raw[:-1], out=repeat[1:])
    repeat &= (raw == _SPACE) | (raw == _ZERO)
    text = raw[~repeat]
    n = len(text)

    # word boundaries: where the gap mask (padded with gaps) changes, alternately start and end
    gap = np.ones(n + 2, dtype=np.int8)
    np.logical_or(text == _SPACE, text == _SEPARATOR, out=gap[1:-1].view(bool))
    bounds = np.flatnonzero(np.diff(gap))
    starts, ends = bounds[0::2], bounds[1::2]  # first byte of each word, one past its last
    cuts = np.searchsorted(starts, np.flatnonzero(text == _SEPARATOR))
    n_words = np.diff(cuts, prepend=0, append=len(starts))  # >= 1 for every text

    # one shingle per run of `shingle_size` words, or one for the whole text if shorter
    last = np.cumsum(n_words) - 1
    last_of_word = np.repeat(last, n_words)
    word = np.arange(len(starts))
    first = (word == np.repeat(last - n_words + 1, n_words)) & (
        np.repeat(n_words, n_words) < shingle_size
    )
    begin_word = np.flatnonzero((word + (shingle_size - 1) <= last_of_word) | first)
    end_word = np.minimum(begin_word + (shingle_size - 1), last_of_word[begin_word])
    n_shingles = np.maximum(n_words - shingle_size + 1, 1)
    offsets = np.concatenate(([0], np.cumsum(n_shingles)[:-1]))

    forward, inverse = _POWERS.get(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint32)
    np.cumsum(np.multiply(text, forward[:n], dtype=np.uint32), dtype=np.uint32, out=prefix[1:])
    begin = starts[begin_word]
    hashes = (prefix[ends[end_word]] - prefix[begin]) * inverse[begin]
    return _fmix32(hashes), offsets


def _min_hash(hashes: np.ndarray, offsets: np.ndarray, config: DedupConfig) -> np.ndarray:
    a, b = permutations(config.num_perm, config.seed)
    out = np.empty((config.num_perm, len(offsets)), dtype=np.uint32)
    permuted = np.empty_like(hashes)
    for k in range(config.num_perm):
        np.multiply(hashes, a[k], out=permuted)
        permuted += b[k]
        np.minimum.reduceat(permuted, offsets, out=out[k])
    return out.T


def _chunks(texts: Sequence[str]) -> list[tuple[int, int]]:
    bounds, start, size = [], 0, 0
    for i, text in enumerate(texts):
        size += len(text)
        if size >= _CHUNK_BYTES:
            bounds.append((start, i + 1))
            start, size = i + 1, 0
    if start < len(texts):
        bounds.append((start, len(texts)))
    return bounds


def minhash_signatures(
    texts: Sequence[str], config: DedupConfig | None = None, *, threads: int = 2
) -> np.ndarray:
    """MinHash signatures of `texts`: shape (len(texts), num_perm), dtype uint32.

    A pure function of each text and `config.signature_id`. `threads` overlaps folding (Python)
    with the permutations (numpy, which releases the GIL); 1 runs everything in the caller.
    """
    config = config or DedupConfig()
    signatures = np.empty((len(texts), config.num_perm), dtype=np.uint32)
    chunks = _chunks(texts)

    def permute(start: int, stop: int, hashes: np.ndarray, offsets: np.ndarray) -> None:
        signatures[start:stop] = _min_hash(hashes, offsets, config)

    if threads <= 1 or len(chunks) <= 1:
        for start, stop in chunks:
            folded = [folded_utf8(text) for text in texts[start:stop]]
            permute(start, stop, *_shingle_hashes(folded, config.shingle_size))
        return signatures
    with ThreadPoolExecutor(max_workers=threads - 1) as pool:
        pending = []
        for start, stop in chunks:
            folded = [folded_utf8(text) for text in texts[start:stop]]
            hashes, offsets = _shingle_hashes(folded, config.shingle_size)
            pending.append(pool.submit(permute, start, stop, hashes, offsets))
            while len(pending) > threads:
                pending.pop(0).result()
        for future in pending:
            future.result()
    return signatures


def pack_signatures(signatures: np.ndarray) -> list[bytes]:
    """One `bytes` per row: the row's values as little-endian uint32 (the lake's layout)."""
    rows = np.ascontiguousarray(signatures, dtype="<u4")
    width = rows.shape[1] * 4
    data = rows.tobytes()
    return [data[i : i + width] for i in range(0, len(data), width)]


def unpack_signatures(column: Sequence[bytes] | pl.Series, num_perm: int) -> np.ndarray:
    """Rows of `pack_signatures` back to an (n, num_perm) uint32 array; checks every length.

    A polars Series is read through its Arrow buffers, without a Python object per row.
    """
    width = 4 * num_perm
    if isinstance(column, pl.Series):
        sizes = column.bin.size().fill_null(-1).to_numpy()
        _check_sizes(sizes, width, num_perm)
        array = column.to_arrow(compat_level=pl.CompatLevel.oldest()).cast(pa.large_binary())
        offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)
        offsets = offsets[array.offset : array.offset + len(array) + 1]
        data = np.frombuffer(array.buffers()[2] or b"", dtype=np.uint8)[offsets[0] : offsets[-1]]
    else:
        values = list(column)
        sizes = np.array([-1 if v is None else len(v) for v in values], dtype=np.int64)
        _check_sizes(sizes, width, num_perm)
        data = np.frombuffer(b"".join(values), dtype=np.uint8)
    return data.view("<u4").reshape(len(sizes), num_perm).astype(np.uint32)


def _check_sizes(sizes: np.ndarray, width: int, num_perm: int) -> None:
    bad = np.flatnonzero(sizes != width)
    if len(bad):
        raise ValueError(
            f"{len(bad)} signatures are not {width} bytes ({num_perm} uint32), "
            f"first at row {bad[0]}"
        )
