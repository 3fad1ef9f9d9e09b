"""What each column of each lake table means: the one source for the UI, the docs and the catalog.

A test checks that every column of every canonical schema is described here, and only those.
"""

from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "Stable id: hash of raw_path and record_index (same on every machine and re-run).",
        "source": "Publisher's canonical name: raw_source through the [sources] alias map, else its registrable name.",
        "raw_source": "Publisher as found: the record's field or URL host, else the first folder under the raw root.",
        "url": "The article's URL when the record or page names one.",
        "title": "Headline; null when the input has none (never invented).",
        "authors": "People credited with the article, in order.",
        "published_at": "Publication time in UTC; midnight when only the day is known; null when unknown.",
        "published_date": "Publication day (UTC).",
        "date_precision": "'day' or 'time': how much of published_at is known.",
        "date_source": "Where the date came from: header, json-ld, meta, url, crawl, ...",
        "dateline": "Place (and agency) that opened the body, upper-cased, e.g. 'NAIROBI'.",
        "language": "ISO 639-1 code of the body text.",
        "section": "Section or category the record names.",
        "tags": "Keywords the record names.",
        "text": "Normalized body: paragraphs joined by blank lines.",
        "n_paragraphs": "Number of rows of this article in paragraphs.",
        "n_words": "Words in text, counted per script (CJK characters count one each).",
        "n_chars": "Characters in text.",
        "content_hash": "xxh3-128 of the folded text: equal for exact duplicates.",
        "raw_path": "Input it came from, relative to the raw root; archive members as 'container!member'.",
        "raw_sha256": "sha256 of the raw file's bytes when it was read.",
        "raw_format": "Detected format chain, e.g. 'text', 'gzip+jsonl', 'zip+html'.",
        "record_index": "Position of the record inside raw_path (0 for one-record files).",
        "batch_id": "The ingest batch that wrote the row (see batches).",
        "ingested_at": "When the batch was registered (UTC).",
        "pipeline_version": "corpus-lake version that made the row.",
        "published_month": "Partition: 'YYYY-MM' of published_date, or 'unknown'.",
    },
    "paragraphs": {
        "article_id": "The article (articles.article_id).",
        "position": "0-based order within the article.",
        "kind": "paragraph, heading, quote or list_item.",
        "text": "The paragraph's normalized text.",
        "n_words": "Words in text, counted per script.",
        "paragraph_hash": "Hash of the folded text: joins paragraph_stats for boilerplate.",
        "batch_id": "The ingest batch that wrote the row.",
        "published_month": "Partition: the article's published_month.",
    },
    "signatures": {
        "article_id": "The article (articles.article_id).",
        "content_hash": "The article's exact-duplicate key.",
        "minhash": "Packed MinHash signature of the article's shingles.",
        "dedup_version": "Shingling and MinHash settings that made the signature.",
        "batch_id": "The ingest batch that wrote the row.",
    },
    "rejects": {
        "raw_path": "Input that could not become an article (a file, member or entry).",
        "raw_sha256": "sha256 of the raw file (empty for entries never opened).",
        "record_index": "Record inside raw_path; null when the whole input failed.",
        "stage": "Where it failed: discover, read, decode, extract, normalize.",
        "reason": "Stable reason code (corpus/reasons.py).",
        "message": "One line saying what was wrong.",
        "excerpt": "The input's first characters, for a human to recognise it.",
        "batch_id": "The ingest batch that wrote the row.",
    },
    "duplicates": {
        "article_id": "An article that belongs to a cluster of two or more.",
        "cluster_id": "The cluster (stable for the same set of members).",
        "kept_article_id": "The member the keep rule keeps.",
        "kind": "'exact' (same content_hash as the kept article) or 'near'.",
        "similarity": "Estimated Jaccard similarity to the kept article.",
        "rule": "The keep rule that chose kept_article_id.",
    },
    "paragraph_stats": {
        "source": "Publisher.",
        "paragraph_hash": "The paragraph (paragraphs.paragraph_hash).",
        "n_articles": "Unique articles of the source that use it.",
        "is_boilerplate": "True when n_articles reaches the boilerplate threshold.",
    },
    "registrations": {
        "batch_id": "The batch: registration time to the microsecond, then a digest of its files.",
        "registered_at": "When the batch was registered (UTC).",
        "kind": "'new' (new or changed files), 'reprocess' or 'prune'.",
        "files": "Each file: path, key (its raw_path), sha256, size, mtime_ns, status, note.",
    },
    "attempts": {
        "batch_id": "The batch (registrations.batch_id).",
        "attempt": "1 for the first start, then 2, 3, ...",
        "at": "When the event happened (UTC).",
        "event": "'started' or 'failed'.",
        "error": "For 'failed': the exception type and its first line.",
    },
    "batches": {
        "batch_id": "A landed batch (registrations.batch_id).",
        "registered_at": "When it was registered (UTC).",
        "started_at": "When the landing attempt started (UTC).",
        "finished_at": "When its rows were ready to commit (UTC).",
        "attempt": "Which attempt landed it.",
        "n_files": "Files, refused entries and tombstones in the batch.",
        "n_records": "Records read from its files.",
        "n_articles": "Articles it wrote.",
        "n_paragraphs": "Paragraphs it wrote.",
        "n_rejects": "Rejects it wrote.",
        "n_sanitized": "Code points changed to make its strings storable (lone surrogates, NULs, control characters).",
        "stage_seconds": "JSON: seconds and items per stage (`corpus.timings.STAGES`).",
        "parameters": "JSON: every setting that changes output, with versions.",
        "parameters_digest": "Digest of the settings that decide a file's rows (--reprocess compares it).",
        "pipeline_version": "corpus-lake version that landed it.",
    },
}


def describe(table: str, column: str) -> str:
    return COLUMNS.get(table, {}).get(column, "")
