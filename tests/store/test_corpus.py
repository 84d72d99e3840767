"""The Corpus contract: add, get, count, search, stats."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_article

from spinscope.article import Article
from spinscope.errors import StoreError
from spinscope.store import ArticleSummary, Corpus


def test_corpus_add_is_idempotent_by_content(db_path: Path, articles: list[Article]) -> None:
    with Corpus(db_path) as corpus:
        first = corpus.add_articles(articles)
        again = corpus.add_articles(articles[:7] + [make_article(999)])
        assert (first.added, first.duplicates, first.failed) == (len(articles), 0, 0)
        assert (again.added, again.duplicates) == (1, 7)
        assert corpus.count() == len(articles) + 1


def test_corpus_duplicates_within_one_batch_are_stored_once(db_path: Path) -> None:
    article = make_article(5)
    with Corpus(db_path) as corpus:
        result = corpus.add_articles([article, make_article(5), article])
        assert (result.added, result.duplicates) == (1, 2)
        assert corpus.conn.execute("SELECT count(*) FROM techniques").fetchone()[0] == len(
            article.techniques
        )


def test_corpus_get_returns_every_layer_exactly(corpus: Corpus, articles: list[Article]) -> None:
    for article in articles:
        stored = corpus.get(article.id)
        assert stored == article
        assert stored is not article
    assert corpus.get("0" * 32) is None


def test_corpus_get_survives_reopen(db_path: Path, articles: list[Article]) -> None:
    with Corpus(db_path) as corpus:
        corpus.add_articles(articles)
    with Corpus(db_path, readonly=True) as corpus:
        assert corpus.count() == len(articles)
        assert corpus.get(articles[0].id) == articles[0]


def test_corpus_articles_with_errors_are_recorded_not_stored(db_path: Path) -> None:
    bad = make_article(1)
    bad.errors.append(
        __import__("spinscope.article", fromlist=["ErrorRecord"]).ErrorRecord(
            "techniques", "RuntimeError", "model blew up"
        )
    )
    with Corpus(db_path) as corpus:
        result = corpus.add_articles([bad, make_article(2)])
        assert (result.added, result.failed) == (1, 1)
        assert result.failures == [("fixture:1", "techniques: model blew up")]
        assert corpus.get(bad.id) is None
        assert corpus.failures()[0]["source"] == "fixture:1"
        # A later success for the same source clears its failure.
        corpus.add_articles([make_article(1)])
        assert corpus.failures() == []


def test_corpus_migrations_are_named_and_applied_once(db_path: Path) -> None:
    with Corpus(db_path) as corpus:
        names = corpus.migrations()
    with Corpus(db_path) as corpus:
        assert corpus.migrations() == names
    assert names[0] == "0001_articles" and len(names) == len(set(names))


def test_corpus_search_full_text_ranks_and_marks_matches(corpus: Corpus) -> None:
    hits = corpus.search("provocation")
    assert hits and all(isinstance(h, ArticleSummary) for h in hits)
    assert all("«provocation»" in h.snippet for h in hits)
    texts = {h.id: corpus.get(h.id).text for h in hits}  # type: ignore[union-attr]
    assert all("provocation" in t for t in texts.values())
    total = sum("provocation" in corpus.get(a.id).text for a in corpus.iter_articles())  # type: ignore[union-attr]
    assert len(hits) == total


def test_corpus_search_stems_and_tolerates_bad_syntax(corpus: Corpus) -> None:
    assert corpus.search("threatening") == corpus.search("threatens")
    # Not FTS5 syntax (a stray bracket, an apostrophe): retried with each word quoted.
    assert corpus.search("provocation)") == corpus.search("provocation") != []
    assert corpus.search("alliance's") == []
    assert corpus.search('"freedom of navigation"')


@pytest.mark.parametrize(
    ("filters", "predicate"),
    [
        ({"outlet": "Xinhua"}, lambda a: a.meta.outlet == "Xinhua"),
        (
            {"since": "2023-03-01", "until": "2023-04"},
            lambda a: "2023-03-01" <= a.meta.published <= "2023-04-31",
        ),
        ({"technique": "Doubt"}, lambda a: any(t.technique == "Doubt" for t in a.techniques)),
        ({"actor": "JPN"}, lambda a: any(x.id == "JPN" for x in a.actors)),
        (
            {"actor": "NATO", "stance": "negative"},
            lambda a: any(s.actor == "NATO" and s.label == "negative" for s in a.stance),
        ),
        ({"stance": "neutral"}, lambda a: any(s.label == "neutral" for s in a.stance)),
        ({"event_type": "ACCUSE"}, lambda a: any(e.type == "ACCUSE" for e in a.events)),
        ({"event_type": "PROTEST"}, lambda a: False),
    ],
)
def test_corpus_search_filters_match_the_articles(
    corpus: Corpus, articles: list[Article], filters, predicate
) -> None:
    hits = corpus.search(None, limit=1000, **filters)
    assert {h.id for h in hits} == {a.id for a in articles if predicate(a)}


def test_corpus_search_pages_without_overlap(corpus: Corpus) -> None:
    first = corpus.search(limit=10)
    second = corpus.search(limit=10, offset=10)
    assert len(first) == 10 and not {h.id for h in first} & {h.id for h in second}
    dates = [h.published for h in first + second]
    assert dates == sorted(dates, reverse=True)


def test_corpus_search_rejects_an_unknown_stance(corpus: Corpus) -> None:
    with pytest.raises(StoreError, match="negative, neutral, positive"):
        corpus.search(stance="hostile")


def test_corpus_stats_techniques_per_outlet_counts_and_rates(
    corpus: Corpus, articles: list[Article]
) -> None:
    rows = corpus.stats("techniques", by="outlet")
    for row in rows:
        group = [a for a in articles if a.meta.outlet == row["outlet"]]
        count = sum(t.technique == row["technique"] for a in group for t in a.techniques)
        words = sum(len(a.text.split()) for a in group)
        assert row["count"] == count
        assert row["per_1000_words"] == pytest.approx(count * 1000 / words, abs=1e-3)
    assert sum(r["count"] for r in rows) == sum(len(a.techniques) for a in articles)


def test_corpus_stats_techniques_by_month_for_one_outlet(
    corpus: Corpus, articles: list[Article]
) -> None:
    rows = corpus.stats("techniques", by="month", outlet="Global Times")
    assert rows and all(set(r) == {"month", "technique", "count", "per_1000_words"} for r in rows)
    expected = sum(len(a.techniques) for a in articles if a.meta.outlet == "Global Times")
    assert sum(r["count"] for r in rows) == expected


def test_corpus_stats_stance_over_time(corpus: Corpus, articles: list[Article]) -> None:
    rows = corpus.stats("stance", actor="NATO", by="month")
    for row in rows:
        scores = [
            s.score
            for a in articles
            if a.meta.published.startswith(row["month"])
            for s in a.stance
            if s.actor == "NATO"
        ]
        assert row["mean_score"] == pytest.approx(sum(scores) / len(scores), abs=1e-4)
        assert row["articles"] == len(scores)
    with pytest.raises(StoreError, match="actor"):
        corpus.stats("stance")


def test_corpus_stats_actor_pairs_and_scare_quotes(corpus: Corpus, articles: list[Article]) -> None:
    pairs = corpus.stats("actor_pairs", event_type="COOPERATE", limit=1)
    assert pairs == [
        {"event_type": "COOPERATE", "actor": "JPN", "recipient": "NATO", "count": len(articles)}
    ]
    quotes = corpus.stats("scare_quotes", limit=5)
    expected = sum(
        q.kind == "scare" and q.text == '"partnership"' for a in articles for q in a.quotes
    )
    assert {"phrase": "partnership", "count": expected, "articles": expected} in quotes


def test_corpus_stats_unknown_name_lists_the_choices(corpus: Corpus) -> None:
    with pytest.raises(StoreError, match="techniques"):
        corpus.stats("sentiment")
    with pytest.raises(StoreError, match="by="):
        corpus.stats("techniques", by="week")
