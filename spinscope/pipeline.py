"""Stages and the pipeline that runs them.

A stage is a callable ``Article -> Article`` with a ``name``, the layers it
``requires`` and the layers it ``assigns``. The pipeline refuses to build when a
stage needs a layer that no earlier stage assigns. Ingestion provides ``text``
and ``meta``.

Errors are handled by one policy for the whole batch, ``on_error``:

- ``"raise"``: stop at the first failure;
- ``"skip"``: log the failure and leave the article out;
- ``"record"``: keep the article, with an ``ErrorRecord`` naming the stage.

Concurrency: a stage that sets ``concurrent = True`` and requires only what ingestion
gives (the ``techniques`` stage: its ONNX model needs the text alone) is started in a
worker thread when the article (or batch) enters the pipeline, so that it runs beside
the spaCy parse and the rule stages on a second core. It works on a copy of the
article; at its place in the order the pipeline waits for it and copies the layers it
``assigns`` onto the article. Stages before it never see a half-written layer, and the
result is the same as a run in order.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from spinscope.article import Article, ErrorRecord
from spinscope.errors import PipelineError, SpinscopeError

__all__ = ["INGESTED_LAYERS", "OnError", "Pipeline", "Stage", "record_error"]

log = logging.getLogger(__name__)

OnError = Literal["raise", "skip", "record"]
ON_ERROR_CHOICES: tuple[str, ...] = ("raise", "skip", "record")

INGESTED_LAYERS: frozenset[str] = frozenset({"text", "meta"})
"""What every article has before the first stage runs."""

_ARTICLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))


@runtime_checkable
class Stage(Protocol):
    """What the pipeline needs from a stage."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


def record_error(article: Article, stage: str, error: BaseException) -> None:
    """Store a failure on the article, so that a batch can go on."""
    article.errors.append(ErrorRecord(stage=stage, kind=type(error).__name__, message=str(error)))


@dataclass
class Pipeline:
    """An ordered list of stages whose requirements are met by those before them.

    Raises:
        PipelineError: a stage requires a layer that nothing before it assigns.
    """

    stages: Sequence[Stage] = field(default_factory=list)
    _executor: ThreadPoolExecutor | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        available = set(INGESTED_LAYERS)
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise PipelineError(
                    f"stage '{stage.name}' requires {', '.join(missing)}, which no earlier stage "
                    f"assigns; add the stage that provides it before '{stage.name}'"
                )
            available.update(stage.assigns)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def _early(self) -> list[int]:
        """Positions of the stages that may start as soon as an article is ingested.

        Such a stage sets ``concurrent = True``, requires ingested layers only, none of
        which an earlier stage changes (``meta.genre`` changes ``meta``), and assigns
        whole layers of the article.
        """
        early = []
        changed: set[str] = set()
        for i, stage in enumerate(self.stages):
            if (
                getattr(stage, "concurrent", False)
                and set(stage.requires) <= INGESTED_LAYERS - changed
                and set(stage.assigns) <= _ARTICLE_FIELDS - INGESTED_LAYERS
            ):
                early.append(i)
            changed.update(layer.partition(".")[0] for layer in stage.assigns)
        return early

    def _submit(self, work: Any, *args: Any) -> Future[Any]:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spinscope")
        return self._executor.submit(work, *args)

    def __call__(self, article: Article) -> Article:
        """Run every stage on one article; a failing stage raises PipelineError."""
        early = {i: self._submit(_run_stage, self.stages[i], _copy(article)) for i in self._early()}
        try:
            for i, stage in enumerate(self.stages):
                if i in early:
                    done = early.pop(i).result()  # raises the stage's PipelineError
                    _take_layers(article, done, stage)
                else:
                    article = _run_stage(stage, article)
        finally:
            _settle(early.values())
        return article

    def pipe(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = 16,
        on_error: OnError = "raise",
    ) -> Iterator[Article]:
        """Run the pipeline over many articles, in batches, with one error policy.

        Stages that define ``pipe(articles, batch_size=...)`` get whole batches
        (a model runs once per batch); if a batch fails, its articles are retried
        one by one so that one bad article does not sink the others.
        """
        if on_error not in ON_ERROR_CHOICES:
            raise PipelineError(f"on_error must be one of {ON_ERROR_CHOICES}, not {on_error!r}")
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, batch_size, on_error)
                batch = []
        if batch:
            yield from self._run_batch(batch, batch_size, on_error)

    def _run_batch(
        self, batch: list[Article], batch_size: int, on_error: OnError
    ) -> Iterator[Article]:
        # Articles that already failed (at ingestion, say) pass through untouched.
        live = [a for a in batch if not a.errors]
        failed_ids: set[int] = set()
        # the copies are made here, before any stage in this thread touches the articles
        early = {
            i: self._submit(
                _run_batch_stage, self.stages[i], live, [_copy(a) for a in live], batch_size
            )
            for i in self._early()
            if live
        }
        try:
            live = self._run_stages(live, early, failed_ids, batch_size, on_error)
        finally:
            _settle(early.values())
        by_id = {id(a): a for a in live}
        for article in batch:
            article = by_id.get(id(article), article)
            if article.errors and on_error == "skip":
                log.warning(
                    "skipped %s: %s", article.meta.source or article.id, article.errors[-1].message
                )
                continue
            yield article

    def _run_stages(
        self,
        live: list[Article],
        early: dict[int, Future[Any]],
        failed_ids: set[int],
        batch_size: int,
        on_error: OnError,
    ) -> list[Article]:
        for position, stage in enumerate(self.stages):
            live = [a for a in live if id(a) not in failed_ids]
            if not live:
                break
            if position in early:
                try:
                    done = early.pop(position).result()
                except Exception:  # noqa: BLE001 - rerun below, one by one, to find the culprit
                    log.debug("stage %s failed on a batch in the background", stage.name)
                else:
                    for article in live:
                        _take_layers(article, done[id(article)], stage)
                    continue
            batch_pipe = getattr(stage, "pipe", None)
            if batch_pipe is not None and len(live) > 1:
                try:
                    live = list(batch_pipe(live, batch_size=batch_size))
                    for a in live:
                        _mark(a, stage.name)
                    continue
                except Exception:  # noqa: BLE001 - retried one by one below to find the culprit
                    log.debug("stage %s failed on a batch; retrying one by one", stage.name)
            result = []
            for article in live:
                try:
                    result.append(_run_stage(stage, article))
                except PipelineError as e:
                    if on_error == "raise":
                        raise
                    record_error(article, stage.name, e.__cause__ or e)
                    failed_ids.add(id(article))
                    result.append(article)
            live = result
        return live


