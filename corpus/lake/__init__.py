"""The lake: Delta tables of partitioned Parquet under one URI, reached through `Lake`.

For notebooks::

    from corpus.lake import Lake
    lake = Lake("lake")
    lake.scan("articles").filter(pl.col("source") == "meridian-wire").collect()

`scan` shows what the DuckDB catalog shows: the rows of landed batches that are live for their raw
file (`corpus.lake.visibility`).
"""

from corpus.lake.lake import Lake, read, scan
from corpus.lake.storage import LakeError
from corpus.lake.tables import TABLES

__all__ = ["TABLES", "Lake", "LakeError", "read", "scan"]
