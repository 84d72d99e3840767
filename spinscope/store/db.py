"""The corpus database: one SQLite file (WAL) holding every article and its layers.

``Corpus`` opens or creates the file, applies the named migrations, and writes
articles one transaction per batch, so that a process killed at any moment
leaves whole batches or nothing. Writes are idempotent by ``Article.id`` (the
content hash): adding an article twice stores it once.

Every ``sqlite3`` failure becomes a ``StoreError`` that names the file and says
what to do; a file that is not a spinscope database is refused before anything
is written to it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from spinscope.article import Article
from spinscope.errors import StoreError
from spinscope.store.migrations import applied_migrations, apply_migrations, pending_migrations

__all__ = ["DEFAULT_DB", "AddResult", "ArticleSummary", "Corpus", "quote_phrase"]

log = logging.getLogger(__name__)

DEFAULT_DB = "spinscope.db"
_SQLITE_HEADER = b"SQLite format 3\x00"
_MONTH = re.compile(r"^(\d{4}-\d{2})")
_QUOTE_MARKS = "\"'“”‘’«»「」『』"


@dataclass(slots=True)
class AddResult:
    """What ``Corpus.add_articles`` did: articles added, already stored, and failed."""

    added: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(source, message) for every article that carried an analysis error and was not stored."""

    def merge(self, other: AddResult) -> None:
        """Add another result's counts to this one."""
        self.added += other.added
        self.duplicates += other.duplicates
        self.failed += other.failed
        self.failures.extend(other.failures)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One search hit: enough to list it, with a snippet around the match."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    words: int
    snippet: str
    """FTS5 snippet with the match between ``«`` and ``»``; the opening words when there is no query."""
    techniques: int
    """How many technique spans the article has."""


def quote_phrase(text: str) -> str:
    """The form a quoted phrase is counted under: no quote marks, lower case, single spaces."""
    return " ".join(text.strip().strip(_QUOTE_MARKS).split()).lower()[:300]


