"""Reading options: the field mapping for JSON exports and the limits that keep a run safe.

One `ReadOptions` value is passed to `read_file(path, raw_path, options=...)`; without one the
defaults below apply. Every limit exists because some input in the wild needs it: a zip bomb
(`max_ratio`), a 40 GB log file posing as JSONL (`max_line_bytes`), a page that makes a parser
crawl (`record_time_limit`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.formats.mapping import DEFAULT_MAPPING, FieldMapping
from corpus.normalize.source import DEFAULT_SOURCES, SourceMap

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How raw files are read. Frozen and picklable: safe to hand to worker processes."""

    mapping: FieldMapping = field(default_factory=lambda: DEFAULT_MAPPING)
    # one record (an HTML page, a JSON document, a text dump, a WARC record's payload)
    max_record_bytes: int = 64 * MiB
    # one JSONL line; longer lines are rejected (`too_large`) without being held in memory
    max_line_bytes: int = 64 * MiB
    # decompressed bytes of one file or archive member (a multi-GB JSONL.gz is fine)
    max_member_bytes: int = 64 * GiB
    # decompressed/compressed ratio above which a stream is a bomb; checked past `ratio_grace`
    max_ratio: float = 200.0
    ratio_grace: int = 16 * MiB
    max_json_depth: int = 64
    max_archive_depth: int = 4  # archives inside archives
    max_members: int = 1_000_000  # members of one zip or tar
    # seconds one record may take to extract (see `corpus.extract.extract`)
    record_time_limit: float = 10.0
    # publisher aliases and the source-name rule (`[sources]` in corpus.toml): here so that the
    # processing digest covers them and a change re-derives sources on `--reprocess`
    sources: SourceMap = field(default_factory=lambda: DEFAULT_SOURCES)


DEFAULT_OPTIONS = ReadOptions()
