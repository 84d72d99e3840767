"""Scoring the analysis layers (actors, events, dates, quotes, stance) against hand gold.

The gold set lives in ``tests/gold``: ``articles/<name>.txt`` (read by the ingester,
so the publication date comes from the header) and ``annotations/<name>.json``::

    {"actors": ["JPN", "NATO"],
     "events": [{"type": "AGREE", "actors": ["GBR", "JPN"], "recipients": [],
                 "trigger": "signed", "date": "2023-01"}],
     "dates": [{"text": "In January this year", "value": "2023-01", "precision": "month"}],
     "quotes": [{"text": "...", "kind": "direct|reported|scare", "speaker": "JPN-GOV"}],
     "stance": {"JPN": -1, "NATO": -1, "CHN": 1}}

Matching rules (``docs/evaluation-layers.md`` explains the choices):

- **actors**: the set of predicted actor ids against the gold set, per article;
  true/false positives and negatives summed over articles (micro P/R/F1).
- **events**: a predicted event matches a gold one when the types are equal, the
  actor sets intersect, and the recipient sets intersect (or both are empty);
  greedy one-to-one in text order; micro P/R/F1.
- **dates**: accuracy over gold expressions: correct when a predicted expression
  overlaps the gold text and has the gold value.
- **quotes**: detection P/R/F1 by overlap (a gold quote is found when a predicted quote
  overlaps its text; a predicted quote is right when it overlaps some gold quote), and
  speaker accuracy over the found gold quotes of kind direct or reported: the
  overlapping prediction of the same kind (else the one overlapping most) must name
  the gold speaker (null included).
- **stance**: sign accuracy over gold entries: the predicted label (negative,
  neutral, positive -> -1, 0, 1) must equal the gold sign; a missing actor is wrong.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spinscope.article import Article, Event, Quote, Stance, TimeExpression
from spinscope.errors import InputError

__all__ = [
    "Accuracy",
    "GoldArticle",
    "GoldDate",
    "GoldEvent",
    "GoldQuote",
    "LayerScores",
    "PRF",
    "evaluate_layers",
    "gold_fingerprint",
    "best_quote_match",
    "read_gold",
    "score_actors",
    "match_events",
    "score_date_detection",
    "score_dates",
    "score_event_dates",
    "score_events",
    "score_quotes",
    "score_stance",
]

QUOTE_KINDS = ("direct", "reported", "scare")
LABEL_SIGN = {"negative": -1, "neutral": 0, "positive": 1}


@dataclass(slots=True)
class PRF:
    """Counts of true positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Accuracy:
    """Correct answers out of the gold items scored."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict[str, float | int]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    actors: frozenset[str]
    recipients: frozenset[str]
    trigger: str = ""
    date: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDate:
    start: int
    end: int
    text: str
    value: str | None
    precision: str


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None


@dataclass(slots=True)
class GoldArticle:
    """One gold article: the ingested article and its hand annotation."""

    name: str
    article: Article
    actors: frozenset[str]
    events: list[GoldEvent]
    dates: list[GoldDate]
    quotes: list[GoldQuote]
    stance: dict[str, int]


@dataclass(slots=True)
class LayerScores:
    """Micro-averaged scores of every layer over a set of articles."""

    articles: int = 0
    actors: PRF = field(default_factory=PRF)
    events: PRF = field(default_factory=PRF)
    dates: Accuracy = field(default_factory=Accuracy)
    quotes: PRF = field(default_factory=PRF)
    quote_speakers: Accuracy = field(default_factory=Accuracy)
    date_detection: PRF = field(default_factory=PRF)
    event_dates: Accuracy = field(default_factory=Accuracy)
    stance: Accuracy = field(default_factory=Accuracy)

    def headline(self) -> dict[str, float]:
        """The one number per layer that the issue's targets and the CI floors use."""
        return {
            "actors_f1": round(self.actors.f1, 4),
            "events_f1": round(self.events.f1, 4),
            "dates_accuracy": round(self.dates.value, 4),
            "quotes_f1": round(self.quotes.f1, 4),
            "quote_speaker_accuracy": round(self.quote_speakers.value, 4),
            "stance_sign_accuracy": round(self.stance.value, 4),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "actors": self.actors.to_dict(),
            "events": self.events.to_dict(),
            "dates": self.dates.to_dict(),
            "quotes": self.quotes.to_dict(),
            "quote_speakers": self.quote_speakers.to_dict(),
            "date_detection": self.date_detection.to_dict(),
            "event_dates": self.event_dates.to_dict(),
            "stance": self.stance.to_dict(),
        }


# --- reading the gold -------------------------------------------------------------------------


