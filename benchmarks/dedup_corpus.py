"""A generated news corpus with planted duplicates of known edit level, for `benchmarks/dedup.py`.

Everything comes from a seeded RNG and word lists made here (no downloads):

- a vocabulary of ~9,000 pseudo-words with Zipf frequencies, plus English function words, so
  unrelated articles share many words but almost no 5-word runs;
- topics (politics, markets, ...): each boosts its own 250 words and has its own stock phrases
  ("the central bank said on"), so same-topic articles are the hard non-duplicates;
- articles of 300-600 words: a headline line, a dateline, paragraphs of 2-5 sentences, commas,
  figures, curly quotes, dashes and some accented names;
- families: an original and 1-4 variants, each of one edit kind (`EDIT_KINDS`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import xxhash

FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "was",
    "with",
    "he",
    "it",
    "as",
    "at",
    "by",
    "from",
    "his",
    "be",
    "have",
    "has",
    "had",
    "are",
    "were",
    "an",
    "they",
    "which",
    "said",
    "will",
    "would",
    "its",
    "but",
    "not",
    "this",
    "been",
    "their",
    "who",
    "after",
    "also",
    "more",
    "one",
    "two",
    "new",
    "first",
    "last",
    "year",
    "years",
    "over",
    "than",
    "into",
    "up",
    "out",
    "about",
    "there",
    "when",
    "can",
    "could",
    "other",
    "all",
    "people",
    "government",
    "officials",
    "told",
    "percent",
    "week",
    "since",
    "against",
    "while",
    "where",
    "under",
    "most",
]
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
DATELINES = ["NAIROBI", "LONDON", "NEW YORK", "BEIJING", "SÃO PAULO", "ZÜRICH", "LAGOS", "DELHI"]
NAMES = ["Müller", "García", "Nguyễn", "Søren", "Dvořák", "Ólafsdóttir", "Smith", "Okafor"]
TOPICS = 40
EDIT_KINDS = (
    "exact_copy",  # the same text (another outlet)
    "rewrapped",  # re-wrapped lines, doubled spaces, straight quotes, upper-case headline
    "words_changed",  # 1-8 words replaced
    "paragraph_dropped",
    "paragraph_added",
    "headline_changed",
    "heavy_edit",  # 15-40 words replaced and a paragraph dropped: near or below the threshold
)


@dataclass(slots=True)
class Article:
    article_id: str
    text: str
    topic: int
    family: int  # -1 for an article without planted copies
    kind: str  # "original", "single" or one of EDIT_KINDS
    published_at: dt.datetime | None


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        words = set()
        while len(words) < 9000:
            n = self.rng.choice((2, 2, 3, 3, 3, 4))
            words.add("".join(self.rng.choice(SYLLABLES) for _ in range(n)))
        self.words = np.array(FUNCTION_WORDS + sorted(words), dtype=object)
        ranks = np.arange(1, len(self.words) + 1)
        base = 1.0 / ranks**1.05
        self.topic_weights = []
        self.topic_phrases = []
        for _ in range(TOPICS):
            weights = base.copy()
            boosted = self.np_rng.choice(np.arange(len(FUNCTION_WORDS), len(self.words)), 250)
            weights[boosted] += 0.004
            self.topic_weights.append(np.cumsum(weights / weights.sum()))
            self.topic_phrases.append([self._phrase() for _ in range(30)])
        self.common_phrases = [self._phrase() for _ in range(60)]

    def _phrase(self) -> str:
        return " ".join(self.rng.choice(self.words[:3000]) for _ in range(self.rng.randint(3, 6)))

    def _draw(self, topic: int, n: int) -> list[str]:
        picks = np.searchsorted(self.topic_weights[topic], self.np_rng.random(n))
        return self.words[np.minimum(picks, len(self.words) - 1)].tolist()

    def sentence(self, topic: int, words: list[str]) -> str:
        random = self.rng.random  # random() and int() are much faster than randrange()
        n = len(words)
        if random() < 0.25:
            words[int(random() * n)] = str((int(random() * 98) + 2, 2024, 1500)[int(random() * 3)])
        if random() < 0.2:
            phrases = self.topic_phrases[topic] if random() < 0.6 else self.common_phrases
            words.insert(int(random() * n), phrases[int(random() * len(phrases))])
        if random() < 0.05:
            words.insert(int(random() * n), NAMES[int(random() * len(NAMES))])
        if n > 10 and random() < 0.5:
            words[3 + int(random() * (n - 5))] += ","
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        if random() < 0.12:
            return f"“{text},” {self.words[60 + int(random() * 340)]} said."
        if random() < 0.08:
            cut = text.find(" ", len(text) // 2)
            if cut > 0:
                text = text[:cut] + " —" + text[cut:]
        return text + "."

    def paragraph(self, topic: int, words: list[str] | None = None) -> str:
        """Sentences of 8-24 words made of `words` (30-80 drawn here if not given)."""
        rng = self.rng
        words = words if words is not None else self._draw(topic, rng.randint(30, 80))
        sentences, at = [], 0
        while at < len(words):
            size = 8 + int(rng.random() * 17)
            if len(words) - at - size < 6:  # no stub sentence at the end
                size = len(words) - at
            sentences.append(self.sentence(topic, words[at : at + size]))
            at += size
        return " ".join(sentences)

    def article(self, topic: int) -> str:
        rng = self.rng
        target = rng.randint(300, 600)
        words = self._draw(topic, target + 8)
        headline = " ".join(words[:8]).title()
        paragraphs, at = [], 8
        while at < len(words):
            take = rng.randint(30, 80)
            if len(words) - at - take < 20:
                take = len(words) - at
            paragraphs.append(self.paragraph(topic, words[at : at + take]))
            at += take
        paragraphs[0] = f"{rng.choice(DATELINES)} – {paragraphs[0]}"
        return headline + "\n\n" + "\n\n".join(p for p in paragraphs if p)

    def variant(self, text: str, kind: str, topic: int) -> str:
        return EDITS[kind](self, text, topic)

    def date(self) -> dt.datetime | None:
        if self.rng.random() < 0.05:
            return None
        return dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            minutes=self.rng.randrange(365 * 24 * 60)
        )


def _replace_words(gen: Generator, text: str, n: int, topic: int) -> str:
    words = text.split(" ")
    for i in gen.rng.sample(range(len(words)), min(n, len(words))):
        words[i] = gen._draw(topic, 1)[0]
    return " ".join(words)


def _drop_paragraph(gen: Generator, text: str) -> str:
    parts = text.split("\n\n")
    if len(parts) > 3:
        del parts[gen.rng.randrange(2, len(parts))]
    return "\n\n".join(parts)


def _rewrap(gen: Generator, text: str, topic: int) -> str:
    headline, _, body = text.partition("\n\n")
    lines, line, width = [], [], 0
    for word in body.replace("\n\n", " ¶ ").split(" "):
        if word == "¶":
            lines.append(" ".join(line) + "\n")
            line, width = [], 0
            continue
        line.append(word)
        width += len(word) + 1
        if width > 70:
            lines.append("  ".join(line))
            line, width = [], 0
    lines.append(" ".join(line))
    body = "\n".join(lines).replace("“", '"').replace("”", '"').replace("–", "-")
    return headline.upper() + "\n\n" + body


EDITS: dict[str, Callable[[Generator, str, int], str]] = {
    "exact_copy": lambda gen, text, topic: text,
    "rewrapped": _rewrap,
    "words_changed": lambda gen, text, topic: _replace_words(
        gen, text, gen.rng.randint(1, 8), topic
    ),
    "paragraph_dropped": lambda gen, text, topic: _drop_paragraph(gen, text),
    "paragraph_added": lambda gen, text, topic: text + "\n\n" + gen.paragraph(topic),
    "headline_changed": lambda gen, text, topic: (
        " ".join(gen._draw(topic, 7)).title() + "\n\n" + text.partition("\n\n")[2]
    ),
    "heavy_edit": lambda gen, text, topic: _drop_paragraph(
        gen, _replace_words(gen, text, gen.rng.randint(15, 40), topic)
    ),
}


def generate(n_articles: int, seed: int = 7, family_share: float = 0.35) -> list[Article]:
    """`n_articles` articles; about `family_share` of them in planted families."""
    gen = Generator(seed)
    out: list[Article] = []
    family = 0

    def add(text: str, topic: int, fam: int, kind: str) -> None:
        article_id = xxhash.xxh3_64_hexdigest(f"{seed}:{len(out)}".encode())
        out.append(Article(article_id, text, topic, fam, kind, gen.date()))

    while len(out) < n_articles:
        topic = gen.rng.randrange(TOPICS)
        original = gen.article(topic)
        if gen.rng.random() < family_share / 3.2:
            add(original, topic, family, "original")
            for _ in range(gen.rng.randint(1, 4)):
                if len(out) >= n_articles:
                    break
                kind = gen.rng.choice(EDIT_KINDS)
                add(gen.variant(original, kind, topic), topic, family, kind)
            family += 1
        else:
            add(original, topic, -1, "single")
    gen.rng.shuffle(out)
    return out
