"""Dates from metadata, URLs and text: time zones normalized to UTC, implausible ones refused."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.normalize.dates import (
    date_from_url,
    find_date_in_text,
    parse_crawl_date,
    parse_date,
)

UTC = dt.UTC
NOW = dt.datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "at", "day", "precision"),
    [
        (
            "2024-03-05T23:30:00-05:00",
            dt.datetime(2024, 3, 6, 4, 30, tzinfo=UTC),
            dt.date(2024, 3, 5),
            "time",
        ),
        (
            "2024-03-05T01:15:00+09:00",
            dt.datetime(2024, 3, 4, 16, 15, tzinfo=UTC),
            dt.date(2024, 3, 5),
            "time",
        ),
        (
            "2024-03-05T10:00:00.123Z",
            dt.datetime(2024, 3, 5, 10, 0, tzinfo=UTC),
            dt.date(2024, 3, 5),
            "time",
        ),
        (
            "2024-03-05 10:00",
            dt.datetime(2024, 3, 5, 10, 0, tzinfo=UTC),
            dt.date(2024, 3, 5),
            "time",
        ),
        ("2024-03-05", dt.datetime(2024, 3, 5, tzinfo=UTC), dt.date(2024, 3, 5), "day"),
        (
            "Tue, 05 Mar 2024 22:00:00 +0100",
            dt.datetime(2024, 3, 5, 21, 0, tzinfo=UTC),
            dt.date(2024, 3, 5),
            "time",
        ),
        ("1709632800", dt.datetime(2024, 3, 5, 10, 0, tzinfo=UTC), dt.date(2024, 3, 5), "time"),
        (1709632800, dt.datetime(2024, 3, 5, 10, 0, tzinfo=UTC), dt.date(2024, 3, 5), "time"),
        ("20240305", dt.datetime(2024, 3, 5, tzinfo=UTC), dt.date(2024, 3, 5), "day"),
        ("March 5, 2024", dt.datetime(2024, 3, 5, tzinfo=UTC), dt.date(2024, 3, 5), "day"),
        (
            "5. März 2024, 14:30 Uhr",
            dt.datetime(2024, 3, 5, tzinfo=UTC),
            dt.date(2024, 3, 5),
            "day",
        ),
        (
            "le 5 mars 2024 à 10h15 UTC",
            dt.datetime(2024, 3, 5, 10, 15, tzinfo=UTC),
            dt.date(2024, 3, 5),
            "time",
        ),
        ("05.03.2024", dt.datetime(2024, 3, 5, tzinfo=UTC), dt.date(2024, 3, 5), "day"),
        (
            "15 августа 2016, 13:43",
            dt.datetime(2016, 8, 15, tzinfo=UTC),
            dt.date(2016, 8, 15),
            "day",
        ),
    ],
)
def test_parse_date_to_utc(value, at, day, precision) -> None:
    found = parse_date(value, now=NOW)
    assert found is not None
    assert found.at == at
    assert found.at.tzinfo is UTC or found.at.utcoffset() == dt.timedelta(0)
    assert (found.day, found.precision) == (day, precision)


@pytest.mark.parametrize(
    "value",
    ["", "soon", "2024-02-30", "2099-01-01", "1970-01-01", "13.13.2024", None, True, [], "0"],
)
def test_invalid_or_implausible_dates(value) -> None:
    assert parse_date(value, now=NOW) is None


def test_without_a_reference_instant_the_ceiling_is_fixed() -> None:
    assert parse_date("2090-05-30").day == dt.date(2090, 5, 30)  # never today's wall clock
    assert parse_date("2190-05-30") is None


def test_future_slack_and_crawl_dates() -> None:
    assert parse_date("2025-01-02", now=NOW) is not None  # a day ahead: time zones
    assert parse_date("2025-02-01", now=NOW) is None
    assert parse_crawl_date("2024-05-06T07:08:09Z").at == dt.datetime(
        2024, 5, 6, 7, 8, 9, tzinfo=UTC
    )
    assert parse_crawl_date(None) is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://x.example/news/2024/03/05/story", dt.date(2024, 3, 5)),
        ("https://x.example/2024-3-5-story.html", dt.date(2024, 3, 5)),
        ("https://x.example/a/20240305/b", dt.date(2024, 3, 5)),
        ("https://x.example/meldungen/05-03-2024", dt.date(2024, 3, 5)),
        ("https://x.example/2024/13/45/x", None),
        ("https://2024.example/12345678/", None),
        (None, None),
    ],
)
def test_date_from_url(url, day) -> None:
    found = date_from_url(url, now=NOW)
    assert (found.day if found else None) == day


def test_first_date_in_text_wins() -> None:
    found = find_date_in_text("Posted on 4 March 2024, updated 2024-03-09", now=NOW)
    assert found.day == dt.date(2024, 3, 4)
