"""Who takes part in an event: the actors and recipients a trigger's parse gives.

For a verb, the actors are the linked actors of its subject (with conjuncts), of a passive
"by" phrase, or inherited through coordination, relative clauses and control; the
recipients come from its object, its dative, a with/against/to/on/at phrase on it or on its
object, and for acts aimed at someone from inside the object. For a noun, the actors are its
possessor or actor modifiers, a by- or between-phrase, or the subject of the light verb whose
object it is. Shared by the events stage (``events.py``), the lexicon's conditions
(``event_lexicon.py``) and the readings that look beyond the clause (``event_context.py``);
the stance stage uses ``Participants`` and ``verb_subjects``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spinscope.stages.actors import token_actor_groups, token_actor_index

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from spinscope.article import Article

__all__ = [
    "BLAME_TYPES",
    "FUTURE_AUX",
    "HOSTILE_TYPES",
    "LEAVING_VERBS",
    "LIGHT_VERBS",
    "NEEDS_RECIPIENT",
    "NEEDS_TWO",
    "NEGATING_HEADS",
    "OBJECT_CONTROL",
    "PARTITIVES",
    "PLACE_PREPS",
    "RECIPIENT_PREPS",
    "Participants",
    "agentless_passive",
    "clause_recipients",
    "conditional_target",
    "is_negated",
    "is_particle",
    "is_passive",
    "leaves_body",
    "noun_args",
    "noun_context",
    "place_states",
    "response_target",
    "sentence_others",
    "state_of",
    "verb_args",
    "verb_objects",
    "verb_subjects",
    "warned_responders",
    "warns_of_menace",
    "warns_of_own_act",
    "with_conjuncts",
]


HOSTILE_TYPES = frozenset({"ACCUSE", "THREATEN", "PROTEST", "SANCTION", "COERCE", "ASSAULT"})


RECIPIENT_PREPS = frozenset(
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
        # "16 aircraft of the People's Liberation Army Air Force", "vessels of the coast guard"
        "aircraft",
        "vessels",
        "ships",
        "warships",
        "jets",
        "planes",
        "boats",
        "drones",
        "units",
        "soldiers",
        "fighters",
        # "the Foreign Ministry of Lithuania", "the president of Brazil"
        "ministry",
        "embassy",
        "parliament",
        "army",
        "navy",
        "military",
        "police",
        "president",
        "presidents",
        "premiers",
        "heads",
        "chiefs",
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


# Verbs whose subject is the agent of their object noun: "imposed sanctions", "held talks".
LIGHT_VERBS = frozenset(
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


OBJECT_CONTROL = frozenset(
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


NEEDS_RECIPIENT = frozenset({"REQUEST", "SUPPORT", "AID"})


_VICTIM_PREPS = frozenset({"against", "toward", "towards"})


BLAME_TYPES = frozenset({"ACCUSE", "REJECT", "PROTEST"})


NEEDS_TWO = frozenset({"CONSULT", "COOPERATE"})


# Nouns of acts with no target: their of-phrase is the doer ("the withdrawal of US troops").
_INTRANSITIVE_NOUN_TYPES = frozenset({"RETREAT", "MOBILIZE", "PROTEST"})


# Acts aimed "at" someone: "fired at", "lashed out at", "protested at"
_AIMED_TYPES = frozenset({"ASSAULT", "ACCUSE", "THREATEN", "PROTEST", "COERCE"})


PARTITIVES = frozenset(
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
        "dozen",
        "hundreds",
        "hundred",
        "scores",
        "chorus",
        "string",
        "spate",
        "flurry",
    }
)


FUTURE_AUX = frozenset({"will", "shall", "'ll"})


# "refused to rule out force", "declined to sign": the governing verb negates
NEGATING_HEADS = frozenset({"refuse", "decline", "fail"})


def is_particle(token: Token) -> bool:
    return (
        token.dep_ == "prt"
        or token.tag_ == "RP"
        or token.dep_ == "prep"
        and token.lower_ in ("out", "off", "back", "down", "away")
        and not any(c.dep_ == "pobj" for c in token.children)
    )


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def is_negated(token: Token) -> bool:
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in NEGATING_HEADS:
        return True
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in token.children)


def verb_objects(verb: Token) -> list[Token]:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    objs += [cc for o in objs for cc in o.conjuncts]
    return objs


def with_conjuncts(token: Token) -> list[Token]:
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
        for tok in with_conjuncts(token):
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
                        # "the presidents of Egypt, Eritrea and Somalia", "a spokesman for
                        # China's foreign ministry"
                        if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
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
                if tok.lower_ in _GROUP_WORDS and depth < 2:
                    # "the presidents of Egypt, Eritrea and Somalia", linked as Egypt's
                    # government: the other states of the list are there too
                    found += [
                        a
                        for prep in tok.children
                        if prep.dep_ == "prep" and prep.lower_ == "of"
                        for p in prep.children
                        if p.dep_ == "pobj"
                        for c in with_conjuncts(p)[1:]
                        for a in self.of(c, depth + 1)
                    ]
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


def _own_subjects(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    # "that Tokyo was 'closely monitoring'": the parser may hang the subject on the auxiliary
    return subjects + [
        g for c in verb.children if c.dep_ == "aux" for g in c.children if g.dep_ == "nsubj"
    ]


def verb_subjects(verb: Token) -> list[Token]:
    """The tokens that do what a verb says: its subject, passive agent, or inherited subject."""
    subjects = _own_subjects(verb)
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
        if (
            node.dep_ == "acl"
            and node.tag_ == "VBD"
            and node.head.pos_ in ("NOUN", "PROPN")
            # ("Nigeria, which holds the chair, called on ...": a name, too; "civilians
            # shot dead" is a participle the tagger misread)
            and (_after_turn_label(node) or node.head.pos_ == "PROPN")
        ):
            # "Question: The Russian spokeswoman, Galina Orlova, accused Yerevan ...": after a
            # turn label the parser hangs the finite verb on its subject as a clause
            return [node.head]
        if node.dep_ == "acl" and any(c.dep_ == "poss" for c in node.head.children):
            # "Japan's decision to impose sanctions": the possessor decides and imposes.
            return [c for c in node.head.children if c.dep_ == "poss"]
        if node.dep_ == "acl" and node.head.dep_ == "dobj" and node.head.head.pos_ == "VERB":
            # "the US has used the Taiwan question to contain China": the user contains.
            node = node.head.head
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
            continue
        if (
            node.dep_ == "pcomp"
            # ("followed Brussels in imposing sanctions")
            and node.head.lower_ in ("by", "after", "before", "without", "instead", "while", "in")
            and node.head.head.pos_ in ("VERB", "AUX")
        ):
            # "Algeria responded by suspending the Treaty": the doer of the verb above
            node = node.head.head
            subjects = _own_subjects(node)
            continue
        if node.dep_ in ("conj", "xcomp", "advcl", "ccomp") and node.head != node:
            head = node.head
            if node.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
                # Object control: "urged Japan to stop" -> Japan does the stopping
                # (but "used the question to contain China": the user contains).
                objs = [c for c in head.children if c.dep_ == "dobj"]
                if objs:
                    return objs
            subjects = _own_subjects(head)
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
    if not subjects:
        subjects = _decider_of_listed_measure(verb)
    # "Dewi Lestari, who welcomed ...", "the white paper, which ... makes accusations": a
    # relative pronoun stands for the noun its clause hangs on.
    return [
        s.head.head if s.lower_ in ("who", "which", "that") and s.head.dep_ == "relcl" else s
        for s in subjects
    ]


_LIST_LABEL = re.compile(
    r"^\s*(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Finally)\b"
    r"|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s*[:.,)-]?\s*(?:to\b)?",
)


def _decider_of_listed_measure(verb: Token) -> list[Token]:
    """A subjectless to-infinitive in a numbered item ("First: to recall the ambassador ...;")
    is done by whoever decided the list: the subject of the nearest earlier sentence that
    ends with a colon ("the Government of the Kingdom has decided:")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    sentence = verb.sent
    if not _LIST_LABEL.match(sentence.text):
        return []
    doc = verb.doc
    start = sentence.start
    for _ in range(12):
        if start == 0:
            return []
        previous = doc[start - 1].sent
        if previous.text.rstrip().endswith(":") and not _LIST_LABEL.match(previous.text):
            return _own_subjects(previous.root)
        start = previous.start
    return []


