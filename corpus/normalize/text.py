"""Character-level normalization shared by every format.

NFC, mojibake repair and whitespace folding; typographic quotes and dashes are kept as written,
because analysts search for them and they carry meaning (quotations, ranges).
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# Sequences that UTF-8 read as Latin-1/cp1252 leaves behind ("Ã©", "â€™", "Â "): only texts that
# hold one pay for ftfy's repair, which is slow relative to the rest of the pipeline.
_MOJIBAKE_HINT = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u203a€™œž]|Ã.|â€")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_ODD_SPACES = "[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# runs of spacing that are not already one plain space (matching every single space is slow)
_HSPACE = re.compile(f" {_SPACES}+|{_ODD_SPACES}{_SPACES}*")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def repair_mojibake(text: str) -> str:
    """Undo double-encoded UTF-8 where the text shows its traces; leave other text alone."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    return ftfy.fix_encoding(text)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")


def clean_line(line: str) -> str:
    """One line: NBSP, tabs and other spaces folded to one space, zero-width marks dropped."""
    line = _CONTROL.sub("", _ZERO_WIDTH.sub("", line))
    return _HSPACE.sub(" ", line).strip()


_LINE_EDGES = re.compile(r" *\n *")


def normalize_text(text: str) -> str:
    """Whole-document normalization before splitting into blocks (keeps line structure).

    Same result as `clean_line` on every line, done over the whole text at once (it is the
    hottest function of a text-dump ingest).
    """
    text = normalize_newlines(text.removeprefix("\ufeff"))
    text = _CONTROL.sub("", _ZERO_WIDTH.sub("", text))
    text = unicodedata.normalize("NFC", repair_mojibake(text))
    return _LINE_EDGES.sub("\n", _HSPACE.sub(" ", text)).strip(" ")


_WORD_SLICE = 1 << 20
_SPACE_AHEAD = re.compile(r"\s")


def count_words(text: str) -> int:
    """Whitespace-separated words; a long text is counted slice by slice, so a 50 MB record
    costs one slice's word list (measured: 12x the text when split whole)."""
    if len(text) <= _WORD_SLICE:
        return len(text.split())
    total = start = 0
    while start < len(text):
        found = _SPACE_AHEAD.search(text, min(start + _WORD_SLICE, len(text)))
        end = found.start() if found else len(text)
        total += len(text[start:end].split())
        start = end
    return total
