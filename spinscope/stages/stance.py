"""The stance stage: how the article treats each actor, and the spans that say so.

The method is a sum of weighted evidence that a reader can check span by span:

1. **Descriptions** (kind ``description``): words of the stance lexicon
   (``spinscope/data/stance.tsv``, extendable with ``[stages.stance] lexicon_file``)
   attached to an actor by a dependency arc: a verb to its subject ("Japan's
   smearing", "Japan ... colluding"), an adverb to its verb's subject ("illegally
   nationalized"), an adjective to the noun it modifies and that noun's owner
   ("Japan's sinister intentions"), a noun to its possessor or to the subject of the
   clause it is the object of, "as a partner" to the object of "regard". A "not" on
   the word or its verb flips the sign. Words of scope ``both`` also count against
   the partner in a with-phrase ("colluding with NATO"); words of scope
   ``prescribed`` count only when the actor is told it should or must ("Japan
   should stop ...").
2. **Events** (kind ``event``): an actor that is the agent of a hostile PLOVER event
   (ACCUSE, THREATEN, PROTEST, SANCTION, COERCE, ASSAULT), weighted by type and
   scaled by modality (asserted 1, future 0.7, reported 0.5, hypothetical 0.3,
   negated 0). A trigger already counted as a description is not counted twice.
3. **Scare quotes** (kind ``quote``): a scare-quoted phrase in a clause whose subject
   is the actor ("illegally \\"nationalized\\"") keeps a distance from its words: -0.3.
4. **Techniques** (kind ``technique``, when the ``techniques`` layer is present):
   name calling, loaded language, doubt, fear, exaggeration and reductio spans,
   attached the same way, unless a description already covers that span.
5. Half of a sector actor's evidence counts toward its state and half of a
   state's toward its sector actors ("the Japanese government" and "Japan").

The score is ``tanh(sum / scale)`` (scale 1.5), so it stays in [-1, 1]; the label is
negative at or below ``-threshold``, positive at or above ``threshold`` (0.15), else
neutral.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from spinscope.article import Actor, Article, Event, Evidence, Stance
from spinscope.errors import ConfigError
from spinscope.nlp import parse, parse_many
from spinscope.stages.actors import article_voice
from spinscope.stages.events import Participants, verb_subjects

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["StanceStage", "StanceWord", "attach_word", "load_stance_lexicon", "score_stance"]

EVENT_WEIGHTS: dict[str, float] = {
    "REJECT": -0.2,
    "ACCUSE": -0.5,
    "THREATEN": -0.7,
    "PROTEST": -0.2,
    "SANCTION": -0.5,
    "COERCE": -0.7,
    "ASSAULT": -0.9,
}
MODALITY_FACTORS: dict[str, float] = {
    "asserted": 1.0,
    "future": 0.7,
    "reported": 0.5,
    "hypothetical": 0.3,
    "negated": 0.0,
}
TECHNIQUE_WEIGHTS: dict[str, float] = {
    "Name_Calling,Labeling": -0.5,
    "Loaded_Language": -0.3,
    "Doubt": -0.4,
    "Appeal_to_fear-prejudice": -0.4,
    "Reductio_ad_hitlerum": -0.6,
    "Exaggeration,Minimisation": -0.2,
}
SCARE_QUOTE_WEIGHT = -0.3
VOICE_WEIGHT = 0.5
"""The actor an article speaks for (a statement's issuer, state media's state) looks good."""
OPPONENT_WEIGHTS: dict[str, float] = {
    "ACCUSE": -0.5,
    "PROTEST": -0.5,
    "REJECT": -0.4,
    "THREATEN": -0.5,
    "SANCTION": -0.5,
    "REQUEST": -0.3,
}
"""Recipients of hostile acts by the actor the article speaks for are its opponents."""
ALLY_WEIGHTS: dict[str, float] = {"SUPPORT": 0.4, "AID": 0.4, "COOPERATE": 0.2}
"""Those the side the article speaks for backs, aids or works with are its friends."""
AGAINST_VOICE_WEIGHT = -0.4
"""Doing a hostile act to the side the article speaks for makes the doer its opponent."""
_AGAINST_VOICE_TYPES = frozenset(
    {"ACCUSE", "PROTEST", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT"}
)
NEWS_EVENT_FACTOR = 0.2
"""In news reports what an actor does is reported, not judged: event evidence counts less."""
NEWS_DESCRIPTION_FACTOR = 0.5
"""In news reports loaded words are mostly reported or factual: they count half."""
CONDEMNED_BELOW = -0.6
"""Words summing to this or less mean the text condemns an actor; acts against it cost nothing."""
QUOTED_FACTOR = 0.5
"""A word inside quotation marks or reported speech is someone else's: it counts half."""
PROPAGATION = 0.5
_PROPAGATING_SECTORS = frozenset({"GOV", "MIL"})
# Verbs whose object is the subject's own or its doing: "Japan has long held deep-rooted
# suspicions", "Norway spread lies"; not "China opposes the illegal sanctions".
_HAVING_VERBS = frozenset(
    [
        "have",
        "deserve",
        "earn",
        "merit",
        "hold",
        "harbor",
        "harbour",
        "pursue",
        "show",
        "display",
        "reveal",
        "expose",
        "adopt",
        "spread",
        "tell",
        "make",
        "launch",
        "commit",
        "conduct",
        "wage",
        "stage",
        "carry",
        "step",
        "escalate",
        "intensify",
    ]
)
# "a trading partner" is a fact of trade, not praise.
_NEUTRALISING_MODIFIERS = frozenset({"trade", "trading", "business", "economic", "commercial"})
_PRESCRIPTIVE_AUX = frozenset({"should", "must", "ought", "need"})


