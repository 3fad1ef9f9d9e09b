"""Authors of whole pages: a bare "By" byline, a credit that names no person, an organisation's
name that holds "and"."""

from __future__ import annotations

import json

from corpus.extract.html import extract_page

LEDE = "The city council approved a new budget on Monday after a long debate about road repairs."
P2 = "Council members said the plan would fix more than forty streets over the next three years."
P3 = "Residents who spoke at the meeting asked for more money for the public library branches."


def page(head: str = "", extra: str = "", aside: str = "") -> str:
    body = (
        f"<article><h1>Council approves the road budget</h1>{extra}"
        f"<p>{LEDE}</p><p>{P2}</p><p>{P3}</p></article>{aside}"
    )
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_a_bare_by_byline_without_a_class() -> None:
    byline = '<p class="meta">By <a href="/people/jane-roe">Jane Roe</a></p>'
    assert extract_page(page(extra=byline)).authors == ["Jane Roe"]


def test_a_by_label_and_the_name_in_two_elements() -> None:
    byline = '<div class="x1"><span>By</span><span>Jane Roe</span></div>'
    assert extract_page(page(extra=byline)).authors == ["Jane Roe"]


def test_by_before_a_lower_case_word_is_no_byline() -> None:
    text = "<p>by the end of the year the council hopes to finish</p>"
    assert extract_page(page(extra=text)).authors == []


def test_a_by_in_a_sidebar_is_no_byline() -> None:
    aside = '<div class="sidebar"><p>By John Doe</p></div>'
    assert extract_page(page(aside=aside)).authors == []


def test_a_declared_credit_that_names_no_person_is_kept() -> None:
    head = '<meta name="author" content="Thrive Agency">'
    assert extract_page(page(head)).authors == ["Thrive Agency"]


def test_a_declared_person_outranks_nothing_and_a_link_is_no_credit() -> None:
    head = '<meta name="author" content="https://www.facebook.com/acme">'
    assert extract_page(page(head)).authors == []


def test_an_organisation_with_and_in_its_name_is_one_credit() -> None:
    data = {
        "@type": "Article",
        "headline": "Council approves the road budget",
        "author": {"@type": "Organization", "name": "Center for Roads and Bridges"},
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
        '<meta name="author" content="Center for Roads and Bridges">'
    )
    assert extract_page(page(head)).authors == ["Center for Roads and Bridges"]


def test_a_by_in_a_menu_is_a_filter_not_a_byline() -> None:
    menu = '<nav><div class="menu"><h4>By Industry</h4></div></nav>'
    head = '<meta name="author" content="Acme Events">'
    assert extract_page(page(head, aside=menu)).authors == ["Acme Events"]


def test_a_written_by_byline_outranks_a_bare_by() -> None:
    teaser = '<div class="x2"><p>By Team Acme</p></div>'
    byline = '<div class="x3">Written by Jane Roe</div>'
    assert extract_page(page(extra=teaser + byline)).authors == ["Jane Roe"]


def test_a_picture_credit_is_no_byline() -> None:
    figure = "<figure><img src='a.jpg'><figcaption><p>By John Doe, public domain</p></figcaption></figure>"
    assert extract_page(page(extra=figure)).authors == []


def test_a_credit_line_with_by_in_the_middle_is_no_byline() -> None:
    footer = '<ul><li><a href="/cms">Content Tools</a> by <a href="/acme">Acme Soft</a></li></ul>'
    head = '<meta name="author" content="City Gazette"><meta property="og:site_name" content="City Gazette">'
    assert extract_page(page(head, extra=footer)).authors == ["City Gazette"]


def test_a_lower_case_by_after_the_date_beside_the_headline() -> None:
    shown = (
        '<div class="node__meta"><time datetime="2017-03-01">03/01/2017</time> by Agatha Roe</div>'
    )
    assert extract_page(page(extra=shown)).authors == ["Agatha Roe"]


def test_a_posted_by_label_then_the_name_beside_the_headline() -> None:
    shown = "<ul><li><span>Posted by :</span></li><li><span>Jane Roe</span></li></ul>"
    assert extract_page(page(extra=shown)).authors == ["Jane Roe"]


def test_a_contributors_label_beside_the_headline() -> None:
    shown = "<div><strong>Contributors:</strong> Janet Loughrey</div>"
    assert extract_page(page(extra=shown)).authors == ["Janet Loughrey"]


def test_a_one_word_handle_after_by_beside_the_headline() -> None:
    shown = "<p>by   ibby   </p>"
    assert extract_page(page(extra=shown)).authors == ["ibby"]


def test_a_team_credited_beside_the_headline_when_no_person_is_named() -> None:
    shown = "<ul><li>by <a>Marketing Team</a></li></ul>"
    assert extract_page(page(extra=shown)).authors == ["Marketing Team"]


def test_prose_after_by_beside_the_headline_names_nobody() -> None:
    shown = "<p>by the time the council met, the streets were closed.</p>"
    assert extract_page(page(extra=shown)).authors == []


def test_a_byline_in_a_related_story_box_beside_the_headline_is_not_read() -> None:
    shown = '<div class="related-posts"><p>By Someone Else</p></div>'
    assert extract_page(page(extra=shown)).authors == []


def test_a_byline_inside_a_mis_nested_sidebar_wrapper_is_read() -> None:
    """libxml2 nests a whole page inside an unclosed `sidebar` element: it is no box."""
    body = (
        '<div class="sidebar_content content"><h1>Council approves the road budget</h1>'
        f"<p>Written by: Elise Nass</p><p>{LEDE}</p><p>{P2}</p><p>{P3}</p></div>"
    )
    assert extract_page(f"<html><body>{body}</body></html>").authors == ["Elise Nass"]


def test_an_unlabelled_name_role_date_line_beside_the_headline() -> None:
    shown = "<p>Aaron Roe | Senior Writer | July 2, 2025</p>"
    assert extract_page(page(extra=shown)).authors == ["Aaron Roe"]


def test_a_section_read_time_date_line_beside_the_headline_names_nobody() -> None:
    shown = "<p>Product Reviews | 5 min read | July 2, 2025</p>"
    assert extract_page(page(extra=shown)).authors == []


def _labelled(html: str) -> tuple[list[str], list[str]]:
    from corpus.extract.html_bylines import labelled_bylines
    from corpus.extract.html_text import parse_html

    return labelled_bylines(parse_html(html))


def test_a_label_in_the_first_text_after_a_child_element_opens_a_byline() -> None:
    # XPath's `text()` is the first text node: after an icon, "Written by" still opens it
    assert _labelled('<html><body><p><i class="icon"></i> Written by Jane Roe</p></body></html>')[
        0
    ] == ["Written by Jane Roe"]


def test_only_xml_spaces_fold_before_a_byline_label_is_read() -> None:
    # `normalize-space` folds space, tab, CR and LF: a no-break space after "By" is no label
    labelled, bare = _labelled("<html><body><p>\n\tBy\u00a0Jane Roe</p></body></html>")
    assert (labelled, bare) == ([], [])
    assert _labelled("<html><body><p>\n\tBy\t Jane Roe</p></body></html>")[1] == ["By Jane Roe"]
