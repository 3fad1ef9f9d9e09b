"""Character-level normalization shared by every format.

NFC, mojibake repair and whitespace folding; typographic quotes and dashes are kept as written,
because analysts search for them and they carry meaning (quotations, ranges).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

# Sequences that UTF-8 read as Latin-1/cp1252 leaves behind ("Ã©", "â€™", "Â "): only texts that
# hold one pay for ftfy's repair, which is slow relative to the rest of the pipeline.
_MOJIBAKE_HINT = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u203a€™œž]|Ã.|â€")
_SPACES = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_ODD_SPACES = "[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# runs of spacing that are not already one plain space (matching every single space is slow)
_HSPACE = re.compile(f" {_SPACES}+|{_ODD_SPACES}{_SPACES}*")
# what normalization deletes: zero-width marks and control characters, in one scan
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def repair_mojibake(text: str) -> str:
    """Undo double-encoded UTF-8 where the text shows its traces; leave other text alone.
    Every trace opens with "Ã", "Â" or "â": three substring searches rule out nearly all text
    faster than the pattern's scan (measured: 8 against 25 µs per 1 kB article)."""
    if text.isascii() or ("Ã" not in text and "Â" not in text and "â" not in text):
        return text
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy  # imported by the first text that needs it (~0.2 s of every worker's start)

    return ftfy.fix_encoding(text)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")


def clean_line(line: str) -> str:
    """One line: NBSP, tabs and other spaces folded to one space, zero-width marks dropped."""
    line = _INVISIBLE.sub("", line)
    return _HSPACE.sub(" ", line).strip()


# a spacing character `_HSPACE` folds on its own, and spaces beside a line break (only where
# there are some: a pattern that also matched every bare "\n" would rebuild the string for nothing)
_ODD_SPACE = re.compile(_ODD_SPACES)
_LINE_EDGES = re.compile(r" +\n *|\n +")


def normalize_text(text: str) -> str:
    """Whole-document normalization before splitting into blocks (keeps line structure).

    Same result as `clean_line` on every line, done over the whole text at once (it is the
    hottest function of a text-dump ingest). A step whose pattern cannot match is skipped after
    a substring search, far faster than the pattern's own scan: most texts hold no double space,
    odd space or space at a line's edge (measured: 32 against 115 µs per 1 kB article).
    """
    text = normalize_newlines(text.removeprefix("\ufeff"))
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", repair_mojibake(text))
    if "  " in text or _ODD_SPACE.search(text):
        text = _HSPACE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGES.sub("\n", text)
    return text.strip(" ")


# scripts written without spaces between words: one ideograph or kana is one word (the usual
# convention for Chinese and Japanese counts); Thai, Lao, Khmer and Myanmar runs count one word
# per THAI_CHARS_PER_WORD letters (an estimate: these scripts need a dictionary to segment)
_IDEOGRAPH = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
_SOUTHEAST_RUN = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
THAI_CHARS_PER_WORD = 4
_WORD_SLICE = 1 << 20
_SPACE_AHEAD = re.compile(r"\s")


def count_words(text: str) -> int:
    """Words by script: space-separated tokens, each CJK character, Thai-like runs by length
    (a 700-character Chinese article is ~700 words, not the handful of its spaces). A long text
    is counted slice by slice, cut at a space where there is one near, so a 50 MB record costs
    one slice's word list (measured: 12x the text when split whole)."""
    if len(text) <= _WORD_SLICE:
        return _count_slice(text)
    total = start = 0
    while start < len(text):
        cut = min(start + _WORD_SLICE, len(text))
        found = _SPACE_AHEAD.search(text, cut, min(cut + 4096, len(text)))
        end = found.start() if found else cut
        total += _count_slice(text[start:end])
        start = end
    return total


def _count_slice(text: str) -> int:
    if text.isascii():
        return len(text.split())
    ideographs = len(_IDEOGRAPH.findall(text))
    runs = _SOUTHEAST_RUN.findall(text)
    southeast = sum(-(-len(run) // THAI_CHARS_PER_WORD) for run in runs)
    if ideographs:
        text = _CJK_PUNCTUATION.sub(" ", _IDEOGRAPH.sub(" ", text))
    if runs:
        text = _SOUTHEAST_RUN.sub(" ", text)
    return len(text.split()) + ideographs + southeast


# `str.split()`'s whitespace (none above U+3000), and the code point ranges of the patterns above
_IDEOGRAPH_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                     (0x20000, 0x2FA1F))  # fmt: skip
_CJK_PUNCTUATION_RANGES = ((0x3000, 0x303F), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40),
                           (0xFF5B, 0xFF65))  # fmt: skip
