"""Full-text search (SQLite FTS5) over the corpus, with filters on every stored layer.

The query uses FTS5 syntax: words (all must match, stemmed by the Porter
stemmer), ``"exact phrases"``, ``OR``, ``NOT``, ``NEAR(a b, 5)`` and ``prefix*``.
A query that is not valid FTS5 (an apostrophe, a stray quote) is retried with
each word quoted, so ``Japan's intentions`` still finds what a reader expects.
Hits are ranked by BM25; without a query, newest first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from spinscope.errors import StoreError

if TYPE_CHECKING:
    from spinscope.store.db import ArticleSummary, Corpus

__all__ = ["MARK_END", "MARK_START", "STANCE_LABELS", "search"]

STANCE_LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
MARK_START = "«"
MARK_END = "»"
_SNIPPET_TOKENS = 24
_OPENING_CHARS = 200


def search(
    corpus: Corpus,
    query: str | None = None,
    *,
    outlet: str | Sequence[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    technique: str | None = None,
    actor: str | None = None,
    stance: str | None = None,
    event_type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ArticleSummary]:
    """Articles matching a full-text query and every filter given.

    Args:
        corpus: an open corpus.
        query: FTS5 query over title and text; None or blank lists by date.
        outlet: one outlet name, or several (any of them).
        since: earliest publication date, ISO 8601, inclusive.
        until: latest publication date, ISO 8601, inclusive (``2023-07`` covers July).
        technique: a technique label the article must contain.
        actor: an actor id (``JPN``, ``NATO``) the article must mention.
        stance: ``negative`` | ``neutral`` | ``positive``, the article's stance toward
            ``actor`` (toward any actor when ``actor`` is None).
        event_type: a PLOVER event type the article must report.
        limit: most hits returned.
        offset: hits skipped first, for paging.

    Raises:
        StoreError: a filter value is invalid, or the database cannot be read.
    """
    from spinscope.store.db import ArticleSummary

    if stance is not None and stance not in STANCE_LABELS:
        raise StoreError(
            f"stance {stance!r} is not one of {', '.join(STANCE_LABELS)}; pick one of those"
        )
    if limit < 0 or offset < 0:
        raise StoreError(f"limit ({limit}) and offset ({offset}) must not be negative")
    where: list[str] = []
    params: list[Any] = []
    if outlet is not None:
        outlets = [outlet] if isinstance(outlet, str) else list(outlet)
        where.append(f"a.outlet IN ({','.join('?' * len(outlets))})")
        params.extend(outlets)
    if since is not None:
        where.append("a.published >= ?")
        params.append(_iso(since))
    if until is not None:
        # '~' sorts after every character an ISO timestamp continues with, so the bound is inclusive.
        where.append("a.published <= ?")
        params.append(_iso(until) + "~")
    if technique is not None:
        where.append(
            "EXISTS (SELECT 1 FROM techniques t WHERE t.technique = ? AND t.article = a.rowid)"
        )
        params.append(technique)
    if actor is not None and stance is None:
        where.append("EXISTS (SELECT 1 FROM actors x WHERE x.actor = ? AND x.article = a.rowid)")
        params.append(actor)
    if stance is not None:
        if actor is not None:
            where.append(
                "EXISTS (SELECT 1 FROM stances s WHERE s.actor = ? AND s.label = ? AND s.article = a.rowid)"
            )
            params.extend([actor, stance])
        else:
            where.append(
                "EXISTS (SELECT 1 FROM stances s WHERE s.label = ? AND s.article = a.rowid)"
            )
            params.append(stance)
    if event_type is not None:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.type = ? AND e.article = a.rowid)")
        params.append(event_type)

    columns = "a.id, a.title, a.outlet, a.published, a.words, {snippet}, a.techniques"
    if query is not None and query.strip():
        sql = (
            f"SELECT {columns.format(snippet=_fts_snippet())} FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
            + "".join(f" AND {w}" for w in where)
            + " ORDER BY articles_fts.rank LIMIT ? OFFSET ?"
        )
        rows = _run_fts(corpus, sql, query.strip(), params, limit, offset)
    else:
        sql = (
            f"SELECT {columns.format(snippet=f'substr(a.text, 1, {_OPENING_CHARS})')} FROM articles a"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?"
        )
        rows = corpus._all(sql, [*params, limit, offset])
    return [
        ArticleSummary(
            id=r[0],
            title=r[1],
            outlet=r[2],
            published=r[3],
            words=r[4],
            snippet=" ".join(str(r[5]).split()),
            techniques=r[6],
        )
        for r in rows
    ]


def _fts_snippet() -> str:
    return f"snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', '…', {_SNIPPET_TOKENS})"


def quote_words(query: str) -> str:
    """Each whitespace-separated word of ``query`` as an FTS5 phrase (all must match)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def _run_fts(
    corpus: Corpus, sql: str, query: str, params: list[Any], limit: int, offset: int
) -> list[Any]:
    try:
        return corpus.conn.execute(sql, [query, *params, limit, offset]).fetchall()
    except sqlite3.OperationalError as e:
        if (
            "fts5" not in str(e).lower()
            and "syntax" not in str(e).lower()
            and "no such column" not in str(e)
        ):
            raise corpus._error("search", e) from e
    try:
        return corpus.conn.execute(sql, [quote_words(query), *params, limit, offset]).fetchall()
    except sqlite3.Error as e:
        raise StoreError(
            f'search query {query!r} cannot be read: {e}; use words, "exact phrases", OR, NOT'
        ) from e


def _iso(value: str | date) -> str:
    return value.isoformat() if isinstance(value, date) else str(value).strip()
