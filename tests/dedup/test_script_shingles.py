"""Shingles by script: Chinese, Japanese and Thai text is shingled by characters (minhash_v2)."""

from __future__ import annotations

import numpy as np

from corpus.dedup.batchfold import normal_forms
from corpus.dedup.config import DedupConfig
from corpus.dedup.minhash import _word_bounds, minhash_signatures

_ZH = (
    "北京市政府今天宣布，将在未来三年内投资建设新的城市公园和绿色走廊，以改善居民的生活环境。"
    "市民普遍欢迎这一计划，认为它将为城市带来更多的休闲空间。专家指出，城市绿化不仅可以美化环境，"
    "还能够降低夏季的气温，减少空气污染，提高居民的健康水平。"
) * 4
_JA = (
    "東京都は今日、新しい公園の建設計画を発表しました。住民の多くはこの計画を歓迎しており、"
    "専門家は都市の緑化が夏の気温を下げ、空気の汚染を減らすと指摘しています。"
) * 5


def _similarity(a: str, b: str) -> float:
    sig = minhash_signatures([a, b], DedupConfig())
    return float(np.mean(sig[0] == sig[1]))


def _words(text: str) -> list[str]:
    folded = normal_forms([text])
    starts, ends = _word_bounds(folded)
    data = folded.tobytes()
    return [data[s:e].decode() for s, e in zip(starts, ends, strict=True)]


def test_spaceless_characters_are_words_of_their_own() -> None:
    assert _words("hello 我们是 world ไทย ok") == [
        "hello",
        "我",
        "们",
        "是",
        "world",
        "ไ",
        "ท",
        "ย",
        "ok",
    ]


def test_words_of_spaced_scripts_are_unchanged() -> None:
    assert _words("Der schnelle Fuchs — 12 Straßen") == [
        "der",
        "schnelle",
        "fuchs",
        "0",
        "strassen",
    ]


def test_one_character_edit_of_a_chinese_article_is_a_near_duplicate() -> None:
    edited = _ZH.replace("三年", "五年", 1)
    assert edited != _ZH
    assert _similarity(_ZH, edited) >= DedupConfig().threshold


def test_one_character_edit_of_a_japanese_article_is_a_near_duplicate() -> None:
    edited = _JA.replace("今日", "昨日", 1)
    assert _similarity(_JA, edited) >= DedupConfig().threshold


def test_different_chinese_articles_are_not_near_duplicates() -> None:
    other = "上海今年的经济增长速度超过了预期，制造业和服务业都表现强劲，出口订单明显增加。" * 6
    assert _similarity(_ZH, other) < 0.3
