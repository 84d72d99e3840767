"""RSS and Atom feed files (feeds written for these tests)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from spinscope.article import Article
from spinscope.errors import InputError
from spinscope.ingest import iter_documents
from spinscope.ingest.feeds import parse_feed
from spinscope.ingest.normalize import normalize_text

RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>Global Times</title>
<item><title>Drills &amp; diplomacy</title><link>https://example.org/a</link>
<pubDate>Thu, 06 Jul 2023 09:30:00 +0800</pubDate><author>Li Wei and Zhang San</author>
<category>Military</category>
<description><![CDATA[<p>The navy held drills near the strait on Monday.</p>
<p>Officials called the exercise <b>routine</b> &amp; necessary.</p>]]></description></item>
<item><title>Only a link</title><link>https://example.org/b</link></item>
<item><title>Plain summary</title>
<description>Ships returned to port on Tuesday evening.</description>
<pubDate>Fri, 07 Jul 2023 18:00:00 GMT</pubDate></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>An Example Wire</title>
<entry><title>Summit ends</title><id>urn:x:1</id><link href="https://example.org/c"/>
<updated>2023-07-11T16:00:00+02:00</updated><author><name>Ana Novak</name></author>
<summary>Short version.</summary>
<content type="html">&lt;p&gt;The summit ended with a joint statement.&lt;/p&gt;
&lt;p&gt;Leaders will meet again in the autumn.&lt;/p&gt;</content>
</entry></feed>
"""


def test_feeds_rss_items_become_articles_with_metadata() -> None:
    items = list(parse_feed(RSS, "gt.xml"))
    first, missing, third = items
    assert isinstance(first, Article)
    assert first.text == (
        "The navy held drills near the strait on Monday.\n\n"
        "Officials called the exercise routine & necessary."
    )
    assert first.meta.title == "Drills & diplomacy"
    assert first.meta.outlet == "Global Times"
    assert first.meta.published == "2023-07-06T09:30:00+08:00"
    assert first.meta.authors == ["Li Wei", "Zhang San"]
    assert first.meta.url == "https://example.org/a"
    assert first.meta.source == "gt.xml#1"
    assert first.meta.extra["tags"] == ["Military"]
    assert isinstance(missing, InputError) and missing.source == "gt.xml#2"
    assert "no text" in missing.problem
    assert isinstance(third, Article) and third.text == "Ships returned to port on Tuesday evening."
    assert third.meta.published is not None and third.meta.published.startswith(
        "2023-07-07T18:00:00"
    )


def test_feeds_atom_prefers_full_content_over_summary() -> None:
    (entry,) = parse_feed(ATOM, "wire.atom")
    assert isinstance(entry, Article)
    assert (
        entry.text
        == "The summit ended with a joint statement.\n\nLeaders will meet again in the autumn."
    )
    assert entry.meta.outlet == "An Example Wire"
    assert entry.meta.authors == ["Ana Novak"]
    assert entry.meta.published == "2023-07-11T16:00:00+02:00"
    assert entry.meta.extra["feed_id"] == "urn:x:1"


def test_feeds_file_that_is_not_xml_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("These are my notes about the summit, not a feed.\n", encoding="utf-8")
    (error,) = iter_documents([path])
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert "not XML" in error.problem and "--input-format" in error.problem


def test_feeds_xml_that_is_not_a_feed_is_refused() -> None:
    (error,) = parse_feed("<html><body><p>hi</body></html>", "page.rss")
    assert isinstance(error, InputError) and "not an RSS or Atom feed" in error.problem


def test_feeds_are_read_by_the_ingester_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "gt.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(iter_documents([path]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert items[0].meta.source == f"{path}#1"  # type: ignore[union-attr]


def test_feeds_never_fetch_a_url_given_as_text() -> None:
    (error,) = parse_feed("https://example.org/feed.xml", "link.xml")
    assert isinstance(error, InputError) and "not XML" in error.problem


_words = st.text(alphabet=st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=12)


def _undo_latin1_misreading(text: str) -> str:
    """feedparser's own repair: an element whose text is UTF-8 read as Latin-1 is decoded again."""
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


@given(st.lists(st.lists(_words, min_size=1, max_size=8), min_size=1, max_size=5))
@example([["\u00c2\u00aa"]])  # "Âª" reads as the mojibake of "ª" and is repaired
def test_feeds_item_paragraphs_survive_html_markup(paragraphs: list[list[str]]) -> None:
    body = "".join(f"<p>{' '.join(words)}</p>" for words in paragraphs)
    escaped = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    feed = (
        '<rss version="2.0"><channel><title>T</title>'
        f"<item><description>{escaped}</description></item></channel></rss>"
    )
    (item,) = parse_feed(feed, "p.xml")
    assert isinstance(item, Article)
    # The ingester normalises text (NFKC), so compare with the normalised words.
    joined = " ".join(w for words in paragraphs for w in words)
    expected = normalize_text(_undo_latin1_misreading(joined)).split()
    assert item.text.split() == expected


@given(st.text(max_size=300))
def test_feeds_any_text_yields_articles_or_input_errors(text: str) -> None:
    for item in parse_feed(text, "any.xml"):
        assert isinstance(item, Article | InputError)
