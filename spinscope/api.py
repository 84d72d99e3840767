"""The Python API, mirroring the CLI: ``analyze`` one input, ``analyze_many`` a batch."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spinscope.article import Article
from spinscope.config import Settings, load_settings
from spinscope.errors import InputError, SpinscopeError
from spinscope.ingest import IngestOptions, article_from_text, failed_article, iter_documents
from spinscope.pipeline import ON_ERROR_CHOICES, OnError, Pipeline, build_stages

__all__ = ["BatchReport", "analyze", "analyze_many", "load_pipeline"]

log = logging.getLogger(__name__)


@dataclass
class BatchReport:
    """What happened in a batch besides the articles: failures and duplicates."""

    analysed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(input, message) for every input or article that failed."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(input, first input with the same text) for every duplicate skipped."""

    @property
    def ok(self) -> bool:
        return not self.failures


def load_pipeline(
    settings: Settings | None = None, stages: Sequence[str] | None = None
) -> Pipeline:
    """The pipeline named by ``stages`` or by the ``[pipeline] stages`` setting."""
    settings = settings if settings is not None else load_settings()
    names = list(stages) if stages is not None else list(settings["pipeline"]["stages"])
    return Pipeline(build_stages(names, settings.get("stages", {})))


def analyze(
    source: str | Path,
    *,
    settings: Settings | None = None,
    stages: Sequence[str] | None = None,
    pipeline: Pipeline | None = None,
    **options: Any,
) -> Article:
    """Analyse one article: a ``Path``, a path string, or the article's text itself.

    A ``str`` is read as a path when a file of that name exists and it has no line
    break; otherwise it is the text. Keyword ``options`` are those of ``IngestOptions``.

    Raises:
        SpinscopeError: the input cannot be read, holds no article, or a stage failed.
    """
    settings = settings if settings is not None else load_settings()
    pipeline = pipeline or _cached_pipeline(settings, stages)
    if isinstance(source, Path) or _names_a_file(source):
        ingest = IngestOptions.from_settings(settings, **options)
        items = list(iter_documents([source], ingest))
        if len(items) != 1:
            raise InputError(str(source), f"holds {len(items)} articles; use analyze_many")
        item = items[0]
        if isinstance(item, InputError):
            raise item
        article = item
    else:
        article = article_from_text(source)
    return pipeline(article)


def _names_a_file(source: str) -> bool:
    """A string is a path when it is short, on one line, and a file of that name exists."""
    if "\n" in source or "\x00" in source or len(source) > 4096:
        return False
    try:
        return Path(source).is_file()
    except (OSError, ValueError):  # a name too long for the file system is not a path
        return False


_PIPELINES: dict[str, Pipeline] = {}


def _cached_pipeline(settings: Settings, stages: Sequence[str] | None) -> Pipeline:
    """One pipeline per (settings, stages) per process, so repeated analyze() calls load models once."""
    import json

    key = json.dumps(
        [settings, list(stages) if stages is not None else None], sort_keys=True, default=str
    )
    if key not in _PIPELINES:
        _PIPELINES[key] = load_pipeline(settings, stages)
    return _PIPELINES[key]


def analyze_many(
    inputs: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    stages: Sequence[str] | None = None,
    pipeline: Pipeline | None = None,
    on_error: OnError = "record",
    report: BatchReport | None = None,
    **options: Any,
) -> Iterator[Article]:
    """Analyse every article in files, directories, records or stdin (``-``), lazily.

    Each text is analysed once: a later input with the same content hash is
    skipped and listed in ``report.duplicates``. With ``on_error="record"`` an
    input that gives no article yields a placeholder whose ``errors`` say why
    (its id starts with ``failed:``); with ``"skip"`` it is left out and logged;
    with ``"raise"`` the first failure stops the batch.
    """
    if on_error not in ON_ERROR_CHOICES:
        raise SpinscopeError(
            f"on_error must be one of {', '.join(ON_ERROR_CHOICES)}, not {on_error!r}"
        )
    settings = settings if settings is not None else load_settings()
    pipeline = pipeline or _cached_pipeline(settings, stages)
    report = report if report is not None else BatchReport()
    ingest = IngestOptions.from_settings(settings, **options)
    batch_size = int(settings["pipeline"].get("batch_size", 16))

    def documents() -> Iterator[Article]:
        seen: dict[str, str] = {}
        for item in iter_documents(inputs, ingest):
            if isinstance(item, InputError):
                report.failures.append((item.source, item.problem))
                if on_error == "raise":
                    raise item
                if on_error == "skip":
                    log.warning("skipped %s", item)
                    continue
                yield failed_article(item)
                continue
            first = seen.get(item.id)
            if first is not None:
                report.duplicates.append((item.meta.source or item.id, first))
                log.info("%s has the same text as %s; analysed once", item.meta.source, first)
                continue
            seen[item.id] = item.meta.source or item.id
            yield item

    for article in pipeline.pipe(documents(), batch_size=batch_size, on_error=on_error):
        if article.errors and not article.id.startswith("failed:"):
            last = article.errors[-1]
            report.failures.append(
                (article.meta.source or article.id, f"{last.stage}: {last.message}")
            )
        elif not article.errors:
            report.analysed += 1
        yield article
