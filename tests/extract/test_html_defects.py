"""One small hand-written page per extraction defect found on real pages (issue 11)."""

from __future__ import annotations

import json

import pytest

from corpus.extract.html import extract_page
from corpus.rejects import RejectError

LEDE = "The city council approved a new budget on Monday after a long debate about road repairs."
P2 = "Council members said the plan would fix more than forty streets over the next three years."
P3 = "Residents who spoke at the meeting asked for more money for the public library branches."
P4 = "The mayor said she expected the first works to start in the spring once contracts are signed."


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Budget approved</title>{head}</head><body>{body}</body></html>"


def texts(html: str, **kw) -> list[str]:
    return [b.text for b in extract_page(html, **kw).blocks]


def test_paywall_classed_paragraphs_are_article_text() -> None:
    body = f"""<article><div class="body"><p>{LEDE}</p>
    <p class="paywall">{P2}</p><p class="paywall">{P3}</p><p class="paywall metered">{P4}</p>
    </div><div class="recirc-list"><h3>You Might Also Like</h3><ul>
    <li><a href="/x">A story about something else entirely that you may like</a></li>
    <li><a href="/y">Another story about something else that you may also like</a></li></ul></div>
    </article>"""
    got = texts(page(body))
    assert got == [LEDE, P2, P3, P4]


def test_ranking_list_with_heading_is_dropped() -> None:
    body = f"""<main><article><p>{LEDE}</p><p>{P2}</p><p>{P3}</p></article>
    <section><h2>Most Read</h2><ol><li><a href="/1">Five things to know about the storm</a></li>
    <li><a href="/2">Local team wins the regional final in overtime</a></li>
    <li><a href="/3">Prices at the pump rise for a third week</a></li></ol></section></main>"""
    got = texts(page(body))
    assert "Most Read" not in got
    assert got[:3] == [LEDE, P2, P3]


def test_related_teasers_with_updated_gmt_are_dropped() -> None:
    teaser = """<div class="card"><h3><a href="/t{0}">Storm closes schools across the region {0}</a>
    </h3><p>Updated 1{0}:30 GMT</p></div>"""
    body = f"""<div><div class="story"><p>{LEDE}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p></div>
    <div class="more">{"".join(teaser.format(i) for i in range(4))}</div></div>"""
    got = texts(page(body))
    assert not any("GMT" in t or "Storm closes" in t for t in got)


def test_copyright_lines_are_dropped() -> None:
    body = f"""<article><p>{LEDE}</p><p>{P2}</p>
    <p>Copyright 2024 The Associated Press. All rights reserved. This material may not be
    published, broadcast, rewritten or redistributed.</p><p>© 2024 Example Media Group</p></article>"""
    assert texts(page(body)) == [LEDE, P2]


def test_photo_captions_are_dropped() -> None:
    body = f"""<article><p>{LEDE}</p><figure><img src="a.jpg"><div class="media-body">
    <span>Council members vote on the budget in City Hall on Monday.</span>
    <span>(Photo by Jane Roe/Example Images)</span></div></figure><p>{P2}</p>
    <div class="image"><img src="b.jpg"><p>The mayor speaks to reporters after the vote.
    Photograph: John Doe/Example</p></div><p>{P3}</p></article>"""
    assert texts(page(body)) == [LEDE, P2, P3]


def test_story_highlights_before_the_lede_are_dropped() -> None:
    body = f"""<article><div class="highlights"><h3>Story highlights</h3><ul>
    <li>Council approves budget after a long debate</li><li>Forty streets to be repaired</li></ul>
    </div><p>{LEDE}</p><p>{P2}</p><p>{P3}</p></article>"""
    got = texts(page(body))
    assert got[0] == LEDE
    assert "Story highlights" not in got


