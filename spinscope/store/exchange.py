"""Export a corpus to JSONL, CSV or Parquet, and import it back with nothing lost.

Every format carries the whole article as ``Article.to_dict()`` JSON: JSONL is
one such object per line; CSV and Parquet have flat columns for a spreadsheet or
DuckDB (id, title, outlet, published, month, url, words, techniques) and the full
record in ``data``. ``import_articles`` reads the record back, so a round trip
through any format gives the same articles.

Parquet (the ``parquet`` extra) is written in row groups as it goes, so memory
stays flat; with ``partition_by`` it becomes a Hive-partitioned folder
(``month=2023-07/part-<run>-00000.parquet``) that DuckDB or Dask read in parallel.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from spinscope.article import Article
from spinscope.errors import InputError, MissingExtraError, StoreError
from spinscope.files import atomic_write
from spinscope.store.db import AddResult, Corpus

__all__ = [
    "EXPORT_FORMATS",
    "FLAT_COLUMNS",
    "ParquetSink",
    "article_row",
    "export_articles",
    "import_articles",
]

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
FLAT_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "outlet",
    "published",
    "month",
    "url",
    "words",
    "techniques",
    "data",
)
_MONTH = re.compile(r"^(\d{4}-\d{2})")
_ROW_GROUP = 2000


def article_row(article: Article) -> dict[str, Any]:
    """The flat columns of one article, with the whole record as JSON in ``data``."""
    meta = article.meta
    match = _MONTH.match(meta.published or "")
    return {
        "id": article.id,
        "title": meta.title,
        "outlet": meta.outlet,
        "published": meta.published,
        "month": match.group(1) if match else None,
        "url": meta.url,
        "words": len(article.text.split()),
        "techniques": len(article.techniques),
        "data": json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":")),
    }


def export_articles(
    articles: Iterable[Article],
    fmt: str,
    output: str | Path | IO[str] | None = None,
    *,
    partition_by: str | None = None,
) -> int:
    """Write articles in ``fmt``; return how many were written.

    Args:
        articles: e.g. ``corpus.iter_articles()``.
        fmt: ``jsonl`` | ``csv`` | ``parquet``.
        output: a file path (a folder for partitioned Parquet), an open text stream,
            or None for stdout (not for Parquet).
        partition_by: Parquet only: ``month`` or ``outlet``, one folder per value.

    Raises:
        StoreError: unknown format, or Parquet without an output path.
        MissingExtraError: Parquet without the ``parquet`` extra.
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"export format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        if output is None or not isinstance(output, str | Path):
            raise StoreError(
                "Parquet is binary: give a file (or folder with --partition-by) with -o"
            )
        sink = ParquetSink(output, partition_by=partition_by)
        with sink:
            return sink.write(articles)
    if partition_by is not None:
        raise StoreError("--partition-by applies to Parquet only")
    if output is None:
        return _write_text(articles, fmt, sys.stdout)
    if isinstance(output, str | Path):
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, newline="") as handle:
            return _write_text(articles, fmt, handle)
    return _write_text(articles, fmt, output)


def _write_text(articles: Iterable[Article], fmt: str, handle: IO[str]) -> int:
    count = 0
    if fmt == "jsonl":
        for article in articles:
            handle.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(handle, fieldnames=FLAT_COLUMNS)
    writer.writeheader()
    for article in articles:
        writer.writerow(article_row(article))
        count += 1
    return count


