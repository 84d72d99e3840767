"""The events stage: who did what to whom, in PLOVER's 16 event types.

A trigger is a verb or noun from the lexicon ``spinscope/data/events.tsv`` (lemma,
part of speech, type, optional condition on its object, preposition or particle);
users add rows with ``[stages.events] lexicon_file``. For each trigger:

- **actors** are the linked actors of its subject (with conjuncts: "the UK and
  Japan signed"), of a passive "by" phrase, or inherited from the verb it is
  coordinated with or controlled by ("agreed ... to speed up"); for a noun, its
  possessor or actor modifiers ("Japan's collusion", "Japan-US cooperation",
  "EU sanctions"), else the subject of the verb whose object it is;
- **recipients** are the linked actors of its direct object, or of a
  with/against/to/on/at/toward phrase ("accused China", "talks with NATO"),
  and for a noun of hostile type also an "of" phrase ("containment of China");
- a person's country (from the actors layer) joins the person in either role;
- **modality**: negated (a "not"), hypothetical (would/could/might/may, or an
  "if" clause), future (will/shall, or the object of plan/intend/prepare), reported
  (inside a quote, or under a speech verb: "officials said"), else asserted;
- **date**: a time expression of the ``dates`` layer in the same clause, else the
  only one in the sentence.

A trigger with no linked actor or recipient gives no event. Nouns inside scare
quotes ("the so-called 'China threat'") are labels, not events.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from spinscope.article import Article, Event, Mention, TimeExpression
from spinscope.errors import ConfigError
from spinscope.nlp import parse, parse_many
from spinscope.stages.actors import token_actor_groups, token_actor_index

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "PLOVER_TYPES",
    "EventTrigger",
    "EventsStage",
    "Participants",
    "find_events",
    "load_event_lexicon",
    "verb_subjects",
]

log = logging.getLogger(__name__)

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
HOSTILE_TYPES = frozenset({"ACCUSE", "THREATEN", "PROTEST", "SANCTION", "COERCE", "ASSAULT"})
_RECIPIENT_PREPS = frozenset(
    {"with", "against", "to", "toward", "towards", "on", "at", "into", "upon", "for", "behind"}
)
_NOUN_AGENT_TYPES = frozenset(
    {"AGREE", "CONSULT", "COOPERATE", "AID", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "RETREAT"}
)
_GROUP_WORDS = frozenset(
    [
        "members",
        "member",
        "some",
        "many",
        "most",
        "all",
        "both",
        "each",
        "one",
        "part",
        "leaders",
        "leader",
        "officials",
        "official",
        "representatives",
        "delegation",
        "delegations",
        "citizens",
        "groups",
        # "the military governments of Mali, Burkina Faso and Niger", "a number of members of"
        "government",
        "governments",
        "authorities",
        "regime",
        "regimes",
        "junta",
        "juntas",
        "leadership",
        "number",
        "dozens",
        "several",
        "group",
        "team",
        "delegation",
        "ministers",
        "diplomats",
        "envoys",
        "troops",
        "forces",
        "staff",
        # "the Foreign Ministry of Lithuania", "the president of Brazil"
        "ministry",
        "embassy",
        "parliament",
        "army",
        "navy",
        "military",
        "police",
        "president",
        "minister",
        "leader",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "head",
        "chief",
        "office",
        "department",
        "cabinet",
        "administration",
    ]
)
# "a delegation led by X", "forces commanded by X": the leader's side
_LED_BY = frozenset({"lead", "head", "command", "send", "dispatch", "back", "sponsor"})
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
# Verbs whose subject is the agent of their object noun: "imposed sanctions", "held talks".
_LIGHT_VERBS = frozenset(
    [
        "make",
        "issue",
        "launch",
        "hold",
        "impose",
        "take",
        "carry",
        "conduct",
        "level",
        "lodge",
        "file",
        "express",
        "provide",
        "offer",
        "sign",
        "reach",
        "deliver",
        "announce",
        "adopt",
        "stage",
        "mount",
        "step",
        "begin",
        "start",
        "continue",
        "extend",
        "approve",
        "resume",
        "join",
        "expand",
        "intensify",
        "escalate",
        "deepen",
        "strengthen",
        "unveil",
        "introduce",
        "tighten",
        "enforce",
    ]
)
# Event types aimed at someone: their recipient may sit deep inside the object.
_DIRECTED_TYPES = frozenset(
    {
        "ACCUSE",
        "REJECT",
        "SANCTION",
        "COERCE",
        "ASSAULT",
        "THREATEN",
        "PROTEST",
        "SUPPORT",
        "AID",
        "REQUEST",  # "demanded the release of its tanker, which British marines seized"
    }
)
ACCUSING_WEIGHT = -0.6
"""A quoted word at least this hostile, aimed at another actor, makes its speaker accuse."""
_OBJECT_CONTROL = frozenset(
    [
        "urge",
        "ask",
        "force",
        "allow",
        "encourage",
        "push",
        "press",
        "call",
        "tell",
        "order",
        "persuade",
        "invite",
        "help",
        "enable",
        "compel",
        "pressure",
        "require",
        "permit",
        "warn",
        "advise",
        "instruct",
        "lead",
        "drive",
        "get",
        "cause",
        "embolden",
    ]
)
_NEEDS_RECIPIENT = frozenset({"REQUEST", "SUPPORT", "AID"})
_VICTIM_PREPS = frozenset({"against", "toward", "towards"})
_BLAME_TYPES = frozenset({"ACCUSE", "REJECT", "PROTEST"})
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
    **dict.fromkeys(("violence", "attack", "attacks", "raid", "shelling"), frozenset({"ASSAULT"})),
    **dict.fromkeys(("flights", "patrols", "operations"), frozenset({"MOBILIZE", "COOPERATE"})),
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
}
_ANAPHORIC_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "PROTEST"})
# "vowed to retaliate", "take countermeasures": retaliation answers an earlier hostile act,
# whose doer is the recipient.
_RETALIATION = frozenset({"retaliate", "retaliation", "countermeasures", "countermeasure"})
_HOSTILE_ACTS = frozenset({"SANCTION", "COERCE", "ASSAULT", "THREATEN", "ACCUSE"})
_POINTING_DETS = frozenset({"the", "this", "these", "those", "that", "such"})
_NEEDS_TWO = frozenset({"CONSULT", "COOPERATE"})
# Nouns of acts with no target: their of-phrase is the doer ("the withdrawal of US troops").
_INTRANSITIVE_NOUN_TYPES = frozenset({"RETREAT", "MOBILIZE", "PROTEST"})
# Acts aimed "at" someone: "fired at", "lashed out at", "protested at"
_AIMED_TYPES = frozenset({"ASSAULT", "ACCUSE", "THREATEN", "PROTEST", "COERCE"})
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
_PARTITIVES = frozenset(
    {
        "round",
        "series",
        "wave",
        "package",
        "set",
        "number",
        "batch",
        "trucks",
        "tons",
        "convoy",
        "barrage",
        "salvo",
        "volley",
        "dozens",
        "hundreds",
        "string",
        "spate",
        "flurry",
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
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})


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
    to-infinitive). Word classes (``@forces``) are expanded."""
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


