"""Authors are people; dates come from the page, not from citations or asset URLs (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.extract.html import extract_page
from corpus.normalize.authors import clean_authors
from corpus.normalize.dates import parse_date


@pytest.mark.parametrize(
    ("byline", "want"),
    [
        ("Rachel Metz - Ap", ["Rachel Metz"]),
        ("By Tom Reyes, Associated Press", ["Tom Reyes"]),
        ("Bryan Walsh Tuesday", ["Bryan Walsh"]),
        ("Authors", []),
        ("The Author", []),
        ("Author Isaiah Shelton", ["Isaiah Shelton"]),
        ("Jane Roe/Getty Images", ["Jane Roe"]),
        ("Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"]),
        ("Genevieve Carlton, Ph.D.", ["Genevieve Carlton"]),
        ("Maria &amp; Katerina", ["Maria", "Katerina"]),
        ("Reyan PerumalPublished on", ["Reyan Perumal"]),
    ],
)
def test_authors_are_people(byline: str, want: list[str]) -> None:
    assert clean_authors(byline) == want


def test_iso_basic_format() -> None:
    found = parse_date("20180619T055000+0900")
    assert found is not None
    assert found.day == dt.date(2018, 6, 19)
    assert found.at == dt.datetime(2018, 6, 18, 20, 50, tzinfo=dt.UTC)


TEXT = " ".join(["The council approved a new budget on Monday after a long debate."] * 4)


def test_a_citation_date_is_not_the_publication_date() -> None:
    html = f"""<html><body><article><p>{TEXT}</p><p>{TEXT}</p>
    <ol class="references"><li>"Budget history". Example Archive. Retrieved 11 March 2012.</li>
    </ol></article></body></html>"""
    parsed = extract_page(html)
    assert parsed.published_date != dt.date(2012, 3, 11)


def test_an_asset_version_stamp_is_not_a_date() -> None:
    html = f"""<html><head><script src="/navigation.js?ver=20120206"></script>
    <link rel="stylesheet" href="/style.css?ver=20120206"></head>
    <body><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"""
    assert extract_page(html).published_date != dt.date(2012, 2, 6)


def test_the_same_page_gives_the_same_date_twice() -> None:
    html = f"""<html><body><article><p>Published March 5, 2024</p><p>{TEXT}</p></article>
    </body></html>"""
    first, second = extract_page(html), extract_page(html)
    assert (first.published_date, first.date_source) == (second.published_date, second.date_source)
