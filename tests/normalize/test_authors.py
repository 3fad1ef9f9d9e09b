"""Authors: a clean list of people, without 'By', roles, site names, URLs or duplicates."""

from __future__ import annotations

import pytest

from corpus.normalize.authors import clean_authors, clean_credit, is_role


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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a byline run into the next text node: its job title, its date, a second credit
        ("Jane MillerMarketing Director", ["Jane Miller"]),
        ("Rachel MacDonald Updated May 3", ["Rachel MacDonald"]),
        ("Jane MillerDec 18, 2025", ["Jane Miller"]),
        ("Insights fromJane MillerHead of Research", ["Jane Miller"]),
        # a name with an inner capital is one name
        ("Mark SubbaRao", ["Mark SubbaRao"]),
        ("Ronald McDonald", ["Ronald McDonald"]),
        ("Tom May", ["Tom May"]),
        # a job title after the name without a comma
        ("Jane Doe Founder", ["Jane Doe"]),
        ("Jane Doe Former Consultant at Acme", ["Jane Doe"]),
        ("Recipe by Jane Doe", ["Jane Doe"]),
        # a reviewer is not the author; a team is not a person
        ("Medically reviewed by Jane Doe", []),
        ("By The Acme Team", []),
        ("AuthorJane Doe", ["Jane Doe"]),
    ],
)
def test_run_ons_roles_and_teams_leave_the_names(raw: str, expected: list[str]) -> None:
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["By The Acme Team"], ["The Acme Team"]),
        (["Podium Staff"], ["Podium Staff"]),
        (["News Desk"], ["News Desk"]),
        (["Our Editors"], ["Our Editors"]),
        (["The Valley Post"], ["The Valley Post"]),  # the site credits itself
        (["Acme Widgets Inc"], []),  # an unknown name that is neither a group nor the site
        (["Photo: Getty Images Staff"], []),
        (["https://valleypost.example/staff"], []),
        (["Updated March 5, 2024"], []),
    ],
)
def test_a_credit_that_names_no_person(values: list[str], expected: list[str]) -> None:
    assert clean_credit(values, site_names=["The Valley Post"]) == expected


def test_an_organisation_typed_as_one_is_a_credit() -> None:
    assert clean_credit(["Acme Widgets"], organisations=["Acme Widgets"]) == ["Acme Widgets"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a job title after the first name is not a second author
        ("Jane Doe, CEO of Acme", ["Jane Doe"]),
        ("Jane Doe, Dietitian", ["Jane Doe"]),
        ("Jane Doe and John Roe, Extension educators", ["Jane Doe", "John Roe"]),
        # a second full name glued to the first is a second credit, cut with the run-on
        ("Jane MillerCasey Roe", ["Jane Miller"]),
        ("Mark SubbaRao and Jonas Berg", ["Mark SubbaRao", "Jonas Berg"]),
        # interface text, weekdays and "Admin" are not names
        ("View more posts", []),
        ("Sat", []),
        ("Site Admin", []),
    ],
)
def test_job_titles_interface_text_and_weekdays_are_not_authors(
    raw: str, expected: list[str]
) -> None:
    assert clean_authors(raw) == expected


def test_the_site_name_after_a_byline_goes() -> None:
    assert clean_authors("Jane Doe Valley Post", site_names=["Valley Post"]) == ["Jane Doe"]


def test_only_a_team_alone_is_a_group_credit() -> None:
    assert clean_credit(["GazetteNews Team"], groups_only=True) == ["GazetteNews Team"]
    assert clean_credit(["Jane Doe - Gazette Team"], groups_only=True) == []
    assert clean_credit(["Gazette"], site_names=["Gazette"], groups_only=True) == []


def test_an_authored_by_label_is_not_part_of_the_name() -> None:
    assert clean_authors("Authored by: Dr. Jane Roe") == ["Dr. Jane Roe"]


def test_a_role_is_told_from_a_name() -> None:
    assert is_role("Senior Writer") and is_role("Managing Editor")
    assert not is_role("Jane Roe")


@pytest.mark.parametrize(
    ("byline", "want"),
    [
        ("& Ada Brennan Writer, Hardware", ["Ada Brennan"]),  # her desk, not a second author
        ("Ada Brennan Staff Writer, Tomas Quill", ["Ada Brennan", "Tomas Quill"]),
        ("By A. J. Corrigan View In Digital Edition", ["A. J. Corrigan"]),
        ("Ada Brennan See full bio", ["Ada Brennan"]),
    ],
)
def test_a_desk_after_a_role_and_link_text_after_a_name_are_not_names(
    byline: str, want: list[str]
) -> None:
    assert clean_authors(byline) == want
