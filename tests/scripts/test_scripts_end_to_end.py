"""Every script through the real pipeline: Chinese, Japanese, Hindi and Thai text dumps become
articles of paragraphs (not headings) with words counted by script, and a one-character edit
of an article is found as its near duplicate."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import polars as pl
import pytest

from corpus.lake import read
from tests.e2e.conftest import Env, write_tree
from tests.scripts.texts import HI, JA, TH, ZH, dump, one_character_edit

ARTICLES = {"zh": ZH, "ja": JA, "hi": HI, "th": TH}
FILES = {
    "hewan-daily/zh-greenway.txt": dump(ZH, title="河湾市将建设沿江绿色走廊"),
    "hewan-daily/zh-greenway-copy.txt": dump(one_character_edit(ZH, "三", "五"), day="2024-03-06"),
    "kohoku/ja-hospital.txt": dump(JA),
    "kohoku/ja-hospital-copy.txt": dump(one_character_edit(JA, "秋", "春")),
    "nadipur/hi-market.txt": dump(HI),
    "nadipur/hi-market-copy.txt": dump(one_character_edit(HI, "न", "म")),
    "rimnam/th-bridge.txt": dump(TH),
}


def _letters(paragraphs: list[str]) -> int:
    return sum(unicodedata.category(c).startswith("L") for p in paragraphs for c in p)


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import dagster as dg

    root = tmp_path_factory.mktemp("scripts")
    with dg.instance_for_test() as instance:
        env = Env(root, instance)
        write_tree(env.raw, FILES)
        env.ingest()
    return env.lake


def _article(lake: Path, name: str) -> dict:
    articles = read("articles", str(lake)).filter(pl.col("raw_path").str.ends_with(name))
    return articles.row(0, named=True)


@pytest.mark.parametrize("script", ["zh", "ja", "hi", "th"])
def test_paragraphs_are_paragraphs(lake: Path, script: str) -> None:
    name = next(p for p in FILES if p.split("/")[1].startswith(f"{script}-") and "copy" not in p)
    row = _article(lake, name)
    kinds = read("paragraphs", str(lake)).filter(pl.col("article_id") == row["article_id"])
    assert kinds.sort("position")["kind"].to_list() == ["paragraph"] * len(ARTICLES[script])


def test_words_are_counted_by_script(lake: Path) -> None:
    # each ideograph or kana is a word; Hindi words are spaced; Thai runs are split by length
    assert _article(lake, "zh-greenway.txt")["n_words"] == _letters(ZH) > 600
    assert _article(lake, "ja-hospital.txt")["n_words"] == _letters(JA) > 550
    assert _article(lake, "hi-market.txt")["n_words"] == len(" ".join(HI).split())
    assert _article(lake, "th-bridge.txt")["n_words"] >= _letters(TH) // 5


def test_one_character_edits_are_near_duplicates(lake: Path) -> None:
    ids = {
        name.rsplit("/", 1)[1].removesuffix(".txt"): _article(lake, name)["article_id"]
        for name in FILES
    }
    duplicates = read("duplicates", str(lake))
    clusters = {
        frozenset(group["article_id"].to_list()) for _, group in duplicates.group_by("cluster_id")
    }
    for stem in ("zh-greenway", "ja-hospital", "hi-market"):
        assert frozenset({ids[stem], ids[f"{stem}-copy"]}) in clusters, stem
    assert all(ids["th-bridge"] not in c for c in clusters)