@dataclass(frozen=True, slots=True)
class StanceWord:
    """One row of the stance lexicon."""

    lemma: str
    weight: float
    scope: str = ""
    """"" | "both" | "prescribed"."""


def _parse_lexicon(text: str, origin: str) -> dict[str, StanceWord]:
    words: dict[str, StanceWord] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in (line.split("\t") + ["", ""])[:3]]
        try:
            weight = float(cells[1])
        except ValueError as e:
            raise ConfigError(
                f"{origin}:{number}: expected 'lemma<TAB>weight[<TAB>scope]' with a number "
                f"from -1 to 1 as weight, got {line!r}"
            ) from e
        if cells[2] not in ("", "both", "prescribed") or not -1 <= weight <= 1:
            raise ConfigError(
                f"{origin}:{number}: weight must be in [-1, 1] and scope one of '', 'both', "
                f"'prescribed'; got {line!r}"
            )
        words[cells[0].lower()] = StanceWord(cells[0].lower(), weight, cells[2])
    return words


@cache
def load_stance_lexicon(extra_file: str | None = None) -> dict[str, StanceWord]:
    """The shipped stance lexicon, overridden word by word by an optional user file.

    Raises:
        ConfigError: the user file cannot be read or has a malformed row.
    """
    text = resources.files("spinscope").joinpath("data/stance.tsv").read_text("utf-8")
    words = _parse_lexicon(text, "stance.tsv")
    if extra_file:
        try:
            user = Path(extra_file).read_text("utf-8")
        except OSError as e:
            raise ConfigError(
                f"cannot read the stance lexicon {extra_file}: {e}; "
                "fix [stages.stance] lexicon_file"
            ) from e
        words.update(_parse_lexicon(user, extra_file))
    return words


@dataclass(slots=True)
class _Finding:
    actor: str
    evidence: Evidence


_SPEECH_NOUNS = frozenset(
    {
        "statement",
        "statements",
        "remarks",
        "remark",
        "comments",
        "claims",
        "claim",
        "allegations",
        "accusations",
        "rhetoric",
        "words",
    }
)
_ACT_NOUNS = frozenset(
    {
        "moves",
        "move",
        "actions",
        "action",
        "acts",
        "behaviour",
        "behavior",
        "measures",
        "provocations",
        "steps",
        "practices",
    }
)
_ACT_TYPES = frozenset(
    {"SANCTION", "COERCE", "ASSAULT", "THREATEN", "MOBILIZE", "REJECT", "PROTEST", "ACCUSE"}
)


