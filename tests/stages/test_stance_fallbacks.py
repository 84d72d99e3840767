"""Tests of stance rounds 10 and 11: what an actor that no evidence reaches is given.

Civilians are sympathetic, a state's bodies and people share its treatment, a person who spoke
to the article is its source, and an actor keeps the company it is named in; haste ("quick to",
"rushed to") is a commentator's reproach."""

from __future__ import annotations

import pytest
from stance_support import analyse as _analyse
from stance_support import stance_of as _stance

from spinscope.article import Mention, Quote


@pytest.mark.model
def test_stance_civilians_with_no_evidence_are_sympathetic_outside_news() -> None:
    text = "Kenyan farmers sold maize at the border market on Monday.\n"
    opinion = _stance(_analyse(text, genre="opinion"), "KEN-CVL")
    assert opinion.label == "positive"
    assert opinion.evidence[0].explanation.startswith("civilians")
    # a wire story's low weight stays under the news threshold
    assert _stance(_analyse(text, genre="news"), "KEN-CVL").label == "neutral"


@pytest.mark.model
def test_stance_a_body_with_no_evidence_shares_its_states_treatment() -> None:
    text = (
        "Japan is colluding with NATO to contain its neighbours. "
        "Japanese journalists met on Monday.\n"
    )
    article = _analyse(text, genre="opinion")
    media = _stance(article, "JPN-MED")
    assert media.label == "negative"
    assert all(e.explanation.startswith("via JPN (no evidence of its own)") for e in media.evidence)
    # at half the state's weight
    assert abs(media.evidence[0].weight) == pytest.approx(
        abs(_stance(article, "JPN").evidence[0].weight) / 2
    )


@pytest.mark.model
def test_stance_a_body_with_evidence_of_its_own_keeps_it() -> None:
    text = (
        "Japan is colluding with NATO to contain its neighbours. "
        "Japanese journalists have been brave and honest.\n"
    )
    media = _stance(_analyse(text, genre="opinion"), "JPN-MED")
    assert media.label == "positive"
    assert not any("via JPN" in e.explanation for e in media.evidence)


def _minister_quote(text: str, cue: str) -> Quote:
    """The direct quote between the text's first and last quotation marks, by Chanda Mwale."""
    start, end = text.index('"') + 1, text.rindex('"')
    end = end - 1 if text[end - 1] == "," else end
    name = text.index("Chanda")
    return Quote(
        start,
        end,
        text[start:end],
        "direct",
        speaker="person:chanda-mwale",
        speaker_mention=Mention(name, name + 12, "Chanda Mwale"),
        cue=cue,
    )


def _interview(listener: str) -> tuple[str, Quote]:
    text = (
        "Finance Minister Chanda Mwale remembers those months. "
        f'"Our partners stood with us," he told {listener}.\n'
    )
    return text, _minister_quote(text, "told")


@pytest.mark.model
@pytest.mark.parametrize(
    ("listener", "sourced"), [("Xinhua", True), ("me", True), ("reporters", False)]
)
def test_stance_a_person_who_spoke_to_the_article_is_its_source(
    listener: str, sourced: bool
) -> None:
    text, quote = _interview(listener)
    article = _analyse(text, quotes=[quote], genre="opinion", outlet="Xinhua")
    minister = _stance(article, "person:chanda-mwale")
    assert (minister.label == "positive") is sourced
    assert any("own interview" in e.explanation for e in minister.evidence) is sourced


@pytest.mark.model
def test_stance_told_inside_the_quote_is_not_an_interview() -> None:
    text = 'Minister Chanda Mwale said: "They told us to wait."\n'
    quote = _minister_quote(text, "said")
    article = _analyse(text, quotes=[quote], genre="opinion", outlet="Xinhua")
    minister = _stance(article, "person:chanda-mwale")
    assert not any("own interview" in e.explanation for e in minister.evidence)


@pytest.mark.model
def test_stance_one_who_supports_an_actor_the_article_praises_is_treated_well() -> None:
    text = "Cuba is a brave and dignified nation. Bolivia supported Cuba at the United Nations.\n"
    bolivia = _stance(_analyse(text, genre="opinion"), "BOL")
    assert bolivia.label == "positive"
    assert "works with CUB (SUPPORT)" in bolivia.evidence[0].explanation


@pytest.mark.model
def test_stance_one_named_together_with_an_actor_shares_its_treatment() -> None:
    text = (
        "France is arrogant and hypocritical. In March, France and the Netherlands asked the "
        "EU to act.\n"
    )
    netherlands = _stance(_analyse(text, genre="opinion"), "NLD")
    assert netherlands.label == "negative"
    assert "named together with FRA" in netherlands.evidence[0].explanation


@pytest.mark.model
def test_stance_a_judges_own_praise_does_not_come_back_to_the_judge() -> None:
    # Myanmar's only evidence is Laos's praise: that is no view of Myanmar to align Laos with.
    article = _analyse("Laos praised Myanmar for its stability.\n", genre="opinion")
    assert _stance(article, "LAO").evidence == ()


@pytest.mark.model
def test_stance_a_legislature_shares_its_states_treatment_as_an_organ_does() -> None:
    text = (
        "Japan is colluding with NATO to contain its neighbours. "
        "Japanese lawmakers have been honest.\n"
    )
    article = _analyse(text, genre="opinion")
    legislature = _stance(article, "JPN-LEG")
    assert any(e.explanation.startswith("via JPN:") for e in legislature.evidence)
    assert any(e.explanation.startswith("'honest'") for e in legislature.evidence)
    assert any(e.explanation.startswith("via JPN-LEG:") for e in _stance(article, "JPN").evidence)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Brussels has been quick to claim a share of the credit.", "EU"),
        ("Washington, as usual, rushed to take sides.", "USA"),
    ],
)
def test_stance_haste_is_a_commentators_reproach(text: str, actor: str) -> None:
    assert _stance(_analyse(text + "\n", genre="opinion"), actor).label == "negative"


@pytest.mark.model
def test_stance_solidarity_says_nothing_of_the_one_stood_with() -> None:
    text = "Britain has been reckless. NATO stood in full solidarity with Belgium.\n"
    article = _analyse(text, genre="opinion")
    assert not any(e.text == "solidarity" for e in _stance(article, "BEL").evidence)
    # "colluding with" still implicates the partner
    collusion = _analyse("Japan is colluding with NATO.\n", genre="opinion")
    assert _stance(collusion, "NATO").label == "negative"


@pytest.mark.model
def test_stance_an_issuers_office_words_are_no_newsroom() -> None:
    text, quote = _interview("Foreign ministers")
    article = _analyse(text, quotes=[quote], genre="opinion", outlet="Ministry of Foreign Affairs")
    minister = _stance(article, "person:chanda-mwale")
    assert not any("own interview" in e.explanation for e in minister.evidence)
