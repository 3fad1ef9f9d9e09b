"""Titles, authors and page types from real-page patterns: one hand-written page per pattern."""

from __future__ import annotations

import json

import pytest

from corpus.extract.html import extract_page
from corpus.extract.html_title import strip_markup
from corpus.rejects import RejectError

LEDE = "The city council approved a new budget on Monday after a long debate about road repairs."
P2 = "Council members said the plan would fix more than forty streets over the next three years."
P3 = "Residents who spoke at the meeting asked for more money for the public library branches."


def page(head: str = "", h1: str = "", extra: str = "") -> str:
    body = f"<article>{h1}{extra}<p>{LEDE}</p><p>{P2}</p><p>{P3}</p></article>"
    return f"<html><head>{head}</head><body>{body}</body></html>"


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_an_author_given_by_reference_is_looked_up() -> None:
    graph = {"@graph": [
        {"@type": "Article", "headline": "Budget approved", "author": {"@id": "#jr"}},
        {"@type": "Person", "@id": "#jr", "name": "Jane Roe"},
    ]}  # fmt: skip
    assert extract_page(page(ld(graph))).authors == ["Jane Roe"]


def test_a_site_owner_typed_person_and_organization_is_an_author() -> None:
    # a personal blog: the owner is both the publisher and the author
    graph = {"@graph": [
        {"@type": "Article", "headline": "Budget approved", "author": {"@id": "#me"}},
        {"@type": ["Person", "Organization"], "@id": "#me", "name": "Jane Roe"},
    ]}  # fmt: skip
    assert extract_page(page(ld(graph))).authors == ["Jane Roe"]


def test_an_organization_author_is_the_credit_only_when_no_person_is_named() -> None:
    data = {"@type": "Article", "headline": "Budget approved",
            "author": {"@type": "Organization", "name": "City Gazette"}}  # fmt: skip
    assert extract_page(page(ld(data))).authors == ["City Gazette"]
    byline = '<div class="byline">By Jane Roe</div>'
    assert extract_page(page(ld(data), extra=byline)).authors == ["Jane Roe"]


def test_a_team_credit_is_kept_whole_when_no_person_is_named() -> None:
    byline = '<div class="byline">By the Gazette Data Team</div>'
    assert extract_page(page(extra=byline)).authors == ["the Gazette Data Team"]


def test_a_profile_url_in_the_metadata_does_not_hide_the_byline() -> None:
    head = (
        '<meta property="article:author" content="https://social.example/gazette">'
        '<meta property="article:published_time" content="2024-03-05">'
    )
    byline = '<div class="post-meta-author">By Jane Roe</div>'
    assert extract_page(page(head, extra=byline)).authors == ["Jane Roe"]


def test_a_reworded_headline_is_still_the_headline() -> None:
    # the SEO title and the editor's headline share a few words, not half of them
    head = "<title>Budget 2025: Council Approves Road Plan | Gazette</title>"
    h1 = "<h1>Everything you need to know about the council's new road budget</h1>"
    assert extract_page(page(head, h1)).title == (
        "Everything you need to know about the council's new road budget"
    )


def test_a_logo_in_the_h1_is_not_the_headline() -> None:
    head = "<title>Council approves the road budget | Gazette</title>"
    assert extract_page(page(head, "<h1>City Gazette Online</h1>")).title == (
        "Council approves the road budget"
    )


def test_a_pipe_suffix_leaves_the_open_graph_title() -> None:
    head = '<meta property="og:title" content="Council approves the road budget | CGZ">'
    assert extract_page(page(head)).title == "Council approves the road budget"


@pytest.mark.parametrize(
    ("head", "url", "kind"),
    [
        (ld({"@type": "DiscussionForumPosting", "headline": "Budget?", "author": {"name": "jr"}}),
         "https://forum.example/x/1", "forum"),
        ("", "https://community.example/t/budget-approved/1234", "forum"),
        ("", "https://help.example/questions/123/how-is-the-budget-set", "forum"),
    ],
)  # fmt: skip
def test_forum_pages_are_not_articles(head: str, url: str, kind: str) -> None:
    # a news story under /docs/ is the model's call, by the page's shape (test_page_type)
    with pytest.raises(RejectError) as info:
        extract_page(page(head), url=url)
    assert info.value.reason == "not_an_article"
    assert kind in info.value.message


