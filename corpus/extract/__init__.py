"""Extractors: one `RawRecord` in, a `ParsedArticle` (metadata + blocks) or a `Reject` out."""

from __future__ import annotations

from collections.abc import Callable

from corpus.extract.textdump import parse_text_dump
from corpus.records import ParsedArticle, RawRecord, Reject

Extractor = Callable[[RawRecord], ParsedArticle | Reject]

EXTRACTORS: dict[str, Extractor] = {"text": parse_text_dump}


def base_format(raw_format: str) -> str:
    """'gzip+jsonl' -> 'jsonl': containers do not change how a record is extracted."""
    return raw_format.rsplit("+", 1)[-1]


def extract(record: RawRecord) -> ParsedArticle | Reject:
    extractor = EXTRACTORS.get(base_format(record.raw_format))
    if extractor is None:
        return Reject(
            record.raw_path,
            record.record_index,
            "extract",
            "unsupported_format",
            f"no extractor for {record.raw_format}",
            "",
        )
    try:
        return extractor(record)
    except Exception as exc:  # an extractor bug must cost one record, not the batch
        return Reject(
            record.raw_path,
            record.record_index,
            "extract",
            "extract_error",
            f"{type(exc).__name__}: {exc}",
            str(record.payload[:200]),
        )
