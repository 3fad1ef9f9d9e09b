"""Every script: paragraphs and word counts of Chinese, Japanese, Thai and Devanagari text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize import text as text_module
from corpus.normalize.paragraphs import classify_blocks
from corpus.normalize.text import count_words, count_words_many

ZH = "北京市政府今天宣布，将在未来三年内投资建设新的城市公园和绿色走廊，以改善居民的生活环境。"
HI = "नगर परिषद ने सोमवार को नया बजट पारित किया। सड़कों की मरम्मत अगले साल शुरू होगी।"


def test_chinese_words_are_characters() -> None:
    assert count_words(ZH) == 41  # 41 ideographs; the commas and the full stop are not words
    assert count_words(ZH * 17) == 41 * 17  # a ~700-character article is ~700 words, not 1


def test_mixed_and_spaced_scripts() -> None:
    assert count_words("Apple 发布了 new 手机") == 2 + 3 + 2
    assert count_words(HI) == 16
    assert count_words("The council met on Monday.") == 5


def test_thai_runs_count_by_length() -> None:
    assert count_words("ภาษาไทย") == 2  # 7 letters, one word per 4


def test_chinese_paragraphs_are_not_headings() -> None:
    text = f"{ZH}\n\n{ZH[:20]}。\n\n{ZH}"
    assert [b.kind for b in classify_blocks(text)] == ["paragraph", "paragraph", "paragraph"]


def test_devanagari_danda_closes_a_paragraph() -> None:
    text = f"{HI}\n\nबजट पारित हुआ।\n\n{HI}"
    assert [b.kind for b in classify_blocks(text)] == ["paragraph", "paragraph", "paragraph"]


def test_a_short_chinese_line_without_a_stop_is_a_subheading() -> None:
    text = f"{ZH}\n\n公园建设计划\n\n{ZH}"
    assert [b.kind for b in classify_blocks(text)] == ["paragraph", "heading", "paragraph"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_count_words_never_raises_and_is_never_negative(text: str) -> None:
    assert count_words(text) >= 0


SCRIPTS = st.text(
    alphabet=st.sampled_from(
        list(
            "ab é\t\n\u00a0\u2028\x1c\x85\u3000，。！\uff01ก ข\u1000\u1780中文\u3041\ud800\U00020001"
        )
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(SCRIPTS | st.text(max_size=40), max_size=10))
def test_counting_a_list_at_once_equals_one_text_at_a_time(texts: list[str]) -> None:
    assert count_words_many(texts) == [count_words(t) for t in texts]


def test_counting_a_list_keeps_the_counts_of_the_module_examples(monkeypatch) -> None:
    texts = [ZH, "Apple 发布了 new 手机", HI, "ภาษาไทย", "！ alone", "", "x " * 50]
    assert count_words_many(texts) == [41, 7, 16, 2, 2, 0, 50]
    monkeypatch.setattr(text_module, "_WORD_SLICE", 10)  # long texts go through count_words
    monkeypatch.setattr(text_module, "_MANY_CHUNK", 20)  # and the list through many passes
    assert count_words_many(texts) == [count_words(t) for t in texts]
