"""Scoring helpers for benchmarks/extraction.py: shingle overlap, titles, dates, authors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import lxml.html

SHINGLE = 4
# CJK scripts are written without spaces: each character is a token there
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")
_BLOCKS = "p div section article li blockquote pre h1 h2 h3 h4 h5 h6 td th tr dd dt br figcaption"


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    words = tokens(text)
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of 4-gram token shingles (sets) of one page."""
    got, want = shingles(predicted), shingles(expected)
    if not got and not want:
        return 1.0, 1.0, 1.0
    if not got or not want:
        return 0.0, 0.0, 0.0
    common = len(got & want)
    p, r = common / len(got), common / len(want)
    return p, r, (2 * p * r / (p + r) if common else 0.0)


def html_fragment_text(html: bytes) -> str:
    """The text of readability's expected.html, one line per block element."""
    root = lxml.html.fromstring(html.decode("utf-8"))  # lxml alone would guess Latin-1
    for el in root.iter(*_BLOCKS.split()):
        el.tail = "\n" + (el.tail or "")
    return "\n".join(" ".join(line.split()) for line in root.text_content().split("\n")).strip()


def normalize_title(title: str | None) -> str:
    return " ".join((title or "").split())


_BYLINE_STOP = {"by", "and", "von", "und", "par", "et", "the", "staff", "writer", "reporter"}


def author_recall(expected_byline: str, authors: Iterable[str]) -> float:
    want = {t for t in tokens(expected_byline) if t not in _BYLINE_STOP and not t.isdigit()}
    if not want:
        return 1.0
    got = {t for a in authors for t in tokens(a)}
    return len(want & got) / len(want)


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")
