"""Hand-built, fully annotated articles for the corpus tests (text written for these tests)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from spinscope.article import (
    Actor,
    Article,
    Event,
    Evidence,
    Mention,
    Meta,
    Quote,
    Stance,
    TechniqueSpan,
    TimeExpression,
)
from spinscope.store import Corpus

PARAGRAPHS = [
    "The alliance held another round of naval drills near the strait, and officials in the capital "
    "called the move a provocation that threatens regional stability.",
    'Critics say the so-called "partnership" is a cover for containment, while supporters insist it '
    "is about disaster relief and freedom of navigation.",
    "The ministry spokesperson urged all parties to resolve disputes through dialogue and consultation "
    "rather than confrontation and bloc politics.",
    "Fishermen in the coastal province reported that patrol boats had followed them for hours before "
    "turning back toward the harbour at dusk.",
    "Analysts expect the summit next month to produce a joint statement on maritime security, though "
    "few details have been agreed so far.",
    'The newspaper\'s editorial argued that the "rules-based order" invoked by the bloc is applied '
    "selectively and serves narrow interests.",
]
OUTLETS = ["Global Times", "China Military Online", "Xinhua", "The Daily Example"]
TECHNIQUES = [
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Doubt",
    "Flag-Waving",
    "Exaggeration,Minimisation",
]


def make_article(seed: int, *, outlet: str | None = None, published: str | None = None) -> Article:
    """A distinct article with every layer filled, derived from ``seed``."""
    rng = random.Random(seed)
    paras = rng.sample(PARAGRAPHS, k=3)
    text = "\n\n".join(paras) + f"\n\nThis is report number {seed} in the series."
    scare = text.find('"')
    article = Article(
        text=text,
        meta=Meta(
            title=f"Report {seed}: tensions at sea",
            outlet=outlet or OUTLETS[seed % len(OUTLETS)],
            authors=[f"Author {seed % 3}"],
            published=published or f"2023-{1 + seed % 6:02d}-{1 + seed % 27:02d}",
            url=f"https://example.org/{seed}",
            language="en",
            genre="opinion",
            source=f"fixture:{seed}",
            extra={"seed": seed},
        ),
    )
    first = text.split()[0]
    article.techniques = [
        TechniqueSpan(
            0,
            len(first),
            TECHNIQUES[(seed + i) % len(TECHNIQUES)],
            0.5 + i / 10,
            "rule",
            "fixture",
            first,
        )
        for i in range(1 + seed % 3)
    ]
    mention = Mention(0, len(first), first)
    article.actors = [
        Actor("NATO", "NATO", "bloc", mentions=(mention,)),
        Actor("JPN", "Japan", "state", country="JPN", mentions=(mention, mention)),
    ]
    date = TimeExpression(0, 4, first, "2023-07", "month")
    article.dates = [date]
    article.events = [
        Event(
            "ACCUSE",
            mention,
            Mention(0, len(paras[0]), paras[0]),
            actors=("CHN",),
            recipients=("NATO",),
            date=date,
        ),
        Event(
            "COOPERATE",
            mention,
            Mention(0, 10, text[:10]),
            actors=("JPN",),
            recipients=("NATO", "USA"),
        ),
    ]
    quotes = [
        Quote(
            0, len(first), first, "direct", speaker="CHN-GOV", speaker_mention=mention, cue="said"
        )
    ]
    if scare >= 0:
        end = text.find('"', scare + 1) + 1
        quotes.append(Quote(scare, end, text[scare:end], "scare"))
    article.quotes = quotes
    score = -0.8 if seed % 2 else 0.1
    article.stance = [
        Stance(
            "NATO",
            score,
            "negative" if score < -0.2 else "neutral",
            evidence=(Evidence(0, len(first), first, "description", 0.7, "hostile word"),),
        ),
    ]
    article.stages = ["metadata", "fixture"]
    article.extras = {"fixture": {"seed": seed, "nested": [1, 2.5, None]}}
    return article


@pytest.fixture
def articles() -> list[Article]:
    return [make_article(i) for i in range(24)]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"


@pytest.fixture
def corpus(db_path: Path, articles: list[Article]) -> Corpus:
    c = Corpus(db_path)
    c.add_articles(articles)
    yield c
    c.close()


def write_jsonl(path: Path, count: int, start: int = 0) -> Path:
    """A JSONL file of ``count`` distinct raw articles (text, title, outlet, date)."""
    import json

    with path.open("w", encoding="utf-8") as handle:
        for seed in range(start, start + count):
            rng = random.Random(seed)
            text = "\n\n".join(rng.sample(PARAGRAPHS, k=3)) + f"\n\nThis is report number {seed}."
            record = {
                "title": f"Report {seed}",
                "text": text,
                "outlet": OUTLETS[seed % len(OUTLETS)],
                "published": f"2023-{1 + seed % 6:02d}-{1 + seed % 27:02d}",
            }
            handle.write(json.dumps(record) + "\n")
    return path


def check_consistent(db: Path) -> int:
    """Assert that no partial rows exist: every side row has its article, FTS matches; return the count."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        ids = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        assert ids[0] == ids[1]
        for table in ("techniques", "actors", "stances", "events", "quotes"):
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE article NOT IN (SELECT rowid FROM articles)"
            ).fetchone()[0]
            assert orphans == 0, table
        counted = conn.execute("SELECT coalesce(sum(techniques), 0) FROM articles").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM techniques").fetchone()[0] == counted
        return int(ids[0])
    finally:
        conn.close()
