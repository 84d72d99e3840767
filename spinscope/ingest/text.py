"""Plain text and scraped pages: separate the metadata lines from the body.

A scraped article page usually reads, top to bottom: a title line; a header of
short lines (outlet, editor, timestamp, "By ..." byline, "Source: X | Editor: Y");
body paragraphs, the first of which may open with a wire dateline
("BEIJING, July 6 (Xinhua) -- "); a closing author note ("(The author is from
...)") or an op-ed signature ("Jane Doe is a fellow at ..."); and page furniture
("Related News", share and print links, copyright lines). ``parse_layout``
moves every such field into ``Meta`` and keeps only the paragraphs in the body.
Text without a header keeps all of its lines and gets no invented fields.

The decisions behind the heuristics are written down in ``docs/ingest.md``.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import datetime

from spinscope.article import Meta
from spinscope.ingest.outlets import find_outlet

__all__ = ["Layout", "clean_body_paragraphs", "parse_layout", "parse_timestamp", "split_authors"]

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_BYLINE = re.compile(r"^(?:by|written by|text by|words by)[:\s]+(?P<names>.+?)\s*$", re.IGNORECASE)
_FIELD = re.compile(
    r"(?P<label>source|editor|editors|editor-in-charge|responsible editor|author|authors|writer|"
    r"reporter|published|publish time|updated|date|time|posted|release time|from)\s*[:：]\s*",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^(?:related (?:news|articles?|stories|reading|content|topics?)|share(?: this(?: article| story)?)?|"
    r"print(?: this)?|e-?mail(?: this)?|comments?|\d+ comments?|tags?\s*[:：].*|keywords?\s*[:：].*|"
    r"copyright\b.*|©.*|\(c\) .*|all rights reserved\.?|disclaimer\b.*|read more\b.*|"
    r"follow us\b.*|recommended(?: for you)?|you may also like|top|back to top|"
    r"facebook|twitter|x|wechat|weibo|linkedin|whatsapp|telegram|reddit|"
    r"subscribe\b.*|sign up\b.*|newsletter\b.*|advertisement|\[\s*editor\s*[:：].*\]|"
    r"(?:source|editor|editors|responsible editor)\s*[:：].*)$",
    re.IGNORECASE,
)
_AUTHOR_NOTE = re.compile(
    r"^[(\[]?\s*(?P<note>(?:the )?(?:author|authors|writer|writers)\s+(?:is|are|was|were|serves?)\b.*?)"
    r"\s*[)\]]?\s*$",
    re.IGNORECASE,
)
_AFFILIATION = re.compile(
    r"\b(?:is|are|was|were)\s+(?:(?:a|an|the)\s+[^,]*?\s+)?(?:from|at|with|of)\s+(?P<aff>.+?)\.?$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^(?:[—–-]+\s*)?(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s+"
    r"(?:is|was|serves as)\s+(?P<rest>.+?)\.?$"
)
_DATELINE = re.compile(
    r"^(?P<dateline>(?P<place>[A-Z][A-Z .'’-]+(?:,\s*[A-Z][A-Za-z .]+)?)"
    r"(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,\s*\d{4})?))?"
    r"\s*\((?P<agency>[^)]{2,40})\))\s*(?:--|—|–|-)\s*"
)
_ISO_STAMP = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?))?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?)?$"
)
_MONTH_STAMP = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
    r"(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,4}))?$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-Z][a-zA-Z'’.-]*(?:\s+[A-Z][a-zA-Z'’.-]*){1,3}$")
# A body's name: capitalised words, joined by a few small words ("Council of Europe").
# A line that opens with an issuing body's word ("Ministry of ...", "The Embassy of ...").
_ISSUER = re.compile(
    r"^(?:The\s+)?(?:Permanent\s+)?(?:Ministry|Embassy|Mission|Consulate|Office|Department|"
    r"Government|Presidency|Council|Delegation|Secretariat)\b"
)
_BODY_NAME = re.compile(
    # ("Ministry of Foreign Affairs, Democratic Republic of the Congo": a comma may part the
    # office from its state)
    r"^[A-Z][\w'’.&-]*(?:,?\s+(?:(?:of|the|for|and|on|de)\s+)*[A-Z][\w'’.&-]*){1,6}$"
)


@dataclass(slots=True)
class Layout:
    """The outcome of ``parse_layout``: the body paragraphs and what was taken out of the page."""

    paragraphs: list[str]
    meta: Meta

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def split_authors(names: str) -> list[str]:
    """Split a byline's names: "A, B and C" -> ["A", "B", "C"]."""
    names = re.sub(r"\s*\|.*$", "", names).strip().rstrip(".")
    parts = re.split(r"\s*(?:,|;|\band\b|&|、)\s*", names)
    return [p.strip() for p in parts if p.strip()]


