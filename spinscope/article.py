"""The data model: an article, its metadata and one typed layer per analysis.

Every annotation is anchored by character offsets into ``Article.text`` (the
normalised body), start inclusive and end exclusive, the way spaCy and the PTC
corpus count. Spans are frozen; overlapping spans are normal.

``Article.to_dict()`` gives plain JSON-ready data tagged with ``"schema":
"spinscope.article/1"``; ``Article.from_dict()`` reads it back exactly. The JSON
Schema of that form ships in ``spinscope/schema/article.schema.json``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spinscope.errors import InputError

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "ErrorRecord",
    "Event",
    "Evidence",
    "Mention",
    "Meta",
    "Quote",
    "Stance",
    "TechniqueSpan",
    "TimeExpression",
    "content_id",
]

SCHEMA_VERSION = "spinscope.article/1"


def content_id(text: str) -> str:
    """The id of an article: the first 32 hex digits of the SHA-256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(slots=True)
class Meta:
    """What the article is: everything known about it besides its body."""

    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    published: str | None = None
    """ISO 8601; with its UTC offset when the source gives one, a bare date when only that is known."""
    url: str | None = None
    language: str | None = None
    author_note: str | None = None
    """The closing note about the author, e.g. "The author is from the Institute of ..."."""
    affiliation: str | None = None
    genre: str | None = None
    """news | opinion | statement | analysis | None when no cue says which."""
    dateline: str | None = None
    """A wire dateline such as "BEIJING, July 6 (Xinhua)", removed from the body."""
    source: str | None = None
    """Where the article came from: a path, "path:line" for a record, "<stdin>" or "<text>"."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Record fields that no mapping claimed, kept as they were."""


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """A span that uses a persuasion technique (one of the 14 SemEval-2020 Task 11 labels)."""

    start: int
    end: int
    technique: str
    score: float
    source: str
    """model | rule | merged"""
    explanation: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that refers to something."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor the article talks about, with every mention of it."""

    id: str
    """Canonical id: ISO 3166 alpha-3 (``JPN``), country+PLOVER sector (``JPN-MIL``), a bloc (``NATO``), ``person:...``."""
    name: str
    kind: str
    """state | government | military | legislature | judiciary | organisation | bloc | person | group | place"""
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    role: str | None = None
    affiliation: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date expression resolved against the publication date."""

    start: int
    end: int
    text: str
    value: str | None
    """ISO 8601 at its precision ("2023-01", "2015", "2023-07-06"); an interval as "2018/.." or "../2009"."""
    precision: str
    """day | month | year | range | vague"""
    earliest: str | None = None
    latest: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, as one of PLOVER's 16 event types."""

    type: str
    trigger: Mention
    sentence: Mention
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    modality: str = "asserted"
    """asserted | negated | future | hypothetical | reported"""
    date: TimeExpression | None = None
    score: float = 1.0
    source: str = "rule"
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """Something the article quotes or reports someone as saying."""

    start: int
    end: int
    text: str
    kind: str
    """direct | reported | scare"""
    speaker: str | None = None
    """Actor id of the speaker, when one is known."""
    speaker_mention: Mention | None = None
    cue: str | None = None
    source: str = "rule"
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span that a stance score rests on."""

    start: int
    end: int
    text: str
    kind: str
    """description | technique | event | quote"""
    weight: float
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Stance:
    """How the article treats one actor, with the spans that say so."""

    actor: str
    score: float
    """In [-1, 1]: negative is hostile, positive favourable."""
    label: str
    """negative | neutral | positive"""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """A failure recorded on an article instead of stopping the batch."""

    stage: str
    kind: str
    message: str


@dataclass(slots=True)
class Article:
    """One article: its normalised body, its metadata and every analysis layer."""

    text: str
    meta: Meta = field(default_factory=Meta)
    id: str = ""
    techniques: list[TechniqueSpan] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    stance: list[Stance] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    """Names of the stages that have run on this article, in order."""
    extras: dict[str, Any] = field(default_factory=dict)
    """Where third-party stages write: ``extras[stage_name]``."""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Article:
        """An article from text that is already normalised, with optional metadata fields."""
        return cls(text=text, meta=Meta(**meta))

    def span_text(self, start: int, end: int) -> str:
        """The text between two offsets of the body."""
        return self.text[start:end]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, tagged with the schema version."""
        data = {"schema": SCHEMA_VERSION}
        data.update(_to_plain(self))
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Read an article back from ``to_dict()`` output.

        Raises:
            InputError: the data names another schema version or is not an article.
        """
        schema = data.get("schema")
        if schema != SCHEMA_VERSION:
            raise InputError("article data", f"schema is {schema!r}, expected {SCHEMA_VERSION!r}")
        fields = {k: v for k, v in data.items() if k != "schema"}
        try:
            return typing.cast(Article, _from_plain(Article, fields))
        except (TypeError, ValueError, KeyError) as e:
            raise InputError("article data", f"not a valid article: {e}") from e


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_plain(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from_plain(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_plain(inner, value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {tp.__name__}, got {type(value).__name__}")
        hints = _hints(tp)
        unknown = set(value) - set(hints)
        if unknown:
            raise KeyError(f"unknown fields for {tp.__name__}: {sorted(unknown)}")
        return tp(**{k: _from_plain(hints[k], v) for k, v in value.items()})
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(tp)
        return tuple(_from_plain(inner, v) for v in value)
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_from_plain(inner, v) for v in value]
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
