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


def test_a_repeated_call_to_action_is_kept_once() -> None:
    box = "<p>Get the week's best bargains texted right to your phone!</p>"
    body = f"{box}<p>{P1}</p><p>{P2}</p>{box}<p>{P3}</p><p>{P2} {P1}</p>{box}"
    got = texts(body)
    assert got.count("Get the week's best bargains texted right to your phone!") == 1
    assert [t for t in got if t.startswith((P1, P2, P3))] == [P1, P2, P3, f"{P2} {P1}"]


def test_paragraphs_that_only_open_and_end_alike_are_not_copies() -> None:
    """The repeat check splits out the words of the blocks whose first and last words another
    block shares: two that differ between them are still two paragraphs."""
    first = "The council will meet again in May to choose who builds the new bridge next year."
    later = "The detour for buses through the old town stays open until the work ends next year."
    assert texts(f"<p>{first}</p><p>{P1}</p><p>{P2}</p><p>{later}</p>") == [first, P1, P2, later]


def test_repeated_headings_and_short_lines_are_kept() -> None:
    body = (
        f"<h3>What we like</h3><p>{P1}</p><p>Check price</p>"
        f"<h3>What we like</h3><p>{P2}</p><p>Check price</p><p>{P3}</p>"
    )
    got = texts(body)
    assert got.count("What we like") == 2
    assert got.count("Check price") == 2


def test_a_long_consent_notice_is_not_text() -> None:
    consent = (
        "By signing up, you agree to receive recurring automated marketing messages from the "
        "Bridge Street Gazette at the number provided. Message and data rates may apply. Up to "
        "two messages a day. Reply STOP to opt out at any time, or HELP for help with your account."
    )
    body = f"<p>{P1}</p><p>{P2}</p><p>{consent}</p><p>{P3}</p>"
    assert texts(body) == [P1, P2, P3]


def test_placeholder_text_is_kept_as_the_text_of_a_test_page() -> None:
    lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. " * 3
    assert texts(f"<p>{lorem.strip()}</p><p>{P1}</p>")[0] == lorem.strip()


def test_a_consent_like_sentence_in_a_how_to_is_kept() -> None:
    step = "By registering early, residents who live near the bridge get a permit for the detour."
    body = f"<p>{P1}</p><p>{step}</p><p>{P2}</p><p>{P3}</p>"
    assert step in texts(body)


def test_copies_side_by_side_are_kept() -> None:
    body = f"<p>{P1}</p><p>{P2}</p><p>{P2}</p><p>{P3}</p>"
    assert texts(body) == [P1, P2, P2, P3]


def test_repeated_list_items_are_kept() -> None:
    step = "Warm up with ten minutes of easy jogging along the river path"
    week_1 = f"<ul><li>{step}</li><li>Run the bridge loop twice at an easy pace</li></ul>"
    week_2 = f"<ul><li>{step}</li><li>Run the river loop three times, the last one fast</li></ul>"
    body = f"<p>{P1}</p>{week_1}<p>{P2}</p><p>{P3}</p><p>{P1} {P3}</p>{week_2}"
    assert texts(body).count(step) == 2


def test_a_section_printed_twice_is_kept_once() -> None:
    items = "".join(f"<li>{p}</li>" for p in (P1, P2))
    body = f"<ul>{items}</ul><p>{P3}</p><p>{P2} {P3}</p><ul>{items}</ul>"
    assert texts(body) == [P1, P2, P3, f"{P2} {P3}"]


def test_a_social_embeds_placeholder_is_not_text() -> None:
    embed = (
        '<blockquote class="instagram-media"><div><a href="https://www.instagram.com/p/x/">'
        "View this post on Instagram</a></div><p>A post shared by Bridge Street (@bridgest)</p>"
        "</blockquote>"
    )
    got = texts(f"<p>{P1}</p>{embed}<p>{P2}</p><p>{P3}</p>")
    assert got == [P1, P2, P3]
