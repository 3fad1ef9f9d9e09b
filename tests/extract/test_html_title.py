"""Title rules of `corpus.extract.html_title`, one hand-written page per rule."""

from __future__ import annotations

import json

import pytest

from corpus.extract.html import extract_page
from corpus.extract.html_title import clean_title, domain_label, site_key

LEDE = "The city council approved a new budget on Monday after a long debate about road repairs."
P2 = "Council members said the plan would fix more than forty streets over the next three years."


def page(head: str = "", h1: str = "") -> str:
    body = f"<article>{h1}<p>{LEDE}</p><p>{P2}</p><p>{LEDE} {P2}</p></article>"
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://www.millbrookgazette.com/a/b", "millbrookgazette"),
        ("https://news.gazette.co.uk/x", "gazette"),
        ("gazette.org", "gazette"),
        ("https://a.io/x", None),
    ],
)
def test_the_domain_label_is_the_registrants_name(url: str, label: str | None) -> None:
    assert domain_label(url) == label


def test_a_site_name_and_its_domain_compare_equal() -> None:
    assert site_key("Millbrook Gazette") == site_key("millbrookgazette.com") == "millbrookgazette"


def test_the_domain_names_the_site_in_a_title_suffix() -> None:
    head = (
        '<meta property="og:title" content="Council approves the road budget — Millbrook Gazette">'
        '<link rel="canonical" href="https://millbrookgazette.example/budget">'
    )
    assert extract_page(page(head)).title == "Council approves the road budget"


def test_a_site_name_inside_the_h1_is_removed() -> None:
    head = '<meta property="og:site_name" content="Gazette">'
    h1 = "<h1>Council approves the road budget – Gazette</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


@pytest.mark.parametrize(
    "h1",
    [
        "<h1>Council approves the road budget Posted on March 5, 2024 by jroe</h1>",
        "<h1>Mar 5 2024 Council approves the road budget</h1>",
    ],
)
def test_a_date_or_byline_glued_to_the_h1_is_not_the_title(h1: str) -> None:
    head = "<title>Council approves the road budget</title>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_a_number_that_belongs_to_the_headline_stays() -> None:
    head = "<title>Road budget guide</title>"
    h1 = "<h1>Road budget guide 2025: what the council approved</h1>"
    assert extract_page(page(head, h1)).title == "Road budget guide 2025: what the council approved"


def test_a_blog_label_before_the_headline_goes() -> None:
    h1 = "<h1>Blog: Council approves the road budget</h1>"
    head = "<title>Council approves the road budget</title>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"
    assert clean_title("Gazette Blog: Council approves the road budget", [], []) == (
        "Council approves the road budget"
    )


def test_the_sites_host_before_the_headline_goes() -> None:
    head = (
        "<title>millbrook.example Council approves the road budget</title>"
        '<link rel="canonical" href="https://millbrook.example/budget">'
    )
    assert extract_page(page(head)).title == "Council approves the road budget"


def test_the_h1_keeps_punctuation_the_metadata_title_dropped() -> None:
    head = "<title>Will the council approve the road budget | Gazette</title>"
    h1 = "<h1>Will the council approve the road budget?</h1>"
    assert extract_page(page(head, h1)).title == "Will the council approve the road budget?"


def test_the_metadata_case_wins_over_css_capitals_with_the_same_words() -> None:
    head = "<title>Council Approves the Road Budget | Gazette</title>"
    h1 = "<h1>council approves the road budget</h1>"
    assert extract_page(page(head, h1)).title == "Council Approves the Road Budget"


def test_entities_left_in_a_headline_are_decoded() -> None:
    h1 = "<h1>And finally&amp;#8230; the road budget</h1>"
    assert extract_page(page("", h1)).title == "And finally… the road budget"


def test_a_tagline_after_a_pipe_in_the_h1_is_not_the_headline() -> None:
    head = "<title>Council approves the road budget | Opinion | Gazette</title>"
    h1 = "<h1>Council approves the road budget | Opinion</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_a_json_ld_headline_cut_short_is_read_whole_from_the_title() -> None:
    whole = (
        "Council approves the road budget after a long night (including one trick for 9/10 streets)"
    )
    cut = whole[: whole.index("(including") + len("(including")]
    assert extract_page(_json_ld_page(cut, f"{whole} - City Gazette")).title == whole


def test_a_whole_json_ld_headline_is_not_extended_by_the_site_name() -> None:
    headline = "Council approves the road budget after a long night"
    title = f"{headline} - The Daily Gazette of Springfield Online"
    assert extract_page(_json_ld_page(headline, title)).title == headline


def _json_ld_page(headline: str, title: str) -> str:
    """A story whose JSON-LD declares `headline` and whose `<title>` is `title`."""
    data = {"@type": "Article", "headline": headline}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script><title>{title}</title>'
    body = "<p>The council approved a new budget on Monday after a long debate.</p>" * 3
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def test_a_linked_storys_source_and_comment_count_are_not_the_title() -> None:
    head = "<title>Council approves the road budget - Town Forum</title>"
    h1 = "<h1>Council approves the road budget (millbrookgazette.com) 87</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_a_dash_tail_of_the_h1_stays_when_the_metadata_title_is_shorter() -> None:
    head = '<meta property="og:title" content="County ends fines for bad grades">'
    h1 = "<h1>County ends fines for bad grades – Until Now</h1>"
    assert extract_page(page(head, h1)).title == "County ends fines for bad grades – Until Now"


