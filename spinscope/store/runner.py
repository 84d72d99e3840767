"""Analyse inputs and store them: in this process, in a process pool, or on a Dask cluster.

One shape for every engine: this process reads the inputs and is the one writer;
batches of new articles (ids not yet stored) go to workers that load the pipeline
once and send back analysed articles, which are written one transaction per
batch. At most ``2 x workers`` batches are in flight, so memory stays flat however
large the corpus. A rerun after a crash skips every article already stored, so
``kill -9`` at any moment loses at most the batches in flight.

Engines:

- ``serial``: no workers; for small jobs and debugging.
- ``process``: a ``ProcessPoolExecutor`` (spawned workers; default all cores).
- ``dask``: a ``dask.distributed`` cluster at ``scheduler`` (``tcp://host:8786``), or a
  ``Client`` passed in; needs the ``dask`` extra.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from spinscope.article import Article
from spinscope.config import Settings, load_settings
from spinscope.errors import InputError, MissingExtraError, PipelineError, SpinscopeError
from spinscope.ingest import IngestOptions, iter_documents
from spinscope.pipeline import Pipeline
from spinscope.store.db import AddResult

__all__ = [
    "ENGINES",
    "AddProgress",
    "ArticleSink",
    "add_inputs",
    "analyse_batch",
    "check_stages",
    "estimate_total",
]

log = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("process", "serial", "dask")


class ArticleSink(Protocol):
    """Where ``add_inputs`` writes: a ``Corpus``, a ``ParquetSink``, or your own."""

    def add_articles(self, articles: Iterable[Article], *, batch_size: int = ...) -> AddResult: ...

    def contains(self, ids: Iterable[str]) -> set[str]: ...

    def record_failures(self, failures: Iterable[tuple[str, str]]) -> None: ...


@dataclass(slots=True)
class AddProgress:
    """Where an ``add_inputs`` run stands, passed to its ``on_progress`` callback."""

    done: int
    """Articles (and failed inputs) dealt with so far: added, duplicate or failed."""
    total: int | None
    """An estimate of how many there are, from a quick scan of the inputs."""
    result: AddResult
    elapsed: float


# -- the worker side --------------------------------------------------------------------------

_PIPELINES: dict[str, Pipeline] = {}


def _pipeline(settings: Settings, stages: Sequence[str] | None) -> Pipeline:
    """The pipeline for these settings, built once per worker process."""
    names = list(stages) if stages is not None else None
    key = json.dumps([settings, names], sort_keys=True, default=str)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        from spinscope.api import load_pipeline

        pipeline = _PIPELINES[key] = load_pipeline(settings, stages)
    return pipeline


def _stage_targets(stages: Sequence[str]) -> dict[str, str]:
    """Where each stage comes from, so that a worker knows stages registered only here."""
    from spinscope.stages import STAGE_FACTORIES

    return {name: STAGE_FACTORIES[name] for name in stages if name in STAGE_FACTORIES}


def analyse_batch(
    articles: list[Article],
    settings: Settings,
    stages: Sequence[str] | None,
    targets: dict[str, str] | None = None,
) -> list[Article]:
    """Run the pipeline over one batch, recording failures on the articles (worker side).

    ``targets`` (stage name to ``"module:Class"``) registers stages that a plugin
    added in the parent process, which a fresh worker would not know.
    """
    if targets:
        from spinscope.stages import STAGE_FACTORIES

        STAGE_FACTORIES.update(targets)
    pipeline = _pipeline(settings, stages)
    batch_size = int(settings["pipeline"].get("batch_size", 16))
    return list(pipeline.pipe(articles, batch_size=batch_size, on_error="record"))


def check_stages(names: Sequence[str]) -> None:
    """Raise PipelineError when a stage is unknown or needs a layer no earlier stage assigns.

    Reads ``requires``/``assigns`` from the stage classes, so nothing is loaded.
    """
    import importlib

    from spinscope.pipeline import INGESTED_LAYERS
    from spinscope.stages import STAGE_FACTORIES

    available = set(INGESTED_LAYERS)
    for name in names:
        target = STAGE_FACTORIES.get(name)
        if target is None:
            raise PipelineError(
                f"unknown stage '{name}'; available stages: {', '.join(STAGE_FACTORIES)}"
            )
        module_name, _, class_name = target.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        missing = [r for r in getattr(cls, "requires", ()) if r not in available]
        if missing:
            raise PipelineError(
                f"stage '{name}' requires {', '.join(missing)}, which no earlier stage "
                f"assigns; add the stage that provides it before '{name}'"
            )
        available.update(getattr(cls, "assigns", ()))


def _init_worker(settings: Settings, stages: Sequence[str], targets: dict[str, str]) -> None:
    logging.basicConfig(level=logging.WARNING)
    analyse_batch([], settings, stages, targets)


# -- the writer side --------------------------------------------------------------------------


def estimate_total(inputs: Sequence[str | Path], options: IngestOptions) -> int | None:
    """A quick count of the articles in the inputs, for a progress bar's ETA (None for stdin)."""
    total = 0
    wanted = {e.lower() for e in options.extensions}
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        if path.is_dir():
            files = [
                p for p in path.glob(options.glob) if p.is_file() and p.suffix.lower() in wanted
            ]
        else:
            files = [path]
        for file in files:
            total += _estimate_file(file)
    return total


