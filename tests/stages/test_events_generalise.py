"""Tests of event readings added for news text the rules were not tuned on (third round)."""

from __future__ import annotations

import pytest

from spinscope.article import Article, Event
from spinscope.stages.actors import ActorsStage
from spinscope.stages.events import EventsStage


def _events(text: str) -> list[Event]:
    article = ActorsStage.from_config({})(Article.from_text(text))
    article.dates = []
    return EventsStage.from_config({})(article).events


def _triples(text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.type, e.actors, e.recipients) for e in _events(text)]


@pytest.mark.model
def test_events_sentence_opening_pronoun_takes_previous_subject() -> None:
    text = (
        "The Kenyan government said the talks had failed. "
        "It has since requested an emergency meeting of the African Union."
    )
    requests = [e for e in _events(text) if e.type == "REQUEST"]
    assert requests, _triples(text)
    assert "KEN" in requests[0].actors
    assert "AU" in requests[0].recipients


@pytest.mark.model
def test_events_sentence_opening_pronoun_needs_an_antecedent_of_its_kind() -> None:
    # "It" cannot stand for a person
    text = "Prime Minister Jonas Berg spoke on Monday. It has since requested help from Norway."
    assert not [e for e in _events(text) if e.type == "REQUEST" and e.actors], _triples(text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Poland claimed that Belarus was pushing migrants toward its border.", "POL", "BLR"),
        ("South Korea alleged that North Korea had jammed GPS signals.", "KOR", "PRK"),
    ],
)
def test_events_claimed_conduct_of_another_side_accuses_it(
    text: str, actor: str, recipient: str
) -> None:
    accusations = [e for e in _events(text) if e.type == "ACCUSE" and actor in e.actors]
    assert accusations, _triples(text)
    assert recipient in accusations[0].recipients


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a claim in another side's favour is no accusation
        "A State Department spokesman claimed that Egypt had the right to defend itself.",
        # nor is what a side claims of itself
        "Spain claimed that it had always respected the treaty.",
    ],
)
def test_events_claims_that_are_no_accusations(text: str) -> None:
    assert not [e for e in _events(text) if e.type == "ACCUSE"], _triples(text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a police raid is coercion, not an armed attack
        ("Peruvian police stormed the Bolivian embassy in Lima.", ("COERCE", "PER", "BOL")),
        ("Serbian troops stormed the Croatian embassy.", ("ASSAULT", "SRB", "HRV")),
        ("Ghana broke off diplomatic relations with Togo.", ("SANCTION", "GHA", "TGO")),
        ("Washington blocks Havana from buying medicines.", ("COERCE", "USA", "CUB")),
    ],
)
def test_events_lexicon_rows_for_news_verbs(text: str, expected: tuple[str, str, str]) -> None:
    kind, actor, recipient = expected
    found = _triples(text)
    assert any(t == kind and actor in a and recipient in r for t, a, r in found), found


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Peru spent two years preparing the census.",
        "Chile is paying 2 billion dollars for French trains.",
    ],
)
def test_events_spending_and_buying_are_no_events(text: str) -> None:
    assert not [e for e in _events(text) if e.type in ("MOBILIZE", "AID")], _triples(text)


@pytest.mark.model
def test_events_spending_on_arms_is_mobilize() -> None:
    text = "Poland will spend 40 billion dollars on tanks and artillery."
    assert ("MOBILIZE", ("POL",), ()) in _triples(text)