def test_of_several_h1s_the_one_the_metadata_title_holds_is_the_headline() -> None:
    head = "<title>Council approves the road budget (Jane Roe)</title>"
    h1 = "<h1>Jane Roe's notebook</h1><h1>Council approves the road budget</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_an_h1_that_is_the_blogs_name_beside_the_story_title_is_not_the_headline() -> None:
    head = (
        "<title>Millbrook Notes: Council approves the road budget</title>"
        '<meta property="og:title" content="Council approves the road budget">'
    )
    h1 = "<h1>Millbrook Notes</h1><h1>Why budgets matter</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_a_line_break_in_the_h1_separates_its_words() -> None:
    head = "<title>Rebuilding the mill of Millbrook | Gazette</title>"
    h1 = "<h1>Rebuilding the mill<br>of Millbrook</h1>"
    assert extract_page(page(head, h1)).title == "Rebuilding the mill of Millbrook"


def test_a_logo_h1_with_the_site_name_is_not_taken_from_the_title() -> None:
    head = (
        "<title>Council approves the road budget | Millbrook Notes</title>"
        '<meta property="og:site_name" content="Millbrook Notes">'
    )
    h1 = "<h1>Millbrook Notes</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_an_h1_that_names_the_blog_in_a_blog_name_colon_story_title_is_not_the_headline() -> None:
    head = (
        "<title>Millbrook Notes: Council approves the road budget</title>"
        '<meta property="og:title" content="Council approves the road budget">'
    )
    h1 = "<h1>Millbrook Notes</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_an_h1_beside_a_metadata_title_that_is_the_site_name_stays_the_headline() -> None:
    head = (
        '<meta property="og:site_name" content="Millbrook Notes">'
        '<meta name="twitter:title" content="Millbrook Notes">'
        "<title>Council approves the road budget | Millbrook Notes</title>"
    )
    h1 = "<h1>Council approves the road budget</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_of_several_h1s_a_menu_or_location_picker_is_not_the_headline() -> None:
    head = '<meta property="og:title" content="Road budget passes">'
    h1 = "<h1>Choose your location</h1><h1>Council approves the road budget after a debate</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget after a debate"


def test_of_several_h1s_the_site_name_is_not_the_headline_though_the_title_holds_it() -> None:
    head = (
        "<title>Road budget passes | Millbrook Gazette</title>"
        '<meta property="og:site_name" content="Millbrook Gazette">'
    )
    h1 = "<h1>Millbrook Gazette</h1><h1>Council approves the road budget after a debate</h1>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget after a debate"


def test_a_title_field_label_glued_to_the_h1_goes() -> None:
    head = "<title>Council approves the road budget</title>"
    h1 = '<h1><span class="descriptor">Title:</span>Council approves the road budget</h1>'
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_letters_of_an_abbreviation_do_not_confirm_a_section_h1() -> None:
    head = '<meta property="og:title" content="Q&amp;A: a council member on the road budget">'
    h1 = "<h1>Q&amp;A Archive</h1>"
    assert extract_page(page(head, h1)).title == "Q&A: a council member on the road budget"


def test_of_several_h1s_one_with_a_badge_after_the_metadata_title_gives_way_to_it() -> None:
    head = (
        "<title>Council approves the road budget | Millbrook Gazette</title>"
        '<meta property="og:site_name" content="Millbrook Gazette">'
    )
    h1 = (
        "<h1>Millbrook Gazette</h1>"
        '<h1>Council approves the road budget <span class="badge">Subscribers</span></h1>'
    )
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_a_chinese_h1_is_a_headline_and_the_titles_underscore_parts_are_the_site() -> None:
    head = "<title>市议会批准道路预算_新闻_米尔布鲁克日报</title>"
    h1 = "<h1>市议会批准道路预算</h1>"
    assert extract_page(page(head, h1)).title == "市议会批准道路预算"


@pytest.mark.parametrize("mark", ["¶", "Â¶"])  # the second: the mark's UTF-8 read as Latin-1
def test_a_documentation_headings_permalink_mark_is_not_in_the_title(mark: str) -> None:
    head = "<title>Road budget tutorial - Council Docs</title>"
    h1 = f'<h1>Road budget tutorial<a class="headerlink" href="#road">{mark}</a></h1>'
    assert extract_page(page(head, h1)).title == "Road budget tutorial"


def test_a_one_word_h1_that_opens_the_metadata_title_is_the_title() -> None:
    head = '<meta property="og:title" content="Budgets - Council reference | Millbrook Docs">'
    assert extract_page(page(head, "<h1>Budgets</h1>")).title == "Budgets"


def test_a_one_word_h1_that_opens_a_title_without_a_separator_is_the_title() -> None:
    head = '<meta property="og:title" content="Budgets Explained for Every Council">'
    assert extract_page(page(head, "<h1>budgets</h1>")).title == "budgets"


def test_a_site_name_glued_to_the_title_by_a_pipe_goes() -> None:
    head = (
        '<meta property="og:site_name" content="Millbrook Easy">'
        '<meta property="og:title" content="MILLBROOK EASY|Council approves the road budget">'
    )
    assert extract_page(page(head)).title == "Council approves the road budget"
