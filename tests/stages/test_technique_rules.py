"""The transparent technique rules and the merge policy, on hand-written sentences."""

from __future__ import annotations

import pytest

from spinscope.article import TechniqueSpan
from spinscope.stages.technique_rules import RULES, find_rule_spans, load_lexicon, merge


def found(text: str, rule: str) -> list[tuple[str, str]]:
    return [(s.text, s.technique) for s in find_rule_spans(text, [rule])]


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "The council's plan is a sinister charade.",
            "loaded_lexicon",
            [("sinister", "Loaded_Language"), ("charade", "Loaded_Language")],
        ),
        (
            "Critics called them traitors and thugs.",
            "name_lexicon",
            [("traitors", "Name_Calling,Labeling"), ("thugs", "Name_Calling,Labeling")],
        ),
        (
            "It denounced the Cold War mentality of the bloc.",
            "name_lexicon",
            [("Cold War mentality", "Name_Calling,Labeling")],
        ),
        (
            "Both sides praised win-win cooperation.",
            "slogan_lexicon",
            [("win-win cooperation", "Slogans")],
        ),
        (
            "The harbour is a place of trade, not a stage for rivalry.",
            "antithesis",
            [("is a place of trade, not a stage for rivalry", "Slogans")],
        ),
    ],
)
def test_technique_rules_find_expected_spans(text: str, rule: str, expected: list) -> None:
    assert found(text, rule) == expected


def test_technique_rules_so_called_takes_the_quoted_label() -> None:
    text = 'The mayor repeated the so-called "river tax" at every meeting.'
    assert found(text, "so_called") == [('so-called "river tax"', "Doubt")]


def test_technique_rules_so_called_stops_before_function_words() -> None:
    text = "They hyped the so-called border crisis to win votes."
    assert found(text, "so_called") == [("so-called border crisis", "Doubt")]


def test_technique_rules_scare_quotes_skip_reported_speech() -> None:
    assert found('The agency "protected" the harbour.', "scare_quotes") == [
        ("protected", "Name_Calling,Labeling")
    ]
    assert found('The minister said "absolutely not" twice.', "scare_quotes") == []


def test_technique_rules_offsets_point_at_the_text() -> None:
    text = "A line.\nA sinister plan, a so-called 'reform', and win-win cooperation!"
    for span in find_rule_spans(text, RULES):
        assert text[span.start : span.end] == span.text
        assert span.source == "rule" and span.explanation.startswith("rule ")


def test_technique_rules_do_not_match_inside_words() -> None:
    assert found("The shampoo was a shampooing success.", "loaded_lexicon") == []


def test_technique_rules_lexicons_are_lower_case_without_comments() -> None:
    for name in ("loaded_language", "name_calling", "slogans"):
        entries = load_lexicon(name)
        assert entries and all(e == e.lower() and not e.startswith("#") for e in entries)


def test_technique_rules_unknown_rule_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown technique rules"):
        find_rule_spans("text", ["no_such_rule"])


def span(start: int, end: int, technique: str, source: str, score: float = 0.5) -> TechniqueSpan:
    return TechniqueSpan(start, end, technique, score, source, explanation=source)


def test_technique_merge_same_technique_overlap_marks_model_span_merged() -> None:
    result = merge(
        [span(0, 10, "Loaded_Language", "model", 0.4)], [span(2, 6, "Loaded_Language", "rule", 0.6)]
    )
    assert len(result) == 1
    assert (result[0].start, result[0].end, result[0].source, result[0].score) == (
        0,
        10,
        "merged",
        0.6,
    )
    assert "model" in result[0].explanation and "rule" in result[0].explanation


def test_technique_merge_adds_rule_spans_elsewhere_and_other_techniques() -> None:
    model = [span(0, 10, "Loaded_Language", "model")]
    rules = [span(2, 6, "Doubt", "rule"), span(20, 25, "Loaded_Language", "rule")]
    result = merge(model, rules)
    assert [(s.start, s.technique, s.source) for s in result] == [
        (0, "Loaded_Language", "model"),
        (2, "Doubt", "rule"),
        (20, "Loaded_Language", "rule"),
    ]


def test_technique_merge_drops_duplicate_rule_spans() -> None:
    rules = [span(2, 6, "Slogans", "rule"), span(3, 6, "Slogans", "rule")]
    assert len(merge([], rules)) == 1
