"""Language: ISO 639-1 from the text, a declaration checked against it."""

from __future__ import annotations

import pytest

from corpus.normalize.language import detect_language, normalize_language_tag

EN = "The council voted on Tuesday to rebuild the old stone bridge over the river, officials said."
DE = "Der Stadtrat hat am Dienstag beschlossen, die alte Steinbrücke über den Fluss neu zu bauen."
FR = "Le conseil municipal a voté mardi la reconstruction du vieux pont de pierre sur la rivière."


@pytest.mark.parametrize(("text", "code"), [(EN, "en"), (DE, "de"), (FR, "fr")])
def test_detects_from_text(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_declared_language_is_checked_against_the_text() -> None:
    assert detect_language(DE, declared="en-US") == "de"  # a template's lang="en" on a German page
    assert detect_language(EN, declared="en-GB") == "en"
    assert (
        detect_language("OK", declared="fr") == "fr"
    )  # too short to check: the declaration stands
    assert detect_language("", declared=None) is None


def test_only_the_first_characters_are_read() -> None:
    assert detect_language(EN * 25 + DE * 400) == "en"


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("en-US", "en"),
        ("EN_gb", "en"),
        ("deu", "de"),
        ("iw", "he"),
        ("x-default", None),
        ("", None),
    ],
)
def test_normalize_language_tag(tag: str, code: str | None) -> None:
    assert normalize_language_tag(tag) == code
