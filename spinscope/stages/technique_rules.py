"""Transparent rules for persuasion techniques, and how they merge with the model.

Every rule span has ``source="rule"`` and an explanation that names the rule and the
words that fired it. The rules:

* ``loaded_lexicon``: a word or phrase of ``technique_lexicons/loaded_language.txt``
  -> Loaded_Language;
* ``name_lexicon``: a label of ``technique_lexicons/name_calling.txt`` -> Name_Calling,Labeling;
* ``so_called``: "so-called X" (X quoted, or up to four words) -> Doubt: the writer casts
  doubt on a label others use. PTC train annotators tagged the 27 "so-called" phrases
  Name_Calling,Labeling more often (6 against 2, precision 0.14 against 0.06), but there the
  writer usually coins the label; in commentary the phrase mostly rejects someone else's, and
  Name_Calling would tell the stance stage that the label's subject is being attacked;
* ``scare_quotes``: a quoted phrase of one to three words with no speech verb or colon
  before it -> Name_Calling,Labeling (the label PTC annotators give such quotes most often);
* ``slogan_lexicon``: a phrase of ``technique_lexicons/slogans.txt`` -> Slogans;
* ``antithesis``: "X is a A, not a B" -> Slogans (closing mottos of commentaries).

Merge policy (:func:`merge`):

1. model spans are kept as they are;
2. a rule span that overlaps a model span *with the same technique* does not add a span:
   the model span becomes ``source="merged"``, keeps its boundaries, takes the higher
   score and appends the rule's explanation;
3. any other rule span is added (overlaps with other techniques are allowed), with the
   rule's precision measured on PTC train as its score.

Which rules run by default is decided by :data:`ENABLED_BY_DEFAULT`, from their precision
on PTC train and the dev benchmark (see ``docs/techniques.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

from spinscope.article import TechniqueSpan

__all__ = [
    "ENABLED_BY_DEFAULT",
    "RULES",
    "RULES_ON_BY_DEFAULT",
    "find_rule_spans",
    "load_lexicon",
    "merge",
]

RULES: dict[str, tuple[str, float]] = {
    # rule name: (technique, precision of the rule's spans on PTC train)
    # (measured by scripts in docs/techniques.md; lexicon rules were mined on train, so
    # their train precision is optimistic: on dev loaded_lexicon has 0.48, name_lexicon 0.58)
    "loaded_lexicon": ("Loaded_Language", 0.63),
    "name_lexicon": ("Name_Calling,Labeling", 0.59),
    "so_called": ("Doubt", 0.06),
    "scare_quotes": ("Name_Calling,Labeling", 0.12),
    "slogan_lexicon": ("Slogans", 0.53),
    "antithesis": ("Slogans", 0.3),  # 3 firings in train (none matched): too rare to measure
}

ENABLED_BY_DEFAULT: frozenset[str] = frozenset(
    {"loaded_lexicon", "name_lexicon", "slogan_lexicon", "so_called", "antithesis"}
)
RULES_ON_BY_DEFAULT = True
"""Whether the stage merges rule spans unless its settings say ``rules = false``."""


@cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of ``technique_lexicons/<name>.txt``: lower case, comments and blanks dropped."""
    text = (
        resources.files("spinscope.stages.technique_lexicons")
        .joinpath(f"{name}.txt")
        .read_text(encoding="utf-8")
    )
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            entries.append(line)
    return tuple(entries)


@cache
def _lexicon_pattern(name: str) -> re.Pattern[str]:
    words = sorted(load_lexicon(name), key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_QUOTE_OPEN = '"“'
_QUOTE_CLOSE = '"”'
_SO_CALLED = re.compile(
    r"\bso[- ]called\s+(?:[\"“][^\"”\n]{1,60}[\"”]|[\w'’-]+(?:\s+[\w'’-]+){0,3})(?=[\s,.;:!?)]|$)",
    re.IGNORECASE,
)
_SCARE = re.compile(r"[\"“]([A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,2})[\"”]")
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|wrote|writes|asked|asks|added|stated|states|declared|"
    r"claimed|claims|called|calls|tweeted|according to)\b[^\n.]{0,40}$|[:,]\s*$",
    re.IGNORECASE,
)
_ANTITHESIS = re.compile(
    r"\b(?:is|are)\s+(?:a|an|the)\s+[^,.;\n]{3,60},\s+not\s+(?:a|an|the)\s+[^,.;\n]{3,60}",
    re.IGNORECASE,
)
_STOP_AFTER_SO_CALLED = {"to", "and", "or", "of", "in", "on", "by", "for", "with", "that", "which"}


