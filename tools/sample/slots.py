"""Per-article format slots: the invented cast of one story and its freshly drawn figures.

`Slots` is a dict for `str.format_map`: fixed entities ('{town}', '{company}'), numbers drawn anew
at each use ('{num}', '{pct}'), capitalized forms ('{Town}' -> first letter upper) and people
introduced by full name on first mention ('{p1s}').
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from random import Random

from tools.sample import words as w


def pub_name(source: str) -> str:
    """'northbay-courier' -> 'Northbay Courier': the paper's name as it appears in prose."""
    return " ".join(part.capitalize() for part in source.split("-"))


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def season(month: int) -> str:
    return ("winter", "spring", "summer", "autumn")[(month % 12) // 3]


def person(rng: Random) -> str:
    return f"{rng.choice(w.FIRST_NAMES)} {rng.choice(w.SURNAMES)}"


def _pct(value: float, slots: Slots) -> str:
    return f"{value:.1f}{slots['pct_unit']}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ORDINAL_WORDS = ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_DYNAMIC: dict[str, Callable[[Random, Slots], str]] = {
    "num": lambda r, s: str(r.randint(12, 480)),
    "big": lambda r, s: f"{r.randint(1200, 48000):,}",
    "hundreds": lambda r, s: str(r.randrange(150, 900, 10)),
    "small_word": lambda r, s: r.choice(w.NUMBER_WORDS),
    "pct": lambda r, s: _pct(r.uniform(1.5, 38.0), s),
    "pct_small": lambda r, s: _pct(r.uniform(0.2, 3.9), s),
    "money": lambda r, s: f"{s['cur']}{r.uniform(1.2, 95.0):.1f} million",
    "money_small": lambda r, s: f"{s['cur']}{r.randint(40, 900)}",
    "temp_hot": lambda r, s: str(r.randint(31, 39)),
    "temp_cold": lambda r, s: f"minus {r.randint(3, 14)}",
    "rain": lambda r, s: str(r.randint(40, 160)),
    "minute": lambda r, s: str(r.randint(2, 59)),
    "minute_ord": lambda r, s: _ordinal(r.randint(52, 93)),
    "score": lambda r, s: f"{r.randint(2, 5)}-{r.randint(0, 1)}",
    "draw": lambda r, s: "{0}-{0}".format(r.randint(0, 3)),
    "oil": lambda r, s: f"${r.uniform(62.0, 96.0):.2f}",
    "millions": lambda r, s: f"{r.uniform(1.2, 9.8):.1f}",
    "num_seats": lambda r, s: str(r.randint(21, 61)),
    "num_days": lambda r, s: str(r.randint(6, 41)),
    "num_years": lambda r, s: str(r.randint(12, 60)),
    "num_gust": lambda r, s: str(r.randint(95, 160)),
    "small_ordinal": lambda r, s: r.choice(_ORDINAL_WORDS),
    "pct_turnout": lambda r, s: _pct(r.uniform(38.0, 81.0), s),
    "pct_level": lambda r, s: _pct(r.uniform(28.0, 55.0), s),
    "votes": lambda r, s: (
        f"by {r.choice(w.NUMBER_WORDS[5:])} votes to {r.choice(w.NUMBER_WORDS[:4])}"
    ),
    "weekday2": lambda r, s: r.choice(w.WEEKDAYS),
    "founded": lambda r, s: str(r.randint(1880, 1990)),
}


_NAME_KEYS = frozenset({"p1", "p1s", "p2", "p2s"})


class Slots(dict[str, str]):
    """Format slots: fixed per-article entities, fresh numbers per use, '{Town}' capitalizes."""

    def __init__(self, ctx: dict[str, str], rng: Random) -> None:
        super().__init__(ctx)
        self.rng = rng
        self.named: list[str] = []  # people already introduced by full name

    def __missing__(self, key: str) -> str:
        if key in _NAME_KEYS or key.lower() in _NAME_KEYS:
            return self._name(key.lower())
        make = _DYNAMIC.get(key)
        if make is not None:
            return make(self.rng, self)
        low = key[:1].lower() + key[1:]
        if low != key and low in self:
            return cap(self[low])
        raise KeyError(key)

    def _name(self, key: str) -> str:
        """'p1' is the full name; 'p1s' too on first mention, the surname after that."""
        person = key[:2]
        full = self[f"_{person}"]
        if key.endswith("s") and person in self.named:
            return full.split()[-1]
        self.named.append(person)
        return full

    def fill(self, template: str) -> str:
        return template.format_map(self)


def _town(rng: Random) -> str:
    name = rng.choice(w.TOWN_HEADS) + rng.choice(w.TOWN_TAILS)
    return rng.choice(w.TOWN_PREFIXES) + name if rng.random() < 0.15 else name


def context(rng: Random, when: dt.date, source: str, topic: w.Topic) -> Slots:
    """The story's cast: one town, one company, two named people, all invented."""
    town = _town(rng)
    town2 = _town(rng)
    while town2 == town:
        town2 = _town(rng)
    p1, p2 = person(rng), person(rng)
    while p2.split()[-1] == p1.split()[-1]:
        p2 = person(rng)
    head = rng.choice(w.COMPANY_HEADS)
    industry = rng.choice(w.INDUSTRIES)
    ctx: dict[str, str] = {
        "town": town,
        "town2": town2,
        "head": head,
        "region": rng.choice(w.REGIONS),
        "river": f"River {rng.choice(w.RIVERS)}",
        "street": f"{rng.choice(w.STREET_NAMES)} {rng.choice(w.STREET_KINDS)}",
        "ward": rng.choice(w.WARDS),
        "company": f"{head} {industry}",
        "industry": industry.lower(),
        "product": rng.choice(w.PRODUCTS),
        "bank": rng.choice(w.BANKS),
        "index": rng.choice(w.INDEXES),
        "currency": rng.choice(w.CURRENCY_NAMES),
        "team": f"{town} {rng.choice(w.MASCOTS)}",
        "rival": f"{town2} {rng.choice(w.MASCOTS)}",
        "hospital": f"{town} General Hospital",
        "_p1": p1,
        "_p2": p2,
        "p3": person(rng),
        "p4": person(rng),
        "pub": pub_name(source),
        "weekday": w.WEEKDAYS[(when - dt.timedelta(days=rng.randint(0, 1))).weekday()],
        "month_next": w.MONTHS[when.month % 12],
        "month_prev": w.MONTHS[(when.month - 2) % 12],
        "season": season(when.month),
        "prev_year": str(when.year - rng.randint(2, 6)),
        "jobs": str(rng.randrange(40, 900, 10)),
        "cur": rng.choice(w.CURRENCIES),
        "pct_unit": "%" if source == "meridian-wire" else " per cent",
    }
    slots = Slots(ctx, rng)
    # Figures a headline and its lead must agree on: drawn once per story.
    slots["sum"] = slots.fill("{money}")
    slots["rise"] = slots.fill("{pct}")
    slots["rise_small"] = slots.fill("{pct_small}")
    slots["council"] = slots.fill(rng.choice(w.COUNCIL_FORMS))
    slots["operator"] = slots.fill(rng.choice(w.OPERATORS))
    slots["school"] = slots.fill(rng.choice(w.SCHOOLS))
    slots["project"] = slots.fill(rng.choice(w.COUNCIL_PROJECTS))
    roles = rng.sample(topic.roles, 2)
    slots["p1role"] = slots.fill(roles[0])
    slots["p2role"] = slots.fill(roles[1])
    return slots