class ParquetSink:
    """Articles to Parquet, a row group at a time; one file, or Hive partitions in a folder.

    It has the writer side of ``Corpus`` (``add_articles``, ``contains``,
    ``record_failures``), so ``add_inputs`` can send results here instead of to a
    database. It does not deduplicate across runs: read with ``DISTINCT ON (id)``.
    """

    def __init__(self, path: str | Path, *, partition_by: str | None = None) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as e:
            raise MissingExtraError("Parquet export", "parquet") from e
        if partition_by not in (None, "month", "outlet"):
            raise StoreError(f"partition_by {partition_by!r} is not month or outlet")
        self._pa, self._pq = pa, pq
        self.path = Path(path)
        self.partition_by = partition_by
        self.schema = pa.schema(
            [(c, pa.int64() if c in ("words", "techniques") else pa.string()) for c in FLAT_COLUMNS]
        )
        self._buffers: dict[str | None, list[dict[str, Any]]] = {}
        self._writer: Any = None
        self._parts: dict[str | None, int] = {}
        self._run = uuid.uuid4().hex[:12]
        self._partial = self.path.with_name(f".{self.path.name}.{self._run}.tmp")
        self.failures: list[tuple[str, str]] = []
        self.written = 0
        if partition_by:
            self.path.mkdir(parents=True, exist_ok=True)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def contains(self, ids: Iterable[str]) -> set[str]:
        return set()

    def record_failures(self, failures: Iterable[tuple[str, str]]) -> None:
        self.failures.extend(failures)

    def add_articles(self, articles: Iterable[Article], *, batch_size: int = 0) -> AddResult:
        result = AddResult()
        for article in articles:
            if article.errors:
                last = article.errors[-1]
                result.failed += 1
                result.failures.append(
                    (article.meta.source or article.id, f"{last.stage}: {last.message}")
                )
                continue
            self._add(article)
            result.added += 1
        return result

    def write(self, articles: Iterable[Article]) -> int:
        before = self.written
        self.add_articles(articles)
        return self.written - before

    def _add(self, article: Article) -> None:
        row = article_row(article)
        key = row[self.partition_by] if self.partition_by else None
        buffer = self._buffers.setdefault(key, [])
        buffer.append(row)
        self.written += 1
        if len(buffer) >= _ROW_GROUP:
            self._flush(key)

    def _flush(self, key: str | None) -> None:
        rows = self._buffers.pop(key, [])
        if not rows:
            return
        if self.partition_by is None:
            table = self._pa.Table.from_pylist(rows, schema=self.schema)
            if self._writer is None:
                self._writer = self._pq.ParquetWriter(str(self._partial), self.schema)
            self._writer.write_table(table)
            return
        # Hive layout: the partition column lives in the folder name, not in the files.
        schema = self.schema.remove(self.schema.get_field_index(self.partition_by))
        table = self._pa.Table.from_pylist(rows, schema=schema)
        folder = self.path / f"{self.partition_by}={_partition_name(key)}"
        folder.mkdir(parents=True, exist_ok=True)
        part = self._parts.get(key, 0)
        self._parts[key] = part + 1
        # A name unique to this run, so a second run adds parts instead of overwriting the
        # first run's; written under a hidden name, then renamed, so readers never see half a part.
        final = folder / f"part-{self._run}-{part:05d}.parquet"
        tmp = folder / f".{final.name}.tmp"
        self._pq.write_table(table, str(tmp))
        os.replace(tmp, final)

    def close(self) -> None:
        """Write what is buffered and close the file."""
        for key in list(self._buffers):
            self._flush(key)
        if self.partition_by is None and self._writer is None:
            self._writer = self._pq.ParquetWriter(str(self._partial), self.schema)
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            os.replace(self._partial, self.path)

    def abort(self) -> None:
        """Drop what this sink wrote to a single file; a half-written export never replaces a file."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self.partition_by is None:
            self._partial.unlink(missing_ok=True)


def _partition_name(key: str | None) -> str:
    if not key:
        return "__unknown__"
    return re.sub(r"[^\w.-]+", "_", key)


def read_records(path: str | Path, fmt: str | None = None) -> Iterator[Article | InputError]:
    """The articles in an export file (JSONL, CSV or Parquet), or an InputError per bad record."""
    path = Path(path)
    fmt = fmt or {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}.get(
        path.suffix.lower(), "parquet" if path.is_dir() else ""
    )
    if fmt not in EXPORT_FORMATS:
        yield InputError(
            str(path), "is not a spinscope export (.jsonl, .csv or .parquet); pass --format"
        )
        return
    if not path.exists():
        yield InputError(str(path), "does not exist; check the path")
        return
    if fmt == "parquet":
        yield from _read_parquet(path)
        return
    with path.open("r", encoding="utf-8", newline="") as handle:
        if fmt == "jsonl":
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _record(lambda line=line: json.loads(line), f"{path}:{number}")
        else:
            csv.field_size_limit(sys.maxsize)
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "data" not in reader.fieldnames:
                yield InputError(
                    str(path), "has no 'data' column; export it with spinscope corpus export"
                )
                return
            for number, row in enumerate(reader, start=2):
                yield _record(lambda row=row: json.loads(row["data"] or ""), f"{path}:{number}")


def _read_parquet(path: Path) -> Iterator[Article | InputError]:
    try:
        import pyarrow.dataset as ds
    except ImportError as e:
        raise MissingExtraError("Parquet import", "parquet") from e
    try:
        dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
        for batch in dataset.to_batches(columns=["data"]):
            for number, data in enumerate(batch.column(0).to_pylist()):
                yield _record(lambda data=data: json.loads(data or ""), f"{path}[{number}]")
    except (OSError, ValueError) as e:
        yield InputError(str(path), f"cannot be read as Parquet: {e}")


def _record(load: Any, locator: str) -> Article | InputError:
    try:
        data = load()
    except (json.JSONDecodeError, TypeError) as e:
        return InputError(
            locator, f"is not a complete JSON record ({e}); the file may be truncated"
        )
    if not isinstance(data, dict):
        return InputError(locator, "is not an article record")
    try:
        return Article.from_dict(data)
    except InputError as e:
        return InputError(locator, e.problem)


def import_articles(
    corpus: Corpus, paths: Iterable[str | Path], *, fmt: str | None = None, batch_size: int = 500
) -> AddResult:
    """Store the articles of export files as they are (no analysis), idempotent by id.

    A bad or truncated record is reported in ``AddResult.failures`` and the rest go
    on; an import stopped half-way is finished by running it again.
    """
    result = AddResult()
    batch: list[Article] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        for item in read_records(path, fmt):
            if isinstance(item, InputError):
                result.failed += 1
                result.failures.append((item.source, item.problem))
                failures.append((item.source, item.problem))
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                result.merge(corpus.add_articles(batch, batch_size=batch_size))
                batch = []
    if batch:
        result.merge(corpus.add_articles(batch, batch_size=batch_size))
    corpus.record_failures(failures)
    return result