_CLAUSE_KINDS = frozenset({"obj", "prep", "prt", "pobj", "subj", "has", "passive", "neg", "xcomp"})
# "refused to rule out force", "declined to sign": the governing verb negates
_NEGATING_HEADS = frozenset({"refuse", "decline", "fail"})


def _object_words(token: Token) -> list[Token]:
    objects = _objects(token) or [c for c in token.children if c.dep_ == "nsubjpass"]
    if not objects and token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        objects = [token.head]  # "the tanks it has sent": the noun the clause is on
    words = [w for o in objects for w in (o, *o.children) if w.dep_ != "det"]
    # "held another round of joint patrols", "a series of talks"
    words += [
        p
        for o in objects
        if o.lemma_.lower() in _PARTITIVES
        for prep in o.children
        if prep.lower_ == "of"
        for p in prep.children
        if p.dep_ == "pobj"
    ]
    return words


def _is_particle(token: Token) -> bool:
    return (
        token.dep_ == "prt"
        or token.tag_ == "RP"
        or token.dep_ == "prep"
        and token.lower_ in ("out", "off", "back", "down", "away")
        and not any(c.dep_ == "pobj" for c in token.children)
    )


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _is_negated(token: Token) -> bool:
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _NEGATING_HEADS:
        return True
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in token.children)


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
        found = matches(c for c in token.children if _is_particle(c))
    elif kind == "subj":
        found = matches(s for subj in verb_subjects(token) for s in _conjuncts(subj))
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
    elif kind == "xcomp":
        found = any(c.dep_ == "xcomp" for c in token.children)
    elif kind == "passive":
        found = _is_passive(token)
    elif kind == "neg":
        found = _is_negated(token)
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
        try:
            user = Path(extra_file).read_text("utf-8")
        except OSError as e:
            raise ConfigError(
                f"cannot read the event lexicon {extra_file}: {e}; fix [stages.events] lexicon_file"
            ) from e
        rows = _parse_lexicon(user, extra_file, classes) + rows
    lexicon: dict[tuple[str, str], list[EventTrigger]] = {}
    for row in rows:
        lexicon.setdefault((row.lemma, row.pos), []).append(row)
    return lexicon


def _objects(verb: Token) -> list[Token]:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    objs += [cc for o in objs for cc in o.conjuncts]
    return objs


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


class Participants:
    """Maps argument tokens to actor ids, adding each person's country."""

    index: dict[int, str]
    country: dict[str, str]
    with_states: bool
    groups: dict[int, list[str]]
    antecedents: dict[int, list[str]]
    """Tokens like "such statements" and the actors they point back at (set by stance)."""

    def __init__(self, doc: Doc, article: Article, *, with_states: bool = True) -> None:
        self.with_states = with_states
        self.antecedents = {}
        self.index = token_actor_index(doc, article.actors)
        self.groups = token_actor_groups(doc, article.actors)
        self.country = {a.id: a.country for a in article.actors if a.kind == "person" and a.country}
        self.kind = {a.id: a.kind for a in article.actors}

    def of_id(self, actor: str) -> list[str]:
        """The state an actor id stands with: a person's country, a sector's state."""
        if actor.startswith("person:"):
            return [self.country[actor]] if actor in self.country else []
        return [actor.split("-")[0]] if "-" in actor else []

    def of(self, token: Token, depth: int = 0) -> list[str]:
        """The actors a token stands for, with conjuncts, possessors and "members of X"."""
        found: list[str] = []
        for tok in _conjuncts(token):
            actor = self.index.get(tok.i)
            if actor is None and depth < 2:
                for child in tok.children:
                    if (
                        child.dep_ in ("poss", "compound", "amod", "nmod")
                        and child.i < tok.i
                        or child.dep_ == "appos"
                    ):
                        found += self.of(child, depth + 1)
                if tok.lower_ in _GROUP_WORDS:
                    for prep in tok.children:
                        if prep.dep_ == "prep" and prep.lower_ == "of":
                            found += [
                                a
                                for p in prep.children
                                if p.dep_ == "pobj"
                                for a in self.of(p, depth + 1)
                            ]
                for prep in tok.children:
                    # "the international community, including China"
                    if prep.dep_ == "prep" and prep.lower_ in ("including", "notably"):
                        found += [
                            a
                            for p in prep.children
                            if p.dep_ == "pobj"
                            for a in self.of(p, depth + 1)
                        ]
                for acl in tok.children:
                    # "a delegation led by Special Representative Tariq Mahmood"
                    if acl.dep_ == "acl" and acl.lemma_.lower() in _LED_BY:
                        found += [
                            a
                            for agent in acl.children
                            if agent.dep_ == "agent"
                            for p in agent.children
                            if p.dep_ == "pobj"
                            for a in self.of(p, depth + 1)
                        ]
            elif actor is not None:
                found += self.groups.get(tok.i, [actor])
                # "Japan-US": an actor compound on an actor
                for child in tok.children:
                    if child.dep_ == "compound" and child.i < tok.i and depth < 2:
                        found += self.of(child, depth + 1)
        out: list[str] = []
        for actor in found:
            # A person acts for their state, a sector actor for its state: both take part.
            state = (
                actor.split("-")[0] if "-" in actor and not actor.startswith("person:") else None
            )
            extra = (self.country.get(actor), state) if self.with_states else ()
            for a in (actor, *extra):
                if a and a not in out:
                    out.append(a)
        return out