_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})

# Nouns for those who stand with a side, not the side itself
_RELATIONAL_NOUNS = frozenset(
    {"partner", "ally", "friend", "backer", "supporter", "sponsor", "neighbour", "neighbor"}
)


def _earlier_other_subject(pronoun: Token, agents: list[str], people: Participants) -> list[str]:
    own = {state_of(a, people) for a in agents}
    wanted = {"it": _PRONOUN_KINDS["it"], "him": _PRONOUN_KINDS["he"], "her": _PRONOUN_KINDS["he"]}
    kinds = wanted.get(pronoun.lower_)
    for t in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        found = [a for a in people.of(t) if state_of(a, people) not in own]
        primary = people.index.get(t.i)
        if found and (kinds is None or primary is None or people.kind.get(primary) in kinds):
            return found
    return []


def _after_turn_label(token: Token) -> bool:
    """Whether the token's sentence opens with a label and a colon ("Question: ...")."""
    sent = token.sent
    return len(sent) > 2 and sent[1].text == ":" and sent[0].is_alpha


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


def agentless_passive(verb: Token) -> bool:
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
    return _governing_doers(verb, people) or _previous_sentence_doers(subjects, people)


# Which actors a sentence-opening pronoun can stand for
_PRONOUN_KINDS = {
    "it": frozenset(
        {"state", "government", "military", "legislature", "judiciary", "organisation", "bloc"}
    ),
    "he": frozenset({"person"}),
    "she": frozenset({"person"}),
}


