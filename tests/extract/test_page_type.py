"""Page types: one small hand-written page of each kind gets the right outcome, and the shipped
model's weights file matches the feature list."""

from __future__ import annotations

import json

import pytest

from corpus.extract.html import extract_page
from corpus.extract.html_meta import PageMetadata
from corpus.extract.page_features import FEATURES
from corpus.extract.page_model import MODEL_PATH, compile_scores, load_model, model_from_dict
from corpus.extract.page_type import PRODUCT_WORDS, fallback_page_type, rule_page_type
from corpus.rejects import RejectError

PARAGRAPHS = [
    "The regional water board voted on Tuesday to raise rates for the first time in six years, "
    "citing the cost of replacing pipes laid before the Second World War.",
    "Board members said the increase, about four dollars a month for a typical household, would "
    "pay for a ten-year programme of repairs in the older districts of the city.",
    "Several residents spoke against the plan at the meeting, saying that families on fixed "
    "incomes were already struggling with higher bills for heating and food this winter.",
    "The chair of the board answered that delaying the work would only make it more expensive, "
    "and promised a discount scheme for pensioners and low-income households.",
    "The new rates take effect in March, and the first contracts for the repairs are expected to "
    "be signed before the summer, according to the board's published timetable.",
]


def page(body: str, head: str = "", title: str = "Water rates to rise") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def outcome(html: str, url: str) -> str:
    try:
        extract_page(html, url=url)
    except RejectError as exc:
        return f"{exc.reason}: {exc.message}"
    return "article"


def test_article_is_kept() -> None:
    body = (
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        "<main><article><h1>Water rates to rise for the first time in six years</h1>"
        "<p class='byline'>By Maria Keller</p><time datetime='2024-02-06'>6 February 2024</time>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></main><footer>© 2024 The Valley Courier</footer>"
    )
    url = "https://courier.example/news/2024/02/06/water-rates-to-rise-for-first-time"
    assert outcome(page(body), url) == "article"


def test_product_page_is_rejected_as_a_product() -> None:
    head = '<meta property="og:type" content="product">'
    body = (
        "<main><h1>Cast iron skillet, 26 cm</h1><div class='product-price'>$39.00</div>"
        "<form class='add-to-cart'><select name='size'><option>26 cm</option></select>"
        "<button>Add to cart</button></form><div class='rating'>4.6 stars (212 reviews)</div>"
        "<p>A pre-seasoned cast iron skillet that holds heat evenly, for searing, frying and "
        "baking. Oven safe to 260 degrees, suitable for every hob including induction.</p></main>"
    )
    got = outcome(page(body, head, "Cast iron skillet"), "https://shop.example/p/skillet-26")
    assert got.startswith("not_an_article") and "product" in got


def test_shop_grid_without_markup_is_rejected_by_its_shape() -> None:
    """No structured data, no telling folder: the model reads the grid of priced cards."""
    cards = "".join(
        f"<div class='product-card'><a href='/p/{i}'><img src='/{i}.jpg'></a>"
        f"<a class='name' href='/p/{i}'>Enamel pot {i}</a><span class='price'>${20 + i}.00</span>"
        f"<div class='rating'>4.{i} stars</div><p>A sturdy enamelled cast iron pot of {i} "
        f"litres for slow cooking, soups and bread, in six colours.</p>"
        f"<form class='add-to-cart'><input type='hidden' name='id' value='{i}'>"
        f"<button>Add to cart</button></form></div>"
        for i in range(1, 13)
    )
    body = f"<main><h1>Pots</h1><div class='grid'>{cards}</div></main>"
    got = outcome(page(body, title="Pots"), "https://shop.example/kitchen?page=2")
    assert got.startswith("not_an_article") and "collection" in got


def test_listing_of_cards_is_rejected() -> None:
    cards = "".join(
        f"<div class='card'><a href='/story/{i}'><img src='/i{i}.jpg'></a>"
        f"<h3><a href='/story/{i}'>Council debates plan number {i} for the valley towns</a></h3>"
        f"<time datetime='2024-02-0{i}'>{i} Feb</time><p>A short summary of story {i}.</p></div>"
        for i in range(1, 10)
    )
    body = f"<main><h1>Latest news</h1><div class='grid'>{cards}</div></main>"
    got = outcome(page(body, title="Latest news"), "https://courier.example/latest/")
    assert got.startswith("not_an_article") and "listing" in got


