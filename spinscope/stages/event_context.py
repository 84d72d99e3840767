"""Event readings that look beyond the trigger's own clause.

- what is not done: what agree/urge/plan/threaten/hope govern, what is only discussed,
  offered or asked, questions; what refuse/decline govern (except a refusal to rule out
  force, which is the threat); a second clause of the same act;
- objects that point back ("dismissed the measures", "the aggressor") and the earlier
  event that gives their doers; roles borrowed from an earlier event ("the tariffs had
  been suspended", "approved a similar package"); acts repeated by another actor ("did
  the same");
- accusations by naming ("called the strikes 'a deliberate attack'");
- modality and the date attached to a trigger.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spinscope.article import Article, Event, Mention, Quote, TimeExpression
from spinscope.stages.event_arguments import (
    BLAME_TYPES,
    FUTURE_AUX,
    NEEDS_RECIPIENT,
    NEEDS_TWO,
    NEGATING_HEADS,
    OBJECT_CONTROL,
    RECIPIENT_PREPS,
    Participants,
    agentless_passive,
    is_passive,
    state_of,
    verb_objects,
    verb_subjects,
)
from spinscope.stages.event_lexicon import PLOVER_TYPES
from spinscope.stages.event_targets import REPLY_TYPES, reply_target

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "addressee_named",
    "ANAPHORIC_TYPES",
    "CONDITIONAL_THREATS",
    "HOSTILE_ACTS",
    "LABEL_WEIGHT",
    "RESPONSE_VERBS",
    "RETALIATION_WORDS",
    "UNAIMED",
    "anaphoric_object",
    "borrowed_roles",
    "drop_unreal_and_repeated",
    "echo_events",
    "event_date",
    "event_modality",
    "labels_as_hostile",
    "names_aggressor",
    "resolve_anaphoric",
    "resolve_implicit",
]


_SPEECH_VERBS = frozenset(
    [
        "say",
        "state",
        "claim",
        "tell",
        "add",
        "note",
        "report",
        "allege",
        "write",
        "argue",
        "insist",
        "told",
        "announce",
        "declare",
    ]
)


# "agreed to restore relations", "urged them to resume talks": what these verbs govern is
# agreed, asked or planned, not done; the governing verb's event is the event.
_NOT_YET_HEADS = frozenset(
    {
        "agree",
        "urge",
        "ask",
        "call",
        "demand",
        "press",
        "decide",
        "plan",
        "want",
        "hope",
        "seek",
        "offer",
        "promise",
        "pledge",
        "intend",
        "vow",
        "threaten",
    }
)


# "The Kremlin dismissed the measures", "Ukraine welcomed Friday's decision", "We reject
# these allegations": an object that points back at an earlier event names its doers as the
# recipient. The noun says which earlier events it can point at.
_ACTS = frozenset(
    {"AGREE", "SANCTION", "AID", "COOPERATE", "CONSULT", "MOBILIZE", "CONCEDE", "RETREAT", "COERCE"}
)


_ANAPHORIC_OBJECTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("deal", "agreement", "accord", "pact", "truce", "text", "treaty"), frozenset({"AGREE"})
    ),
    **dict.fromkeys(("demand", "demands", "request", "call", "ultimatum"), frozenset({"REQUEST"})),
    **dict.fromkeys(("violence", "attack", "attacks", "shelling"), frozenset({"ASSAULT"})),
    # a police raid is COERCE, a commando raid ASSAULT
    **dict.fromkeys(("raid", "raids", "crackdown"), frozenset({"ASSAULT", "COERCE"})),
    **dict.fromkeys(("flights", "patrols"), frozenset({"MOBILIZE", "COOPERATE"})),
    "operations": frozenset({"MOBILIZE", "COOPERATE", "ASSAULT"}),
    **dict.fromkeys(("veto", "refusal", "rejection"), frozenset({"REJECT"})),
    **dict.fromkeys(
        ("measures", "sanctions", "restrictions", "controls", "curbs", "tariffs", "package"),
        frozenset({"SANCTION", "COERCE"}),
    ),
    **dict.fromkeys(
        (
            "allegations",
            "accusations",
            "remarks",
            "statements",
            "claims",
            "charges",
            "criticism",
            "allegation",
            "accusation",
            "claim",
            "charge",
            "statement",
        ),
        frozenset({"ACCUSE"}),
    ),
    **dict.fromkeys(
        ("decision", "step", "steps", "move", "moves", "plan", "initiative", "proposal"), _ACTS
    ),
    **dict.fromkeys(("drills", "exercise", "exercises"), frozenset({"MOBILIZE", "COOPERATE"})),
    **dict.fromkeys(
        ("summit", "meeting", "talks", "visit", "consultations", "negotiations"),
        frozenset({"CONSULT", "AGREE"}),  # who met, or what they agreed there
    ),
    **dict.fromkeys(
        ("alliance", "cooperation", "partnership", "pact"), frozenset({"COOPERATE", "AGREE"})
    ),
    **dict.fromkeys(
        ("invasion", "strike", "strikes", "offensive", "incursion", "bombing", "airstrikes"),
        frozenset({"ASSAULT"}),
    ),
    **dict.fromkeys(("launch", "test", "tests", "deployment"), frozenset({"MOBILIZE"})),
    # "protested against these intrusions", "condemned such provocations"
    **dict.fromkeys(
        (
            "intrusion",
            "intrusions",
            "incursions",
            "provocation",
            "provocations",
            "activities",
            "actions",
            "violations",
        ),
        frozenset({"MOBILIZE", "COERCE", "ASSAULT", "THREATEN"}),
    ),
}


ANAPHORIC_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "PROTEST", "REQUEST"})


# "vowed to retaliate", "take countermeasures": retaliation answers an earlier hostile act,
# whose doer is the recipient.
RETALIATION_WORDS = frozenset(
    {"retaliate", "retaliation", "countermeasures", "countermeasure", "reciprocal", "retaliatory"}
)


HOSTILE_ACTS = frozenset({"SANCTION", "COERCE", "ASSAULT", "THREATEN", "ACCUSE"})


_POINTING_DETS = frozenset({"the", "this", "these", "those", "that", "such"})


# "offered to host another round", "stands ready to step up": offers are no events
# "refrain from any action": what is avoided is not done ("stop arming Taiwan" is ongoing)
_OFFERING = frozenset({"offer", "ready", "willing", "prepared", "volunteer", "refrain", "avoid"})


# The small pipeline's lemmatizer slips on a few words these rules read ("hopes" -> "hop").
_LEMMA_SLIPS = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


_HOPING = frozenset({"hope", "want", "wish", "prefer", "fear", "worry", "dream"})


# "threats to invade", "plans to expand": what these nouns introduce is not done
_NOT_YET_NOUNS = frozenset(
    {
        "threat",
        "threats",
        "plan",
        "plans",
        "intention",
        "demand",
        "demands",
        "call",
        "calls",
        "bid",
        "attempt",
        "attempts",
        "effort",
        "efforts",
        "readiness",
        "offer",
        "proposal",
        "right",
        "ability",
        "capacity",
        "pledge",
        "promise",
        "vow",
        "warning",
        "request",
        "refusal",
        "option",
    }
)


_PLAN_VERBS = frozenset(
    [
        "plan",
        "intend",
        "prepare",
        "aim",
        "decide",
        "expect",
        "want",
        "hope",
        "seek",
        "threaten",
        "vow",
    ]
)


_HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may"})


# What these verbs govern is only talked about: "discussed using frozen assets to finance Ukraine".
_UNREAL_HEADS = frozenset(
    {
        "discuss",
        "consider",
        "propose",
        "mull",
        "weigh",
        "debate",
        "contemplate",
        "explore",
        "suggest",
        "study",
        "examine",
        "envisage",
    }
)


_UNREAL_PATH = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "advcl", "pobj", "prep", "acl"})


# "will have to talk", "needs to accept": what is owed is not done
_OBLIGING = frozenset({"have", "need"})


def _awaited(verb: Token) -> bool:
    """ "to suspend this assistance until all Rwandan troops have withdrawn", "would not
    sign until Armenia amends its constitution": a clause of "until" in the present is a
    condition awaited, not an act ("fought until the troops withdrew" is one)."""
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ == "until" for c in verb.children
    ):
        return False
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return not tags & {"VBD"}


def addressee_named(verb: Token) -> bool:
    """ "called on the international community to help": a call with an addressee the
    actors layer does not link is still a request (with no recipient)."""
    return verb.lemma_.lower() == "call" and any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "upon")
        and any(
            p.dep_ == "pobj"
            # ("called upon them", "called on both parties": the sides named before)
            and p.pos_ != "PRON"
            and p.lemma_.lower() not in ("party", "side")
            for p in c.children
        )
        for c in verb.children
    )


def _under_unreal_head(verb: Token) -> bool:
    node = verb
    for _ in range(3):
        if node.dep_ not in _UNREAL_PATH or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _UNREAL_HEADS and node.pos_ == "VERB":
            return True
    return False


_TIME_MARKS = frozenset(
    {"since", "after", "before", "when", "while", "until", "because", "as", "once", "although"}
)


def drop_unreal_and_repeated(events: list[Event], token_of: dict[int, Token]) -> list[Event]:
    """Leaves out events that are not done and events counted twice:

    - what agree/urge/plan/threaten govern ("agreed to restore relations", "urged them to
      resume talks", "demanded that the contingent leave") and what is only discussed;
    - what refuse/decline govern, except a refusal to rule out force, which is the threat
      (then the refusal goes);
    - a purpose or participle clause of an event of the same type by the same side
      ("struck terminals ..., destroying grain", "meet his counterpart to discuss").
    """
    at = {token_of[e.trigger.start].i: e for e in events if e.trigger.start in token_of}
    drop: set[int] = set()
    for event in events:
        token = token_of.get(event.trigger.start)
        if token is None:
            continue
        verb = token
        first = token
        while token.pos_ != "VERB" and first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "demanded a formal apology and the withdrawal of troops"
        if (
            token.pos_ != "VERB"
            and first.dep_ in ("dobj", "nsubjpass")
            and first.head.pos_ == "VERB"
        ):
            verb = first.head
            if first.i != token.i and verb.lemma_.lower() in _NOT_YET_HEADS:
                drop.add(event.trigger.start)  # what is demanded is not done
                continue
        head = verb.head
        head_event = at.get(head.i) if head.i != verb.i else None
        head_lemma = _LEMMA_SLIPS.get(head.lower_, head.lemma_.lower())
        # "demanded that the French contingent leave": present forms and should/must
        subjunctive = verb.tag_ in ("VB", "VBP", "VBZ") or any(
            c.dep_ == "aux" and c.lower_ in ("should", "must") for c in verb.children
        )
        # "backed ECOWAS threats to invade the country": a purpose clause of a threat noun
        purpose_of_threat = (
            verb.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and any(o.dep_ == "dobj" and o.lemma_.lower() in _NOT_YET_NOUNS for o in head.children)
        )
        if head_lemma in NEGATING_HEADS and verb.dep_ == "xcomp":
            # "refused to rule out force" is the threat; "refused to retaliate" is none,
            # whether or not the refusal is an event of its own
            if event.type == "THREATEN" and verb.lemma_.lower() == "rule":
                if head_event is not None:
                    drop.add(head_event.trigger.start)
            else:
                drop.add(event.trigger.start)
            continue
        if verb.dep_ == "xcomp" and head.dep_ == "xcomp" and head.head.i != head.i:
            # "urges the US to stop arming Taiwan": asked of, through the verb between
            grand = head.head
            if grand.lemma_.lower() in _NOT_YET_HEADS and (
                grand.i in at or grand.lemma_.lower() in OBJECT_CONTROL
            ):
                drop.add(event.trigger.start)
                continue
        if (
            head_lemma in _NOT_YET_HEADS
            # (a vow is the modality of what it governs, which stays the event)
            and (head_event is not None or head_lemma in OBJECT_CONTROL or head_lemma == "demand")
            and (verb.dep_ == "xcomp" or verb.dep_ == "ccomp" and subjunctive)
            or (
                verb.dep_ in ("xcomp", "pcomp")
                # "have offered on several occasions to discuss": the parser may call the
                # infinitive an adverbial clause
                or verb.dep_ == "advcl"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            )
            and head_lemma in _OFFERING
            # "will have to talk to Moscow", "needs to accept": an obligation not yet met
            # (but "had to withdraw" was done)
            or verb.dep_ == "xcomp"
            and head_lemma in _OBLIGING
            and head.tag_ != "VBD"
            # "One wonders which voters asked him to fly": a question
            or head_lemma == "wonder"
            or _awaited(verb)
            or verb.dep_ == "acl"
            and head_lemma in _NOT_YET_NOUNS
            or purpose_of_threat
            # "we hope Japan will work with us": what is hoped for is not done
            or verb.dep_ in ("ccomp", "xcomp")
            and (
                head_lemma in _HOPING
                # "we expect both sides to show restraint" (but "is expected to meet" is
                # scheduled)
                or head_lemma == "expect"
                and not is_passive(head)
            )
            or _under_unreal_head(verb)
            or event.sentence.text.rstrip().endswith("?")
            or (
                head_event is not None
                and head_event.type == event.type
                and set(head_event.actors) & set(event.actors)
                and (
                    verb.dep_ == "xcomp"
                    # ("has strengthened its defences since it deployed troops": a clause
                    # of time or cause is an act of its own)
                    or verb.dep_ == "advcl"
                    and not any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in verb.children)
                    # "summoned the ambassador and protested": one protest ("expel two
                    # diplomats and suspended talks with Beijing" are two sanctions)
                    or verb.dep_ == "conj"
                    and not event.recipients
                )
            )
        ):
            drop.add(event.trigger.start)
    return [e for e in events if e.trigger.start not in drop]


def anaphoric_object(verb: Token) -> frozenset[str] | None:
    """The event types an object like "the measures" or "Friday's decision" points back at,
    when the verb's object (or the object of its preposition) is such a noun and names no
    actor of its own."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
        objects = [verb.head]  # "a charge that Chinese officials have rejected"
    objects += [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("against", "to", "on", "with")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    # "demanding an end to the attacks", "called for a halt to the strikes"
    objects += [
        p
        for o in list(objects)
        if o.lemma_.lower() in _ENDINGS
        for c in o.children
        if c.dep_ == "prep" and c.lower_ in ("to", "of")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    for obj in objects:
        relative = verb.dep_ == "relcl" and (obj.lower_ in ("that", "which") or obj == verb.head)
        if relative:
            obj = verb.head
        types = _ANAPHORIC_OBJECTS.get(obj.lower_)
        if types is None:
            continue
        # a noun in apposition to what came before ("..., a charge that X rejected")
        pointing = (
            relative
            and obj.dep_ == "appos"
            or any(
                c.dep_ in ("det", "amod", "predet")
                and c.lower_ in _POINTING_DETS
                or c.dep_ == "poss"
                and c.ent_type_ in ("DATE", "TIME")
                for c in obj.children
            )
        )
        if pointing:
            return types
    return None


_SIMILAR = frozenset({"similar", "another", "further", "new", "same", "second", "fresh"})
_ENDINGS = frozenset({"end", "halt", "stop", "cessation", "suspension"})


def borrowed_roles(
    verb: Token, is_verb: bool, agents: list[str], recipients: list[str]
) -> tuple[str, frozenset[str]] | None:
    """What an event takes from an earlier one, and from events of which types:

    - ``("actors", ...)``: an agentless passive or a verb whose subject points back ("the
      tariffs on Mexico had been suspended" -> whoever imposed the tariffs; "similar attacks
      were carried out against Poland" -> whoever attacked before; "The operations targeted
      terrorists" -> whoever conducted them);
    - ``("recipients", ...)``: an act on "a similar package", "another round" with no
      recipient of its own ("Washington approved a similar package" -> the earlier
      package's recipient).
    """
    if not agents:
        # "the tariffs on Mexico had been suspended"; "The operations targeted terrorists"
        passive = agentless_passive(verb)
        for subject in [
            c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "nsubj")
        ]:
            types = _ANAPHORIC_OBJECTS.get(subject.lower_)
            pointing = any(
                c.dep_ in ("det", "amod") and c.lower_ in _POINTING_DETS | {"similar"}
                for c in subject.children
            )
            if types is not None and pointing:
                # "The strikes targeted border posts" names the earlier act again
                return ("actors" if passive else "same act"), types
        return None
    if agents and not recipients:
        for obj in verb_objects(verb):
            if any(c.dep_ in ("amod", "det") and c.lower_ in _SIMILAR for c in obj.children):
                return "recipients", frozenset()
    return None


def resolve_implicit(
    events: list[Event], implicit: dict[int, tuple[str, frozenset[str]]], people: Participants
) -> list[Event]:
    """Fills the roles ``borrowed_roles`` marks from the latest earlier event (of the noun's
    types, or of the event's own type), and drops the events that still lack an actor or a
    needed recipient."""
    out: list[Event] = []
    for event in events:
        role_types = implicit.get(event.trigger.start)
        if role_types is None:
            out.append(event)
            continue
        role, types = role_types
        wanted = types or frozenset({event.type})
        if role == "same act":
            # "Pakistan conducted strikes inside Afghanistan. The strikes targeted TTP
            # hideouts": one act mentioned twice; its second mention adds what it names
            same = next((n for n in range(len(out) - 1, -1, -1) if out[n].type == event.type), None)
            if same is not None and out[same].type in wanted:
                earlier = out[same]
                own = {state_of(a, people) for a in earlier.actors}
                added = tuple(
                    r
                    for r in event.recipients
                    if r not in earlier.recipients and state_of(r, people) not in own
                )
                out[same] = replace(
                    earlier,
                    recipients=earlier.recipients + added,
                    explanation=earlier.explanation
                    + (f"; recipients also from '{event.trigger.text}'" if added else ""),
                )
                continue
            role = "actors"
        antecedent = next(
            (
                e
                for e in reversed(out)
                if e.type in wanted and e.actors and e.trigger.start < event.trigger.start
            ),
            None,
        )
        if (
            role == "actors"
            and antecedent is not None
            # the doer of the tariffs suspends them; an agreement's parties are not who
            # refuses to ratify it
            and (antecedent.type == event.type or antecedent.type in _ACTS - {"AGREE"})
        ):
            recipients = event.recipients or antecedent.recipients
            event = replace(
                event,
                actors=antecedent.actors,
                recipients=tuple(
                    r
                    for r in recipients
                    if state_of(r, people) not in {state_of(a, people) for a in antecedent.actors}
                ),
                explanation=event.explanation
                + f"; actors from the earlier {antecedent.type} '{antecedent.trigger.text}' "
                "its subject points back at",
            )
        elif role == "recipients" and antecedent is not None and antecedent.recipients:
            own = {state_of(a, people) for a in event.actors}
            event = replace(
                event,
                recipients=tuple(
                    r for r in antecedent.recipients if state_of(r, people) not in own
                ),
                explanation=event.explanation
                + f"; recipients of the earlier {antecedent.type} '{antecedent.trigger.text}'",
            )
        two_sides = len({state_of(a, people) for a in event.actors}) > 1 or event.recipients
        if (
            event.actors
            and (event.recipients or event.type not in NEEDS_RECIPIENT)
            and (two_sides or event.type not in NEEDS_TWO)
        ):
            out.append(event)
    return out


UNAIMED = frozenset({"?"})
"""Marks a reply whose clause names no target and no object that points back."""


def _answer_or_keep(
    event: Event,
    token: Token | None,
    out: list[Event],
    later: list[Event],
    people: Participants,
    quotes: list[Quote],
    replies: bool,
) -> None:
    """An event with nothing before it to point back at: a reply takes its target from
    ``reply_target``; otherwise it is kept only if its type can do without a recipient (or it
    is a request whose addressee the clause names). Appends to ``out``."""
    found, how = (
        reply_target(event, token, out, later, people, quotes)
        if token is not None and replies
        else ([], "")
    )
    if found:
        out.append(
            replace(
                event,
                recipients=tuple(found),
                explanation=event.explanation + f"; recipients from {how}",
            )
        )
    elif event.type not in NEEDS_RECIPIENT or (
        event.type == "REQUEST" and token is not None and addressee_named(token)
    ):
        out.append(event)


def resolve_anaphoric(
    events: list[Event],
    pending: dict[int, frozenset[str]],
    people: Participants,
    token_of: dict[int, Token] | None = None,
    quotes: list[Quote] | None = None,
) -> list[Event]:
    """Gives each event whose object points back ("dismissed the measures") the doers of the
    latest earlier event of a type the noun can name, not by its own side; a reply that
    still has no target gets one from ``reply_target`` (``UNAIMED`` marks those with no
    such object); drops the ones that need a recipient and find none."""
    out: list[Event] = []
    for n, event in enumerate(events):
        types = pending.get(event.trigger.start)
        if types is None:
            out.append(event)
            continue
        own = {state_of(a, people) for a in event.actors}
        token = (token_of or {}).get(event.trigger.start)
        if types is UNAIMED:
            _answer_or_keep(event, token, out, events[n + 1 :], people, quotes or [], True)
            continue
        earlier = [
            e
            for e in reversed(out)
            if e.type in types
            and e.trigger.start < event.trigger.start
            # a party may welcome its own agreement: the other parties are the recipients
            and {state_of(a, people) for a in e.actors} - own
        ]
        # An act aimed at the side that answers it comes first: China "opposed the
        # measures" of the US against China, not those of the US's partners.
        antecedent = next(
            (e for e in earlier if own & {state_of(a, people) for a in e.recipients}),
            None,
        )
        if antecedent is None and types is not HOSTILE_ACTS:
            antecedent = next(iter(earlier), None)
        if (
            antecedent is not None
            and antecedent.type == "AGREE"
            and event.type in BLAME_TYPES
            and own & {state_of(a, people) for a in antecedent.actors}
        ):
            # "Argentina has criticised the deal" it is a party to: aimed at no one in particular
            out.append(event)
            continue
        if antecedent is None:
            replies = event.type in REPLY_TYPES
            _answer_or_keep(event, token, out, events[n + 1 :], people, quotes or [], replies)
            continue
        recipients = tuple(a for a in antecedent.actors if state_of(a, people) not in own)
        out.append(
            replace(
                event,
                recipients=recipients,
                explanation=event.explanation + f"; recipients from the earlier {antecedent.type} "
                f"'{antecedent.trigger.text}' that its object points back at",
            )
        )
    return out


def event_modality(trigger: Token, quoted: list[tuple[int, int]]) -> str:
    verb = trigger
    if trigger.pos_ == "NOUN":
        head = trigger.head
        if head.pos_ in ("VERB", "AUX"):
            verb = head
    if any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "neg" for c in trigger.children
    ):
        return "negated"
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    chain = [verb, *verb.ancestors]
    if auxes & _HYPOTHETICAL_AUX:
        return "hypothetical"
    for node in chain[:4]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return "hypothetical"
        if node.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "dobj", "pobj", "prep"):
            break
    if auxes & FUTURE_AUX or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PLAN_VERBS):
        return "future"
    if trigger.pos_ == "NOUN" and trigger.head.lemma_.lower() in ("plan", "intention"):
        return "future"
    if any(start <= trigger.idx < end for start, end in quoted):
        return "reported"
    for node in chain[1:5]:
        if node.lemma_.lower() in _SPEECH_VERBS and node.pos_ == "VERB":
            return "reported"
    if any(t.lower_ == "according" for t in trigger.sent):
        return "reported"
    return "asserted"


