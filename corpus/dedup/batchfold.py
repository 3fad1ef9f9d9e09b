"""Normal forms of many texts at once, as one byte array for `minhash`.

`textkey.folded_utf8` folds one text with a dozen bytes operations; over ~100 news articles
their per-call cost is most of the signing time. Here a chunk of texts is folded as one buffer:

1. Join with NUL (a dropped control character, so never part of a normal form) and encode.
2. Each distinct non-ASCII character of the chunk is folded once (`textkey.fold_char`); its
   occurrences are found among the buffer's UTF-8 lead bytes and overwritten or deleted in numpy.
3. One `bytes.translate` does the ASCII part, turning NUL into the "\\n" separator.
4. Runs of spaces and of "0" collapse, as in the normal form.

A chunk that `fold_chunk` cannot do this way (a text holding NUL, a character whose fold depends
on its neighbours, like a combining mark, or grows longer than its UTF-8) is folded text by text
with `folded_utf8`, which gives the same bytes (tests compare both with `content_hash`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import xxhash

from corpus.dedup.textkey import (
    _ASCII_BYTES,
    _ASCII_CLASSES,
    _ASCII_TABLE,
    _DROP,
    fold_char,
    folded_utf8,
)

SEPARATOR, SPACE, ZERO = ord("\n"), ord(" "), ord("0")
CHUNK_CHARS = 1 << 18  # characters per chunk: its arrays stay in cache (measured best)
# the ASCII fold, except that NUL (the chunk's separator) becomes "\n" and is not deleted
_CHUNK_TABLE = b"\n" + _ASCII_TABLE[1:]
_CHUNK_DELETE = bytes(c for c, cls in enumerate(_ASCII_CLASSES) if cls == _DROP and c != 0)


def normal_forms(texts: Sequence[str]) -> np.ndarray:
    """The normal forms of `texts` joined by "\\n" (spaces may remain next to a "\\n")."""
    data = "\0".join(texts).encode("utf-8", "surrogatepass")
    folded = None
    if data.count(b"\0") == len(texts) - 1:  # no text holds a NUL of its own
        folded = _fold_chunk(data)
    if folded is None:
        folded = b"\n".join(folded_utf8(text) for text in texts)
    return _collapse_runs(np.frombuffer(folded, dtype=np.uint8))


def chunk_bounds(texts: Sequence[str]) -> list[tuple[int, int]]:
    """(start, stop) of consecutive runs of `texts` of about `CHUNK_CHARS` characters each."""
    size, bounds, start, total = CHUNK_CHARS, [], 0, 0
    for i, text in enumerate(texts):
        total += len(text)
        if total >= size:
            bounds.append((start, i + 1))
            start, total = i + 1, 0
    if start < len(texts):
        bounds.append((start, len(texts)))
    return bounds


def content_hashes(texts: Sequence[str]) -> list[str]:
    """`textkey.content_hash` of each text, folded a chunk at a time (a batch's paragraphs)."""
    hashes: list[str] = []
    for start, stop in chunk_bounds(texts):
        hashes.extend(hashes_of_forms(normal_forms(texts[start:stop])))
    return hashes


def hashes_of_forms(forms: np.ndarray) -> list[str]:
    """`textkey.content_hash` of each text of `normal_forms` (same bytes, same hash)."""
    return [xxhash.xxh3_128_hexdigest(form.strip(b" ")) for form in forms.tobytes().split(b"\n")]


def _fold_chunk(data: bytes) -> bytes | None:
    if not data.isascii():
        plan = []
        for char in set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
            folded = fold_char(char)
            if folded is None:
                return None
            if folded != char:
                old, new = (s.encode("utf-8", "surrogatepass") for s in (char, folded))
                if len(new) > len(old):
                    return None
                plan.append((old, new))
        if plan:
            data = _apply(data, plan)
    return data.translate(_CHUNK_TABLE, _CHUNK_DELETE)


def _apply(data: bytes, plan: list[tuple[bytes, bytes]]) -> bytes:
    """Replace each `old` character by the shorter-or-equal `new`, in place, then compact."""
    padded = np.zeros(len(data) + 3, dtype=np.uint8)  # room to look ahead 3 bytes
    buffer = padded[: len(data)]
    buffer[:] = np.frombuffer(data, dtype=np.uint8)
    lead = np.flatnonzero(buffer >= 0xC0)  # first byte of every non-ASCII character
    keep = np.ones(len(buffer), dtype=bool)
    for old, new in plan:
        hit = padded[lead] == old[0]
        for j in range(1, len(old)):
            hit &= padded[lead + j] == old[j]
        where = lead[hit]
        for j, byte in enumerate(new):
            buffer[where + j] = byte
        for j in range(len(new), len(old)):
            keep[where + j] = False
    return buffer[keep].tobytes()


def _collapse_runs(raw: np.ndarray) -> np.ndarray:
    """Drop a space or "0" that follows the same byte."""
    repeat = np.zeros(len(raw), dtype=bool)
    np.equal(raw[1:], raw[:-1], out=repeat[1:])
    repeat &= (raw == SPACE) | (raw == ZERO)
    return raw[~repeat]
