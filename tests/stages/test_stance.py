"""Tests of the stance stage: evidence, attachment, sign, voice, techniques, schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from stance_support import analyse as _analyse
from stance_support import stance_of as _stance

from spinscope.article import Article, Quote, TechniqueSpan
from spinscope.errors import ConfigError
from spinscope.stages.actors import ActorsStage, article_voice
from spinscope.stages.events import EventsStage
from spinscope.stages.stance import StanceStage, load_stance_lexicon


def test_stance_lexicon_weights_in_range() -> None:
    lexicon = load_stance_lexicon()
    assert lexicon["collude"].scope == "both"
    assert lexicon["stop"].scope == "prescribed"
    assert all(-1 <= w.weight <= 1 for w in lexicon.values())


@pytest.mark.model
def test_stance_descriptions_attach_through_arcs() -> None:
    text = (
        "Japan's sinister intentions are clear. Japan is colluding with NATO to contain its "
        "neighbours. China remains a peaceful and responsible partner."
    )
    article = _analyse(text)
    japan, nato, china = (_stance(article, a) for a in ("JPN", "NATO", "CHN"))
    assert japan.label == "negative" and japan.score < 0
    assert nato.label == "negative"  # the partner in collusion
    assert china.label == "positive"
    words = {e.text for e in japan.evidence}
    assert {"sinister", "colluding"} <= words
    for ev in (*japan.evidence, *nato.evidence, *china.evidence):
        assert article.text[ev.start : ev.end] == ev.text
        assert ev.explanation
    assert all(-1 <= s.score <= 1 for s in article.stance)


@pytest.mark.model
def test_stance_object_adjective_is_not_the_subjects() -> None:
    article = _analyse("China opposes the illegal sanctions.")
    assert not [e for e in _stance(article, "CHN").evidence if e.kind == "description"]


@pytest.mark.model
def test_stance_negation_flips_and_prescription_counts() -> None:
    article = _analyse("Japan should stop its dangerous drills. France is not peaceful.")
    japan = _stance(article, "JPN")
    assert any(e.text == "stop" and e.weight < 0 for e in japan.evidence)
    france = _stance(article, "FRA")
    assert france.label == "negative"
    assert "negated" in france.evidence[0].explanation


@pytest.mark.model
def test_stance_hostile_event_agent_is_negative_in_opinion() -> None:
    article = _analyse("Russia sanctioned Finland again.", genre="opinion")
    russia = _stance(article, "RUS")
    assert russia.label == "negative"
    assert russia.evidence[0].kind == "event"


@pytest.mark.model
def test_stance_scare_quotes_and_techniques() -> None:
    text = 'Canada "liberated" the harbour. Norway spread lies about Sweden.'
    start = text.index('"liberated"') + 1
    scare = Quote(start, start + len("liberated"), "liberated", "scare")
    lies = text.index("spread lies")
    technique = TechniqueSpan(lies, lies + 11, "Loaded_Language", 1.0, "rule", text="spread lies")
    article = _analyse(text, quotes=[scare], techniques=[technique])
    canada = _stance(article, "CAN")
    assert [e.kind for e in canada.evidence] == ["quote"]
    norway = _stance(article, "NOR")
    # "lies" is in the lexicon: the technique over it is not counted twice.
    assert [e.kind for e in norway.evidence] == ["description"]
    assert norway.label == "negative"


@pytest.mark.model
def test_stance_statement_voice_and_its_opponents() -> None:
    text = "We urge Japan to reflect on its history.\n\nChina will safeguard its interests."
    article = _analyse(text, genre="statement", outlet="fmprc.gov.cn")
    assert article_voice(article)[0] == "CHN"
    assert _stance(article, "CHN").label == "positive"
    japan = _stance(article, "JPN")
    assert japan.label == "negative"
    assert any("speaks for" in e.explanation for e in japan.evidence)


@pytest.mark.model
def test_stance_user_lexicon_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "stance.tsv"
    extra.write_text("peaceful\t-1.0\n", "utf-8")
    article = ActorsStage.from_config({})(Article.from_text("China is peaceful."))
    article.dates, article.quotes = [], []
    EventsStage.from_config({})(article)
    StanceStage.from_config({"lexicon_file": str(extra)})(article)
    assert _stance(article, "CHN").label == "negative"


def test_stance_bad_settings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("peaceful\tvery\n", "utf-8")
    with pytest.raises(ConfigError, match="weight"):
        StanceStage.from_config({"lexicon_file": str(bad)})
    with pytest.raises(ConfigError, match="threshold"):
        StanceStage.from_config({"threshold": 2})
    with pytest.raises(ConfigError, match="known"):
        StanceStage.from_config({"weights": 1})


@pytest.mark.model
def test_stance_output_validates_against_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = "Japan's collusion with NATO is dangerous. The UK and Japan signed a new agreement."
    article = _analyse(text, genre="opinion")
    schema = json.loads(
        resources.files("spinscope").joinpath("schema/article.schema.json").read_text("utf-8")
    )
    data = article.to_dict()
    jsonschema.validate(data, schema)
    assert data["stance"] and data["events"] and data["actors"]
    assert Article.from_dict(data) == article


@pytest.mark.model
def test_stance_batch_pipe_matches_one_by_one() -> None:
    from spinscope.api import load_pipeline

    texts = [
        "Japan's collusion with NATO is dangerous. China is a peaceful partner.",
        "Russia threatened Finland. The EU condemned Russia's reckless moves.",
    ]
    pipeline = load_pipeline(stages=["metadata", "actors", "dates", "quotes", "events", "stance"])
    batch = list(pipeline.pipe([Article.from_text(t) for t in texts], batch_size=2))
    single = [pipeline(Article.from_text(t)) for t in texts]
    assert [a.to_dict() for a in batch] == [a.to_dict() for a in single]
    assert all(a.stance for a in batch)


@pytest.mark.model
def test_stance_acting_against_a_condemned_actor_costs_nothing() -> None:
    text = (
        "Russia's brutal and reckless aggression shocked the region. "
        "Finland condemned Russia and warned Moscow."
    )
    article = _analyse(text, genre="opinion")
    assert _stance(article, "RUS").label == "negative"
    finland = _stance(article, "FIN")
    assert not [e for e in finland.evidence if e.kind == "event"]
    # its condemnation judges Russia the way the article does: that stands with the article
    assert finland.label == "positive"
    assert all("the way the article does" in e.explanation for e in finland.evidence)


@pytest.mark.model
def test_stance_such_statements_point_back_at_their_speaker() -> None:
    text = 'Paris said France "will do whatever it takes." We consider such statements dangerous.'
    start = text.index("France")
    end = text.index(" We")
    quote = Quote(start, end, text[start:end], "reported", speaker="FRA")
    article = _analyse(text, quotes=[quote])
    assert _stance(article, "FRA").label == "negative"
