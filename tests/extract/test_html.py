"""HTML pages: main text as blocks, boilerplate out, metadata in its documented order of trust."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.extract import extract
from corpus.extract.html import extract_page
from corpus.extract.html_title import clean_title
from corpus.records import ParsedArticle, RawRecord, Reject
from corpus.rejects import RejectError

P1 = "MILLBROOK – The town council voted on Tuesday to rebuild the old stone bridge over the river."
P2 = "The work will begin in April and take two years, according to the council's engineers."
P3 = "Shop owners on Bridge Street said they welcomed the decision but worried about the detour."
QUOTE = "We have waited for this bridge for a generation, and we will wait a little longer."

BOILERPLATE = """
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<div class="share-box"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
"""
AFTER = """
<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>Sign up for our newsletter and
never miss a story from the valley again.</p></div>
<section class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">Council approves budget for the coming year</a></li>
<li><a href="/b">New bus routes announced for the northern villages</a></li></ul></section>
<footer><p>© 2024 The Millbrook Gazette. All rights reserved.</p></footer>
"""


def body_html() -> str:
    return f"""<article><h1>Town votes to rebuild stone bridge</h1>
<p class="byline">By <span>Ellen Marsh</span> and Tom Reyes, Staff Writers</p>
<p>{P1}</p><figure><img src="b.jpg"><figcaption>The old bridge in 1950. Photo: Archive</figcaption></figure>
<p>{P2}</p><h2>Detour for shops</h2><p>{P3}</p><blockquote><p>{QUOTE}</p></blockquote>
<ul><li>Phase one closes the north lane for the whole of the summer season.</li>
<li>Phase two closes the south lane from October until the end of the works.</li></ul>
<div class="ad-slot">Advertisement</div></article>"""


JSON_LD = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
{"@type": "WebSite", "name": "The Millbrook Gazette"},
{"@type": "NewsArticle", "headline": "Town votes to rebuild stone bridge",
 "datePublished": "2024-03-05T23:30:00-05:00", "dateModified": "2024-03-09T10:00:00Z",
 "author": [{"@type": "Person", "name": "Ellen Marsh"}, {"@type": "Organization", "name": "The Millbrook Gazette"}],
 "articleSection": "Local", "keywords": "bridge, council"}]}</script>"""
OPEN_GRAPH = """<meta property="og:title" content="Town votes to rebuild stone bridge">
<meta property="og:site_name" content="The Millbrook Gazette">
<meta property="article:published_time" content="2024-03-05T14:00:00+01:00">
<meta property="article:modified_time" content="2024-03-07T09:00:00+01:00">
<meta property="article:author" content="https://www.facebook.com/ellen.marsh">
<meta name="author" content="Ellen Marsh">
<link rel="canonical" href="https://millbrook-gazette.example/2024/03/05/bridge">"""


def html(
    head: str = "", title: str = "Town votes to rebuild stone bridge | The Millbrook Gazette"
) -> str:
    return (f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>{title}</title>"
            f"{head}</head><body>{BOILERPLATE}{body_html()}{AFTER}</body></html>")  # fmt: skip


def texts(article: ParsedArticle) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in article.blocks]


def test_blocks_and_boilerplate() -> None:
    article = extract_page(html())
    assert texts(article) == [
        ("paragraph", P1.removeprefix("MILLBROOK – ")),
        ("paragraph", P2),
        ("heading", "Detour for shops"),
        ("paragraph", P3),
        ("quote", QUOTE),
        ("list_item", "Phase one closes the north lane for the whole of the summer season."),
        ("list_item", "Phase two closes the south lane from October until the end of the works."),
    ]
    assert article.dateline == "MILLBROOK"
    joined = " ".join(b.text for b in article.blocks)
    for junk in ("cookies", "Share on", "newsletter", "Related", "Photo: Archive", "rights reserved",
                 "Advertisement", "Ellen Marsh"):  # fmt: skip
        assert junk not in joined


