"""Page metadata from structured markup: JSON-LD, OpenGraph, `<meta>`, microdata, `<title>`.

`collect_metadata` returns every candidate it finds, each tagged with where it came from, in the
order of trust that `corpus.extract.html` applies:

1. JSON-LD objects of an article type (`NewsArticle`, `Article`, `BlogPosting`, ... also inside
   `@graph` or a list);
2. OpenGraph and `article:*` properties;
3. `<meta name=...>` (author, date, description, Dublin Core, Parse.ly, Sailthru, citation_*) and
   schema.org microdata (`itemprop`);
4. `<link rel=canonical>`, `<html lang>`, `<title>`.

Dates follow the same order, then the weaker ones: JSON-LD `dateCreated`, the `datePublished` of
non-article objects (`WebPage`), and any other `<meta>` holding an ISO timestamp. Modified dates
(`dateModified`, `article:modified_time`, `og:updated_time`, `last-modified`) are never collected
as publication dates; their days are kept apart (`modified_days`) so that a heuristic's answer
can be checked against them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from lxml import etree

from corpus.extract.html_text import text_of
from corpus.normalize.dates import parse_date

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "blogposting",
    "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle", "report",
    "posting", "satiricalarticle", "advertisercontentarticle", "medicalscholarlyarticle",
}  # fmt: skip
_MICRODATA_PRODUCT_TYPES = frozenset({"product", "offer", "aggregateoffer"})
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "website", "profilepage"}

_META_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "article.published", "pubdate",
    "publishdate", "publish-date", "publish_date", "published-date", "publication_date",
    "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "citation_publication_date",
    "citation_date", "originalpublicationdate", "datepublished", "article_date_original",
    "cxenseparse:recs:publishtime", "og:published_time", "bt:pubdate", "displaydate",
    "dc.date.published", "created", "article:published", "og:pubdate", "rnews:datepublished",
    "eomportal-lastupdate-never", "date_published", "pub_date", "content_create_date",
)  # fmt: skip
_GENERIC_DATE_NAME = re.compile(
    r"publi(?:shed|cation)[_.:-]?(?:time|date)|pub[_-]?date|date[_.:-]?publi|release[_-]?date"
)
_NOT_PUBLICATION_NAME = re.compile(r"modif|updat|expir|end|start|valid|birth|event|revis", re.I)
_ISO_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?")
_META_MODIFIED_NAMES = (
    "article:modified_time", "og:updated_time", "last-modified", "datemodified",
    "dc.date.modified", "dcterms.modified", "lastmod", "article.updated", "modified",
)  # fmt: skip
_META_AUTHOR_NAMES = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator",
    "sailthru.author", "parsely-author", "citation_author", "byl", "twitter:creator:name",
    "article.author", "cxenseparse:author",
)  # fmt: skip
_WRITTEN_BY_LABEL = re.compile(
    r"^(?:written by|author|autor|auteur|geschrieben von|escrit[oa] por|scritto da)\b", re.I
)
_META_TITLE_NAMES = (
    "og:title", "twitter:title", "parsely-title", "dc.title", "dcterms.title", "sailthru.title",
    "citation_title", "headline", "title",
)  # fmt: skip
_META_SITE_NAMES = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher")
_META_SECTION_NAMES = ("article:section", "parsely-section", "section", "sailthru.section")
_META_TAG_NAMES = ("article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags")
_META_LANG_NAMES = ("og:locale", "content-language", "language", "dc.language", "lang")


@dataclass(slots=True)
class Candidate:
    value: object
    source: str  # 'json-ld', 'meta', 'microdata', 'title', ...


@dataclass(slots=True)
class PageMetadata:
    titles: list[Candidate] = field(default_factory=list)
    dates: list[Candidate] = field(default_factory=list)
    authors: list[Candidate] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    urls: list[Candidate] = field(default_factory=list)
    languages: list[Candidate] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    page_types: set[str] = field(default_factory=set)  # lower-cased JSON-LD @type and og:type
    article_bodies: list[str] = field(default_factory=list)  # JSON-LD articleBody, if any
    other_dates: list[Candidate] = field(default_factory=list)  # datePublished of non-articles
    modified_days: set[dt.date] = field(default_factory=set)  # never a publication date
    # JSON-LD authors typed as organisations: the credit when no person is named
    org_authors: list[str] = field(default_factory=list)


def _text(value: object) -> str | None:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _types(obj: dict) -> set[str]:
    raw = obj.get("@type")
    raw = raw if isinstance(raw, list) else [raw]
    return {t.rsplit("/", 1)[-1].lower() for t in raw if isinstance(t, str)}


def _walk_json_ld(data: object, depth: int = 0):
    """Every dict in a JSON-LD value: top level, lists, `@graph`, nested entities (bounded)."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            yield from _walk_json_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"):
            if key in data:
                yield from _walk_json_ld(data[key], depth + 1)


