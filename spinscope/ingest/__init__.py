"""Ingestion: files, directories, records and stdin to clean articles.

``iter_documents(inputs, options)`` yields, for every article found, either an
``Article`` (normalised body plus metadata) or the ``InputError`` that explains
why an input gave none. It never stops at a bad input: the caller applies the
batch's error policy. Formats are chosen by extension, or by ``input_format``,
or (for stdin and ``.txt`` files holding HTML) by a look at the first bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spinscope.article import Article, Meta
from spinscope.errors import InputError
from spinscope.ingest.normalize import decode_bytes, normalize_text
from spinscope.ingest.records import RecordFields, parse_csv, parse_json, parse_jsonl
from spinscope.ingest.text import Layout, parse_layout

__all__ = [
    "FORMATS",
    "IngestOptions",
    "RecordFields",
    "article_from_layout",
    "article_from_text",
    "failed_article",
    "format_for_path",
    "iter_bytes",
    "iter_documents",
]

FORMATS: tuple[str, ...] = ("auto", "text", "html", "json", "jsonl", "csv", "tsv", "feed")
_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
STDIN = "-"


@dataclass(slots=True)
class IngestOptions:
    """How inputs are read. ``from_settings`` fills it from the ``[ingest]`` table."""

    max_bytes: int = 20_000_000
    encoding: str | None = None
    input_format: str = "auto"
    glob: str = "**/*"
    extensions: Sequence[str] = tuple(_BY_EXTENSION)
    fallback_encodings: Sequence[str] = ("gb18030", "cp1252")
    fields: RecordFields = field(default_factory=RecordFields)

    @classmethod
    def from_settings(cls, settings: dict, **explicit: object) -> IngestOptions:
        ingest = settings.get("ingest", {})
        field_names = {
            k: explicit.pop(f"{k}_field", None)
            for k in ("text", "title", "date", "outlet", "author", "url", "language")
        }
        options = cls(
            max_bytes=int(ingest.get("max_bytes", 20_000_000)),
            glob=str(ingest.get("glob", "**/*")),
            extensions=tuple(ingest.get("extensions", tuple(_BY_EXTENSION))),
            fallback_encodings=tuple(ingest.get("fallback_encodings", ("gb18030", "cp1252"))),
            fields=RecordFields.from_settings(settings.get("records", {}), **field_names),  # type: ignore[arg-type]
        )
        for key, value in explicit.items():
            if value is not None:
                setattr(options, key, value)
        return options


def article_from_layout(layout: Layout, source: str) -> Article:
    """An Article from parsed paragraphs and metadata."""
    layout.meta.source = source
    return Article(text=layout.body, meta=layout.meta)


def article_from_text(text: str, source: str = "<text>", *, header: bool = True) -> Article:
    """An Article from a string, parsed like a plain-text file.

    Raises:
        InputError: the text is empty.
    """
    text = normalize_text(text)
    if not text.strip():
        raise InputError(source, "is empty: there is no text to analyse")
    layout = parse_layout(text, header=header)
    if not layout.paragraphs:
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if len(lines) != 1:
            raise InputError(source, "has a header but no body paragraphs")
        # A one-line text ("US warns China") is its own body, not a title with nothing under it.
        layout.paragraphs = lines
        layout.meta.title = None
    return article_from_layout(layout, source)


def iter_documents(
    inputs: Iterable[str | Path], options: IngestOptions | None = None
) -> Iterator[Article | InputError]:
    """Every article in the inputs (files, directories, ``-`` for stdin), or the error for each bad one."""
    options = options or IngestOptions()
    for item in inputs:
        name = str(item)
        if name == STDIN:
            yield from _read_stdin(options)
            continue
        path = Path(item)
        if not path.exists():
            yield InputError(name, "does not exist; check the path")
        elif path.is_dir():
            yield from _read_directory(path, options)
        else:
            yield from _read_file(path, options)


def format_for_path(name: str | Path) -> str:
    """The input format a file name implies by its extension (``text`` when it implies none)."""
    return _BY_EXTENSION.get(Path(name).suffix.lower(), "text")


def iter_bytes(
    data: bytes, source: str, options: IngestOptions | None = None, input_format: str | None = None
) -> Iterator[Article | InputError]:
    """Every article in one input already in memory (an upload, a message), or its errors.

    ``input_format`` defaults to ``options.input_format``; ``auto`` sniffs the bytes.
    """
    options = options or IngestOptions()
    yield from _read_bytes(data, source, input_format or options.input_format, options)


def _read_stdin(options: IngestOptions) -> Iterator[Article | InputError]:
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    yield from _read_bytes(data, "<stdin>", options.input_format, options)


def _read_directory(path: Path, options: IngestOptions) -> Iterator[Article | InputError]:
    wanted = {e.lower() for e in options.extensions}
    files = sorted(
        p
        for p in path.glob(options.glob)
        if p.is_file()
        and p.suffix.lower() in wanted
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    if not files:
        yield InputError(
            str(path),
            f"contains no readable files matching {options.glob!r} with extensions "
            f"{', '.join(sorted(wanted))}; check the folder or pass --glob",
        )
        return
    for file in files:
        yield from _read_file(file, options)


def _read_file(path: Path, options: IngestOptions) -> Iterator[Article | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield InputError(
                source,
                f"is {size:,} bytes, over the {options.max_bytes:,}-byte limit; "
                "raise it with --max-bytes or the [ingest] max_bytes setting",
            )
            return
        data = path.read_bytes()
    except OSError as e:
        yield InputError(source, f"cannot be read: {e.strerror or e}")
        return
    fmt = options.input_format
    if fmt == "auto":
        fmt = format_for_path(path)
    yield from _read_bytes(data, source, fmt, options)


def _sniff(text: str) -> str:
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith(("<?xml", "<rss", "<feed")):
        return "feed"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first_line = text.lstrip().split("\n", 1)[0].strip()
        return "jsonl" if first_line.endswith("}") and "\n{" in text.strip() else "json"
    return "text"


def _read_bytes(
    data: bytes, source: str, fmt: str, options: IngestOptions
) -> Iterator[Article | InputError]:
    if len(data) > options.max_bytes:
        yield InputError(
            source,
            f"is over the {options.max_bytes:,}-byte limit; raise it with --max-bytes "
            "or the [ingest] max_bytes setting",
        )
        return
    if not data.strip():
        yield InputError(source, "is empty: there is no text to analyse")
        return
    try:
        raw, _encoding = decode_bytes(
            data, source, encoding=options.encoding, fallbacks=options.fallback_encodings
        )
    except InputError as e:
        yield e
        return
    text = normalize_text(raw)
    if not text.strip():
        yield InputError(source, "is empty: it holds only white space")
        return
    if fmt in ("auto", "text") and _sniff(text) == "html":
        fmt = "html"
    elif fmt == "auto":
        fmt = _sniff(text)
    yield from _parse(text, source, fmt, options)


def _parse(
    text: str, source: str, fmt: str, options: IngestOptions
) -> Iterator[Article | InputError]:
    if fmt == "text":
        try:
            yield article_from_text(text, source)
        except InputError as e:
            yield e
    elif fmt == "html":
        from spinscope.ingest.html import parse_html

        try:
            yield article_from_layout(parse_html(text, source), source)
        except InputError as e:
            yield e
    elif fmt in ("json", "jsonl", "csv", "tsv"):
        if fmt == "json":
            results = parse_json(text, source, options.fields)
        elif fmt == "jsonl":
            results = parse_jsonl(text, source, options.fields)
        else:
            results = parse_csv(
                text, source, options.fields, delimiter="\t" if fmt == "tsv" else ","
            )
        for result in results:
            if isinstance(result, InputError):
                yield result
            else:
                locator, layout = result
                if not layout.paragraphs:
                    yield InputError(locator, "record text holds no body paragraphs")
                    continue
                yield article_from_layout(layout, locator)
    elif fmt == "feed":
        yield from _parse_feed(text, source)
    else:
        yield InputError(source, f"unknown input format {fmt!r}; use one of {', '.join(FORMATS)}")


def _parse_feed(text: str, source: str) -> Iterator[Article | InputError]:
    try:
        from spinscope.ingest import feeds  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        yield InputError(
            source, "RSS/Atom feed files are not supported by this version of spinscope"
        )
        return
    yield from feeds.parse_feed(text, source)


def failed_article(error: InputError) -> Article:
    """The placeholder kept for an input that gave no article (``on_error="record"``)."""
    from spinscope.article import content_id
    from spinscope.pipeline import record_error

    article = Article(
        text="", meta=Meta(source=error.source), id="failed:" + content_id(error.source)[:16]
    )
    record_error(article, "ingest", error)
    return article
