"""Byline shapes seen on real pages: a label before the date, a date before the name, a role
after a comma that holds "and", a bio instead of a byline, a credit that names no person."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize.authors import clean_authors, declared_credit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the label is read before the run-on split: "Posted" is not the byline's run-on
        ("Posted by Jane Roe on Friday March 6, 2026 @08:00PM", ["Jane Roe"]),
        ("Posted by Jane at March 6, 2026 11:15 AM", ["Jane"]),
        ("By: Acme Labs EMEA on 04-ago-2021 5:11:10", ["Acme Labs EMEA"]),
        # a byline that opens with its date
        ("Mar. 6, 2026 · Jane Roe on behalf of the Docs group", ["Jane Roe"]),
        ("Mar 6, 2026Jane K. Roe", ["Jane K. Roe"]),
        # a role after a comma, with "and" inside it, is not a second author
        ("By Jane Roe, Privacy and Digital Security Expert", ["Jane Roe"]),
        ("This post was written by Jane Roe, Head of Marketing and Community", ["Jane Roe"]),
        ("Jane Roe, Master Gardener & Garden Educator", ["Jane Roe"]),
        # a credential with a footnote mark; a reviewer after the author
        ("Written By Jane Roe, MD*", ["Jane Roe"]),
        ("By Jane Roe, DVM. Reviewed by John Doe, DVM", ["Jane Roe"]),
        # still several authors
        ("By Jane Roe, John Doe and Ann Poe", ["Jane Roe", "John Doe", "Ann Poe"]),
        ("By Maria de la Cruz", ["Maria de la Cruz"]),
        # an author's bio is not a byline
        (
            "Jane Roe personalizes home gardens with free design tools and a network of growers, "
            "helping owners plan, plant, and harvest with confidence.",
            [],
        ),
        # the section a name writes in; a role after a spaced dash; an avatar's initials
        ("By JaneRoe in Woodworking", ["JaneRoe"]),
        ("By Jane - Product marketer", ["Jane"]),
        ("JR", []),
        # a link to the author's page, not the name
        ("Read Jane Roe’s articles", []),
        # a user name or a template key is no person's name
        ("jane.roe", []),
        ("page.head.extra.author", []),
    ],
)
def test_byline_shapes(raw: str, expected: list[str]) -> None:
    assert clean_authors(raw) == expected


def test_the_site_name_is_dropped_before_its_role_word_is_cut() -> None:
    assert clean_authors("Garden Travel Expert", site_names=["The Garden Travel Expert"]) == []


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (["Thrive Studio"], ["Thrive Studio"]),
        (["Staff Clinician"], ["Staff Clinician"]),
        (["ExampleAccounting.com"], ["ExampleAccounting.com"]),
        (["98 Buck Media"], ["98 Buck Media"]),
        (["https://www.facebook.com/acme", "Acme Labs"], ["Acme Labs"]),
        (["jane@example.com"], []),
        (["March 5, 2024"], []),
        (["2024-03-05"], []),
        (["admin"], []),
        (["page.head.extra.author"], []),
        (["A credit far too long to be the name of any team at all"], []),
    ],
)
def test_declared_credit(declared: list[str], expected: list[str]) -> None:
    assert declared_credit(declared) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=4))
def test_declared_credit_is_one_of_its_inputs_or_none(values: list[str]) -> None:
    out = declared_credit(values)
    assert len(out) <= 1
    if out:
        assert any(out[0] in " ".join(html.unescape(v).split()) for v in values)
        assert 1 <= len(out[0].split()) <= 6


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_clean_authors_never_raises_and_gives_short_names(value: str) -> None:
    for name in clean_authors(value):
        assert name.strip() and len(name.split()) <= 5


def test_a_capitalised_last_word_is_part_of_the_name() -> None:
    assert clean_authors("Audiophile On") == ["Audiophile On"]