def parse_timestamp(value: str, utc_offset: str | None = None) -> str | None:
    """An ISO 8601 string for a timestamp as pages print it, or None if it is not one.

    The UTC offset is the one printed; failing that ``utc_offset`` (the outlet's
    known zone); failing that none is written. Only what the text says is kept:
    a bare date stays a date.
    """
    value = value.strip().rstrip(".")
    m = _ISO_STAMP.match(value)
    if m:
        year, month, day = (int(x) for x in m.group("date").split("-"))
        try:
            datetime(year, month, day)
        except ValueError:
            return None
        date = f"{year:04d}-{month:02d}-{day:02d}"
        time = m.group("time")
        if not time:
            return date
        parts = [int(x) for x in time.split(":")] + [0]
        stamp = f"{date}T{parts[0]:02d}:{parts[1]:02d}:{parts[2]:02d}"
        return stamp + (_offset(m.group("tz")) or utc_offset or "")
    if _MONTH_STAMP.match(value):
        from dateutil import parser as date_parser

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an unknown zone name is handled below
                parsed = date_parser.parse(value, fuzzy=False, tzinfos=_ZONE_OFFSETS)
        except (ValueError, OverflowError):
            return None
        has_time = bool(re.search(r"\d:\d{2}", value))
        if not has_time:
            return parsed.date().isoformat()
        if parsed.utcoffset() is not None:
            return parsed.isoformat(timespec="seconds")
        stamp = parsed.replace(tzinfo=None).isoformat(timespec="seconds")
        if re.search(r"\b[A-Z]{2,4}$", value):
            return stamp  # a zone we do not know by name: better none than a wrong one
        return stamp + (utc_offset or "")
    return None


# Zone abbreviations that pages print, in hours from UTC (ambiguous ones such as CST are left out).
_ZONE_OFFSETS = {
    name: hours * 3600
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "IST": 5.5,
        "JST": 9,
        "KST": 9,
        "HKT": 8,
        "SGT": 8,
        "AEST": 10,
        "AEDT": 11,
        "EST": -5,
        "EDT": -4,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
    }.items()
}


def _offset(tz: str | None) -> str | None:
    if not tz:
        return None
    tz = tz.upper()
    if tz in ("Z", "UTC", "GMT"):
        return "+00:00"
    m = re.match(r"^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$", tz)
    if not m:
        return None
    return f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"


def _is_title(line: str, next_line: str | None) -> bool:
    words = line.split()
    if not words or len(words) > 30 or len(line) > 200:
        return False
    if line.endswith(".") or _BYLINE.match(line) or _FIELD.match(line) or _DATELINE.match(line):
        return False
    if parse_timestamp(line):
        return False
    return next_line is None or not next_line.strip() or _is_header_line(next_line)


def _is_header_line(line: str, next_line: str | None = None) -> bool:
    line = line.strip()
    if not line:
        return True
    if _BYLINE.match(line) or _FIELD.match(line) or parse_timestamp(line):
        return True
    if _SENTENCE_END.search(line):
        return False
    words = len(line.split())
    if words <= 8:
        return True
    # An issuing body's full name runs longer ("Ministry of Foreign Affairs of the Republic of
    # Indonesia"), but only a line the header goes on after is one: a blank line, a timestamp
    # or a field follows it, not the rest of a wrapped sentence.
    following = (next_line or "").strip()
    ends_block = not following or bool(_FIELD.match(following) or parse_timestamp(following))
    return words <= 14 and bool(_BODY_NAME.match(line) and _ISSUER.match(line)) and ends_block


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _apply_fields(line: str, meta: Meta, utc_offset: str | None) -> bool:
    """Read "Label: value" pairs (several per line, split by | or wide spaces) into meta."""
    matches = list(_FIELD.finditer(line))
    if not matches or matches[0].start() != 0:
        return False
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = line[m.end() : end].strip().strip("|").strip()
        label = m.group("label").lower()
        if not value:
            continue
        if label in ("source", "from"):
            meta.outlet = meta.outlet or value
        elif label.startswith("editor") or label == "responsible editor":
            meta.editor = meta.editor or value
        elif label in ("author", "authors", "writer", "reporter"):
            meta.authors = meta.authors or split_authors(value)
        else:
            meta.published = meta.published or parse_timestamp(value, utc_offset)
    return True


