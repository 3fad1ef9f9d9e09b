import pytest

from corpus.normalize.dateline import split_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("NAIROBI – The county assembly voted.", "NAIROBI", "The county assembly voted."),
        ("NAIROBI - The county assembly voted.", "NAIROBI", "The county assembly voted."),
        ("NAIROBI — The county assembly voted.", "NAIROBI", "The county assembly voted."),
        ("NEW DELHI – Prices rose.", "NEW DELHI", "Prices rose."),
        ("SÃO PAULO – Traffic slowed.", "SÃO PAULO", "Traffic slowed."),
        ("ZÜRICH — Banks opened.", "ZÜRICH", "Banks opened."),
        ("KABUL, March 5 (Reuters) - Talks resumed.", "KABUL", "Talks resumed."),
        ("BEIRUT (AP) — Power returned.", "BEIRUT", "Power returned."),
        ("PORT ELLEN, Nov. 20 (Courier Wire) - The board met.", "PORT ELLEN", "The board met."),
        ("WASHINGTON, D.C. – Lawmakers met.", "WASHINGTON", "Lawmakers met."),
        ("Geneva (Meridian Wire) – Delegates arrived.", "GENEVA", "Delegates arrived."),
    ],
)
def test_dateline_variants_are_split(paragraph: str, place: str, rest: str) -> None:
    dateline, remainder = split_dateline(paragraph)
    assert dateline is not None
    assert dateline.place == place
    assert remainder == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "Officials said - after a long night - that the bridge would reopen.",
        "Berlin officials said on Monday that the bridge would reopen.",
        "The mayor – who took office in May – spoke first.",
        "A – B testing is common.",
        "NAIROBI",
        "NAIROBI – ",
        "Residents of NAIROBI – and elsewhere – complained.",
        "2024 – a year of change.",
    ],
)
def test_text_that_is_not_a_dateline_is_left_alone(paragraph: str) -> None:
    dateline, remainder = split_dateline(paragraph)
    assert dateline is None
    assert remainder == paragraph


def test_agency_is_kept_apart_from_the_place() -> None:
    dateline, _ = split_dateline("KABUL, March 5 (Reuters) - Talks resumed.")
    assert dateline is not None
    assert dateline.agency == "Reuters"
    assert dateline.raw == "KABUL, March 5 (Reuters)"