def pointing_antecedents(doc: Doc, article: Article) -> dict[int, list[str]]:
    """Whose words or deeds "such statements", "these remarks", "such moves" are: the
    speaker of the latest quote before them, or the doers of the latest hostile act."""
    found: dict[int, list[str]] = {}
    for token in doc:
        lower = token.lower_
        if lower not in _SPEECH_NOUNS and lower not in _ACT_NOUNS:
            continue
        if not any(
            c.dep_ in ("det", "amod", "predet") and c.lower_ in ("such", "these", "those", "this")
            for c in token.children
        ):
            continue
        if lower in _SPEECH_NOUNS:
            quotes = [
                q
                for q in article.quotes
                if q.kind in ("direct", "reported") and q.speaker and q.end <= token.idx
            ]
            speaker = max(quotes, key=lambda q: q.end).speaker if quotes else None
            if speaker:
                found[token.i] = [speaker]
        else:
            acts = [
                e for e in article.events if e.type in _ACT_TYPES and e.trigger.end <= token.idx
            ]
            if acts:
                found[token.i] = list(max(acts, key=lambda e: e.trigger.end).actors)
    return found


def _noun_owners(noun: Token, people: Participants) -> tuple[list[str], str]:
    """Whose thing a noun is: itself an actor, its possessor, the clause subject, or, for
    "such statements" and "such moves", whoever said or did the latest such thing."""
    pointed = people.antecedents.get(noun.i)
    if pointed:
        return pointed, f"'{noun.text}' points back at what they said or did"
    own = people.of(noun)
    if own:
        if noun.i in people.index:
            return own, f"'{noun.text}' names the actor"
        return own, f"the actor is the possessor or modifier of '{noun.text}'"
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":
        verb = noun.head.head
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        got = [a for o in objs for a in people.of(o)]
        if got:
            return got, f"'as {noun.text}' describes the object of '{verb.text}'"
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        such_as = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
        if prep.lower_ in ("of", "like", "by") or such_as:
            got = [a for o in prep.children if o.dep_ == "pobj" for a in people.of(o)]
            if got:
                return got, f"'{noun.text} {prep.text} ...' names the actor"
    node = noun
    # Climb through prepositions and conjunctions to the clause: "exposes its sinister intentions".
    for _ in range(4):
        if node.dep_ in ("dobj", "attr", "oprd", "acomp") and node.head.pos_ in ("VERB", "AUX"):
            verb = node.head
            if node.dep_ == "dobj" and verb.lemma_.lower() not in _HAVING_VERBS:
                return [], ""  # "China opposes the illegal sanctions": not China's sanctions
            got = [a for s in verb_subjects(verb) for a in people.of(s)]
            if got:
                return got, f"object of '{verb.text}', whose subject is the actor"
            return [], ""
        if node.dep_ in ("pobj", "prep", "conj", "appos", "compound", "amod") and node.head != node:
            node = node.head
            got = people.of(node) if node.pos_ in ("NOUN", "PROPN") else []
            if got:
                return got, f"part of a phrase about '{node.text}'"
            continue
        break
    return [], ""


