"""MinHash signatures of word shingles, vectorized over many documents at once.

A document's shingles are the runs of `shingle_size` consecutive words of its normal form
(`textkey.normalize_for_hash`), where each character of a script written without spaces (kana,
CJK ideographs, Thai) counts as a word: character n-grams there (`minhash_v2`; `minhash_v1`
took a whole run of Chinese between two spaces for one word, so a one-character edit changed
every shingle of a paragraph). A text with fewer words is one shingle, the whole text; a text
whose normal form is empty gets one fixed shingle. Every document gets a deterministic signature.

How the work is laid out (numpy over a chunk of ~256k characters of documents at once; chunk
size, block size and integer widths were chosen by timing on `benchmarks/dedup.py`'s corpus):

1. The chunk's texts are folded to their normal forms as one UTF-8 byte array, "\\n" between
   texts (`batchfold.normal_forms`: per chunk, not per text, is what makes this fast).
2. Words are the runs between spaces; a text's word and shingle counts come from where the
   "\\n" separators fall among the word starts.
3. Shingle hashes come from prefix sums of a polynomial hash mod 2**32: with
   `H[i] = sum(byte[t] * P**t for t < i)`, the bytes `[s, e)` hash to `(H[e] - H[s]) * P**-s`,
   the same wherever the shingle sits. MurmurHash3's finalizer (fmix32) then spreads the bits.
   32-bit shingle hashes collide for one pair in ~4e9: harmless for a Jaccard estimate.
4. Permutation k maps a shingle hash x to `(a_k * x + b_k) mod 2**32` with odd `a_k` (a bijection
   of 32-bit values: datasketch's default `affine32` scheme); the signature value is the minimum
   over the document's shingles, by `np.minimum.reduceat` for 8 permutations per call.

Why not `(a*x + b) mod p` with a prime p (2**32 - 5): in numpy it needs 64-bit lanes and a
division per value; measured 8x slower, for the same Jaccard estimate error (bias < 0.002, sd
0.039 for both, on 400 random set pairs; the tests check bias and spread against exact Jaccard
on random sets and edited articles).

The permutation constants come from splitmix64 of `seed` in plain Python (numpy's RNG streams may
change between releases), so stored signatures stay comparable across library versions; a test
pins a few values. A signature is `num_perm` little-endian uint32 (`pack_signatures`), stored as
`large_binary` in the `signatures` table.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache

import numpy as np
import polars as pl
import pyarrow as pa

from corpus.dedup.batchfold import SEPARATOR, SPACE, chunk_bounds, hashes_of_forms, normal_forms
from corpus.dedup.config import DedupConfig

_MASK64 = (1 << 64) - 1
_POLY = np.uint32(0x9E3779B1)  # odd: invertible mod 2**32
_POLY_INVERSE = np.uint32(pow(int(_POLY), -1, 1 << 32))
_FMIX1 = np.uint32(0x85EBCA6B)  # MurmurHash3 fmix32
_FMIX2 = np.uint32(0xC2B2AE35)
_EMPTY_SHINGLE = 0xFF  # the hash before fmix of a word that no normal form holds (0xFF)
_PERM_BLOCK = 8  # permutations applied per numpy call


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
    """P**t and P**-t mod 2**32 for t < size, grown on demand (shared by all calls, threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tables = (np.ones(1, dtype=np.uint32), np.ones(1, dtype=np.uint32))

    def get(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        forward, inverse = self._tables
        if len(forward) < size:
            with self._lock:
                forward, inverse = self._tables
                if len(forward) < size:
                    grown = 1 << max(size - 1, 1).bit_length()
                    forward = _power_table(_POLY, grown)
                    inverse = _power_table(_POLY_INVERSE, grown)
                    self._tables = (forward, inverse)
        return forward[:size], inverse[:size]


def _power_table(base: np.uint32, size: int) -> np.ndarray:
    """base**t mod 2**32 for t < size (uint32 products wrap, which is the arithmetic we want;
    the explicit dtype stops numpy from widening the accumulation to 64 bits)."""
    table = np.full(size, base, dtype=np.uint32)
    table[0] = 1
    return np.multiply.accumulate(table, dtype=np.uint32)


_POWERS = _Powers()


def _fmix32(h: np.ndarray) -> np.ndarray:
    h ^= h >> np.uint32(16)
    h *= _FMIX1
    h ^= h >> np.uint32(13)
    h *= _FMIX2
    h ^= h >> np.uint32(16)
    return h


def _spaceless_chars(text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lead and last bytes of the characters of scripts written without spaces: kana and CJK
    ideographs (U+3040-U+9FFF, UTF-8 lead bytes E3-E9 but for U+3000-U+303F, punctuation the
    normal form has deleted anyway) and Thai (U+0E00-U+0E7F: E0 B8/B9). All are 3 bytes long."""
    n = len(text)
    padded = np.zeros(n + 2, dtype=np.uint8)
    padded[:n] = text
    lead = (text >= 0xE3) & (text <= 0xE9)
    lead |= (text == 0xE0) & ((padded[1 : n + 1] == 0xB8) | (padded[1 : n + 1] == 0xB9))
    last = np.zeros(n, dtype=bool)
    where = np.flatnonzero(lead) + 2
    last[where[where < n]] = True
    return lead, last


def _word_bounds(text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the words of `text`: runs between spaces, except that each character
    of a script written without spaces (Chinese, Japanese, Thai) is a word of its own, so that
    shingles there are character n-grams and a one-character edit changes only a few of them."""
    n = len(text)
    word = np.zeros(n + 2, dtype=bool)  # padded with gaps on both sides
    np.logical_and(text != SPACE, text != SEPARATOR, out=word[1:-1])
    lead, last = _spaceless_chars(text)
    if not lead.any():
        bounds = np.flatnonzero(word[1:] != word[:-1])
        return bounds[0::2], bounds[1::2]
    cut_before = lead.copy()  # a word boundary just before byte i
    cut_before[1:] |= last[:-1]
    cut_after = last.copy()  # a word boundary just after byte i
    cut_after[:-1] |= lead[1:]
    inner = word[1:-1]
    is_start = inner & (~word[:-2] | cut_before)
    is_end = inner & (~word[2:] | cut_after)
    return np.flatnonzero(is_start), np.flatnonzero(is_end) + 1


def _shingle_hashes(text: np.ndarray, shingle_size: int) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of the shingles of each text of `batchfold.normal_forms`, and where each
    text's shingles start (every text has at least one)."""
    n = len(text)

    starts, ends = _word_bounds(text)  # first byte of each word, one past its last
    cuts = np.searchsorted(starts, np.flatnonzero(text == SEPARATOR))
    n_words = np.diff(cuts, prepend=0, append=len(starts))

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
    prefix = np.empty(n + 1, dtype=np.uint32)  # prefix[i]: hash of bytes [0, i)
    prefix[0] = 0
    np.multiply(text, forward[:n], out=prefix[1:], dtype=np.uint32)
    np.add.accumulate(prefix, out=prefix)
    begin = starts[begin_word]
    hashes = (prefix[ends[end_word]] - prefix[begin]) * inverse[begin]
    if (n_words == 0).any():  # an empty normal form is one fixed shingle
        full = np.full(int(n_shingles.sum()), _EMPTY_SHINGLE, dtype=np.uint32)
        full[np.repeat(n_words > 0, n_shingles)] = hashes
        hashes = full
    return _fmix32(hashes), offsets


def _min_hash(hashes: np.ndarray, offsets: np.ndarray, config: DedupConfig) -> np.ndarray:
    """Minimum of each permutation over each document's shingles: (n_docs, num_perm)."""
    a, b = permutations(config.num_perm, config.seed)
    out = np.empty((config.num_perm, len(offsets)), dtype=np.uint32)
    block = np.empty((_PERM_BLOCK, len(hashes)), dtype=np.uint32)
    for k in range(0, config.num_perm, _PERM_BLOCK):
        rows = block[: min(_PERM_BLOCK, config.num_perm - k)]
        np.multiply(hashes[None, :], a[k : k + len(rows), None], out=rows)
        rows += b[k : k + len(rows), None]
        np.minimum.reduceat(rows, offsets, axis=1, out=out[k : k + len(rows)])
    return out.T


def minhash_signatures(
    texts: Sequence[str], config: DedupConfig | None = None, *, threads: int = 0
) -> np.ndarray:
    """MinHash signatures of `texts`: shape (len(texts), num_perm), dtype uint32.

    A pure function of each text and `config.signature_id`, whatever the chunking or threads.
    With `threads` > 0 the calling thread folds texts (Python, under the GIL) while that many
    workers hash and permute earlier chunks (numpy, mostly without the GIL). The default, 0,
    does everything in the calling thread: ingest already runs batches in parallel processes,
    and on a busy 2-core machine extra threads measured slower (`benchmarks/dedup.py`).
    """
    return _fingerprint(texts, config or DedupConfig(), threads, with_hashes=False)[1]


def fingerprints(
    texts: Sequence[str], config: DedupConfig | None = None, *, threads: int = 0
) -> tuple[list[str], np.ndarray]:
    """`content_hash` of each text and `minhash_signatures(texts)`, from one pass over the text.

    Equal to calling both (a test checks it), about twice as fast as calling them one by one.
    """
    return _fingerprint(texts, config or DedupConfig(), threads, with_hashes=True)


def _fingerprint(
    texts: Sequence[str], config: DedupConfig, threads: int, *, with_hashes: bool
) -> tuple[list[str], np.ndarray]:
    signatures = np.empty((len(texts), config.num_perm), dtype=np.uint32)
    hashes: list[str] = [""] * len(texts) if with_hashes else []

    def sign(start: int, stop: int, text: np.ndarray) -> None:
        if with_hashes:
            hashes[start:stop] = hashes_of_forms(text)
        signatures[start:stop] = _min_hash(*_shingle_hashes(text, config.shingle_size), config)

    chunks = chunk_bounds(texts)
    if threads <= 0 or len(chunks) <= 1:
        for start, stop in chunks:
            sign(start, stop, normal_forms(texts[start:stop]))
        return hashes, signatures
    with ThreadPoolExecutor(max_workers=threads) as pool:
        pending: deque[Future[None]] = deque()
        for start, stop in chunks:
            pending.append(pool.submit(sign, start, stop, normal_forms(texts[start:stop])))
            while len(pending) > 2 * threads:  # bounded look-ahead: bounded memory
                pending.popleft().result()
        for future in pending:
            future.result()
    return hashes, signatures


def pack_signatures(signatures: np.ndarray) -> list[bytes]:
    """One `bytes` per row: the row's values as little-endian uint32 (the lake's layout)."""
    rows = np.ascontiguousarray(signatures, dtype="<u4")
    width = rows.shape[1] * 4
    data = rows.tobytes()
    return [data[i : i + width] for i in range(0, len(data), width)]


def unpack_signatures(column: Sequence[bytes] | pl.Series, num_perm: int) -> np.ndarray:
    """Rows of `pack_signatures` back to an (n, num_perm) uint32 array; checks every length.

    A polars Series is read through its Arrow buffers, without a Python object per row. The
    result is a read-only view of those buffers when it can be (little-endian, aligned data),
    so unpacking a large column costs no second copy.
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
    words = data.view("<u4").reshape(len(sizes), num_perm)
    if words.dtype == np.dtype(np.uint32) and words.flags.aligned:
        return words
    return words.astype(np.uint32)


def _check_sizes(sizes: np.ndarray, width: int, num_perm: int) -> None:
    bad = np.flatnonzero(sizes != width)
    if len(bad):
        raise ValueError(
            f"{len(bad)} signatures are not {width} bytes ({num_perm} uint32), "
            f"first at row {bad[0]}"
        )