def verb_subjects(verb: Token) -> list[Token]:
    """The tokens that do what a verb says: its subject, passive agent, or inherited subject."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    for c in verb.children:
        if c.dep_ == "agent":
            subjects += [p for p in c.children if p.dep_ == "pobj"]
    if not subjects and verb.pos_ == "NOUN":
        subjects = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i]
    node = verb
    for _ in range(4):
        if subjects:
            break
        if node.dep_ == "relcl":
            return [node.head]
        if node.dep_ == "acl" and any(c.dep_ == "poss" for c in node.head.children):
            # "Japan's decision to impose sanctions": the possessor decides and imposes.
            return [c for c in node.head.children if c.dep_ == "poss"]
        if node.dep_ == "acl" and node.head.dep_ == "dobj" and node.head.head.pos_ == "VERB":
            # "the US has used the Taiwan question to contain China": the user contains.
            node = node.head.head
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
            continue
        if node.dep_ in ("conj", "xcomp", "advcl", "ccomp") and node.head != node:
            head = node.head
            if node.dep_ == "xcomp" and head.lemma_.lower() in _OBJECT_CONTROL:
                # Object control: "urged Japan to stop" -> Japan does the stopping
                # (but "used the question to contain China": the user contains).
                objs = [c for c in head.children if c.dep_ == "dobj"]
                if objs:
                    return objs
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "csubj")]
            if node.dep_ == "xcomp":
                # "Kenya is expected to meet Uganda": the raised subject of a passive
                subjects += [c for c in head.children if c.dep_ == "nsubjpass"]
            subjects += [
                p
                for c in head.children
                if c.dep_ == "agent"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            node = head
        else:
            break
    # "Dewi Lestari, who welcomed ...", "the white paper, which ... makes accusations": a
    # relative pronoun stands for the noun its clause hangs on.
    return [
        s.head.head if s.lower_ in ("who", "which", "that") and s.head.dep_ == "relcl" else s
        for s in subjects
    ]


_AGREEMENT_NOUNS = frozenset(
    {
        "agreement",
        "agreements",
        "deal",
        "deals",
        "treaty",
        "accord",
        "pact",
        "contract",
        "contracts",
        "memorandum",
        "framework",
        "truce",
        "ceasefire",
        "declaration",
    }
)
_BARE_PRONOUNS = frozenset({"it", "they", "he", "she", "who", "which", "that"})


def _under_prep(token: Token, top: Token, preps: frozenset[str]) -> bool:
    """Whether a token inside ``top`` sits in a phrase of one of these prepositions."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in preps:
            return True
        node = node.head
    return False


def _agentless_passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


def _pronoun_antecedent_agents(verb: Token, people: Participants) -> list[str]:
    """The doer behind a pronoun subject the actors stage left unlinked: the subject of the
    clause the verb is coordinated with, reported by or hangs on ("the Houthis have fired ...
    and they seized", "Iran's Revolutionary Guards said that they had seized", "the tanks it
    has sent" in a sentence whose subject is Warsaw)."""
    subjects = verb_subjects(verb)
    if not subjects or any(s.lower_ not in _BARE_PRONOUNS or s.i in people.index for s in subjects):
        return []
    return _governing_doers(verb, people)


def _governing_doers(verb: Token, people: Participants) -> list[str]:
    """The linked subject of the nearest clause that governs a verb, else the nearest linked
    subject before it in its sentence."""
    node = verb
    for _ in range(4):
        if node.dep_ not in ("conj", "ccomp", "advcl", "relcl", "xcomp", "dobj", "pobj", "prep"):
            break
        node = node.head
        if node.pos_ in ("NOUN", "PROPN", "ADP"):
            continue  # a relative clause's noun or its preposition: on to the verb
        found = [a for s in verb_subjects(node) for a in people.of(s)]
        if found:
            return list(dict.fromkeys(found))
    # else the nearest linked subject before the verb in its sentence
    for t in reversed(verb.doc[verb.sent.start : verb.i]):
        if t.dep_ in ("nsubj", "nsubjpass") and t.i in people.index:
            return people.of(t)
    return []


def _verb_args(
    verb: Token, people: Participants, kind: str = ""
) -> tuple[list[str], list[str], str]:
    agents: list[str] = []
    if not _agentless_passive(verb):
        # (an agentless passive names no doer: "the ambassador was expelled" is not done by
        # whoever the clause it hangs on names)
        for s in verb_subjects(verb):
            agents += [a for a in people.of(s) if a not in agents]
        if not agents:
            agents = _pronoun_antecedent_agents(verb, people)
    found: list[tuple[str, str]] = []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    # "sent tanks to Ukraine": the parser may call the to-phrase a dative
    objects = [
        p for o in objects for p in ([o] if o.pos_ != "ADP" else o.children) if p.dep_ != "prep"
    ]
    for o in objects:
        if o.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            o = verb.head  # "the Houthis, who are backed by Iran": the noun the clause is on
        if not (kind == "AGREE" and o.lemma_.lower() in _AGREEMENT_NOUNS):
            # ("signed the AUKUS deal": the deal's name is no party)
            found += [(a, f"{o.dep_} '{o.text}'") for a in people.of(o)]
        # "the actions of Chinese vessels", "a sanctions package against Russia"; what a
        # withdrawal ends is not where it leaves ("the mandate of the UN mission in Sudan")
        object_preps = ("in", "from") if kind == "RETREAT" else ("of", "against", "on", "targeting")
        for prep in o.subtree if kind == "RETREAT" else o.children:
            if prep.dep_ == "prep" and prep.lower_ in object_preps:
                for p in prep.children:
                    if p.dep_ == "pobj":
                        found += [(a, f"'{o.text} {prep.text} {p.text}'") for a in people.of(p)]
        # "lodged representations with Japan", "held talks with NATO"
        for prep in o.children:
            if prep.dep_ == "prep" and prep.lower_ in _RECIPIENT_PREPS:
                for p in prep.children:
                    if p.dep_ == "pobj":
                        found += [(a, f"'{prep.text} {p.text}'") for a in people.of(p)]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _RECIPIENT_PREPS:
            for p in prep.children:
                if p.dep_ != "pobj":
                    continue
                if (
                    prep.lower_ == "at"
                    and kind not in _AIMED_TYPES
                    and people.kind.get(people.index.get(p.i, "")) in ("organisation", "bloc")
                ):
                    continue  # "blocked every call for a ceasefire at the UN": a venue
                found += [(a, f"'{prep.text} {p.text}'") for a in people.of(p)]

    if not found:
        # "when their draft resolution was vetoed by Russia" after "The U.S. and its vassal
        # forces suffered a defeat": an unlinked "their" is the governing clause's subject
        for o in objects:
            if any(
                c.dep_ == "poss" and c.lower_ in ("their", "its") and c.i not in people.index
                for c in o.children
            ):
                found += [
                    (a, f"'{o.text}' of the clause's subject")
                    for a in _governing_doers(verb, people)
                ]

    def nobody_else() -> bool:
        # "adopted its package of sanctions against Russia": "its" is the doer, not a target
        return not [a for a, _ in found if a not in agents]

    if kind in ("REQUEST", "ACCUSE", "THREATEN") and nobody_else():
        # "demanded that Japan withdraw", "warned that Manila would pay a price"
        for clause in [c for c in verb.children if c.dep_ == "ccomp"]:
            for subj in [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]:
                found += [(a, f"subject of '{clause.text}'") for a in people.of(subj)]
    if kind in _DIRECTED_TYPES and nobody_else():
        # "opposes the sanctions imposed by the US", "criticized Beijing's policies on Taiwan",
        # "announced tariffs on all imports from Mexico" (the phrase on the verb counts too)
        targets = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        targets += [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "toward", "towards")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for o in targets:
            for t in o.subtree:
                # The victim inside the object is not the one blamed: "condemns the
                # participation of Minsk in Russia's war against Ukraine".
                victim = kind in _BLAME_TYPES and _under_prep(t, o, _VICTIM_PREPS)
                # "blocked every call for a ceasefire at the UN Security Council": a venue
                victim = victim or _under_prep(t, o, frozenset({"at"}))
                if t.i in people.index and not victim:
                    found += [(a, f"inside the object '{o.text}'") for a in people.of(t)]
    # An actor does not accuse itself: a subject that is also the object is a parser slip.
    direct = {
        people.index.get(o.i)
        for o in verb.children
        if o.dep_ in ("dobj", "dative") and people.index.get(o.i)
    }
    agents = [a for a in agents if a not in direct]
    # Nor does it act on its own side: "China will take measures to protect Chinese companies".
    # (Civilians or legislators protesting against their own government are not the same side.)
    civil = {a.split("-")[0] for a in agents if a.partition("-")[2] not in ("", "GOV", "MIL")}
    own_states = {
        a.split("-")[0]
        for a in agents
        if not a.startswith("person:")
        and a.partition("-")[2] in ("", "GOV", "MIL")
        and a.split("-")[0] not in civil
    }
    found = [(a, w) for a, w in found if a.split("-")[0] not in own_states]
    recipients: list[str] = []
    how: list[str] = []
    for actor, where in found:
        if actor not in agents and actor not in recipients:
            recipients.append(actor)
            if where not in how:
                how.append(where)
    return agents, recipients, ", ".join(how)


