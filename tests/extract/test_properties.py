"""Property tests: no extractor raises, whatever the page (an error must cost one record only,
and it must say why: a `Reject` with a reason code, never an exception)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.extract import extract
from corpus.extract.html import extract_page
from corpus.extract.textdump import parse_text_dump
from corpus.extract.web import extract_json_record
from corpus.records import ParsedArticle, RawRecord
from corpus.rejects import RejectError

TAGS = ["p", "div", "article", "main", "h1", "h2", "h3", "ul", "li", "figure", "ruby", "rt",
        "rp", "nav", "aside", "span", "a", "table", "tr", "td", "br", "script", "title"]  # fmt: skip
WORDS = ["The council", "met", "on Monday.", "北京市政府", "宣布。", "नगर परिषद।", "By JANE DOE",
         "(AP) --", "Updated 12:30 GMT", "©", "&amp;", "&#8217;", "<", ">", "\n\n"]  # fmt: skip
BUG_CLASS = {"extract_error", "read_error", "reader_error"}
CLASSES = ["paywall", "related", "content", "caption", "share", "story-highlights", "widget"]


@st.composite
def pages(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            cls = draw(st.sampled_from(["", *CLASSES]))
            attr = f' class="{cls}"' if cls else ""
            closed = draw(st.booleans())  # unclosed tags: the mis-nesting of real pages
            inner = draw(pages(depth + 1))
            parts.append(f"<{tag}{attr}>{inner}" + (f"</{tag}>" if closed else ""))
        else:
            parts.append(" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=30))))
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages(), st.sampled_from([None, "https://example.com/", "https://example.com/a/b", "x"]))
def test_extract_page_raises_only_not_an_article(html: str, url: str | None) -> None:
    try:
        parsed = extract_page(f"<html><body>{html}</body></html>", url=url)
    except RejectError as exc:
        assert exc.reason in {"not_an_article", "no_main_text"}
    else:
        assert parsed.blocks and all(b.text for b in parsed.blocks)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_text_dump_parser_raises_only_rejects(text: str) -> None:
    record = RawRecord("a.txt", 0, "text", f"date 2024-03-05\n{text}")
    try:
        assert isinstance(parse_text_dump(record), ParsedArticle)
    except RejectError as exc:
        assert exc.reason == "empty_body"
    outcome = extract(record)  # the stage's boundary: never a bug-class reason
    assert isinstance(outcome, ParsedArticle) or outcome.reason not in BUG_CLASS


@settings(max_examples=200, deadline=None)
@given(pages(), st.dictionaries(st.sampled_from(["title", "date", "authors", "url"]), st.text()))
def test_json_record_extractor_never_fails_as_a_bug(html: str, fields: dict) -> None:
    record = RawRecord("a.jsonl", 0, "jsonl", html, fields)
    try:
        assert isinstance(extract_json_record(record), ParsedArticle)
    except RejectError as exc:
        assert exc.reason not in BUG_CLASS
    outcome = extract(record)
    assert isinstance(outcome, ParsedArticle) or outcome.reason not in BUG_CLASS
