"""Tests of the plain-text summary: actors by stance, dated timeline, quotes with speakers."""

from __future__ import annotations

from spinscope.article import (
    Actor,
    Article,
    Event,
    Evidence,
    Mention,
    Quote,
    Stance,
    TimeExpression,
)
from spinscope.report.text import render_text

TEXT = 'Japan signed a pact with the UK in 2023. Japan "nationalized" islands. Japan smears China.'


def _article() -> Article:
    article = Article.from_text(TEXT, title="A test", published="2023-07-06")
    japan = Mention(0, 5, "Japan")
    article.actors = [
        Actor("JPN", "Japan", "state", country="JPN", mentions=(japan,)),
        Actor("GBR", "United Kingdom", "state", country="GBR", mentions=(Mention(29, 31, "UK"),)),
        Actor("CHN", "China", "state", country="CHN", mentions=(Mention(83, 88, "China"),)),
    ]
    smears = TEXT.index("smears")
    article.stance = [
        Stance(
            "JPN",
            -0.6,
            "negative",
            (Evidence(smears, smears + 6, "smears", "description", -1.0, "loaded verb"),),
        ),
        Stance("GBR", 0.0, "neutral"),
        Stance("CHN", 0.0, "neutral"),
    ]
    when = TimeExpression(35, 42, "in 2023", "2023", "year", "2023", "2023")
    sentence = Mention(0, 40, TEXT[:40])
    article.events = [
        Event("ACCUSE", Mention(smears, smears + 6, "smears"), sentence, ("JPN",), ("CHN",)),
        Event("AGREE", Mention(6, 12, "signed"), sentence, ("JPN", "GBR"), (), date=when),
    ]
    start = TEXT.index("nationalized")
    article.quotes = [
        Quote(start, start + 12, "nationalized", "scare"),
        Quote(0, 5, "Japan", "direct", speaker="GBR", cue="said"),
    ]
    return article


def test_text_report_orders_actors_by_stance_with_evidence() -> None:
    out = render_text(_article())
    assert "-0.60 negative Japan [JPN]" in out
    assert "-1.00 description “smears”" in out
    assert "neutral, no evidence: China, United Kingdom" in out


def test_text_report_timeline_puts_dated_events_first() -> None:
    out = render_text(_article())
    timeline = out[out.index("Events") :]
    assert timeline.index("2023") < timeline.index("undated")
    assert "Japan -> China" in timeline


def test_text_report_quotes_name_speakers_and_scare_quotes() -> None:
    out = render_text(_article())
    assert "direct    United Kingdom (said)" in out
    assert "scare quotes: “nationalized”" in out
