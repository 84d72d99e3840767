"""Fixtures for the corpus tests; the builders live in ``corpus_fixtures``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_fixtures import make_article

from spinscope.article import Article
from spinscope.store import Corpus


@pytest.fixture
def articles() -> list[Article]:
    return [make_article(i) for i in range(24)]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.db"


@pytest.fixture
def corpus(db_path: Path, articles: list[Article]) -> Iterator[Corpus]:
    c = Corpus(db_path)
    c.add_articles(articles)
    yield c
    c.close()