def test_byline_paragraph_is_dropped_and_the_dateline_found() -> None:
    body = f"""<article><p>By JANE DOE Associated Press</p>
    <p>SAN FRANCISCO (AP) — {LEDE}</p><p>{P2}</p><p>{P3}</p></article>"""
    parsed = extract_page(page(body))
    assert parsed.dateline == "SAN FRANCISCO"
    assert parsed.blocks[0].text == LEDE


def test_double_hyphen_agency_dateline() -> None:
    body = f"<article><p>KABUL, Afghanistan (AP) -- {LEDE}</p><p>{P2}</p><p>{P3}</p></article>"
    parsed = extract_page(page(body))
    assert parsed.dateline == "KABUL"
    assert parsed.blocks[0].text == LEDE


def test_ruby_annotations_are_not_inlined() -> None:
    sentence = "<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもたちが<ruby>公園<rt>こうえん</rt></ruby>で遊びました。"
    body = f"<article><p>{sentence * 3}</p><p>{sentence * 2}</p></article>"
    got = texts(page(body))
    assert got[0] == "子どもたちが公園で遊びました。" * 3


def test_product_page_is_not_an_article() -> None:
    ld = {"@context": "https://schema.org", "@type": "Product", "name": "Steel kettle",
          "offers": {"@type": "Offer", "price": "39.00"}}  # fmt: skip
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = f"<main><h1>Steel kettle</h1><p>{LEDE} {P2}</p><p>{P3} {P4}</p></main>"
    with pytest.raises(RejectError) as info:
        extract_page(page(body, head), url="https://shop.example/kettles/steel-kettle")
    assert info.value.reason == "not_an_article"
    assert "product" in info.value.message


def test_article_in_a_shop_folder_with_an_author_is_kept() -> None:
    ld = {"@type": "NewsArticle", "headline": "Budget approved", "author": {"name": "Jane Roe"}}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = f"<article><p>{LEDE}</p><p>{P2}</p><p>{P3}</p></article>"
    parsed = extract_page(page(body, head), url="https://example.com/products/news/budget")
    assert parsed.authors == ["Jane Roe"]


def _titled(head: str, h1: str = "") -> str | None:
    body = f"<article>{h1}<p>{LEDE}</p><p>{P2}</p><p>{P3}</p></article>"
    return extract_page(f"<html><head>{head}</head><body>{body}</body></html>").title


@pytest.mark.parametrize(
    ("head", "want"),
    [
        ('<meta property="og:title" content="Budget approved - La Gazzetta">'
         '<meta property="og:site_name" content="La Gazzetta">', "Budget approved"),
        ('<meta property="og:title" content="Budget approved : 뉴스 : 동아닷컴">'
         '<meta property="og:site_name" content="동아닷컴">', "Budget approved"),
        ('<meta property="og:title" content="Gazette | Budget approved">'
         '<meta property="og:site_name" content="Gazette">', "Budget approved"),
        ("<title>It&amp;#39;s approved &amp;#8211; the budget | Gazette</title>",
         "It's approved – the budget"),
    ],
)  # fmt: skip
def test_site_names_and_entities_leave_titles(head: str, want: str) -> None:
    assert _titled(head) == want


def test_the_visible_headline_beats_a_generic_site_title() -> None:
    head = '<meta property="og:title" content="News from The Example Press">'
    assert _titled(head, "<h1>Council approves the budget</h1>") == "Council approves the budget"


def test_a_shouted_headline_takes_the_metadata_casing() -> None:
    head = "<title>Council Approves the Budget | Gazette</title>"
    assert _titled(head, "<h1>COUNCIL APPROVES THE BUDGET</h1>") == "Council Approves the Budget"


def test_streamed_hidden_article_is_kept_and_other_hidden_text_dropped() -> None:
    body = f"""<div id="root"><p>Loading the story now, please wait a moment.</p></div>
    <div hidden id="S:0"><article><p>{LEDE}</p><p>{P2}</p><p>{P3}</p></article></div>
    <div hidden><p>{P4}</p></div>"""
    assert texts(page(body)) == [LEDE, P2, P3]
