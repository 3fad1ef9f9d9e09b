"""Word lists, sentence templates and topics of the synthetic sample corpus, loaded from `data/`.

The prose is data (`data/words.toml`, `data/topics_*.toml`): the project's own inventions, where
towns, councils, companies and people do not exist. Templates use `str.format` slots filled per
article (see `tools.sample.text`), so the same entities recur within one story while stories
differ from each other enough for dedup to behave as it would on real news.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class Story:
    """One kind of event: headlines that name it, openings, and sentences that only fit it."""

    titles: tuple[str, ...]  # at least two: the second serves as a rewritten headline
    leads: tuple[str, ...]
    undated: tuple[str, ...]  # openings that read well without a dateline
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]  # without final punctuation: the frame adds it
    seasons: tuple[str, ...] = ()  # empty: any time of year


@dataclass(frozen=True, slots=True)
class Topic:
    """One beat of the newsroom: its stories, plus sentences, quotes and roles shared by them."""

    name: str
    stories: tuple[Story, ...]
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]
    roles: tuple[str, ...]
    subheads: tuple[str, ...]  # 2-8 words, never ending in punctuation


def _load(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as handle:
        return tomllib.load(handle)


def _topic(raw: dict[str, Any]) -> Topic:
    stories = tuple(
        Story(**{key: tuple(value) for key, value in story.items()}) for story in raw["stories"]
    )
    lists = {key: tuple(raw[key]) for key in ("sentences", "quotes", "roles", "subheads")}
    return Topic(name=raw["name"], stories=stories, **lists)


def load_topics(name: str) -> tuple[Topic, ...]:
    """The topics of one data file, in file order (the generator's seed depends on it)."""
    return tuple(_topic(raw) for raw in _load(name)["topics"])


_WORDS = _load("words.toml")
FIRST_NAMES: tuple[str, ...] = tuple(_WORDS["first_names"])
SURNAMES: tuple[str, ...] = tuple(_WORDS["surnames"])
TOWN_HEADS: tuple[str, ...] = tuple(_WORDS["town_heads"])
TOWN_TAILS: tuple[str, ...] = tuple(_WORDS["town_tails"])
TOWN_PREFIXES: tuple[str, ...] = tuple(_WORDS["town_prefixes"])
REGIONS: tuple[str, ...] = tuple(_WORDS["regions"])
RIVERS: tuple[str, ...] = tuple(_WORDS["rivers"])
STREET_NAMES: tuple[str, ...] = tuple(_WORDS["street_names"])
STREET_KINDS: tuple[str, ...] = tuple(_WORDS["street_kinds"])
WARDS: tuple[str, ...] = tuple(_WORDS["wards"])
COMPANY_HEADS: tuple[str, ...] = tuple(_WORDS["company_heads"])
INDUSTRIES: tuple[str, ...] = tuple(_WORDS["industries"])
PRODUCTS: tuple[str, ...] = tuple(_WORDS["products"])
BANKS: tuple[str, ...] = tuple(_WORDS["banks"])
INDEXES: tuple[str, ...] = tuple(_WORDS["indexes"])
CURRENCY_NAMES: tuple[str, ...] = tuple(_WORDS["currency_names"])
MASCOTS: tuple[str, ...] = tuple(_WORDS["mascots"])
OPERATORS: tuple[str, ...] = tuple(_WORDS["operators"])
SCHOOLS: tuple[str, ...] = tuple(_WORDS["schools"])
CURRENCIES: tuple[str, ...] = tuple(_WORDS["currencies"])
NUMBER_WORDS: tuple[str, ...] = tuple(_WORDS["number_words"])
WEEKDAYS: tuple[str, ...] = tuple(_WORDS["weekdays"])
MONTHS: tuple[str, ...] = tuple(_WORDS["months"])
AP_MONTHS: tuple[str, ...] = tuple(_WORDS["ap_months"])
PLAIN_CITIES: tuple[str, ...] = tuple(_WORDS["plain_cities"])
MULTIWORD_CITIES: tuple[str, ...] = tuple(_WORDS["multiword_cities"])
ACCENTED_CITIES: tuple[str, ...] = tuple(_WORDS["accented_cities"])
REAL_AGENCIES: tuple[str, ...] = tuple(_WORDS["real_agencies"])
INVENTED_AGENCIES: tuple[str, ...] = tuple(_WORDS["invented_agencies"])
DASHES: tuple[str, ...] = tuple(_WORDS["dashes"])
QUOTE_FRAMES: tuple[str, ...] = tuple(_WORDS["quote_frames"])
ATTRIBUTIONS: tuple[str, ...] = tuple(_WORDS["attributions"])
SIGNOFFS: tuple[str, ...] = tuple(_WORDS["signoffs"])
UPDATES: tuple[str, ...] = tuple(_WORDS["updates"])
COUNCIL_PROJECTS: tuple[str, ...] = tuple(_WORDS["council_projects"])
COUNCIL_FORMS: tuple[str, ...] = tuple(_WORDS["council_forms"])
# Small edits for near-duplicate rewrites: (word, replacement), matched on word boundaries.
SWAPS: tuple[tuple[str, str], ...] = tuple((word, to) for word, to in _WORDS["swaps"])