_SOUTHEAST_RANGES = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF))
_MANY_CHUNK = 1 << 20  # characters per numpy pass of `count_words_many`
# what each code point of the Basic Multilingual Plane is to the count, one byte of bits each:
# one lookup per character instead of a comparison per range (above it only ideographs count)
_SPACE_BIT, _IDEOGRAPH_BIT, _SOUTHEAST_BIT, _PUNCTUATION_BIT = 1, 2, 4, 8
_BMP = 0x10000


def _code_classes() -> np.ndarray:
    classes = np.zeros(_BMP, dtype=np.uint8)
    classes[[c for c in range(0x3001) if chr(c).isspace()]] |= _SPACE_BIT
    for ranges, bit in ((_IDEOGRAPH_RANGES, _IDEOGRAPH_BIT), (_SOUTHEAST_RANGES, _SOUTHEAST_BIT),
                        (_CJK_PUNCTUATION_RANGES, _PUNCTUATION_BIT)):  # fmt: skip
        for low, high in ranges:
            if low < _BMP:
                classes[low : high + 1] |= bit
    return classes


_CLASSES = _code_classes()
_ASCII_SPACE = (_CLASSES[:128] & _SPACE_BIT).astype(bool)


def count_words_many(texts: Sequence[str]) -> list[int]:
    """`count_words` of each text, over a whole list at once: one numpy pass over the code points
    of ~1M characters of texts instead of a few regex calls per paragraph (a batch's paragraphs
    are most of its calls). A text longer than one slice of `count_words` goes through it."""
    counts = [0] * len(texts)
    start = 0
    while start < len(texts):
        stop, size = start, 0
        while stop < len(texts) and (size < _MANY_CHUNK or stop == start):
            size += len(texts[stop]) + 1
            stop += 1
        chunk = texts[start:stop]
        long = [i for i, text in enumerate(chunk) if len(text) > _WORD_SLICE]
        if long:
            chunk = list(chunk)
            for i in long:
                chunk[i] = ""
        counts[start:stop] = _count_chunk(chunk)
        for i in long:
            counts[start + i] = count_words(texts[start + i])
        start = stop
    return counts


def _count_chunk(texts: Sequence[str]) -> list[int]:
    """Word counts of texts each followed by "\n" (whitespace, so no word spans two texts):
    sums over each text's slice of the code points (`np.add.reduceat` at their starts)."""
    joined = "\n".join(texts) + "\n"
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    if joined.isascii():
        gap = _ASCII_SPACE[np.frombuffer(joined.encode("ascii"), dtype=np.uint8)]
        total = np.zeros(len(texts), dtype=np.int64)
    else:
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        classes = _CLASSES[np.minimum(codes, _BMP - 1)]  # U+FFFF is a noncharacter: no bits
        astral = np.flatnonzero(codes >= _BMP)
        if len(astral):
            low, high = _IDEOGRAPH_RANGES[-1]
            classes[astral] = ((codes[astral] >= low) & (codes[astral] <= high)) * _IDEOGRAPH_BIT
        gap = (classes & (_SPACE_BIT | _IDEOGRAPH_BIT | _SOUTHEAST_BIT)).astype(bool)
        ideograph = (classes & _IDEOGRAPH_BIT).astype(bool)
        total = np.add.reduceat(ideograph, starts, dtype=np.int64)
        # as in `_count_slice`: CJK punctuation separates words only in texts with ideographs
        if total.any():
            punctuation = (classes & _PUNCTUATION_BIT).astype(bool)
            if punctuation.any():
                gap |= punctuation & np.repeat(total > 0, lengths)
        southeast = (classes & _SOUTHEAST_BIT).astype(bool)
        if southeast.any():  # runs never cross texts: the "\n" between them is no letter
            edges = np.flatnonzero(np.diff(southeast.astype(np.int8), prepend=0, append=0))
            run_starts, run_ends = edges[0::2], edges[1::2]
            words = -(-(run_ends - run_starts) // THAI_CHARS_PER_WORD)
            owner = np.searchsorted(starts, run_starts, side="right") - 1
            total += np.bincount(owner, weights=words, minlength=len(texts)).astype(np.int64)
    word_start = ~gap
    word_start[1:] &= gap[:-1]
    total += np.add.reduceat(word_start, starts, dtype=np.int64)
    return total.tolist()


def count_joined_words(text: str, part_counts: Sequence[int]) -> int:
    """`count_words(text)` of a text that is parts joined by blank lines, from the parts' own
    counts: equal, since a blank line ends a word and a run in every script (a text longer than
    one slice is counted again: its slices may cut elsewhere than the parts)."""
    return sum(part_counts) if len(text) <= _WORD_SLICE else count_words(text)
