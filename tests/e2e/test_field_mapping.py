"""A user's JSON field mapping reaches the readers through the RawStore resource."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.lake import read
from tests.e2e.conftest import Env, write_tree

RECORD = {
    "headline_text": "Harbour board approves ferry timetable",
    "story": {
        "body": "The harbour board approved a new timetable on Tuesday after months "
        "of complaints from island residents, who said winter crossings were unreliable."
    },
    "meta": {"first_published": "2024-03-05T09:30:00+01:00"},
}


def test_user_mapping_file_is_used(
    tmp_path: Path, instance, monkeypatch: pytest.MonkeyPatch
) -> None:
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[fields]\ntitle = "headline_text"\ntext = "story.body"\ndate = "meta.first_published"\n'
    )
    monkeypatch.setenv("CORPUS_FIELD_MAPPING", str(mapping))
    env = Env(tmp_path, instance)
    write_tree(env.raw, {"harbour-times/export.jsonl": (json.dumps(RECORD) + "\n").encode()})
    env.ingest()
    articles = read("articles", str(env.lake))
    assert articles.height == 1
    row = articles.row(0, named=True)
    assert row["title"] == "Harbour board approves ferry timetable"
    assert row["text"].startswith("The harbour board approved")
    assert row["published_at"].isoformat() == "2024-03-05T08:30:00+00:00"
    assert row["raw_format"] == "jsonl"
    parameters = json.loads(read("batches", str(env.lake))["parameters"][0])
    assert parameters["read"]["mapping"]["text"] == ["story.body"]


def test_without_the_mapping_the_record_is_rejected(tmp_path: Path, instance) -> None:
    env = Env(tmp_path, instance)
    write_tree(env.raw, {"harbour-times/export.jsonl": (json.dumps(RECORD) + "\n").encode()})
    env.ingest()
    rejects = read("rejects", str(env.lake))
    assert rejects["reason"].to_list() == ["missing_text_field"]
