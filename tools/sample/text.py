"""Compose one synthetic news article from the word lists, driven by a seeded `random.Random`.

An `Article` keeps content (blocks of text) apart from layout (header form, wrapping, line
endings) so that duplicates and near duplicates can be made by editing one and rendering again.
Only `rng` decides anything: the same seed always gives the same article.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from random import Random

from tools.sample import words as w
from tools.sample.slots import Slots, cap, context, person, season

STYLES: tuple[str, ...] = (
    "en_dash",  # CITY – body
    "hyphen",  # CITY - body
    "em_dash",  # CITY — body
    "multiword",  # NEW DELHI – body
    "accented",  # SÃO PAULO – body
    "wire_date",  # KABUL, March 5 (Reuters) - body
    "wire_agency",  # BEIRUT (AP) — body
    "none",  # no dateline: the body opens with a capitalized word
)
TOPICS: tuple[w.Topic, ...] = w.load_topics("topics_civic.toml") + w.load_topics(
    "topics_economy.toml"
)
HEADER_SETS: tuple[tuple[str, ...], ...] = (
    ("title", "url", "author"),
    ("title", "url", "author"),
    ("title", "url", "author"),
    ("title",),
    ("title", "author"),
    ("author",),
    (),
)
WRAPS: tuple[int | None, ...] = (None, None, 64, 70, 76)
ASCII_QUOTES = str.maketrans({"“": '"', "”": '"', "’": "'"})
_NBSP_UNITS = re.compile(r"(\d) (per cent|mm|million|degrees|minutes|jobs|days|years|weeks)\b")


@dataclass(slots=True)
class Article:
    """One article: content, plus the layout choices that decide its bytes on disk."""

    source: str
    when: dt.date
    topic: str
    title: str
    alt_title: str  # a second headline for the story, used by the `title_changed` rewrite
    author: str
    dateline: str | None  # as written, without the dash (e.g. 'KABUL, March 5 (Reuters)')
    dash: str  # ' – ', ' - ' or ' — ' after the dateline; '' without one
    blocks: list[tuple[str, str]]  # (kind, text), kind in 'paragraph', 'heading', 'quote'
    signoff: str | None  # a short unpunctuated last line that is not a heading
    update: str  # a ready paragraph for the `paragraph_added` rewrite
    header_form: bool = False  # date alone on line 1, then 'key: value' headers and a blank line
    headers: tuple[str, ...] = ()
    wrap: int | None = None  # None: one line per paragraph
    crlf: bool = False
    bom: bool = False
    indent: str = ""  # spaces before 'date'
    final_newline: bool = True

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def url(self) -> str:
        d = self.when
        return f"https://www.{self.source}.example/news/{d:%Y/%m/%d}/{self.slug}"


def slugify(title: str, max_words: int = 8) -> str:
    """ASCII slug of a headline, as publishers put in URLs and file names."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    parts = re.sub(r"[^a-z0-9]+", " ", ascii_title.lower()).split()
    return "-".join(parts[:max_words]) or "story"


def _agency(rng: Random, source: str) -> str:
    if source == "meridian-wire" and rng.random() < 0.6:
        return "Meridian Wire"
    return rng.choice(w.REAL_AGENCIES + w.INVENTED_AGENCIES)


def make_dateline(
    rng: Random, style: str, when: dt.date, source: str, town: str = ""
) -> tuple[str | None, str]:
    """(dateline, dash) for one of `STYLES`; wire styles carry an agency in parentheses.

    A local paper often datelines the story's own town, so half the plain and multi-word
    datelines use `town` when its shape fits the style.
    """
    dash = rng.choice(w.DASHES)
    fixed = {"en_dash": " – ", "hyphen": " - ", "em_dash": " — "}
    own = town.upper() if rng.random() < 0.5 else ""
    if style == "none":
        return None, ""
    if style in fixed:
        return own if own and " " not in own else rng.choice(w.PLAIN_CITIES), fixed[style]
    if style == "multiword":
        return own if " " in own else rng.choice(w.MULTIWORD_CITIES), dash
    if style == "accented":
        return rng.choice(w.ACCENTED_CITIES), dash
    if style not in ("wire_date", "wire_agency"):
        raise ValueError(f"unknown dateline style {style!r}")
    city = rng.choice(w.PLAIN_CITIES + w.MULTIWORD_CITIES + w.ACCENTED_CITIES)
    return wire_dateline(city, _agency(rng, source), when if style == "wire_date" else None), dash


def wire_dateline(city: str, agency: str, when: dt.date | None) -> str:
    """'KABUL, March 5 (Reuters)' with a day, 'BEIRUT (AP)' without (AP month style)."""
    if when is None:
        return f"{city} ({agency})"
    return f"{city}, {w.AP_MONTHS[when.month - 1]} {when.day} ({agency})"