def attach_word(token: Token, people: Participants) -> tuple[list[str], str]:
    """The actors a stance word describes, and how it reaches them."""
    pos = token.pos_
    if pos in ("VERB", "AUX") or (pos == "NOUN" and token.dep_ in ("ROOT", "ccomp", "xcomp")):
        objects = {people.index.get(c.i) for c in token.children if c.dep_ == "dobj"}
        # An actor does not smear itself: a subject that is also the object is a parser slip.
        got = [a for s in verb_subjects(token) for a in people.of(s) if a not in objects]
        if got:
            return got, f"'{token.text}' is what its subject does"
        if token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return _noun_owners(token.head, people)
        return [], ""
    if pos == "ADV":
        verb = token.head
        got = [a for s in verb_subjects(verb) for a in people.of(s)]
        return got, f"'{token.text}' qualifies '{verb.text}'" if got else ""
    if pos == "ADJ":
        if token.dep_ in ("amod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
            got, how = _noun_owners(token.head, people)
            return got, f"'{token.text} {token.head.text}': {how}" if got else ""
        head = token.head if token.dep_ == "conj" else token
        own_subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if head.dep_ in ("ccomp", "xcomp", "advcl") and own_subjects:
            # "We consider such statements irresponsible and dangerous" (parsed as a clause)
            got, how = _noun_owners(own_subjects[0], people)
            return (
                got,
                f"'{token.text}' says what '{own_subjects[0].text}' is: {how}" if got else "",
            )
        if token.dep_ == "oprd":
            # "We consider such statements irresponsible": the object is what is judged.
            judged = [c for c in token.head.children if c.dep_ == "dobj"]
            if judged:
                got, how = _noun_owners(judged[0], people)
                return got, f"'{token.text}' says what '{judged[0].text}' is: {how}" if got else ""
        if token.dep_ in ("acomp", "attr", "oprd"):
            got = [a for s in verb_subjects(token.head) for a in people.of(s)]
            return got, f"'{token.text}' says what its subject is" if got else ""
        return [], ""
    if pos in ("NOUN", "PROPN"):
        return _noun_owners(token, people)
    return [], ""


def _inside_quotes(doc: Doc, token: Token) -> bool:
    start = doc.text.rfind("\n", 0, token.idx) + 1
    before = doc.text[start : token.idx]
    return (before.count('"') + before.count("“") - before.count("”")) % 2 == 1


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    # "is not welcome", but not "a partner, not a rival"
    return any(c.dep_ == "neg" and c.i < token.i for c in token.head.children)


def _prescribed(token: Token) -> bool:
    node = token
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _PRESCRIPTIVE_AUX for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp") or node.head == node:
            return False
        node = node.head
    return False


def _partners(token: Token, people: Participants) -> list[str]:
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"]
    return [a for p in preps for o in p.children if o.dep_ == "pobj" for a in people.of(o)]


def _span_actors(span: Span, people: Participants, *, inside: bool) -> tuple[list[str], str]:
    """Actors a quoted or technique span is about: the subject of its clause.

    With ``inside`` an actor named in the span itself may be the target ("Japan's
    collusion"); a scare quote is the words of the clause's subject, not of the actor
    it names ("emphasized the so-called 'China threat'").
    """
    root = span.root
    got, how = attach_word(root, people)
    if not inside:
        inner = {people.index[t.i] for t in span if t.i in people.index}
        got = [a for a in got if a not in inner]
    if got:
        return got, how
    node = root
    for _ in range(5):
        if node.head == node:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            got = [
                a
                for s in verb_subjects(node)
                for a in people.of(s)
                if s.i not in range(span.start, span.end)
            ]
            return got, f"in a clause whose subject is the actor ('{node.text}')" if got else ""
    return [], ""


def _side_findings(
    event: Event, actors: Iterable[str], own_side: set[str | None], weight: float, why: str
) -> list[_Finding]:
    """Event evidence for each actor outside the side the article speaks for."""
    ev = Evidence(event.trigger.start, event.trigger.end, event.trigger.text, "event", weight, why)
    return [_Finding(actor, ev) for actor in actors if actor not in own_side]


def _evidence(doc: Doc, start_i: int, end_i: int, kind: str, weight: float, why: str) -> Evidence:
    span = doc[start_i:end_i]
    return Evidence(span.start_char, span.end_char, span.text, kind, round(weight, 3), why)


def score_stance(
    article: Article,
    doc: Doc,
    lexicon: Mapping[str, StanceWord],
    *,
    scale: float = 1.5,
    threshold: float = 0.15,
) -> list[Stance]:
    """One Stance per actor of the article, with the evidence it rests on."""
    # Stance keeps each actor's evidence its own; sectors and people reach their state below.
    people = Participants(doc, article, with_states=False)
    people.antecedents = pointing_antecedents(doc, article)
    reported = [(q.start, q.end) for q in article.quotes if q.kind in ("direct", "reported")]
    findings: list[_Finding] = []
    for token in doc:
        word = lexicon.get(token.lemma_.lower()) or lexicon.get(token.lower_)
        if word is None or token.i in people.index:
            continue
        if word.scope == "prescribed" and not _prescribed(token):
            continue
        if any(c.lemma_.lower() in _NEUTRALISING_MODIFIERS for c in token.children):
            continue
        actors, how = attach_word(token, people)
        if word.scope == "prescribed" and actors:
            how = f"the actor is told it should '{token.text}'"
        weight = -word.weight if _negated(token) else word.weight
        note = " (negated)" if weight != word.weight else ""
        if _inside_quotes(doc, token) or any(s <= token.idx < e for s, e in reported):
            weight *= QUOTED_FACTOR
            note += f" (quoted: x{QUOTED_FACTOR:g})"
        for actor in actors:
            why = f"'{token.text}' weighs {word.weight:+.1f} in the stance lexicon{note}; {how}"
            findings.append(
                _Finding(actor, _evidence(doc, token.i, token.i + 1, "description", weight, why))
            )
        if word.scope == "both":
            for partner in _partners(token, people):
                if partner not in actors:
                    why = (
                        f"'{token.text}' ({word.weight:+.1f}) also implicates its partner in 'with'"
                    )
                    findings.append(
                        _Finding(
                            partner,
                            _evidence(doc, token.i, token.i + 1, "description", weight, why),
                        )
                    )
    described = {(f.actor, f.evidence.start) for f in findings}
    # How the words alone treat each actor: acting against an actor the text condemns is
    # not held against the one who acts ("Manila summoned the envoy of a bully").
    worded: dict[str, float] = defaultdict(float)
    for f in findings:
        worded[f.actor] += f.evidence.weight
    voice, voice_reason = article_voice(article)
    own_side = {voice} | {a.id for a in article.actors if voice and a.country == voice}
    news = article.meta.genre == "news"
    for event in article.events:
        base = EVENT_WEIGHTS.get(event.type)
        factor = MODALITY_FACTORS.get(event.modality, 1.0)
        if factor == 0:
            continue
        if voice and own_side & set(event.actors) and event.type in OPPONENT_WEIGHTS:
            findings += _side_findings(
                event,
                event.recipients,
                own_side,
                OPPONENT_WEIGHTS[event.type] * factor,
                f"target of {event.type} by {voice}, the side the article speaks for",
            )
        if voice and own_side & set(event.actors) and event.type in ALLY_WEIGHTS:
            # "We stand with Ukraine" in an EU statement.
            findings += _side_findings(
                event,
                event.recipients,
                own_side,
                round(ALLY_WEIGHTS[event.type] * factor, 3),
                f"{voice}, the side the article speaks for, does {event.type} to it",
            )
        if voice and own_side & set(event.recipients) and event.type in _AGAINST_VOICE_TYPES:
            # "The West rejected every Russian proposal" in Russian state media.
            findings += _side_findings(
                event,
                event.actors,
                own_side,
                round(AGAINST_VOICE_WEIGHT * factor, 3),
                f"does {event.type} to {voice}, the side the article speaks for",
            )
        if base is None:
            continue
        if news:
            factor *= NEWS_EVENT_FACTOR
        condemned = [r for r in event.recipients if worded.get(r, 0.0) <= CONDEMNED_BELOW]
        for actor in event.actors:
            if (actor, event.trigger.start) in described or actor in own_side:
                continue
            if condemned and event.type in EVENT_WEIGHTS:
                continue  # acting against an actor the text itself condemns
            why = f"agent of {event.type} ({event.modality}, {base:+.1f} x {factor:g})"
            ev = Evidence(
                event.trigger.start,
                event.trigger.end,
                event.trigger.text,
                "event",
                round(base * factor, 3),
                why,
            )
            findings.append(_Finding(actor, ev))
    for quote in article.quotes:
        if quote.kind != "scare":
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        actors, how = _span_actors(span, people, inside=False)
        for actor in actors:
            why = f"scare quotes keep a distance from the actor's words; {how}"
            findings.append(
                _Finding(
                    actor,
                    Evidence(quote.start, quote.end, quote.text, "quote", SCARE_QUOTE_WEIGHT, why),
                )
            )
    for technique in article.techniques:
        base = TECHNIQUE_WEIGHTS.get(technique.technique)
        span = doc.char_span(technique.start, technique.end, alignment_mode="expand")
        if base is None or span is None:
            continue
        actors, how = _span_actors(span, people, inside=True)
        for actor in actors:
            if any(
                f.actor == actor and technique.start <= f.evidence.start < technique.end
                for f in findings
                if f.evidence.kind == "description"
            ):
                continue
            why = f"{technique.technique} aimed at the actor ({base:+.1f} x {technique.score:.2f})"
            why += f"; {how}"
            findings.append(
                _Finding(
                    actor,
                    _evidence(doc, span.start, span.end, "technique", base * technique.score, why),
                )
            )
    if voice:
        speaking = next((a for a in article.actors if a.id == voice), None)
        if speaking is not None and speaking.mentions:
            first = speaking.mentions[0]
            why = f"the article speaks for {voice}: {voice_reason}"
            ev = Evidence(first.start, first.end, first.text, "description", VOICE_WEIGHT, why)
            findings.append(_Finding(voice, ev))
    if news:
        # A wire report describes and quotes; the words it reports weigh less than an
        # opinion writer's own ("launched its full-scale invasion" in a Reuters story).
        findings = [
            _Finding(
                f.actor,
                Evidence(
                    f.evidence.start,
                    f.evidence.end,
                    f.evidence.text,
                    f.evidence.kind,
                    round(f.evidence.weight * NEWS_DESCRIPTION_FACTOR, 3),
                    f.evidence.explanation + f" (news: x{NEWS_DESCRIPTION_FACTOR:g})",
                ),
            )
            if f.evidence.kind in ("description", "technique")
            else f
            for f in findings
        ]
    return _aggregate(article.actors, findings, scale, threshold)


def _aggregate(
    actors: list[Actor], findings: list[_Finding], scale: float, threshold: float
) -> list[Stance]:
    by_actor: dict[str, list[Evidence]] = defaultdict(list)
    for f in findings:
        by_actor[f.actor].append(f.evidence)
    ids = [a.id for a in actors]
    # A state stands for its government and military, and they for it; civilians, media and
    # legislators are often set against their government, so their evidence stays their own.
    sectors: dict[str, list[str]] = defaultdict(list)
    for a in actors:
        if a.sector in _PROPAGATING_SECTORS and a.country:
            sectors[a.country].append(a.id)
    # What a state's official says or does reflects on the state.
    people_of: dict[str, list[str]] = defaultdict(list)
    for a in actors:
        if a.kind == "person" and a.country:
            people_of[a.country].append(a.id)
    totals: dict[str, float] = {}
    propagated: dict[str, list[Evidence]] = defaultdict(list)
    for actor_id in ids:
        own = by_actor.get(actor_id, [])
        related = [*sectors.get(actor_id, [])]
        country, _, sector = actor_id.partition("-")
        if sector in _PROPAGATING_SECTORS and country in ids:
            related.append(country)
        related += people_of.get(actor_id, [])
        for other in related:
            for ev in by_actor.get(other, []):
                propagated[actor_id].append(
                    Evidence(
                        ev.start,
                        ev.end,
                        ev.text,
                        ev.kind,
                        round(ev.weight * PROPAGATION, 3),
                        f"via {other}: {ev.explanation}",
                    )
                )
        totals[actor_id] = sum(e.weight for e in own) + sum(e.weight for e in propagated[actor_id])
    stances = []
    for actor_id in ids:
        score = math.tanh(totals[actor_id] / scale)
        label = (
            "negative" if score <= -threshold else "positive" if score >= threshold else "neutral"
        )
        evidence = sorted(
            [*by_actor.get(actor_id, []), *propagated[actor_id]],
            key=lambda e: (-abs(e.weight), e.start),
        )
        stances.append(
            Stance(actor=actor_id, score=round(score, 3), label=label, evidence=tuple(evidence))
        )
    return stances


class StanceStage:
    """Scores every actor from the evidence around its mentions; assigns ``stance``."""

    name = "stance"
    requires: tuple[str, ...] = ("actors", "events")
    assigns: tuple[str, ...] = ("stance",)

    def __init__(
        self, lexicon_file: str | None = None, scale: float = 1.5, threshold: float = 0.15
    ) -> None:
        if scale <= 0 or not 0 <= threshold < 1:
            raise ConfigError(
                f"[stages.stance]: scale must be > 0 and threshold in [0, 1), got scale={scale}, "
                f"threshold={threshold}"
            )
        self.lexicon = load_stance_lexicon(lexicon_file)
        self.scale = scale
        self.threshold = threshold

    @classmethod
    def from_config(cls, settings: Mapping[str, Any]) -> Self:
        unknown = set(settings) - {"lexicon_file", "scale", "threshold"}
        if unknown:
            raise ConfigError(
                f"[stages.stance]: unknown setting(s) {', '.join(sorted(unknown))}; "
                "known: lexicon_file, scale, threshold"
            )
        return cls(
            lexicon_file=settings.get("lexicon_file") or None,
            scale=float(settings.get("scale", 1.5)),
            threshold=float(settings.get("threshold", 0.15)),
        )

    def _score(self, article: Article, doc: Doc) -> Article:
        article.stance = score_stance(
            article, doc, self.lexicon, scale=self.scale, threshold=self.threshold
        )
        return article

    def __call__(self, article: Article) -> Article:
        return self._score(article, parse(article))

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Article]:
        articles = list(articles)
        for article, doc in zip(articles, parse_many(articles, batch_size), strict=True):
            yield self._score(article, doc)