def event_date(
    trigger: Token, sent: Span, dates: list[TimeExpression], doc: Doc
) -> TimeExpression | None:
    inside = [d for d in dates if sent.start_char <= d.start and d.end <= sent.end_char]
    if not inside:
        return None
    # The date attaches to the trigger or to one of its heads: "In January ... signed",
    # "As early as 2009, Japan began shifting", "the revision of ... in 2015".
    chain = [trigger.i, *(a.i for a in trigger.ancestors)]
    best: tuple[int, TimeExpression] | None = None
    for d in inside:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        anchor = span.root.head.i if span.root.head.i not in range(span.start, span.end) else None
        if anchor in chain:
            rank = chain.index(anchor)
            if best is None or rank < best[0]:
                best = (rank, d)
    if best is not None:
        return best[1]
    return inside[0] if len(inside) == 1 else None


# "called the veto 'irresponsible'", "described the drills as a provocation"
_LABEL_VERBS = frozenset(
    {"call", "describe", "label", "brand", "term", "dub", "characterize", "characterise"}
)


# Nouns that charge a wrong when they name what someone did ("a deliberate attack on ...")
_CHARGE_NOUNS = frozenset(
    {
        "attack",
        "aggression",
        "violation",
        "crime",
        "crimes",
        "provocation",
        "terrorism",
        "piracy",
        "blackmail",
        "breach",
        "escalation",
        "interference",
        "genocide",
        "massacre",
        "threat",
        "bullying",
        "coercion",
        "hegemony",
        "sabotage",
        "theft",
        "robbery",
    }
)


