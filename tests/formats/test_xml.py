"""RSS and Atom feeds (one article per item), trafilatura's XML and JSON exports, other XML."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpus.formats import read_bytes
from corpus.records import ParsedArticle, RawRecord, Reject
from tests.formats.helpers import BODY, outcomes, read_all

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Valley Post - Latest</title><link>https://www.valley-post.example/</link>
  <language>en-gb</language>
  <item>
    <title>Flood gates open</title>
    <link>https://www.valley-post.example/2024/03/gates</link>
    <pubDate>Tue, 05 Mar 2024 07:30:00 +0100</pubDate>
    <dc:creator>Mara Quill</dc:creator>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>{BODY}</p><p>The work took three years &amp; cost more than planned.</p>]]></content:encoded>
  </item>
  <item>
    <title>Bridge closed</title>
    <guid isPermaLink="true">https://www.valley-post.example/2024/03/bridge</guid>
    <author>tobias@valley-post.example (Tobias Fenn)</author><author>desk@valley-post.example</author>
    <description>&lt;p&gt;The old bridge over the river closed on Wednesday for repairs that will take a month, the council said.&lt;/p&gt;</description>
  </item>
  <item><title>Photo of the day</title></item>
</channel>
</rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Talbote</title>
  <link rel="self" href="https://talbote.example/feed.atom"/>
  <entry>
    <title type="html">Neue Br&#252;cke er&#246;ffnet</title>
    <link rel="alternate" href="https://talbote.example/bruecke"/>
    <published>2024-04-01T09:00:00Z</published><updated>2024-04-02T10:00:00Z</updated>
    <author><name>Ines Calder</name></author><author><name>Oskar Lind</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Die neue Brücke über den
      Fluss wurde am Montag eröffnet, nach drei Jahren Bauzeit und vielen Verzögerungen.</p>
      <p>Der Bürgermeister sprach von einem großen Tag für die ganze Region am Fluss.</p></div>
    </content>
  </entry>
</feed>""".encode()


def test_rss_items_are_articles_with_their_metadata() -> None:
    items = read_all(RSS, "feeds/latest.xml")
    assert [type(i) for i in items] == [RawRecord, RawRecord, RawRecord]
    assert {i.raw_format for i in items} == {"rss"}
    first, second, empty = outcomes(RSS, "feeds/latest.xml")
    assert isinstance(first, ParsedArticle)
    assert first.title == "Flood gates open"
    assert first.url == "https://www.valley-post.example/2024/03/gates"
    assert first.authors == ["Mara Quill"]
    assert first.published_at == dt.datetime(2024, 3, 5, 6, 30, tzinfo=dt.UTC)
    assert [b.text for b in first.blocks] == [
        BODY,
        "The work took three years & cost more than planned.",
    ]  # content:encoded, not the teaser
    assert first.source == "valley-post.example"
    assert isinstance(second, ParsedArticle)
    assert second.url == "https://www.valley-post.example/2024/03/bridge"  # the permalink guid
    assert second.authors == ["Tobias Fenn"]  # RSS 2.0 <author>: an address with the name
    assert second.blocks[0].text.startswith("The old bridge over the river closed")
    assert isinstance(empty, Reject) and empty.reason == "empty_body"


def test_atom_entries_are_articles() -> None:
    [entry] = outcomes(ATOM, "feeds/talbote.atom")
    assert isinstance(entry, ParsedArticle)
    assert entry.title == "Neue Brücke eröffnet"
    assert entry.url == "https://talbote.example/bruecke"
    assert entry.authors == ["Ines Calder", "Oskar Lind"]
    assert entry.published_date == dt.date(2024, 4, 1)  # published, not updated
    assert len(entry.blocks) == 2 and entry.blocks[1].text.startswith("Der Bürgermeister")
    assert entry.language == "de"


def test_rdf_feed_items() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://x.example/"><title>X</title></channel>
  <item rdf:about="https://x.example/a"><title>A story</title><link>https://x.example/a</link>
    <dc:date>2024-02-01</dc:date>
    <description>The harbour board approved the new ferry timetable on Monday after a long debate.</description>
  </item>
</rdf:RDF>"""
    [item] = outcomes(rdf, "feeds/x.rdf")
    assert isinstance(item, ParsedArticle)
    assert (item.title, item.url, item.published_date) == (
        "A story",
        "https://x.example/a",
        dt.date(2024, 2, 1),
    )


def test_a_feed_without_items_is_one_reject() -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>'
    [reject] = read_all(feed, "feeds/empty.xml")
    assert reject.reason == "no_records"


def test_other_xml_has_its_own_reasons() -> None:
    sitemap = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/a</loc></url></urlset>'
    [reject] = read_all(sitemap, "maps/sitemap.xml")
    assert (reject.reason, reject.record_index) == ("unsupported_xml", None)
    assert "<urlset>" in reject.message
    [broken] = read_all(b'<?xml version="1.0"?>', "x.xml")
    assert broken.reason == "invalid_xml"


def test_entities_are_never_expanded() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&b;&x;</title><link>https://x.example/a</link><description>text</description></item></channel></rss>"""
    [record] = read_all(bomb, "feeds/bomb.xml")
    assert isinstance(record, RawRecord)
    assert "aaaaaaaaaa" not in str(record.fields.get("title", "")) and "root:" not in str(
        record.fields
    )


