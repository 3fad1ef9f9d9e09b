import datetime as dt

import pytest

from corpus.extract import extract
from corpus.records import ParsedArticle, RawRecord, Reject


def parse(text: str) -> ParsedArticle | Reject:
    """Through the extract boundary, where a `RejectError` becomes a `Reject`."""
    return extract(RawRecord("src/a.txt", 0, "text", text), time_limit=None)


def test_date_header_and_dateline_on_the_first_line() -> None:
    article = parse("date 2024-03-05 NAIROBI – The assembly voted.\n\nSecond paragraph.")
    assert isinstance(article, ParsedArticle)
    assert article.published_date == dt.date(2024, 3, 5)
    assert article.published_at == dt.datetime(2024, 3, 5, tzinfo=dt.UTC)
    assert article.date_precision == "day"
    assert article.dateline == "NAIROBI"
    assert [b.text for b in article.blocks] == ["The assembly voted.", "Second paragraph."]
    assert article.title is None


def test_leading_spaces_before_the_header() -> None:
    article = parse("   date 2024-03-05 Officials said it rained.")
    assert isinstance(article, ParsedArticle)
    assert article.dateline is None
    assert article.blocks[0].text == "Officials said it rained."


def test_header_lines_give_title_url_and_authors() -> None:
    text = (
        "date 2023-11-20\ntitle: Ferry timetable approved\nurl: https://x.example/a\n"
        "author: Mara Lindqvist and Tom Berg\n\nPORT ELLEN, Nov. 20 (Courier Wire) - The board met."
    )
    article = parse(text)
    assert isinstance(article, ParsedArticle)
    assert article.title == "Ferry timetable approved"
    assert article.url == "https://x.example/a"
    assert article.authors == ["Mara Lindqvist", "Tom Berg"]
    assert article.dateline == "PORT ELLEN"
    assert article.blocks[0].text == "The board met."


def test_crlf_bom_nbsp_and_tabs_are_normalized() -> None:
    text = (
        "\ufeffdate 2024-01-02 ROME – A\u00a0first\tline\r\nwrapped.\r\n\r\nNext “quoted” — text."
    )
    article = parse(text)
    assert isinstance(article, ParsedArticle)
    assert [b.text for b in article.blocks] == ["A first line wrapped.", "Next “quoted” — text."]


def test_mojibake_is_repaired() -> None:
    broken = "Café in São Paulo".encode().decode("latin-1")
    article = parse(f"date 2024-01-02 {broken} opened.")
    assert isinstance(article, ParsedArticle)
    assert article.blocks[0].text == "Café in São Paulo opened."


def test_header_only_file_is_an_empty_body() -> None:
    result = parse("date 2024-01-01\n")
    assert isinstance(result, Reject)
    assert result.reason == "empty_body"


def test_file_without_header_is_rejected() -> None:
    result = parse("NAIROBI – The assembly voted.")
    assert isinstance(result, Reject)
    assert result.reason == "missing_date_header"
    assert "NAIROBI" in result.excerpt


@pytest.mark.parametrize("header", ["date 2024-02-30", "date 2023-13-01", "date 2024-00-10"])
def test_impossible_dates_are_rejected(header: str) -> None:
    result = parse(f"{header} Some text.")
    assert isinstance(result, Reject)
    assert result.reason == "invalid_date"


def test_heading_between_paragraphs() -> None:
    article = parse("date 2024-01-02 First one.\n\nMarkets react\n\nPrices fell.")
    assert isinstance(article, ParsedArticle)
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "paragraph"]


@pytest.mark.parametrize(
    ("header", "precision"),
    [
        ("date 2024-03-05 07:30", "time"),
        ("date 2024-03-05T07:30:00Z", "time"),
        ("Date: 2024-03-05", "day"),
        ("Published: March 5, 2024", "day"),
        ("published: 5 March 2024", "day"),
    ],
)
def test_other_header_shapes(header: str, precision: str) -> None:
    result = parse(f"{header} NAIROBI – The assembly voted on the budget.")
    assert isinstance(result, ParsedArticle)
    assert result.published_date == dt.date(2024, 3, 5)
    assert result.date_precision == precision
    assert result.dateline == "NAIROBI"


def test_double_hyphen_agency_dateline_in_a_dump() -> None:
    result = parse("date 2024-03-05 KABUL, Afghanistan (AP) -- The assembly voted on the budget.")
    assert isinstance(result, ParsedArticle)
    assert result.dateline == "KABUL"
    assert result.blocks[0].text == "The assembly voted on the budget."


def test_chinese_dump_paragraphs_and_word_counts() -> None:
    zh = "北京市政府今天宣布，将在未来三年内投资建设新的城市公园和绿色走廊，以改善居民的生活环境。"
    result = parse(f"date 2024-03-05\n\n{zh}\n\n{zh}\n\n{zh}")
    assert isinstance(result, ParsedArticle)
    assert [b.kind for b in result.blocks] == ["paragraph"] * 3


@pytest.mark.parametrize("header", ["date 1985-06-01", "publication date: 1985-06-01"])
def test_a_header_day_is_taken_as_written_even_before_the_plausible_years(header: str) -> None:
    """A dump's own header is trusted: no floor year (unlike dates found in pages)."""
    result = parse(f"{header}\n\nThe assembly voted.")
    assert isinstance(result, ParsedArticle)
    assert result.published_at == dt.datetime(1985, 6, 1, tzinfo=dt.UTC)
    assert (result.published_date, result.date_precision) == (dt.date(1985, 6, 1), "day")
