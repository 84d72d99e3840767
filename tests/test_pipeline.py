from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from spinscope.article import Article
from spinscope.errors import PipelineError
from spinscope.pipeline import Pipeline


class Tagger:
    name = "tagger"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("tags",)

    def __call__(self, article: Article) -> Article:
        article.extras["tags"] = article.text.split()
        return article


class NeedsTags:
    name = "needs_tags"
    requires: tuple[str, ...] = ("tags",)
    assigns: tuple[str, ...] = ("count",)

    def __call__(self, article: Article) -> Article:
        if "boom" in article.text:
            raise ValueError("cannot count an explosion")
        article.extras["count"] = len(article.extras["tags"])
        return article


class BatchCounter(NeedsTags):
    name = "batch_counter"

    def __init__(self) -> None:
        self.batches: list[int] = []

    def pipe(self, articles: Iterable[Article], batch_size: int = 8) -> Iterator[Article]:
        articles = list(articles)
        self.batches.append(len(articles))
        return iter([self(a) for a in articles])


def articles(*texts: str) -> list[Article]:
    return [Article.from_text(t, source=f"t{i}") for i, t in enumerate(texts)]


def test_pipeline_refuses_unmet_requirement() -> None:
    with pytest.raises(PipelineError, match="needs_tags.*requires tags"):
        Pipeline([NeedsTags(), Tagger()])


def test_pipeline_runs_stages_in_order_and_records_names() -> None:
    article = Pipeline([Tagger(), NeedsTags()])(Article.from_text("a b c"))
    assert article.extras["count"] == 3
    assert article.stages == ["tagger", "needs_tags"]


def test_pipeline_on_error_raise_stops() -> None:
    pipe = Pipeline([Tagger(), NeedsTags()])
    with pytest.raises(PipelineError, match="t1.*needs_tags.*explosion"):
        list(pipe.pipe(articles("a", "boom", "c"), on_error="raise"))


def test_pipeline_on_error_skip_leaves_out_failures() -> None:
    out = list(
        Pipeline([Tagger(), NeedsTags()]).pipe(articles("a", "boom", "c d"), on_error="skip")
    )
    assert [a.extras["count"] for a in out] == [1, 2]


def test_pipeline_on_error_record_keeps_failure_on_item() -> None:
    out = list(
        Pipeline([Tagger(), NeedsTags()]).pipe(articles("a", "boom", "c"), on_error="record")
    )
    assert len(out) == 3
    failed = out[1]
    assert failed.errors[0].stage == "needs_tags"
    assert failed.errors[0].kind == "ValueError"
    assert "explosion" in failed.errors[0].message
    assert "count" not in failed.extras
    assert out[2].extras["count"] == 1


def test_pipeline_batches_go_to_pipe_and_a_bad_batch_is_retried_one_by_one() -> None:
    counter = BatchCounter()
    out = list(
        Pipeline([Tagger(), counter]).pipe(
            articles("a", "b", "boom", "c"), batch_size=2, on_error="record"
        )
    )
    assert counter.batches == [2, 2]
    assert [bool(a.errors) for a in out] == [False, False, True, False]


def test_pipeline_rejects_unknown_error_policy() -> None:
    with pytest.raises(PipelineError, match="on_error"):
        list(Pipeline([]).pipe([], on_error="ignore"))  # type: ignore[arg-type]


def test_pipeline_unknown_stage_name_lists_available() -> None:
    from spinscope.stages import create_stage

    with pytest.raises(PipelineError, match="unknown stage 'nope'.*metadata"):
        create_stage("nope", {})