def test_trafilatura_xml_export() -> None:
    doc = f"""<doc sitename="Valley Post" title="Flood gates open" author="Mara Quill; Tobias Fenn"
      date="2024-03-05" url="https://www.valley-post.example/gates" hostname="valley-post.example"
      fingerprint="abc" id="1"><main><head rend="h2">Three years of work</head><p>{BODY}</p>
      <list><item>First point of the plan for the valley.</item></list>
      <quote>We are safe now, said one resident of the lower valley.</quote></main>
      <comments><p>Great news!</p></comments></doc>""".encode()
    [article] = outcomes(doc, "exports/gates.xml")
    assert isinstance(article, ParsedArticle)
    assert (article.title, article.url) == (
        "Flood gates open",
        "https://www.valley-post.example/gates",
    )
    assert article.authors == ["Mara Quill", "Tobias Fenn"]
    assert article.published_date == dt.date(2024, 3, 5)
    assert article.source == "valley-post.example"
    texts = [b.text for b in article.blocks]
    assert BODY in texts and "Great news!" not in " ".join(texts)


TEI = f"""<?xml version="1.0" encoding="utf-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
  <titleStmt><title type="main">Flood gates open</title><author>Mara Quill; Tobias Fenn</author></titleStmt>
  <publicationStmt><publisher>Valley Post</publisher></publicationStmt>
  <sourceDesc><bibl type="sigle">Valley Post: Flood gates open</bibl>
    <biblFull><titleStmt><title type="main">Site navigation title</title></titleStmt>
    <publicationStmt><date>2024-03-05</date><ptr type="URL" target="https://www.valley-post.example/gates"/></publicationStmt>
    </biblFull></sourceDesc></fileDesc></teiHeader>
<text xml:lang="en"><body><div type="entry"><head rend="h2">Three years of work</head><p>{BODY}</p>
  <list><item>First point of the plan for the valley.</item></list></div>
  <div type="comments"><p>Great news!</p></div></body></text></TEI>""".encode()


def test_trafilatura_tei_export() -> None:
    [record] = read_all(TEI, "exports/gates.tei.xml")
    assert record.raw_format == "tei"
    assert record.fields["source"] == "Valley Post"
    [article] = outcomes(TEI, "exports/gates.tei.xml")
    assert isinstance(article, ParsedArticle)
    assert (article.title, article.url) == (
        "Flood gates open",
        "https://www.valley-post.example/gates",
    )
    assert article.authors == ["Mara Quill", "Tobias Fenn"]
    assert article.published_date == dt.date(2024, 3, 5)
    texts = [b.text for b in article.blocks]
    assert BODY in texts and "First point of the plan for the valley." in texts
    assert "Great news!" not in " ".join(texts)
    corpus = b"<teiCorpus>" + TEI.split(b"?>", 1)[1] * 2 + b"</teiCorpus>"
    assert [r.record_index for r in read_all(corpus, "exports/two.xml")] == [0, 1]


def test_trafilatura_json_export_url_is_under_source() -> None:
    record = {"title": "Rail line reopens", "author": "Ines Calder", "hostname": "valley-post.example",
              "source": "https://www.valley-post.example/rail", "source-hostname": "Valley Post",
              "date": "2024-04-01", "text": "The rail line reopened after the storm.\\nTrains run every hour."}  # fmt: skip
    [item] = read_bytes(json.dumps(record).encode() + b"\n", "exports/t.jsonl")
    assert item.fields["url"] == "https://www.valley-post.example/rail"
    assert item.fields["source"] == "valley-post.example"
    [article] = outcomes(json.dumps(record).encode() + b"\n", "exports/t.jsonl")
    assert article.url == "https://www.valley-post.example/rail"
    only_url = {
        "source": "https://news.example.org/a",
        "text": "The ferry resumed its crossings today.",
    }
    [item] = read_bytes(json.dumps(only_url).encode(), "exports/u.json")
    assert (item.fields["url"], item.fields["source"]) == ("https://news.example.org/a",) * 2


@settings(max_examples=200, deadline=None)
@example(prefix=b"<doc><main>", body=b"!<\xce\x80")  # a recovered tree that does not re-parse
@given(
    prefix=st.sampled_from([b'<?xml version="1.0"?>', b"<rss><channel><item>", b"<doc><main>",
                            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>', b"<urlset>"]),
    body=st.binary(max_size=400),
)  # fmt: skip
def test_xml_reading_never_fails_as_a_bug(prefix: bytes, body: bytes) -> None:
    items = read_all(prefix + body, "feeds/x.xml")
    assert items and all(isinstance(i, RawRecord | Reject) for i in items)
    assert not any(isinstance(i, Reject) and i.reason == "reader_error" for i in items)
