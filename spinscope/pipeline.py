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
result is the same as a run in order. A pipeline has one worker thread: threads that share one
``Pipeline`` take turns for such a stage.
"""

from __future__ import annotations

import dataclasses
import logging
import os
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

ANALYSIS_LAYERS: frozenset[str] = (
    frozenset(f.name for f in dataclasses.fields(Article))
    - INGESTED_LAYERS
    - {"id", "errors", "stages", "extras"}
)
"""The list layers a concurrent stage may assign (techniques, actors, ...)."""


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
    _pid: int | None = field(default=None, init=False, repr=False, compare=False)

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
        which an earlier stage changes (``meta.genre`` changes ``meta``), and assigns one or
        more of ``ANALYSIS_LAYERS``; it writes nothing else (its ``extras`` and recorded
        errors stay on its copy).
        """
        early = []
        changed: set[str] = set()
        for i, stage in enumerate(self.stages):
            if (
                getattr(stage, "concurrent", False)
                and set(stage.requires) <= INGESTED_LAYERS - changed
                and stage.assigns
                and set(stage.assigns) <= ANALYSIS_LAYERS
            ):
                early.append(i)
            changed.update(layer.partition(".")[0] for layer in stage.assigns)
        return early

    def _submit(self, work: Any, *args: Any) -> Future[Any]:
        """Run ``work`` on the pipeline's one worker thread (callers of one Pipeline share it)."""
        with self._lock:
            # a forked child has the executor but not its thread: it needs a new one
            if self._executor is None or self._pid != os.getpid():
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spinscope")
                self._pid = os.getpid()
        return self._executor.submit(work, *args)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle and deepcopy without the worker thread and its lock (made again on use)."""
        state = self.__dict__.copy()
        state.update(_executor=None, _lock=None, _pid=None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> Article:
        """Run every stage on one article; a failing stage raises PipelineError."""
        early = {
            i: self._submit(_run_stage, self.stages[i], _copy(article, self.stages[i]))
            for i in self._early()
        }
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
        # Articles that already failed (at ingestion, say) pass through untouched. Each live
        # article is tracked by its slot in the batch, since a stage may return a new object.
        current = {slot: a for slot, a in enumerate(batch) if not a.errors}
        # the copies are made here, before any stage in this thread touches the articles
        early = {
            i: self._submit(
                _run_batch_stage,
                self.stages[i],
                {slot: _copy(a, self.stages[i]) for slot, a in current.items()},
                batch_size,
            )
            for i in self._early()
            if current
        }
        try:
            self._run_stages(current, early, batch_size, on_error)
        finally:
            _settle(early.values())
        for slot, article in enumerate(batch):
            article = current.get(slot, article)
            if article.errors and on_error == "skip":
                log.warning(
                    "skipped %s: %s", article.meta.source or article.id, article.errors[-1].message
                )
                continue
            yield article

    def _run_stages(
        self,
        current: dict[int, Article],
        early: dict[int, Future[dict[int, Article]]],
        batch_size: int,
        on_error: OnError,
    ) -> None:
        """Run the stages over the live articles of a batch, replacing them in ``current``."""
        failed: set[int] = set()
        for position, stage in enumerate(self.stages):
            slots = [slot for slot in current if slot not in failed]
            if not slots:
                break
            one_by_one = False
            if position in early:
                try:
                    done = early.pop(position).result()
                except Exception:  # noqa: BLE001 - rerun below, one by one, to find the culprit
                    log.debug(
                        "stage %s failed on a batch in the background", stage.name, exc_info=True
                    )
                    one_by_one = True
                else:
                    for slot in slots:
                        _take_layers(current[slot], done[slot], stage)
                    continue
            batch_pipe = getattr(stage, "pipe", None)
            if not one_by_one and batch_pipe is not None and len(slots) > 1:
                try:
                    results = list(batch_pipe([current[s] for s in slots], batch_size=batch_size))
                    for slot, result in zip(slots, results, strict=True):
                        _mark(result, stage.name)
                        current[slot] = result
                    continue
                except Exception:  # noqa: BLE001 - retried one by one below to find the culprit
                    log.debug("stage %s failed on a batch; retrying one by one", stage.name)
            for slot in slots:
                try:
                    current[slot] = _run_stage(stage, current[slot])
                except PipelineError as e:
                    if on_error == "raise":
                        raise
                    record_error(current[slot], stage.name, e.__cause__ or e)
                    failed.add(slot)


def _mark(article: Article, stage_name: str) -> None:
    if stage_name not in article.stages:
        article.stages.append(stage_name)


def _copy(article: Article, stage: Stage) -> Article:
    """A copy a background stage may write to: the lists it assigns, its errors, stages and
    extras are its own, so nothing it does reaches the article before its turn."""
    copy = dataclasses.replace(
        article,
        errors=list(article.errors),
        stages=list(article.stages),
        extras=dict(article.extras),
    )
    for layer in stage.assigns:
        setattr(copy, layer, list(getattr(article, layer)))
    return copy


def _take_layers(article: Article, done: Article, stage: Stage) -> None:
    """Copy what a background stage assigned from its copy onto the article."""
    for layer in stage.assigns:
        setattr(article, layer, getattr(done, layer))
    _mark(article, stage.name)


def _run_batch_stage(
    stage: Stage, copies: dict[int, Article], batch_size: int
) -> dict[int, Article]:
    """A stage over copies of a batch, in a worker thread: results by slot in the batch."""
    batch_pipe = getattr(stage, "pipe", None)
    if batch_pipe is not None and len(copies) > 1:
        done = list(batch_pipe(list(copies.values()), batch_size=batch_size))
    else:
        done = [stage(c) for c in copies.values()]
    return dict(zip(copies, done, strict=True))


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
