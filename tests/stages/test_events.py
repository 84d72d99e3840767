"""Tests of the events stage: triggers, actors and recipients, modality, dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.article import Article, Event, TimeExpression
from spinscope.errors import ConfigError, PipelineError
from spinscope.pipeline import Pipeline
from spinscope.stages.actors import ActorsStage
from spinscope.stages.events import PLOVER_TYPES, EventsStage, load_event_lexicon


def _analyse(text: str, dates: list[TimeExpression] | None = None, **meta: str) -> Article:
    article = ActorsStage.from_config({})(Article.from_text(text, **meta))
    article.dates = dates or []
    return EventsStage.from_config({})(article)


def _find(article: Article, kind: str) -> list[Event]:
    return [e for e in article.events if e.type == kind]


def _date(text: str, needle: str, value: str, precision: str) -> TimeExpression:
    start = text.index(needle)
    return TimeExpression(start, start + len(needle), needle, value, precision)


def test_event_lexicon_covers_all_plover_types() -> None:
    lexicon = load_event_lexicon()
    assert {row.type for rows in lexicon.values() for row in rows} == set(PLOVER_TYPES)


@pytest.mark.model
def test_events_verb_with_actor_and_recipient() -> None:
    article = _analyse("Japan repeatedly accused China of changing the status quo by force.")
    (event,) = _find(article, "ACCUSE")
    assert event.actors == ("JPN",)
    assert event.recipients == ("CHN",)
    assert event.trigger.text == "accused"
    assert article.text[event.sentence.start : event.sentence.end] == event.sentence.text
    assert "ACCUSE" in event.explanation


@pytest.mark.model
def test_events_conjoined_subjects_and_clause_date() -> None:
    text = "In January this year, the UK and Japan signed a new defense agreement."
    date = _date(text, "In January this year", "2023-01", "month")
    article = _analyse(text, [date], published="2023-07-06")
    (event,) = _find(article, "AGREE")
    assert set(event.actors) == {"GBR", "JPN"}
    assert event.recipients == ()
    assert event.date is not None and event.date.value == "2023-01"


@pytest.mark.model
def test_events_condition_on_object_selects_trigger() -> None:
    article = _analyse("Japan signed the guest book. Japan signed a treaty with Australia.")
    agree = _find(article, "AGREE")
    assert [e.trigger.start for e in agree] == [article.text.index("signed a treaty")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Japan will deploy troops to the island next year.", "future"),
        ("Japan did not deploy troops to the island.", "negated"),
        ("If Japan deployed troops to the island, China would respond.", "hypothetical"),
        ("Officials said Japan deployed troops to the island.", "reported"),
        ("Japan deployed troops to the island.", "asserted"),
    ],
)
def test_events_modality(text: str, modality: str) -> None:
    (event,) = _find(_analyse(text), "MOBILIZE")
    assert event.modality == modality


@pytest.mark.model
def test_events_person_brings_country_and_object_control() -> None:
    text = "Chinese Foreign Minister Wang Yi urged Japan to stop its provocations."
    article = _analyse(text)
    (event,) = _find(article, "REQUEST")
    assert "person:wang-yi" in event.actors and "CHN" in event.actors
    assert event.recipients == ("JPN",)


@pytest.mark.model
def test_events_without_actor_are_dropped() -> None:
    article = _analyse("Talks were held in Geneva and sanctions were discussed.")
    assert article.events == []


@pytest.mark.model
def test_events_user_lexicon_file(tmp_path: Path) -> None:
    extra = tmp_path / "events.tsv"
    extra.write_text("snub\tVERB\tREJECT\n", "utf-8")
    article = ActorsStage.from_config({})(Article.from_text("France snubbed Italy."))
    article.dates = []
    EventsStage.from_config({"lexicon_file": str(extra)})(article)
    assert [(e.type, e.actors, e.recipients) for e in article.events] == [
        ("REJECT", ("FRA",), ("ITA",))
    ]


def test_events_bad_lexicon_and_settings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("snub\tVERB\tSNUB\n", "utf-8")
    with pytest.raises(ConfigError, match="PLOVER type"):
        EventsStage.from_config({"lexicon_file": str(bad)})
    with pytest.raises(ConfigError, match="lexicon_file"):
        EventsStage.from_config({"lexicon": "x"})


def test_events_stage_requires_actors_dates_quotes() -> None:
    with pytest.raises(PipelineError, match="requires actors"):
        Pipeline([EventsStage.from_config({})])


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        ("China demanded that Japan withdraw its ships.", "REQUEST", "CHN", "JPN"),
        ("Canada's decision to impose sanctions on Iran surprised few.", "SANCTION", "CAN", "IRN"),
        (
            "Indonesian Foreign Minister Dewi Lestari, who welcomed Chile, spoke.",
            "SUPPORT",
            "IDN",
            "CHL",
        ),
        ("The US has used the Taiwan question to contain China.", "COERCE", "USA", "CHN"),
    ],
)
def test_events_clause_patterns(text: str, kind: str, actor: str, recipient: str) -> None:
    events = _find(_analyse(text), kind)
    assert any(actor in e.actors and recipient in e.recipients for e in events), events


@pytest.mark.model
def test_events_actor_does_not_act_on_its_own_side() -> None:
    article = _analyse("China will take firm measures to protect Chinese companies.")
    (event,) = _find(article, "THREATEN")
    assert event.actors == ("CHN",)
    assert event.recipients == ()
    assert event.modality == "future"


@pytest.mark.model
def test_events_citizens_protest_against_their_government() -> None:
    article = _analyse("Japanese citizens protested against the Japanese government's plan.")
    (event,) = _find(article, "PROTEST")
    assert "JPN-CVL" in event.actors
    assert "JPN-GOV" in event.recipients


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "recipients"),
    [
        # an object that points back takes the doers of the earlier act
        (
            "The European Union imposed sanctions on Russia. The Kremlin dismissed the measures.",
            "REJECT",
            {"EU"},
        ),
        # a party welcoming its own agreement: the other party
        (
            "China and the African Union signed an agreement. The African Union welcomed the deal.",
            "SUPPORT",
            {"CHN"},
        ),
        # retaliation answers the act aimed at the side
        (
            "Washington tried to contain China. Beijing vowed to take countermeasures.",
            "THREATEN",
            {"USA"},
        ),
        # "them" is the pair named before
        (
            "India and Pakistan agreed to restore a hotline. "
            "The United States praised both governments and urged them to resume talks.",
            "REQUEST",
            {"IND", "PAK"},
        ),
    ],
)
def test_events_recipients_the_text_implies(text: str, kind: str, recipients: set[str]) -> None:
    events = _find(_analyse(text), kind)
    assert events, kind
    assert recipients <= set(events[-1].recipients)


@pytest.mark.model
def test_events_warning_without_addressee_is_no_threat() -> None:
    article = _analyse("Germany warned last month that a trade war would hurt Europe too.")
    assert not _find(article, "THREATEN")


@pytest.mark.model
def test_events_what_is_agreed_is_not_a_second_event() -> None:
    article = _analyse("Saudi Arabia and Iran agreed to restore diplomatic relations.")
    assert len(_find(article, "AGREE")) == 1


def _triples(article: Article) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.type, e.actors, e.recipients) for e in article.events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "recipients"),
    [
        # leaving a bloc or an agreement is SANCTION, the body its recipient
        ("Hungary announced its withdrawal from the European Union.", "SANCTION", ("EU",)),
        ("Russia pulled out of the deal in July.", "SANCTION", ()),
        # troops leaving a place retreat
        ("Russian troops withdrew from the area on Friday.", "RETREAT", ()),
    ],
)
def test_events_leaving_a_bloc_is_sanction(
    text: str, kind: str, recipients: tuple[str, ...]
) -> None:
    (event,) = _analyse(text).events
    assert (event.type, event.recipients) == (kind, recipients)


@pytest.mark.model
def test_events_refusal_takes_what_is_refused() -> None:
    article = _analyse("Brazil refused to send weapons to Ukraine.")
    assert _triples(article) == [("REJECT", ("BRA",), ("UKR",))]
    # refusing to rule out force is the threat, and no refusal of its own
    article = _analyse("Turkey refused to rule out military action against Syria.")
    assert _triples(article) == [("THREATEN", ("TUR",), ("SYR",))]


@pytest.mark.model
def test_events_vow_with_a_clause_threatens() -> None:
    article = _analyse("Iran vowed that it would make Israel pay.")
    assert _triples(article) == [("THREATEN", ("IRN",), ("ISR",))]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        # an unlinked pronoun subject: the subject of the clause that reports it
        (
            "Iran's Revolutionary Guards said that they had seized a Panamanian tanker.",
            "COERCE",
            "IRN",
        ),
        # ... or of the clause it is coordinated with
        (
            "Since May, Egyptian forces have shelled the border, and they seized a Libyan boat.",
            "COERCE",
            "EGY",
        ),
    ],
)
def test_events_pronoun_subject_takes_the_clause_doer(text: str, kind: str, actor: str) -> None:
    events = _find(_analyse(text), kind)
    assert events and actor in events[0].actors, _triples(_analyse(text))


@pytest.mark.model
def test_events_agentless_passive_inherits_no_doer() -> None:
    article = _analyse("Italy protested after the British ambassador was expelled.")
    assert not _find(article, "SANCTION")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a participle clause of the same act is the same event
        ("Russian jets bombed Aleppo, killing dozens.", ["ASSAULT"]),
        # what is only discussed is not done
        ("Poland discussed using Russian assets to finance Ukraine.", []),
        # what is threatened is not done: the threat is the event
        ("Iran threatened to leave the treaty with France.", ["THREATEN"]),
        # what is demanded is not done
        ("Mali demanded that the French contingent leave the country.", ["REQUEST"]),
    ],
)
def test_events_one_event_per_act(text: str, kinds: list[str]) -> None:
    assert [e.type for e in _analyse(text).events] == kinds


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the name of a deal is not a party to it
        ("Australia signed the AUKUS deal.", ("AGREE", ("AUS",), ())),
        # a target inside the verb's on-phrase
        (
            "Washington announced tariffs on all imports from Mexico.",
            ("SANCTION", ("USA",), ("MEX",)),
        ),
        # a delegation led by someone acts for the leader's side
        (
            "A delegation led by Japanese Foreign Minister Ken Sato held talks with Vietnam.",
            ("CONSULT", ("person:ken-sato", "JPN"), ("VNM",)),
        ),
    ],
)
def test_events_argument_patterns(
    text: str, expected: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> None:
    kind, actors, recipients = expected
    (event,) = _find(_analyse(text), kind)
    assert set(actors) <= set(event.actors)
    assert set(event.recipients) == set(recipients)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hostile name for what the other side did is an accusation of its doer
        (
            'Japan held drills near Taiwan. China called the drills "a dangerous provocation."',
            ("ACCUSE", "CHN", ("JPN",)),
        ),
        # "the aggressor" is the doer of the latest attack
        (
            "Israeli jets bombed Gaza. Washington stands behind the aggressor.",
            ("SUPPORT", "USA", ("ISR",)),
        ),
        # another actor repeating an act
        (
            "Senegal ordered French troops out in 2022, and Morocco did the same in 2023.",
            ("SANCTION", "MAR", ("FRA-MIL", "FRA")),
        ),
        # a future act made conditional on the other side is a threat
        (
            "If Venezuela does not meet those commitments, the United States will not renew it.",
            ("THREATEN", "USA", ("VEN",)),
        ),
        (
            "North Korea will bolster its arsenal as long as the United States persists.",
            ("THREATEN", "PRK", ("USA",)),
        ),
        # talks held in a capital are held with its state
        ("A Pakistani delegation held talks in Kabul.", ("CONSULT", "PAK", ("AFG",))),
        ("Russian troops withdrew from the town near Kyiv.", ("RETREAT", "RUS", ("UKR",))),
        # a noun of an act with no target: its of-phrase acts
        (
            "The withdrawal of US troops from Syria began on Monday.",
            ("RETREAT", "USA", ("SYR",)),
        ),
    ],
)
def test_events_participants_from_context(
    text: str, expected: tuple[str, str, tuple[str, ...]]
) -> None:
    kind, actor, recipients = expected
    events = [e for e in _find(_analyse(text), kind) if actor in e.actors]
    assert events, _triples(_analyse(text))
    assert set(events[-1].recipients) == set(recipients)


@pytest.mark.model
def test_events_hostile_names_only() -> None:
    article = _analyse('Britain struck Houthi sites. Washington called the strikes "defensive."')
    assert not _find(article, "ACCUSE")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a question asks, it reports no event
        ("Will Canada impose sanctions on Iran?", []),
        # cooperation takes two
        ("The United States said it would work with its allies.", []),
        # two sides meeting in a capital: a venue, not a third party
        ("China and Vietnam held talks in Jakarta.", ["CONSULT"]),
        # a package of sanctions the verb adopts is one event
        ("The EU adopted a package of sanctions against Russia.", ["SANCTION"]),
    ],
)
def test_events_kept_only_when_they_make_sense(text: str, kinds: list[str]) -> None:
    article = _analyse(text)
    assert [e.type for e in article.events] == kinds
    assert all(not e.recipients for e in article.events if e.type == "CONSULT")


@pytest.mark.model
def test_events_criticising_ones_own_deal_names_no_recipient() -> None:
    article = _analyse("Chile and Peru signed a trade deal. Chile later criticised the deal.")
    (event,) = _find(article, "ACCUSE")
    assert event.recipients == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agentless passive whose subject points back: the doer of what it points at
        (
            "The White House imposed tariffs on Mexico in March. "
            "By May the tariffs on Mexico had been suspended.",
            ("CONCEDE", ("USA",), ("MEX",)),
        ),
        # "a similar package": the earlier package's recipient
        (
            "Washington approved an arms sale to Taiwan in January. "
            "In December, Washington approved a similar package.",
            ("AID", ("USA",), ("TWN",)),
        ),
        # "consequences for X's relations with Y"
        (
            "Any attempt to undermine Armenia would have serious consequences for the EU's "
            "relations with Azerbaijan.",
            ("THREATEN", ("EU",), ("AZE",)),
        ),
    ],
)
def test_events_roles_borrowed_from_earlier_events(
    text: str, expected: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> None:
    kind, actors, recipients = expected
    event = _find(_analyse(text), kind)[-1]
    assert set(actors) <= set(event.actors)
    assert set(event.recipients) == set(recipients)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Indonesia offered to host another round of talks with Malaysia.",  # an offer
        "China urges the US to stop arming Taiwan.",  # asked of, through 'stop'
    ],
)
def test_events_offers_and_requests_report_no_act(text: str) -> None:
    assert [e.type for e in _analyse(text).events if e.type not in ("REQUEST",)] == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "recipients"),
    [
        # two acts joined by "and", each with its own target, are two events
        (
            "Japan moved to expel two Chinese diplomats and suspended talks with Beijing.",
            "SANCTION",
            {"CHN"},
        ),
        # a threat takes the target of the act it threatens
        ("Turkey threatened to invade northern Syria.", "THREATEN", {"SYR"}),
        # a warning of one's own act takes the other side named in the clause
        (
            "Moscow warned that it would respond to any deployment of US missiles in Germany.",
            "THREATEN",
            {"USA"},
        ),
        # an envoy recalled from a capital is recalled from its state
        ("Armenia recalled its ambassador from Moscow.", "SANCTION", {"RUS"}),
        # a state named only as the place of an attack is its target
        ("Ukrainian drones hit an oil refinery in Russia.", "ASSAULT", {"RUS"}),
        # "the Foreign Ministry of Lithuania" acts for Lithuania
        (
            "The Foreign Ministry of Lithuania summoned the Belarusian envoy.",
            "PROTEST",
            {"BLR"},
        ),
    ],
)
def test_events_recipients_one_step_away(text: str, kind: str, recipients: set[str]) -> None:
    events = _find(_analyse(text), kind)
    assert events and recipients <= set(events[-1].recipients), _triples(_analyse(text))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "an end to the attacks": the attackers are asked
        (
            "Houthi rebels fired missiles at Saudi Arabia. The Security Council passed a "
            "resolution demanding an end to the attacks.",
            ("REQUEST", "UNSC", ("HOUTHIS",)),
        ),
        # a warning joined to an act on the other side warns that side
        (
            "Britain warned of serious consequences and summoned the Iranian ambassador.",
            ("THREATEN", "GBR", ("IRN", "IRN-GOV")),
        ),
        # a capital in the warned-of clause ("relations with Seoul")
        (
            "The Russian embassy warned that Moscow would take the deal into account in its "
            "relations with Seoul.",
            ("THREATEN", "RUS", ("KOR",)),
        ),
        # attributing an attack accuses its author
        (
            "The United States attributed the hack to Russian intelligence.",
            ("ACCUSE", "USA", ("RUS", "RUS-SPY")),
        ),
        # claiming the other side's wrong accuses it
        (
            "Britain claimed that Russian hackers had targeted its networks.",
            ("ACCUSE", "GBR", ("RUS",)),
        ),
    ],
)
def test_events_targets_through_the_context(
    text: str, expected: tuple[str, str, tuple[str, ...]]
) -> None:
    kind, actor, recipients = expected
    events = [e for e in _find(_analyse(text), kind) if actor in e.actors]
    assert events, _triples(_analyse(text))
    assert set(events[0].recipients) == set(recipients)


@pytest.mark.model
def test_events_one_act_mentioned_twice_is_one_event() -> None:
    text = (
        "Pakistan conducted strikes inside Afghanistan on Monday. "
        "The strikes targeted Afghan border posts and Taliban camps."
    )
    (event,) = _find(_analyse(text), "ASSAULT")
    assert event.actors == ("PAK",)
    assert "AFG" in event.recipients


@pytest.mark.model
def test_events_a_craft_named_for_its_task_is_no_act() -> None:
    article = _analyse("Guatemala seized a Belize Defence Force patrol boat.\n")
    assert _find(article, "MOBILIZE") == []
    assert [e.trigger.text for e in _find(article, "COERCE")] == ["seized"]
    patrols = _analyse("The Belize Defence Force stepped up its patrols on the river.\n")
    assert [e.trigger.text for e in _find(patrols, "MOBILIZE")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "trigger"),
    [
        ("Malawi summoned Tanzania's high commissioner on Thursday.\n", "PROTEST", "summoned"),
        ("Tajikistan conveyed a strong protest to Afghanistan.\n", "PROTEST", "conveyed"),
        ("Nicaragua objected to the presence of Colombian officials.\n", "REJECT", "objected"),
        ("Soldiers from Suriname burned the camp of a crew from Guyana.\n", "ASSAULT", "burned"),
    ],
)
def test_events_rows_added_with_the_ninth_batches(text: str, kind: str, trigger: str) -> None:
    assert trigger in [e.trigger.text for e in _find(_analyse(text), kind)]


@pytest.mark.model
def test_events_a_numbered_measure_is_done_by_whoever_decided_the_list() -> None:
    text = (
        "The Government of Malaysia has decided:\n\n"
        "First: to recall the ambassador of Malaysia to Myanmar for consultations;\n\n"
        "Second: to declare the ambassador of Myanmar persona non grata.\n"
    )
    article = _analyse(text, genre="statement")
    sanctions = _find(article, "SANCTION")
    assert {e.trigger.text for e in sanctions} == {"recall", "declare"}
    assert all("MYS" in e.actors for e in sanctions)
    assert "MMR" in next(e for e in sanctions if e.trigger.text == "recall").recipients
    # without the list's decider an item has no doer
    alone = _analyse("First: to recall the ambassador to Myanmar for consultations.\n")
    assert not _find(alone, "SANCTION")
