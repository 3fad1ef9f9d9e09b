"""`lake/catalog.duckdb`: one view per table over its current Delta snapshot, for plain DuckDB.

DuckDB's delta extension cannot be installed here (it downloads at run time), so each view reads
an explicit list of the snapshot's Parquet files; a glob would also see files that later commits
removed. Batch tables show only rows of batches recorded in `batches` (written last), so a batch
that crashed half-way stays invisible. The file is rebuilt beside the old one and swapped in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from corpus.lake.paths import catalog_path
from corpus.lake.read import COMMITTED_BY_BATCH, table_files
from corpus.lake.schemas import TABLES

# Analyst views over the base views: what most questions actually want.
DERIVED_VIEWS: dict[str, str] = {
    # articles minus the duplicates that were not kept
    "unique_articles": """
        SELECT a.* FROM articles a
        LEFT JOIN duplicates d USING (article_id)
        WHERE d.article_id IS NULL OR d.article_id = d.kept_article_id""",
    # paragraphs of unique articles, without their source's boilerplate
    "clean_paragraphs": """
        SELECT p.* FROM paragraphs p
        JOIN unique_articles u USING (article_id)
        LEFT JOIN paragraph_stats s
          ON s.source IS NOT DISTINCT FROM u.source AND s.paragraph_hash = p.paragraph_hash
        WHERE NOT coalesce(s.is_boilerplate, false)""",
    # one row per duplicate cluster
    "duplicate_clusters": """
        SELECT d.cluster_id,
               any_value(d.kept_article_id) AS kept_article_id,
               count(*) AS size,
               count(*) FILTER (WHERE d.kind = 'exact') AS n_exact,
               count(*) FILTER (WHERE d.kind = 'near') AS n_near,
               min(d.similarity) AS min_similarity,
               list_sort(list(DISTINCT a.source)) AS sources,
               min(a.published_date) AS first_published,
               max(a.published_date) AS last_published,
               any_value(d.rule) AS rule
        FROM duplicates d JOIN articles a USING (article_id)
        GROUP BY d.cluster_id""",
}


def duckdb_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_large_string(arrow_type) or pa.types.is_string(arrow_type):
        return "VARCHAR"
    if pa.types.is_large_binary(arrow_type) or pa.types.is_binary(arrow_type):
        return "BLOB"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMPTZ" if arrow_type.tz else "TIMESTAMP"
    if pa.types.is_date32(arrow_type):
        return "DATE"
    if pa.types.is_boolean(arrow_type):
        return "BOOLEAN"
    if pa.types.is_int32(arrow_type):
        return "INTEGER"
    if pa.types.is_int64(arrow_type):
        return "BIGINT"
    if pa.types.is_float64(arrow_type):
        return "DOUBLE"
    if pa.types.is_large_list(arrow_type) or pa.types.is_list(arrow_type):
        return duckdb_type(arrow_type.value_type) + "[]"
    if pa.types.is_struct(arrow_type):
        fields = ", ".join(f'"{f.name}" {duckdb_type(f.type)}' for f in arrow_type)
        return f"STRUCT({fields})"
    raise TypeError(f"no DuckDB type for {arrow_type}")


def _sql_list(values: Iterable[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def base_select(name: str, files: list[str]) -> str:
    """A SELECT with the canonical column names and types, whether or not files exist."""
    schema, partitions = TABLES[name]
    casts = ", ".join(f'CAST("{f.name}" AS {duckdb_type(f.type)}) AS "{f.name}"' for f in schema)
    if not files:
        nulls = ", ".join(f'CAST(NULL AS {duckdb_type(f.type)}) AS "{f.name}"' for f in schema)
        return f"SELECT {nulls} WHERE false"
    options = "union_by_name = true"
    if partitions:
        types = ", ".join(f"'{p}': VARCHAR" for p in partitions)
        options += f", hive_partitioning = true, hive_types = {{{types}}}"
    return f"SELECT {casts} FROM read_parquet({_sql_list(files)}, {options})"


def view_sql(name: str, files: list[str]) -> str:
    select = base_select(name, files)
    if name in COMMITTED_BY_BATCH:
        select = f"SELECT * FROM ({select}) WHERE batch_id IN (SELECT batch_id FROM batches)"
    return f'CREATE VIEW "{name}" AS {select}'


def build_catalog(lake_root: str, target: Path | None = None) -> Path:
    """Write the catalog for the lake's current snapshot; returns its path."""
    target = target or catalog_path(lake_root)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        order = ["batches"] + [n for n in TABLES if n != "batches"]
        for name in order:
            con.execute(view_sql(name, table_files(name, lake_root)))
        for name, sql in DERIVED_VIEWS.items():
            con.execute(f'CREATE VIEW "{name}" AS {sql}')
    finally:
        con.close()
    os.replace(tmp, target)
    return target
