"""`corpus.extract.html_hints`: the shortcuts that skip work must not change what is read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from corpus.extract.html_hints import _shorter_than, collect_hints, shown_near_headline
from corpus.extract.html_text import text_of

_PIECES = st.text(alphabet=" \t\n\xa0ab", max_size=30)


@given(st.lists(_PIECES, min_size=1, max_size=8), st.floats(0, 200))
def test_the_raw_length_shortcut_agrees_with_the_folded_text(pieces, chars) -> None:
    el = etree.Element("div")
    el.text = pieces[0]
    for piece in pieces[1:]:
        child = etree.SubElement(el, "span")
        child.text, child.tail = piece, piece
    assert _shorter_than(el, chars) == (len(text_of(el)) < chars)


def test_a_page_without_a_headline_shows_nothing_around_it() -> None:
    page = "<html><body><h2>Roads</h2><p>Updated March 5, 2024</p><p>By Jane Roe</p></body></html>"
    hints = shown_near_headline(etree.fromstring(page, etree.HTMLParser()))
    assert (hints.after_headline, hints.before_headline) == ([], [])


def test_the_first_real_h1_opens_the_window() -> None:
    page = (
        "<html><body><h1>Gazette</h1><p>March 1, 2024</p>"
        "<h1>Council approves the road budget</h1><p>By Jane Roe</p></body></html>"
    )
    hints = shown_near_headline(etree.fromstring(page, etree.HTMLParser()))
    assert [i.value for i in hints.after_headline] == ["By Jane Roe"]


def test_a_skipped_box_is_not_read_but_its_h1_still_comes_before_what_follows() -> None:
    """The walk skips a comment thread whole; an `h1` inside it (a misplaced headline) still
    makes the dates after the box "after the headline", and a box that is itself an `h1` does
    not."""
    story = "<p>" + "Words of the story. " * 20 + "</p>"
    box = "<div class='comments'><h1>Readers</h1><p>Posted May 2, 2024</p></div>"
    page = f"<html><body>{box}<p>Filed 3 May 2024</p>{story}</body></html>"
    hints = collect_hints(etree.fromstring(page, etree.HTMLParser()), page)
    assert hints.page_texts == [("Filed 3 May 2024", True)]
    page = page.replace(box, "<h1 class='comments'>Posted 2 May 2024</h1>")
    hints = collect_hints(etree.fromstring(page, etree.HTMLParser()), page)
    assert hints.page_texts == [("Filed 3 May 2024", False)]
