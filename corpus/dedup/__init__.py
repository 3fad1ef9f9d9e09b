"""Exact and near-duplicate detection and boilerplate statistics, free of Dagster.

- `textkey`: the normal form of a text and its hashes (`content_hash`, `paragraph_hash`);
- `minhash`: MinHash signatures of word shingles, packed for the `signatures` table, and
  `fingerprints` (content hashes and signatures in one pass, for ingest); texts are folded a
  chunk at a time by `batchfold`;
- `cluster`: the `duplicates` table from signatures (LSH and components in `lsh`);
- `boilerplate`: the `paragraph_stats` table;
- `config`: `DedupConfig`, the versioned settings of all of it.
"""

from corpus.dedup.boilerplate import PARAGRAPH_STATS_SCHEMA, paragraph_stats
from corpus.dedup.cluster import DUPLICATES_SCHEMA, find_duplicates
from corpus.dedup.config import KEEP_CRITERIA, DedupConfig
from corpus.dedup.minhash import (
    fingerprints,
    minhash_signatures,
    pack_signatures,
    unpack_signatures,
)
from corpus.dedup.textkey import TEXTKEY_VERSION, content_hash, normalize_for_hash, paragraph_hash

__all__ = [
    "DUPLICATES_SCHEMA",
    "KEEP_CRITERIA",
    "PARAGRAPH_STATS_SCHEMA",
    "TEXTKEY_VERSION",
    "DedupConfig",
    "content_hash",
    "find_duplicates",
    "fingerprints",
    "minhash_signatures",
    "normalize_for_hash",
    "pack_signatures",
    "paragraph_hash",
    "paragraph_stats",
    "unpack_signatures",
]
