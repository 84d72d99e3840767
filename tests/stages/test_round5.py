"""Tests of the fifth round: statement cues in the title and outlet, joint statements, and
names the small NER model misses."""

from __future__ import annotations

import pytest
from stance_support import analyse as _analyse
from stance_support import stance_of as _stance

from spinscope.article import Article
from spinscope.stages.actors import ActorsStage, joint_issuers
from spinscope.stages.metadata import detect_genre

_BODY = "The two ministers met in the capital today and discussed the situation at sea.\n"


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Joint Communique of the Foreign Ministers of Ruritania and Freedonia", "Harbour Weekly"),
        ("Press Conference by Press Secretary Aiko Mori", "Ministry of Foreign Affairs of Japan"),
        ("Remarks on the fishing dispute", "Ministry of Foreign Affairs of Japan"),
    ],
)
def test_metadata_title_or_issuing_outlet_makes_a_statement(title: str, outlet: str) -> None:
    article = Article.from_text(_BODY, title=title, outlet=outlet)
    assert detect_genre(article)[0] == "statement"


def test_metadata_a_news_title_about_a_press_conference_is_no_statement_cue() -> None:
    # only the wire dateline decides; "press conference" in the body opening is no cue
    body = "Officials held a press conference on Monday about the talks, a source said.\n"
    article = Article.from_text(body, title="Talks stall", outlet="Harbour Weekly")
    assert detect_genre(article)[0] is None


def test_joint_issuers_are_the_states_a_joint_statements_title_names() -> None:
    article = Article.from_text(
        _BODY,
        title="Joint Statement of the Governments of the Hellenic Republic and the Republic of Cyprus",
        genre="statement",
    )
    assert joint_issuers(article) == ["GRC", "CYP"]
    article.meta.title = "Statement on the Hellenic Republic and the Republic of Cyprus"
    assert joint_issuers(article) == []
    article.meta.title = "Joint Statement of the Hellenic Republic and the Republic of Cyprus"
    article.meta.genre = "news"
    assert joint_issuers(article) == []


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


def _people(text: str) -> set[str]:
    article = ActorsStage.from_config({})(Article.from_text(text))
    return {a.id for a in article.actors if a.kind == "person"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Last month, Polish Agriculture Minister Tomasz Wielgosz assured his Ukrainian "
            "counterpart that the ban would end.",
            "person:tomasz-wielgosz",
        ),
        (
            "Paraguay's chief negotiator, Ana Villalba, has handled all this with patience.",
            "person:ana-villalba",
        ),
        (
            'Valentina Petrova is 78 years old. She was born in Riga. "But my Russia is this '
            'street," Petrova told reporters.',
            "person:valentina-petrova",
        ),
    ],
)
def test_actors_a_name_the_ner_misses_is_a_person_when_the_text_says_so(
    text: str, person: str
) -> None:
    assert person in _people(text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a document and an agency are not people, even as the subject of a speech verb
        "The Defense White Paper said that the threat had grown. The Paper added a map.",
        "Officials of the Defense Acquisition Program Administration said the deal was signed.",
        # two capitalised words with no cue that they name a person
        "Delegates met at Marble Hall on Tuesday to discuss the harbour.",
    ],
)
def test_actors_capitalised_runs_without_a_person_cue_are_not_people(text: str) -> None:
    assert not {
        p
        for p in _people(text)
        if p
        in (
            "person:white-paper",
            "person:marble-hall",
            "person:acquisition-program-administration",
            "person:defense-white-paper",
        )
    }


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
        ("Brussels kept silent about the raid.", "EU", "negative"),
        # a prescription to do better is no praise, and a hypothetical word is no silence
        ("Japan must do better.", "JPN", "neutral"),
        ("Before Tokyo could say a word, the ships had left.", "JPN", "neutral"),
    ],
)
def test_stance_verdicts_on_an_actor_and_its_silence(text: str, actor: str, label: str) -> None:
    assert _stance(_analyse(text, genre="opinion"), actor).label == label


@pytest.mark.model
def test_actors_a_role_before_the_name_gives_the_persons_country() -> None:
    article = ActorsStage.from_config({})(
        Article.from_text(
            "Paraguay's chief negotiator, Ana Villalba, has handled all this with patience."
        )
    )
    person = next(a for a in article.actors if a.id == "person:ana-villalba")
    assert person.country == "PRY"
    assert person.role == "Paraguay's chief negotiator"


@pytest.mark.model
def test_actors_an_embassy_the_ner_tags_as_a_building_is_the_mission() -> None:
    article = ActorsStage.from_config({})(
        Article.from_text(
            "Arakawa lodged a strong protest with the Minister-Counsellor of the Russian "
            "Embassy in Tokyo."
        )
    )
    assert "RUS-GOV" in {a.id for a in article.actors}
    # a treaty whose name holds a body's name is still no actor
    treaty = ActorsStage.from_config({})(
        Article.from_text("They discussed the United Nations Convention on the Law of the Sea.")
    )
    assert not treaty.actors


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Argentina sided with Brazil, and its energy secretary called the terms fair.", "ARG-GOV"),
        ("Norway's Directorate of Fisheries said the crew had underreported the catch.", "NOR-GOV"),
        ("Britain's foreign secretary met the press.", "GBR-GOV"),
    ],
)
def test_actors_a_states_secretary_or_directorate_is_its_government(text: str, actor: str) -> None:
    article = ActorsStage.from_config({})(Article.from_text(text))
    assert actor in {a.id for a in article.actors}


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
    weak = "Bulgaria has blocked the talks."  # one weak word: score -0.13
    assert _stance_with(weak, {}) == [("BGR", "negative")]
    assert _stance_with(weak, {"threshold": 0.25}) == [("BGR", "neutral")]
    # with no band at all, an actor with no evidence (score 0) is still neutral
    labels = {label for _, label in _stance_with("Canada and Chile met.", {"threshold": 0.0})}
    assert labels == {"neutral"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Bahrain normalised relations with Israel, against the will of its own people.",
            "BHR-CVL",
        ),
        ("Peruvian farmers and miners have found a faster road to Asia.", "PER-CVL"),
    ],
)
def test_actors_a_states_people_and_farmers_are_its_public(text: str, actor: str) -> None:
    article = ActorsStage.from_config({})(Article.from_text(text))
    assert actor in {a.id for a in article.actors}


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
