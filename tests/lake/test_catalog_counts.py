"""The catalog's row counts (the catalog asset's metadata): one per public view, as `count(*)`
of each would give."""

from __future__ import annotations

import duckdb

from corpus.lake.catalog import view_counts


def test_view_counts_count_every_public_view_and_skip_private_ones() -> None:
    con = duckdb.connect()
    con.execute("create table t as select range as i from range(7)")
    con.execute("create view _all_things as select * from t")
    con.execute("create view things as select * from _all_things where i % 2 = 0")
    con.execute("create view pairs as select a.i from things a join things b on a.i < b.i")
    con.execute("create view nothing as select * from t where false")
    assert view_counts(con) == {"nothing": 0, "pairs": 6, "things": 4}


def test_view_counts_of_a_catalog_without_views_is_empty() -> None:
    assert view_counts(duckdb.connect()) == {}
