"""Date rules of `corpus.extract.html_dates`, one hand-written page per rule."""

from __future__ import annotations

import datetime as dt

from corpus.extract.html import extract_page

LEDE = "The city council approved a new budget on Monday after a long debate about road repairs."
P2 = "Council members said the plan would fix more than forty streets over the next three years."


def page(head: str = "") -> str:
    body = f"<article><h1>Council approves the road budget</h1><p>{LEDE}</p><p>{P2}</p></article>"
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_a_utc_timestamp_a_day_after_the_url_day_is_the_url_day() -> None:
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">'
    url = "https://gazette.example/2025/12/18/council-budget/"
    parsed = extract_page(page(head), url=url)
    assert (parsed.published_date, parsed.date_source) == (dt.date(2025, 12, 18), "meta")


def test_a_timestamp_with_the_publishers_offset_keeps_its_day() -> None:
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41+09:00">'
    url = "https://gazette.example/2025/12/18/council-budget/"
    assert extract_page(page(head), url=url).published_date == dt.date(2025, 12, 19)


def test_a_url_day_far_from_the_timestamp_does_not_replace_it() -> None:
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41Z">'
    url = "https://gazette.example/2025/11/02/council-budget/"
    assert extract_page(page(head), url=url).published_date == dt.date(2025, 12, 19)


def test_htmldate_builds_its_date_parser_once() -> None:
    """Building dateparser's parser per string recompiled its locale patterns each time."""
    import htmldate.extractors

    from corpus.extract.html_dates import htmldate_day

    htmldate_day("<html><body><p>Published on 5 March 2024</p></body></html>", extensive=True)
    build = htmldate.extractors.get_external_parser
    assert build() is build()


def test_htmldate_date_parser_tries_the_common_languages_only() -> None:
    """Compiling patterns for all ~600 locales cost seconds per process; the parser keeps
    htmldate's settings and tries the listed languages."""
    import htmldate.extractors

    from corpus.extract.html_dates import DATEPARSER_LANGUAGES, htmldate_day

    htmldate_day("<html><body><p>Published on 5 March 2024</p></body></html>", extensive=True)
    parser = htmldate.extractors.get_external_parser()
    assert parser.languages == list(DATEPARSER_LANGUAGES)
    assert parser._settings.STRICT_PARSING is True  # htmldate's own settings, kept
    assert parser.get_date_data("le 3 mars 2024 à 10h")["date_obj"] is not None


def test_the_date_parser_loads_before_any_page_asks_for_it() -> None:
    """Benchmarks build the fallback before they time pages: the one built is the one used."""
    import htmldate.extractors

    from corpus.extract.html_dates import DATEPARSER_LANGUAGES, load_date_parser

    load_date_parser()
    parser = htmldate.extractors.get_external_parser()
    assert parser.languages == list(DATEPARSER_LANGUAGES)
    assert parser is htmldate.extractors.get_external_parser()


def bare_page(body: str) -> str:
    """A page without structured dates: only what it shows."""
    return f"<html><head><title>Road budget</title></head><body>{body}</body></html>"


ARTICLE = f"<p>{LEDE}</p><p>{P2}</p>"
HEADLINE = "<h1>Council approves the road budget</h1>"


def test_the_date_beside_the_headline_beats_a_teasers_date_above_it() -> None:
    teaser = '<div class="latest"><a href="/other">Other story</a> <span class="date">December 16, 2025</span></div>'
    body = f"{teaser}<article>{HEADLINE}<p>December 18, 2025 · 3 min read</p>{ARTICLE}</article>"
    parsed = extract_page(bare_page(body))
    assert (parsed.published_date, parsed.date_source) == (dt.date(2025, 12, 18), "text")


def test_a_date_just_above_the_headline_is_read_when_none_follows_it() -> None:
    body = f"<article><p>Published October 14, 2025 in Roads</p>{HEADLINE}{ARTICLE}</article>"
    assert extract_page(bare_page(body)).published_date == dt.date(2025, 10, 14)


