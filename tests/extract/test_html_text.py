"""Main-text rules of `corpus.extract.html_text`, one hand-written page per rule."""

from __future__ import annotations

from corpus.extract.html import extract_page

P1 = "The town council voted on Tuesday to rebuild the old stone bridge over the river at last."
P2 = "The work will begin in April and take two years, according to the council's engineers."
P3 = "Shop owners on Bridge Street said they welcomed the decision but worried about the detour."


def texts(body: str) -> list[str]:
    html = f"<html><head><title>Bridge</title></head><body><article>{body}</article></body></html>"
    return [b.text for b in extract_page(html).blocks]


def test_a_heading_that_links_to_its_own_anchor_is_kept() -> None:
    body = (
        f"<p>{P1}</p><p>{P2}</p>"
        '<h2 id="detour"><a href="#detour">Detour for shops</a></h2>'
        f"<p>{P3}</p><p>{P1} {P2}</p>"
    )
    assert "Detour for shops" in texts(body)


def test_a_heading_that_links_to_the_thing_it_reviews_is_kept() -> None:
    body = (
        f"<p>{P1}</p><p>{P2}</p>"
        '<h3><a href="https://example.org/kit" rel="nofollow">Stone Bridge Kit ($30)</a></h3>'
        f"<p>{P3}</p><p>{P1} {P2}</p>"
    )
    assert "Stone Bridge Kit ($30)" in texts(body)


def test_a_heading_that_links_to_another_story_is_a_teaser() -> None:
    body = (
        f"<p>{P1}</p><p>{P2}</p>"
        '<h3><a href="https://example.org/other-story">Council approves new bus routes</a></h3>'
        f"<p>{P3}</p><p>{P1} {P2}</p>"
    )
    assert "Council approves new bus routes" not in texts(body)


def test_a_short_sentence_in_its_own_div_is_a_paragraph() -> None:
    body = (
        f"<div><div><span>{P1}</span></div></div>"
        "<div><div><span>They both took one.</span></div></div>"
        "<div><div><span>5 min read</span></div></div>"
        f"<div><div><span>{P2}</span></div></div><div><div><span>{P3}</span></div></div>"
    )
    got = texts(body)
    assert "They both took one." in got
    assert "5 min read" not in got


def test_labels_placed_over_a_chart_are_not_text() -> None:
    chart = (
        '<div class="chart"><img src="chart.png">'
        '<div style="top:4.9%;left:96.6%;width:60px"><p>$915</p><p>billion</p></div>'
        '<div style="top:92%;right:10.2%;width:40px"><p>2017</p></div></div>'
    )
    got = " ".join(texts(f"<p>{P1}</p>{chart}<p>{P2}</p><p>{P3}</p>"))
    assert "$915" not in got and "2017" not in got
    assert P2 in got


def test_a_short_paragraph_after_a_linked_one_keeps_its_own_link_share() -> None:
    link = "Download the full council report on the bridge from the town archive"
    note = "Be advised that the plan may still change."
    body = f'<div>{P1}<br><br><a href="https://example.org/a">{link}</a>.<br><br>{note}<br><br>{P2}</div>'
    assert note in texts(body)
