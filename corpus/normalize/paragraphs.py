"""Blocks of a plain-text body: paragraphs, subheadings and whole-paragraph quotations."""

from __future__ import annotations

import re

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


def split_paragraphs(body: str) -> list[str]:
    """Paragraphs separated by blank lines; wrapped lines inside one are joined by a space."""
    paragraphs = []
    for chunk in _BLANK_LINES.split(body):
        joined = " ".join(line.strip() for line in chunk.split("\n") if line.strip())
        if joined:
            paragraphs.append(joined)
    return paragraphs


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
    words = count_words(paragraph)  # by script: a Chinese paragraph is not "one word"
    return (
        single_line
        and 1 <= words <= HEADING_MAX_WORDS
        and not paragraph.endswith(_CLOSING_PUNCTUATION)
        and paragraph[:1].isalnum()
    )


def classify_blocks(body: str) -> list[Block]:
    """Split and label: a short unpunctuated line is a heading only when a paragraph follows it."""
    chunks = [c for c in _BLANK_LINES.split(body) if c.strip()]
    texts = split_paragraphs(body)
    single = [len([ln for ln in c.split("\n") if ln.strip()]) == 1 for c in chunks]
    blocks: list[Block] = []
    for i, text in enumerate(texts):
        has_next = i + 1 < len(texts)
        if has_next and i > 0 and looks_like_heading(text, single_line=single[i]):
            blocks.append(Block("heading", text))
        elif is_quote(text):
            blocks.append(Block("quote", text))
        else:
            blocks.append(Block("paragraph", text))
    return blocks
