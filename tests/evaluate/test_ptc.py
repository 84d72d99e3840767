"""Our PTC metrics on hand-made cases (no PTC text is used)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.errors import InputError
from spinscope.evaluate.ptc import (
    LabelledSpan,
    article_id_from_path,
    merge_spans,
    read_article,
    read_si_labels,
    read_tc_labels,
    read_tc_template,
    score_flc_per_technique,
    score_si,
    score_tc,
)


def spans(*items: tuple) -> list[LabelledSpan]:
    return [LabelledSpan(*item) for item in items]


def test_ptc_score_si_exact_match_is_perfect() -> None:
    gold = spans(("1", 0, 10), ("1", 20, 30), ("2", 5, 9))
    result = score_si(gold, gold)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)


def test_ptc_score_si_partial_overlap_counts_fractions() -> None:
    # predicted 0-10 covers half of gold 5-15 and half of itself
    result = score_si(spans(("1", 0, 10)), spans(("1", 5, 15)))
    assert result.precision == pytest.approx(0.5)
    assert result.recall == pytest.approx(0.5)
    assert result.f1 == pytest.approx(0.5)


def test_ptc_score_si_sums_over_all_pairs() -> None:
    # one long prediction over two gold spans: precision = (4 + 4) / 20, recall = 1 + 1 over 2
    result = score_si(spans(("1", 0, 20)), spans(("1", 0, 4), ("1", 10, 14)))
    assert result.precision == pytest.approx(8 / 20)
    assert result.recall == pytest.approx(1.0)


def test_ptc_score_si_merges_overlapping_gold_first() -> None:
    gold = spans(("1", 0, 10, "Loaded_Language"), ("1", 5, 15, "Doubt"))
    result = score_si(spans(("1", 0, 15)), gold)
    assert result.n_gold == 1
    assert result.f1 == pytest.approx(1.0)


def test_ptc_score_si_articles_do_not_mix() -> None:
    result = score_si(spans(("1", 0, 10)), spans(("2", 0, 10)))
    assert result.f1 == 0.0
    assert result.n_predicted == 1 and result.n_gold == 1


def test_ptc_score_si_empty_prediction_scores_zero() -> None:
    result = score_si([], spans(("1", 0, 10)))
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)


def test_ptc_score_tc_micro_f1_counts_correct_labels() -> None:
    gold = spans(("1", 0, 5, "Doubt"), ("1", 6, 9, "Slogans"), ("2", 1, 4, "Repetition"))
    pred = spans(("1", 0, 5, "Doubt"), ("1", 6, 9, "Doubt"), ("2", 1, 4, "Repetition"))
    result = score_tc(pred, gold)
    assert result.micro_f1 == pytest.approx(2 / 3)
    assert result.per_technique["Repetition"].f1 == 1.0
    assert result.per_technique["Slogans"].recall == 0.0
    assert result.per_technique["Doubt"].precision == pytest.approx(0.5)


def test_ptc_score_tc_duplicate_spans_use_best_matching() -> None:
    gold = spans(("1", 10, 20, "Loaded_Language"), ("1", 10, 20, "Repetition"))
    swapped = spans(("1", 10, 20, "Repetition"), ("1", 10, 20, "Loaded_Language"))
    assert score_tc(swapped, gold).micro_f1 == 1.0
    same_twice = spans(("1", 10, 20, "Repetition"), ("1", 10, 20, "Repetition"))
    assert score_tc(same_twice, gold).micro_f1 == pytest.approx(0.5)


def test_ptc_score_tc_requires_labels() -> None:
    with pytest.raises(InputError):
        score_tc(spans(("1", 0, 5)), spans(("1", 0, 5, "Doubt")))


def test_ptc_flc_per_technique_needs_matching_technique() -> None:
    gold = spans(("1", 0, 10, "Doubt"))
    result = score_flc_per_technique(spans(("1", 0, 10, "Slogans")), gold)
    assert result["Doubt"].f1 == 0.0
    assert result["Slogans"].precision == 0.0


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 50)), max_size=30))
def test_ptc_merge_spans_is_disjoint_and_covers_the_same_characters(
    raw: list[tuple[int, int]],
) -> None:
    items = [(s, s + length) for s, length in raw]
    merged = merge_spans(items)
    covered = {c for s, e in items for c in range(s, e)}
    assert {c for s, e in merged for c in range(s, e)} == covered
    for (_, e1), (s2, _) in zip(merged, merged[1:], strict=False):
        assert e1 <= s2


def test_ptc_readers_parse_label_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    tc = tmp_path / "x-task-flc-tc.labels"
    tc.write_text("111\tDoubt\t3\t9\n111\tName_Calling,Labeling\t12\t20\n", encoding="utf-8")
    si = tmp_path / "x-task-si.labels"
    si.write_text("111\t3\t9\n", encoding="utf-8")
    template = tmp_path / "template.out"
    template.write_text("111\t?\t3\t9\n", encoding="utf-8")
    assert read_tc_labels(tc)[1] == LabelledSpan("111", 12, 20, "Name_Calling,Labeling")
    assert read_si_labels(si) == [LabelledSpan("111", 3, 9)]
    assert read_tc_template(template) == [LabelledSpan("111", 3, 9)]


@pytest.mark.parametrize("line", ["111\tDoubt\t3\n", "111\tDoubt\tx\t9\n", "111\tDoubt\t9\t3\n"])
def test_ptc_readers_reject_malformed_lines(tmp_path, line: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.labels"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(InputError, match="bad.labels:1"):
        read_tc_labels(path)


def test_ptc_read_article_keeps_raw_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "article42.txt"
    path.write_bytes("Title\r\n\r\nBody “quoted”.\n".encode())
    text = read_article(path)
    assert text == "Title\r\n\r\nBody “quoted”.\n"
    assert article_id_from_path(path) == "42"
    with pytest.raises(InputError):
        article_id_from_path(tmp_path / "notes.txt")
