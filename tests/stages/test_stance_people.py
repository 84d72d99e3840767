"""Tests of the fourth round of stance rules: officials, their states, and alignment."""

from __future__ import annotations

import pytest
from stance_support import analyse as _analyse
from stance_support import stance_of as _stance

from spinscope.article import Actor
from spinscope.stages.stance import _body_of


@pytest.mark.model
def test_stance_official_without_a_country_speaks_for_the_state_just_named() -> None:
    article = _analyse(
        "Russia ruthlessly shelled the peaceful town on Monday. Presidential spokesman "
        "Ivan Petrov said the town had been a base.",
        genre="opinion",
    )
    petrov = _stance(article, "person:ivan-petrov")
    assert petrov.label == "negative"
    assert any(e.explanation.startswith("via RUS:") for e in petrov.evidence)
    # The actors layer itself keeps what it found.
    assert next(a for a in article.actors if a.id == "person:ivan-petrov").country is None


@pytest.mark.model
def test_stance_official_state_is_a_main_subject_not_one_of_a_subclause() -> None:
    article = _analyse(
        "Iran has kept supplying gas to its neighbour, even as Washington brutally blocks "
        "the payments. Foreign Ministry spokesman Reza Karimi said the aid would go on.",
        genre="opinion",
    )
    karimi = _stance(article, "person:reza-karimi")
    assert not any(e.explanation.startswith("via USA") for e in karimi.evidence)
    assert karimi.label != "negative"


_CONDEMNED = "Russia ruthlessly shelled the peaceful town and brutally murdered its people. "


@pytest.mark.model
@pytest.mark.parametrize(
    ("act", "aligned"),
    [
        ("Moscow also stands firmly behind Serbia.", True),
        # Aid often goes to those the text pities: it aligns no one.
        ("Moscow also sent humanitarian aid to Serbia.", False),
    ],
)
def test_stance_backed_by_a_condemned_actor_shares_its_blame(act: str, aligned: bool) -> None:
    serbia = _stance(_analyse(_CONDEMNED + act, genre="opinion"), "SRB")
    kinds = [e.kind for e in serbia.evidence]
    assert ("alignment" in kinds) is aligned
    assert (serbia.label == "negative") is aligned


@pytest.mark.model
def test_stance_alignment_is_not_read_in_news() -> None:
    article = _analyse(_CONDEMNED + "Moscow also stands firmly behind Serbia.", genre="news")
    assert not any(e.kind == "alignment" for e in _stance(article, "SRB").evidence)


@pytest.mark.model
def test_stance_a_persons_evidence_reaches_the_body_their_title_names() -> None:
    article = _analyse(
        "The Czech Senate met on Monday. Czech Senate Vice President Tomas Novak shamelessly "
        "lied to the voters.",
        genre="opinion",
    )
    senate = _stance(article, "CZE-LEG")
    assert senate.label == "negative"
    assert all(e.explanation.startswith("via person:tomas-novak:") for e in senate.evidence)
    # One way only: the body's evidence does not come back to the person a second time.
    novak = _stance(article, "person:tomas-novak")
    assert not any("via CZE-LEG" in e.explanation for e in novak.evidence)


@pytest.mark.parametrize(
    ("role", "affiliation", "body"),
    [
        ("Czech Senate Vice President", None, "CZE-LEG"),
        ("President of the Czech Senate", None, "CZE-LEG"),
        ("Foreign Ministry spokesperson", None, "CZE-GOV"),
        ("Defence Minister", None, "CZE-MIL"),
        ("Kremlin spokesman", None, "CZE-GOV"),
        ("opposition leader", None, None),
        ("former Foreign Minister", None, None),
        ("party leader", None, None),
        ("analyst", "Charles University", None),
    ],
)
def test_stance_body_of_a_title_is_its_institution(
    role: str, affiliation: str | None, body: str | None
) -> None:
    person = Actor(
        id="person:x", name="X", kind="person", country="CZE", role=role, affiliation=affiliation
    )
    assert _body_of(person) == body


@pytest.mark.model
def test_stance_an_opposition_leader_does_not_speak_for_the_government() -> None:
    article = _analyse(
        "The Russian government announced new taxes on Monday. Russian opposition leader "
        "Ivan Petrov shamelessly lied to the voters.",
        genre="opinion",
    )
    government = _stance(article, "RUS-GOV")
    assert not any("person:ivan-petrov" in e.explanation for e in government.evidence)