def _estimate_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson", ".csv", ".tsv"):
            with path.open("rb") as handle:
                lines = sum(1 for line in handle if line.strip())
            return max(lines - (suffix in (".csv", ".tsv")), 0)
        if suffix in (".xml", ".rss", ".atom"):
            data = path.read_bytes()
            return max(data.count(b"<item") + data.count(b"<entry"), 1)
    except OSError:
        return 1
    return 1


def add_inputs(
    corpus: ArticleSink,
    inputs: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    stages: Sequence[str] | None = None,
    engine: str = "process",
    workers: int | None = None,
    scheduler: str | Any | None = None,
    batch_size: int = 64,
    on_progress: Callable[[AddProgress], None] | None = None,
    connect_timeout: float = 30.0,
    **options: Any,
) -> AddResult:
    """Ingest, analyse and store every article in the inputs.

    Args:
        corpus: the open, writable corpus (this process is its only writer), or another
            ``ArticleSink`` such as ``ParquetSink``.
        inputs: files, folders (JSONL, CSV, feeds, HTML, text), or ``-`` for stdin.
        settings: the effective settings (default: ``load_settings()``).
        stages: stage names (default: the ``[pipeline] stages`` setting).
        engine: ``process`` | ``serial`` | ``dask``.
        workers: worker processes for ``process`` (default: all cores; 1 means serial).
        scheduler: for ``dask``: a scheduler address, a ``distributed.Client``, or None
            for a local cluster with ``workers`` workers.
        batch_size: articles per task sent to a worker and per write transaction.
        on_progress: called after every stored batch.
        connect_timeout: seconds to wait for a Dask scheduler.
        **options: ``IngestOptions`` fields (``input_format``, ``text_field``, ...).

    Returns:
        Counts of added, duplicate and failed articles, with every failure's source and message.

    Raises:
        StoreError: the database cannot be written; batches stored so far stay.
        PipelineError: a worker died; batches stored so far stay, a rerun resumes.
        MissingExtraError: ``engine="dask"`` without the ``dask`` extra.
    """
    if engine not in ENGINES:
        raise SpinscopeError(f"engine {engine!r} is not one of {', '.join(ENGINES)}")
    settings = settings if settings is not None else load_settings()
    stage_names = list(stages) if stages is not None else list(settings["pipeline"]["stages"])
    workers = workers or os.cpu_count() or 1
    serial = engine == "serial" or (engine == "process" and workers == 1)
    if serial:
        _pipeline(settings, stage_names)
    else:
        # Check names and order here without building the stages, so that a model is not
        # loaded in this process too, and a bad stage fails now, not in every worker.
        check_stages(stage_names)
    ingest = IngestOptions.from_settings(settings, **options)
    inputs = list(inputs)
    total = estimate_total(inputs, ingest)
    result = AddResult()
    started = time.perf_counter()
    done = 0

    def report(n: int) -> None:
        nonlocal done
        done += n
        if on_progress is not None:
            on_progress(AddProgress(done, total, result, time.perf_counter() - started))

    def write(analysed: list[Article]) -> None:
        result.merge(corpus.add_articles(analysed, batch_size=max(len(analysed), 1)))
        report(len(analysed))

    batches = _new_batches(corpus, iter_documents(inputs, ingest), batch_size, result, report)
    if serial:
        for batch in batches:
            write(analyse_batch(batch, settings, stage_names))
    elif engine == "process":
        _run_pool(batches, settings, stage_names, _stage_targets(stage_names), workers, write)
    else:
        targets = _stage_targets(stage_names)
        _run_dask(
            batches, settings, stage_names, targets, workers, scheduler, write, connect_timeout
        )
    return result


