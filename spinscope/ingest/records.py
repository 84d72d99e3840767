"""JSON, JSONL and CSV records: one article per record, fields mapped to metadata.

Each metadata field is looked up under a list of names (``[records]`` in the
settings, or ``--text-field``/``--title-field``/... on the command line); the
first name present wins. Fields that no mapping claims are kept in
``Meta.extra``. A malformed record is reported with its line (JSONL, CSV) or
index (JSON array) and the other records go on.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spinscope.article import Meta
from spinscope.errors import InputError
from spinscope.ingest.normalize import normalize_text
from spinscope.ingest.text import Layout, parse_layout, parse_timestamp, split_authors

__all__ = ["RecordFields", "parse_csv", "parse_json", "parse_jsonl"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RecordFields:
    """Which record fields hold the text and each metadata field (first present wins)."""

    text: Sequence[str] = ("text", "body", "content")
    title: Sequence[str] = ("title", "headline")
    date: Sequence[str] = ("published", "date")
    outlet: Sequence[str] = ("outlet", "source")
    author: Sequence[str] = ("authors", "author")
    url: Sequence[str] = ("url", "link")
    language: Sequence[str] = ("language", "lang")
    extra_ignored: Sequence[str] = field(default_factory=tuple)

    @classmethod
    def from_settings(cls, records: Mapping[str, Any], **explicit: str | None) -> RecordFields:
        """Fields from the ``[records]`` settings table; explicit names go first."""

        def names(key: str) -> tuple[str, ...]:
            chosen = explicit.get(key)
            configured = tuple(records.get(f"{key}_field", ()))
            return ((chosen,) if chosen else ()) + tuple(n for n in configured if n != chosen)

        return cls(
            text=names("text"),
            title=names("title"),
            date=names("date"),
            outlet=names("outlet"),
            author=names("author"),
            url=names("url"),
            language=names("language"),
        )


RecordResult = tuple[str, Layout] | InputError


def _first(record: Mapping[str, Any], names: Sequence[str]) -> tuple[str | None, Any]:
    for name in names:
        if name in record and record[name] not in (None, ""):
            return name, record[name]
    return None, None


def record_to_layout(record: Any, locator: str, fields: RecordFields) -> Layout:
    """One record as body paragraphs and metadata.

    Raises:
        InputError: the record is not an object or has no text field.
    """
    if not isinstance(record, Mapping):
        raise InputError(locator, f"record is a {type(record).__name__}, not an object with fields")
    text_key, text = _first(record, fields.text)
    if not isinstance(text, str) or not text.strip():
        raise InputError(
            locator,
            f"record has no text in any of the fields {', '.join(fields.text)}; "
            "name the text field with --text-field",
        )
    used = {text_key}
    meta = Meta()
    unread_date: Any = None
    for attr, names in (
        ("title", fields.title),
        ("outlet", fields.outlet),
        ("url", fields.url),
        ("language", fields.language),
    ):
        key, value = _first(record, names)
        if key is not None:
            used.add(key)
            setattr(meta, attr, normalize_text(str(value)).strip())
    key, value = _first(record, fields.date)
    if key is not None:
        used.add(key)
        meta.published = parse_timestamp(str(value))
        if meta.published is None:
            # Never an unparsed string in `published`: later stages resolve dates against it.
            unread_date = value
            log.warning(
                "%s: cannot read the date %r; kept as meta.extra.published_raw", locator, value
            )
    key, value = _first(record, fields.author)
    if key is not None:
        used.add(key)
        meta.authors = (
            [str(v) for v in value] if isinstance(value, list) else split_authors(str(value))
        )
    meta.extra = {k: v for k, v in record.items() if k not in used}
    if unread_date is not None:
        meta.extra["published_raw"] = unread_date
    return parse_layout(normalize_text(text), header=False, meta=meta)


def parse_jsonl(text: str, source: str, fields: RecordFields) -> Iterator[RecordResult]:
    """One record per non-blank line; a bad line is reported with its number."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        locator = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(
                locator,
                f"line {number} is not valid JSON ({e.msg} at column {e.colno}); fix or remove that line",
            )
            continue
        try:
            yield locator, record_to_layout(record, locator, fields)
        except InputError as e:
            yield e


def parse_json(text: str, source: str, fields: RecordFields) -> Iterator[RecordResult]:
    """A JSON object (one record) or an array of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield InputError(
            source, f"is not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})"
        )
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        locator = f"{source}[{index}]" if isinstance(data, list) else source
        try:
            yield locator, record_to_layout(record, locator, fields)
        except InputError as e:
            yield e


def parse_csv(
    text: str, source: str, fields: RecordFields, *, delimiter: str = ","
) -> Iterator[RecordResult]:
    """A CSV (or TSV) file with a header row; rows are reported by their line number."""
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        yield InputError(source, "CSV file has no header row")
        return
    try:
        for row in reader:
            locator = f"{source}:{reader.line_num}"
            if None in row:
                yield InputError(
                    locator, f"row at line {reader.line_num} has more cells than the header"
                )
                continue
            try:
                yield locator, record_to_layout(row, locator, fields)
            except InputError as e:
                yield e
    except csv.Error as e:
        yield InputError(f"{source}:{reader.line_num}", f"malformed CSV: {e}")
