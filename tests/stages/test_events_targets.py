"""Tests of the events stage's readings of whom a reply answers (``event_targets``) and of
the other round-two readings: joint acts, clauses of time, lone sorties."""

from __future__ import annotations

import pytest

from spinscope.article import Article, Event
from spinscope.stages.actors import ActorsStage
from spinscope.stages.events import EventsStage
from spinscope.stages.quotes import QuotesStage


def _analyse(text: str) -> Article:
    article = ActorsStage.from_config({})(Article.from_text(text))
    article = QuotesStage.from_config({})(article)
    article.dates = []
    return EventsStage.from_config({})(article)


def _find(article: Article, kind: str, actor: str) -> list[Event]:
    return [e for e in article.events if e.type == kind and actor in e.actors]


def _triples(article: Article) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.type, e.actors, e.recipients) for e in article.events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipients"),
    [
        # a verb joined by "and" with the same doer lends its target
        (
            "Finland summoned the Russian ambassador and demanded an explanation.",
            "REQUEST",
            "FIN",
            {"RUS"},
        ),
        # "also": the target of the earlier act of the same type
        (
            "Chile condemned Venezuela on Monday. Peru and Colombia have also condemned it.",
            "ACCUSE",
            "PER",
            {"VEN"},
        ),
        # an object naming an earlier thing again: whom that thing was attached to
        (
            "Indonesia published a new map of the Natuna Sea on Monday. "
            "Vietnam rejected the map on Tuesday.",
            "REJECT",
            "VNM",
            {"IDN"},
        ),
        # "that characterization": whoever was just quoted
        (
            'Ecuador said the decision was "an act of piracy." Peru rejects that characterization.',
            "REJECT",
            "PER",
            {"ECU"},
        ),
        # a denial answers the latest act aimed at the denier's side
        (
            "Kenya accused Uganda of arming rebels. Uganda denied any involvement.",
            "REJECT",
            "UGA",
            {"KEN"},
        ),
        (
            "Norway demanded that Denmark return the paintings. Denmark refused.",
            "REJECT",
            "DNK",
            {"NOR"},
        ),
    ],
)
def test_events_targets_reply_answers_the_side_named_before(
    text: str, kind: str, actor: str, recipients: set[str]
) -> None:
    article = _analyse(text)
    events = _find(article, kind, actor)
    assert events, _triples(article)
    assert set(events[-1].recipients) & recipients, _triples(article)


@pytest.mark.model
def test_events_targets_denial_of_an_accusation_needs_an_accusation() -> None:
    # the expulsion is aimed at Russia, but "the accusations" are no expulsion
    text = (
        "Lithuania expelled the Russian ambassador on Sunday. "
        "The Kremlin has rejected the accusations."
    )
    (event,) = _find(_analyse(text), "REJECT", "RUS")
    assert event.recipients == ()


@pytest.mark.model
def test_events_targets_request_with_no_one_asked_is_dropped() -> None:
    article = _analyse("Peru demanded an apology.")
    assert _find(article, "REQUEST", "PER") == []


@pytest.mark.model
def test_events_targets_joint_voyage_is_cooperation() -> None:
    article = _analyse("Chinese and Russian warships sailed together through the strait.")
    (event,) = [e for e in article.events if e.type in ("COOPERATE", "MOBILIZE")]
    assert event.type == "COOPERATE"
    assert {"CHN", "RUS"} <= set(event.actors)


@pytest.mark.model
def test_events_targets_lone_sorties_into_a_zone_are_a_show_of_force() -> None:
    article = _analyse("Chinese aircraft flew dozens of sorties into Taiwan's air defense zone.")
    (event,) = [e for e in article.events if e.type in ("COOPERATE", "MOBILIZE")]
    assert (event.type, event.recipients) == ("MOBILIZE", ())


@pytest.mark.model
def test_events_targets_clause_of_time_is_an_act_of_its_own() -> None:
    text = "Japan has strengthened its defenses since it deployed troops to Yonaguni in 2016."
    triggers = {e.trigger.text for e in _analyse(text).events if e.type == "MOBILIZE"}
    assert triggers == {"strengthened", "deployed"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor", "recipients"),
    [
        # an announced response of one's own threatens whom it answers
        (
            "Iran will not hesitate to respond to any aggression by Israel.",
            "IRN",
            {"ISR"},
        ),
        (
            "As for Finland, its membership makes the region less secure, and Russia will "
            "respond with military measures.",
            "RUS",
            {"FIN"},
        ),
        # a warning that names a response, whoever its subject is
        (
            "Asked about Japan's new strategy, China's foreign ministry warned that any "
            "interference would meet a resolute response.",
            "CHN",
            {"JPN"},
        ),
    ],
)
def test_events_targets_announced_responses_threaten(
    text: str, actor: str, recipients: set[str]
) -> None:
    article = _analyse(text)
    events = _find(article, "THREATEN", actor)
    assert events and set(events[0].recipients) == recipients, _triples(article)


@pytest.mark.model
def test_events_targets_past_response_is_no_threat() -> None:
    article = _analyse("Iran responded to the Israeli strike on Sunday.")
    assert _find(article, "THREATEN", "IRN") == []


@pytest.mark.model
def test_events_targets_warner_speaks_for_the_side_that_responds() -> None:
    article = _analyse(
        "A ministry spokesman, Ali Karimi, warned that Iran would respond to any new "
        "sanctions by the United States."
    )
    (event,) = [e for e in article.events if e.type == "THREATEN"]
    assert "IRN" in event.actors and "IRN" not in event.recipients


