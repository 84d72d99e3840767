from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import signal
import threading
from collections import Counter
from collections.abc import Iterable, Iterator

import pytest

from spinscope.article import Article, TechniqueSpan
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


class Spotter:
    """A concurrent stage: marks every "!" as a span, remembering the thread it ran in."""

    name = "spotter"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("techniques",)
    concurrent = True

    def __init__(self, started: threading.Event | None = None) -> None:
        self.started = started
        self.threads: list[int] = []

    def __call__(self, article: Article) -> Article:
        self.threads.append(threading.get_ident())
        if self.started is not None:
            self.started.set()
        if "fail" in article.text:
            raise ValueError("cannot spot a failure")
        article.techniques = [
            TechniqueSpan(i, i + 1, "Loaded_Language", 1.0, source="rule")
            for i, c in enumerate(article.text)
            if c == "!"
        ]
        return article


class WaitsForSpotter:
    """An ordinary stage before the spotter that waits until the spotter has started."""

    name = "waiter"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("waited",)

    def __init__(self, started: threading.Event) -> None:
        self.started = started
        self.saw_techniques: list[int] = []

    def __call__(self, article: Article) -> Article:
        article.extras["waited"] = self.started.wait(timeout=10)
        self.saw_techniques.append(len(article.techniques))
        if "boom" in article.text:
            raise ValueError("cannot wait for an explosion")
        return article


def test_pipeline_starts_a_concurrent_stage_beside_the_stages_before_it() -> None:
    started = threading.Event()
    waiter, spotter = WaitsForSpotter(started), Spotter(started)
    article = Pipeline([waiter, spotter])(Article.from_text("Wow! Really!"))
    # the waiter ran first in the main thread and saw the spotter start in another one
    assert article.extras["waited"] is True
    assert spotter.threads and spotter.threads[0] != threading.get_ident()
    # ... and never saw a half-written layer: the spans arrive at the spotter's turn
    assert waiter.saw_techniques == [0]
    assert [s.start for s in article.techniques] == [3, 11]
    assert article.stages == ["waiter", "spotter"]


def test_pipeline_concurrent_result_equals_a_run_in_order() -> None:
    texts = ("One! two", "three!!", "four")
    together = [Pipeline([Tagger(), Spotter()])(a) for a in articles(*texts)]
    in_order = [Tagger()(Spotter()(a)) for a in articles(*texts)]
    assert [a.techniques for a in together] == [a.techniques for a in in_order]
    batched = list(Pipeline([Tagger(), Spotter()]).pipe(articles(*texts), batch_size=2))
    assert [a.techniques for a in batched] == [a.techniques for a in in_order]
    assert all(a.stages == ["tagger", "spotter"] for a in batched)


def test_pipeline_runs_a_concurrent_stage_in_order_when_its_input_changes_before() -> None:
    class Relabels:
        name = "relabels"
        requires: tuple[str, ...] = ("meta",)
        assigns: tuple[str, ...] = ("meta.genre",)

        def __call__(self, article: Article) -> Article:
            return article

    class ReadsMeta(Spotter):
        requires: tuple[str, ...] = ("text", "meta")

    spotter = ReadsMeta()
    Pipeline([Relabels(), spotter])(Article.from_text("Hey!"))
    assert spotter.threads == [threading.get_ident()]


def test_pipeline_concurrent_stage_failure_names_the_stage() -> None:
    with pytest.raises(PipelineError, match="stage 'spotter' failed: ValueError"):
        Pipeline([Tagger(), Spotter()])(Article.from_text("fail!"))


def test_pipeline_earlier_failure_leaves_the_concurrent_layer_unwritten() -> None:
    article = Article.from_text("boom!")
    started = threading.Event()
    with pytest.raises(PipelineError, match="stage 'waiter'"):
        Pipeline([WaitsForSpotter(started), Spotter(started)])(article)
    assert article.techniques == []
    assert article.stages == []


