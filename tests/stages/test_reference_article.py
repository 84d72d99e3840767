"""The issue-3 acceptance checks on the reference article (read from ../shared, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.api import analyze
from spinscope.article import Article

REFERENCE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "examples"
    / "china-military-online-2023-07-06.txt"
)

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/examples is not available"),
]


@pytest.fixture(scope="module")
def article() -> Article:
    return analyze(REFERENCE, stages=["metadata", "actors", "dates", "quotes", "events", "stance"])


def test_reference_actors(article: Article) -> None:
    assert {"JPN", "NATO", "CHN", "USA", "GBR"} <= {a.id for a in article.actors}


def test_reference_japan_and_nato_negative_with_evidence(article: Article) -> None:
    stance = {s.actor: s for s in article.stance}
    for actor in ("JPN", "NATO"):
        assert stance[actor].label == "negative"
        assert stance[actor].evidence
        for ev in stance[actor].evidence:
            assert article.text[ev.start : ev.end] == ev.text
    assert {"colluding", "collusion", "smearing", "sinister"} & {
        e.text for e in stance["JPN"].evidence
    }


def test_reference_dated_events(article: Article) -> None:
    def dated(kind: str, actors: set[str]) -> set[str | None]:
        return {
            e.date.value if e.date else None
            for e in article.events
            if e.type == kind and actors <= set(e.actors)
        }

    assert "2023-01" in dated("AGREE", {"GBR", "JPN"})
    assert "2015" in dated("COOPERATE", {"JPN", "USA"})
    mobilize = [e for e in article.events if e.type == "MOBILIZE" and "JPN" in e.actors]
    assert any(e.date and "2009" in (e.date.value or "") for e in mobilize)


def test_reference_japan_accuses_china(article: Article) -> None:
    assert any(
        e.type == "ACCUSE" and "JPN" in e.actors and "CHN" in e.recipients for e in article.events
    )
