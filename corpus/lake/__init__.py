"""The lake: Delta tables of partitioned Parquet, their schemas, writes, reads and the catalog.

For notebooks::

    from corpus.lake import scan
    scan("articles").filter(pl.col("source") == "meridian-wire").collect()

`scan` shows the committed state (rows of batches recorded in `batches`), like the DuckDB catalog.
"""

from corpus.lake.read import read, scan, table_files
from corpus.lake.schemas import TABLES

__all__ = ["TABLES", "read", "scan", "table_files"]
