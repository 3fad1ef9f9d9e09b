"""One publisher, one source: folder names, hosts and site names meet on one canonical name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.config import ConfigError, source_map
from corpus.dedup.config import DedupConfig
from corpus.formats.options import ReadOptions
from corpus.ingest import processing_digest
from corpus.normalize.source import SourceMap, SourceMapError, source_name
from corpus.process import tables_of_files
from tests.core.helpers import WHEN, write_raw


@pytest.mark.parametrize(
    ("found", "name"),
    [
        ("meridian-wire", "meridian-wire"),
        ("meridian-wire.example", "meridian-wire"),
        ("www.meridian-wire.example", "meridian-wire"),
        ("https://WWW.Meridian-Wire.example/2024/a.html", "meridian-wire"),
        ("Meridian Wire", "meridian-wire"),
        ("news.bbc.co.uk", "bbc"),  # a two-label public suffix
        ("alice.blogspot.com", "alice"),  # a private suffix: one blog is not all of blogspot
        ("http://127.0.0.1:8080/x", "127.0.0.1"),
        ("東京新聞", "東京新聞"),
        ("  ", None),
    ],
)
def test_builtin_name(found: str, name: str | None) -> None:
    assert source_name(found) == name


def test_alias_map_matches_found_value_and_its_name() -> None:
    sources = SourceMap.from_table({"guardian": ["theguardian.com", "The Guardian"]})
    assert sources.canonical("https://www.theguardian.com/uk/a") == "guardian"
    assert sources.canonical("THE GUARDIAN") == "guardian"
    assert sources.canonical("the_guardian") == "guardian"
    assert sources.canonical("observer.example") == "observer"  # not aliased: its own name
    assert sources.canonical(None) is None


def test_an_alias_of_two_publishers_is_an_error() -> None:
    with pytest.raises(SourceMapError, match="alias of both"):
        SourceMap.from_table({"a": ["shared.example"], "b": ["www.shared.example"]})
    with pytest.raises(SourceMapError):
        SourceMap.from_table({"a": 3})


def test_config_section_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "corpus.toml"
    config.write_text('[sources]\nthe-wire = ["meridian-wire.example", "mwire"]\n')
    monkeypatch.setenv("CORPUS_CONFIG", str(config))
    assert source_map().canonical("mwire") == "the-wire"
    config.write_text("[sources]\nthe-wire = [1]\n")
    with pytest.raises(ConfigError, match="sources"):
        source_map()


def test_changing_the_map_changes_the_processing_digest() -> None:
    plain = processing_digest(ReadOptions())
    aliased = processing_digest(ReadOptions(sources=SourceMap.from_table({"a": ["b.example"]})))
    assert plain != aliased
    assert plain == processing_digest(ReadOptions(sources=SourceMap()))


def _rows(root: Path, options: ReadOptions) -> dict[str, tuple[str, str]]:
    files = write_raw(
        root,
        {
            "meridian-wire/a.txt": b"date 2024-03-05\n\nThe council met on Monday to agree a budget.",
            "meridian-wire/b.jsonl": json.dumps(
                {"source": "www.meridian-wire.example", "text": "Rates rose again today."}
            ).encode(),
            "imports/c.jsonl": json.dumps(
                {"source": "mwire.example", "text": "The ferry resumed its crossings."}
            ).encode(),
        },
    )
    table = tables_of_files(files, root, "b1", WHEN, DedupConfig(), options).articles
    return {r["raw_path"]: (r["source"], r["raw_source"]) for r in table.to_pylist()}


def test_folder_host_and_field_become_one_source(tmp_path: Path) -> None:
    sources = SourceMap.from_table({"meridian-wire": ["mwire.example"]})
    rows = _rows(tmp_path, ReadOptions(sources=sources))
    assert rows == {
        "meridian-wire/a.txt": ("meridian-wire", "meridian-wire"),
        "meridian-wire/b.jsonl": ("meridian-wire", "meridian-wire.example"),
        "imports/c.jsonl": ("meridian-wire", "mwire.example"),
    }