def test_an_article_with_an_article_type_in_a_docs_folder_is_kept() -> None:
    data = {"@type": "BlogPosting", "headline": "Budget approved", "author": {"name": "Jane Roe"}}
    parsed = extract_page(page(ld(data)), url="https://lib.example/docs/news/budget")
    assert parsed.authors == ["Jane Roe"]


def test_a_microdata_product_is_not_an_article() -> None:
    body = (
        '<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Steel kettle'
        f'</h1><p>{LEDE}</p><p>{P2}</p><p>{P3}</p><span itemprop="price">39.00</span></div>'
    )
    with pytest.raises(RejectError) as info:
        extract_page(f"<html><body>{body}</body></html>", url="https://shop.example/kettle")
    assert "product" in info.value.message


@pytest.mark.parametrize(
    "byline",
    [
        "<p>Written by Jane Roe</p>",
        '<div><p class="text-sm">Written by</p><p class="text-lg">Jane Roe</p></div>',
    ],
)
def test_an_unclassed_written_by_line_names_the_author(byline: str) -> None:
    assert extract_page(page(extra=byline)).authors == ["Jane Roe"]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("## Council approves the budget", "Council approves the budget"),
        ("*A Treatise on Roads* (1792)", "A Treatise on Roads (1792)"),
        ('"Why the budget matters"', "Why the budget matters"),
        ("Home gym must-haves ⋆", "Home gym must-haves"),
        ('He said "no" to the budget', 'He said "no" to the budget'),
        ("C# tips and 5*3 tricks", "C# tips and 5*3 tricks"),
    ],
)
def test_leftover_markup_leaves_titles(raw: str, want: str) -> None:
    assert strip_markup(raw) == want


def test_a_dash_subtitle_stays_in_the_open_graph_title() -> None:
    head = '<meta property="og:title" content="Office 365 – Planner – the third part">'
    assert extract_page(page(head)).title == "Office 365 – Planner – the third part"


def test_styles_inside_the_h1_are_not_its_text() -> None:
    h1 = "<h1><style>.c1{font-size:16px}</style>Council approves the road budget</h1>"
    head = "<title>Road budget approved by the council | Gazette</title>"
    assert extract_page(page(head, h1)).title == "Council approves the road budget"


def test_a_written_by_pair_of_twitter_labels_names_the_author() -> None:
    head = (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Jane Roe">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="4 minutes">'
    )
    assert extract_page(page(head)).authors == ["Jane Roe"]


def test_a_link_to_the_authors_page_names_the_author() -> None:
    byline = '<div><a href="/authors/jane-roe/">Jane Roe</a> · 4 min read</div>'
    assert extract_page(page(extra=byline)).authors == ["Jane Roe"]


def test_an_author_link_in_a_sidebar_is_not_the_byline() -> None:
    sidebar = '<aside class="sidebar"><a href="/author/john-roe/">John Roe</a></aside>'
    assert extract_page(page(extra=sidebar)).authors == []


def test_an_article_by_label_before_the_name_names_the_author() -> None:
    byline = "<div><h2>Article by</h2><div>Jane Roe</div></div>"
    assert extract_page(page(extra=byline)).authors == ["Jane Roe"]


def test_a_team_credited_by_the_metadata_outranks_a_guess_from_the_page() -> None:
    data = {"@type": "Article", "headline": "Budget approved",
            "author": {"@type": "Person", "name": "The Gazette Data Team"}}  # fmt: skip
    share = '<div class="author-share">Share</div>'
    assert extract_page(page(ld(data), extra=share)).authors == ["The Gazette Data Team"]


def test_teasers_of_other_stories_in_json_ld_do_not_add_authors() -> None:
    own = {"@type": "NewsArticle", "headline": "Budget approved",
           "author": [{"@type": "Person", "name": "Jane Roe"}]}  # fmt: skip
    teasers = [
        {
            "@type": "NewsArticle",
            "headline": f"Other story {i}",
            "author": [{"@type": "Person", "name": name}],
        }
        for i, name in enumerate(("John Doe", "Mary Major"))
    ]
    head = ld(own) + "".join(ld(t) for t in teasers)
    assert extract_page(page(head)).authors == ["Jane Roe"]
