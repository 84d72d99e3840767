"""Whom a reply is aimed at when its own clause names no one.

News English leaves the target of a reaction to the reader far more often than the target
of an act: "Poland rejects this position", "Turkey denied any involvement", "Beijing
refused", "the Philippines ... have also rejected the map", "called the post 'repugnant' and
demanded an apology". Every annotator of the gold set still names the side the reaction
answers (ACCUSE, REJECT, PROTEST, REQUEST and SUPPORT carry a recipient in all but a handful
of the dev events). ``reply_target`` looks, in this order, for

1. a verb joined to it by "and" with the same doer ("called the post ... and demanded an
   apology": the apology is demanded of whoever the post is blamed on);
2. "also", "too", "likewise": the target of the latest earlier event of the same type;
3. an object that names an earlier thing again ("the map", "the documents", "the post"):
   the actors attached to the latest earlier mention of the same word (its possessor or
   of-phrase, the subject of the verb it is the object of, the subject of the verb itself);
4. an object that names someone's words ("this position", "that characterization"): the
   latest earlier speaker of another side (from the quotes layer);
5. a denial or refusal with no object that points anywhere ("Turkey denied any
   involvement", "Beijing refused"): the doers of the latest earlier event aimed at the
   replier's side.

Each step needs the side found to be another side than the replier's own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spinscope.stages.event_arguments import Participants, state_of, verb_args

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from spinscope.article import Event, Quote

__all__ = ["REPLY_TYPES", "reply_target", "resolve_sponsors"]


REPLY_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "PROTEST", "REQUEST"})


_AGAIN = frozenset({"also", "too", "likewise", "similarly"})


_POINTING = frozenset({"the", "this", "these", "those", "that", "such"})


# Nouns that name what someone said: their target is who said it.
_WORDS_NOUNS = frozenset(
    {
        "position",
        "positions",
        "characterization",
        "characterisation",
        "view",
        "views",
        "stance",
        "assertion",
        "assertions",
        "claim",
        "claims",
        "remark",
        "remarks",
        "comment",
        "comments",
        "statement",
        "statements",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "argument",
        "arguments",
        "narrative",
        "reply",
        "response",
        "words",
        "interpretation",
        "description",
        "version",
        "suggestion",
        "insinuation",
        "insinuations",
    }
)


# A denial, a refusal: with nothing it points at, it answers the latest act aimed at the side.
_DENYING = frozenset(
    {"deny", "reject", "refuse", "dismiss", "refute", "rebuff", "rebut", "repudiate", "decline"}
)


# What a denial answers when it is its object ("denied any involvement"), and which events
# the object can answer (None: any act aimed at the side)
_DENIED: dict[str, frozenset[str] | None] = {
    **dict.fromkeys(("involvement", "responsibility", "role", "wrongdoing", "link", "links"), None),
    **dict.fromkeys(("participation", "knowledge"), None),
    **dict.fromkeys(
        (
            "charge",
            "charges",
            "accusation",
            "accusations",
            "allegation",
            "allegations",
            "claim",
            "claims",
            "report",
            "reports",
            "suggestion",
            "suggestions",
            "insinuation",
            "insinuations",
            "notion",
            "idea",
        ),
        frozenset({"ACCUSE"}),
    ),
    **dict.fromkeys(("request", "demand", "demands", "call", "calls"), frozenset({"REQUEST"})),
}


# Events a denial or refusal can answer
_ANSWERED = frozenset(
    {"ACCUSE", "REQUEST", "THREATEN", "PROTEST", "SANCTION", "COERCE", "ASSAULT", "REJECT"}
)


_SENTENCES_BACK = 4
"""How far back (in sentences) a recent mention may be for ``reply_target``'s last step; the
earlier steps (the same word, an "also") look back through the whole article."""


def _own(actors: tuple[str, ...] | list[str], people: Participants) -> set[str]:
    return {state_of(a, people) for a in actors}


def _others(actors: list[str], own: set[str], people: Participants) -> list[str]:
    return [a for a in dict.fromkeys(actors) if state_of(a, people) not in own]


def _objects(verb: Token) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        objects = [verb.head]  # "the map, which they rejected"
    objects += [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("against", "to", "on", "with", "of")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return objects


def _pointing(noun: Token) -> bool:
    return any(
        c.dep_ in ("det", "predet") and c.lower_ in _POINTING for c in noun.children
    ) or noun.lower_ in ("it", "this", "that")


def _attached_actors(token: Token, people: Participants) -> list[str]:
    """The actors an earlier mention of a thing is attached to: "the Standard Map of
    China" (of-phrase), "Japan's documents" (possessor), "the government adopted three
    security documents" (the subject of the verb it is the object of), "a spokesman went
    further, posting a fabricated image" (the subject of the verb itself)."""
    if token.pos_ == "VERB":
        return verb_args(token, people)[0]
    found: list[str] = []
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
            found += people.of(child)
        if child.dep_ in ("prep", "agent") and child.lower_ in ("of", "by"):
            found += [a for p in child.children if p.dep_ == "pobj" for a in people.of(p)]
        if child.dep_ in ("acl", "relcl"):
            # "the map, released by the Ministry of ...", "the blockade that the United
            # States has maintained"
            found += [a for a in verb_args(child, people)[0] if a not in found]
    if not found and token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
        found = verb_args(token.head, people)[0]
    return found