def _noun_context(noun: Token) -> Token:
    """The noun whose place in the sentence an event noun takes: "a fifth package of
    sanctions against Russia", "a barrage of missiles" -> the partitive noun."""
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in _PARTITIVES
    ):
        return noun.head.head
    return noun


def _noun_args(noun: Token, kind: str, people: Participants) -> tuple[list[str], list[str], str]:
    agents: list[str] = []
    how = ""
    context = _noun_context(noun)
    heads = [noun] if context.i == noun.i else [noun, context]
    for head in heads:
        for child in head.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "amod", "nmod")
                and kind in _NOUN_AGENT_TYPES
                and child.i < head.i
            ):
                agents += people.of(child)
    for prep in noun.children:
        # "between X and Y"; "the expulsion of French troops by the junta"
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("between", "by"):
            agents += [a for p in prep.children if p.dep_ == "pobj" for a in people.of(p)]
        # "the withdrawal of Russian troops", "the deployment of US forces": the of-phrase acts
        if prep.dep_ == "prep" and prep.lower_ == "of" and kind in _INTRANSITIVE_NOUN_TYPES:
            agents += [a for p in prep.children if p.dep_ == "pobj" for a in people.of(p)]
    relative = next((c for c in context.children if c.dep_ == "relcl"), None)
    if agents:
        how = "possessor or modifier of the noun"
    elif context.dep_ in ("dobj", "nsubjpass") and context.head.lemma_.lower() in _LIGHT_VERBS:
        for s in verb_subjects(context.head):
            agents += people.of(s)
        how = f"subject of '{context.head.text}'"
    elif (
        relative is not None
        and relative.lemma_.lower() in _LIGHT_VERBS
        and not _is_passive(relative)
    ):
        # "the talks that Secretary Whitfield held in Beijing"
        for s in verb_subjects(relative):
            if s.lower_ not in ("that", "which"):
                agents += people.of(s)
        how = f"subject of '{relative.text}'"
    recipient_preps = set(_RECIPIENT_PREPS)
    if kind in HOSTILE_TYPES or kind in ("SANCTION", "ASSAULT"):
        recipient_preps.add("of")
    if kind in _INTRANSITIVE_NOUN_TYPES:
        recipient_preps = (recipient_preps - {"of"}) | {"from"}
    recipients: list[str] = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in recipient_preps:
                recipients += [a for p in prep.children if p.dep_ == "pobj" for a in people.of(p)]
    if noun.lemma_.lower() in ("consequence", "consequences", "repercussions"):
        # "would have serious consequences for the EU's relations with Azerbaijan": the
        # relations' owner threatens the partner; "... if the Kosovo government does not
        # de-escalate": the side the condition names
        for p in [p for c in noun.children if c.lower_ == "for" for p in c.children]:
            if p.lemma_.lower() in ("relation", "relations", "ties", "cooperation"):
                agents += [a for c in p.children if c.dep_ == "poss" for a in people.of(c)]
                recipients += [
                    a
                    for c in p.children
                    if c.lower_ == "with"
                    for q in c.children
                    for a in people.of(q)
                ]
                how = how or f"'{noun.text} for {p.text}'"
        if agents and not recipients:
            recipients = _conditional_target(noun.head, agents, people)
    agents = list(dict.fromkeys(agents))
    recipients = [r for r in dict.fromkeys(recipients) if r not in agents]
    return agents, recipients, how


# Capitals that host blocs and courts are venues, not the host state's side in talks.
_VENUE_CAPITALS = frozenset({"Brussels", "Vienna", "The Hague", "Strasbourg", "Luxembourg"})
_PLACE_PREPS = frozenset({"in", "into", "on", "at", "near", "from", "across", "around", "outside"})


def _capital_states(
    token: Token, people: Participants, preps: frozenset[str], *, states_too: bool = False
) -> list[str]:
    """States whose capital an unlinked place phrase names: "held talks in Kabul",
    "withdrew from the town near Kyiv", "strikes on targets outside Damascus"; with
    ``states_too`` also a state named as a place ("hit a refinery in Russia")."""
    from spinscope.stages.actors import load_alias_table

    table = load_alias_table()
    capitals = table.capitals
    out: list[str] = []
    holders = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
    for prep in [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps]:
        for t in prep.subtree:
            if t.dep_ not in ("pobj", "compound") or not t.is_title:
                continue
            if t.i in people.index:
                # a linked state named as the place ("struck a refinery in Russia")
                actor = people.index[t.i]
                if states_too and people.kind.get(actor) == "state" and actor not in out:
                    out.append(actor)
                continue
            names = [t.text]
            if t.i > 0 and t.nbor(-1).is_title:
                names.append(f"{t.nbor(-1).text} {t.text}")  # "New Delhi", "Buenos Aires"
            for name in names:
                state = capitals.get(name)
                if state is None and states_too:
                    # "hit an oil refinery in Russia": a state named only as the place
                    alias = table.aliases.get(name)
                    if alias and table.entry(alias).kind == "state":
                        state = alias
                if state and name not in _VENUE_CAPITALS and state not in out:
                    out.append(state)
    return out