def _span(text: str, start: int, end: int, rule: str, why: str) -> TechniqueSpan:
    technique, precision = RULES[rule]
    return TechniqueSpan(
        start=start,
        end=end,
        technique=technique,
        score=precision,
        source="rule",
        explanation=f"rule {rule}: {why}",
        text=text[start:end],
    )


def _so_called(text: str) -> Iterable[TechniqueSpan]:
    for match in _SO_CALLED.finditer(text):
        start, end = match.span()
        fragment = text[start:end]
        words = list(re.finditer(r"\S+", fragment))
        if not any(q in fragment for q in _QUOTE_OPEN):
            kept = words[:1]
            for word in words[1:]:
                if word.group().lower() in _STOP_AFTER_SO_CALLED:
                    break
                kept.append(word)
            # End at the last kept word as written, whatever white space separates the words.
            end = start + kept[-1].end() if len(kept) > 1 else end
            fragment = text[start:end]
        yield _span(
            text, start, end, "so_called", f'"{fragment}" distances the writer from the label'
        )


def _scare_quotes(text: str) -> Iterable[TechniqueSpan]:
    for match in _SCARE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        if _SPEECH.search(before) or text[
            max(0, match.start() - 10) : match.start()
        ].lower().rstrip().endswith("so-called"):
            continue
        start, end = match.span(1)
        yield _span(
            text,
            start,
            end,
            "scare_quotes",
            f'short phrase "{text[start:end]}" in quotes with no speaker: the writer keeps it at a distance',
        )


def find_rule_spans(text: str, rules: Iterable[str] = ENABLED_BY_DEFAULT) -> list[TechniqueSpan]:
    """Every span the enabled rules find in ``text``, sorted by position."""
    enabled = set(rules)
    unknown = enabled - set(RULES)
    if unknown:
        raise ValueError(f"unknown technique rules {sorted(unknown)}; known: {sorted(RULES)}")
    spans: list[TechniqueSpan] = []
    for rule, lexicon, why in (
        ("loaded_lexicon", "loaded_language", "emotionally loaded word"),
        ("name_lexicon", "name_calling", "labelling word"),
        ("slogan_lexicon", "slogans", "set slogan"),
    ):
        if rule in enabled:
            for match in _lexicon_pattern(lexicon).finditer(text):
                spans.append(
                    _span(
                        text,
                        match.start(),
                        match.end(),
                        rule,
                        f'{why} "{match.group()}" (lexicon {lexicon}.txt)',
                    )
                )
    if "so_called" in enabled:
        spans.extend(_so_called(text))
    if "scare_quotes" in enabled:
        spans.extend(_scare_quotes(text))
    if "antithesis" in enabled:
        for match in _ANTITHESIS.finditer(text):
            spans.append(
                _span(
                    text,
                    match.start(),
                    match.end(),
                    "antithesis",
                    'motto-like antithesis "is a ..., not a ..."',
                )
            )
    return sorted(spans, key=lambda s: (s.start, s.end, s.technique))


def merge(
    model_spans: Sequence[TechniqueSpan], rule_spans: Sequence[TechniqueSpan]
) -> list[TechniqueSpan]:
    """Combine model and rule spans by the policy in the module docstring."""
    merged = list(model_spans)
    for rule in rule_spans:
        partner = next(
            (
                i
                for i, m in enumerate(merged)
                if m.source != "rule"
                and m.technique == rule.technique
                and m.start < rule.end
                and rule.start < m.end
            ),
            None,
        )
        if partner is None:
            if not any(
                r.source == "rule"
                and r.technique == rule.technique
                and r.start < rule.end
                and rule.start < r.end
                for r in merged
            ):
                merged.append(rule)
            continue
        model = merged[partner]
        merged[partner] = replace(
            model,
            source="merged",
            score=max(model.score, rule.score),
            explanation=f"{model.explanation}; {rule.explanation}",
        )
    return merged
