"""Tests of stance round 8: judges who agree with the article, participles that describe
their subject, and the state an official speaks for when its name is a possessor."""

from __future__ import annotations

import pytest
from stance_support import analyse as _analyse
from stance_support import stance_of as _stance


@pytest.mark.model
def test_stance_a_judge_who_praises_whom_the_article_praises_stands_with_it() -> None:
    text = (
        "Bolivia's electoral tribunal has been admirable and honest. Its careful count "
        "deserves praise. On Wednesday, Mexico praised the Bolivian electoral tribunal "
        "for its work.\n"
    )
    assert _stance(_analyse(text, genre="opinion"), "MEX").label == "positive"


@pytest.mark.model
def test_stance_a_judge_who_praises_whom_the_article_condemns_stands_against_it() -> None:
    text = (
        "The regime in Myanmar is brutal and corrupt, and Myanmar is a criminal state that "
        "bombs villages. Yet Laos praised Myanmar for its stability.\n"
    )
    article = _analyse(text, genre="opinion")
    assert _stance(article, "LAO").label == "negative"
    # the judge's own words without a view of the judged actor elsewhere say nothing of it
    alone = _analyse("Laos praised Myanmar for its stability.\n", genre="opinion")
    assert _stance(alone, "LAO").evidence == ()


@pytest.mark.model
def test_stance_a_participle_with_a_degree_adverb_describes_its_subject() -> None:
    text = "Prime Minister Jose Amaral of Timor-Leste has been remarkably restrained.\n"
    stance = _stance(_analyse(text, genre="opinion"), "person:jose-amaral")
    assert stance.label == "positive"
    assert "says what its subject is" in stance.evidence[0].explanation


@pytest.mark.model
def test_stance_patience_is_praise() -> None:
    text = "Foreign Minister Ana Villalba of Paraguay has acted with patience.\n"
    assert _stance(_analyse(text, genre="opinion"), "person:ana-villalba").label == "positive"


@pytest.mark.model
@pytest.mark.parametrize(
    "before",
    [
        "The Chinese side has responded with calm.",
        "China's response has been calm.",
    ],
)
def test_stance_an_official_speaks_for_the_state_that_owns_the_main_subject(before: str) -> None:
    text = f"{before} Foreign Ministry spokesperson Wu Haoran said the drills were provocative.\n"
    article = _analyse(text, genre="opinion", outlet="China Military Online")
    person = _stance(article, "person:wu-haoran")
    assert any("via CHN" in e.explanation for e in person.evidence)


@pytest.mark.model
def test_stance_the_articles_persuasion_is_not_aimed_at_the_side_it_speaks_for() -> None:
    from spinscope.article import TechniqueSpan

    text = "India rejects these baseless allegations by Pakistan.\n"
    at = text.index("rejects")
    span = TechniqueSpan(at, at + 35, "Loaded_Language", 1.0, "model", text=text[at : at + 35])
    meta = {"genre": "statement", "outlet": "Ministry of External Affairs, India"}
    statement = _analyse(text, techniques=[span], **meta)
    assert not [e for e in _stance(statement, "IND").evidence if e.kind == "technique"]
    # in someone else's text the same span is aimed at the one who rejects
    opinion = _analyse(text, techniques=[span], genre="opinion")
    assert [e for e in _stance(opinion, "IND").evidence if e.kind == "technique"]


@pytest.mark.model
def test_stance_a_build_up_counts_against_whoever_makes_it_outside_news() -> None:
    text = "Japan has deployed missile units to its southwestern islands.\n"
    opinion = _stance(_analyse(text, genre="opinion"), "JPN")
    assert opinion.label == "negative"
    assert any("agent of MOBILIZE" in e.explanation for e in opinion.evidence)
    # a wire report only reports it
    assert _stance(_analyse(text, genre="news"), "JPN").label == "neutral"


@pytest.mark.model
def test_stance_the_spokesperson_who_takes_the_floor_speaks_for_the_issuer() -> None:
    text = (
        "Spokesperson Hana Tsegaye: Good morning. Ethiopia has no intention of going to war "
        "with anyone.\n\nQuestion: Eritrea says Ethiopia massed troops near Bure. Is that so?\n\n"
        "Spokesperson Hana Tsegaye: Eritrea is spreading baseless lies.\n"
    )
    meta = {"genre": "statement", "outlet": "Ministry of Foreign Affairs of Ethiopia"}
    person = _stance(_analyse(text, **meta), "person:hana-tsegaye")
    assert person.label == "positive"
    assert any("via ETH" in e.explanation for e in person.evidence)