def _paragraphs(rng: Random, topic: w.Topic, story: w.Story, slots: Slots, lead: str) -> list[str]:
    """Lead paragraph plus 3-5 body paragraphs of 1-3 sentences, one carrying a quote."""
    pool = list(story.sentences + topic.sentences)
    rng.shuffle(pool)
    first = lead if rng.random() < 0.6 else f"{lead} {slots.fill(pool.pop())}"
    paras = [first]
    n_paras = rng.randint(3, 5)
    quoted = rng.randint(1, n_paras)
    for i in range(1, n_paras + 1):
        sentences = [slots.fill(pool.pop()) for _ in range(rng.randint(1, 3)) if pool]
        if i == quoted:  # filled in reading order, so names are introduced in full first
            slots["q"] = slots.fill(rng.choice(story.quotes + topic.quotes))
            sentences.append(slots.fill(rng.choice(w.QUOTE_FRAMES)))
        if sentences:
            paras.append(" ".join(sentences))
    return paras


def _blocks(
    rng: Random,
    topic: w.Topic,
    story: w.Story,
    slots: Slots,
    lead: str,
    quote_paragraph: bool | None,
) -> list[tuple[str, str]]:
    """Paragraphs, maybe a paragraph that is wholly a quotation, maybe subheadings."""
    blocks = [("paragraph", p) for p in _paragraphs(rng, topic, story, slots, lead)]
    if quote_paragraph if quote_paragraph is not None else rng.random() < 0.3:
        q1, q2 = (slots.fill(q) for q in rng.sample(story.quotes + topic.quotes, 2))
        at = rng.randint(2, len(blocks))
        attribution = slots.fill(rng.choice(w.ATTRIBUTIONS))
        blocks[at:at] = [("quote", f"“{q1}. {q2}.”"), ("paragraph", attribution)]
    if rng.random() < 0.4:
        for head in rng.sample(topic.subheads, rng.randint(1, 2)):
            spots = [
                i
                for i in range(2, len(blocks))
                if "heading" not in (blocks[i - 1][0], blocks[i][0])
            ]
            if spots:
                blocks.insert(rng.choice(spots), ("heading", head))
    return blocks


def _story(rng: Random, topic: w.Topic, when: dt.date) -> w.Story:
    """A story of `topic` that fits the season (no snow in July)."""
    now = season(when.month)
    fitting = [s for s in topic.stories if not s.seasons or now in s.seasons]
    return rng.choice(fitting)


def compose(
    rng: Random, when: dt.date, source: str, style: str, *, quote_paragraph: bool | None = None
) -> Article:
    """A fresh article for `source` on `when`, its opening in dateline `style`."""
    topic = rng.choice(TOPICS)
    story = _story(rng, topic, when)
    slots = context(rng, when, source, topic)
    title, alt_title = (cap(slots.fill(t)) for t in rng.sample(story.titles, 2))
    lead = slots.fill(rng.choice(story.undated if style == "none" else story.leads))
    dateline, dash = make_dateline(rng, style, when, source, slots["town"])
    blocks = _blocks(rng, topic, story, slots, lead, quote_paragraph)
    signoff = slots.fill(rng.choice(w.SIGNOFFS)) if rng.random() < 0.25 else None
    header_form = rng.random() < 0.5
    article = Article(
        source=source,
        when=when,
        topic=topic.name,
        title=title,
        alt_title=alt_title,
        author=person(rng),
        dateline=dateline,
        dash=dash,
        blocks=blocks,
        signoff=signoff,
        update=slots.fill(rng.choice(w.UPDATES)),
        header_form=header_form,
        headers=rng.choice(HEADER_SETS) if header_form else (),
        wrap=rng.choice(WRAPS),
        final_newline=rng.random() < 0.93,
    )
    if source == "valley-gazette":  # this house style keeps straight quotes
        _translate(article, ASCII_QUOTES)
    return article


def _translate(a: Article, table: dict[int, str]) -> None:
    a.title = a.title.translate(table)
    a.alt_title = a.alt_title.translate(table)
    a.blocks = [(kind, text.translate(table)) for kind, text in a.blocks]
    a.update = a.update.translate(table)
    if a.signoff is not None:
        a.signoff = a.signoff.translate(table)


def add_nbsp(a: Article) -> int:
    """Glue numbers to their units with NO-BREAK SPACE, as some CMSes do; returns how many."""
    count = 0
    blocks = []
    for kind, text in a.blocks:
        text, n = _NBSP_UNITS.subn("\\1\u00a0\\2", text)
        count += n
        blocks.append((kind, text))
    a.blocks = blocks
    return count


def add_tabs(a: Article, rng: Random) -> int:
    """Put a TAB between two sentences in up to two paragraphs (pasted-from-spreadsheet noise)."""
    spots = [i for i, (kind, text) in enumerate(a.blocks) if kind == "paragraph" and ". " in text]
    chosen = set(rng.sample(spots, min(2, len(spots))))
    a.blocks = [
        (kind, text.replace(". ", ".\t", 1) if i in chosen else text)
        for i, (kind, text) in enumerate(a.blocks)
    ]
    return len(chosen)
