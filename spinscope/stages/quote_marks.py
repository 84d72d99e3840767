"""Quotation marks: which stretches of an article's text are quoted.

Straight (``"..."``), curly (``“...”``) and guillemet (``«...»``) double quotes pair up
within a line; single quotes (``'...'``, ``‘...’``) count only inside a double-quoted
stretch (elsewhere they are apostrophes); a paragraph that opens a quote and leaves it open
because the next paragraph goes on is one quoted stretch to its end (news style). Used by
the quotes stage (``quotes.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuoteMark", "find_marks", "quoted_spans"]


_DOUBLE = re.compile(r'"(?P<a>[^"\n]+)"|“(?P<b>[^”\n]+)”|«\s*(?P<c>[^»\n]+)»')

_OPENS_PARAGRAPH = re.compile(r'^\s*(["“«])')

_SINGLE = re.compile(r"(?<![\w])'(?P<a>[^'\n]+?)'(?![\w])|‘(?P<b>[^’\n]+?)’(?![\w])")


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """A quoted stretch: content offsets (without the marks) and nesting depth."""

    start: int
    end: int
    outer: QuoteMark | None = None
    continued: bool = False
    """A paragraph-long quote whose closing mark is left off because the next paragraph goes on."""


def quoted_spans(text: str) -> list[tuple[int, int, bool]]:
    """Every quoted stretch: (start, end, nested), offsets of the words inside the marks.

    Double quotes (straight or curly) pair up within a line; single quotes count only
    inside a double-quoted stretch (elsewhere they are apostrophes). Leading spaces and
    trailing ",;:" are not part of the content.
    """
    return [(m.start, m.end, m.outer is not None) for m in find_marks(text)]


def find_marks(text: str) -> list[QuoteMark]:
    marks: list[QuoteMark] = []
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        continued = _continues(line, lines, number + 1)
        if continued:
            start, end = _strip(text, offset + continued, offset + len(line))
            if start < end:
                outer = QuoteMark(start, end, continued=True)
                marks.append(outer)
                marks.extend(_nested(text, outer))
        else:
            for m in _DOUBLE.finditer(text, offset, offset + len(line)):
                group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
                start, end = _strip(text, m.start(group), m.end(group))
                if start < end:
                    outer = QuoteMark(start, end)
                    marks.append(outer)
                    marks.extend(_nested(text, outer))
        offset += len(line) + 1
    return marks


def _continues(line: str, lines: list[str], following: int) -> int:
    """Where the words of a quote left open at the paragraph's end start, or 0.

    News style leaves the closing mark off a paragraph when the quote goes on in the next
    paragraph, which opens with a mark again.
    """
    m = _OPENS_PARAGRAPH.match(line)
    if m is None:
        return 0
    mark = m.group(1)
    closing = {'"': '"', "“": "”", "«": "»"}[mark]
    if mark == '"':
        open_at_end = line.count('"') % 2 == 1
    else:
        open_at_end = line.count(closing) < line.count(mark)
    # The next non-blank line, looked for only here (not for every line: that was quadratic).
    nxt = next((lines[i] for i in range(following, len(lines)) if lines[i].strip()), "")
    if open_at_end and _OPENS_PARAGRAPH.match(nxt):
        return m.end()
    return 0


def _nested(text: str, outer: QuoteMark) -> list[QuoteMark]:
    found = []
    for inner in _SINGLE.finditer(text, outer.start, outer.end):
        g = "a" if inner.group("a") is not None else "b"
        s, e = _strip(text, inner.start(g), inner.end(g))
        if s < e:
            found.append(QuoteMark(s, e, outer))
    return found


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end