def _mark(article: Article, stage_name: str) -> None:
    if stage_name not in article.stages:
        article.stages.append(stage_name)


def _copy(article: Article) -> Article:
    """A copy a background stage may write to; its lists of errors and stages are its own."""
    return dataclasses.replace(
        article,
        errors=list(article.errors),
        stages=list(article.stages),
        extras=dict(article.extras),
    )


def _take_layers(article: Article, done: Article, stage: Stage) -> None:
    """Copy what a background stage assigned from its copy onto the article."""
    for layer in stage.assigns:
        setattr(article, layer, getattr(done, layer))
    _mark(article, stage.name)


def _run_batch_stage(
    stage: Stage, articles: list[Article], copies: list[Article], batch_size: int
) -> dict[int, Article]:
    """A stage over copies of a batch, in a worker thread: results by id of the original."""
    batch_pipe = getattr(stage, "pipe", None)
    if batch_pipe is not None and len(copies) > 1:
        done = list(batch_pipe(copies, batch_size=batch_size))
    else:
        done = [stage(c) for c in copies]
    return {id(a): d for a, d in zip(articles, done, strict=True)}


def _settle(futures: Iterable[Future[Any]]) -> None:
    """Wait for background work that was not collected (an earlier stage failed)."""
    for future in futures:
        if not future.cancel():
            future.exception()


def _run_stage(stage: Stage, article: Article) -> Article:
    try:
        result = stage(article)
    except SpinscopeError as e:
        raise PipelineError(
            f"{article.meta.source or article.id}: stage '{stage.name}': {e}"
        ) from e
    except Exception as e:
        raise PipelineError(
            f"{article.meta.source or article.id}: stage '{stage.name}' failed: "
            f"{type(e).__name__}: {e}"
        ) from e
    _mark(result, stage.name)
    return result


def build_stages(names: Sequence[str], settings: Mapping[str, Any]) -> list[Stage]:
    """Create the named stages from the registry, each with its own settings table."""
    from spinscope.stages import create_stage

    return [create_stage(name, settings.get(name, {})) for name in names]