def test_pipeline_concurrent_batch_failure_is_retried_one_by_one() -> None:
    results = list(
        Pipeline([Tagger(), Spotter()]).pipe(
            articles("a!", "fail!", "b!!"), batch_size=3, on_error="record"
        )
    )
    assert [len(a.techniques) for a in results] == [1, 0, 2]
    assert [e.stage for e in results[1].errors] == ["spotter"]
    assert not results[0].errors and not results[2].errors
    for policy, kept in (("skip", 2), ("record", 3)):
        out = list(
            Pipeline([Tagger(), Spotter()]).pipe(
                articles("a!", "fail!", "b!!"), batch_size=3, on_error=policy
            )
        )
        assert len(out) == kept
    with pytest.raises(PipelineError, match="stage 'spotter'"):
        list(Pipeline([Tagger(), Spotter()]).pipe(articles("a!", "fail!"), batch_size=2))


class Renews:
    """A stage that returns a new Article object, as the Stage protocol allows."""

    name = "renews"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("renewed",)

    def __call__(self, article: Article) -> Article:
        fresh = dataclasses.replace(article, extras={**article.extras, "renewed": True})
        return fresh


class BatchSpotter(Spotter):
    """A concurrent stage with ``pipe`` that counts how often it labels each text."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: Counter[str] = Counter()

    def __call__(self, article: Article) -> Article:
        self.calls[article.text] += 1
        return super().__call__(article)

    def pipe(self, articles: Iterable[Article], batch_size: int = 8) -> Iterator[Article]:
        return iter([self(a) for a in articles])


def test_pipeline_batch_keeps_articles_an_earlier_stage_replaced() -> None:
    results = list(
        Pipeline([Renews(), Spotter()]).pipe(articles("a!", "b!!"), batch_size=2, on_error="record")
    )
    assert [a.extras.get("renewed") for a in results] == [True, True]
    assert [len(a.techniques) for a in results] == [1, 2]


def test_pipeline_background_batch_failure_reruns_each_article_once() -> None:
    spotter = BatchSpotter()
    results = list(
        Pipeline([Tagger(), spotter]).pipe(
            articles("a!", "fail!", "b!!"), batch_size=3, on_error="record"
        )
    )
    assert spotter.threads[0] != threading.get_ident()  # the batch ran in the background
    # the background batch stopped at "fail!"; then each article once, one by one, and no
    # whole-batch rerun in between (which would label "a!" a third time)
    assert spotter.calls == Counter({"a!": 2, "fail!": 2, "b!!": 1})
    assert [len(a.techniques) for a in results] == [1, 0, 2]
    assert [e.stage for e in results[1].errors] == ["spotter"]


def test_pipeline_concurrent_stage_writing_in_place_does_not_reach_the_article_early() -> None:
    class Appends(Spotter):
        def __call__(self, article: Article) -> Article:
            article.techniques.append(TechniqueSpan(0, 1, "Doubt", 1.0, source="rule"))
            if self.started is not None:
                self.started.set()
            return article

    started = threading.Event()
    waiter = WaitsForSpotter(started)
    article = Pipeline([waiter, Appends(started)])(Article.from_text("x"))
    assert waiter.saw_techniques == [0]
    assert len(article.techniques) == 1


def test_pipeline_only_layer_stages_run_concurrently() -> None:
    class WritesExtras(Spotter):
        assigns: tuple[str, ...] = ("extras",)

    stage = WritesExtras()
    Pipeline([stage])(Article.from_text("x!"))
    assert stage.threads == [threading.get_ident()]


def test_pipeline_used_once_can_be_pickled_and_copied() -> None:
    pipeline = Pipeline([Tagger(), Spotter()])
    pipeline(Article.from_text("a!"))
    for clone in (pickle.loads(pickle.dumps(pipeline)), copy.deepcopy(pipeline)):
        assert len(clone(Article.from_text("b!!")).techniques) == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_pipeline_works_in_a_forked_child() -> None:
    pipeline = Pipeline([Tagger(), Spotter()])
    pipeline(Article.from_text("warm!"))  # the parent's worker thread exists now
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its copy of the executor has no thread
        signal.alarm(20)
        found = len(pipeline(Article.from_text("a!!!")).techniques)
        os.write(write, bytes([found]))
        os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert os.read(read, 1) == bytes([3])
