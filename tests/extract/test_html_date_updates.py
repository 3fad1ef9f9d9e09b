"""Update dates (`corpus.extract.html_dates`) and structured dates revised by what the page shows
(`corpus.extract.html_date_revisions`), one hand-written page per rule and a guard beside each."""

from __future__ import annotations

import datetime as dt
import json

from corpus.extract.html import extract_page
from corpus.records import DATE_SOURCES

LEDE = "The city council approved a new budget on Monday after a long debate about road repairs."
P2 = "Council members said the plan would fix more than forty streets over the next three years."
ARTICLE = f"<p>{LEDE}</p><p>{P2}</p>"
HEADLINE = "<h1>Council approves the road budget</h1>"


def html(body: str, head: str = "") -> str:
    return f"<html><head><title>Road budget</title>{head}</head><body>{body}</body></html>"


def json_ld(**fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def dated(page: str, url: str | None = None) -> tuple[dt.date | None, str | None]:
    parsed = extract_page(page, url=url)
    assert parsed.date_source is None or parsed.date_source in DATE_SOURCES
    return parsed.published_date, parsed.date_source


# --- a page that shows only when it was updated: that date, as 'modified' ---


def test_an_update_shown_beside_the_headline_is_the_date_of_a_page_without_any_other() -> None:
    body = f"<article><p>Last updated:</p><p>Dec 12, 2025</p>{HEADLINE}{ARTICLE}</article>"
    assert dated(html(body)) == (dt.date(2025, 12, 12), "modified")


def test_an_update_time_element_beside_the_headline_is_read_as_the_update() -> None:
    shown = '<p>By Jane Roe <time class="updated" datetime="2025-11-18T09:00:00Z">Nov 18</time></p>'
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert dated(html(body)) == (dt.date(2025, 11, 18), "modified")


def test_the_declared_modified_day_is_the_last_resort() -> None:
    head = json_ld(headline="Council approves the road budget", dateModified="2025-07-09 11:50:26")
    body = f"<article>{HEADLINE}{ARTICLE}</article>"
    assert dated(html(body, head)) == (dt.date(2025, 7, 9), "modified")


def test_a_shown_publication_date_outranks_the_update() -> None:
    shown = "<p>Updated on October 21, 2025</p><p>Published on 2024-03-02</p>"
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert dated(html(body)) == (dt.date(2024, 3, 2), "text")


def test_a_day_in_the_url_outranks_the_update() -> None:
    body = f"<article>{HEADLINE}<p>Updated November 18, 2025</p>{ARTICLE}</article>"
    url = "https://gazette.example/2025/10/02/council-budget/"
    assert dated(html(body), url) == (dt.date(2025, 10, 2), "url")


# --- a JSON-LD publication date, and the declared modification shown in its place ---

REVISED = json_ld(datePublished="2019-08-11T18:59:51+00:00", dateModified="2025-11-21T18:51:10Z")


def test_the_declared_update_shown_beside_the_headline_replaces_a_json_ld_publication() -> None:
    body = f"<article>{HEADLINE}<p>Updated November 21, 2025</p>{ARTICLE}</article>"
    assert dated(html(body, REVISED)) == (dt.date(2025, 11, 21), "modified")


def test_a_bare_shown_day_that_is_the_declared_update_replaces_a_json_ld_publication() -> None:
    body = f'<article>{HEADLINE}<div class="post-date">Nov 21, 2025</div>{ARTICLE}</article>'
    assert dated(html(body, REVISED)) == (dt.date(2025, 11, 21), "modified")


def test_a_publication_also_declared_in_a_meta_tag_outranks_the_shown_update() -> None:
    head = REVISED + '<meta property="article:published_time" content="2019-08-11T18:59:51Z">'
    body = f"<article>{HEADLINE}<p>Updated November 21, 2025</p>{ARTICLE}</article>"
    assert dated(html(body, head)) == (dt.date(2019, 8, 11), "json-ld")


def test_the_shown_update_replaces_a_microdata_publication_in_a_meta_element() -> None:
    head = '<meta itemprop="datePublished" content="2024-05-09 00:00:00 +0000">'
    head += '<meta itemprop="dateModified" content="2025-12-16 00:00:00 +0000">'
    body = f'<article>{HEADLINE}<div class="date">16 December 2025</div>{ARTICLE}</article>'
    assert dated(html(body, head)) == (dt.date(2025, 12, 16), "modified")


def test_a_publication_shown_beside_the_update_is_kept() -> None:
    shown = "<p>Updated November 21, 2025</p><p>First published August 11, 2019</p>"
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert dated(html(body, REVISED)) == (dt.date(2019, 8, 11), "json-ld")


def test_a_later_date_labelled_as_an_update_replaces_a_json_ld_publication() -> None:
    head = json_ld(datePublished="2025-06-17", dateModified="2025-06-17")
    body = f"<article>{HEADLINE}<p>Updated Dec 18, 2025 · 12 min read</p>{ARTICLE}</article>"
    assert dated(html(body, head)) == (dt.date(2025, 12, 18), "modified")


def test_a_bare_shown_day_that_is_not_the_declared_update_is_not_taken() -> None:
    body = f'<article>{HEADLINE}<div class="post-date">March 2, 2024</div>{ARTICLE}</article>'
    assert dated(html(body, REVISED)) == (dt.date(2019, 8, 11), "json-ld")


def test_an_update_shown_before_the_publication_day_is_not_taken() -> None:
    head = json_ld(datePublished="2025-06-17", dateModified="2025-06-17")
    body = f"<article>{HEADLINE}<p>Updated March 2, 2024</p>{ARTICLE}</article>"
    assert dated(html(body, head)) == (dt.date(2025, 6, 17), "json-ld")


# --- a structured publication date that is the last edit's stamp ---

RESTAMPED = json_ld(datePublished="2025-11-05T10:00:00Z", dateModified="2025-11-05T10:00:00Z")


def test_an_earlier_date_written_under_the_headline_beats_a_restamped_publication() -> None:
    shown = '<div class="byline"><p>Jane Roe</p><p>January 31, 2024</p></div>'
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert dated(html(body, RESTAMPED)) == (dt.date(2024, 1, 31), "text")


def test_a_publication_date_far_from_the_modified_one_is_kept() -> None:
    head = json_ld(datePublished="2025-06-01T10:00:00Z", dateModified="2025-11-05T10:00:00Z")
    body = f"<article>{HEADLINE}<p>January 31, 2024</p>{ARTICLE}</article>"
    assert dated(html(body, head)) == (dt.date(2025, 6, 1), "json-ld")


def test_a_shown_date_a_day_before_a_restamped_publication_is_a_time_zone_not_a_restamp() -> None:
    body = f"<article>{HEADLINE}<p>November 4, 2025</p>{ARTICLE}</article>"
    assert dated(html(body, RESTAMPED)) == (dt.date(2025, 11, 5), "json-ld")


def test_a_date_above_the_headline_does_not_replace_a_restamped_publication() -> None:
    teaser = '<div><a href="/other">Another story</a> <span>January 31, 2024</span></div>'
    body = f"{teaser}<article>{HEADLINE}{ARTICLE}</article>"
    assert dated(html(body, RESTAMPED)) == (dt.date(2025, 11, 5), "json-ld")


def test_a_time_stamp_shown_as_an_age_does_not_replace_a_restamped_publication() -> None:
    shown = '<p><time datetime="2024-01-31T08:00:00Z">4 months ago</time></p>'
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert dated(html(body, RESTAMPED)) == (dt.date(2025, 11, 5), "json-ld")


# --- a `<meta>` publication date over an earlier date written alone under the headline ---

META_DATED = '<meta property="article:published_time" content="2024-08-07T12:01:51Z">'


def test_an_earlier_date_alone_under_the_headline_beats_a_meta_publication() -> None:
    shown = '<div class="byline"><span>Jane Roe</span><span>Dec 30, 2013</span></div>'
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert dated(html(body, META_DATED)) == (dt.date(2013, 12, 30), "text")


def test_an_earlier_date_inside_prose_under_the_headline_keeps_the_meta_publication() -> None:
    shown = "<p>On 14 June 2005 the council met</p>"
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert dated(html(body, META_DATED)) == (dt.date(2024, 8, 7), "meta")


def test_an_earlier_date_under_the_headline_keeps_a_json_ld_publication() -> None:
    head = json_ld(datePublished="2024-08-07T12:01:51Z")
    shown = '<div class="byline"><span>Jane Roe</span><span>Dec 30, 2013</span></div>'
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert dated(html(body, head)) == (dt.date(2024, 8, 7), "json-ld")