def read_gold(directory: str | Path, part: str | None = None) -> list[GoldArticle]:
    """Read the gold set: every ``articles/*.txt`` with its ``annotations/*.json``.

    Args:
        directory: the gold folder (``tests/gold``).
        part: ``"dev"`` or ``"test"`` to read only files whose name starts with it.

    Raises:
        InputError: a file is missing or malformed, or an annotation's text is not in
            the article body.
    """
    from spinscope.ingest import iter_documents

    root = Path(directory)
    articles_dir, annotations_dir = root / "articles", root / "annotations"
    if not articles_dir.is_dir():
        raise InputError(str(root), "has no articles/ folder; pass the gold folder (tests/gold)")
    paths = sorted(articles_dir.glob("*.txt"))
    if part is not None:
        paths = [p for p in paths if p.name.startswith(f"{part}-")]
    gold = []
    for path in paths:
        items = list(iter_documents([path]))
        if len(items) != 1 or isinstance(items[0], InputError):
            raise InputError(
                str(path), f"does not read as one article: {items[0] if items else 'empty'}"
            )
        article = items[0]
        annotation_path = annotations_dir / f"{path.stem}.json"
        try:
            annotation = json.loads(annotation_path.read_text("utf-8"))
        except OSError as e:
            raise InputError(
                str(annotation_path), f"cannot be read ({e}); every gold article needs one"
            ) from e
        except json.JSONDecodeError as e:
            raise InputError(str(annotation_path), f"is not valid JSON: {e}") from e
        gold.append(_gold_article(path.stem, article, annotation, str(annotation_path)))
    return gold


def _locate(
    article: Article, text: str, source: str, what: str, after: dict[str, int] | None = None
) -> tuple[int, int]:
    """Where a gold text is: the first occurrence, or with ``after``, the first one past the
    previous listing of the same text (so a text listed twice is placed twice)."""
    start = article.text.find(text, (after or {}).get(text, 0))
    if start < 0:
        raise InputError(
            source, f"{what} text {text!r} is not in the article body; copy it exactly"
        )
    if after is not None:
        after[text] = start + len(text)
    return start, start + len(text)


def _gold_article(name: str, article: Article, data: dict[str, Any], source: str) -> GoldArticle:
    try:
        events = [
            GoldEvent(
                e["type"],
                frozenset(e.get("actors", [])),
                frozenset(e.get("recipients", [])),
                e.get("trigger", ""),
                e.get("date"),
            )
            for e in data.get("events", [])
        ]
        dates = []
        placed: dict[str, int] = {}
        for d in data.get("dates", []):
            start, end = _locate(article, d["text"], source, "date", placed)
            dates.append(GoldDate(start, end, d["text"], d.get("value"), d["precision"]))
        quotes = []
        placed = {}
        for q in data.get("quotes", []):
            if q["kind"] not in QUOTE_KINDS:
                raise InputError(source, f"quote kind {q['kind']!r} is not one of {QUOTE_KINDS}")
            start, end = _locate(article, q["text"], source, "quote", placed)
            quotes.append(GoldQuote(start, end, q["text"], q["kind"], q.get("speaker")))
        stance = {str(k): int(v) for k, v in data.get("stance", {}).items()}
        actors = frozenset(data.get("actors", []))
    except (KeyError, TypeError, ValueError) as e:
        raise InputError(source, f"is not a valid annotation: missing or wrong field {e}") from e
    return GoldArticle(name, article, actors, events, dates, quotes, stance)


