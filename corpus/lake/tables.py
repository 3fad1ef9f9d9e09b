"""The table registry: every fact about a lake table in one entry.

Scopes say how a table is written and read:
- `batch`: rows belong to one ingest batch (`batch_id`); a batch's rows are written before its
  `batches` row and are visible only while their batch is the live one for their raw file;
- `global`: recomputed from the whole lake and replaced in one commit (dedup, boilerplate);
- `log`: append-only records of the lake's own history (registrations, attempts, batches).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pyarrow as pa

from corpus.arrowprobe import answer_pandas_probe
from corpus.lake import schemas

# every conversion of Python rows to Arrow goes through a table's schema, so this module is
# imported before any: pyarrow's first one must not import pandas (`corpus.arrowprobe`)
answer_pandas_probe()

Scope = Literal["batch", "global", "log"]


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    schema: pa.Schema
    scope: Scope
    description: str
    partitions: tuple[str, ...] = ()
    # how a batch table's rows find their raw file: through `raw_path` (articles, rejects) or
    # through their article (paragraphs, signatures)
    file_link: Literal["raw_path", "article", None] = None

    def rows_to_table(self, rows: list[dict] | pa.Table) -> pa.Table:
        """Rows (dicts or any Arrow table) in this table's canonical schema.

        A dict key the schema does not know, or a column it lacks, is an error: a misspelled key
        must never become a silent null column."""
        if isinstance(rows, pa.Table):
            missing = set(self.schema.names) - set(rows.column_names)
            if missing:
                raise KeyError(f"{self.name}: rows lack columns {sorted(missing)}")
            return rows.select(self.schema.names).cast(self.schema)
        names = set(self.schema.names)
        for row in rows:
            if row.keys() != names:
                unknown, missing = sorted(row.keys() - names), sorted(names - row.keys())
                raise KeyError(f"{self.name}: unknown keys {unknown}, missing keys {missing}")
        return pa.Table.from_pylist(rows, schema=self.schema)


_SPECS = [
    TableSpec(
        "rejects",
        schemas.REJECTS,
        "batch",
        "Every input that could not become an article, with a stable reason code.",
        file_link="raw_path",
    ),
    TableSpec(
        "signatures",
        schemas.SIGNATURES,
        "batch",
        "Exact and MinHash fingerprints per article: the dedup index.",
        file_link="article",
    ),
    TableSpec(
        "paragraphs",
        schemas.PARAGRAPHS,
        "batch",
        "The articles' paragraphs, headings, quotes and list items, in order.",
        partitions=("published_month",),
        file_link="article",
    ),
    TableSpec(
        "articles",
        schemas.ARTICLES,
        "batch",
        "One row per ingested article (duplicates included), partitioned by month.",
        partitions=("published_month",),
        file_link="raw_path",
    ),
    TableSpec(
        "duplicates",
        schemas.DUPLICATES,
        "global",
        "Every article in an exact or near-duplicate cluster, with the kept article.",
    ),
    TableSpec(
        "paragraph_stats",
        schemas.PARAGRAPH_STATS,
        "global",
        "Paragraph hashes repeated across a source's unique articles; boilerplate flagged.",
    ),
    TableSpec(
        "registrations",
        schemas.REGISTRATIONS,
        "log",
        "Every registered batch and its files; a batch is pending until its `batches` row lands.",
    ),
    TableSpec(
        "attempts",
        schemas.ATTEMPTS,
        "log",
        "Each start and failure of a batch run: retries are bounded by it.",
    ),
    TableSpec(
        "batches",
        schemas.BATCHES,
        "log",
        "One row per landed batch: counts, timings, parameters, versions.",
    ),
]

TABLES: dict[str, TableSpec] = {spec.name: spec for spec in _SPECS}
# A batch writes these in this order, then its `batches` row (the moment it lands).
BATCH_TABLES: tuple[str, ...] = tuple(s.name for s in _SPECS if s.scope == "batch")
GLOBAL_TABLES: tuple[str, ...] = tuple(s.name for s in _SPECS if s.scope == "global")


def spec(name: str) -> TableSpec:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"no lake table {name!r}; tables: {', '.join(TABLES)}") from None


def names(scope: Scope | None = None) -> Iterable[str]:
    return [n for n, s in TABLES.items() if scope is None or s.scope == scope]
