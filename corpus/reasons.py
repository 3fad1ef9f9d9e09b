"""Stable reject reason codes: the contract of the `rejects` table.

A code never changes meaning once released; new failure modes get new codes. Asset checks verify
that every reject in the lake carries one of these.
"""

REASONS: dict[str, str] = {
    # discover: a directory entry under the raw root that is never opened
    "broken_link": "a symlink whose target does not exist",
    "outside_raw_root": "a symlink whose target resolves outside the raw root",
    "symlink_not_followed": "a symlink inside the raw root, not followed (or one to a folder)",
    "not_a_regular_file": "a FIFO, socket, device or other special file, never opened",
    "undecodable_name": "a file or folder name that is not valid UTF-8",
    "unreadable": "the entry cannot be listed, stat'ed or opened (permission)",
    "changed_while_reading": "the file changed between planning and reading",
    # read: the file or archive member could not be read as a whole
    "read_error": "the file could not be read from disk",
    "empty_file": "the file holds no bytes, or only whitespace",
    "binary_content": "the bytes are not text (NUL or control bytes)",
    "invalid_encoding": "the bytes are not valid in any encoding tried",
    "unsupported_format": "no reader knows this format",
    "corrupt_archive": "a compressed or archive container is truncated or corrupt",
    "empty_archive": "a zip or tar archive holds no file (no members, or only folders)",
    "truncated_record": "a record ends before its declared length: its payload is incomplete",
    "no_records": "a container was read whole but held no record to report",
    "too_large": "a member's size or compression ratio is above the configured cap",
    "unsafe_member_path": "an archive member has an absolute or '..' path",
    "invalid_json": "a JSON document or JSONL line does not parse",
    "too_deeply_nested": "a JSON document nests deeper than the configured limit",
    "malformed_warc": "a WARC record header does not parse, or its length overruns the next",
    "warc_revisit": "a WARC revisit record: a pointer to an earlier capture, no payload",
    "invalid_xml": "an XML document that does not parse",
    "unsupported_xml": "an XML document that is not a feed (RSS, Atom) or a known article export",
    # extract: the record was read but is not an article
    "missing_date_header": "a text dump does not start with 'date YYYY-MM-DD'",
    "invalid_date": "the date header names a day that does not exist",
    "empty_body": "the record has metadata but no body text",
    "no_main_text": "no main text was found in the page",
    "not_an_article": "the page is a listing or index page, not an article",
    "missing_text_field": "the JSON record has no text field under the mapping",
    "timeout": "the record took longer than the per-record time limit",
    "extract_error": "the extractor failed unexpectedly on this record",
    "reader_error": "a reader failed unexpectedly on this file (a bug, never bad input)",
}


def is_known(reason: str) -> bool:
    return reason in REASONS
