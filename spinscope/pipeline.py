"""Stages and the pipeline that runs them.

A stage is a callable ``Article -> Article`` with a ``name``, the layers it
``requires`` and the layers it ``assigns``. The pipeline refuses to build when a
stage needs a layer that no earlier stage assigns. Ingestion provides ``text``
and ``meta``.

Errors are handled by one policy for the whole batch, ``on_error``:

- ``"raise"``: stop at the first failure;
- ``"skip"``: log the failure and leave the article out;
- ``"record"``: keep the article, with an ``ErrorRecord`` naming the stage.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
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

    def __call__(self, article: Article) -> Article:
        """Run every stage on one article; a failing stage raises PipelineError."""
        for stage in self.stages:
            article = _run_stage(stage, article)
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
        for stage in self.stages:
            live = [a for a in live if id(a) not in failed_ids]
            if not live:
                break
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
        by_id = {id(a): a for a in live}
        for article in batch:
            article = by_id.get(id(article), article)
            if article.errors and on_error == "skip":
                log.warning(
                    "skipped %s: %s", article.meta.source or article.id, article.errors[-1].message
                )
                continue
            yield article


def _mark(article: Article, stage_name: str) -> None:
    if stage_name not in article.stages:
        article.stages.append(stage_name)


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
