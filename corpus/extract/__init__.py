"""Extractors: one `RawRecord` in, a `ParsedArticle` (metadata + blocks) or a `Reject` out.

The extractor is chosen by the record's leaf format (`gzip+warc` -> `warc`): containers do not
change how a record is extracted. Each record runs under a time limit (`time_limit`, seconds;
`ReadOptions.record_time_limit` by default): one that takes longer becomes a `timeout` reject.
"""

from __future__ import annotations

from collections.abc import Callable

from corpus.extract.textdump import parse_text_dump
from corpus.extract.timeout import RecordTimeout
from corpus.extract.timeout import time_limit as _time_limit
from corpus.extract.web import extract_html_record, extract_json_record, extract_warc_record
from corpus.formats.options import DEFAULT_OPTIONS
from corpus.records import ParsedArticle, RawRecord, Reject
from corpus.rejects import RejectError, make_reject, reject_of
from corpus.sanitize import clean_record

Extractor = Callable[[RawRecord], ParsedArticle]  # raises RejectError

# The version of the extraction rules (HTML text and metadata, text-dump headers, paragraphs and
# word counts): a change that alters output gets a new one, so a batch can say which rules made
# it. extract_v2 (issue 11): page types as `not_an_article`, headline-first titles, authors as
# people, word counts and paragraph ends by script, more text-dump header shapes. extract_v3:
# forum and documentation pages and microdata products rejected, reworded `<h1>` headlines,
# JSON-LD authors by reference, "Written by" bylines, dates without the wall clock. extract_v4:
# the learned page-type model (`page_model`), back matter after "About the author" cut, the
# domain names the site in titles, a team/desk/organisation credit when no person is named.
# extract_v5: the page-type model retrained on 47 features (documentation, service and listing
# shapes), dateparser limited to the web's common languages. extract_v6: boosted trees judge the
# page type with the home-page, URL-folder and listing rules as their inputs; bylines read with
# their labels, dates and roles cut, bare "By" bylines only after the page type; a JSON-LD
# headline cut short read whole from `<title>`; a declared credit kept when no person is named.
# extract_v7: the date and labelled bylines shown beside the headline, "published on" labels
# further down the page, all before htmldate's search; the page-type model as three bagged boosted
# models; of several `<h1>`s the one a metadata title holds; in-page anchors not counted as links.
# extract_v8: a page with no publication date takes its shown or declared update (`date_source`
# 'modified'); a re-stamped structured date yields to an earlier one written under the headline;
# paragraphs a template repeats further down dropped, sign-up consent and embed placeholders
# dropped; of several JSON-LD articles only the first that credits anyone names the authors; a
# short page declaring a product and no story type is a product page.
# extract_v9: titles: a `<br>` in the `<h1>` is a space; an `<h1>` naming the blog or the site, a
# menu `<h1>` the metadata does not confirm, or one holding a metadata title plus a badge is not the
# headline; a glued "Title:" label dropped; CJK headlines count a word per two characters.
# extract_v10: a JSON-LD-only publication date gives way to the update shown beside the headline
# in its place (`date_source` 'modified'); a `<meta>` one to an earlier date written alone under
# the headline; "04-ago-2021" dates; a heading's permalink mark and a bare pipe cut from titles; a
# one-word `<h1>` that opens the metadata title is the title.
EXTRACTOR_VERSION = "extract_v10"

EXTRACTORS: dict[str, Extractor] = {
    "text": parse_text_dump,
    "html": extract_html_record,
    "warc": extract_warc_record,
    "arc": extract_warc_record,
    "json": extract_json_record,
    "jsonl": extract_json_record,
    # feed items and trafilatura XML and TEI docs: fields and an HTML payload, as a JSON export record
    "rss": extract_json_record,
    "atom": extract_json_record,
    "xml": extract_json_record,
    "tei": extract_json_record,
}
DEFAULT_TIME_LIMIT = DEFAULT_OPTIONS.record_time_limit


def base_format(raw_format: str) -> str:
    """'gzip+jsonl' -> 'jsonl': containers do not change how a record is extracted."""
    return raw_format.rsplit("+", 1)[-1]


def extract(
    record: RawRecord, *, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> ParsedArticle | Reject:
    """The record's article, or its `Reject`: the extract stage's one boundary, where a
    `RejectError` raised anywhere below becomes a row (excerpt: the record's payload)."""
    record = clean_record(record)  # parsers such as lxml refuse NUL and control characters
    where = (record.raw_path, record.record_index)
    extractor = EXTRACTORS.get(base_format(record.raw_format))
    if extractor is None:
        return make_reject(*where, "unsupported_format", f"no extractor for {record.raw_format}",
                           stage="extract")  # fmt: skip
    try:
        with _time_limit(time_limit):
            return extractor(record)
    except RejectError as exc:
        return reject_of(exc, *where, stage="extract", data=record.payload)
    except RecordTimeout as exc:
        return make_reject(*where, "timeout", str(exc), stage="extract", data=record.payload)
    except Exception as exc:  # an extractor bug must cost one record, not the batch
        return make_reject(*where, "extract_error", f"{type(exc).__name__}: {exc}",
                           stage="extract", data=record.payload)  # fmt: skip