def _previous_sentence_doers(subjects: list[Token], people: Participants) -> list[str]:
    """ "The junta agreed to the plan. It has instead bombed villages": a pronoun that
    opens its sentence's main clause, with no linked subject before it, stands for the
    linked subject of the previous sentence's main clause when that subject is of the
    pronoun's kind (a person for "he"/"she", a state or a body for "it")."""
    pronoun = subjects[0]
    sent = pronoun.sent
    kinds = _PRONOUN_KINDS.get(pronoun.lower_)
    if (
        len(subjects) != 1
        or kinds is None
        or pronoun.head.dep_ != "ROOT"
        or sent.start == 0
        or any(t.i in people.index for t in pronoun.doc[sent.start : pronoun.i])
    ):
        return []
    previous = pronoun.doc[sent.start - 1].sent
    antecedents = verb_subjects(previous.root)
    primary = [people.index[s.i] for s in antecedents if s.i in people.index]
    if not primary or any(people.kind.get(a) not in kinds for a in primary):
        return []
    return list(dict.fromkeys(a for s in antecedents for a in people.of(s)))


# Verbs of saying something to or about someone: joined to a reported clause, they are
# still the speaker's
_SPEECH_ACTS = frozenset(
    {
        "accuse",
        "call",
        "urge",
        "warn",
        "demand",
        "condemn",
        "criticise",
        "criticize",
        "deny",
        "reject",
        "blame",
        "describe",
        "dismiss",
        "vow",
        "threaten",
        "appeal",
        "praise",
        "welcome",
        "denounce",
    }
)


def _speaker_of_joined_speech(verb: Token, people: Participants) -> list[str]:
    """ "Mendoza said the guerrillas remained 'willing to talk' and accused the
    government ...", "told the Assembly that the blockade had cost ... and called it ...":
    the parser joins the second verb of speech to the reported clause, whose subject
    (unlinked) cannot accuse; the speaker does."""
    head = verb.head
    if (
        verb.dep_ != "conj"
        or verb.lemma_.lower() not in _SPEECH_ACTS
        or head.dep_ != "ccomp"
        or any(s.i in people.index for s in verb_subjects(head))
    ):
        return []
    return list(dict.fromkeys(a for s in verb_subjects(head.head) for a in people.of(s)))


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


