"""HTML pages: the article body and metadata through trafilatura.

trafilatura finds the main text and the title, site name and date. spinscope
adds what it leaves out: the full publication timestamp with its UTC offset and
the authors from JSON-LD and ``<meta>`` tags, a "By ..." byline at the top of
the body, and the same clean-up of datelines, author notes and page furniture
as plain text gets.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

from spinscope.article import Meta
from spinscope.errors import InputError
from spinscope.ingest.normalize import normalize_text
from spinscope.ingest.text import Layout, clean_body_paragraphs, parse_timestamp, split_authors

__all__ = ["parse_html"]

MIN_BODY_WORDS = 12
"""Fewer words than this is navigation or a stub, not an article body."""

_BYLINE = re.compile(r"^(?:by|written by)\s+(?P<names>.{2,120})$", re.IGNORECASE)
_META_DATE = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)
_META_AUTHOR = ("author", "article:author", "byl", "dc.creator", "sailthru.author")


def parse_html(html: str, source: str, url: str | None = None) -> Layout:
    """Extract the article from an HTML page.

    Raises:
        InputError: the page has no article body that trafilatura can find.
    """
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    text = normalize_text(getattr(doc, "text", None) or "") if doc is not None else ""
    if len(text.split()) < MIN_BODY_WORDS:
        raise InputError(
            source,
            "no article body found in this HTML page; save the article page itself, "
            "or pass its text as a .txt file",
        )
    found = _page_metadata(html)
    meta = Meta(
        title=_clean(getattr(doc, "title", None)) or found.get("title"),
        outlet=_clean(getattr(doc, "sitename", None)) or found.get("outlet"),
        url=url or _clean(getattr(doc, "url", None)) or found.get("url"),
        language=_clean(getattr(doc, "language", None)) or found.get("language"),
    )
    meta.published = found.get("published") or _clean(getattr(doc, "date", None))
    authors = found.get("authors") or split_authors(_clean(getattr(doc, "author", None)) or "")
    meta.authors = authors
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if paragraphs and meta.title and paragraphs[0].strip() == meta.title.strip():
        paragraphs.pop(0)
    while paragraphs and (m := _BYLINE.match(paragraphs[0])):
        meta.authors = meta.authors or split_authors(m.group("names"))
        paragraphs.pop(0)
    paragraphs = clean_body_paragraphs(paragraphs, meta)
    if not paragraphs:
        raise InputError(source, "no article body found in this HTML page (only page furniture)")
    return Layout(paragraphs=paragraphs, meta=meta)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = normalize_text(value).strip()
    return value or None


def _page_metadata(html: str) -> dict[str, Any]:
    """Timestamp, authors, title and site from JSON-LD and <meta> tags."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return {}
    found: dict[str, Any] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except (json.JSONDecodeError, TypeError):
            continue
        for item in _ld_items(data):
            if not isinstance(item, dict):
                continue
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(
                isinstance(k, str) and k.endswith(("Article", "BlogPosting", "Report"))
                for k in kinds
            ):
                continue
            if (stamp := item.get("datePublished")) and "published" not in found:
                found["published"] = _iso(str(stamp))
            if (author := item.get("author")) and "authors" not in found:
                found["authors"] = _ld_names(author)
            if (headline := item.get("headline")) and "title" not in found:
                found["title"] = _clean(headline)
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and publisher.get("name") and "outlet" not in found:
                found["outlet"] = _clean(publisher["name"])
    for node in tree.xpath("//meta[@content]"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        content = node.get("content", "").strip()
        if not content:
            continue
        if key in (k.lower() for k in _META_DATE) and "published" not in found:
            found["published"] = _iso(content)
        elif key in _META_AUTHOR and "authors" not in found and not content.startswith("http"):
            found["authors"] = split_authors(content)
        elif key == "og:site_name" and "outlet" not in found:
            found["outlet"] = _clean(content)
        elif key == "og:url" and "url" not in found:
            found["url"] = content
    lang = tree.get("lang")
    if lang:
        found["language"] = lang.split("-")[0].lower()
    return {k: v for k, v in found.items() if v}


def _ld_items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return [x for d in data for x in _ld_items(d)]
    if isinstance(data, dict) and "@graph" in data:
        return _ld_items(data["@graph"])
    return [data]


def _ld_names(author: Any) -> list[str]:
    if isinstance(author, list):
        return [n for a in author for n in _ld_names(a)]
    if isinstance(author, dict):
        name = author.get("name")
        return [name.strip()] if isinstance(name, str) and name.strip() else []
    if isinstance(author, str):
        return split_authors(author)
    return []


def _iso(value: str) -> str | None:
    value = value.strip()
    m = re.match(
        r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$", value
    )
    if m:
        return parse_timestamp(f"{m.group(1)} {m.group(2)}{m.group(3) or ''}")
    return parse_timestamp(value)
