"""Settings of the dedup step, recorded with the version that interprets them.

A change of behaviour gets a new `version` (dolma's `name_v1` habit), so a `duplicates` table and
the `batches` row that made it say which logic and which parameters produced them. Signatures made
with different `signature_id`s cannot be compared: re-sign before clustering them together.
"""

from __future__ import annotations

from dataclasses import dataclass

# Keep-rule criteria by name: (column, descending). Nulls always sort last.
KEEP_CRITERIA: dict[str, tuple[str, bool]] = {
    "earliest_published_at": ("published_at", False),
    "latest_published_at": ("published_at", True),
    "longest_text": ("n_chars", True),
    "shortest_text": ("n_chars", False),
    "smallest_id": ("article_id", False),
}


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Near-duplicate detection by MinHash over word shingles, LSH banding and verification.

    Defaults measured with `benchmarks/dedup.py`: 100,000 generated news articles of 300-700
    words, with planted copies of known edit kind and same-topic articles as decoys; exact
    Jaccard of 5-word shingle sets for every pair of a 2,000-article sample is the ground truth.

    - `shingle_size=5` words: articles of one topic share words and stock phrases but hardly any
      5-word run (highest exact Jaccard between articles of different families: 0.008), while
      a changed word breaks only the 5 shingles that hold it: a few changed words score 0.81-1.0.
    - `num_perm=128`: the Jaccard estimate has a standard error of sqrt(J(1-J)/128), 0.04 at
      J=0.7; a signature is 512 bytes.
    - `threshold=0.7`: copies with a paragraph dropped or added or a changed headline scored
      0.75-0.97, heavy rewrites (15-40 words changed and a paragraph dropped) 0.32-0.75, and a
      follow-up reusing half of a story stays below 0.5 (a new article). Every candidate pair
      is verified against it on the estimated Jaccard, so two stories only join through a chain
      of links each at or above it. At 0.6 or 0.8 precision and recall were lower (more planted
      pairs sit near those values); all errors at 0.7 were pairs with exact Jaccard 0.65-0.71.
    - `bands=32, rows=4` (32 x 4 = 128): a pair becomes a candidate with probability
      1 - (1 - J**4)**32: 0.9998 at J=0.7, 1 - 1e-7 at J=0.8, so LSH loses almost nothing above
      the threshold; below it a candidate costs one signature comparison (J=0.3: 23%, J=0.1:
      0.3%). 16 x 8 misses 39% of pairs at J=0.7 and 5% at 0.8 (clusters hide some of it: its
      recall on the sample was 0.997 against 0.998).
    - `seed`: picks the permutations; part of `signature_id`.
    - `keep_rule`: which article of a cluster is kept, as named criteria applied in order, nulls
      last (see `KEEP_CRITERIA`): by default the earliest `published_at`, then the longest text
      (`n_chars`), then the smallest `article_id`. `smallest_id` is appended when missing, so
      the order is total and the choice never depends on input order.
    - `pairwise_bucket_limit`: an LSH bucket of at most this many distinct texts is verified
      pair by pair; a larger one (templated stories) links each member to the bucket's smallest
      member and to its neighbour in id order, which keeps the work linear.
    - `boilerplate_min_articles=3`: a paragraph found in at least this many articles of one
      source is boilerplate for that source (`paragraph_stats.is_boilerplate`).
    """

    shingle_size: int = 5
    num_perm: int = 128
    bands: int = 32
    rows: int = 4
    threshold: float = 0.7
    seed: int = 42
    keep_rule: tuple[str, ...] = ("earliest_published_at", "longest_text", "smallest_id")
    pairwise_bucket_limit: int = 32
    boilerplate_min_articles: int = 3
    version: str = "minhash_v2"  # v2: CJK/Thai characters are words

    def __post_init__(self) -> None:
        if self.shingle_size < 1:
            raise ValueError(f"shingle_size must be >= 1, got {self.shingle_size}")
        if self.bands * self.rows > self.num_perm or self.bands < 1 or self.rows < 1:
            raise ValueError(
                f"bands x rows ({self.bands} x {self.rows}) must fit in num_perm={self.num_perm}"
            )
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        unknown = [name for name in self.keep_rule if name not in KEEP_CRITERIA]
        if unknown:
            raise ValueError(f"unknown keep_rule criteria {unknown}; known: {list(KEEP_CRITERIA)}")
        if self.pairwise_bucket_limit < 2:
            raise ValueError(
                f"pairwise_bucket_limit must be >= 2, got {self.pairwise_bucket_limit}"
            )

    @property
    def signature_id(self) -> str:
        """What a stored signature depends on; signatures with different ids do not compare."""
        return f"{self.version}-w{self.shingle_size}-p{self.num_perm}-s{self.seed}"

    @property
    def effective_keep_rule(self) -> tuple[str, ...]:
        if "smallest_id" in self.keep_rule:
            return self.keep_rule
        return (*self.keep_rule, "smallest_id")

    @property
    def rule_name(self) -> str:
        """The keep rule as written in `duplicates.rule`."""
        return ">".join(self.effective_keep_rule)