def gold_fingerprint(directory: str | Path, part: str | None = None) -> str:
    """SHA-256 (first 16 hex digits) of the gold files of a part, so a changed gold is noticed."""
    root = Path(directory)
    digest = hashlib.sha256()
    for sub in ("articles", "annotations"):
        for path in sorted((root / sub).glob("*")):
            if part is None or path.name.startswith(f"{part}-"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- scorers ----------------------------------------------------------------------------------


def score_actors(predicted: Iterable[str], gold: Iterable[str]) -> PRF:
    """Set P/R/F1 counts of actor ids for one article."""
    p, g = set(predicted), set(gold)
    return PRF(tp=len(p & g), fp=len(p - g), fn=len(g - p))


def _event_matches(event: Event, gold: GoldEvent) -> bool:
    if event.type != gold.type or not (set(event.actors) & gold.actors):
        return False
    if not event.recipients and not gold.recipients:
        return True
    return bool(set(event.recipients) & gold.recipients)


def match_events(
    predicted: Sequence[Event], gold: Sequence[GoldEvent]
) -> list[tuple[GoldEvent, Event]]:
    """Greedy one-to-one matching of events (type, actors, recipients), gold in order."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, event in enumerate(predicted):
            if i not in used and _event_matches(event, g):
                used.add(i)
                pairs.append((g, event))
                break
    return pairs


def score_events(predicted: Sequence[Event], gold: Sequence[GoldEvent]) -> PRF:
    """Event P/R/F1 counts for one article (see ``match_events``)."""
    tp = len(match_events(predicted, gold))
    return PRF(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


def score_event_dates(predicted: Sequence[Event], gold: Sequence[GoldEvent]) -> Accuracy:
    """Over matched events whose gold has a date: the predicted event carries that value."""
    dated = [(g, e) for g, e in match_events(predicted, gold) if g.date is not None]
    return Accuracy(
        sum(e.date is not None and e.date.value == g.date for g, e in dated), len(dated)
    )


def score_date_detection(predicted: Sequence[TimeExpression], gold: Sequence[GoldDate]) -> PRF:
    """Date expressions found, by overlap (extras such as attributive years count against)."""
    found = sum(any(_overlap(p.start, p.end, g.start, g.end) for p in predicted) for g in gold)
    right = sum(any(_overlap(p.start, p.end, g.start, g.end) for g in gold) for p in predicted)
    return PRF(tp=found, fp=len(predicted) - right, fn=len(gold) - found)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def score_dates(predicted: Sequence[TimeExpression], gold: Sequence[GoldDate]) -> Accuracy:
    """Gold date expressions resolved right: an overlapping prediction with the gold value."""
    correct = sum(
        any(_overlap(p.start, p.end, g.start, g.end) and p.value == g.value for p in predicted)
        for g in gold
    )
    return Accuracy(correct, len(gold))


def best_quote_match(predicted: Sequence[Quote], gold: GoldQuote) -> Quote | None:
    """The prediction a gold quote is judged by: same kind, then most overlap, then tightest."""
    overlapping = [p for p in predicted if _overlap(p.start, p.end, gold.start, gold.end)]
    if not overlapping:
        return None
    return max(
        overlapping,
        key=lambda p: (
            p.kind == gold.kind,
            _overlap(p.start, p.end, gold.start, gold.end),
            -(p.end - p.start),
        ),
    )


def score_quotes(predicted: Sequence[Quote], gold: Sequence[GoldQuote]) -> tuple[PRF, Accuracy]:
    """Quote detection counts (by overlap); speaker accuracy over found direct/reported quotes."""
    found = [g for g in gold if any(_overlap(p.start, p.end, g.start, g.end) for p in predicted)]
    right = [p for p in predicted if any(_overlap(p.start, p.end, g.start, g.end) for g in gold)]
    detection = PRF(tp=len(found), fp=len(predicted) - len(right), fn=len(gold) - len(found))
    speakers = Accuracy()
    for g in found:
        if g.kind == "scare":
            continue
        best = best_quote_match(predicted, g)
        speakers.add(Accuracy(int(best is not None and best.speaker == g.speaker), 1))
    return detection, speakers


def score_stance(predicted: Sequence[Stance], gold: dict[str, int]) -> Accuracy:
    """Sign accuracy over the gold stance entries; an actor with no prediction is wrong."""
    signs = {s.actor: LABEL_SIGN.get(s.label) for s in predicted}
    return Accuracy(sum(signs.get(actor) == sign for actor, sign in gold.items()), len(gold))


def score_article(gold: GoldArticle, predicted: Article) -> LayerScores:
    """Every layer's counts for one analysed article."""
    scores = LayerScores(articles=1)
    scores.actors = score_actors((a.id for a in predicted.actors), gold.actors)
    scores.events = score_events(predicted.events, gold.events)
    scores.dates = score_dates(predicted.dates, gold.dates)
    scores.quotes, scores.quote_speakers = score_quotes(predicted.quotes, gold.quotes)
    scores.date_detection = score_date_detection(predicted.dates, gold.dates)
    scores.event_dates = score_event_dates(predicted.events, gold.events)
    scores.stance = score_stance(predicted.stance, gold.stance)
    return scores


def evaluate_layers(
    gold: Sequence[GoldArticle], analyse: Callable[[Article], Article]
) -> tuple[LayerScores, dict[str, LayerScores]]:
    """Analyse every gold article and score it; returns the micro totals and per-article scores."""
    total = LayerScores()
    per_article: dict[str, LayerScores] = {}
    for g in gold:
        article = Article.from_dict(g.article.to_dict())  # a fresh copy: gold stays untouched
        scores = score_article(g, analyse(article))
        per_article[g.name] = scores
        total.articles += 1
        total.actors.add(scores.actors)
        total.events.add(scores.events)
        total.dates.add(scores.dates)
        total.quotes.add(scores.quotes)
        total.quote_speakers.add(scores.quote_speakers)
        total.date_detection.add(scores.date_detection)
        total.event_dates.add(scores.event_dates)
        total.stance.add(scores.stance)
    return total, per_article