def _same_word_antecedent(
    obj: Token, doc: Doc, people: Participants, own: set[str]
) -> tuple[list[str], str]:
    """The actors of the latest earlier mention of the object's word."""
    lemma = obj.lemma_.lower()
    for t in reversed(doc[: obj.i]):
        if t.lemma_.lower() != lemma or t.pos_ not in ("NOUN", "VERB", "PROPN"):
            continue
        if t.i in people.index:
            # "accused the government of failing ..." after "Colombia's government
            # suspended ...": the same office named again
            actors = _others(people.of(t), own, people)
            if actors:
                return actors, f"the earlier mention '{t.text}'"
            continue
        if t.pos_ == "NOUN" and t.head.i == obj.head.i and t.dep_ == obj.dep_:
            continue
        actors = _others(_attached_actors(t, people), own, people)
        if actors:
            return actors, f"the earlier mention '{t.text}'"
    return [], ""


def _latest_speaker(
    token: Token, quotes: list[Quote], people: Participants, own: set[str]
) -> tuple[list[str], str]:
    """The speaker of the latest earlier quote, in this sentence or the two before it, of
    another side."""
    sentences = list(token.doc.sents)
    here = next(n for n, s in enumerate(sentences) if s.start == token.sent.start)
    since = sentences[max(0, here - 2)].start_char
    for quote in sorted(quotes, key=lambda q: q.start, reverse=True):
        if quote.start >= token.idx or quote.kind not in ("direct", "reported"):
            continue
        if quote.start < since:
            break
        if quote.speaker and state_of(quote.speaker, people) not in own:
            speaker = quote.speaker
            return [speaker, *people.of_id(speaker)], f"the words of {speaker}"
    return [], ""