def verb_args(
    verb: Token, people: Participants, kind: str = ""
) -> tuple[list[str], list[str], str]:
    agents: list[str] = []
    if not agentless_passive(verb):
        # (an agentless passive names no doer: "the ambassador was expelled" is not done by
        # whoever the clause it hangs on names)
        for s in verb_subjects(verb):
            agents += [a for a in people.of(s) if a not in agents]
        if not agents:
            agents = _pronoun_antecedent_agents(verb, people)
        if not agents:
            agents = _speaker_of_joined_speech(verb, people)
    found: list[tuple[str, str]] = []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    # "sent tanks to Ukraine": the parser may call the to-phrase a dative
    objects = [
        p for o in objects for p in ([o] if o.pos_ != "ADP" else o.children) if p.dep_ != "prep"
    ]
    if not objects:
        # "has accused UNITAMS of bias": a name the parser misread as an adverb right
        # after the verb is its object
        objects = [
            c
            for c in verb.children
            if c.dep_ in ("advmod", "npadvmod", "dep") and c.i == verb.i + 1 and c.i in people.index
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
            if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                for p in prep.children:
                    if p.dep_ == "pobj":
                        found += [(a, f"'{prep.text} {p.text}'") for a in people.of(p)]
    # "deplores the adoption by the Georgian Parliament of the law", "stands by the Georgian
    # people": on an active verb a by-phrase is no agent (the parser hangs the object's on it)
    by_targets = kind in ("SUPPORT", "ACCUSE", "REJECT", "PROTEST") and not is_passive(verb)
    for prep in verb.children:
        if prep.dep_ == "prep" and (
            prep.lower_ in RECIPIENT_PREPS or prep.lower_ == "by" and by_targets
        ):
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

    if not found and agents:
        # "a move for which Hanoi publicly thanked it", "When members of the European
        # Parliament tried to visit, the government refused them entry": an unlinked object
        # pronoun is the nearest other side named as a subject earlier in the sentence
        for o in objects:
            if o.lower_ in _OBJECT_PRONOUNS and o.i not in people.index:
                found += [
                    (a, f"'{o.text}' of an earlier subject")
                    for a in _earlier_other_subject(o, agents, people)
                ]

    def nobody_else() -> bool:
        # "adopted its package of sanctions against Russia": "its" is the doer, not a target
        return not [a for a, _ in found if a not in agents]

    if kind in ("REQUEST", "ACCUSE", "THREATEN") and nobody_else():
        # "demanded that Japan withdraw", "warned that Manila would pay a price" (but who
        # "would respond" is the warner's side)
        for clause in [
            c
            for c in verb.children
            if c.dep_ == "ccomp" and not (kind == "THREATEN" and c.lemma_.lower() in RESPONDING)
        ]:
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
                victim = kind in BLAME_TYPES and _under_prep(t, o, _VICTIM_PREPS)
                # "blocked every call for a ceasefire at the UN Security Council": a venue
                victim = victim or _under_prep(t, o, frozenset({"at"}))
                # "calls on the partners of Rwanda": the partners, not Rwanda
                victim = victim or (
                    t.head.dep_ == "prep"
                    and t.head.lower_ == "of"
                    and t.head.head.lemma_.lower() in _RELATIONAL_NOUNS
                )
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


def noun_context(noun: Token) -> Token:
    """The noun whose place in the sentence an event noun takes: "a fifth package of
    sanctions against Russia", "a barrage of missiles" -> the partitive noun."""
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in PARTITIVES
    ):
        return noun.head.head
    return noun


def noun_args(noun: Token, kind: str, people: Participants) -> tuple[list[str], list[str], str]:
    agents: list[str] = []
    how = ""
    context = noun_context(noun)
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
    elif context.dep_ in ("dobj", "nsubjpass") and context.head.lemma_.lower() in LIGHT_VERBS:
        for s in verb_subjects(context.head):
            agents += people.of(s)
        how = f"subject of '{context.head.text}'"
    elif (
        relative is not None and relative.lemma_.lower() in LIGHT_VERBS and not is_passive(relative)
    ):
        # "the talks that Secretary Whitfield held in Beijing"
        for s in verb_subjects(relative):
            if s.lower_ not in ("that", "which"):
                agents += people.of(s)
        how = f"subject of '{relative.text}'"
    recipient_preps = set(RECIPIENT_PREPS)
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
            recipients = conditional_target(noun.head, agents, people)
    if noun.lemma_.lower() in MUTUAL_FIGHTS:
        # "a soldier was killed in an exchange of fire with Thai troops", "clashes between
        # the army and the rebels": both sides fight, neither is only the target
        if head_verb := _verb_of_setting(noun):
            for s in head_verb.children:
                if s.dep_ in ("nsubj", "nsubjpass"):
                    agents += people.of(s)
        agents += recipients
        recipients = []
    agents = list(dict.fromkeys(agents))
    recipients = [r for r in dict.fromkeys(recipients) if r not in agents]
    return agents, recipients, how


