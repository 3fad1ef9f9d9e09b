"""Blocks of a plain-text body: paragraphs, subheadings and whole-paragraph quotations."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.normalize.text import count_words
from corpus.records import Block

HEADING_MAX_WORDS = 12
# closing punctuation in every script: a line ending in one is a sentence, not a subheading
# (CJK full stops and brackets, Devanagari danda, Arabic and Urdu stops, Ethiopic, Myanmar, Thai)
_CLOSING_PUNCTUATION = (
    *'.!?…:;,"”’»)]',
    "'",
    *"。！？．，；：」』）】》〉、",
    *"।॥",
    *"؟۔",
    *"።",
    *"။",
    "ฯ",
)
_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’"}
_BLANK_LINES = re.compile(r"\n\s*\n")


def _paragraph_lines(body: str) -> Iterator[list[str]]:
    """The stripped, non-blank lines of each paragraph; a paragraph with none is left out."""
    for chunk in _BLANK_LINES.split(body):
        if "\n" not in chunk:  # most paragraphs are one line
            line = chunk.strip()
            if line:
                yield [line]
            continue
        lines = [line for line in (part.strip() for part in chunk.split("\n")) if line]
        if lines:
            yield lines


def split_paragraphs(body: str) -> list[str]:
    """Paragraphs separated by blank lines; wrapped lines inside one are joined by a space."""
    return [" ".join(lines) for lines in _paragraph_lines(body)]


def is_quote(paragraph: str) -> bool:
    """A paragraph that is wholly one quotation, e.g. “We will rebuild,” she said does not count."""
    closing = _QUOTE_PAIRS.get(paragraph[:1])
    if closing is None or len(paragraph) < 3:
        return False
    inner = paragraph[1:-1] if paragraph.endswith(closing) else None
    if inner is None:
        # allow final punctuation outside the quote: “...”.
        if paragraph[-2:-1] == closing and paragraph[-1] in ".!?":
            inner = paragraph[1:-2]
        else:
            return False
    return closing not in inner and paragraph[0] not in inner


def looks_like_heading(paragraph: str, *, single_line: bool) -> bool:
    """The cheap tests first: words are counted only for a short line without closing
    punctuation (by script: a Chinese paragraph is not "one word")."""
    return (
        single_line
        and not paragraph.endswith(_CLOSING_PUNCTUATION)
        and paragraph[:1].isalnum()
        and 1 <= count_words(paragraph) <= HEADING_MAX_WORDS
    )


def classify_blocks(body: str) -> list[Block]:
    """Split and label: a short unpunctuated line is a heading only when a paragraph follows it."""
    paragraphs = [(" ".join(lines), len(lines) == 1) for lines in _paragraph_lines(body)]
    last = len(paragraphs) - 1
    blocks: list[Block] = []
    for i, (text, single_line) in enumerate(paragraphs):
        if 0 < i < last and looks_like_heading(text, single_line=single_line):
            blocks.append(Block("heading", text))
        elif is_quote(text):
            blocks.append(Block("quote", text))
        else:
            blocks.append(Block("paragraph", text))
    return blocks
