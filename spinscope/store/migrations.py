"""The corpus schema, as small named migrations applied in order.

Each migration is a name and a block of SQL. ``apply_migrations`` runs the ones a
database has not seen yet, each in its own transaction, and records its name in
``spinscope_migrations``; a database is never migrated twice. Add a step by
appending to ``MIGRATIONS``: never edit one that has shipped.

The article itself is stored whole, as ``Article.to_dict()`` JSON (less its body,
which lives in ``articles.text`` so that FTS5 can index and quote it). The side
tables hold only what the search filters and the statistics need; a new analysis
layer is stored in the JSON with no migration at all.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

__all__ = ["MIGRATIONS", "apply_migrations", "applied_migrations", "pending_migrations"]

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT,
            outlet TEXT,
            published TEXT,
            month TEXT,
            words INTEGER NOT NULL,
            techniques INTEGER NOT NULL,
            source TEXT,
            added_at TEXT NOT NULL,
            text TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles (published);
        CREATE INDEX articles_outlet_published ON articles (outlet, published);
        CREATE INDEX articles_outlet_month_words ON articles (outlet, month, words);
        CREATE INDEX articles_month_words ON articles (month, words);
        """,
    ),
    (
        "0002_layers",
        """
        CREATE TABLE techniques (
            article INTEGER NOT NULL REFERENCES articles (rowid),
            technique TEXT NOT NULL,
            outlet TEXT,
            month TEXT
        );
        CREATE INDEX techniques_technique ON techniques (technique, article);
        CREATE INDEX techniques_outlet_month ON techniques (outlet, month, technique);
        CREATE INDEX techniques_month ON techniques (month, technique);
        CREATE TABLE actors (
            article INTEGER NOT NULL REFERENCES articles (rowid),
            actor TEXT NOT NULL,
            mentions INTEGER NOT NULL
        );
        CREATE INDEX actors_actor ON actors (actor, article);
        CREATE TABLE stances (
            article INTEGER NOT NULL REFERENCES articles (rowid),
            actor TEXT NOT NULL,
            score REAL NOT NULL,
            label TEXT NOT NULL,
            outlet TEXT,
            month TEXT
        );
        CREATE INDEX stances_actor_label ON stances (actor, label, article);
        CREATE INDEX stances_actor_month ON stances (actor, month, outlet, score);
        CREATE TABLE events (
            article INTEGER NOT NULL REFERENCES articles (rowid),
            type TEXT NOT NULL,
            actor TEXT,
            recipient TEXT
        );
        CREATE INDEX events_type ON events (type, article);
        CREATE INDEX events_pairs ON events (type, actor, recipient);
        CREATE TABLE quotes (
            article INTEGER NOT NULL REFERENCES articles (rowid),
            kind TEXT NOT NULL,
            phrase TEXT NOT NULL,
            speaker TEXT
        );
        CREATE INDEX quotes_kind_phrase ON quotes (kind, phrase, article);
        """,
    ),
    (
        "0003_fulltext",
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, text,
            content = 'articles', content_rowid = 'rowid',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        """,
    ),
    (
        "0004_failures",
        """
        CREATE TABLE failures (
            source TEXT NOT NULL,
            message TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX failures_source ON failures (source);
        """,
    ),
)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this database has had, in order (empty for a new one)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'spinscope_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM spinscope_migrations ORDER BY rowid")]


def pending_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this database still needs."""
    done = set(applied_migrations(conn))
    return [name for name, _sql in MIGRATIONS if name not in done]


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Run every pending migration, each in one transaction; return the names applied.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS spinscope_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    applied = []
    for name, sql in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Checked inside the write lock: two processes opening a new database race here.
            done = conn.execute(
                "SELECT 1 FROM spinscope_migrations WHERE name = ?", (name,)
            ).fetchone()
            if not done:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO spinscope_migrations (name, applied_at) VALUES (?, ?)",
                    (name, datetime.now(UTC).isoformat(timespec="seconds")),
                )
                applied.append(name)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return applied


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]
