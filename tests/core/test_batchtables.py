"""Chunk-wide counts, hashes and cleaning give what one row at a time gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.batchtables import clean_columns, to_table
from corpus.dedup.textkey import content_hash, paragraph_hash
from corpus.normalize.text import count_words
from corpus.sanitize import clean_row
from tests.core.helpers import tables_of

DUMPS = {
    "wire/a.txt": "date 2024-03-05 LONDON – It’s “quoted”: 1,000 people met.\n\nSecond "
    "paragraph here, with café and naïve words.\n",
    "wire/b.txt": "date 2024-03-06 北京市政府今天宣布，将在未来三年内投资建设新的城市公园。\n\n"
    "ภาษาไทย คำ ข่าว วันนี้ และ พรุ่งนี้ ที่ เมือง\n\nApple 发布了 new 手机 today, they said.\n",
    "wire/c.txt": "date 2024-03-07 PARIS - Le conseil s’est réuni lundi.\n\nCafe\u0301 au lait, "
    "dit-il, et l’accord est signé.\n",
}


def test_counts_and_hashes_equal_those_of_each_text(tmp_path: Path) -> None:
    tables = tables_of(tmp_path, {k: v.encode() for k, v in DUMPS.items()})
    articles = tables.articles.to_pylist()
    paragraphs = tables.paragraphs.to_pylist()
    assert len(articles) == 3 and len(paragraphs) == 7
    for row in articles:
        assert row["n_words"] == count_words(row["text"])
        assert row["content_hash"] == content_hash(row["text"])
        mine = [p for p in paragraphs if p["article_id"] == row["article_id"]]
        assert [p["position"] for p in mine] == list(range(row["n_paragraphs"]))
        assert "\n\n".join(p["text"] for p in mine) == row["text"]
    for row in paragraphs:
        assert row["n_words"] == count_words(row["text"])
        assert row["paragraph_hash"] == paragraph_hash(row["text"])
    signed = dict(
        zip(
            *tables.signatures.select(["article_id", "content_hash"]).to_pydict().values(),
            strict=True,
        )
    )
    assert signed == {r["article_id"]: r["content_hash"] for r in articles}


def test_column_cleaning_equals_row_cleaning() -> None:
    rows = [
        {"raw_path": "a\x00b", "raw_sha256": "s", "record_index": 1, "stage": "read",
         "reason": "r", "message": "m\ud800", "excerpt": "", "batch_id": "b"},
        {"raw_path": "clean", "raw_sha256": "s", "record_index": None, "stage": "read",
         "reason": "r", "message": "\ud83d\ude00 pair", "excerpt": "x\x0by", "batch_id": "b"},
    ]  # fmt: skip
    expected = [clean_row(row) for row in rows]
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    assert clean_columns("rejects", columns) == sum(n for _, n in expected)
    assert [
        dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
    ] == [row for row, _ in expected]
    assert columns["message"][1] == "\U0001f600 pair"


def test_a_misspelled_column_is_an_error_not_a_null_column() -> None:
    columns = {"raw_path": [], "raw_sha": []}
    with pytest.raises(KeyError, match="raw_sha"):
        to_table("rejects", columns)