def test_forum_thread_is_rejected_as_a_forum() -> None:
    posts = "".join(
        f"<div class='post' id='post-{i}'><div class='author'>user{i}</div>"
        f"<div class='post-body'><p>{p}</p></div><a class='reply' href='#r{i}'>Reply</a></div>"
        for i, p in enumerate(PARAGRAPHS[:4])
    )
    ld = {"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Rates"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    got = outcome(page(f"<main>{posts}</main>", head), "https://forum.example/t/rates/123")
    assert got.startswith("not_an_article") and "forum" in got


@pytest.mark.parametrize(
    "url", ["https://tool.example/docs/configuration", "https://tool.example/en/latest/config.html"]
)
def test_documentation_page_is_rejected_as_documentation(url: str) -> None:
    body = (
        "<main><h1>Configuration</h1><p>The server reads its settings from a file named "
        "config.toml in the working directory, or from the path given with --config.</p>"
        "<h2>Options</h2><pre>port = 8080\nworkers = 4</pre><p>Every option can also be set "
        "through an environment variable named after it, in upper case.</p></main>"
    )
    got = outcome(page(body, title="Configuration"), url)
    assert got.startswith("not_an_article") and "documentation" in got


def test_shipped_weights_load_and_match_the_features() -> None:
    data = json.loads(MODEL_PATH.read_text())
    assert data["features"] == list(FEATURES)
    model = load_model()
    assert model is not None and "article" in model.classes
    assert 0.0 < model.threshold < 1.0
    assert len(model.fill) == len(FEATURES) and len(model.base) == len(model.classes)
    assert model.trees and all(len(trees) == len(model.classes) for trees in model.trees)


def test_weights_for_other_features_are_refused() -> None:
    data = json.loads(MODEL_PATH.read_text())
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        model_from_dict(data)


def test_help_centre_page_is_rejected_by_its_shape() -> None:
    """No docs folder the rules know, no structured data: breadcrumbs, a sidebar of links, code
    blocks and text addressed to the reader make it documentation, not a story."""
    sidebar = "".join(f"<li><a href='/help/topic-{i}'>Topic {i}</a></li>" for i in range(12))
    body = (
        "<nav class='breadcrumb'><a href='/'>Home</a> <a href='/help'>Help</a></nav>"
        f"<aside class='sidebar'><ul>{sidebar}</ul></aside>"
        "<main><h1>Connect your account</h1>"
        "<p>You can connect your account from the settings screen. Before you start, make sure "
        "your API key is at hand: you will find it under Profile.</p>"
        "<h2>Step 1</h2><p>Open a terminal and run the command below.</p>"
        "<pre><code>tool login --key YOUR_KEY</code></pre>"
        "<h2>Step 2</h2><p>Check that your account is listed, then restart the app.</p>"
        "<pre><code>tool accounts list</code></pre>"
        "<h2>Troubleshooting</h2><p>If you see an error, your key may have expired.</p>"
        "<button class='btn'>Was this helpful?</button></main>"
    )
    got = outcome(page(body, title="Connect your account"), "https://app.example/help/connect")
    assert got.startswith("not_an_article")


def test_tutorial_post_with_code_is_kept() -> None:
    """Code in a dated post with a byline is a story about code, not documentation."""
    body = (
        "<main><article><h1>How we cut our build times in half this spring</h1>"
        "<p class='byline'>By Maria Keller</p><time datetime='2024-05-06'>6 May 2024</time>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
        + "<pre><code>make build -j8</code></pre>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
        + "</article></main>"
    )
    url = "https://blog.example/2024/05/06/how-we-cut-our-build-times-in-half"
    assert outcome(page(body), url) == "article"


# what were hard rules (the home page, URL folders and sections, the listing shape) are evidence
# for the model now; without the model they are rules again


def _blog_home(cards: int) -> str:
    teasers = "".join(
        f"<article class='post-card'><h2><a href='/2024/0{1 + i % 9}/post-{i}'>Notes from the "
        f"allotment, part {i}: what grew this month</a></h2><time datetime='2024-0{1 + i % 9}-01'>"
        f"{i} Jan</time><p>A few lines about week {i} in the garden.</p>"
        f"<a href='/2024/0{1 + i % 9}/post-{i}'>Read more</a></article>"
        for i in range(cards)
    )
    return page(f"<main><h1>Allotment notes</h1>{teasers}</main>", title="Allotment notes")


def test_blog_home_page_of_teasers_is_rejected() -> None:
    got = outcome(_blog_home(10), "https://allotment.example/")
    assert got.startswith("not_an_article")


def test_home_page_that_is_one_story_is_kept() -> None:
    """A blog whose home shows its latest post in full, no byline: an article at `/` (the old
    home-page rule rejected it)."""
    body = (
        "<main><article><h1>Water rates to rise for the first time in six years</h1>"
        "<time datetime='2024-02-06'>6 February 2024</time>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></main>"
    )
    assert outcome(page(body), "https://maria-keller.example/") == "article"


def test_story_in_a_services_folder_is_kept() -> None:
    body = (
        "<main><article><h1>How the council's bin collections will change in March</h1>"
        "<time datetime='2024-02-06'>6 February 2024</time>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></main>"
    )
    url = "https://council.example/services/news/how-bin-collections-will-change-in-march"
    assert outcome(page(body), url) == "article"


def test_category_page_of_teasers_is_rejected() -> None:
    got = outcome(_blog_home(8), "https://courier.example/category/city-hall/")
    assert got.startswith("not_an_article")


@pytest.mark.parametrize(
    ("url", "listing_shape", "kind"),
    [
        ("https://example.com/", False, "front"),
        ("https://example.com/category/city-hall/", False, "collection"),
        ("https://example.com/services/audits", False, "service"),
        ("https://example.com/blog", False, "listing"),
        ("https://example.com/2024/05/city-hall-vote", True, "listing"),
        ("https://example.com/2024/05/city-hall-vote", False, None),
        (None, False, None),
    ],
)
def test_without_the_model_the_shapes_are_rules(
    url: str | None, listing_shape: bool, kind: str | None
) -> None:
    assert fallback_page_type(url, False, listing_shape=listing_shape) == kind


def test_without_the_model_an_author_keeps_a_page_in_a_shop_folder() -> None:
    assert fallback_page_type("https://example.com/shop/review", True, listing_shape=False) is None


def test_a_fragment_in_a_category_folder_is_judged_by_the_rules() -> None:
    """HTML from a JSON field has no page shape for the model: the URL rule decides."""
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    got = outcome(fragment, "https://example.com/category/city-hall/")
    assert got == "not_an_article: a collection page, not an article"


def test_compiled_trees_add_the_leaves_each_class_reaches() -> None:
    """Two rounds of one tree each for the second class (the first has only its base)."""
    split = ((0, 0.5, 1, 2), (1.0,), (-2.0,))  # x[0] <= 0.5: +1, else -2
    deeper = ((1, 3.0, 1, 2), (0.25,), (2, 0.0, 3, 4), (4.0,), (8.0,))
    scores = compile_scores((0.5, -1.0), ((split,), (deeper,)))
    assert scores([0.5, 3.0, 9.0]) == [0.5, -1.0 + 1.0 + 0.25]
    assert scores([0.6, 3.5, 0.0]) == [0.5, -1.0 - 2.0 + 4.0]
    assert scores([0.0, 7.0, 1.0]) == [0.5, -1.0 + 1.0 + 8.0]


# the product gate (session 22): a short page that declares a product and no story type is a
# product page, whatever author or bare `Article` type its shop plugin adds


def _shop_plugin_page(extra_types: list[str], paragraphs: list[str]) -> str:
    graph = [
        {"@type": "Article", "headline": "Walnut desk organiser", "author": {"@type": "Person",
         "name": "Maria Keller"}},
        {"@type": "Product", "name": "Walnut desk organiser", "offers": {"@type": "Offer",
         "price": "49.00", "priceCurrency": "EUR"}},
        *({"@type": t, "headline": "Walnut desk organiser"} for t in extra_types),
    ]  # fmt: skip
    ld = {"@context": "https://schema.org", "@graph": graph}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = (
        "<main><article><h1>Walnut desk organiser</h1><p class='byline'>By Maria Keller</p>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></main>"
    )
    return page(body, head, "Walnut desk organiser")


def test_short_page_declaring_a_product_beside_a_bare_article_is_a_product() -> None:
    """Author, `Article` type and a story's paragraphs: without the gate the model keeps it."""
    got = outcome(_shop_plugin_page([], PARAGRAPHS), "https://woodshop.example/walnut-organiser")
    assert got == "not_an_article: a product page, not an article"


def test_story_declaring_a_product_and_a_news_type_is_kept() -> None:
    got = outcome(
        _shop_plugin_page(["NewsArticle"], PARAGRAPHS),
        "https://courier.example/news/2024/02/06/water-rates-to-rise-for-first-time",
    )
    assert got == "article"


def test_product_gate_reads_the_words_of_the_main_text() -> None:
    meta = PageMetadata(page_types={"article", "product"})
    assert rule_page_type(meta, "https://shop.example/p/1", True, words=120) == "product"
    assert rule_page_type(meta, "https://shop.example/p/1", True, words=PRODUCT_WORDS) is None
    assert rule_page_type(meta, "https://shop.example/p/1", True) is None  # words unknown
    news = PageMetadata(page_types={"newsarticle", "product"})
    assert rule_page_type(news, "https://shop.example/p/1", True, words=120) is None


@pytest.mark.parametrize("whole_page", [True, False])
@pytest.mark.parametrize("url", [None, "https://courier.example/news/water-rates"])
def test_the_shape_is_read_only_for_pages_the_model_judges(
    monkeypatch: pytest.MonkeyPatch, whole_page: bool, url: str | None
) -> None:
    """A page without a URL, or a fragment, is judged by the rules alone: the signals the
    model would weigh (a walk of the whole tree) are not read."""
    import corpus.extract.html as extract

    walks: list[bool] = []
    read = extract.tree_signals
    monkeypatch.setattr(extract, "tree_signals", lambda root: walks.append(True) or read(root))
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert outcome(page(paragraphs) if whole_page else paragraphs, url) == "article"
    assert walks == ([True] if url and whole_page else [])
