"""Tests of stance rules written against the fresh dev batches dev-84..143: joint statements,
verdicts and silence, gratitude, and the sign of the net evidence."""

from __future__ import annotations

import pytest
from stance_support import analyse as _analyse
from stance_support import stance_of as _stance

from spinscope.article import Article
from spinscope.stages.actors import ActorsStage


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The foreign ministers of Greece and Cyprus protested to Turkey about the drilling.\n",
        "Greece and Cyprus accused Turkey of drilling in their waters.\n",
    ],
)
def test_stance_a_co_issuer_of_a_joint_statement_is_not_blamed_for_its_protests(
    text: str,
) -> None:
    meta = {"genre": "statement", "outlet": "Ministry of Foreign Affairs, Greece"}
    joint = _analyse(
        text, title="Joint Communique of the Hellenic Republic and the Republic of Cyprus", **meta
    )
    assert _stance(joint, "CYP").label != "negative"
    assert _stance(joint, "TUR").label == "negative"
    # a statement of Greece alone counts Cyprus's part in the act as Cyprus's own
    single = _analyse(text, title="Statement on the drilling", **meta)
    assert _stance(single, "CYP").label == "negative"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor", "label"),
    [
        (
            "Foreign Minister Ratna Wibisono said in September that the approach had opened "
            "doors. She was right.",
            "person:ratna-wibisono",
            "positive",
        ),
        ("Japan was wrong to release the water.", "JPN", "negative"),
        ("Bhutan did better.", "BTN", "positive"),
        ("Washington, which lectures everyone else, has not said a word.", "USA", "negative"),
        ("Washington has barely said a word.", "USA", "negative"),
        ("Yet the OAS has not issued a single word about the clash.", "OAS", "negative"),
        ("Brussels kept silent about the raid.", "EU", "negative"),
        # a prescription to do better is no praise, and a hypothetical word is no silence
        ("Japan must do better.", "JPN", "neutral"),
        ("Before Tokyo could say a word, the ships had left.", "JPN", "neutral"),
    ],
)
def test_stance_verdicts_on_an_actor_and_its_silence(text: str, actor: str, label: str) -> None:
    assert _stance(_analyse(text, genre="opinion"), actor).label == label


@pytest.mark.model
def test_stance_gratitude_reaches_every_coordinated_phrase_and_a_noun_tagged_verb() -> None:
    meta = {"genre": "statement", "outlet": "Ministry of Foreign Affairs of Djibouti"}
    article = _analyse(
        "The Government expresses its gratitude to the African Union Commission and to the "
        "State of Qatar for its readiness to help.",
        **meta,
    )
    assert _stance(article, "QAT").label == "positive"
    article = _analyse(
        "Papua New Guinea thanks the Government of Vanuatu for its solidarity.", **meta
    )
    assert _stance(article, "VUT-GOV").label == "positive"


def _stance_with(text: str, settings: dict[str, float]) -> list[tuple[str, str]]:
    from spinscope.stages.events import EventsStage
    from spinscope.stages.stance import StanceStage

    article = ActorsStage.from_config({})(Article.from_text(text, genre="opinion"))
    article.dates, article.quotes, article.techniques = [], [], []
    article = StanceStage.from_config(settings)(EventsStage.from_config({})(article))
    return [(s.actor, s.label) for s in article.stance]


@pytest.mark.model
def test_stance_threshold_is_a_band_around_zero_and_no_evidence_stays_neutral() -> None:
    weak = "Bulgaria has blocked the talks."  # one weak word: -0.2 of evidence
    assert _stance_with(weak, {}) == [("BGR", "negative")]
    # spread over a scale of 10 the score is -0.02: inside the old band of 0.1, outside the
    # default one of 0.01
    assert _stance_with(weak, {"scale": 10.0}) == [("BGR", "negative")]
    assert _stance_with(weak, {"scale": 10.0, "threshold": 0.1}) == [("BGR", "neutral")]
    # with no band at all, an actor with no evidence (score 0) is still neutral
    labels = {label for _, label in _stance_with("Canada and Chile met.", {"threshold": 0.0})}
    assert labels == {"neutral"}


@pytest.mark.model
def test_stance_every_issuer_a_joint_statements_title_names_speaks_in_it() -> None:
    article = _analyse(
        "The two Ministers noted that Ghana and Cote d'Ivoire produce most of the world's cocoa.",
        genre="statement",
        outlet="Ministry of Foreign Affairs, Ghana",
        title="Joint Communique of the Republic of Cote d'Ivoire and the Republic of Ghana",
    )
    civ = _stance(article, "CIV")
    assert civ.label == "positive"
    assert any("joint statement" in e.explanation for e in civ.evidence)


@pytest.mark.model
def test_stance_thanks_reach_the_names_among_them() -> None:
    article = _analyse(
        "Sri Lanka thanks the members of the Council that voted against the resolution "
        "yesterday, among them China, Cuba, Bolivia and Viet Nam.",
        genre="statement",
        outlet="Ministry of Foreign Affairs of Sri Lanka",
    )
    for state in ("CHN", "CUB", "BOL", "VNM"):
        assert _stance(article, state).label == "positive"
