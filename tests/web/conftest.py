"""A small corpus of hand-made sample articles, and clients for the app with and without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope.article import Article
from spinscope.report.samples import sample_corpus
from spinscope.store import Corpus
from spinscope.web import create_app


@pytest.fixture(scope="module")
def corpus_articles() -> list[Article]:
    return sample_corpus(12)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_articles: list[Article]) -> Path:
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    with Corpus(path) as corpus:
        result = corpus.add_articles(corpus_articles)
    assert result.added == len(corpus_articles)
    return path


@pytest.fixture()
def client(corpus_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db)) as test_client:
        yield test_client


@pytest.fixture()
def bare_client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client
