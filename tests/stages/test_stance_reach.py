"""Tests of the second round of stance rules: how far judgements reach, and whose side."""

from __future__ import annotations

import pytest
from stance_support import analyse as _analyse
from stance_support import stance_of as _stance

from spinscope.article import Article, Quote, Stance
from spinscope.stages.actors import ActorsStage


def _texts(stance: Stance) -> set[str]:
    return {e.text for e in stance.evidence}


@pytest.mark.model
def test_stance_a_clause_of_its_own_keeps_its_polarity() -> None:
    text = "Turkey said it would not stand by while Syria destabilises the border region."
    article = _analyse(text, genre="opinion")
    syria = _stance(article, "SYR")
    assert syria.label == "negative"
    assert not any("negated" in e.explanation for e in syria.evidence)


@pytest.mark.model
def test_stance_the_voice_does_not_speak_ill_of_itself() -> None:
    text = "Poland will pursue its claims for compensation. Germany has refused to pay."
    article = _analyse(text, genre="statement", outlet="Ministry of Foreign Affairs, Poland")
    poland = _stance(article, "POL")
    assert "claims" not in _texts(poland)
    assert poland.label == "positive"


@pytest.mark.model
def test_stance_the_voices_scare_quotes_are_not_its_own_words() -> None:
    text = 'The European Union rejects the so-called "sovereignty law" adopted in Serbia.'
    start = text.index('"') + 1
    end = text.index('"', start)
    quote = Quote(start, end, text[start:end], "scare")
    article = _analyse(
        text, quotes=[quote], genre="statement", outlet="Council of the European Union"
    )
    assert not [e for e in _stance(article, "EU").evidence if e.kind == "quote"]


@pytest.mark.model
def test_stance_a_list_of_names_is_read_from_the_text_not_only_the_parse() -> None:
    from spinscope.nlp import parse
    from spinscope.stages.stance_words import StanceParticipants

    text = "Norway welcomes the statements of Sweden, Viet Nam and Chile, which also rejected it."
    article = ActorsStage.from_config({})(Article.from_text(text, genre="opinion"))
    doc = parse(article)
    people = StanceParticipants(doc, article)
    sweden = next(t for t in doc if t.text == "Sweden")
    assert people.listed_with(sweden) == ["VNM", "CHL"]
    assert {"SWE", "VNM", "CHL"} <= set(people.of(sweden))
    norway = next(t for t in doc if t.text == "Norway")
    assert people.listed_with(norway) == []


@pytest.mark.model
def test_stance_a_new_clause_after_a_comma_is_not_the_list() -> None:
    text = "Russia brutally attacked Georgia, and Armenia watched the talks."
    article = _analyse(text, genre="opinion")
    assert "brutally" not in _texts(_stance(article, "ARM"))


@pytest.mark.model
def test_stance_a_named_group_of_states_stands_for_them() -> None:
    text = "The Quartet of Britain, France and Germany bullied Iran again."
    article = _analyse(text, genre="opinion")
    for state in ("GBR", "FRA", "DEU"):
        assert _stance(article, state).label == "negative", state


@pytest.mark.model
def test_stance_backing_the_voices_friend_is_friendly_and_hurting_it_hostile() -> None:
    text = (
        "Venezuela firmly supports Cuba. Bolivia also supported Cuba in the vote. "
        "Chile rejected the Cuban proposal."
    )
    article = _analyse(text, genre="statement", outlet="Ministry of Foreign Affairs, Venezuela")
    bolivia = _stance(article, "BOL")
    assert bolivia.label == "positive"
    assert any("on the side the article speaks for" in e.explanation for e in bolivia.evidence)
    chile = _stance(article, "CHL")
    assert chile.label == "negative"
    assert any("whom VEN" in e.explanation for e in chile.evidence)


@pytest.mark.model
def test_stance_a_refused_act_is_not_held_against_the_one_who_refused() -> None:
    article = _analyse("Australia refused to retaliate against China.", genre="opinion")
    assert not [e for e in _stance(article, "AUS").evidence if e.weight < 0]


@pytest.mark.model
def test_stance_the_publics_objection_is_not_hostility() -> None:
    article = _analyse("Most Japanese citizens oppose the new tax.", genre="opinion")
    assert not [e for e in _stance(article, "JPN-CVL").evidence if e.weight < 0]


@pytest.mark.model
def test_stance_what_an_actor_is_held_to_account_for_is_its_own_deed() -> None:
    text = "The EU sent a letter to the Serbian government for breaching the accord."
    article = _analyse(text, genre="statement", outlet="Council of the European Union")
    serbia = _stance(article, "SRB-GOV")
    assert serbia.label == "negative"
    assert any("held to account" in e.explanation for e in serbia.evidence)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor", "label"),
    [
        ("Sri Lanka, to its credit, banned the survey ships.", "LKA", "positive"),
        ("Envoy Karl Mertens repeated the tired claim that sanctions work.", None, "negative"),
        ("Brasilia chose to kneel before Washington.", "BRA", "negative"),
        ("Canada has had nothing to say about the raids.", "CAN", "negative"),
    ],
)
def test_stance_lexicon_idioms_of_commentary(text: str, actor: str | None, label: str) -> None:
    article = _analyse(text, genre="opinion")
    stance = _stance(article, actor or "person:karl-mertens")
    assert stance.label == label


@pytest.mark.model
def test_stance_an_act_the_text_praises_is_not_held_against_its_doer() -> None:
    article = _analyse("Japan rightly expelled the spies.", genre="opinion")
    japan = _stance(article, "JPN")
    assert japan.label == "positive"
    assert not [e for e in japan.evidence if e.weight < 0]


@pytest.mark.model
def test_stance_no_sympathy_for_a_deed_only_threatened() -> None:
    article = _analyse("Nigeria made threats to invade Benin.", genre="opinion")
    assert _stance(article, "NGA").label == "negative"
    assert not [e for e in _stance(article, "BEN").evidence if e.weight > 0]


@pytest.mark.model
def test_stance_scare_quotes_count_toward_condemnation() -> None:
    text = 'Paris kept lecturing Africans about "democracy" and "values". Paris dismissed the demand of Niger.'
    quotes = [
        Quote(text.index(w), text.index(w) + len(w), w, "scare") for w in ("democracy", "values")
    ]
    article = _analyse(text, quotes=quotes, genre="opinion")
    niger = _stance(article, "NER")
    assert niger.label == "positive"
    assert any("whom the article condemns" in e.explanation for e in niger.evidence)