class Corpus:
    """A corpus database, opened or created at ``path``.

    Args:
        path: the SQLite file; created (with its folder's permission) when missing.
        readonly: open without writing anything; the file must exist and be migrated.
        timeout: seconds to wait for another process's write lock before failing.

    Raises:
        StoreError: the file is not a spinscope database or is corrupt (it is left
            untouched), the path cannot be written, or the database is locked.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_DB,
        readonly: bool = False,
        *,
        timeout: float = 30.0,
    ) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._check_file()
        self._conn = self._connect()
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            self._conn = None
            raise

    # -- opening ---------------------------------------------------------------------------

    def _check_file(self) -> None:
        path = self.path
        if path.exists():
            if not path.is_file():
                raise StoreError(f"{path} is not a file; pass --db with a database file path")
            try:
                with path.open("rb") as handle:
                    header = handle.read(len(_SQLITE_HEADER))
            except OSError as e:
                raise StoreError(f"cannot read {path}: {e.strerror or e}") from e
            if header and header != _SQLITE_HEADER:
                raise StoreError(
                    f"{path} is not a spinscope corpus database (not SQLite, or corrupt); it was "
                    "left untouched: move it aside or pass another --db"
                )
            if not self.readonly and not os.access(path, os.W_OK):
                raise StoreError(
                    f"{path} is read-only; open it read-only (search, stats, export work) or "
                    "pass a writable --db"
                )
        elif self.readonly:
            raise StoreError(
                f"{path} does not exist; create it with: spinscope corpus add FILES --db {path}"
            )
        else:
            folder = path.parent if str(path.parent) else Path(".")
            if not folder.is_dir():
                raise StoreError(
                    f"cannot create {path}: folder {folder} does not exist; create it first"
                )
            if not os.access(folder, os.W_OK):
                raise StoreError(
                    f"cannot create {path}: folder {folder} is read-only; pass a writable --db"
                )

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.readonly:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=self.timeout)
            else:
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=self.timeout)
        except sqlite3.Error as e:
            raise self._error("open", e) from e
        return conn

    def _prepare(self) -> None:
        conn = self.conn
        try:
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except sqlite3.DatabaseError as e:
            raise self._error("open", e) from e
        if tables and "spinscope_migrations" not in tables:
            raise StoreError(
                f"{self.path} is an SQLite database but not a spinscope corpus (it has tables "
                f"{', '.join(sorted(tables)[:5])}); it was left untouched: pass another --db"
            )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            if self.readonly:
                pending = pending_migrations(conn)
                if pending:
                    raise StoreError(
                        f"{self.path} needs migrations {', '.join(pending)}; open it once for "
                        "writing (e.g. spinscope corpus add) to upgrade it"
                    )
                conn.execute("PRAGMA query_only = ON")
            else:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode != "wal":
                    log.warning("%s: journal mode is %s, not WAL", self.path, mode)
                conn.execute("PRAGMA synchronous = NORMAL")
                applied = apply_migrations(conn)
                if applied:
                    log.info("%s: applied migrations %s", self.path, ", ".join(applied))
        except sqlite3.Error as e:
            raise self._error("open", e) from e

    def _error(self, action: str, e: sqlite3.Error) -> StoreError:
        message = str(e)
        low = message.lower()
        if "disk is full" in low or "database or disk is full" in low:
            text = (
                f"{self.path}: the disk is full while {action}ing; free space and rerun "
                "(articles stored so far are kept, the interrupted batch was rolled back)"
            )
        elif "readonly" in low or "read-only" in low:
            text = f"{self.path} is read-only; cannot {action}: pass a writable --db"
        elif "locked" in low or "busy" in low:
            text = (
                f"{self.path} was locked by another process for more than {self.timeout:.0f} s "
                f"while {action}ing; wait for it to finish and rerun"
            )
        elif "not a database" in low or "malformed" in low or "corrupt" in low:
            text = (
                f"{self.path} is not a spinscope corpus database (not SQLite, or corrupt): "
                f"{message}; it was left untouched: move it aside or pass another --db"
            )
        elif "unable to open" in low:
            text = f"cannot {action} {self.path}: {message}; check the path and its permissions"
        else:
            text = f"{self.path}: cannot {action}: {message}"
        return StoreError(text)

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection (autocommit mode: every write names its own transaction)."""
        if self._conn is None:
            raise StoreError(f"{self.path} is closed; open a new Corpus")
        return self._conn

    def close(self) -> None:
        """Close the database; further calls raise StoreError."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def migrations(self) -> list[str]:
        """The migrations this database has had."""
        return applied_migrations(self.conn)

    # -- writing -----------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], *, batch_size: int = 256) -> AddResult:
        """Store articles, one transaction per batch of ``batch_size``.

        An article whose id is already stored counts as a duplicate and is left as
        it is. An article that carries analysis errors is not stored: its failure
        goes to the ``failures`` table (and ``AddResult.failures``), so a rerun
        tries it again.

        Raises:
            StoreError: the database cannot be written (full disk, read-only, locked);
                the batch being written is rolled back, earlier batches stay.
        """
        if self.readonly:
            raise StoreError(
                f"{self.path} is open read-only; open it with readonly=False to add articles"
            )
        result = AddResult()
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                result.merge(self._write_batch(batch))
                batch = []
        if batch:
            result.merge(self._write_batch(batch))
        return result

    def _write_batch(self, batch: Sequence[Article]) -> AddResult:
        conn = self.conn
        result = AddResult()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for article in batch:
                    self._write_article(conn, article, now, result)
                conn.execute("COMMIT")
            except BaseException:
                # SQLite has already rolled back on some errors (a full disk): do not mask them.
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            raise self._error("write", e) from e
        return result

    def _write_article(
        self, conn: sqlite3.Connection, article: Article, now: str, result: AddResult
    ) -> None:
        source = article.meta.source or article.id
        if article.errors:
            last = article.errors[-1]
            message = f"{last.stage}: {last.message}"
            conn.execute(
                "INSERT INTO failures (source, message, at) VALUES (?, ?, ?)",
                (source, message, now),
            )
            result.failed += 1
            result.failures.append((source, message))
            return
        data = article.to_dict()
        text = data.pop("text")
        meta = article.meta
        match = _MONTH.match(meta.published or "")
        month = match.group(1) if match else None
        cursor = conn.execute(
            "INSERT OR IGNORE INTO articles (id, title, outlet, published, month, words, techniques, "
            "source, added_at, text, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                meta.title,
                meta.outlet,
                meta.published,
                month,
                len(text.split()),
                len(article.techniques),
                meta.source,
                now,
                text,
                json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            ),
        )
        if cursor.rowcount == 0:
            result.duplicates += 1
            return
        row = cursor.lastrowid
        result.added += 1
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (row, meta.title or "", text),
        )
        if article.techniques:
            conn.executemany(
                "INSERT INTO techniques (article, technique, outlet, month) VALUES (?, ?, ?, ?)",
                [(row, t.technique, meta.outlet, month) for t in article.techniques],
            )
        if article.actors:
            conn.executemany(
                "INSERT INTO actors (article, actor, mentions) VALUES (?, ?, ?)",
                [(row, a.id, len(a.mentions)) for a in article.actors],
            )
        if article.stance:
            conn.executemany(
                "INSERT INTO stances (article, actor, score, label, outlet, month) VALUES (?, ?, ?, ?, ?, ?)",
                [(row, s.actor, s.score, s.label, meta.outlet, month) for s in article.stance],
            )
        if article.events:
            conn.executemany(
                "INSERT INTO events (article, type, actor, recipient) VALUES (?, ?, ?, ?)",
                [
                    (row, e.type, actor, recipient)
                    for e in article.events
                    for actor in (e.actors or (None,))
                    for recipient in (e.recipients or (None,))
                ],
            )
        if article.quotes:
            conn.executemany(
                "INSERT INTO quotes (article, kind, phrase, speaker) VALUES (?, ?, ?, ?)",
                [(row, q.kind, quote_phrase(q.text), q.speaker) for q in article.quotes],
            )
        if meta.source:
            conn.execute("DELETE FROM failures WHERE source = ?", (meta.source,))

    def record_failures(self, failures: Iterable[tuple[str, str]]) -> None:
        """Log inputs that gave no article (unreadable files, bad records) in ``failures``."""
        rows = list(failures)
        if not rows or self.readonly:
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self._transaction():
                self.conn.executemany(
                    "INSERT INTO failures (source, message, at) VALUES (?, ?, ?)",
                    [(s, m, now) for s, m in rows],
                )
        except sqlite3.Error as e:
            raise self._error("write", e) from e

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    # -- reading -----------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        """The stored article with every layer, or None when no article has that id."""
        row = self._one("SELECT text, data FROM articles WHERE id = ?", (article_id,))
        return None if row is None else _article(row[0], row[1])

    def count(self) -> int:
        """How many articles are stored."""
        return int(self._one("SELECT count(*) FROM articles", ())[0])

    def contains(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids are already stored."""
        wanted = list(ids)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self._all(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            )
        return found

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        """Every stored article, in the order they were added, a batch at a time."""
        last = 0
        while True:
            rows = self._all(
                "SELECT rowid, text, data FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, batch_size),
            )
            if not rows:
                return
            for row in rows:
                yield _article(row[1], row[2])
            last = rows[-1][0]

    def failures(self, limit: int = 100) -> list[dict[str, str]]:
        """The most recent failures recorded while adding, newest first."""
        rows = self._all(
            "SELECT source, message, at FROM failures ORDER BY rowid DESC LIMIT ?", (limit,)
        )
        return [{"source": s, "message": m, "at": a} for s, m, a in rows]

    def search(self, query: str | None = None, **filters: Any) -> list[ArticleSummary]:
        """Full-text search with filters; see ``spinscope.store.search.search``."""
        from spinscope.store.search import search

        return search(self, query, **filters)

    def stats(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """One of the corpus statistics; see ``spinscope.store.stats``."""
        from spinscope.store.stats import compute_stats

        return compute_stats(self, name, **params)

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        try:
            return self.conn.execute(sql, params).fetchone()
        except sqlite3.Error as e:
            raise self._error("read", e) from e

    def _all(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise self._error("read", e) from e


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def _article(text: str, data: str) -> Article:
    record = json.loads(data)
    record["text"] = text
    return Article.from_dict(record)
