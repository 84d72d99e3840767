"""The layer scorers on hand-made cases, and the gold reader on the shipped gold set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.article import Article, Event, Mention, Quote, Stance, TimeExpression
from spinscope.errors import InputError
from spinscope.evaluate.layers import (
    PRF,
    GoldDate,
    GoldEvent,
    GoldQuote,
    evaluate_layers,
    gold_fingerprint,
    read_gold,
    score_actors,
    score_dates,
    score_events,
    score_quotes,
    score_stance,
)

GOLD = Path(__file__).resolve().parents[1] / "gold"
NOWHERE = Mention(0, 0, "")


def event(type_: str, actors: tuple[str, ...], recipients: tuple[str, ...] = ()) -> Event:
    return Event(
        type=type_, trigger=NOWHERE, sentence=NOWHERE, actors=actors, recipients=recipients
    )


def gold_event(type_: str, actors: set[str], recipients: set[str] = frozenset()) -> GoldEvent:  # type: ignore[assignment]
    return GoldEvent(type_, frozenset(actors), frozenset(recipients))


def test_layers_prf_arithmetic() -> None:
    counts = PRF(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert PRF().f1 == 0.0


def test_layers_actors_are_set_matched() -> None:
    counts = score_actors(["JPN", "NATO", "JPN-MIL", "JPN"], ["JPN", "NATO", "CHN"])
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 1)


def test_layers_events_need_type_actor_and_recipient_overlap() -> None:
    gold = [
        gold_event("AGREE", {"GBR", "JPN"}),
        gold_event("ACCUSE", {"JPN", "JPN-GOV"}, {"CHN"}),
        gold_event("SANCTION", {"EU"}, {"RUS"}),
    ]
    predicted = [
        event("AGREE", ("JPN",)),  # matches: both recipient sets empty
        event("ACCUSE", ("JPN-GOV",), ("CHN",)),  # matches through the sector id
        event("SANCTION", ("EU",), ("BLR",)),  # wrong recipient
        event("ACCUSE", ("JPN",), ("CHN",)),  # a duplicate: one-to-one, so a false positive
    ]
    counts = score_events(predicted, gold)
    assert (counts.tp, counts.fp, counts.fn) == (2, 2, 1)


def test_layers_event_with_recipient_does_not_match_gold_without() -> None:
    counts = score_events(
        [event("AGREE", ("GBR",), ("JPN",))], [gold_event("AGREE", {"GBR", "JPN"})]
    )
    assert counts.tp == 0


def test_layers_dates_need_overlap_and_equal_value() -> None:
    gold = [
        GoldDate(0, 20, "In January this year", "2023-01", "month"),
        GoldDate(30, 40, "since 2018", "2018/..", "range"),
        GoldDate(50, 58, "recently", None, "vague"),
    ]
    predicted = [
        TimeExpression(3, 20, "January this year", "2023-01", "month"),
        TimeExpression(30, 40, "since 2018", "2018", "year"),  # wrong value
        TimeExpression(50, 58, "recently", None, "vague"),
    ]
    assert score_dates(predicted, gold).correct == 2
    assert score_dates(predicted, gold).total == 3


def test_layers_quotes_detection_and_speakers() -> None:
    gold = [
        GoldQuote(0, 10, "a" * 10, "direct", "person:x"),
        GoldQuote(20, 30, "b" * 10, "reported", "JPN"),
        GoldQuote(40, 45, "c" * 5, "scare", None),
        GoldQuote(60, 70, "d" * 10, "direct", None),
    ]
    predicted = [
        Quote(0, 12, "", "direct", speaker="person:x"),
        Quote(22, 28, "", "reported", speaker="CHN"),  # found, wrong speaker
        Quote(41, 44, "", "scare"),
        Quote(80, 90, "", "scare"),  # overlaps nothing
    ]
    detection, speakers = score_quotes(predicted, gold)
    assert (detection.tp, detection.fp, detection.fn) == (3, 1, 1)
    assert (speakers.correct, speakers.total) == (1, 2)  # scare quotes and misses are not scored


def test_layers_quote_speaker_is_judged_on_the_tightest_same_kind_match() -> None:
    gold = [GoldQuote(10, 20, "x" * 10, "direct", "PHL")]
    predicted = [
        Quote(0, 40, "", "direct", speaker="USA-MIL"),  # the outer quote
        Quote(10, 20, "", "direct", speaker="PHL"),  # the nested one
    ]
    assert score_quotes(predicted, gold)[1].correct == 1


def test_layers_stance_sign_and_missing_actor() -> None:
    predicted = [
        Stance("JPN", -0.6, "negative"),
        Stance("CHN", 0.1, "neutral"),
    ]
    accuracy = score_stance(predicted, {"JPN": -1, "CHN": 1, "NATO": -1})
    assert (accuracy.correct, accuracy.total) == (1, 3)


def test_layers_read_gold_parts_and_offsets() -> None:
    dev, test = read_gold(GOLD, "dev"), read_gold(GOLD, "test")
    assert len(dev) >= 15 and len(test) >= 10
    for g in dev + test:
        for d in g.dates:
            assert g.article.text[d.start : d.end] == d.text
        for q in g.quotes:
            assert g.article.text[q.start : q.end] == q.text
        assert g.article.meta.published, f"{g.name} has no publication date"


def test_layers_read_gold_rejects_text_not_in_the_body(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "annotations").mkdir()
    (tmp_path / "articles" / "dev-x.txt").write_text(
        "Title\n\nXinhua\n2023-07-06\n\nJapan met NATO.\n"
    )
    (tmp_path / "annotations" / "dev-x.json").write_text(
        json.dumps(
            {"actors": ["JPN"], "quotes": [{"text": "absent", "kind": "scare", "speaker": None}]}
        )
    )
    with pytest.raises(InputError, match="'absent' is not in the article body"):
        read_gold(tmp_path)


def test_layers_fingerprint_changes_with_the_gold(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "annotations").mkdir()
    (tmp_path / "articles" / "test-a.txt").write_text("one")
    before = gold_fingerprint(tmp_path, "test")
    (tmp_path / "articles" / "test-a.txt").write_text("two")
    assert gold_fingerprint(tmp_path, "test") != before
    (tmp_path / "articles" / "dev-a.txt").write_text("three")
    assert gold_fingerprint(tmp_path, "test") == gold_fingerprint(tmp_path, "test")


def test_layers_evaluate_with_a_perfect_and_an_empty_system() -> None:
    gold = read_gold(GOLD, "dev")[:2]

    def perfect(article: Article) -> Article:
        g = next(x for x in gold if x.article.text == article.text)
        article.dates = [
            TimeExpression(d.start, d.end, d.text, d.value, d.precision) for d in g.dates
        ]
        article.quotes = [Quote(q.start, q.end, q.text, q.kind, q.speaker) for q in g.quotes]
        article.stance = [
            Stance(a, float(s), {-1: "negative", 0: "neutral", 1: "positive"}[s])
            for a, s in g.stance.items()
        ]
        return article

    total, per_article = evaluate_layers(gold, perfect)
    assert (
        total.dates.value == 1.0 and total.quote_speakers.value == 1.0 and total.stance.value == 1.0
    )
    assert total.quotes.f1 == 1.0
    assert set(per_article) == {g.name for g in gold}
    empty, _ = evaluate_layers(gold, lambda a: a)
    assert empty.actors.f1 == 0.0 and empty.dates.correct == 0


def test_layers_event_dates_over_matched_dated_events() -> None:
    from spinscope.evaluate.layers import score_event_dates

    gold = [
        GoldEvent("AGREE", frozenset({"GBR", "JPN"}), frozenset(), date="2023-01"),
        GoldEvent("ACCUSE", frozenset({"JPN"}), frozenset({"CHN"}), date="2015"),
        GoldEvent("PROTEST", frozenset({"CHN"}), frozenset({"JPN"})),  # undated: not scored
    ]
    january = TimeExpression(0, 7, "January", "2023-01", "month")
    predicted = [
        Event("AGREE", NOWHERE, NOWHERE, ("GBR",), date=january),
        Event("ACCUSE", NOWHERE, NOWHERE, ("JPN",), ("CHN",)),  # matched but undated
        Event("PROTEST", NOWHERE, NOWHERE, ("CHN",), ("JPN",), date=january),
    ]
    accuracy = score_event_dates(predicted, gold)
    assert (accuracy.correct, accuracy.total) == (1, 2)


def test_layers_date_detection_counts_extras() -> None:
    from spinscope.evaluate.layers import score_date_detection

    gold = [GoldDate(0, 10, "since 2018", "2018/..", "range")]
    predicted = [
        TimeExpression(6, 10, "2018", "2018", "year"),  # found, though the value is wrong
        TimeExpression(20, 24, "1982", "1982", "year"),  # an extra
    ]
    counts = score_date_detection(predicted, gold)
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 0)


def test_layers_gold_text_listed_twice_is_placed_at_both_occurrences() -> None:
    from spinscope.article import Article
    from spinscope.evaluate.layers import _locate

    article = Article.from_text("Last year was hard. Last year was long.")
    placed: dict[str, int] = {}
    assert _locate(article, "Last year", "g", "date", placed) == (0, 9)
    assert _locate(article, "Last year", "g", "date", placed) == (20, 29)