def _warns_of_own_act(verb: Token, agents: list[str], people: Participants) -> bool:
    """ "warned that they could reopen the routes", "warned that Russia would respond": the
    warner's own side is the subject of what it warns of."""
    own = {_state(a, people) for a in agents}
    for clause in [c for c in verb.children if c.dep_ == "ccomp"]:
        for subj in [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]:
            if own & {_state(a, people) for a in people.of(subj)}:
                return True
    return False


# Verbs of leaving: a bloc or an agreement left is SANCTION ("withdrew from ECOWAS").
_LEAVING = frozenset({"leave", "quit", "exit", "abandon", "withdraw", "withdrawal", "pull"})
_BODY_WORDS = frozenset(
    {
        "bloc",
        "union",
        "alliance",
        "community",
        "organisation",
        "organization",
        "grouping",
        "forum",
        "league",
        "council",
        "commission",
        "treaty",
        "agreement",
        "deal",
        "accord",
        "pact",
        "convention",
        "initiative",
        "coalition",
        "partnership",
        "framework",
        "process",
        "talks",
        "negotiations",
        "court",
        "body",
        "agency",
        "arrangement",
        "mechanism",
        "system",
    }
)
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


def _leaves_body(token: Token, people: Participants) -> tuple[bool, list[str]]:
    """Whether a verb or noun of leaving leaves a bloc, an organisation or an agreement, and
    the linked bodies it leaves ("withdrew from ECOWAS", "pulled out of the deal", "quit the
    alliance")."""
    lemma = token.lemma_.lower()
    if lemma not in _LEAVING:
        return False, []
    out_of = any(_is_particle(c) for c in token.children)
    preps = [c for c in token.children if c.dep_ == "prep"]
    preps += [cc for c in preps if c.lower_ == "out" for cc in c.children if cc.dep_ == "prep"]
    places = [
        p
        for c in preps
        if c.lower_ == "from" or c.lower_ == "of" and out_of
        for p in c.children
        if p.dep_ == "pobj"
    ]
    if lemma in ("leave", "quit", "exit", "abandon"):
        places += [c for c in token.children if c.dep_ == "dobj"]
    for place in places:
        bodies = [a for a in people.of(place) if people.kind.get(a) in ("bloc", "organisation")]
        named = place.lemma_.lower() in _BODY_WORDS or any(
            c.dep_ == "compound" and c.lemma_.lower() in _BODY_WORDS for c in place.children
        )
        if bodies or named:
            return True, bodies
    return False, []


def _clause_recipients(verb: Token, agents: list[str], people: Participants) -> list[str]:
    """Actors other than the speaker's own side in the clauses a verb governs ("vowed that
    they would make the United States and Britain pay")."""
    own = {_state(a, people) for a in agents}
    out: list[str] = []
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        for t in clause.subtree:
            if t.i in people.index:
                out += [a for a in people.of(t) if _state(a, people) not in own and a not in out]
    return out


def _under_unreal_head(verb: Token) -> bool:
    node = verb
    for _ in range(3):
        if node.dep_ not in _UNREAL_PATH or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _UNREAL_HEADS and node.pos_ == "VERB":
            return True
    return False


def _drop_unreal_and_repeated(events: list[Event], token_of: dict[int, Token]) -> list[Event]:
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
        if (
            token.pos_ != "VERB"
            and token.dep_ in ("dobj", "nsubjpass")
            and token.head.pos_ == "VERB"
        ):
            verb = token.head
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
        if head_event is not None and head_lemma in _NEGATING_HEADS and verb.dep_ == "xcomp":
            if event.type == "THREATEN":
                drop.add(head_event.trigger.start)
            else:
                drop.add(event.trigger.start)
            continue
        if verb.dep_ == "xcomp" and head.dep_ == "xcomp" and head.head.i != head.i:
            # "urges the US to stop arming Taiwan": asked of, through the verb between
            grand = head.head
            if grand.lemma_.lower() in _NOT_YET_HEADS and (
                grand.i in at or grand.lemma_.lower() in _OBJECT_CONTROL
            ):
                drop.add(event.trigger.start)
                continue
        if (
            head_lemma in _NOT_YET_HEADS
            # (a vow is the modality of what it governs, which stays the event)
            and (head_event is not None or head_lemma in _OBJECT_CONTROL or head_lemma == "demand")
            and (verb.dep_ == "xcomp" or verb.dep_ == "ccomp" and subjunctive)
            or verb.dep_ in ("xcomp", "pcomp")
            and head_lemma in _OFFERING
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
                and not _is_passive(head)
            )
            or _under_unreal_head(verb)
            or event.sentence.text.rstrip().endswith("?")
            or (
                head_event is not None
                and head_event.type == event.type
                and set(head_event.actors) & set(event.actors)
                and (
                    verb.dep_ in ("advcl", "xcomp")
                    # "summoned the ambassador and protested": one protest ("expel two
                    # diplomats and suspended talks with Beijing" are two sanctions)
                    or verb.dep_ == "conj"
                    and not event.recipients
                )
            )
        ):
            drop.add(event.trigger.start)
    return [e for e in events if e.trigger.start not in drop]


def _anaphoric_object(verb: Token) -> frozenset[str] | None:
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


def _state(actor: str, people: Participants) -> str:
    if actor.startswith("person:"):
        return people.country.get(actor, actor)
    return actor.split("-")[0]


_SIMILAR = frozenset({"similar", "another", "further", "new", "same", "second", "fresh"})


def _borrowed_roles(
    verb: Token, is_verb: bool, agents: list[str], recipients: list[str]
) -> tuple[str, frozenset[str]] | None:
    """What an event takes from an earlier one, and from events of which types:

    - ``("actors", ...)``: an agentless passive whose subject points back ("the tariffs on
      Mexico had been suspended" -> whoever imposed the tariffs; "similar attacks were
      carried out against Poland" -> whoever attacked before);
    - ``("recipients", ...)``: an act on "a similar package", "another round" with no
      recipient of its own ("Washington approved a similar package" -> the earlier
      package's recipient).
    """
    if not agents and _agentless_passive(verb):
        for subject in [c for c in verb.children if c.dep_ == "nsubjpass"]:
            types = _ANAPHORIC_OBJECTS.get(subject.lower_)
            pointing = any(
                c.dep_ in ("det", "amod") and c.lower_ in _POINTING_DETS | {"similar"}
                for c in subject.children
            )
            if types is not None and pointing:
                return "actors", types
        return None
    if agents and not recipients:
        for obj in _objects(verb):
            if any(c.dep_ in ("amod", "det") and c.lower_ in _SIMILAR for c in obj.children):
                return "recipients", frozenset()
    return None


