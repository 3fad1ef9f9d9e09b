"""The page-type features: counts over hand-written pages, the URL's words, and the page-wide
text and link lengths that now come from the cleaning walk."""

from __future__ import annotations

import math

import pytest
from lxml import etree

from corpus.extract.html_meta import collect_metadata
from corpus.extract.html_text import clean_tree, compute_stats, parse_html
from corpus.extract.page_features import FEATURES, headline_links, page_features, tree_signals
from corpus.records import Block

DOCS_PAGE = """<html><head><title>Install</title></head><body>
<nav class="breadcrumbs"><a href="/">Home</a> <a href="/help">Help</a></nav>
<aside class="sidebar"><ul>
  <li><a href="/help/a">Install</a></li><li><a href="/help/b">Configure</a></li>
  <li><a href="/help/c">Upgrade</a></li><li><a href="/help/d">Backups</a></li>
  <li><a href="/help/e">Logs</a></li>
</ul></aside>
<main><h1>Install</h1><h2>Requirements</h2><p>Run <code>tool --version</code> first.</p>
<pre><code>pip install tool</code></pre>
<table><tr><td>os</td><td>linux</td></tr></table>
<button class="btn copy">Copy</button><a class="button cta" href="/signup">Start</a>
<img src="/a.png"><img src="/b.png"></main></body></html>"""


def test_tree_signals_count_the_shapes_of_a_documentation_page() -> None:
    signals = tree_signals(parse_html(DOCS_PAGE))
    assert signals.code_blocks == 3  # one <pre>, two <code>
    assert signals.tables == 1
    assert signals.buttons == 1
    assert signals.button_marks == 2  # class "btn copy" and "button cta"
    assert signals.images == 2
    assert signals.headings == 1 and signals.h1s == 1
    assert signals.nav_links == 7  # 2 in the breadcrumb <nav>, 5 in the <aside>
    assert signals.long_lists == 1
    assert signals.breadcrumbs == 1


def test_repeated_class_names_are_counted_per_element() -> None:
    cards = "".join("<div class='product-price'>$9</div>" for _ in range(6))
    signals = tree_signals(
        parse_html(f"<html><body>{cards}<div class='basket'></div></body></html>")
    )
    assert signals.price_marks == 6
    assert signals.cart_marks == 1


def _features(url: str | None, html: str = DOCS_PAGE) -> dict[str, float | None]:
    root = parse_html(html)
    signals = tree_signals(root)
    values = page_features(
        collect_metadata(root), "Install", url, signals,
        [Block("paragraph", "You can install the tool with pip. Contact us for pricing.")],
        has_author=False, has_any_date=False, page_chars=200, page_link_chars=50,
        main_link_density=0.0, headline_links=0, container_links=0, listing_shape=False,
    )  # fmt: skip
    assert len(values) == len(FEATURES)
    return dict(zip(FEATURES, values, strict=True))


@pytest.mark.parametrize(
    ("url", "docs", "service", "listing"),
    [
        ("https://tool.example/help/install", 1.0, 0.0, 0.0),
        ("https://tool.example/help-center/install-guide", 1.0, 0.0, 0.0),
        ("https://agency.example/pricing", 0.0, 1.0, 0.0),
        ("https://courier.example/category/sport/", 0.0, 0.0, 1.0),
        # words inside a story's slug name no kind of page
        ("https://courier.example/2024/05/06/where-to-get-help-with-pricing-plans", 0.0, 0.0, 0.0),
    ],
)
def test_url_path_words(url: str, docs: float, service: float, listing: float) -> None:
    values = _features(url)
    assert (values["url_docs_word"], values["url_service_word"], values["url_listing_word"]) == (
        docs,
        service,
        listing,
    )


def test_unknown_url_leaves_the_url_features_unknown() -> None:
    values = _features(None)
    assert values["url_docs_word"] is None and values["url_depth"] is None


def test_text_features_read_offers_and_the_reader_addressed() -> None:
    values = _features("https://tool.example/help/install")
    assert values["offer_phrases"] == pytest.approx(math.log(3))  # "contact us", "pricing"
    assert values["second_person"] == pytest.approx(1 / 11)  # "you" among 11 words
    assert values["page_link_density"] == 0.25
    assert values["breadcrumbs"] == 1.0 and values["any_date"] == 0.0


@pytest.mark.parametrize(
    ("text", "offers"),
    [
        ("SIGN UP for a Free Trial, or Contact Sales.", 3),
        # letters that case-insensitive matching pairs with ASCII ones (and `str.lower` does
        # not): the long s, the Kelvin sign, the dotted capital and the dotless i
        ("\u017fign up, add to ba\u017fket, boo\u212a a demo", 3),
        ("S\u0130GN UP or s\u0131gn up: in stock", 3),
    ],
)
def test_offer_phrases_are_read_whatever_their_case(text: str, offers: int) -> None:
    values = page_features(
        collect_metadata(parse_html("<html><body></body></html>")), None, None,
        tree_signals(parse_html("<html><body></body></html>")), [Block("paragraph", text)],
        has_author=False, has_any_date=False, page_chars=200, page_link_chars=0,
        main_link_density=0.0, headline_links=0, container_links=0, listing_shape=False,
    )  # fmt: skip
    assert dict(zip(FEATURES, values, strict=True))["offer_phrases"] == math.log1p(offers)


