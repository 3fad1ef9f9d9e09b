"""Every column is described, and docs/tables.md is what the registry says today."""

from __future__ import annotations

from pathlib import Path

from corpus.lake.columns import COLUMNS
from corpus.lake.docs import render
from corpus.lake.tables import TABLES

ROOT = Path(__file__).parents[2]


def test_every_column_is_described_and_only_those() -> None:
    assert set(COLUMNS) == set(TABLES)
    for name, spec in TABLES.items():
        assert set(COLUMNS[name]) == set(spec.schema.names), name
        assert all(COLUMNS[name].values()), name


def test_table_reference_is_current() -> None:
    assert (ROOT / "docs" / "tables.md").read_text() == render(), "run `make docs`"