def reply_target(
    event: Event,
    token: Token,
    earlier: list[Event],
    later: list[Event],
    people: Participants,
    quotes: list[Quote],
) -> tuple[list[str], str]:
    """The recipients of a reply whose clause names none, and where they were found
    (see the module docstring); ``earlier`` are the events before it in text order,
    ``later`` those after it."""
    own = _own(event.actors, people)
    doc = token.doc
    sentence_index = {s.start: n for n, s in enumerate(doc.sents)}
    here = sentence_index.get(token.sent.start, 0)

    def recent(e: Event) -> bool:
        span = doc.char_span(e.sentence.start, e.sentence.end, alignment_mode="expand")
        return span is not None and here - sentence_index.get(span.start, -99) <= _SENTENCES_BACK

    # 1. "called the post 'repugnant' and demanded an apology"
    for sibling in token.conjuncts:
        if sibling.pos_ != "VERB":
            continue
        for other in [*earlier, *later]:
            if other.trigger.start == sibling.idx and _own(other.actors, people) & own:
                found = _others(list(other.recipients), own, people)
                if found:
                    return found, f"the verb it is joined to, '{sibling.text}'"
    # 2. "which have also rejected the map"
    if any(c.dep_ == "advmod" and c.lower_ in _AGAIN for c in token.children):
        for other in reversed(earlier):
            if other.type == event.type and other.recipients:
                found = _others(list(other.recipients), own, people)
                if found and not _own(other.actors, people) & own:
                    return found, f"the earlier {other.type} '{other.trigger.text}' it repeats"
    objects = [o for o in _objects(token) if o.i not in people.index]
    for obj in objects:
        if obj.lower_ in ("it", "this") and obj.dep_ == "dobj":
            # "told the Assembly that the blockade had cost ... and called it 'a flagrant
            # violation'": the subject named last before it in its sentence
            subject = next(
                (
                    t
                    for t in reversed(doc[token.sent.start : token.i])
                    if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"
                ),
                None,
            )
            if subject is None or subject.i in people.index:
                continue
            found = _others(_attached_actors(subject, people), own, people)
            how = f"'{subject.text}', which '{obj.text}' stands for"
            if not found:
                found, how = _same_word_antecedent(subject, doc, people, own)
            if found:
                return found, how
            continue
        if not _pointing(obj) or obj.lower_ in ("it", "this", "that"):
            continue
        # 4. "We reject that characterization"
        if obj.lower_ in _WORDS_NOUNS or obj.lemma_.lower() in _WORDS_NOUNS:
            found, how = _latest_speaker(token, quotes, people, own)
            if found:
                return found, how
        # 3. "rejected the map", "praised the documents"
        found, how = _same_word_antecedent(obj, doc, people, own)
        if found:
            return found, how
    # 5. "Turkey denied any involvement", "Beijing refused"
    direct = [c for c in token.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    if token.lemma_.lower() in _DENYING and all(c.lower_ in _DENIED for c in direct):
        answered = _ANSWERED
        for c in direct:
            answered = answered & (_DENIED[c.lower_] or _ANSWERED)
        for other in reversed(earlier):
            if (
                other.type in answered
                and own & _own(other.recipients, people)
                and not own & _own(other.actors, people)
                and recent(other)
            ):
                return _others(list(other.actors), own, people), (
                    f"the earlier {other.type} '{other.trigger.text}' aimed at its side"
                )
    return [], ""


# Sponsoring a resolution accuses whom it is against (fourth-batch convention); voting
# against it rejects its sponsors.
_SPONSORING = frozenset({"table", "sponsor", "present", "submit", "introduce", "put"})


def resolve_sponsors(
    events: list[Event], token_of: dict[int, Token], people: Participants
) -> list[Event]:
    """ "The IAEA Board passed a resolution censuring Iran. The text, tabled by the United
    States ..., won 30 votes. Russia and China voted against it": the sponsors accuse whom
    the resolution censures (the latest earlier act of blame or sanction whose sentence starts
    less than 600 characters back), and those voting against it reject the sponsors. A sponsoring with no
    target found is no event."""
    out: list[Event] = []
    sponsors: Event | None = None
    for event in events:
        token = token_of.get(event.trigger.start)
        lemma = token.lemma_.lower() if token is not None else ""
        own = _own(event.actors, people)
        if token is not None and event.type == "ACCUSE" and lemma in _SPONSORING:
            if not event.recipients:
                here = token.sent.start_char
                content = next(
                    (
                        e
                        for e in reversed(out)
                        if e.type in ("ACCUSE", "SANCTION", "REQUEST")
                        and e.recipients
                        and not own & _own(e.actors, people)
                        and here - e.sentence.start < 600
                    ),
                    None,
                )
                found = _others(list(content.recipients), own, people) if content else []
                if not found or content is None:
                    continue
                event = replace(
                    event,
                    recipients=tuple(found),
                    explanation=event.explanation
                    + f"; recipients from the earlier {content.type} '{content.trigger.text}'"
                    " its text does",
                )
            sponsors = event
        elif event.type == "REJECT" and lemma == "vote" and not event.recipients and sponsors:
            found = _others(list(sponsors.actors), own, people)
            if found:
                event = replace(
                    event,
                    recipients=tuple(found),
                    explanation=event.explanation
                    + f"; recipients the sponsors of the text ('{sponsors.trigger.text}')",
                )
        out.append(event)
    return out