def _resolve_implicit(
    events: list[Event], implicit: dict[int, tuple[str, frozenset[str]]], people: Participants
) -> list[Event]:
    """Fills the roles ``_borrowed_roles`` marks from the latest earlier event (of the noun's
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
                recipients=tuple(r for r in recipients if r not in antecedent.actors),
                explanation=event.explanation
                + f"; actors from the earlier {antecedent.type} '{antecedent.trigger.text}' "
                "its subject points back at",
            )
        elif role == "recipients" and antecedent is not None and antecedent.recipients:
            own = {_state(a, people) for a in event.actors}
            event = replace(
                event,
                recipients=tuple(r for r in antecedent.recipients if _state(r, people) not in own),
                explanation=event.explanation
                + f"; recipients of the earlier {antecedent.type} '{antecedent.trigger.text}'",
            )
        two_sides = len({_state(a, people) for a in event.actors}) > 1 or event.recipients
        if (
            event.actors
            and (event.recipients or event.type not in _NEEDS_RECIPIENT)
            and (two_sides or event.type not in _NEEDS_TWO)
        ):
            out.append(event)
    return out


def _resolve_anaphoric(
    events: list[Event], pending: dict[int, frozenset[str]], people: Participants
) -> list[Event]:
    """Gives each event whose object points back ("dismissed the measures") the doers of the
    latest earlier event of a type the noun can name, not by its own side; drops the ones
    that need a recipient and find none."""
    out: list[Event] = []
    for event in events:
        types = pending.get(event.trigger.start)
        if types is None:
            out.append(event)
            continue
        own = {_state(a, people) for a in event.actors}
        earlier = [
            e
            for e in reversed(out)
            if e.type in types
            and e.trigger.start < event.trigger.start
            # a party may welcome its own agreement: the other parties are the recipients
            and {_state(a, people) for a in e.actors} - own
        ]
        # An act aimed at the side that answers it comes first: China "opposed the
        # measures" of the US against China, not those of the US's partners.
        antecedent = next(
            (e for e in earlier if own & {_state(a, people) for a in e.recipients}),
            None,
        )
        if antecedent is None and types is not _HOSTILE_ACTS:
            antecedent = next(iter(earlier), None)
        if (
            antecedent is not None
            and antecedent.type == "AGREE"
            and event.type in _BLAME_TYPES
            and own & {_state(a, people) for a in antecedent.actors}
        ):
            # "Argentina has criticised the deal" it is a party to: aimed at no one in particular
            out.append(event)
            continue
        if antecedent is None:
            if event.type not in _NEEDS_RECIPIENT:
                out.append(event)
            continue
        recipients = tuple(a for a in antecedent.actors if _state(a, people) not in own)
        out.append(
            replace(
                event,
                recipients=recipients,
                explanation=event.explanation + f"; recipients from the earlier {antecedent.type} "
                f"'{antecedent.trigger.text}' that its object points back at",
            )
        )
    return out


def _modality(trigger: Token, quoted: list[tuple[int, int]]) -> str:
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
    if auxes & _FUTURE_AUX or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PLAN_VERBS):
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


def _date_for(
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


def _quoted_accusations(
    article: Article, doc: Doc, people: Participants, found: list[Event]
) -> list[Event]:
    """ACCUSE events carried by speech: a speaker whose quoted or reported words describe
    another actor with a strongly hostile word ("the EU countries are stealing money")."""
    from spinscope.stages.stance import attach_word, load_stance_lexicon

    words = load_stance_lexicon()
    stance_people = Participants(doc, article, with_states=False)
    already = {(a, r) for e in found if e.type == "ACCUSE" for a in e.actors for r in e.recipients}
    events = []
    for quote in article.quotes:
        if quote.kind not in ("direct", "reported") or not quote.speaker:
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        speaker = quote.speaker
        speakers = [speaker, *people.of_id(speaker)]
        for token in span:
            word = words.get(token.lemma_.lower()) or words.get(token.lower_)
            if word is None or word.weight > ACCUSING_WEIGHT or token.i in people.index:
                continue
            targets, _how = attach_word(token, stance_people)
            targets = [t for t in targets if t not in speakers and t.split("-")[0] not in speakers]
            if not targets or any((speaker, t) in already for t in targets):
                continue
            already.update((speaker, t) for t in targets)
            sent = token.sent
            events.append(
                Event(
                    type="ACCUSE",
                    trigger=Mention(token.idx, token.idx + len(token.text), token.text),
                    sentence=Mention(sent.start_char, sent.end_char, sent.text),
                    actors=tuple(speakers),
                    recipients=tuple(targets),
                    modality="asserted",
                    date=None,
                    score=0.5,
                    source="rule",
                    explanation=(
                        f"{speaker} is quoted describing {', '.join(targets)} with "
                        f"'{token.text}' ({word.weight:+.1f} in the stance lexicon)"
                    ),
                )
            )
            break  # one accusation per quote
    return events


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


def _labels_as_hostile(verb: Token) -> bool:
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


def _names_aggressor(verb: Token, people: Participants) -> bool:
    """Whether the object, a recipient phrase or a governed clause of a verb is "the
    aggressor", "the invaders" (unlinked)."""
    places = [c for c in verb.children if c.dep_ in ("dobj", "ccomp")]
    places += [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS | {"behind"}
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


def _conditional_target(verb: Token, agents: list[str], people: Participants) -> list[str]:
    """The other side a future act is made conditional on: "we will not renew it if
    Venezuela does not meet those commitments", "will bolster its deterrent as long as the
    U.S. persists"."""
    auxes = {c.lower_ for node in (verb, verb.head) for c in node.children if c.dep_ == "aux"}
    if not auxes & (_FUTURE_AUX | {"would"}):
        return []
    clauses = [c for c in verb.children if c.dep_ == "advcl"]
    clauses += [
        cc
        for c in verb.children
        if c.dep_ == "advmod" and c.lower_ == "long"
        for cc in c.children
        if cc.dep_ == "advcl"
    ]
    own = {_state(a, people) for a in agents}
    for clause in clauses:
        marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
        if not (marks & {"if", "unless"} or clause.head.lower_ == "long" and "as" in marks):
            continue
        target = [
            a
            for s in clause.children
            if s.dep_ in ("nsubj", "nsubjpass")
            for a in people.of(s)
            if _state(a, people) not in own
        ]
        if target:
            return target
    return []


# A future act made conditional on the other side is a threat: these acts, or any act negated.
_CONDITIONAL_THREATS = frozenset({"MOBILIZE", "SANCTION", "ASSAULT", "COERCE", "THREATEN"})
_RESPONSE_VERBS = frozenset(
    {"respond", "retaliate", "act", "reconsider", "review", "bolster", "strengthen", "react"}
)
_CONDITIONAL_ROW = EventTrigger(
    "", "VERB", "THREATEN", rule="a negated act or a response, conditional on the other side"
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


def _echo_events(
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
        own = {_state(a, people) for a in agents}
        here = sentence_of.get(verb.sent.start_char, 0)
        earlier = [
            e
            for e in events
            if e.trigger.start < verb.idx
            and e.type in types
            and here - sentence_of.get(e.sentence.start, -9) <= 2
            and not own & {_state(a, people) for a in e.actors}
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
                recipients=tuple(r for r in antecedent.recipients if _state(r, people) not in own),
                modality=_modality(verb, quoted),
                date=_date_for(verb, sent, article.dates, doc),
                score=0.6,
                source="rule",
                explanation=(
                    f"'{span.text}' repeats the earlier {antecedent.type} "
                    f"'{antecedent.trigger.text}' with {', '.join(agents)} as its actors"
                ),
            )
        )
    return out


def _choose_row(
    token: Token, rows: list[EventTrigger], is_verb: bool, people: Participants
) -> tuple[EventTrigger, str, list[str], list[str], str] | None:
    """The first row that holds; a row whose type needs a recipient and finds none gives way
    to the next one that holds ("sent tanks to Ukraine" is AID, "sent warships to the
    region" is MOBILIZE)."""
    held = [r for r in rows if r.holds(token)]
    for n, row in enumerate(held):
        kind = row.type
        if is_verb:
            agents, recipients, how = _verb_args(token, people, kind)
        else:
            agents, recipients, how = _noun_args(token, kind, people)
        if kind in _NEEDS_RECIPIENT and not recipients and any(r.condition for r in held[n + 1 :]):
            continue  # (a catch-all row such as "promise AGREE" is no other reading)
        return row, kind, agents, recipients, how
    return None


def find_events(
    article: Article, doc: Doc, lexicon: Mapping[tuple[str, str], list[EventTrigger]]
) -> list[Event]:
    """Every event the lexicon triggers whose actor or recipient is a linked actor."""
    people = Participants(doc, article)
    quoted = [(q.start, q.end) for q in article.quotes if q.kind in ("direct", "reported")]
    scare = [(q.start, q.end) for q in article.quotes if q.kind == "scare"]
    events: list[Event] = []
    pending: dict[int, frozenset[str]] = {}
    implicit: dict[int, tuple[str, frozenset[str]]] = {}
    token_of: dict[int, Token] = {}
    used_heads: set[int] = set()
    candidates = [
        t
        for t in doc
        # No stop-word filter: "call on", "back", "give" are stop words and triggers.
        if t.pos_ in ("VERB", "NOUN", "PROPN")
    ]
    verbs = [t for t in candidates if t.pos_ == "VERB"]
    nouns = [t for t in candidates if t.pos_ in ("NOUN", "PROPN")]
    for token in [*verbs, *nouns]:
        # "The DND thanks the United States": a root noun with an object is a mistagged verb.
        is_verb = token.pos_ == "VERB" or (
            token.dep_ == "ROOT" and any(c.dep_ == "dobj" for c in token.children)
        )
        pos = "VERB" if is_verb else "NOUN"
        rows = lexicon.get((token.lemma_.lower(), pos)) or lexicon.get((token.lower_, pos))
        if is_verb and (_is_negated(token) or token.lemma_.lower() in _RESPONSE_VERBS):
            # "we will not renew it if Venezuela does not meet those commitments", "China would
            # respond if Japan deployed troops": a threat (when no row reads the verb otherwise)
            rows = [*rows, _CONDITIONAL_ROW] if rows else [_CONDITIONAL_ROW]
        if not rows:
            continue
        if not is_verb:
            context = _noun_context(token)
            between = any(c.lower_ == "between" for c in token.children)
            if (
                context.head.i in used_heads
                and context.dep_ in ("dobj", "nsubjpass", "attr")
                # ("hosted talks between Ukraine and the US": the talks have parties of their own)
                and not (between and token.head.lemma_.lower() in ("host", "broker", "mediate"))
            ):
                continue  # "signed an agreement", "adopted a package of sanctions": the verb
                # already made the event
            if any(s <= token.idx < e for s, e in scare):
                continue
        chosen = _choose_row(token, rows, is_verb, people)
        if chosen is not None and chosen[0] is _CONDITIONAL_ROW:
            target = _conditional_target(token, chosen[2], people)
            chosen = (*chosen[:3], target, "the side its condition names") if target else None
        lemma = token.lemma_.lower()
        if is_verb and _labels_as_hostile(token):
            # "called the strikes 'a deliberate attack'": an accusation, whatever else the
            # verb can mean
            row = EventTrigger(lemma, "VERB", "ACCUSE", rule="its object is given a hostile name")
            chosen = (row, "ACCUSE", *_verb_args(token, people, "ACCUSE"))
        if chosen is None:
            continue
        row, kind, agents, recipients, how = chosen
        if kind == "AGREE" and lemma == "vow":
            if any(c.dep_ == "xcomp" for c in token.children):
                continue  # "vowed to retaliate": the vow is the modality of what follows
            if any(c.dep_ == "ccomp" for c in token.children):
                # "vowed that they would make the US pay a heavy price": a threat
                kind = "THREATEN"
                recipients = recipients or _clause_recipients(token, agents, people)
                how = how or "the clause it governs"
        if kind == "THREATEN" and is_verb and not recipients:
            # "threatened to invade northern Syria": whom the threatened act is aimed at
            for clause in [c for c in token.children if c.dep_ == "xcomp"]:
                recipients = [a for a in _verb_args(clause, people)[1] if a not in agents]
                how = how or f"what '{token.text}' threatens"
        if kind == "REJECT" and lemma in _NEGATING_HEADS and not recipients:
            # "refused to send lethal weapons to Ukraine": refused Ukraine
            for clause in [c for c in token.children if c.dep_ == "xcomp"]:
                recipients = [a for a in _verb_args(clause, people)[1] if a not in agents]
                how = how or f"what '{token.text}' refuses"
        if kind == "RETREAT" or lemma in _LEAVING:
            left, bodies = _leaves_body(token, people)
            if not left and kind == "SANCTION" and lemma in ("leave", "quit", "exit", "abandon"):
                continue  # "left the building"
            if left:
                # Leaving a bloc or an agreement reduces relations: SANCTION, the body its
                # recipient ("withdrew from ECOWAS", "pulled out of the deal").
                kind = "SANCTION"
                recipients = list(dict.fromkeys([*recipients, *bodies]))
                how = how or "the body it leaves"
        if (
            kind == "CONSULT"
            and lemma in ("broker", "mediate", "facilitate", "host")
            and not recipients
        ):
            # "Egypt brokered a truce between Israel and Hamas": the parties it brought together
            recipients = [
                a
                for o in _objects(token)
                for c in o.children
                if c.lower_ == "between"
                for p in c.children
                for a in people.of(p)
                if a not in agents
            ]
        two_sides = len({_state(a, people) for a in agents}) > 1
        if not recipients and (
            kind == "CONSULT" and not two_sides or kind in ("ASSAULT", "RETREAT", "SANCTION")
        ):
            # "held talks in Kabul": the host's capital (unless two sides met there, a venue);
            # "withdrew from the town near Kyiv"
            where = token
            if not is_verb and token.head.lemma_.lower() in _LIGHT_VERBS:
                where = token.head
            elif not is_verb and any(c.dep_ == "relcl" for c in token.children):
                where = next(c for c in token.children if c.dep_ == "relcl")
            preps = (
                frozenset({"in", "to"})
                if kind == "CONSULT"
                # "recalled its ambassador from Moscow", "suspended visa services in Canada"
                else frozenset({"in", "from"})
                if kind == "SANCTION"
                else _PLACE_PREPS
            )
            own = {_state(a, people) for a in agents}
            recipients = [
                a
                for a in _capital_states(where, people, preps, states_too=kind != "CONSULT")
                if a not in own
            ]
            if recipients:
                how = how or "the capital it names"
        if kind == "COOPERATE" and lemma in (
            "hold",
            "conduct",
            "stage",
            "fly",
            "launch",
            "begin",
            "start",
            "exercise",
            "exercises",
            "drills",
            "patrols",
        ):
            obj = next(iter(_objects(token)), token)
            joint = any(c.lower_ in ("joint", "combined") for c in obj.children)
            if len(agents) == 1 and not recipients and not joint:
                # One side drilling alone is a show of force. (The third-batch convention
                # calls an alliance's own exercise COOPERATE; the dev gold before it says
                # MOBILIZE, and no dev article of the third batch has one: left as it was.)
                kind = "MOBILIZE"
        borrowed = _borrowed_roles(token, is_verb, agents, recipients) if is_verb else None
        if borrowed is not None:
            implicit[token.idx] = borrowed
        elif not agents:
            continue  # an event needs someone who does it
        if is_verb and (
            kind in _CONDITIONAL_THREATS or _is_negated(token) or lemma in _RESPONSE_VERBS
        ):
            target = _conditional_target(token, agents, people)
            if target:
                kind, recipients = "THREATEN", target
                how = "the side its condition names"
        aggressor = not recipients and is_verb and _names_aggressor(token, people)
        if (
            kind == "THREATEN"
            and is_verb
            and lemma == "warn"
            and not recipients
            and not _warns_of_own_act(token, agents, people)
        ):
            continue  # "Germany warned that a trade war would hurt Europe": a warning, no threat
        if kind == "THREATEN" and is_verb and lemma == "warn" and not recipients:
            # "warned that it would respond to any deployment of US missiles"
            recipients = _clause_recipients(token, agents, people)
        points_back = (
            _anaphoric_object(token)
            if is_verb and kind in _ANAPHORIC_TYPES and not recipients
            else None
        )
        if (
            points_back is None
            and kind == "THREATEN"
            and not recipients
            and (
                lemma in _RETALIATION
                or any(o.lemma_.lower() in _RETALIATION for o in _objects(token))
            )
        ):
            points_back = _HOSTILE_ACTS
        if points_back is None and aggressor:
            points_back = frozenset({"ASSAULT"})
        if points_back is not None:
            pending[token.idx] = points_back
        elif kind in _NEEDS_RECIPIENT and not recipients and borrowed is None:
            continue  # "pressed ahead", "defend national sovereignty": no one is asked or backed
        if (
            kind in _NEEDS_TWO
            and not recipients
            and borrowed is None
            and len({_state(a, people) for a in agents}) < 2
            and not (
                kind == "COOPERATE"
                and any(people.kind.get(a) in ("bloc", "organisation") for a in agents)
            )
        ):
            continue  # a meeting, a deal or cooperation takes two
        done_by_subject = how.startswith("subject of")
        if (
            not is_verb
            and not recipients
            and len(agents) < 2
            and not (kind == "MOBILIZE" and done_by_subject)
        ):
            # "the alliance", "pressure": a noun alone is a topic, not an event ("NATO will
            # begin its largest exercise" is one: the noun is what its subject does)
            continue
        used_heads.add(token.i)
        token_of[token.idx] = token
        sent = token.sent
        trigger_span = doc[token.i : token.i + 1]
        for child in token.children:
            if _is_particle(child) and child.i > token.i:
                trigger_span = doc[token.i : child.i + 1]
        events.append(
            Event(
                type=kind,
                trigger=Mention(trigger_span.start_char, trigger_span.end_char, trigger_span.text),
                sentence=Mention(sent.start_char, sent.end_char, sent.text),
                actors=tuple(agents),
                recipients=tuple(recipients),
                modality=_modality(token, quoted),
                date=_date_for(token, sent, article.dates, doc),
                score=0.9 if is_verb and agents and recipients else 0.7 if is_verb else 0.6,
                source="rule",
                explanation=(
                    f"'{token.text}' ({lemma}, {pos.lower()}) is {row.type}"
                    + (f": {row.rule}" if row.rule else " in the event lexicon")
                    + (f" when {row.written}" if row.written else "")
                    + (f", read as {kind}" if kind != row.type else "")
                    + (
                        f"; recipients from {how}"
                        if how and is_verb
                        else f"; actors from {how}"
                        if how
                        else ""
                    )
                ),
            )
        )
    events = _drop_unreal_and_repeated(events, token_of)
    events += _quoted_accusations(article, doc, people, events)
    events.sort(key=lambda e: e.trigger.start)
    events += _echo_events(article, doc, people, events, quoted)
    events.sort(key=lambda e: e.trigger.start)
    if implicit:
        events = _resolve_implicit(events, implicit, people)
    return _resolve_anaphoric(events, pending, people) if pending else events


class EventsStage:
    """Finds PLOVER events among linked actors; assigns ``events``."""

    name = "events"
    requires: tuple[str, ...] = ("actors", "dates", "quotes")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, lexicon_file: str | None = None) -> None:
        self.lexicon = load_event_lexicon(lexicon_file)

    @classmethod
    def from_config(cls, settings: Mapping[str, Any]) -> Self:
        unknown = set(settings) - {"lexicon_file"}
        if unknown:
            raise ConfigError(
                f"[stages.events]: unknown setting(s) {', '.join(sorted(unknown))}; "
                "the only one is lexicon_file"
            )
        return cls(lexicon_file=settings.get("lexicon_file") or None)

    def __call__(self, article: Article) -> Article:
        article.events = find_events(article, parse(article), self.lexicon)
        return article

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Article]:
        articles = list(articles)
        for article, doc in zip(articles, parse_many(articles, batch_size), strict=True):
            article.events = find_events(article, doc, self.lexicon)
            yield article
