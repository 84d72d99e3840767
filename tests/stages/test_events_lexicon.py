"""Tests of the event lexicon: conditions, word classes, and the readings rows give."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.article import Article, Event
from spinscope.errors import ConfigError
from spinscope.stages.actors import ActorsStage
from spinscope.stages.events import EventsStage, load_event_lexicon


def _events(text: str, **settings: str) -> list[Event]:
    article = ActorsStage.from_config({})(Article.from_text(text))
    article.dates = []
    return EventsStage.from_config(settings)(article).events


def _triples(text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.type, e.actors, e.recipients) for e in _events(text)]


def test_events_lexicon_word_classes_expand_in_conditions() -> None:
    lexicon = load_event_lexicon()
    (row,) = [r for r in lexicon[("mass", "VERB")] if r.type == "MOBILIZE"]
    assert row.written == "obj=@forces|@hardware"
    assert "troops" in row.condition.split("=")[1].split("|")
    assert "@" not in row.condition


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("snub\tVERB\tREJECT\tobject=remarks\n", "unknown condition"),
        ("snub\tVERB\tREJECT\tobj=@nothing\n", "unknown word class"),
    ],
)
def test_events_lexicon_bad_conditions_are_refused(tmp_path: Path, line: str, message: str) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(line, "utf-8")
    with pytest.raises(ConfigError, match=message):
        EventsStage.from_config({"lexicon_file": str(bad)})


@pytest.mark.model
def test_events_lexicon_user_file_uses_shipped_word_classes(tmp_path: Path) -> None:
    extra = tmp_path / "events.tsv"
    extra.write_text("@mine\tcorvettes|cutters\nparade\tVERB\tMOBILIZE\tobj=@mine|@hardware\n")
    events = _events("Peru paraded its corvettes.", lexicon_file=str(extra))
    assert [(e.type, e.actors) for e in events] == [("MOBILIZE", ("PER",))]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a particle the parser attaches as an adverb
        ("Chad ordered French troops out last year.", ("SANCTION", "TCD", "FRA")),
        # negated agreement is rejection
        ("Italy will not approve the treaty with Chile.", ("REJECT", "ITA", "CHL")),
        ("Serbia would never recognise Croatia.", ("REJECT", "SRB", "HRV")),
        # the subject's word: soldiers leaving a country retreat
        ("The Danish soldiers left Iraq in May.", ("RETREAT", "DNK", "IRQ")),
        # a row needing a recipient gives way to the next reading
        ("Norway sent tanks to Ukraine.", ("AID", "NOR", "UKR")),
        ("Norway sent warships to the region.", ("MOBILIZE", "NOR", None)),
        # a noun's condition on its words: warning shots threaten, they do not assault
        ("Greek ships fired warning shots at a Turkish vessel.", ("THREATEN", "GRC", "TUR")),
        # nominalisations and light verbs
        ("The Israeli airstrikes on Lebanon continued.", ("ASSAULT", "ISR", "LBN")),
        ("Kenya lodged a formal complaint with Uganda.", ("PROTEST", "KEN", "UGA")),
        ("Colombia extended a loan to Ecuador.", ("AID", "COL", "ECU")),
        ("Israeli troops crossed into Syria on Sunday.", ("ASSAULT", "ISR", "SYR")),
        ("Russia reopened bases in the Arctic.", ("MOBILIZE", "RUS", None)),
    ],
)
def test_events_lexicon_readings(text: str, expected: tuple[str, str, str | None]) -> None:
    kind, actor, recipient = expected
    found = [
        (t, a, r)
        for t, a, r in _triples(text)
        if t == kind and actor in a and (recipient in r if recipient else not r)
    ]
    assert found, _triples(text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Japan said any attack would be met with force.", "CONSULT"),  # no meeting
        ("Danish Prime Minister Lars Holm phoned Norway to rally support.", "PROTEST"),
        ("Canada and Peru held a press conference on Monday.", "CONSULT"),  # not talks
        ("Britain left the building.", "SANCTION"),  # a place, not a bloc
    ],
)
def test_events_lexicon_conditions_keep_precision(text: str, kind: str) -> None:
    assert not [t for t in _triples(text) if t[0] == kind]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israel held Iran responsible for the attack.", ("ACCUSE", "ISR", "IRN")),
        ("Spain voiced support for Morocco's autonomy plan.", ("SUPPORT", "ESP", "MAR")),
        ("France threw its weight behind the Greek proposal.", ("SUPPORT", "FRA", "GRC")),
        ("Azerbaijani troops opened fire on Armenian positions.", ("ASSAULT", "AZE", "ARM")),
        ("Egypt brokered a truce between Israel and Hamas.", ("CONSULT", "EGY", "ISR")),
        ("North Korea fired two ballistic missiles into the sea.", ("MOBILIZE", "PRK", None)),
        ("Colombia severed diplomatic relations with Israel.", ("SANCTION", "COL", "ISR")),
        # ground forces entering attack; aircraft entering a zone show force (a show of
        # force has no recipient: the fourth-batch convention, and every annotator's)
        ("Russian troops entered Ukraine in February.", ("ASSAULT", "RUS", "UKR")),
        ("Chinese warplanes entered Taiwan's air defence zone.", ("MOBILIZE", "CHN", None)),
    ],
)
def test_events_lexicon_phrasal_and_light_verbs(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    kind, actor, recipient = expected
    found = [
        (t, a, r)
        for t, a, r in _triples(text)
        if t == kind and actor in a and (recipient in r if recipient else not r)
    ]
    assert found, _triples(text)


@pytest.mark.model
def test_events_lexicon_hoped_for_acts_are_not_events() -> None:
    assert _triples("India hopes to sign a trade deal with Britain.") == []
    # ... but a scheduled one is
    assert [t[0] for t in _triples("Kenya is expected to meet Uganda next week.")] == ["CONSULT"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraq recalled its charge d'affaires from Ankara.", ("SANCTION", "IRQ", "TUR")),
        ("Malaysia will raise the matter with China.", ("CONSULT", "MYS", "CHN")),
        # granting candidate status is cooperation (fourth-batch convention)
        ("The EU granted Ukraine candidate status.", ("COOPERATE", "EU", "UKR")),
        # whatever is imposed on someone is a sanction
        ("China imposed anti-dumping deposits on Australian wine.", ("SANCTION", "CHN", "AUS")),
        ("Sri Lanka imposed a moratorium on foreign research vessels.", ("SANCTION", "LKA", None)),
        ("Chinese troops blocked Indian patrols.", ("COERCE", "CHN", "IND")),
        ("China has poured loans into Pakistan.", ("AID", "CHN", "PAK")),
        ("A Chinese survey vessel docked in Colombo.", ("MOBILIZE", "CHN", None)),
        ("Chinese aircraft flew close to Malaysian airspace.", ("MOBILIZE", "CHN", None)),
        ("Venezuela said it regretted Colombia's decision.", ("ACCUSE", "VEN", "COL")),
        # the subject the parser hangs on an auxiliary
        (
            "Morita said that Tokyo was watching and had conveyed its concerns to Beijing.",
            ("ACCUSE", "JPN", "CHN"),
        ),
    ],
)
def test_events_lexicon_fourth_batch_readings(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    kind, actor, recipient = expected
    found = [
        (t, a, r)
        for t, a, r in _triples(text)
        if t == kind and actor in a and (recipient in r if recipient else not r)
    ]
    assert found, _triples(text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The sanctions imposed by the US on Chinese companies are illegal.",  # a mention
        "Peru regretted the loss of life.",  # regret of no one's act
        "Chinese aircraft flew joint patrols with Russia.",  # cooperation, not a lone show
    ],
)
def test_events_lexicon_fourth_batch_rows_keep_precision(text: str) -> None:
    kinds = {"SANCTION", "ACCUSE", "MOBILIZE"}
    assert not [t for t in _triples(text) if t[0] in kinds], _triples(text)
