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