def test_json_ld_page() -> None:
    article = extract_page(html(JSON_LD + OPEN_GRAPH))
    assert article.title == "Town votes to rebuild stone bridge"
    assert article.published_at == dt.datetime(2024, 3, 6, 4, 30, tzinfo=dt.UTC)
    assert article.published_date == dt.date(2024, 3, 5)  # the day as the paper printed it
    assert article.date_precision == "time"
    assert article.date_source == "json-ld"
    assert article.authors == ["Ellen Marsh"]  # the Organization author is the site, not a person
    assert article.section == "Local"
    assert article.tags[:2] == ["bridge", "council"]
    assert article.language == "en"
    assert article.url == "https://millbrook-gazette.example/2024/03/05/bridge"


def test_open_graph_only_page() -> None:
    article = extract_page(html(OPEN_GRAPH))
    assert article.title == "Town votes to rebuild stone bridge"
    assert article.published_at == dt.datetime(2024, 3, 5, 13, 0, tzinfo=dt.UTC)
    assert article.date_source == "meta"
    assert article.authors == ["Ellen Marsh"]  # the profile URL in article:author is no name


def test_page_without_metadata_uses_title_byline_and_no_invented_date() -> None:
    article = extract_page(html())
    assert article.title == "Town votes to rebuild stone bridge"
    assert article.authors == ["Ellen Marsh", "Tom Reyes"]
    assert article.published_at is None
    assert article.language == "en"


def test_modified_date_is_never_the_publication_date() -> None:
    head = ('<meta property="article:modified_time" content="2024-03-07T09:00:00Z">'
            '<script type="application/ld+json">{"@type": "Article", "dateModified": "2024-03-08"}</script>')  # fmt: skip
    article = extract_page(html(head).replace(P3, P3 + " Updated March 9, 2024."))
    assert article.published_date not in (
        dt.date(2024, 3, 7),
        dt.date(2024, 3, 8),
        dt.date(2024, 3, 9),
    )


def test_date_from_url_and_visible_text() -> None:
    from_url = extract_page(html(), url="https://m.example/news/2023/11/02/bridge-vote")
    assert (from_url.published_date, from_url.date_source) == (dt.date(2023, 11, 2), "url")
    dated = html().replace('<p class="byline">', '<p class="byline">Published 4 March 2024 · ')
    article = extract_page(dated)
    assert article.published_date == dt.date(2024, 3, 4)
    assert article.date_source == "text"


def test_listing_page_is_not_an_article() -> None:
    teasers = "".join(
        f'<div class="teaser"><h2><a href="/story/{i}">Story number {i} about the valley towns</a></h2>'
        f"<p>A short summary of story {i}.</p></div>"
        for i in range(12)
    )
    page = f"<html><head><title>News | Gazette</title></head><body>{BOILERPLATE}<main>{teasers}</main></body></html>"
    with pytest.raises(RejectError) as info:
        extract_page(page)
    assert info.value.reason == "not_an_article"


def test_page_with_only_boilerplate_has_no_main_text() -> None:
    page = f"<html><head><title>Gazette</title></head><body>{BOILERPLATE}{AFTER}</body></html>"
    with pytest.raises(RejectError) as info:
        extract_page(page)
    assert info.value.reason == "no_main_text"


@pytest.mark.parametrize("payload", ["", "   ", "<html></html>", "<<<>>>", "\x00\x01"])
def test_empty_pages_are_rejects(payload: str) -> None:
    result = extract(RawRecord("a.html", 0, "html", payload))
    assert isinstance(result, Reject)
    assert result.reason == "no_main_text"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Town votes | The Millbrook Gazette", "Town votes"),
        ("The Millbrook Gazette - Town votes", "Town votes"),
        ("Brexit: what happens next", "Brexit: what happens next"),
        ("Rain expected over the weekend - BBC News", "Rain expected over the weekend"),
        ("Short - Title", "Short - Title"),
    ],
)
def test_site_suffix_is_removed_from_titles(title: str, expected: str) -> None:
    assert clean_title(title, ["The Millbrook Gazette"], []) == expected
