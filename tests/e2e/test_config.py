"""`corpus.toml`: the CLI, the Definitions (sensor, `make ui`) and every resource read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets.resources import DedupSettings, LakeStore, RawStore
from pipelines.definitions import build_definitions
from tests.lake.helpers import corpus

CONFIG = """
[raw]
root = "dumps"
max_ratio = 50.0
[lake]
root = "warehouse"
[ingest]
workers = 3
[dedup]
threshold = 0.8
keep_rule = ["longest_text", "earliest_published_at", "smallest_id"]
[sources]
meridian-wire = ["mwire.example"]
"""


def test_every_resource_reads_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus.toml").write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CORPUS_RAW_ROOT", raising=False)
    monkeypatch.delenv("CORPUS_LAKE_ROOT", raising=False)
    assert RawStore().root == "dumps" and RawStore().max_ratio == 50.0
    assert (
        RawStore().read_options().sources.canonical("https://www.mwire.example/a")
        == "meridian-wire"
    )
    assert LakeStore().root == "warehouse"
    dedup = DedupSettings()
    assert dedup.threshold == 0.8 and dedup.config().keep_rule[0] == "longest_text"
    resources = build_definitions().resources  # what the sensor and `make ui` get
    assert resources["settings"].workers == 3
    assert resources["lake"].root == "warehouse"
    monkeypatch.setenv("CORPUS_LAKE_ROOT", "from-env")  # the environment wins over the file
    assert LakeStore().root == "from-env"


def test_unknown_key_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "corpus.toml").write_text("[dedup]\ntreshold = 0.8\n")
    proc = corpus("status", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: corpus.toml: unknown keys in [dedup]: ['treshold']")
    assert proc.stderr.count("\n") == 1


def test_cli_defaults_come_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "corpus.toml").write_text('[lake]\nroot = "nowhere-lake"\n')
    proc = corpus("status", cwd=tmp_path)
    assert proc.returncode == 1
    assert "no lake at" in proc.stderr and "nowhere-lake" in proc.stderr


def test_sources_section_is_an_alias_map(tmp_path: Path) -> None:
    (tmp_path / "corpus.toml").write_text('[sources]\nmeridian-wire = ["mwire.example"]\n')
    assert "unknown" not in corpus("status", cwd=tmp_path).stderr  # publisher names, not settings
    (tmp_path / "corpus.toml").write_text("[sources]\nmeridian-wire = 3\n")
    proc = corpus("status", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: config file corpus.toml: [sources] meridian-wire")
