"""The extractors compared by benchmarks/extraction.py, each behind one small function.

Every function takes the page's bytes (as saved) and its URL, and returns a `Result`. Ours runs
the production path: `decode_markup` -> `extract_page` -> `detect_language`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field


@dataclass(slots=True)
class Result:
    text: str = ""
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    rejected: str | None = None  # our reject reason, when the page was not taken as an article


def ours(data: bytes, url: str | None) -> Result:
    from corpus.extract.html import extract_page
    from corpus.formats.decode import decode_markup
    from corpus.normalize.language import detect_language
    from corpus.rejects import RejectError

    try:
        parsed = extract_page(decode_markup(data), url=url)
    except RejectError as exc:
        return Result(rejected=exc.reason)
    text = "\n\n".join(b.text for b in parsed.blocks)
    return Result(
        text=text,
        title=parsed.title,
        date=parsed.published_date.isoformat() if parsed.published_date else None,
        authors=parsed.authors,
        language=detect_language(text, declared=parsed.language),
    )


def trafilatura_default(data: bytes, url: str | None) -> Result:
    import trafilatura

    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    if doc is None:
        return Result()
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Result(
        text=doc.text or "",
        title=doc.title,
        date=doc.date,
        authors=authors,
        language=getattr(doc, "language", None),
    )


def htmldate_extensive(data: bytes, url: str | None) -> Result:
    from htmldate import find_date

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Result(date=find_date(data, url=url, original_date=True))


def htmldate_fast(data: bytes, url: str | None) -> Result:
    from htmldate import find_date

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Result(date=find_date(data, url=url, original_date=True, extensive_search=False))


def resiliparse_main(data: bytes, url: str | None) -> Result:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(bytes_to_str(data, detect_encoding(data)))
    title = tree.title or None
    return Result(text=extract_plain_text(tree, main_content=True), title=title)


SYSTEMS = {
    "ours": ours,
    "trafilatura": trafilatura_default,
    "htmldate": htmldate_extensive,
    "htmldate-fast": htmldate_fast,
    "resiliparse": resiliparse_main,
}
TEXT_SYSTEMS = ("ours", "trafilatura", "resiliparse")
DATE_SYSTEMS = ("ours", "trafilatura", "htmldate", "htmldate-fast")
