"""The event lexicon: trigger rows by lemma and part of speech, with their conditions.

``spinscope/data/events.tsv`` lists, type by type, the verbs and nouns that name each of
PLOVER's 16 event types, each with an optional condition on the parse (its object, a
preposition or particle, its subject, a word under it, voice, negation); word classes
(``@forces``) keep the conditions short. Users add rows, tried first, with
``[stages.events] lexicon_file``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from spinscope.errors import ConfigError
from spinscope.files import read_setting_file
from spinscope.stages.event_arguments import (
    PARTITIVES,
    is_negated,
    is_particle,
    is_passive,
    verb_objects,
    verb_subjects,
    with_conjuncts,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "PLOVER_TYPES",
    "EventTrigger",
    "load_event_lexicon",
]


PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class EventTrigger:
    """One row of the event lexicon."""

    lemma: str
    pos: str
    type: str
    condition: str = ""
    """"" or comma-separated clauses that must all hold, each ``kind=a|b``, a bare ``kind``,
    or either with ``!`` before it for "not": ``obj=`` (a word of the object), ``prep=`` (a
    preposition on the trigger), ``prt=`` (a particle), ``pobj=`` (the object of that
    preposition), ``subj=`` (the subject's word), ``has=`` (a word anywhere under the
    trigger), ``passive``, ``neg`` (negated), ``obj`` (has an object), ``xcomp`` (governs a
    to-infinitive), ``on=`` (the noun a participle clause hangs on: "the resolution,
    presented by Havana"). Word classes (``@forces``) are expanded."""
    written: str = ""
    """The condition as the lexicon file writes it, word classes not expanded."""
    rule: str = ""
    """For a reading the stage makes without a lexicon row, the rule that made it."""

    def holds(self, token: Token) -> bool:
        clauses = _clauses(self.condition)
        return all(_clause_holds(self.pos, clause, token, clauses) for clause in clauses)


@cache
def _clauses(condition: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in condition.split(",") if c.strip())


_CLAUSE_KINDS = frozenset(
    {"obj", "prep", "prt", "pobj", "subj", "has", "passive", "neg", "xcomp", "on"}
)


def _object_words(token: Token) -> list[Token]:
    objects = verb_objects(token) or [c for c in token.children if c.dep_ == "nsubjpass"]
    if not objects and token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        objects = [token.head]  # "the tanks it has sent": the noun the clause is on
    words = [w for o in objects for w in (o, *o.children) if w.dep_ != "det"]
    # "held another round of joint patrols", "a series of talks"
    words += [
        p
        for o in objects
        if o.lemma_.lower() in PARTITIVES
        for prep in o.children
        if prep.lower_ == "of"
        for p in prep.children
        if p.dep_ == "pobj"
    ]
    return words


def _clause_holds(pos: str, clause: str, token: Token, clauses: tuple[str, ...] = ()) -> bool:
    negate = clause.startswith("!")
    kind, _, values = clause.lstrip("!").partition("=")
    wanted = set(values.split("|")) if values else set()

    def matches(words: Iterable[Token]) -> bool:
        return any(not wanted or w.lemma_.lower() in wanted or w.lower_ in wanted for w in words)

    if kind == "obj":
        if pos == "NOUN":
            found = token.dep_ == "dobj" and matches([token.head])
        else:
            found = matches(_object_words(token))
    elif kind == "prep":
        found = matches(c for c in token.children if c.dep_ in ("prep", "agent"))
    elif kind == "prt":
        # "ordered French troops out", "pulled out of the deal": the parser may attach the
        # particle as an adverb or as a preposition that governs "of"
        found = matches(c for c in token.children if is_particle(c))
    elif kind == "subj":
        found = matches(s for subj in verb_subjects(token) for s in with_conjuncts(subj))
    elif kind == "has":
        found = matches(t for t in token.subtree if t.i != token.i)
    elif kind == "pobj":
        preps = {
            v for c in clauses if c.startswith("prep=") for v in c.partition("=")[2].split("|")
        }
        found = matches(
            w
            for c in token.children
            if c.dep_ in ("prep", "agent") and (not preps or c.lower_ in preps)
            for p in c.children
            if p.dep_ == "pobj"
            for w in (p, *p.children)
        )
    elif kind == "on":
        # "The resolution, presented by Havana": the noun a participle clause hangs on
        found = token.dep_ == "acl" and token.tag_ == "VBN" and matches([token.head])
    elif kind == "xcomp":
        found = any(c.dep_ == "xcomp" for c in token.children)
    elif kind == "passive":
        found = is_passive(token)
    elif kind == "neg":
        found = is_negated(token)
    else:
        found = False
    return found != negate


def _expand_classes(condition: str, classes: Mapping[str, str], origin: str, number: int) -> str:
    """``obj=@forces|tanks`` -> ``obj=troops|soldiers|...|tanks``."""

    def word(w: str) -> str:
        if not w.startswith("@"):
            return w
        if w not in classes:
            raise ConfigError(f"{origin}:{number}: unknown word class {w!r}; define it first")
        return classes[w]

    clauses = []
    for clause in _clauses(condition):
        kind, eq, values = clause.partition("=")
        clauses.append(kind + eq + "|".join(word(w) for w in values.split("|")) if eq else kind)
    return ",".join(clauses)


def _parse_lexicon(text: str, origin: str, classes: dict[str, str]) -> list[EventTrigger]:
    """Rows of a lexicon file; ``@name<TAB>a|b|c`` lines define word classes for conditions."""
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            name, _, words = line.partition("\t")
            classes[name.strip()] = _expand_classes("x=" + words.strip(), classes, origin, number)[
                2:
            ]
            continue
        cells = [c.strip() for c in (line.split("\t") + ["", "", "", ""])[:4]]
        lemma, pos, kind, condition = cells
        bad = [
            c for c in _clauses(condition) if c.lstrip("!").partition("=")[0] not in _CLAUSE_KINDS
        ]
        if bad:
            raise ConfigError(
                f"{origin}:{number}: unknown condition {bad[0]!r}; "
                f"the kinds are {', '.join(sorted(_CLAUSE_KINDS))}"
            )
        if pos not in ("VERB", "NOUN") or kind not in PLOVER_TYPES:
            raise ConfigError(
                f"{origin}:{number}: expected "
                "'lemma<TAB>VERB|NOUN<TAB>PLOVER type[<TAB>condition]', "
                f"got {line!r}; the types are {', '.join(PLOVER_TYPES)}"
            )
        expanded = _expand_classes(condition, classes, origin, number)
        rows.append(EventTrigger(lemma.lower(), pos, kind, expanded, condition))
    return rows


@cache
def load_event_lexicon(extra_file: str | None = None) -> dict[tuple[str, str], list[EventTrigger]]:
    """Triggers by (lemma, part of speech); a user file's rows are tried before the shipped ones.

    Raises:
        ConfigError: the user file cannot be read or has a malformed row.
    """
    text = resources.files("spinscope").joinpath("data/events.tsv").read_text("utf-8")
    classes: dict[str, str] = {}
    rows = _parse_lexicon(text, "events.tsv", classes)
    if extra_file:
        user = read_setting_file(extra_file, "the event lexicon", "[stages.events] lexicon_file")
        rows = _parse_lexicon(user, extra_file, classes) + rows
    lexicon: dict[tuple[str, str], list[EventTrigger]] = {}
    for row in rows:
        lexicon.setdefault((row.lemma, row.pos), []).append(row)
    return lexicon
