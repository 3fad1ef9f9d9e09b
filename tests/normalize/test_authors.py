"""Authors: a clean list of people, without 'By', roles, site names, URLs or duplicates."""

from __future__ import annotations

import pytest

from corpus.normalize.authors import clean_authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("BY JANE DOE", ["Jane Doe"]),
        ("By Jane Doe and John Roe | Staff Writers", ["Jane Doe", "John Roe"]),
        ("Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Jane Doe (jane@example.com)", ["Jane Doe"]),
        ("Written by Nick Heer", ["Nick Heer"]),
        ("By Jane Doe for The Guardian", ["Jane Doe"]),
        ("Von Max Mustermann und Erika Musterfrau", ["Max Mustermann", "Erika Musterfrau"]),
        ("Par Jean Dupont", ["Jean Dupont"]),
        ("María José García y Pedro López", ["María José García", "Pedro López"]),
        ("https://www.facebook.com/janedoe", []),
        ("The Valley Post", []),
        ("Valley Post Staff", []),
        ("Updated March 5, 2024", []),
        ("", []),
    ],
)
def test_clean_authors(raw: str, expected: list[str]) -> None:
    assert clean_authors(raw, site_names=["The Valley Post"]) == expected


def test_lists_are_deduplicated_in_order() -> None:
    assert clean_authors(["Jane Doe", "By Jane Doe", "JANE DOE", "John Roe"]) == [
        "Jane Doe",
        "John Roe",
    ]


def test_none_and_non_strings() -> None:
    assert clean_authors(None) == []
    assert clean_authors([None, 3, "Ada Byrne"]) == ["Ada Byrne"]  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("byline", "want"),
    [
        ("Publié par Unknown", []),
        ("Eingestellt von Anna Berg", ["Anna Berg"]),
        ("Auteurs", []),
        ("Autor*innen", []),
        ("S", []),
    ],
)
def test_blog_labels_and_single_letters_are_not_names(byline: str, want: list[str]) -> None:
    assert clean_authors(byline) == want