def parse_layout(text: str, *, header: bool = True, meta: Meta | None = None) -> Layout:
    """Split normalised text into body paragraphs and metadata.

    Args:
        text: normalised text (see ``normalize_text``).
        header: look for a title and header lines at the top. Records and HTML
            extractions, whose title comes from elsewhere, pass False.
        meta: metadata already known; fields found in the text fill only the
            fields that are still empty.
    """
    meta = meta if meta is not None else Meta()
    lines = [line.rstrip() for line in text.split("\n")]
    start = 0
    if header:
        start = _parse_header(lines, meta)
    paragraphs = _paragraphs(lines[start:])
    paragraphs = clean_body_paragraphs(paragraphs, meta)
    return Layout(paragraphs=paragraphs, meta=meta)


def _parse_header(lines: list[str], meta: Meta) -> int:
    """Consume title and header lines into meta; return the index of the first body line."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return i
    first = lines[i].strip()
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if not _is_title(first, nxt):
        return i
    title_index = i
    i += 1
    names: list[str] = []
    header_end = i
    seen_field = False
    j = i
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            j += 1
            continue
        if not _is_header_line(line, lines[j + 1] if j + 1 < len(lines) else None):
            break
        utc = _outlet_offset(meta)
        if (m := _BYLINE.match(line)) and not meta.authors:
            meta.authors = split_authors(m.group("names"))
        elif _apply_fields(line, meta, utc):
            pass
        elif stamp := parse_timestamp(line, utc):
            meta.published = meta.published or stamp
        elif (outlet := find_outlet(line)) and not meta.outlet:
            meta.outlet = outlet.name
        elif _NAME.match(line) and not _looks_like_outlet(line) and not _names_a_body(line):
            names.append(line)
        elif (
            not meta.outlet
            and not names
            and (
                _looks_like_outlet(line)
                or _field_follows(lines, j + 1)
                or (_BODY_NAME.match(line) and _names_a_body(line))
            )
        ):
            # An outlet or issuing body, not a subtitle: it reads like one, or the header
            # goes on with a timestamp, byline or labelled field right after it.
            meta.outlet = line
        elif meta.outlet and _BODY_NAME.match(line) and _names_a_body(line):
            pass  # a second issuing body under the outlet ("Xinhua" / "The State Council"): no author
        else:
            break
        seen_field = True
        j += 1
        header_end = j
    if not seen_field and header_end == i and not (nxt is None or not nxt.strip()):
        # A lone short first line glued to the next paragraph is not a title.
        return title_index
    meta.title = meta.title or first
    if meta.published and (offset := _outlet_offset(meta)):
        meta.published = _with_offset(meta.published, offset)
    for name in names:
        # A name with no label: next to a "By" byline it is the page's editor
        # (chinamil.com.cn, globaltimes.cn); on its own it is the author.
        if meta.authors and not meta.editor:
            meta.editor = name
        elif not meta.authors:
            meta.authors = [name]
    return header_end


def _with_offset(stamp: str, offset: str) -> str:
    """A timestamp with a time but no zone gets ``offset``; anything else is kept."""
    has_zone = stamp.endswith("Z") or re.search(r"[+-]\d{2}:\d{2}$", stamp)
    return stamp + offset if "T" in stamp and not has_zone else stamp


def _field_follows(lines: list[str], start: int) -> bool:
    """Whether the next non-blank line is a timestamp, a byline or a labelled field."""
    following = next((line.strip() for line in lines[start:] if line.strip()), "")
    return bool(_BYLINE.match(following) or _FIELD.match(following) or parse_timestamp(following))


def _outlet_offset(meta: Meta) -> str | None:
    outlet = find_outlet(meta.outlet) if meta.outlet else None
    return outlet.utc_offset if outlet else None


_OUTLET_WORDS = re.compile(
    r"\b(?:online|news|daily|times|post|agency|press|review|media|tv|network|radio|journal|herald|"
    r"tribune|gazette|observer|telegraph|ministry|office|embassy|institute|channel|weekly|magazine)\b",
    re.IGNORECASE,
)


def _looks_like_outlet(line: str) -> bool:
    return bool(_OUTLET_WORDS.search(line))


# Words that make a short capitalised line a body rather than a person's name ("Americas
# Quarterly", "European Commission", "The Washington Ledger").
_BODY_WORDS = re.compile(
    r"\b(?:commission|council|office|ministry|nations|department|quarterly|monthly|review|post|"
    r"bureau|foundation|institution|union|organi[sz]ation|forum|assembly|parliament|government|"
    r"mission|committee|cent(?:er|re)|service|chronicle|ledger|monitor|standard|express|"
    r"independent|guardian|economist|courier|dispatch|bulletin|report|insider|digest|affairs|"
    r"policy|university|college|corporation|company|bank|fund|group|alliance|league|federation|"
    r"party|secretariat|presidency|consulate|command|republic|kingdom|state|states)\b",
    re.IGNORECASE,
)


def _names_a_body(line: str) -> bool:
    """Whether a short capitalised header line names an outlet or organisation, not a person.

    It starts with "The" (no one's name does), contains a word of an organisation's name, or
    is a name of the actor alias table that is not a state ("United Nations", "NATO").
    """
    if line.startswith("The ") or _BODY_WORDS.search(line):
        return True
    from spinscope.stages.actors import load_alias_table  # the table reads only data files

    table = load_alias_table()
    actor = table.aliases.get(line)
    return actor is not None and table.entry(actor).kind not in ("state", "place")


def clean_body_paragraphs(paragraphs: list[str], meta: Meta) -> list[str]:
    """Remove a wire dateline, trailing page furniture and a closing author note into meta."""
    paragraphs = list(paragraphs)
    # Trailing furniture, bottom up; labelled lines still fill meta.
    while paragraphs:
        last_lines = paragraphs[-1].split("\n")
        kept = list(last_lines)
        while kept and _FURNITURE.match(kept[-1].strip()):
            _apply_fields(kept[-1].strip().strip("[]"), meta, _outlet_offset(meta))
            kept.pop()
        if kept == last_lines:
            break
        if kept:
            paragraphs[-1] = "\n".join(kept)
        else:
            paragraphs.pop()
    # Closing author note or op-ed signature.
    if paragraphs:
        last = paragraphs[-1]
        note = _AUTHOR_NOTE.match(last)
        sig = _SIGNATURE.match(last.strip()) if len(last.split()) <= 40 else None
        byline = _BYLINE.match(last.strip()) if len(last.split()) <= 12 else None
        if note:
            meta.author_note = note.group("note").strip().rstrip(".") + "."
            meta.affiliation = _affiliation(note.group("note"))
            paragraphs.pop()
        elif byline and len(paragraphs) > 1:
            meta.authors = meta.authors or split_authors(byline.group("names"))
            paragraphs.pop()
        elif sig and len(paragraphs) > 1 and _is_signature(sig, last, meta):
            name = sig.group("name")
            meta.authors = meta.authors or [name]
            meta.author_note = last.strip().lstrip("—–- ").rstrip(".") + "."
            meta.affiliation = _affiliation(last)
            paragraphs.pop()
    # Wire dateline at the start of the first paragraph.
    if paragraphs and (m := _DATELINE.match(paragraphs[0])):
        agency = m.group("agency").strip()
        meta.dateline = m.group("dateline").strip()
        if not meta.outlet:
            known = find_outlet(agency)
            meta.outlet = known.name if known else agency
        date = m.group("date")
        if date and not meta.published and re.search(r"\d{4}", date):
            meta.published = parse_timestamp(date)
        paragraphs[0] = paragraphs[0][m.end() :]
    return [p for p in paragraphs if p.strip()]


def _affiliation(sentence: str) -> str | None:
    m = _AFFILIATION.search(sentence.strip())
    if not m:
        return None
    return re.sub(r"^the (?=[A-Z])", "", m.group("aff").strip().rstrip(".)"))


def _is_signature(sig: re.Match[str], paragraph: str, meta: Meta) -> bool:
    """An op-ed signature names the author ("Jane Doe is a senior fellow at ...")."""
    name = sig.group("name")
    if meta.authors:
        return any(name in a or a in name for a in meta.authors)
    starts_with_dash = paragraph.lstrip()[:1] in "—–-"
    rest = sig.group("rest").lower()
    role_words = (
        "fellow",
        "professor",
        "director",
        "researcher",
        "editor",
        "columnist",
        "analyst",
        "author",
        "writer",
        "lecturer",
        "scholar",
        "correspondent",
        "chair",
        "president",
        "former",
        "ambassador",
        "member",
        "head",
        "dean",
        "founder",
    )
    return starts_with_dash or any(w in rest for w in role_words)
