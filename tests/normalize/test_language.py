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


def test_the_sample_is_bounded_and_spread_over_the_text() -> None:
    from corpus.normalize.language import SAMPLE_CHARS, spread_sample

    sample = spread_sample(EN * 25 + DE * 400)
    assert len(sample) <= SAMPLE_CHARS + 2
    assert detect_language(EN * 25 + DE * 400) == "de"  # mostly German: German


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


def test_a_german_article_opening_with_an_english_tweet_is_german() -> None:
    from corpus.normalize.language import detect_language

    tweet = (
        "Breaking: we are so excited to announce our new partnership with the city council! " * 6
    )
    german = (
        "Der Stadtrat hat am Montag nach einer langen Debatte einen neuen Haushalt beschlossen. "
        "Die Bürger der Stadt begrüßten die Entscheidung, aber viele Fragen bleiben offen. "
    ) * 12
    assert detect_language(tweet + german) == "de"
