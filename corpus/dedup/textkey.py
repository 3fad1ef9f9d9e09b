"""Text keys for exact matching: a normal form that ignores what copies change, and its hashes.

Two copies of a wire story differ in ways a reader does not notice: typographic quotes against
straight ones, a full-width digit, a case change, a re-wrapped paragraph, an updated figure
("12 killed" -> "15 killed"). `normalize_for_hash` folds all of these, so `content_hash` matches
exact copies in that sense, and `corpus.dedup.minhash` shingles the same normal form, so both
dedup keys agree on what a word is.

The normal form, step by step:

1. NFKC, casefold, NFKC again (the recipe behind Unicode's NFKC_Casefold: a casefolded string
   need not be NFKC any more). Ligatures, full-width forms and superscripts become plain letters
   and digits; "Straße" becomes "strasse".
2. Punctuation (categories P*), symbols (S*), format characters (Cf: zero-width spaces, soft
   hyphens) and control characters other than whitespace are deleted, not replaced by a space:
   "U.S." and "US", "don't" and "dont" agree, and inserted punctuation never splits a word.
3. Each run of decimal digits (any script, category Nd) becomes one "0": "1,000" and "15" agree.
4. Whitespace runs (any Unicode space, tabs, line and paragraph breaks) become one space, with no
   leading or trailing space. Line structure is deliberately lost: re-wrapping is not a change.
5. NFKC once more when deletions brought a base letter next to its combining mark.

Letters keep their accents: "resume" and "résumé" are different words in many languages.
Scripts written without spaces (Chinese, Japanese, Thai) come out as one "word" per run between
spaces; `corpus.dedup.minhash` (from `minhash_v2`) shingles them by characters instead.

Speed: most news text is ASCII plus a few typographic characters (’ “ — …) and accented
letters. Such text takes a bytes fast path: each distinct non-ASCII character is folded once
(`fold_char`, cached), replaced in the UTF-8 bytes, and one `bytes.translate` does the ASCII
part (`corpus.dedup.batchfold` does the same for a whole chunk of texts at once). Text with
characters whose fold depends on their neighbours (combining marks, conjoining jamo) takes the
general path, `_normalize_unicode`, a numpy pass over code points. Tests check that all agree.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache, lru_cache

import numpy as np
import xxhash

# Version of the normal form; a change to the steps above is a new version (and new hashes).
TEXTKEY_VERSION = "textkey_v1"

# Character classes of steps 2-4.
_KEEP, _DROP, _DIGIT, _SPACE = 0, 1, 2, 3


def _char_class(char: str) -> int:
    category = unicodedata.category(char)
    if category == "Nd":
        return _DIGIT
    if char.isspace():
        return _SPACE
    if category[0] in "PS" or category in ("Cf", "Cc"):
        return _DROP
    return _KEEP


# Planes 4-13 are unassigned and 15-16 private use (all _KEEP): only these ranges are looked up.
_ASSIGNED = (range(0x40000), range(0xE0000, 0xE1000))


@cache
def _class_table() -> np.ndarray:
    """The class of every code point, one byte each (built once, ~0.2 s)."""
    table = np.full(sys.maxunicode + 1, _KEEP, dtype=np.uint8)
    for codes in _ASSIGNED:
        table[codes.start : codes.stop] = [_char_class(chr(code)) for code in codes]
    return table


@cache
def _composing_seconds() -> frozenset[str]:
    """Characters that can compose with the character before them (NFC's second elements)."""
    seconds = set()
    for code in _ASSIGNED[0]:
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    # Hangul syllables compose algorithmically from conjoining jamo (not in the table above)
    seconds.update(chr(code) for code in range(0x1160, 0x11FF + 1))
    return frozenset(seconds)


def _context_free(char: str) -> bool:
    """Whether NFKC folds `char` the same whatever its neighbours are."""
    return (
        unicodedata.combining(char) == 0
        and not unicodedata.category(char).startswith("M")
        and not 0x1100 <= ord(char) <= 0x11FF  # conjoining jamo
        and not 0x3130 <= ord(char) <= 0x318F  # compatibility jamo (NFKC: conjoining jamo)
        and not 0xA960 <= ord(char) <= 0xA97F
        and not 0xD7B0 <= ord(char) <= 0xD7FF
        and char not in _composing_seconds()
    )


_FOLD_CACHE: dict[str, str | None] = {}


def fold_char(char: str) -> str | None:
    """Steps 1-2 (and the digit and space mapping) for one character: its folded text, or None
    when that depends on its neighbours. Cached: a corpus holds few distinct characters."""
    if char in _FOLD_CACHE:
        return _FOLD_CACHE[char]
    result: str | None = None
    if _context_free(char):
        nfkc = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", char).casefold())
        if all(_context_free(c) for c in nfkc):
            fates = {_DROP: "", _DIGIT: "0", _SPACE: " "}
            result = "".join(fates.get(_char_class(c), c) for c in nfkc)
    _FOLD_CACHE[char] = result
    return result


# The ASCII part: one bytes.translate lowers, maps digits to "0" and whitespace to " ", and
# deletes the dropped class; bytes >= 0x80 pass through.
_ASCII_CLASSES = [_char_class(chr(code)) for code in range(128)]
_ASCII_TABLE = bytes(
    ord("0") if cls == _DIGIT else ord(" ") if cls == _SPACE else ord(chr(code).lower())
    for code, cls in enumerate(_ASCII_CLASSES)
) + bytes(range(128, 256))
_ASCII_DELETE = bytes(code for code, cls in enumerate(_ASCII_CLASSES) if cls == _DROP)
_ASCII_BYTES = bytes(range(128))


def folded_utf8(text: str) -> bytes:
    """The normal form as UTF-8 before its runs are collapsed (steps 1-2 and the digit/space
    mapping of steps 3-4, but "0" and " " runs may repeat). The general path returns the
    complete normal form, which is also a valid answer. `batchfold` collapses runs itself."""
    data = text.encode("utf-8", "surrogatepass")
    if not text.isascii():
        others = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        dropped = []
        for char in set(others):
            folded = fold_char(char)
            if folded is None:
                return _normalize_unicode(text).encode("utf-8", "surrogatepass")
            if not folded:
                dropped.append(char)
            elif folded != char:
                data = data.replace(_utf8(char), _utf8(folded))
        if dropped:  # typically quotes and dashes: one regex pass beats a replace per character
            data = _deletion(frozenset(dropped)).sub(b"", data)
    return data.translate(_ASCII_TABLE, _ASCII_DELETE)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@lru_cache(maxsize=4096)
def _deletion(chars: frozenset[str]) -> re.Pattern[bytes]:
    return re.compile(b"|".join(re.escape(_utf8(char)) for char in sorted(chars)))


def _collapse(data: bytes, unit: bytes) -> bytes:
    double = unit + unit
    while double in data:
        data = data.replace(double, unit)
    return data


def normalize_for_hash(text: str) -> str:
    """The normal form both dedup keys are computed on (see the module docstring)."""
    data = folded_utf8(text)
    return _collapse(_collapse(data, b"0"), b" ").strip(b" ").decode("utf-8", "surrogatepass")


def _normalize_unicode(text: str) -> str:
    """The general path, over code points with numpy; the reference the fast path must match."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    classes = _class_table()[codes]
    kept = classes != _DROP
    codes, classes = codes[kept], classes[kept]
    # a digit after a digit, or a space after a space, continues a run: only its first stays
    repeat = np.zeros(len(classes), dtype=bool)
    np.equal(classes[1:], classes[:-1], out=repeat[1:])
    repeat &= classes >= _DIGIT
    codes = np.where(classes == _DIGIT, ord("0"), np.where(classes == _SPACE, ord(" "), codes))
    text = codes[~repeat].astype("<u4").tobytes().decode("utf-32-le", "surrogatepass").strip(" ")
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text


def _hash_hex(normal_form: str) -> str:
    return xxhash.xxh3_128_hexdigest(normal_form.encode("utf-8", "surrogatepass"))


def content_hash(text: str) -> str:
    """Exact-duplicate key of an article body: xxh3-128 of its normal form, 32 hex digits."""
    return _hash_hex(normalize_for_hash(text))


def paragraph_hash(text: str) -> str:
    """Key of one paragraph for boilerplate statistics: same normal form and hash as articles."""
    return _hash_hex(normalize_for_hash(text))
