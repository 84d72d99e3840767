"""The dates stage: find date expressions and resolve them against the publication date.

``find_dates(text, published)`` finds every date expression in a text with one
regular grammar and resolves each with ``resolve_date``. An expression is

    [bound] [preposition] [part] core

- **core**: an absolute date ("6 July 2023", "July 6, 2023", "2023-07-06"), a month
  ("January 2023", "January this year", "last March", "in March"), a year ("2015",
  "the 1990s", "this century"), a relative period ("last month", "this year",
  "earlier this week", "yesterday", "on Tuesday", "two years ago", "over the past
  five years"), a year span ("2018-2020", "between 2018 and 2020"), or a vague word
  ("recently", "in recent years");
- **part**: "the end of", "the beginning of", "early", "mid-", "late", "the first half of";
- **bound**: "since", "from", "after" open the range forward ("2018/..");
  "as early as", "until", "by", "before" close it ("../2009").

Values are ISO 8601 at their precision: ``2023-07-06`` (day), ``2023-07`` (month),
``2023`` (year), ``2018/..`` or ``2020/2023`` (range), None (vague). ``earliest`` and
``latest`` are the bounds at the same precision (None for an open end).

Conventions, written down in ``docs/dates-quotes.md``:

- "on Tuesday", "March 26", "in March" with no year are the most recent such day or
  month on or before the publication date, unless a future marker ("will",
  "expected", "plans to", "to host", ...) stands just before them: then the next one.
- "last week", "this week", "N weeks ago" are Monday-to-Sunday ranges; "earlier this
  week" runs from Monday to the publication day; "earlier this month/year" is the
  month/year itself.
- "the end of YEAR" is December, "the beginning of YEAR" January; "early/mid/late
  YEAR" keep the year; "the first/second half of YEAR" is a six-month range.
- Without a publication date, nothing relative is resolved (value None, precision
  vague); absolute dates still are.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Self

from spinscope.article import Article, TimeExpression
from spinscope.errors import InputError
from spinscope.nlp import parse

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DatesStage", "find_dates", "parse_published", "resolve_date"]

log = logging.getLogger(__name__)

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30,
}  # fmt: skip

# Month and weekday names must be capitalised ("May" the month, not "may" the verb).
_MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\."
    r"|Jan|Feb|Aug|Sept|Oct|Nov|Dec)"
)
_WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?<![\d$€£¥.,])(?:1[89]\d\d|20\d\d)(?![\d%])"
_NUM = r"(?:\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?:day|week|month|year|decade)s?"
_REL = r"(?:this|last|next|the\s+coming|the\s+current|the\s+previous|the\s+past)"

_CORE = rf"""
(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
|(?P<span>(?:between\s+|from\s+)?{_YEAR}\s*(?:-|–|—|to|and|through)\s*{_YEAR})
|(?P<dspan>(?:between\s+)?{_MONTH}\s+{_DAY}\s*(?:-|–|to|and|through|until)\s*(?:{_MONTH}\s+)?{_DAY}(?:,?\s+{_YEAR})?(?![\d,]*\s*\d))
|(?P<dmspan>(?:between\s+)?{_DAY}\s*(?:-|–|to|and|through|until)\s*{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?)
|(?P<mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})
|(?P<dmy>{_DAY}\s+{_MONTH},?\s+{_YEAR})
|(?P<mrel>{_MONTH}\s+(?:of\s+)?(?:this|last|next)\s+year)
|(?P<my>{_MONTH},?\s+(?:of\s+)?{_YEAR})
|(?P<md>{_MONTH}\s+{_DAY}(?![\d,]*\s*\d{{4}})\b)
|(?P<dm>{_DAY}\s+{_MONTH}(?!,?\s+\d{{4}}))
|(?P<relmonth>(?:last|this|next)\s+{_MONTH})
|(?P<decade>(?:the\s+)?(?:1[89]|20)\d0s)
|(?P<century>(?:this|the\s+current|the\s+last|the\s+previous|the\s+past|the\s+next|the\s+new)\s+century)
|(?P<ordcentury>the\s+(?:1[5-9]|2[01])(?:st|nd|rd|th)\s+century)
|(?P<season>(?:(?:this|last|next|the)\s+)?(?-i:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+(?:of\s+)?{_YEAR})?)
|(?P<pastn>(?:the\s+)?(?:past|last|previous)\s+(?:{_NUM}\s+)?(?:years|decades?|months))
|(?P<ago>{_NUM}\s+{_UNIT}\s+ago)
|(?P<earlier>(?:earlier|later)\s+(?:this|in\s+the)\s+(?:week|month|year))
|(?P<period>{_REL}\s+(?:week|month|year))
|(?P<theyear>the\s+year)
|(?P<dayword>(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|today|yesterday|tomorrow
   |the\s+day\s+before\s+yesterday|tonight|last\s+night)
|(?P<holiday>(?-i:New\s+Year['’]s\s+(?:Day|Eve)|Christmas\s+(?:Day|Eve)|Christmas))
|(?P<weekday>(?:(?:last|this|next)\s+)?{_WEEKDAY})
|(?P<vague>recently|lately|in\s+recent\s+(?:years|months|weeks|days|times|decades)
   |in\s+the\s+(?:recent\s+)?past|in\s+the\s+future|nowadays|these\s+days|at\s+present
   |in\s+the\s+coming\s+(?:years|months|weeks|days|decades)
   |(?:a\s+few|several|some|many)\s+(?:days|weeks|months|years|decades)\s+ago)
|(?P<month>{_MONTH})
|(?P<year>{_YEAR})
"""
_PART = (
    r"(?:(?:the\s+)?(?P<part>end|beginning|start|middle|first\s+half|second\s+half|turn"
    r"|(?:first|second|third|fourth)\s+quarter)\s+of\s+"
    r"|(?:the\s+)?(?P<part2>early|mid|late)(?:-|\s+))"
)
_BOUND = (
    r"(?P<bound>since|as\s+early\s+as|as\s+late\s+as|until|till|up\s+to|by|before|after|from"
    r"|starting\s+(?:in|from)|beginning\s+in|through(?!\s+(?:in|on|at|during)\b))\s+"
)
_PREP = r"(?P<prep>in|on|at|during|throughout|of|over|within)\s+"
_EXPRESSION = re.compile(
    rf"\b(?:{_BOUND})?(?:{_PREP})?(?:{_PART})?(?:{_CORE})(?![\w-])", re.IGNORECASE | re.VERBOSE
)
_BARE_NEEDS_CONTEXT = ("month", "year")
_UNIT_AFTER_YEAR = re.compile(
    r"\s*(?:percent|per\s+cent|km|kilomet|mile|troops|soldiers|people|tons|tonnes|dollars|yuan|"
    r"yen|euros|units|times|members|votes|ships|aircraft|feet|meters|metres|hours|cases)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|should|must|going\s+to|plans?|planned|planning|expected|scheduled|"
    r"set\s+to|due|"
    r"upcoming|to\s+(?:host|hold|visit|meet|sign|launch|begin|start|open|take\s+effect|be\s+held))\b"
    r"|'ll\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")


@dataclass(frozen=True, slots=True)
class _Point:
    """A resolved core: ISO value at a precision, with its bounds."""

    value: str | None
    precision: str
    earliest: str | None = None
    latest: str | None = None


_VAGUE = _Point(None, "vague")


def parse_published(published: date | datetime | str | None) -> date | None:
    """The publication day from ``meta.published`` (ISO date or timestamp), or None.

    The day is the one printed, in the timestamp's own zone.

    Raises:
        InputError: a string that does not start with an ISO date.
    """
    if published is None or isinstance(published, date | datetime):
        return published.date() if isinstance(published, datetime) else published
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError as e:
        raise InputError(
            f"publication date {published!r}", "is not an ISO 8601 date; pass YYYY-MM-DD"
        ) from e


def resolve_date(
    expression: str, published: date | datetime | str | None, *, future: bool = False
) -> TimeExpression:
    """Resolve one date expression against the publication date.

    Args:
        expression: the whole expression, e.g. "In January this year", "since 2018".
        published: the publication date (a date, or an ISO date/timestamp string);
            None resolves only absolute dates.
        future: the expression refers forward ("will meet on Tuesday"): a bare
            weekday, day or month is then the next one, not the last one.

    Returns:
        A TimeExpression spanning the whole expression (start 0).

    Raises:
        InputError: the text is not a date expression spinscope knows.
    """
    text = expression.strip()
    match = _EXPRESSION.fullmatch(text)
    if match is None or not _acceptable(match, text):
        raise InputError(
            f"date expression {expression!r}",
            "is not one spinscope can resolve; see docs/dates-quotes.md for the forms it reads",
        )
    point = _resolve_match(match, parse_published(published), future)
    return TimeExpression(
        0, len(text), text, point.value, point.precision, point.earliest, point.latest
    )


def find_dates(
    text: str, published: date | datetime | str | None, doc: Doc | None = None
) -> list[TimeExpression]:
    """Every date expression in a text, resolved against the publication date.

    Offsets are character offsets into ``text``; expressions do not overlap. With the text's
    spaCy ``doc``, the tense of the verb an expression hangs from decides whether a bare day or
    month lies ahead ("Leaders will try again at a special summit on February 1"); without
    it, or when that verb shows no tense, the six words before the expression do.
    """
    pub = parse_published(published)
    found = []
    for match in _EXPRESSION.finditer(text):
        if not _acceptable(match, text):
            continue
        tense = _clause_tense(doc, match.start(), match.end()) if doc is not None else None
        future = tense == "future" or (
            tense is None and (_refers_forward(text, match.start()) or _deadline(match))
        )
        point = _resolve_match(match, pub, future)
        found.append(
            TimeExpression(
                match.start(),
                match.end(),
                match.group(0),
                point.value,
                point.precision,
                point.earliest,
                point.latest,
            )
        )
    return found


def _acceptable(match: re.Match[str], text: str) -> bool:
    groups = match.groupdict()
    context = groups["bound"] or groups["prep"] or groups["part"] or groups["part2"]
    if (groups["month"] or groups["holiday"]) and not context:
        return False  # "March" alone is too often a word or a name, "Christmas" a season
    part = groups["part"] or groups["part2"]
    prep = (groups["prep"] or "").lower()
    if groups["theyear"] and not part:
        return False  # "the end of the year" is a date; "the year" alone is not
    if groups["month"] and prep and prep not in ("in", "during", "of") and not part:
        return False  # "at the end of September" is a month, "at March" is not
    if groups["year"] and _UNIT_AFTER_YEAR.match(text, match.end()):
        return False
    season = groups["season"]
    if season and not re.search(r"\d|^(?:this|last|next)\b", season, re.IGNORECASE):
        # a bare season is a date only after "in"/"during" or a bound; "fall" never is
        prep = (groups["prep"] or "").lower()
        if "fall" in season.lower() or not (groups["bound"] or prep in ("in", "during")):
            return False
    return True


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "should", "must"})
_PAST_AUX = frozenset({"was", "were", "had", "did", "has", "have"})
# Verbs whose to-infinitive lies ahead: "asked India to withdraw by March 15".
_AHEAD_VERBS = frozenset(
    {
        "plan", "intend", "expect", "aim", "want", "hope", "seek", "schedule", "ask", "urge",
        "call", "demand", "press", "invite", "order", "prepare", "threaten", "vow", "pledge",
        "promise",
    }
)  # fmt: skip


def _clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """ "future", "past" or None: the tense of the verb a date expression hangs from.

    From the expression's last token the walk goes up to the first verb: with "will",
    "shall" or "would" it is future, as is a to-infinitive of a verb of planning or asking;
    a past form ("was cancelled", "visited", "had signed") is past; anything else says
    nothing (None).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span[-1]
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            break
        if token.head == token:
            return None
        token = token.head
    else:
        return None
    verb = token
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    while not auxes and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "will meet on Monday and sign on Tuesday": the aux of the first
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _FUTURE_AUX and not ("have" in auxes and auxes & {"should", "must"}):
        return "future"  # ("should have signed by March" looks back)
    to_infinitive = verb.dep_ == "xcomp" and any(c.lower_ == "to" for c in verb.children)
    if to_infinitive and verb.head.lemma_.lower() in _AHEAD_VERBS:
        # "has asked India to withdraw by March 15" lies ahead; "had asked London to remove
        # it by the end of September" looks back; a plain "asked" says nothing of the deadline.
        head_auxes = {c.lower_ for c in verb.head.children if c.dep_ == "aux"}
        if "had" in head_auxes:
            return "past"
        if verb.head.tag_ == "VBD" and not head_auxes:
            return None
        return "future"
    if verb.tag_ == "VBD" or auxes & _PAST_AUX:
        return "past"
    return None


_DEADLINE_BOUNDS = frozenset({"from", "by", "before", "until", "till", "starting from"})


def _deadline(match: re.Match[str]) -> bool:
    """A day with no year after "from", "by", "before" or "until" ("reopen the crossings
    from May 1", "tell Belgrade by June 30") is a start or a deadline: it lies ahead unless
    the verb it hangs from is in the past (every such date in the dev gold lies ahead)."""
    groups = match.groupdict()
    bound = " ".join((groups["bound"] or "").lower().split())
    return bool(groups["md"] or groups["dm"]) and bound in _DEADLINE_BOUNDS


def _refers_forward(text: str, start: int) -> bool:
    window_start = max(0, start - 60)
    window = text[window_start:start]
    breaks = list(_SENTENCE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    words = window.split()[-6:]
    return bool(_FUTURE.search(" ".join(words)))


def _resolve_match(match: re.Match[str], pub: date | None, future: bool) -> _Point:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    point = _core(groups, pub, future)
    part = groups.get("part") or groups.get("part2")
    if part and point.value is not None:
        point = _apply_part(" ".join(part.lower().split()), point)
    bound = groups.get("bound")
    spans = ("span", "dspan", "dmspan")
    if bound and any(k in groups for k in spans) and bound.lower() == "from":
        bound = None  # "from 2018 to 2020", "from Oct. 14 to 17" are the span itself
    if bound and point.value is not None:
        point = _apply_bound(" ".join(bound.lower().split()), point)
    return point


# --- cores ------------------------------------------------------------------------------------


def _core(g: dict[str, str], pub: date | None, future: bool) -> _Point:
    if "iso" in g:
        try:
            return _day(date.fromisoformat(g["iso"]))
        except ValueError:
            return _VAGUE
    if "span" in g:
        years = re.findall(r"\d{4}", g["span"])
        return _range(years[0], years[1])
    if "dspan" in g or "dmspan" in g:
        return _day_span(g.get("dspan") or g["dmspan"], pub, future)
    if "mdy" in g or "dmy" in g:
        raw = g.get("mdy") or g["dmy"]
        return _day_from(raw, year=int(re.findall(r"\d{4}", raw)[-1]))
    if "my" in g:
        return _month(int(re.findall(r"\d{4}", g["my"])[-1]), _month_number(g["my"]))
    if "year" in g:
        return _year(int(g["year"]))
    if "decade" in g:
        start = int(re.search(r"\d{4}", g["decade"]).group(0))  # type: ignore[union-attr]
        return _range(str(start), str(start + 9))
    if pub is None:
        return _VAGUE  # everything below is relative to the publication date
    if "mrel" in g:
        shift = {"this": 0, "last": -1, "next": 1}[_rel_word(g["mrel"])]
        return _month(pub.year + shift, _month_number(g["mrel"]))
    if "md" in g or "dm" in g:
        raw = g.get("md") or g["dm"]
        return _day_without_year(raw, pub, future)
    if "relmonth" in g:
        month = _month_number(g["relmonth"])
        word = _rel_word(g["relmonth"])
        if word == "this":
            return _month(pub.year, month)
        if word == "last":
            return _month(pub.year if month < pub.month else pub.year - 1, month)
        return _month(pub.year if month > pub.month else pub.year + 1, month)
    if "month" in g:
        month = _month_number(g["month"])
        if future:
            return _month(pub.year if month >= pub.month else pub.year + 1, month)
        return _month(pub.year if month <= pub.month else pub.year - 1, month)
    if "ordcentury" in g:
        ordinal = int(re.search(r"\d+", g["ordcentury"]).group(0))  # type: ignore[union-attr]
        return _range(str((ordinal - 1) * 100), str((ordinal - 1) * 100 + 99))
    if "season" in g and re.search(r"\d{4}", g["season"]):
        return _season(g["season"], int(re.findall(r"\d{4}", g["season"])[-1]))
    if "century" in g:
        first = (pub.year // 100) * 100
        if re.search(r"last|previous|past", g["century"], re.I):
            first -= 100
        elif re.search(r"next", g["century"], re.I):
            first += 100
        return _range(str(first), str(first + 99))
    if "season" in g:
        return _season_relative(g["season"], pub)
    if "pastn" in g:
        return _past_n(g["pastn"], pub)
    if "ago" in g:
        return _ago(g["ago"], pub)
    if "earlier" in g:
        return _earlier(g["earlier"], pub)
    if "period" in g:
        return _period(g["period"], pub)
    if "theyear" in g:
        return _year(pub.year)  # "before the end of the year": this year
    if "dayword" in g:
        word = " ".join(g["dayword"].lower().split())
        lead = word.split()[0]
        offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1,
                  "last": -1, "the": -2}[lead]  # fmt: skip
        return _day(pub + timedelta(days=offset))
    if "holiday" in g:
        name = " ".join(g["holiday"].lower().replace("’", "'").split())
        return _nearest_day(*_HOLIDAYS[name], pub, future)
    if "weekday" in g:
        return _weekday(g["weekday"], pub, future)
    return _VAGUE  # "recently", "in recent years", ...


def _day(d: date) -> _Point:
    iso = d.isoformat()
    return _Point(iso, "day", iso, iso)


def _month(year: int, month: int) -> _Point:
    iso = f"{year:04d}-{month:02d}"
    return _Point(iso, "month", iso, iso)


def _year(year: int) -> _Point:
    iso = f"{year:04d}"
    return _Point(iso, "year", iso, iso)


def _range(earliest: str | None, latest: str | None) -> _Point:
    return _Point(f"{earliest or '..'}/{latest or '..'}", "range", earliest, latest)


def _month_number(raw: str) -> int:
    word = re.search(_MONTH, raw, re.IGNORECASE).group(0)  # type: ignore[union-attr]
    return _MONTHS[word.lower().rstrip(".")]


def _rel_word(raw: str) -> str:
    return re.search(r"\b(this|last|next)\b", raw, re.IGNORECASE).group(1).lower()  # type: ignore[union-attr]


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


def _day_from(raw: str, year: int) -> _Point:
    month = _month_number(raw)
    day = int(re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", raw).group(1))  # type: ignore[union-attr]
    try:
        return _day(date(year, month, day))
    except ValueError:
        return _VAGUE


def _day_without_year(raw: str, pub: date, future: bool) -> _Point:
    day = int(re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", raw).group(1))  # type: ignore[union-attr]
    return _nearest_day(_month_number(raw), day, pub, future)


_HOLIDAYS = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
}


def _nearest_day(month: int, day: int, pub: date, future: bool) -> _Point:
    """A day given without its year: the last one on or before publication, or the next one."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return _VAGUE
    if future:
        after = [d for d in candidates if d >= pub]
        return _day(min(after)) if after else _day(max(candidates))
    before = [d for d in candidates if d <= pub]
    return _day(max(before)) if before else _day(min(candidates))


def _day_span(raw: str, pub: date | None, future: bool) -> _Point:
    """ "Oct. 14 to 17", "14-17 October", "September 28 to October 3, 2023": a range of days.

    Without a year the first day is the nearest such day (as for a bare day), and the last day
    the first one on or after it.
    """
    months = [_MONTHS[m.lower().rstrip(".")] for m in re.findall(_MONTH, raw)]
    days = [int(d) for d in re.findall(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?!\d)", raw)]
    year = re.search(_YEAR, raw)
    if len(days) < 2 or not months:
        return _VAGUE
    first_month, last_month = months[0], months[-1]
    if year is not None:
        try:
            first = date(int(year.group(0)), first_month, days[0])
        except ValueError:
            return _VAGUE
    elif pub is None:
        return _VAGUE
    else:
        point = _nearest_day(first_month, days[0], pub, future)
        if point.value is None:
            return _VAGUE
        first = date.fromisoformat(point.value)
    try:
        last = date(first.year, last_month, days[1])
        if last < first:
            last = date(first.year + 1, last_month, days[1])
    except ValueError:
        return _VAGUE
    if (last - first).days > 62:
        return _VAGUE
    return _range(first.isoformat(), last.isoformat())


_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _season(raw: str, year: int) -> _Point:
    """A season of a year, northern-hemisphere meteorological: winter YEAR is Dec-Feb."""
    name = re.search(r"spring|summer|autumn|fall|winter", raw, re.I).group(0).lower()  # type: ignore[union-attr]
    if name == "winter":
        return _range(f"{year:04d}-12", f"{year + 1:04d}-02")
    first, last = _SEASON_MONTHS[name]
    return _range(f"{year:04d}-{first:02d}", f"{year:04d}-{last:02d}")


def _season_relative(raw: str, pub: date) -> _Point:
    """ "this/last/next winter", or a bare season: the one around, before or after publication."""
    words = raw.lower().split()
    name = words[-1]
    # the year whose season is current or most recent at publication
    if name == "winter":
        year = pub.year if pub.month == 12 else pub.year - 1
    else:
        year = pub.year if pub.month >= _SEASON_MONTHS[name][0] else pub.year - 1
    shift = {"this": 0, "last": -1, "next": 1}.get(words[0], 0) if len(words) > 1 else 0
    if (
        len(words) > 1
        and words[0] == "this"
        and name != "winter"
        and pub.month < _SEASON_MONTHS[name][0]
    ):
        year += 1  # "this summer" said in April is the coming one
    if len(words) > 1 and words[0] == "this" and name == "winter" and 3 <= pub.month <= 11:
        year = pub.year
    return _season(raw, year + shift)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _week(monday: date, end: date | None = None) -> _Point:
    return _range(monday.isoformat(), (end or monday + timedelta(days=6)).isoformat())


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _period(raw: str, pub: date) -> _Point:
    words = raw.lower().split()
    unit = words[-1]
    rel = " ".join(words[:-1])
    shift = {"this": 0, "the current": 0, "last": -1, "the previous": -1, "the past": -1,
             "next": 1, "the coming": 1}[rel]  # fmt: skip
    if unit == "year":
        return _year(pub.year + shift)
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, shift))
    return _week(_monday(pub) + timedelta(weeks=shift))


def _earlier(raw: str, pub: date) -> _Point:
    words = raw.lower().split()
    unit = words[-1]
    if unit == "year":
        return _year(pub.year)
    if unit == "month":
        return _month(pub.year, pub.month)
    if words[0] == "earlier":
        return _week(_monday(pub), pub)
    return _range(pub.isoformat(), (_monday(pub) + timedelta(days=6)).isoformat())


def _ago(raw: str, pub: date) -> _Point:
    words = raw.lower().split()
    n = _number(words[0])
    unit = words[1].rstrip("s")
    if unit == "day":
        return _day(pub - timedelta(days=n))
    if unit == "week":
        return _week(_monday(pub - timedelta(weeks=n)))
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, -n))
    if unit == "decade":
        return _year(pub.year - 10 * n)
    return _year(pub.year - n)


def _past_n(raw: str, pub: date) -> _Point:
    words = raw.lower().split()
    unit = words[-1].rstrip("s")
    numbers = [w for w in words if w.isdigit() or w in _NUMBERS]
    if not numbers and words[-1].endswith("s"):
        return _VAGUE  # "the past years": how many?
    n = _number(numbers[0]) if numbers else 1
    if unit == "decade":
        return _range(str(pub.year - 10 * n), str(pub.year))
    if unit == "month":
        y, m = _add_months(pub.year, pub.month, -n)
        return _range(f"{y:04d}-{m:02d}", f"{pub.year:04d}-{pub.month:02d}")
    return _range(str(pub.year - n), str(pub.year))


def _weekday(raw: str, pub: date, future: bool) -> _Point:
    words = raw.lower().split()
    target = _WEEKDAYS[words[-1]]
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    rel = words[0] if len(words) == 2 else None
    if rel == "last":
        return _day(pub - timedelta(days=back or 7))
    if rel == "next":
        return _day(pub + timedelta(days=ahead or 7))
    if rel == "this":
        return _day(_monday(pub) + timedelta(days=target))
    return _day(pub + timedelta(days=ahead) if future else pub - timedelta(days=back))


# --- parts and bounds -------------------------------------------------------------------------


def _apply_part(part: str, point: _Point) -> _Point:
    value = point.value or ""
    if point.precision == "year":
        year = int(value)
        if part in ("end", "turn"):
            return _month(year, 12)
        if part in ("beginning", "start"):
            return _month(year, 1)
        if part == "first half":
            return _range(f"{year:04d}-01", f"{year:04d}-06")
        if part == "second half":
            return _range(f"{year:04d}-07", f"{year:04d}-12")
        if part.endswith("quarter"):
            q = ("first", "second", "third", "fourth").index(part.split()[0])
            return _range(f"{year:04d}-{3 * q + 1:02d}", f"{year:04d}-{3 * q + 3:02d}")
        return point  # early, mid, late, middle: the year itself
    if point.precision == "range" and point.earliest and point.latest:
        first, last = point.earliest, point.latest
        if len(first) == 4 and len(last) == 4 and int(last) - int(first) == 9:
            lo = int(first)  # a decade: early, mid, late thirds
            thirds = {"early": (0, 3), "beginning": (0, 3), "start": (0, 3), "mid": (4, 6),
                      "middle": (4, 6), "late": (7, 9), "end": (7, 9)}  # fmt: skip
            if part in thirds:
                a, b = thirds[part]
                return _range(str(lo + a), str(lo + b))
        if len(first) == 4 and len(last) == 4 and int(last) - int(first) >= 99:
            span = (int(last) - int(first) + 1) // 10
            if part in ("beginning", "start", "early", "turn"):
                return _range(first, str(int(first) + span - 1))
            if part in ("end", "late"):
                return _range(str(int(last) - span + 1), last)
    return point


def _apply_bound(bound: str, point: _Point) -> _Point:
    if bound in ("since", "from", "starting in", "starting from", "beginning in", "as late as"):
        return _range(point.earliest, None)
    if bound == "after":
        return _range(_successor(point.latest), None)
    if bound == "before":
        return _range(None, _predecessor(point.earliest))
    return _range(None, point.latest)  # as early as, until, till, up to, by, through


def _successor(value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) == 4:
        return f"{int(value) + 1:04d}"
    if len(value) == 7:
        y, m = _add_months(int(value[:4]), int(value[5:]), 1)
        return f"{y:04d}-{m:02d}"
    return (date.fromisoformat(value) + timedelta(days=1)).isoformat()


def _predecessor(value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) == 4:
        return f"{int(value) - 1:04d}"
    if len(value) == 7:
        y, m = _add_months(int(value[:4]), int(value[5:]), -1)
        return f"{y:04d}-{m:02d}"
    return (date.fromisoformat(value) - timedelta(days=1)).isoformat()


class DatesStage:
    """Finds and resolves date expressions; the publication date is ``meta.published``."""

    name = "dates"
    requires: tuple[str, ...] = ("text", "meta")
    assigns: tuple[str, ...] = ("dates",)

    @classmethod
    def from_config(cls, settings: Mapping[str, Any]) -> Self:
        return cls()

    def __call__(self, article: Article) -> Article:
        published = article.meta.published
        try:
            pub = parse_published(published)
        except InputError:
            # Absolute dates still resolve; relative ones need a publication date.
            warning = (
                f"meta.published {published!r} is not an ISO 8601 date; relative dates "
                "were left unresolved; fix the date field"
            )
            log.warning("%s: %s", article.meta.source or article.id, warning)
            article.extras.setdefault("dates", {})["warning"] = warning
            pub = None
        article.dates = find_dates(article.text, pub, parse(article))
        return article