# Fighting that two sides do to each other: a symmetric ASSAULT
MUTUAL_FIGHTS = frozenset(
    {"clash", "clashes", "fighting", "skirmish", "skirmishes", "firefight", "gunfight", "exchange"}
)


def _verb_of_setting(noun: Token) -> Token | None:
    """The verb whose "in"/"during"/"amid" phrase the noun is ("was killed in clashes")."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in ("in", "during", "amid") and prep.head.pos_ == "VERB":
        return prep.head
    return None


# Capitals that host blocs and courts are venues, not the host state's side in talks.
_VENUE_CAPITALS = frozenset({"Brussels", "Vienna", "The Hague", "Strasbourg", "Luxembourg"})


PLACE_PREPS = frozenset({"in", "into", "on", "at", "near", "from", "across", "around", "outside"})


def place_states(
    token: Token,
    people: Participants,
    preps: frozenset[str],
    *,
    states_too: bool = False,
    within: frozenset[str] = frozenset(),
) -> list[str]:
    """States whose capital an unlinked place phrase names: "held talks in Kabul",
    "withdrew from the town near Kyiv", "strikes on targets outside Damascus"; with
    ``states_too`` also a state named as a place ("hit a refinery in Russia"); ``within``
    names prepositions looked for anywhere under the token ("relations with Seoul")."""
    from spinscope.stages.actors import load_alias_table

    table = load_alias_table()
    capitals = table.capitals
    out: list[str] = []
    holders = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
    found = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps]
    if within:
        found += [t for t in token.subtree if t.dep_ == "prep" and t.lower_ in within]
    for prep in found:
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


# Words of a warned-of clause that make the warning a threat whoever its subject is: "any
# interference would meet a resolute response", "Manila will pay a price"
_MENACING = frozenset(
    {
        "response",
        "retaliation",
        "consequence",
        "consequences",
        "countermeasures",
        "countermeasure",
        "price",
        "reprisal",
        "reprisals",
        "repercussions",
        "punishment",
        "pay",
    }
)


def warns_of_menace(verb: Token) -> bool:
    """ "warned that any interference would meet a resolute response": the clause a
    warning governs names a response, a price or consequences."""
    return any(
        t.lemma_.lower() in _MENACING
        for clause in verb.children
        if clause.dep_ == "ccomp"
        for t in clause.subtree
    )


def warned_responders(verb: Token, agents: list[str], people: Participants) -> list[str]:
    """ "Foreign Ministry spokesman Saeed Rahmani warned that Iran would respond": a
    warner with no state of its own speaks for the side it says will respond."""
    if any(state_of(a, people) != a for a in agents):
        return []
    return [
        a
        for clause in verb.children
        if clause.dep_ == "ccomp" and clause.lemma_.lower() in RESPONDING
        for s in clause.children
        if s.dep_ in ("nsubj", "nsubjpass")
        for a in people.of(s)
        if a not in agents
    ]


def warns_of_own_act(verb: Token, agents: list[str], people: Participants) -> bool:
    """ "warned that they could reopen the routes", "warned that Russia would respond": the
    warner's own side is the subject of what it warns of."""
    own = {state_of(a, people) for a in agents}
    for clause in [c for c in verb.children if c.dep_ == "ccomp"]:
        for subj in [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]:
            if own & {state_of(a, people) for a in people.of(subj)}:
                return True
    return False


# Verbs of leaving: a bloc or an agreement left is SANCTION ("withdrew from ECOWAS").
LEAVING_VERBS = frozenset({"leave", "quit", "exit", "abandon", "withdraw", "withdrawal", "pull"})


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