LABEL_WEIGHT = -0.5
"""A complement at least this hostile in the stance lexicon makes "call X Y" an accusation."""


def labels_as_hostile(verb: Token) -> bool:
    """ "called the strikes 'a deliberate attack'", "described the drills as a provocation":
    the object is given a hostile name."""
    if verb.lemma_.lower() not in _LABEL_VERBS or not any(c.dep_ == "dobj" for c in verb.children):
        return False
    from spinscope.stages.stance import load_stance_lexicon

    words = load_stance_lexicon()
    complements = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
    complements += [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    for complement in complements:
        for t in complement.subtree:
            word = words.get(t.lemma_.lower()) or words.get(t.lower_)
            if (
                t.lemma_.lower() in _CHARGE_NOUNS
                or word is not None
                and word.weight <= LABEL_WEIGHT
            ):
                return True
    return False


# "stands behind the aggressor", "vowed that the invaders would face a crushing response":
# these nouns name the doer of the latest attack.
_AGGRESSOR_NOUNS = frozenset(
    {
        "aggressor",
        "aggressors",
        "invader",
        "invaders",
        "occupier",
        "occupiers",
        "attacker",
        "attackers",
        "occupation",
    }
)


def names_aggressor(verb: Token, people: Participants) -> bool:
    """Whether the object, a recipient phrase or a governed clause of a verb is "the
    aggressor", "the invaders" (unlinked)."""
    places = [c for c in verb.children if c.dep_ in ("dobj", "ccomp")]
    places += [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS | {"behind"}
        for p in c.children
        if p.dep_ == "pobj"
    ]
    for place in places:
        for t in place.subtree if place.dep_ == "ccomp" else [place]:
            if (
                t.lemma_.lower() in _AGGRESSOR_NOUNS or t.lower_ in _AGGRESSOR_NOUNS
            ) and t.i not in people.index:
                return True
    return False


# A future act made conditional on the other side is a threat: these acts, or any act negated.
CONDITIONAL_THREATS = frozenset({"MOBILIZE", "SANCTION", "ASSAULT", "COERCE", "THREATEN"})


RESPONSE_VERBS = frozenset(
    {"respond", "retaliate", "act", "reconsider", "review", "bolster", "strengthen", "react"}
)


# "did the same", "followed suit", "announced similar steps": the act of the earlier event
_ECHO_OBJECTS = frozenset({"same", "suit"})


_SIMILAR_ACTS = frozenset({"step", "steps", "measure", "measures", "move", "moves", "action"})


def _echo_of(verb: Token) -> frozenset[str] | None:
    """The types an echoing verb can repeat, or None when it echoes nothing."""
    for obj in [c for c in verb.children if c.dep_ == "dobj"]:
        if obj.lower_ in _ECHO_OBJECTS and verb.lemma_.lower() in ("do", "follow"):
            return frozenset(PLOVER_TYPES)
        if obj.lemma_.lower() in _SIMILAR_ACTS and any(
            c.lower_ in ("similar", "same", "identical", "parallel", "reciprocal")
            for c in obj.children
        ):
            return frozenset({"SANCTION", "COERCE", "MOBILIZE"})
    return None


def echo_events(
    article: Article,
    doc: Doc,
    people: Participants,
    events: list[Event],
    quoted: list[tuple[int, int]],
) -> list[Event]:
    """Events repeated by another actor: "Mali ordered French troops out, and Burkina Faso
    did the same" is a second SANCTION against France, by Burkina Faso."""
    out: list[Event] = []
    sentences = list(doc.sents)
    sentence_of = {s.start_char: n for n, s in enumerate(sentences)}
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        types = _echo_of(verb)
        if types is None:
            continue
        agents = list(dict.fromkeys(a for s in verb_subjects(verb) for a in people.of(s)))
        if not agents:
            continue
        own = {state_of(a, people) for a in agents}
        here = sentence_of.get(verb.sent.start_char, 0)
        earlier = [
            e
            for e in events
            if e.trigger.start < verb.idx
            and e.type in types
            and here - sentence_of.get(e.sentence.start, -9) <= 2
            and not own & {state_of(a, people) for a in e.actors}
        ]
        if not earlier:
            continue
        antecedent = earlier[-1]
        sent = verb.sent
        obj = next(c for c in verb.children if c.dep_ == "dobj")
        span = doc[verb.i : obj.i + 1]
        out.append(
            Event(
                type=antecedent.type,
                trigger=Mention(span.start_char, span.end_char, span.text),
                sentence=Mention(sent.start_char, sent.end_char, sent.text),
                actors=tuple(agents),
                recipients=tuple(
                    r for r in antecedent.recipients if state_of(r, people) not in own
                ),
                modality=event_modality(verb, quoted),
                date=event_date(verb, sent, article.dates, doc),
                score=0.6,
                source="rule",
                explanation=(
                    f"'{span.text}' repeats the earlier {antecedent.type} "
                    f"'{antecedent.trigger.text}' with {', '.join(agents)} as its actors"
                ),
            )
        )
    return out