@pytest.mark.model
def test_events_targets_sponsors_accuse_and_votes_against_reject_them() -> None:
    text = (
        "The General Assembly on Thursday adopted a resolution condemning Myanmar. "
        "The text, tabled by Canada and Norway, won 120 votes. "
        "China and Russia voted against it."
    )
    article = _analyse(text)
    (sponsoring,) = _find(article, "ACCUSE", "CAN")
    assert set(sponsoring.recipients) == {"MMR"}
    (vote,) = _find(article, "REJECT", "CHN")
    assert {"CAN", "NOR"} <= set(vote.recipients)


@pytest.mark.model
def test_events_targets_sponsoring_with_no_target_is_no_event() -> None:
    article = _analyse("Canada tabled a resolution on ocean plastics.")
    assert _find(article, "ACCUSE", "CAN") == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["Australia has refused to retaliate.", "It is a debt that Moldova refuses to acknowledge."],
)
def test_events_targets_refusal_of_an_act_aimed_at_no_one_is_no_event(text: str) -> None:
    assert _analyse(text).events == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "actors", "recipients"),
    [
        # "the presidents of X, Y and Z", "a spokesman for X's ministry" act for X
        (
            "The presidents of Egypt, Eritrea and Somalia signed a security pact.",
            "AGREE",
            {"EGY", "ERI", "SOM"},
            set(),
        ),
        (
            "A spokesman for China's foreign ministry condemned Japan.",
            "ACCUSE",
            {"CHN"},
            {"JPN"},
        ),
        # a deal's partner under "with" is one of its parties
        ("Egypt signed a defence agreement with Somalia.", "AGREE", {"EGY", "SOM"}, set()),
        # a by-phrase on an active verb belongs to its object
        (
            "Canada deplores the adoption by the Georgian Parliament of the new law.",
            "ACCUSE",
            {"CAN"},
            {"GEO"},
        ),
        # "responded by suspending": the doer of the verb above
        (
            "Algeria responded by suspending its friendship treaty with Spain.",
            "SANCTION",
            {"DZA"},
            {"ESP"},
        ),
    ],
)
def test_events_targets_participants_of_common_constructions(
    text: str, kind: str, actors: set[str], recipients: set[str]
) -> None:
    article = _analyse(text)
    events = [e for e in article.events if e.type == kind]
    assert events, _triples(article)
    assert actors <= set(events[0].actors), _triples(article)
    assert set(events[0].recipients) & recipients or recipients == set(events[0].recipients)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a promise to act is the modality of the act, no agreement
        ("The Kremlin has promised to send humanitarian aid.", "AGREE"),
        # what is demanded is not done, even as the second thing demanded
        ("Iraq demanded a formal apology and the withdrawal of Turkish troops.", "RETREAT"),
        # an idiom
        ("Ethiopia has only itself to blame for this.", "ACCUSE"),
    ],
)
def test_events_targets_not_acts(text: str, kind: str) -> None:
    article = _analyse(text)
    assert [e for e in article.events if e.type == kind] == [], _triples(article)


@pytest.mark.model
def test_events_targets_the_wronged_side_is_not_accused() -> None:
    article = _analyse(
        'Iraqi Prime Minister Haider Saadi blamed Turkey for the shelling, calling it "a '
        'flagrant violation of Iraqi sovereignty."'
    )
    accused = {r for e in article.events if e.type == "ACCUSE" for r in e.recipients}
    assert "TUR" in accused and "IRQ" not in accused, _triples(article)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipients"),
    [
        # the same office named again
        (
            "Colombia's government suspended talks with the rebels on Monday. Later the "
            "rebel commander, Luis Pardo, accused the government of bad faith.",
            "ACCUSE",
            "person:luis-pardo",
            {"COL-GOV", "COL"},
        ),
        # a second verb of speech joined to the reported clause is the speaker's
        (
            "Kenya said the talks remained open and accused Ethiopia of stalling them.",
            "ACCUSE",
            "KEN",
            {"ETH"},
        ),
        # "it": the subject named last before it in its sentence
        (
            "The blockade that the United States has kept on Cuba for decades was debated "
            "on Monday. Havana said the blockade had failed and called it a crime.",
            "ACCUSE",
            "CUB",
            {"USA"},
        ),
        # a name the parser reads as an adverb right after the verb is its object
        (
            "The Sudanese foreign ministry has accused UNITAMS of bias.",
            "ACCUSE",
            "SDN",
            {"UN"},
        ),
        # "any suggestion that ...": an answer to the accusation aimed at the side
        (
            "Sudan accused the UN mission of bias. The UN rejects any suggestion that the "
            "mission was partial.",
            "REJECT",
            "UN",
            {"SDN"},
        ),
    ],
)
def test_events_targets_who_a_definite_object_is(
    text: str, kind: str, actor: str, recipients: set[str]
) -> None:
    article = _analyse(text)
    events = _find(article, kind, actor)
    assert events and set(events[-1].recipients) & recipients, _triples(article)


@pytest.mark.model
def test_events_targets_claimed_wrong_accuses_and_is_no_event_of_its_own() -> None:
    text = "Britain claimed that Russian hackers had threatened its power grid."
    article = _analyse(text)
    assert [(e.type, e.actors[0]) for e in article.events] == [("ACCUSE", "GBR")]
    assert "RUS" in article.events[0].recipients


@pytest.mark.model
def test_events_targets_protest_against_intrusions_answers_the_intruder() -> None:
    text = (
        "Last year 16 aircraft of the People's Liberation Army flew close to Malaysian "
        "airspace. Malaysia has protested against these intrusions."
    )
    (event,) = _find(_analyse(text), "PROTEST", "MYS")
    assert "CHN" in event.recipients