def test_an_update_beside_the_headline_is_not_the_publication() -> None:
    shown = (
        '<p><time class="updated" datetime="2025-12-20">December 20, 2025</time></p>'
        "<p>Last updated: December 19, 2025</p><p>Published on 2025-12-12</p>"
    )
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert extract_page(bare_page(body)).published_date == dt.date(2025, 12, 12)


def test_a_time_element_is_read_from_the_date_it_shows() -> None:
    """The attribute of this CMS's `<time>` is another instant than the day it shows."""
    shown = '<div class="time"><time datetime="2019-07-03T10:18:46Z">Publié le 29 juin 2019</time></div>'
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert extract_page(bare_page(body)).published_date == dt.date(2019, 6, 29)


def test_a_time_element_without_a_shown_date_gives_its_attribute() -> None:
    shown = '<p>By Jane Roe · <time datetime="2017-03-01T12:00:00Z">03/01/2017</time></p>'
    body = f"<article>{HEADLINE}{shown}{ARTICLE}</article>"
    assert extract_page(bare_page(body)).published_date == dt.date(2017, 3, 1)


def test_the_sites_name_in_an_h1_is_not_the_headline() -> None:
    masthead = (
        '<h1 id="site-title"><a href="/" rel="home">The Valley Gazette Online</a></h1>'
        "<ul><li>Archive 12 May 2012</li></ul>"
    )
    body = f"{masthead}<article>{HEADLINE}<p>Posted 13 January 2014</p>{ARTICLE}</article>"
    assert extract_page(bare_page(body)).published_date == dt.date(2014, 1, 13)


def test_a_date_inside_the_ledes_prose_is_not_the_publication() -> None:
    lede = (
        "<p>The spokesman said on Monday (30 October 2023) that the video was made up, and that "
        "no courier had ever flown abroad to buy a meal for a customer in the capital.</p>"
    )
    body = f"<article>{HEADLINE}{lede}<p>Datum: 31.10.2023</p>{ARTICLE}</article>"
    assert extract_page(bare_page(body)).published_date == dt.date(2023, 10, 31)


def test_the_same_page_gives_the_same_date_on_every_run() -> None:
    body = f"<article>{HEADLINE}<p>Posted 13 January 2014</p>{ARTICLE}</article>"
    runs = {extract_page(bare_page(body)).published_at for _ in range(3)}
    assert runs == {dt.datetime(2014, 1, 13, tzinfo=dt.UTC)}


def test_an_originally_published_statement_outranks_the_date_beside_the_headline() -> None:
    note = "<p>This article was originally published on 26 Sep 2019 and has been revised since.</p>"
    body = f"<article>{HEADLINE}<p>30 Sep 2022, 11:07am</p>{ARTICLE}{note}</article>"
    assert extract_page(bare_page(body)).published_date == dt.date(2019, 9, 26)


def test_a_date_labelled_published_further_down_when_none_is_beside_the_headline() -> None:
    footer = "<p>Letzte Änderung: 31.10.2023 - 14:49:39</p><p>Erschienen am: 01.11.2023</p>"
    body = f"<article>{HEADLINE}{ARTICLE}<p>{P2} {LEDE}</p>{footer}</article>"
    assert extract_page(bare_page(body)).published_date == dt.date(2023, 11, 1)


def test_a_day_month_year_written_with_hyphens_is_read() -> None:
    """ "04-ago-2021" (day, abbreviated month, year joined by hyphens), the only date shown."""
    shown = '<div class="post-meta">Jane Roe on 04-ago-2021 5:11:10</div>'
    body = f"<article><h1>Council approves the road budget</h1>{shown}<p>{LEDE}</p><p>{P2}</p>"
    parsed = extract_page(f"<html><body>{body}</article></body></html>")
    assert parsed.published_date == dt.date(2021, 8, 4)