def leaves_body(token: Token, people: Participants) -> tuple[bool, list[str]]:
    """Whether a verb or noun of leaving leaves a bloc, an organisation or an agreement, and
    the linked bodies it leaves ("withdrew from ECOWAS", "pulled out of the deal", "quit the
    alliance")."""
    lemma = token.lemma_.lower()
    if lemma not in LEAVING_VERBS:
        return False, []
    out_of = any(is_particle(c) for c in token.children)
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


def clause_recipients(verb: Token, agents: list[str], people: Participants) -> list[str]:
    """Actors other than the speaker's own side in the clauses a verb governs ("vowed that
    they would make the United States and Britain pay")."""
    own = {state_of(a, people) for a in agents}
    out: list[str] = []
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        for t in clause.subtree:
            if t.i in people.index:
                out += [a for a in people.of(t) if state_of(a, people) not in own and a not in out]
        # "would take the deal into account in its relations with Seoul"
        out += [
            a
            for a in place_states(clause, people, frozenset(), within=frozenset({"with"}))
            if a not in own and a not in out
        ]
    return out


def state_of(actor: str, people: Participants) -> str:
    if actor.startswith("person:"):
        return people.country.get(actor, actor)
    return actor.split("-")[0]


def conditional_target(verb: Token, agents: list[str], people: Participants) -> list[str]:
    """The other side a future act is made conditional on: "we will not renew it if
    Venezuela does not meet those commitments", "will bolster its deterrent as long as the
    U.S. persists"."""
    auxes = {c.lower_ for node in (verb, verb.head) for c in node.children if c.dep_ == "aux"}
    if not auxes & (FUTURE_AUX | {"would"}):
        return []
    clauses = [c for c in verb.children if c.dep_ == "advcl"]
    clauses += [
        cc
        for c in verb.children
        if c.dep_ == "advmod" and c.lower_ == "long"
        for cc in c.children
        if cc.dep_ == "advcl"
    ]
    own = {state_of(a, people) for a in agents}
    for clause in clauses:
        marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
        if not (marks & {"if", "unless"} or clause.head.lower_ == "long" and "as" in marks):
            continue
        target = [
            a
            for s in clause.children
            if s.dep_ in ("nsubj", "nsubjpass")
            for a in people.of(s)
            if state_of(a, people) not in own
        ]
        if target:
            return target
    return []


# A response of one's own, announced for the future, is a threat to whom it answers:
# "will not hesitate to respond to any provocation by the U.S.", "we will respond with
# military-technical measures".
RESPONDING = frozenset({"respond", "retaliate", "react"})


def _announced(verb: Token) -> bool:
    """will/shall/would on the verb, or "will not hesitate to" above it."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & (FUTURE_AUX | {"would"}):
        return True
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() == "hesitate"
        and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | {"would"} for c in head.children)
    )


def sentence_others(token: Token, agents: list[str], people: Participants) -> list[str]:
    """The linked actors of a token's sentence that are not of the agents' side."""
    own = {state_of(a, people) for a in agents}
    out: list[str] = []
    for t in token.sent:
        if t.i in people.index:
            out += [a for a in people.of(t) if state_of(a, people) not in own and a not in out]
    return out


def response_target(verb: Token, agents: list[str], people: Participants) -> list[str]:
    """Whom an announced response of one's own answers: the actors inside its to/against
    phrase ("respond to any provocation by the U.S."), else the other sides its sentence
    names ("As for Sweden, its accession ... and we will respond"). None when the response
    is not announced (a past "responded") or sits under a warning, which carries it."""
    if verb.lemma_.lower() not in RESPONDING or not agents or not _announced(verb):
        return []
    node = verb.head if verb.dep_ == "xcomp" else verb
    if node.dep_ == "ccomp" and node.head.lemma_.lower() in ("warn", "threaten", "vow"):
        return []
    own = {state_of(a, people) for a in agents}
    found = [
        a
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("to", "against")
        for t in c.subtree
        if t.i in people.index
        for a in people.of(t)
        if state_of(a, people) not in own
    ]
    return list(dict.fromkeys(found)) or sentence_others(verb, agents, people)
