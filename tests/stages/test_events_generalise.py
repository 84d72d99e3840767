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


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # an offer, even with the infinitive parsed as an adverbial clause
        (
            "Chilean diplomats have offered on many occasions to discuss fishing with Peru.",
            "CONSULT",
        ),
        # an obligation not yet met
        ("Sooner or later, Ankara will have to talk to Athens again.", "CONSULT"),
        # a question
        ("One wonders which Polish voters asked him to visit Minsk.", "REQUEST"),
        # a condition awaited
        ("Kenya urged donors to suspend aid until Somali troops have withdrawn.", "RETREAT"),
    ],
)
def test_events_what_is_offered_owed_asked_or_awaited_is_not_done(text: str, kind: str) -> None:
    assert not [e for e in _events(text) if e.type == kind], _triples(text)


@pytest.mark.model
def test_events_past_obligation_was_done() -> None:
    text = "Ankara had to talk to Athens."
    assert [e for e in _events(text) if e.type == "CONSULT"], _triples(text)


@pytest.mark.model
def test_events_refusal_to_sign_is_reject_aimed_at_the_awaited_side() -> None:
    text = "Serbia would not sign the agreement until Kosovo changes its laws."
    assert ("REJECT", ("SRB",), ("XKX",)) in _triples(text)


@pytest.mark.model
def test_events_joining_a_bloc_is_cooperation_with_it() -> None:
    assert ("COOPERATE", ("MNE",), ("NATO",)) in _triples("Montenegro joined NATO in 2017.")
    # a wish to join is no accession
    found = _triples("Hungary dropped its objections to Sweden joining NATO.")
    assert all(t != "COOPERATE" for t, _, _ in found), found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Australia added the Wagner Group to its list of terrorist organisations.",
            ("SANCTION", "AUS"),
        ),
        ("Latvia followed Lithuania in imposing sanctions on Belarus.", ("SANCTION", "LVA")),
    ],
)
def test_events_designation_and_following_in_an_act(text: str, expected: tuple[str, str]) -> None:
    kind, actor = expected
    assert [e for e in _events(text) if e.type == kind and actor in e.actors], _triples(text)


@pytest.mark.model
def test_events_reserving_the_right_to_reciprocal_measures_answers_the_hostile_act() -> None:
    text = (
        "Norway expelled two Russian diplomats on Monday. "
        "Russia said it reserved the right to take reciprocal measures."
    )
    threats = [e for e in _events(text) if e.type == "THREATEN" and "RUS" in e.actors]
    assert threats, _triples(text)
    assert "NOR" in threats[0].recipients


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "A Peruvian soldier was killed in an exchange of fire with Ecuadorian troops.",
        "Clashes between Armenian and Azerbaijani forces killed four soldiers.",
        "Indian troops clashed with Chinese soldiers in the valley.",
    ],
)
def test_events_fighting_between_two_sides_is_a_symmetric_assault(text: str) -> None:
    assaults = [e for e in _events(text) if e.type == "ASSAULT"]
    assert assaults, _triples(text)
    states = {a.split("-")[0] for a in assaults[0].actors}
    assert len(states) == 2, _triples(text)
    assert assaults[0].recipients == ()


@pytest.mark.model
def test_events_verb_after_a_turn_label_keeps_its_subject() -> None:
    text = "Question: The Turkish foreign minister, Ayse Demir, accused Greece of provocations."
    accusations = [e for e in _events(text) if e.type == "ACCUSE"]
    assert accusations, _triples(text)
    assert "TUR" in accusations[0].actors
    assert "GRC" in accusations[0].recipients


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        (
            "Ankara sent food to the region after the floods, a gesture for which Baghdad "
            "publicly thanked it.",
            "SUPPORT",
            "IRQ",
            "TUR",
        ),
        (
            "When Polish senators tried to enter the country, Belarus refused them entry.",
            "REJECT",
            "BLR",
            "POL",
        ),
    ],
)
def test_events_object_pronoun_is_an_earlier_subject_of_another_side(
    text: str, kind: str, actor: str, recipient: str
) -> None:
    events = [e for e in _events(text) if e.type == kind and actor in e.actors]
    assert events, _triples(text)
    assert recipient in events[0].recipients


@pytest.mark.model
def test_events_call_on_an_unlinked_addressee_is_a_request_without_recipient() -> None:
    text = (
        "Jordan has called on the international community to help the refugees. "
        "Jordan hosts two million refugees."
    )
    assert ("REQUEST", ("JOR",), ()) in _triples(text)


@pytest.mark.model
def test_events_partners_of_a_side_are_not_that_side() -> None:
    text = "Ukraine called on the partners of Russia to stop buying its oil."
    found = _triples(text)
    assert all("RUS" not in r for t, _, r in found if t == "REQUEST"), found
