"""Back matter after an article's text (the author's bio, related posts, sign-up forms) is not
its text: one small hand-written page per kind."""

from __future__ import annotations

import json

from corpus.extract.html import extract_page

STORY = [
    "The harbour authority said on Thursday that the old ferry terminal will close in April, "
    "after more than sixty years of service to the islands off the northern coast.",
    "A new terminal with room for two vessels is being built on the other side of the bay, and "
    "the first crossings from it are planned for the second week of May.",
    "Island residents welcomed the larger waiting hall but asked for more parking spaces, "
    "saying the current car park is often full on summer weekends and holidays.",
    "The authority said it would add a shuttle bus from the town centre and review the number "
    "of parking spaces once the first full season at the new terminal is over.",
]
URL = "https://harbour.example/news/2024/03/07/old-ferry-terminal-to-close-in-april"


def page(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>Ferry terminal to close</title>{head}</head><body>{body}</body></html>"
    )


def texts(html: str) -> list[str]:
    return [b.text for b in extract_page(html, url=URL).blocks]


def test_similar_articles_after_the_story_are_cut() -> None:
    body = (
        "<article>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "<h2>Similar articles</h2><div><p>The town council votes on its new budget for schools "
        "and roads next week, after a long public consultation.</p><p>A local bakery has won a "
        "national prize for its rye bread, the second time in three years.</p></div></article>"
    )
    assert texts(page(body)) == STORY


def test_the_authors_bio_box_is_dropped() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry",
          "author": {"@type": "Person", "name": "Ingrid Holm"}}  # fmt: skip
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    bio = (
        "Ingrid Holm is a staff reporter who covers transport and the islands for the paper, "
        "and has written about ferries for more than a decade."
    )
    body = "<article>" + "".join(f"<p>{p}</p>" for p in STORY) + f"<p>{bio}</p></article>"
    assert texts(page(body, head)) == STORY


def test_a_name_at_the_start_of_story_text_is_kept() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry",
          "author": {"@type": "Person", "name": "Ingrid Holm"}}  # fmt: skip
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    first = "Ingrid Holm is a ferry captain who has crossed the bay twice a day for thirty years."
    body = "<article>" + f"<p>{first}</p>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
    assert texts(page(body, head))[0] == first


def test_form_and_sign_up_lines_are_dropped() -> None:
    extra = [
        "This field is for validation purposes and should be left unchanged.",
        "By signing up, you agree to receive recurring messages from us.",
        "Print This Page",
    ]
    body = "<article>" + "".join(f"<p>{p}</p>" for p in STORY + extra) + "</article>"
    assert texts(page(body)) == STORY


def test_a_bio_opening_with_an_asterisk_or_a_parenthesis_is_dropped() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry",
          "author": {"@type": "Person", "name": "Ingrid Holm"}}  # fmt: skip
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    for bio in (
        "*Ingrid Holm, MD, is a physician who writes about health at sea for the paper.",
        "(Ingrid Holm is a staff reporter who covers transport and the islands for the paper.)",
    ):
        body = "<article>" + "".join(f"<p>{p}</p>" for p in STORY) + f"<p>{bio}</p></article>"
        assert texts(page(body, head)) == STORY
