"""The techniques stage: the numeric core (windows, decoding, trimming) and the shipped model."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.article import Article
from spinscope.errors import ConfigError, InputError, ModelError
from spinscope.stages.technique_spans import (
    TRIM_CHARS,
    decode_spans,
    make_windows,
    normalized_words,
    occurrences,
    token_range,
    trim_span,
)
from spinscope.stages.techniques import (
    DEFAULT_MODEL_DIR,
    MAX_STANDALONE_WORKERS,
    TechniqueModel,
    TechniquesStage,
    parallel_map,
    pipeline_threads,
    predict_ptc,
    usable_cores,
)

ARTICLE = (
    "Harbour council approves new ferry fees\n"
    "\n"
    "The council approved a sinister plan to raise ferry fees on Monday.\n"
    'Critics called the so-called "reform" a shameful betrayal of every family on the island.\n'
    "The mayor said the fees would pay for a new pier and repairs to the old one.\n"
    "Our island, our ferries, our future!\n"
)


@given(st.integers(0, 700), st.sampled_from([(16, 8), (16, 14), (64, 48), (256, 192), (256, 254)]))
def test_techniques_windows_cover_every_token_once(n: int, shape: tuple[int, int]) -> None:
    max_length, stride = shape
    win = make_windows(np.arange(n), np.zeros((n, 2)), max_length, stride)
    assert all(e - s <= max_length - 2 for s, e in win.windows)
    for i in range(n):
        s, e = win.windows[win.owner[i]]
        assert s <= i < e
        assert win.position[i] == i - s + 1
    ids, mask = win.batch(101, 102)
    assert ids.shape[1] <= max_length
    if n:
        assert (ids[win.owner, win.position] == np.arange(n)).all()


def test_techniques_windows_prefer_central_positions() -> None:
    win = make_windows(np.arange(30), np.zeros((30, 2)), max_length=12, stride=5)
    # token 13 sits 1 from the end of window (5, 15) but 3 from the start of (10, 20)
    assert win.windows[win.owner[13]] == (10, 20)
    assert win.windows[win.owner[11]] == (5, 15)


@given(st.text(alphabet="ab .,:;\n", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_techniques_trim_span_never_starts_or_ends_with_trim_chars(
    text: str, a: int, b: int
) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    s, e = trim_span(text, start, end)
    assert start <= s <= e <= end
    if e > s:
        assert text[s] not in TRIM_CHARS and text[e - 1] not in TRIM_CHARS


def test_techniques_decode_spans_maps_tokens_to_words() -> None:
    text = "A truly shameful plan, indeed."
    offsets = np.array([[0, 1], [2, 7], [8, 13], [13, 16], [17, 21], [21, 22], [23, 29], [29, 30]])
    probs = np.array(
        [[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1], [0, 0, 1], [1, 0, 0], [1, 0, 0]],
        float,
    )
    assert decode_spans(text, offsets, probs, 0.5) == [(8, 21, 1.0)]  # trailing comma trimmed


def test_techniques_decode_spans_splits_at_b_and_widens_subwords() -> None:
    text = "shame shameful"
    offsets = np.array([[0, 5], [6, 11], [11, 14]])
    probs = np.array([[0, 0.9, 0.1], [0, 0.8, 0.2], [0.5, 0.1, 0.4]])
    assert [(s, e) for s, e, _ in decode_spans(text, offsets, probs, 0.5)] == [(0, 5), (6, 14)]


def test_techniques_token_range_finds_overlapping_tokens() -> None:
    offsets = np.array([[0, 3], [4, 9], [10, 12]])
    assert token_range(offsets, 4, 12) == (1, 3)
    assert token_range(offsets, 3, 4) in {(0, 1), (1, 2)}


@pytest.fixture(scope="module")
def stage() -> TechniquesStage:
    return TechniquesStage()


@pytest.mark.model
def test_techniques_stage_spans_are_valid_and_explained(stage: TechniquesStage) -> None:
    article = stage(Article.from_text(ARTICLE))
    assert article.techniques, "expected at least one technique span"
    labels = set(stage.model.labels)
    for span in article.techniques:
        assert 0 <= span.start < span.end <= len(article.text)
        assert article.text[span.start : span.end] == span.text
        assert span.text[0] not in TRIM_CHARS and span.text[-1] not in TRIM_CHARS
        assert span.technique in labels
        assert span.source in {"model", "rule", "merged"}
        assert span.explanation
        assert 0.0 <= span.score <= 1.0


@pytest.mark.model
def test_techniques_stage_finds_loaded_words(stage: TechniquesStage) -> None:
    spans = stage.spans(ARTICLE)
    assert any("sinister" in s.text for s in spans)
    assert any("so-called" in s.text for s in spans)


@pytest.mark.model
def test_techniques_stage_handles_long_and_empty_text(stage: TechniquesStage) -> None:
    long_text = ARTICLE * 40  # many windows
    spans = stage.spans(long_text)
    assert all(long_text[s.start : s.end] == s.text for s in spans)
    assert stage.spans("") == []
    assert list(stage.pipe([Article.from_text(ARTICLE)]))[0].techniques


@pytest.mark.model
def test_techniques_model_classifies_given_spans(stage: TechniquesStage) -> None:
    start = ARTICLE.index("sinister")
    probs = stage.model.classify(ARTICLE, [(start, start + len("sinister"))])
    assert probs.shape == (1, 14)
    assert probs.sum() == pytest.approx(1.0, abs=1e-4)


@pytest.mark.model
def test_techniques_predict_ptc_writes_flc_and_tc_lines(
    tmp_path: Path, stage: TechniquesStage
) -> None:
    path = tmp_path / "article777.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    lines = list(predict_ptc([path], stage=stage))
    for line in lines:
        article_id, technique, start, end = line.split("\t")
        assert article_id == "777" and technique in stage.model.labels
        assert int(start) < int(end) <= len(ARTICLE)
    s = ARTICLE.index("shameful")
    template = tmp_path / "template.out"
    template.write_text(f"777\t?\t{s}\t{s + 8}\n777\t?\t{s}\t{s + 8}\n", encoding="utf-8")
    out = list(predict_ptc([tmp_path], spans_template=template, stage=stage))
    assert len(out) == 2
    assert out[0].split("\t")[2:] == [str(s), str(s + 8)]
    assert out[0].split("\t")[1] != out[1].split("\t")[1]  # repeated span: two best techniques


@pytest.mark.model
def test_techniques_predict_ptc_rejects_unknown_article(
    tmp_path: Path, stage: TechniquesStage
) -> None:
    (tmp_path / "article1.txt").write_text(ARTICLE, encoding="utf-8")
    template = tmp_path / "template.out"
    template.write_text("2\t?\t0\t4\n", encoding="utf-8")
    with pytest.raises(InputError, match="article 2"):
        list(predict_ptc([tmp_path], spans_template=template, stage=stage))


@pytest.mark.model
def test_techniques_model_checks_its_checksum(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, copy)
    config = json.loads((copy / "config.json").read_text())
    config["model_sha256"] = "0" * 64
    (copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="sha256"):
        TechniqueModel(copy)


def test_techniques_model_missing_folder_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        TechniqueModel(tmp_path)


def test_techniques_from_config_rejects_unknown_settings() -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        TechniquesStage.from_config({"treshold": 0.3})


@pytest.mark.model
def test_techniques_from_config_reads_settings() -> None:
    stage = TechniquesStage.from_config({"threshold": 0.3, "rules": False, "threads": 1})
    assert stage.threshold == 0.3 and stage.rules is False
    assert TechniquesStage.name == "techniques"
    assert TechniquesStage.requires == ("text",) and TechniquesStage.assigns == ("techniques",)


@pytest.mark.model
def test_techniques_thread_pool_sleeps_when_idle() -> None:
    """A session with a pool of threads shares its cores with the parser, so it must not spin."""
    pooled = TechniqueModel(threads=2).session.get_session_options()
    assert pooled.intra_op_num_threads == 2
    assert pooled.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    single = TechniqueModel(threads=1).session.get_session_options()
    with pytest.raises(Exception, match="allow_spinning"):
        single.get_session_config_entry("session.intra_op.allow_spinning")


def test_techniques_pipeline_gives_the_model_every_usable_core() -> None:
    assert pipeline_threads() == usable_cores()


@pytest.mark.model
def test_techniques_reference_article_gets_sensible_spans(reference_article: Path) -> None:
    from spinscope import analyze

    article = analyze(reference_article)
    found = {(s.technique, s.text) for s in article.techniques}
    texts = " | ".join(s.text for s in article.techniques)
    assert any("sinister" in t for _, t in found), texts
    assert sum("so-called" in t for _, t in found) >= 2, texts
    assert ("Slogans", "path of peaceful development") in found, texts
    for span in article.techniques:
        assert article.text[span.start : span.end] == span.text


def test_techniques_decode_spans_skips_possessive_s() -> None:
    text = "Japan's smearing campaign"
    offsets = np.array([[0, 5], [5, 6], [6, 7], [8, 16], [17, 25]])
    probs = np.array([[1, 0, 0], [1, 0, 0], [0.2, 0.1, 0.7], [0, 0.2, 0.8], [1, 0, 0]], float)
    assert [(s, e) for s, e, _ in decode_spans(text, offsets, probs, 0.5)] == [(8, 16)]


def test_techniques_decode_spans_hysteresis_grows_over_weaker_tokens() -> None:
    text = "very bad idea"
    offsets = np.array([[0, 4], [5, 8], [9, 13]])
    probs = np.array([[0.7, 0.1, 0.2], [0.1, 0.8, 0.1], [0.6, 0.0, 0.4]])
    assert [(s, e) for s, e, _ in decode_spans(text, offsets, probs, 0.5)] == [(5, 8)]
    assert [(s, e) for s, e, _ in decode_spans(text, offsets, probs, 0.5, low=0.3)] == [(5, 13)]


def test_techniques_parallel_map_keeps_order_and_reads_ahead_boundedly() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for i in range(40):
            read.append(i)
            yield i

    out = parallel_map(lambda x: x * x, items(), workers=2)
    assert next(out) == 0
    assert len(read) <= 5  # 2 * workers in flight, plus the one being submitted
    assert list(out) == [i * i for i in range(1, 40)]
    assert list(parallel_map(str, [3, 1, 2], workers=1)) == ["3", "1", "2"]


def test_techniques_parallel_map_raises_at_the_failing_item() -> None:
    def work(x: int) -> int:
        if x == 3:
            raise ValueError("three")
        return x

    out = parallel_map(work, range(6), workers=2)
    assert [next(out), next(out), next(out)] == [0, 1, 2]
    with pytest.raises(ValueError, match="three"):
        next(out)


def test_techniques_stage_refuses_zero_workers() -> None:
    with pytest.raises(ValueError, match="workers"):
        TechniquesStage(workers=0)


@pytest.mark.model
def test_techniques_standalone_stage_gives_the_spans_of_one_at_a_time(
    stage: TechniquesStage,
) -> None:
    texts = [ARTICLE, ARTICLE.replace("sinister", "careful"), "", ARTICLE.upper()]
    standalone = TechniquesStage.standalone()
    assert 1 <= standalone.workers == min(usable_cores(), MAX_STANDALONE_WORKERS)
    assert 1 <= usable_cores() <= (os.cpu_count() or 1)
    parallel = TechniquesStage(workers=2)
    assert list(parallel.spans_many(texts)) == [stage.spans(t) for t in texts]
    articles = (Article.from_text(t) for t in texts if t)  # a generator: pipe stays lazy
    piped = [a.techniques for a in parallel.pipe(articles)]
    assert piped == [stage.spans(t) for t in texts if t]


@pytest.mark.parametrize(
    ("text", "fragment", "count"),
    [
        ("War, war! The warning: war.", "war", 3),
        ("The U.S. Navy and the U.S. navy", "U.S. navy", 2),
        ("a a a a", "a a", 2),  # whole, non-overlapping repeats
        ("Stand firm. Stand firm!", "...", 0),
        ("Reform means reforms", "reform", 1),
    ],
)
def test_techniques_occurrences_counts_whole_words(text: str, fragment: str, count: int) -> None:
    assert occurrences(normalized_words(text), fragment) == count


@given(st.lists(st.sampled_from(["stand", "firm", "we", "!", ", ", " "]), max_size=30))
def test_techniques_occurrences_matches_a_word_split(pieces: list[str]) -> None:
    text = " ".join(pieces)
    words = normalized_words(text).split()
    expected = sum(1 for w in words if w == "stand")
    assert occurrences(normalized_words(text), "Stand") == expected


REPEATING = (
    "Stand firm, islanders\n\n"
    "The council wants to sell the ferries. Stand firm. The council wants silence. "
    "Stand firm. They will call it progress, but we know better. Stand firm.\n"
)


@pytest.mark.model
def test_techniques_repetition_boost_raises_repeated_phrases_only(stage: TechniquesStage) -> None:
    model = TechniqueModel()
    assert model.repetition_boost is not None  # the shipped config has one
    k = model.labels.index("Repetition")
    repeated = REPEATING.index("Stand firm.")
    once = REPEATING.index("progress")
    spans = [(repeated, repeated + 10), (once, once + 8)]
    boosted = model.classify(REPEATING, spans)
    model.repetition_boost = None
    plain = model.classify(REPEATING, spans)
    assert boosted[0, k] > plain[0, k]
    np.testing.assert_allclose(boosted[1], plain[1])  # said once: untouched
    np.testing.assert_allclose(boosted.sum(axis=1), 1.0, rtol=1e-5)


@pytest.mark.model
def test_techniques_model_rejects_a_malformed_repetition_boost(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, folder)
    config = json.loads((folder / "config.json").read_text())
    config["repetition_boost"] = {"weight": 2.0}
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="repetition_boost must have the keys"):
        TechniqueModel(folder)
