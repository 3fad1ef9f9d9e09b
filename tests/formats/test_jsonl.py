"""JSON and JSONL exports: field mapping, nested paths, user mappings, and per-line rejects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.formats import ReadOptions, load_field_mapping
from corpus.formats.mapping import MappingError, lookup, map_fields
from corpus.records import ParsedArticle, RawRecord
from tests.formats.helpers import jsonl, outcomes, read_all, records, rejects

NEWS_PLEASE = {
    "title": "Council approves the harbour plan",
    "maintext": "PORTHAVEN – The council approved the harbour plan on Tuesday.\nWork starts in May.",
    "date_publish": "2024-03-05 18:30:00",
    "url": "https://www.porthaven-news.example/2024/03/05/harbour",
    "authors": ["Mara Quill", "Tobias Fenn"],
    "source_domain": "porthaven-news.example",
    "language": "en",
}
TRAFILATURA = {
    "title": "Rail line reopens",
    "author": "Ines Calder; Oskar Lind",
    "hostname": "valley-post.example",
    "date": "2024-04-01",
    "text": "The rail line reopened after the storm.\nTrains run every hour.",
    "language": "en",
}


def test_news_please_export() -> None:
    [article] = outcomes(jsonl(NEWS_PLEASE), "exports/np.jsonl")
    assert isinstance(article, ParsedArticle)
    assert article.title == "Council approves the harbour plan"
    assert article.dateline == "PORTHAVEN"
    assert [b.text for b in article.blocks] == ["The council approved the harbour plan on Tuesday.",
                                                 "Work starts in May."]  # fmt: skip
    assert article.authors == ["Mara Quill", "Tobias Fenn"]
    assert article.source == "porthaven-news.example"
    assert article.published_date.isoformat() == "2024-03-05"
    assert article.date_source == "field"
    assert article.language == "en"


def test_trafilatura_export_splits_its_author_string() -> None:
    [article] = outcomes(jsonl(TRAFILATURA), "exports/t.jsonl")
    assert article.authors == ["Ines Calder", "Oskar Lind"]
    assert article.source == "valley-post.example"
    assert len(article.blocks) == 2


def test_bad_line_costs_only_that_line() -> None:
    data = jsonl(NEWS_PLEASE) + b'{"title": "broken", "text": \n' + jsonl(TRAFILATURA)
    items = read_all(data, "x.jsonl")
    assert [type(i).__name__ for i in items] == ["RawRecord", "Reject", "RawRecord"]
    assert items[1].reason == "invalid_json"
    assert items[1].record_index == 1
    assert "line 2" in items[1].message
    assert items[2].record_index == 2


def test_blank_lines_keep_line_numbers() -> None:
    items = read_all(b"\n" + jsonl(TRAFILATURA) + b"\n\n" + jsonl(TRAFILATURA), "x.jsonl")
    assert [r.record_index for r in items] == [1, 4]


def test_missing_text_field() -> None:
    [reject] = read_all(jsonl({"title": "No text here", "url": "https://x.example/a"}), "x.jsonl")
    assert reject.reason == "missing_text_field"
    assert "title" in reject.message


def test_nested_paths_and_user_mapping(tmp_path: Path) -> None:
    mapping_file = tmp_path / "mapping.toml"
    mapping_file.write_text(
        '[fields]\ntext = ["body.content"]\ntitle = "meta.headline"\nauthors = "meta.people.name"\n'
    )
    mapping = load_field_mapping(mapping_file)
    record = {
        "meta": {"headline": "Nested", "people": [{"name": "Ada Byrne"}, {"name": "Lio Park"}]},
        "body": {"content": "Deep text of the article."},
    }
    [article] = outcomes(jsonl(record), "n.jsonl", options=ReadOptions(mapping=mapping))
    assert article.title == "Nested"
    assert article.authors == ["Ada Byrne", "Lio Park"]
    assert [b.text for b in article.blocks] == ["Deep text of the article."]
    [reject] = read_all(jsonl(record), "n.jsonl")  # the default mapping has no 'body.content'
    assert reject.reason == "missing_text_field"


def test_json_mapping_file_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "m.json"
    good.write_text(json.dumps({"fields": {"date": ["meta.when"]}}))
    assert load_field_mapping(good).date == ("meta.when",)
    assert load_field_mapping(good).text[0] == "text"  # unnamed fields keep the defaults
    bad = tmp_path / "bad.toml"
    bad.write_text('[fields]\nbody = "x"\n')
    with pytest.raises(MappingError, match="unknown fields"):
        load_field_mapping(bad)


def test_lookup_through_lists() -> None:
    assert lookup({"a": [{"b": 1}, {"b": 2}, {}]}, "a.b") == [1, 2]
    assert lookup({"a": {"b": {"c": "x"}}}, "a.b.c") == "x"
    assert lookup({"a": "x"}, "a.b") is None
    assert map_fields({"headline": "H", "content": "C"}, ReadOptions().mapping) == {
        "title": "H",
        "text": "C",
    }


def test_html_in_a_text_field_is_extracted_like_a_page() -> None:
    html = ("<div class='share'>Share on Facebook</div><article><p>" + "The bridge opened to traffic. " * 6
            + "</p><p>" + "Drivers welcomed the shorter route. " * 5 + "</p></article>"
            "<div class='newsletter'>Sign up for our newsletter</div>")  # fmt: skip
    [article] = outcomes(
        jsonl({"title": "Bridge", "content": html, "url": "https://a.example/x"}), "h.jsonl"
    )
    assert len(article.blocks) == 2
    assert not any("newsletter" in b.text.lower() or "Share" in b.text for b in article.blocks)
    assert article.title == "Bridge"
    assert article.url == "https://a.example/x"


def test_json_array_single_object_and_wrapped_list() -> None:
    array = json.dumps([TRAFILATURA, {"no": "text"}, NEWS_PLEASE]).encode()
    items = read_all(array, "a.json")
    assert [type(i).__name__ for i in items] == ["RawRecord", "Reject", "RawRecord"]
    assert [i.record_index for i in items] == [0, 1, 2]
    assert {r.raw_format for r in records(items)} == {"json"}
    single = json.dumps(TRAFILATURA, indent=2).encode()
    assert [r.record_index for r in records(read_all(single, "one.json"))] == [0]
    wrapped = json.dumps({"articles": [TRAFILATURA, TRAFILATURA]}, indent=1).encode()
    assert len(records(read_all(wrapped, "w.json"))) == 2


def test_truncated_array_and_empty_array() -> None:
    items = read_all(json.dumps([TRAFILATURA, TRAFILATURA]).encode()[:-40], "t.json")
    assert len(records(items)) == 1
    assert rejects(items)[0].reason == "invalid_json"
    assert [r.reason for r in read_all(b"[ ]", "e.json")] == ["empty_file"]


def test_deeply_nested_json() -> None:
    deep = {"text": "x"}
    for _ in range(100):
        deep = {"a": deep}
    deep["text"] = "outer text"
    [reject] = read_all(jsonl(deep), "d.jsonl")
    assert reject.reason == "too_deeply_nested"
    very_deep = b"[" * 100_000 + b"]" * 100_000
    [reject] = read_all(b'{"text": ' + very_deep + b"}\n", "d.jsonl")
    assert reject.reason == "too_deeply_nested"


def test_absurdly_long_line_is_rejected_and_skipped() -> None:
    options = ReadOptions(max_line_bytes=1_000)
    data = jsonl(TRAFILATURA) + b'{"text": "' + b"x" * 5_000 + b'"}\n' + jsonl(TRAFILATURA)
    items = read_all(data, "l.jsonl", options=options)
    assert [type(i).__name__ for i in items] == ["RawRecord", "Reject", "RawRecord"]
    assert items[1].reason == "too_large"
    assert items[2].record_index == 2


def test_latin1_line_is_decoded_not_replaced() -> None:
    line = (
        json.dumps({"text": "Café in Zürich öffnet"}, ensure_ascii=False).encode("cp1252") + b"\n"
    )
    [record] = read_all(line, "l.jsonl")
    assert isinstance(record, RawRecord)
    assert record.payload == "Café in Zürich öffnet"