def _new_batches(
    corpus: ArticleSink,
    documents: Iterator[Article | InputError],
    batch_size: int,
    result: AddResult,
    report: Callable[[int], None],
) -> Iterator[list[Article]]:
    """Batches of articles not stored yet; input failures are recorded on the way."""
    pending: list[Article] = []
    failures: list[tuple[str, str]] = []

    def flush() -> Iterator[list[Article]]:
        stored = corpus.contains(a.id for a in pending)
        fresh: list[Article] = []
        for article in pending:
            if article.id in stored:
                result.duplicates += 1
            else:
                fresh.append(article)
        corpus.record_failures(failures)
        skipped = len(pending) - len(fresh) + len(failures)
        pending.clear()
        failures.clear()
        if skipped:
            report(skipped)
        if fresh:
            yield fresh

    for item in documents:
        if isinstance(item, InputError):
            result.failed += 1
            result.failures.append((item.source, item.problem))
            failures.append((item.source, item.problem))
        else:
            pending.append(item)
        if len(pending) >= batch_size or len(failures) >= batch_size:
            yield from flush()
    yield from flush()


def share_cores(settings: Settings, workers: int) -> Settings:
    """``settings`` with the techniques model's threads set to its share of the cores.

    Each worker's pipeline would otherwise give the model every core of the machine; with
    ``workers`` processes that is ``workers`` times too many threads. A ``threads`` the
    user set is kept.
    """
    from spinscope.stages.techniques import usable_cores

    stage_settings = settings.get("stages", {}).get("techniques", {})
    if "threads" in stage_settings:
        return settings
    shared = dict(settings)
    shared["stages"] = dict(settings.get("stages", {}))
    shared["stages"]["techniques"] = {
        **stage_settings,
        "threads": max(1, usable_cores() // max(1, workers)),
    }
    return shared


def _run_pool(
    batches: Iterator[list[Article]],
    settings: Settings,
    stages: list[str],
    targets: dict[str, str],
    workers: int,
    write: Callable[[list[Article]], None],
) -> None:
    settings = share_cores(settings, workers)
    context = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(settings, stages, targets),
    ) as pool:
        in_flight: set[cf.Future[list[Article]]] = set()
        try:
            for batch in batches:
                in_flight.add(pool.submit(analyse_batch, batch, settings, stages))
                if len(in_flight) >= 2 * workers:
                    finished, in_flight = cf.wait(in_flight, return_when=cf.FIRST_COMPLETED)
                    for future in finished:
                        write(_result(future))
            for future in cf.as_completed(in_flight):
                write(_result(future))
        except BaseException:
            for future in in_flight:
                future.cancel()
            raise


def _result(future: cf.Future[list[Article]]) -> list[Article]:
    try:
        return future.result()
    except cf.process.BrokenProcessPool as e:
        raise PipelineError(
            f"a worker process died ({e}); the batches already stored are kept: rerun the same "
            "command to resume, or use --workers 1 to see the failing article"
        ) from e


def _run_dask(
    batches: Iterator[list[Article]],
    settings: Settings,
    stages: list[str],
    targets: dict[str, str],
    workers: int,
    scheduler: str | Any | None,
    write: Callable[[list[Article]], None],
    connect_timeout: float,
) -> None:
    try:
        from distributed import Client, LocalCluster, wait
    except ImportError as e:
        raise MissingExtraError("running on Dask (--engine dask)", "dask") from e
    cluster = None
    if isinstance(scheduler, Client):
        client, owned = scheduler, False
    else:
        if scheduler is None:
            # ":0": a free port, so two local runs (or a running dashboard) never collide.
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.WARNING,
            )
            scheduler = cluster
        try:
            client, owned = Client(scheduler, timeout=f"{connect_timeout}s"), True
        except (OSError, TimeoutError) as e:
            raise SpinscopeError(
                f"cannot reach the Dask scheduler at {scheduler}: {e}; start one with "
                "`dask scheduler` or check --scheduler"
            ) from e
    try:
        slots = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        in_flight: set[Any] = set()
        for batch in batches:
            in_flight.add(
                client.submit(analyse_batch, batch, settings, stages, targets, pure=False)
            )
            if len(in_flight) >= slots:
                finished = wait(in_flight, return_when="FIRST_COMPLETED")
                in_flight = set(finished.not_done)
                for future in finished.done:
                    write(future.result())
        for future in wait(in_flight).done:
            write(future.result())
    finally:
        if owned:
            client.close()
        if cluster is not None:
            cluster.close()
