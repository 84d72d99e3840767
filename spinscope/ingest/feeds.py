"""RSS and Atom feed files: one article per feed item that carries its text.

A saved feed (``.xml``, ``.rss``, ``.atom``) is read with feedparser from the
text already decoded by the ingester, never fetched: nothing is downloaded.
Each item becomes an article with the item's title, link, date, authors and the
feed's title as the outlet (the canonical name when spinscope knows the outlet).
The body is the item's full content when the feed carries it, else its summary;
HTML in it is reduced to paragraphs. An item with no text gives an
``InputError`` naming it (``feed.xml#3``) and the other items go on.
"""

from __future__ import annotations

import html
import io
import logging
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any

from spinscope.article import Article, Meta
from spinscope.errors import InputError
from spinscope.ingest.normalize import normalize_text
from spinscope.ingest.outlets import find_outlet
from spinscope.ingest.text import parse_layout, parse_timestamp, split_authors

__all__ = ["parse_feed"]

log = logging.getLogger(__name__)

_ENCODING_DECLARATION = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
_BLOCK_END = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>")
_TAG = re.compile(r"<[^>]+>")


def parse_feed(text: str, source: str) -> Iterator[Article | InputError]:
    """Every item of an RSS or Atom feed as an Article, or the InputError for one without text.

    Args:
        text: the feed file, already decoded.
        source: its path, used to name items (``source#n``, counted from 1).

    Yields:
        An Article per item with text; an InputError per item without. A file that
        is not an XML feed gives a single InputError.
    """
    import feedparser

    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("<"):
        yield InputError(
            source,
            "is not XML, so not an RSS or Atom feed; if it is an article, pass --input-format text "
            "or rename it to .txt",
        )
        return
    # The text is already decoded: drop the declared encoding so feedparser reads it as UTF-8.
    data = _ENCODING_DECLARATION.sub(r"\1", stripped).encode("utf-8")
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield InputError(
            source,
            f"is not an RSS or Atom feed ({problem or 'no channel or feed element'}); "
            "check the file, or pass --input-format for another format",
        )
        return
    if parsed.get("bozo"):
        log.warning(
            "%s: malformed feed, read what could be read: %s", source, parsed.get("bozo_exception")
        )
    feed_title = _clean(parsed.feed.get("title"))
    known = find_outlet(feed_title)
    outlet = known.name if known else feed_title
    if not parsed.entries:
        yield InputError(source, "is a feed with no items")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        locator = f"{source}#{number}"
        try:
            yield _entry_article(entry, locator, outlet, known.utc_offset if known else None)
        except InputError as e:
            yield e


def _entry_article(entry: Any, locator: str, outlet: str | None, utc_offset: str | None) -> Article:
    body = _entry_body(entry)
    if not body.strip():
        raise InputError(
            locator,
            "feed item has no text (only a title or link); "
            "save the linked pages and add them as HTML",
        )
    meta = Meta(
        title=_clean(entry.get("title")),
        outlet=outlet,
        url=_clean(entry.get("link")),
        published=_entry_date(entry, utc_offset),
        language=_clean(entry.get("language")),
    )
    names = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
    if not names and entry.get("author"):
        names = [str(entry.get("author"))]
    meta.authors = [n for raw in names for n in split_authors(normalize_text(raw))]
    tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if tags:
        meta.extra["tags"] = tags
    if entry.get("id"):
        meta.extra["feed_id"] = entry.get("id")
    layout = parse_layout(normalize_text(body), header=False, meta=meta)
    if not layout.paragraphs:
        raise InputError(locator, "feed item text holds no body paragraphs")
    layout.meta.source = locator
    return Article(text=layout.body, meta=layout.meta)


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    raw = max(values, key=len) if values else entry.get("summary") or entry.get("description") or ""
    return _html_to_text(raw)


def _html_to_text(raw: str) -> str:
    if "<" not in raw:
        return html.unescape(raw)
    text = _BLOCK_END.sub("\n\n", raw)
    text = html.unescape(_TAG.sub("", text))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _entry_date(entry: Any, utc_offset: str | None) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        # RFC 822 first: it knows the zone names feeds print (EST, PDT, ...).
        try:
            parsed = parsedate_to_datetime(str(raw))
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None and parsed.utcoffset() is not None:
            return parsed.isoformat()
        stamp = parse_timestamp(str(raw), utc_offset)
        if stamp:
            return stamp
        if parsed is not None:
            return parsed.isoformat()
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalize_text(html.unescape(value)).split())
    return value or None