def test_compute_stats_figures() -> None:
    root = etree.fromstring(
        "<div><p>aaaaaaaaaa bbbbbbbbbb cccccccccc</p><a>link text</a> tail<span>x</span></div>"
    )
    stats = compute_stats(root)
    paragraph, link = root[0], root[1]
    assert stats[paragraph] == [32, 0, 32]
    assert stats[link] == [9, 9, 0]
    # the div: 32 + 9 + 4 ("tail") + 1; its own text outside the <p> (14) is too short to count
    assert stats[root] == [46, 9, 32]


def test_clean_tree_reports_the_page_before_boilerplate() -> None:
    root = parse_html(
        "<html><body><nav><a href='/'>Home page</a></nav>"
        "<p>The water board voted to raise rates for the first time in years.</p></body></html>"
    )
    cleaned = clean_tree(root)
    assert cleaned.page_chars == 9 + 65
    assert cleaned.page_link_chars == 9
    assert cleaned.body.find(".//nav") is None


def test_teaser_cards_count_once_per_box_and_a_story_s_subheadings_do_not() -> None:
    cards = "".join(
        f"<div class='card'><h3><a href='/s/{i}'>Story {i}</a></h3><p>Teaser.</p></div>"
        for i in range(7)
    )
    story = "<div class='body'>" + "<h2><a href='#x'>Part</a></h2><p>Text.</p>" * 5 + "</div>"
    signals = tree_signals(parse_html(f"<html><body>{cards}{story}</body></html>"))
    assert signals.repeated_cards == 7  # the story's five linked subheadings share one box


def test_class_words_of_landing_docs_and_story_templates() -> None:
    html = (
        "<html><body><section class='hero'></section><div class='testimonials'></div>"
        "<nav class='toc'></nav><div class='entry-content'><p class='byline'>x</p></div>"
        "<a href='tel:+4412345'>Call</a><a href='mailto:a@b.example'>Mail</a></body></html>"
    )
    signals = tree_signals(parse_html(html))
    assert (signals.landing_marks, signals.doc_marks, signals.story_marks) == (2, 1, 2)
    assert signals.contact_links == 2 and signals.sections == 1


@pytest.mark.parametrize(
    ("url", "home", "kinds", "section"),
    [
        ("https://shop.example/", 1.0, {}, 0.0),
        ("https://shop.example/products/kettle", 0.0, {"product": 1.0}, 0.0),
        ("https://docs.example/docs/install", 0.0, {"documentation": 1.0}, 0.0),
        ("https://agency.example/services/audits", 0.0, {"service": 1.0}, 0.0),
        ("https://courier.example/blog", 0.0, {}, 1.0),
        ("https://courier.example/2024/05/06/where-to-shop-for-services", 0.0, {}, 0.0),
    ],
)
def test_what_were_url_rules_are_features(
    url: str, home: float, kinds: dict[str, float], section: float
) -> None:
    values = _features(url)
    assert values["url_home"] == home and values["url_section_front"] == section
    for kind in ("product", "collection", "listing", "service", "documentation"):
        assert values[f"url_kind_{kind}"] == kinds.get(kind, 0.0)


def test_text_block_features() -> None:
    values = _features("https://tool.example/help/install")
    # the one paragraph: 58 characters, ends with a full stop, says "us" once in 11 words
    assert values["sentence_ends"] == 1.0 and values["short_paragraphs"] == 1.0
    assert values["first_plural"] == pytest.approx(1 / 11)
    assert values["long_prose"] == 0.0 and values["listing_shape"] == 0.0


def test_class_words_are_whole_runs_of_letters() -> None:
    html = (
        "<html><body><div class='cartoon'></div><div class='add-to-cart'></div>"
        "<div class='Star_Rating2'></div><div id='postscript'></div><i itemprop='price'></i>"
        "</body></html>"
    )
    signals = tree_signals(parse_html(html))
    # "cartoon" and "postscript" hold no mark word; "add-to-cart" holds "cart", "Star_Rating2"
    # holds "star" and "rating" (one rating mark: one label)
    assert (signals.cart_marks, signals.comment_marks) == (1, 0)
    assert (signals.rating_marks, signals.price_marks) == (1, 1)


def test_an_element_s_tags_are_its_own_but_its_labels_and_links_the_whole_page_s() -> None:
    root = parse_html(
        "<html><body><nav><a href='/'>Home</a></nav><table></table>"
        "<div class='cart'><h3><a href='/s'>Story</a></h3><a href='tel:+1'>Call</a></div>"
        "<main><img src='a.png'><ul><li>1</li><li>2</li><li>3</li><li>4</li><li>5</li></ul>"
        "</main></body></html>"
    )
    signals = tree_signals(root.find(".//main"))
    assert (signals.images, signals.long_lists, signals.tables, signals.nav_links) == (1, 1, 0, 0)
    assert (signals.cart_marks, signals.contact_links, signals.repeated_cards) == (1, 1, 1)


def test_the_signals_walk_counts_the_headline_links_of_its_element_only() -> None:
    """Linked headings of 15 characters or more, as `headline_links` counts them, in the walk
    that reads the signals: in `root` only, not the rest of the page."""
    root = parse_html(
        "<html><body><h1><a href='/a'>A story of the day</a></h1><h3><a href='/b'>Short</a></h3>"
        "<main><h2><a href='/c'>Another story title</a></h2><h4><b><a href='/d'>Yet another "
        "story</a></b></h4><h5><a href='/e'>Not a counted heading</a></h5></main></body></html>"
    )
    assert tree_signals(root).headline_links == headline_links(root) == 3
    main = root.find(".//main")
    assert tree_signals(main).headline_links == headline_links(main) == 2