def _names(
    value: object, nodes: dict[str, dict] | None = None, orgs: list[str] | None = None
) -> list[str]:
    """Person names from a JSON-LD `author`: a string, a Person, or a list of them; a reference
    (`{"@id": ...}`) is looked up among the page's `nodes`. Organisations go to `orgs`."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        ref = value.get("@id")
        if nodes and isinstance(ref, str) and ref in nodes and "name" not in value:
            value = nodes[ref]
        types = _types(value)
        # an organisation is not an author; a site's owner typed both ("Person", "Organization",
        # as WordPress SEO plugins write it) is a person
        if (
            types & {"organization", "newsmediaorganization", "corporation"}
            and "person" not in types
        ):
            if orgs is not None and (org := _text(value.get("name"))):
                orgs.append(org)
            return []
        name = _text(value.get("name"))
        if name is None and (value.get("givenName") or value.get("familyName")):
            name = _text(f"{value.get('givenName', '')} {value.get('familyName', '')}")
        return [name] if name else []
    if isinstance(value, list):
        return [n for item in value[:20] for n in _names(item, nodes, orgs)]
    return []


def _load_json_ld(text: str) -> object | None:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = re.sub(r"^\s*//\s*<!\[CDATA\[|//\s*\]\]>\s*$", "", text)
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        try:  # trailing commas are the commonest hand-written JSON-LD error
            return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except (ValueError, RecursionError):
            return None


def _note_modified(meta: PageMetadata, value: object) -> None:
    if value and (found := parse_date(value)) is not None:
        meta.modified_days.add(found.day)


def _collect_json_ld(root: etree._Element, meta: PageMetadata) -> None:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _load_json_ld(script.text or "")
        objects = list(_walk_json_ld(data))
        nodes = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and "name" in o}
        for obj in objects:
            types = _types(obj)
            meta.page_types |= types
            publisher_like = types & {"website", "organization", "newsmediaorganization"}
            if publisher_like and "person" not in types and (name := _text(obj.get("name"))):
                meta.site_names.append(name)
            if not types & ARTICLE_TYPES:
                if obj.get("datePublished"):  # a WebPage's date: trusted after the meta tags
                    meta.other_dates.append(Candidate(obj["datePublished"], "json-ld"))
                continue
            for key in ("headline", "name", "alternativeHeadline"):
                if title := _text(obj.get(key)):
                    meta.titles.append(Candidate(title, "json-ld"))
                    break
            _note_modified(meta, obj.get("dateModified"))
            if obj.get("datePublished"):
                meta.dates.append(Candidate(obj["datePublished"], "json-ld"))
            if obj.get("dateCreated"):  # weaker: trusted after the meta tags
                meta.other_dates.append(Candidate(obj["dateCreated"], "json-ld"))
            # the page's own article comes first; later ones are teasers of other stories
            first_credit = not any(c.source == "json-ld" for c in meta.authors)
            for key in ("author", "creator") if first_credit else ():
                for name in _names(obj.get(key), nodes, meta.org_authors):
                    meta.authors.append(Candidate(name, "json-ld"))
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and (name := _text(publisher.get("name"))):
                meta.site_names.append(name)
            if isinstance(url := obj.get("url"), str):
                meta.urls.append(Candidate(url, "json-ld"))
            if lang := _text(obj.get("inLanguage")):
                meta.languages.append(Candidate(lang, "json-ld"))
            if section := _text(obj.get("articleSection")):
                meta.sections.append(section)
            keywords = obj.get("keywords")
            if isinstance(keywords, str):
                meta.tags.extend(k.strip() for k in keywords.split(",") if k.strip())
            elif isinstance(keywords, list):
                meta.tags.extend(k for k in (_text(k) for k in keywords) if k)
            if body := _text(obj.get("articleBody")):
                meta.article_bodies.append(body)
            if (description := _text(obj.get("description"))) and meta.description is None:
                meta.description = description


def _collect_meta_tags(root: etree._Element, meta: PageMetadata) -> None:
    found: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        key = key or (el.get("http-equiv") or "").strip().lower()
        value = el.get("content")
        if key and value and value.strip():
            found.setdefault(key, []).append(" ".join(value.split()))
    for name in _META_TITLE_NAMES:
        for value in found.get(name, []):
            meta.titles.append(Candidate(value, "meta"))
    for name in _META_DATE_NAMES:
        for value in found.get(name, []):
            # `<meta itemprop="datePublished">` is microdata (its schema.org name), not a tag
            meta.dates.append(Candidate(value, "microdata" if name == "datepublished" else "meta"))
    for name, values in found.items():  # e.g. 'shareaholic:article_published_time'
        if name not in _META_DATE_NAMES and _GENERIC_DATE_NAME.search(name):
            meta.dates.extend(Candidate(v, "meta") for v in values)
    for name, values in found.items():  # any other ISO timestamp, e.g. '...:uploaded'
        if name not in _META_DATE_NAMES and not _NOT_PUBLICATION_NAME.search(name):
            meta.other_dates.extend(Candidate(v, "meta") for v in values if _ISO_VALUE.match(v))
    for name in _META_AUTHOR_NAMES:
        for value in found.get(name, []):
            if not value.startswith("@"):
                meta.authors.append(Candidate(value, "meta"))
    for n in range(
        1, 5
    ):  # SEO plugins' pairs: twitter:label1 "Written by", twitter:data1 "Jane Roe"
        label = (found.get(f"twitter:label{n}") or [""])[0]
        if _WRITTEN_BY_LABEL.match(label):
            meta.authors.extend(Candidate(v, "meta") for v in found.get(f"twitter:data{n}", [])[:1])
    for name in _META_SITE_NAMES:
        meta.site_names.extend(found.get(name, []))
    for name in ("og:url", "twitter:url", "parsely-link"):
        meta.urls.extend(Candidate(v, "meta") for v in found.get(name, []))
    for name in _META_LANG_NAMES:
        meta.languages.extend(Candidate(v, "meta") for v in found.get(name, []))
    for name in _META_SECTION_NAMES:
        meta.sections.extend(found.get(name, []))
    for name in _META_TAG_NAMES:
        for value in found.get(name, []):
            meta.tags.extend(t.strip() for t in value.split(",") if t.strip())
    if meta.description is None:
        for name in ("description", "og:description", "twitter:description"):
            if found.get(name):
                meta.description = found[name][0]
                break
    for name in _META_MODIFIED_NAMES:
        for value in found.get(name, []):
            _note_modified(meta, value)
    for og_type in found.get("og:type", []):
        meta.page_types.add(og_type.lower())
    if found.get("product:price:amount") or found.get("og:price:amount"):
        meta.page_types.add("offer")  # OpenGraph product prices: a shop's page
    for page in found.get("parsely-page", []):  # a JSON blob: {"title":..., "pub_date":...}
        try:
            data = json.loads(page)
        except ValueError:
            continue
        if isinstance(data, dict):
            if title := _text(data.get("title")):
                meta.titles.append(Candidate(title, "meta"))
            if data.get("pub_date"):
                meta.dates.append(Candidate(data["pub_date"], "meta"))
            for name in _names(data.get("author") or data.get("authors")):
                meta.authors.append(Candidate(name, "meta"))


# the elements holding an attribute, through the attribute axis: libxml2 gathers attributes fast
# and tests them in a predicate (`//*[@itemprop]`) 4x slower
_ITEMTYPED = etree.XPath("//@itemtype/..")
_ITEMPROPS = etree.XPath("//@itemprop/..")


def _collect_microdata(root: etree._Element, meta: PageMetadata) -> None:
    # 'https://schema.org/Product' -> 'product'; only the article and product types: a
    # microdata ItemList is as often a related-posts box as the page itself
    for el in _ITEMTYPED(root):
        kind = (el.get("itemtype") or "").strip().rstrip("/").rsplit("/", 1)[-1].lower()
        if kind in ARTICLE_TYPES or kind in _MICRODATA_PRODUCT_TYPES:
            meta.page_types.add(kind)
    for el in _ITEMPROPS(root):
        prop = (el.get("itemprop") or "").strip().lower()
        if el.tag == "meta":
            continue  # read with the meta tags
        if prop == "datepublished":
            value = el.get("datetime") or el.get("content") or text_of(el)
            meta.dates.append(Candidate(value, "microdata"))
        elif prop in ("author", "creator"):
            name = el.find('.//*[@itemprop="name"]')
            text = el.get("content") or text_of(name if name is not None else el)
            meta.authors.append(Candidate(text, "microdata"))
        elif prop == "headline" and (title := _text(text_of(el))):
            meta.titles.append(Candidate(title, "microdata"))


def collect_metadata(root: etree._Element) -> PageMetadata:
    """Every metadata candidate in the page, before any element is removed."""
    meta = PageMetadata()
    _collect_json_ld(root, meta)
    _collect_meta_tags(root, meta)
    _collect_microdata(root, meta)
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            meta.urls.append(Candidate(link.get("href").strip(), "canonical"))
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        meta.languages.insert(0, Candidate(lang, "html"))
    meta.dates.extend(meta.other_dates)
    title = root.find(".//title")
    if title is not None and (text := _text(text_of(title))):
        meta.titles.append(Candidate(text, "title"))
    return meta
