"""The stance lexicon and how its words reach the actors they describe.

``spinscope/data/stance.tsv`` lists words and phrases with a weight (-1 hostile .. +1
favourable) and a scope that says whom the word is about (see the table's header).
``match_lexicon`` finds them in a parsed text (longest phrase first, hyphens skipped,
"anti-"/"counter-" words left out); ``attach_word`` and its siblings follow dependency
arcs from a word to the actors it describes, and say how, so that every piece of stance
evidence can be explained. The events stage uses the same lexicon and ``attach_word``
for accusations carried by speech.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from spinscope.article import Article
from spinscope.errors import ConfigError
from spinscope.files import read_setting_file
from spinscope.stages.events import Participants, verb_subjects

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "SCOPES",
    "StanceParticipants",
    "StanceWord",
    "act_victims",
    "attach_word",
    "clause_subjects",
    "inside_quotes",
    "judged",
    "load_stance_lexicon",
    "match_lexicon",
    "negated",
    "noun_owners",
    "partners",
    "pointing_antecedents",
    "prescribed",
    "reproached",
    "role_bearers",
    "span_actors",
    "PARTNER_PREPS",
    "names_others",
    "subject_actors",
]

SCOPES = ("", "both", "prescribed", "object", "role", "act", "clause")


# A word reached through one of these prepositions is about someone else than the subject
# of the having verb: "held meetings with the junta", "waged war against the aggressors".
PARTNER_PREPS = frozenset({"with", "against", "to", "toward", "towards", "between", "among"})

# Verbs whose object is the subject's own or its doing: "Japan has long held deep-rooted
# suspicions", "Norway spread lies", "plays a destabilizing role"; not "China opposes the
# illegal sanctions".
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
        "exercise",
        "reveal",
        "expose",
        "adopt",
        "spread",
        "peddle",
        "repeat",
        "recycle",
        "rehash",
        "parrot",
        "echo",
        "trot",
        "tell",
        "make",
        "launch",
        "commit",
        "perpetrate",
        "conduct",
        "wage",
        "stage",
        "carry",
        "step",
        "escalate",
        "intensify",
        "play",
        "pose",
        "constitute",
        "sponsor",
        "fund",
        "finance",
        "export",
    ]
)


# "deserves the criticism", "won praise": a judgement the subject receives.
_RECEIVING_VERBS = frozenset(
    ["deserve", "earn", "merit", "draw", "face", "receive", "attract", "invite", "win", "get"]
)


_PRESCRIPTIVE_AUX = frozenset({"should", "must", "ought", "need"})


# "We call on Russia to cease", "urged Japan to stop": the one told to do it.
_PRESCRIBING_VERBS = frozenset(
    ["call", "urge", "ask", "demand", "press", "appeal", "request", "tell", "exhort", "warn"]
)


# "anti-terrorist operations", "de-escalate": the prefix turns the word around.
_REVERSING_PREFIXES = frozenset({"anti", "counter", "non", "de"})


_HYPHENS = frozenset({"-", "‐", "‑"})


@dataclass(frozen=True, slots=True)
class StanceWord:
    """One row of the stance lexicon: a word or a phrase."""

    lemma: str
    weight: float
    scope: str = ""
    """"" | "both" | "prescribed" | "object" | "role" | "act" | "clause"."""

    @property
    def words(self) -> tuple[str, ...]:
        """The phrase's words; a hyphen counts as a space ("so-called": so, called)."""
        return _phrase_words(self.lemma)


def _phrase_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-‐‑]+", text.lower()) if w)


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
        if cells[2] not in SCOPES or not -1 <= weight <= 1 or not _phrase_words(cells[0]):
            raise ConfigError(
                f"{origin}:{number}: weight must be in [-1, 1] and scope one of "
                f"{', '.join(repr(s) for s in SCOPES)}; got {line!r}"
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
        user = read_setting_file(extra_file, "the stance lexicon", "[stages.stance] lexicon_file")
        words.update(_parse_lexicon(user, extra_file))
    return words


def match_lexicon(doc: Doc, lexicon: Mapping[str, StanceWord]) -> list[tuple[Span, StanceWord]]:
    """Every lexicon word and phrase in the text, longest first, none overlapping.

    A word matches on its lemma or its lower-case form; a hyphen between two words of the
    text is skipped ("Cold-War mentality" is "cold war mentality"). A word after "anti-",
    "counter-", "non-" or "de-" is not matched: "anti-terrorist" is not "terrorist".
    """
    singles, phrases = _index(lexicon)
    content = [t for t in doc if t.text not in _HYPHENS]
    found: list[tuple[Span, StanceWord]] = []
    i = 0
    while i < len(content):
        token = content[i]
        forms = (token.lower_, token.lemma_.lower())
        hit: tuple[int, StanceWord] | None = None
        for words, entry in phrases.get(forms[0], []) + phrases.get(forms[1], []):
            run = content[i : i + len(words)]
            if (
                len(run) == len(words)
                and all(w in (t.lower_, t.lemma_.lower()) for t, w in zip(run, words, strict=True))
                and all(_adjacent(doc, a, b) for a, b in zip(run, run[1:], strict=False))
            ):
                hit = (len(words), entry)
                break
        if hit is None:
            entry_ = singles.get(forms[1]) or singles.get(forms[0])
            if entry_ is not None:
                hit = (1, entry_)
        if hit is None:
            i += 1
            continue
        length, entry = hit
        first, last = content[i], content[i + length - 1]
        if not _reversed_by_prefix(doc, first):
            found.append((doc[first.i : last.i + 1], entry))
        i += length
    return found


_Index = tuple[dict[str, StanceWord], dict[str, list[tuple[tuple[str, ...], StanceWord]]]]
_INDEXES: dict[int, tuple[Mapping[str, StanceWord], _Index]] = {}


def _index(lexicon: Mapping[str, StanceWord]) -> _Index:
    """Single words by form, and phrases by their first word, longest first (kept for
    the few lexicons a process uses)."""
    held = _INDEXES.get(id(lexicon))
    if held is not None and held[0] is lexicon:
        return held[1]
    singles: dict[str, StanceWord] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], StanceWord]]] = defaultdict(list)
    for entry in lexicon.values():
        words = entry.words
        if len(words) == 1:
            singles[words[0]] = entry
        else:
            phrases[words[0]].append((words, entry))
    for options in phrases.values():
        options.sort(key=lambda option: -len(option[0]))
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    _INDEXES[id(lexicon)] = (lexicon, (singles, dict(phrases)))
    return singles, dict(phrases)


def _adjacent(doc: Doc, a: Token, b: Token) -> bool:
    return b.i == a.i + 1 or (b.i == a.i + 2 and doc[a.i + 1].text in _HYPHENS)


def _reversed_by_prefix(doc: Doc, token: Token) -> bool:
    if token.i < 2 or doc[token.i - 1].text not in _HYPHENS:
        return False
    return doc[token.i - 2].lower_ in _REVERSING_PREFIXES


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
        "provocation",
        "steps",
        "practices",
        "attack",
        "attacks",
        "strike",
        "strikes",
        "activities",
        "aggression",
        "operation",
        "sanctions",
        "restrictions",
        "tariffs",
        "decision",
    }
)


_ACT_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "THREATEN", "MOBILIZE", "REJECT"})
"""Deeds that "such moves" or "this attack" point back at (not accusations and protests,
which are words: "We condemn this attack" does not point at the condemnation)."""


_POINTING = frozenset({"such", "these", "those", "this", "that"})


def pointing_antecedents(
    doc: Doc, article: Article, people: Participants | None = None
) -> dict[int, list[str]]:
    """Whose words or deeds "such statements", "this attack", "such moves" are: the speaker
    of the latest quote before them, or the doers of the latest hostile act. A sentence
    that opens with "This" or "That" as its subject ("This is a sheer lie") points at the
    speaker of a quote, else the doers of a hostile act, else (with ``people``) the actors
    that are the subjects of the sentence before it ("Beijing pressed firms to drop
    Lithuanian suppliers. This is bullying.")."""
    found: dict[int, list[str]] = {}
    quotes = [q for q in article.quotes if q.kind in ("direct", "reported") and q.speaker]
    acts = [e for e in article.events if e.type in _ACT_TYPES]
    for token in doc:
        lower = token.lower_
        opening = token.i == token.sent.start or (
            # "Irina Sokolova: This is a cynical decision" (a briefing turn)
            token.i >= 2 and doc[token.i - 1].text == ":" and doc[token.i - 2].ent_type_
        )
        if lower in ("this", "that") and token.dep_ == "nsubj" and opening:
            # The sentence before, or the one before that when the nearer one names nothing
            # ("... would supply Ukraine with cluster munitions. Your comment?").
            start = token.sent.start
            for _ in range(2):
                if start <= 0:
                    break
                before = doc[start - 1].sent
                start = before.start
                said = [q for q in quotes if before.start_char <= q.end <= before.end_char + 1]
                done = [e for e in acts if before.start_char <= e.trigger.start < before.end_char]
                if said:
                    found[token.i] = [max(said, key=lambda q: q.end).speaker or ""]
                elif done:
                    found[token.i] = list(max(done, key=lambda e: e.trigger.end).actors)
                elif people is not None:
                    verbs = [before.root, *(c for c in before.root.children if c.dep_ == "conj")]
                    subjects = [a for v in verbs for a in subject_actors(v, people)]
                    if subjects:
                        found[token.i] = list(dict.fromkeys(subjects))
                if token.i in found:
                    break
            continue
        if lower not in _SPEECH_NOUNS and lower not in _ACT_NOUNS:
            continue
        if not any(
            c.dep_ in ("det", "amod", "predet") and c.lower_ in _POINTING for c in token.children
        ):
            continue
        if lower in _SPEECH_NOUNS:
            earlier = [q for q in quotes if q.end <= token.idx]
            if earlier:
                found[token.i] = [max(earlier, key=lambda q: q.end).speaker or ""]
        else:
            earlier_acts = [e for e in acts if e.trigger.end <= token.idx]
            if earlier_acts:
                found[token.i] = list(max(earlier_acts, key=lambda e: e.trigger.end).actors)
    return {i: [a for a in actors if a] for i, actors in found.items() if any(actors)}


_LIST_GLUE = frozenset({",", "and", "the", "as", "well"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


class StanceParticipants(Participants):
    """The events stage's map from tokens to actors, with two readings stance needs for
    long lists that the parser breaks: actor names joined only by commas and "and" in
    the text are one list ("the statements of the Philippines, Viet Nam and India", where
    the parser hangs "Viet Nam" elsewhere), and an unlinked name with an "of" list stands
    for its members ("the so-called E3 of Britain, France and Germany")."""

    def __init__(self, doc: Doc, article: Article) -> None:
        super().__init__(doc, article, with_states=False)
        self._doc = doc

    def of(self, token: Token, depth: int = 0) -> list[str]:
        found = super().of(token, depth)
        for tok in (token, *token.conjuncts):
            if tok.i in self.index:
                found += [a for a in self.listed_with(tok) if a not in found]
            elif depth < 2 and tok.pos_ == "PROPN":
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj" and pobj.i in self.index:
                                found += [a for a in self.of(pobj, depth + 1) if a not in found]
        return found

    def listed_with(self, token: Token) -> list[str]:
        """The actors named next to this one in a list of names joined by commas and "and"
        within its sentence; not across clauses ("China accused Japan, and the US said")."""
        doc, index = self._doc, self.index
        actor, sent = index[token.i], token.sent
        start, end = token.i, token.i
        while start - 1 >= sent.start and index.get(start - 1) == actor:
            start -= 1
        while end + 1 < sent.end and index.get(end + 1) == actor:
            end += 1
        found: list[str] = []
        for step in (1, -1):
            i = end + 1 if step == 1 else start - 1
            edge = doc[end] if step == 1 else doc[start]
            while sent.start <= i < sent.end:
                glue = False
                while sent.start <= i < sent.end and doc[i].lower_ in _LIST_GLUE:
                    glue = glue or doc[i].lower_ in (",", "and")
                    i += step
                if not glue or not sent.start <= i < sent.end or i not in index:
                    break
                other = doc[i]
                near, far = (edge, other) if step == 1 else (other, edge)
                if far.dep_ in _SUBJECT_DEPS and near.head != far.head:
                    break  # a new clause with its own subject begins
                name = index[i]
                while sent.start <= i + step < sent.end and index.get(i + step) == name:
                    i += step
                edge = doc[i]
                if name != actor and name not in found:
                    found.append(name)
                i += step
        return found


def _agents_of(noun: Token, people: Participants) -> list[str]:
    """ "the sanctions imposed by the US": the agent of a participle on the noun."""
    got: list[str] = []
    for child in noun.children:
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    got += [a for p in agent.children if p.dep_ == "pobj" for a in people.of(p)]
    return got


def subject_actors(verb: Token, people: Participants) -> list[str]:
    """The actors that do what a verb says, with "This" pointing back ("This is a lie")."""
    return [a for s in verb_subjects(verb) for a in (people.antecedents.get(s.i) or people.of(s))]


_DEED_NOUNS = frozenset(
    {
        "move",
        "step",
        "decision",
        "act",
        "action",
        "measure",
        "gesture",
        "ploy",
        "provocation",
        "attempt",
        "manoeuvre",
        "maneuver",
        "stunt",
        "escalation",
        "blow",
    }
)


_MANNER_PREPS = frozenset({"with", "by", "through"})  # not "under pressure": suffered
_GROUND_NOUNS = frozenset({"ground", "grounds", "pretext", "basis", "excuse", "charge", "pretence"})


def names_others(noun: Token, people: Participants) -> bool:
    """Whether a noun after "with"/"by" names someone else, a partner and not a means: "met
    with brutal dictators", "traded with the corrupt oligarchs" (plural, a name or an actor),
    unlike "crushed the protest with brutal force"."""
    return (
        noun.tag_ in ("NNS", "NNPS")
        or noun.ent_type_ in ("PERSON", "NORP", "ORG", "GPE")
        or bool(people.of(noun))
    )


def _clause_verb(token: Token) -> Token | None:
    """The verb of the clause a token sits in (up through nouns and prepositions)."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head == node:
            return None
        node = node.head
    return None


def noun_owners(
    noun: Token, people: Participants, *, of_owns: bool = True
) -> tuple[list[str], str]:
    """Whose thing a noun is: itself an actor, its possessor, the clause subject, or, for
    "such statements" and "such moves", whoever said or did the latest such thing.

    With ``of_owns`` false (a deed: "the invasion of Lebanon") the "of" phrase names the
    one it is done to, not its owner.
    """
    pointed = people.antecedents.get(noun.i)
    if pointed:
        return pointed, f"'{noun.text}' points back at what they said or did"
    own = people.of(noun)
    if own:
        if noun.i in people.index:
            return own, f"'{noun.text}' names the actor"
        return own, f"the actor is the possessor or modifier of '{noun.text}'"
    if noun.dep_ == "appos":
        got = people.of(noun.head)
        if got:
            return got, f"'{noun.text}' is said of '{noun.head.text}'"
        verb = _clause_verb(noun.head)
        if noun.lemma_.lower() in _DEED_NOUNS and verb is not None:
            # "they suspended part of the agreement, a reckless move": the trailing noun
            # names what the clause's subject did.
            got = subject_actors(verb, people)
            if got:
                return got, f"'{noun.text}' sums up what the subject of '{verb.text}' did"
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
        owning = ("like", "by", "from", "of") if of_owns else ("by", "from")
        if prep.lower_ in owning or such_as:
            got = [a for o in prep.children if o.dep_ == "pobj" for a in people.of(o)]
            if got:
                return got, f"'{noun.text} {prep.text} ...' names the actor"
    got = _agents_of(noun, people)
    if got:
        return got, f"'{noun.text}' is done by the actor"
    node = noun
    partner = False
    # Climb through prepositions and conjunctions to the clause: "exposes its sinister intentions".
    for _ in range(4):
        if (
            node.dep_ == "prep"
            and node.head.pos_ == "VERB"
            and (
                (node.lower_ in _MANNER_PREPS and not names_others(noun, people))
                or (node.lower_ == "on" and noun.lemma_.lower() in _GROUND_NOUNS)
            )
        ):
            # "expelled two diplomats on spurious grounds", "crushed the protest with brutal
            # force": how or why the subject acts.
            got = subject_actors(node.head, people)
            return (
                got,
                f"'{node.text} ... {noun.text}' says how the subject of '{node.head.text}' acts"
                if got
                else "",
            )
        if node.dep_ == "oprd" and node.head.pos_ == "VERB":
            # "called the strikes a brutal suppression": what the object is called.
            named = [c for c in node.head.children if c.dep_ == "dobj"]
            got = [a for o in named for a in people.of(o)]
            return got, f"what '{node.head.text}' calls the actor" if got else ""
        if node.dep_ in ("dobj", "attr", "oprd", "acomp") and node.head.pos_ in ("VERB", "AUX"):
            verb = node.head
            if node.dep_ == "dobj" and (verb.lemma_.lower() not in _HAVING_VERBS or partner):
                # "China opposes the illegal sanctions": not China's sanctions; "held meetings
                # with the junta": the junta is the partner, not the subject
                return [], ""
            got = subject_actors(verb, people)
            if got:
                return got, f"object of '{verb.text}', whose subject is the actor"
            return [], ""
        if (
            node.dep_ in ("pobj", "prep", "conj", "appos", "compound", "amod", "nmod")
            and node.head != node
        ):
            if node.dep_ == "prep" and node.lower_ in PARTNER_PREPS:
                partner = True
            node = node.head
            got = people.of(node) if node.pos_ in ("NOUN", "PROPN") else []
            if got:
                return got, f"part of a phrase about '{node.text}'"
            continue
        break
    return [], ""


_BLAME_PREPS = frozenset({"for", "of"})


def reproached(token: Token, people: Participants) -> list[str]:
    """Who does a gerund that says what someone is blamed, thanked or punished for:
    "condemned Russia for invading", "accused Japan of smearing China", "sent a letter to
    the UK government for breaching its obligations" (the object, or the to/on/against
    phrase of the verb or of its object)."""
    prep = token.head
    if token.dep_ != "pcomp" or prep.lower_ not in _BLAME_PREPS or prep.head == prep:
        return []
    verb = prep.head
    nodes = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    got = [a for c in verb.children if c.dep_ == "dobj" for a in people.of(c)]
    if not got and prep.lower_ == "for":
        got = [
            a
            for node in nodes
            for p in node.children
            if p.dep_ in ("prep", "dative") and p.lower_ in ("to", "on", "against")
            for o in p.children
            if o.dep_ == "pobj"
            for a in people.of(o)
        ]
    return got


_DEGREE_ADVERBS = frozenset(
    {
        "very",
        "remarkably",
        "extremely",
        "so",
        "too",
        "quite",
        "rather",
        "most",
        "more",
        "less",
        "deeply",
        "notably",
        "admirably",
        "strikingly",
        "unusually",
        "fairly",
        "increasingly",
    }
)


def _adjectival_participle(token: Token) -> bool:
    """A passive participle that describes its subject: "has been remarkably restrained",
    "was deeply divided" (a degree adverb, no "by" agent), not "was restrained by police"."""
    return (
        token.tag_ == "VBN"
        and any(c.dep_ == "nsubjpass" for c in token.children)
        and not any(c.dep_ == "agent" for c in token.children)
        and any(c.dep_ == "advmod" and c.lower_ in _DEGREE_ADVERBS for c in token.children)
    )


def attach_word(token: Token, people: Participants) -> tuple[list[str], str]:
    """The actors a stance word describes, and how it reaches them."""
    pos = token.pos_
    if pos == "VERB" and _adjectival_participle(token):
        subject = next(c for c in token.children if c.dep_ == "nsubjpass")
        got, _ = noun_owners(subject, people)
        if got:
            return got, f"'{token.text}' says what its subject is"
    if pos in ("VERB", "AUX") or (pos == "NOUN" and token.dep_ in ("ROOT", "ccomp", "xcomp")):
        objects = {people.index.get(c.i) for c in token.children if c.dep_ == "dobj"}
        # An actor does not smear itself: a subject that is also the object is a parser slip.
        got = [a for a in subject_actors(token, people) if a not in objects]
        if got:
            return got, f"'{token.text}' is what its subject does"
        got = [a for a in reproached(token, people) if a not in objects]
        if got:
            return got, f"'{token.head.text} {token.text}' is what the actor is held to account for"
        if token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return noun_owners(token.head, people)
        return [], ""
    if pos == "ADV":
        verb = token.head
        got = subject_actors(verb, people)
        return got, f"'{token.text}' qualifies '{verb.text}'" if got else ""
    if pos == "ADJ":
        if token.head.lower_ == "as" and token.head.dep_ == "prep":
            # "rejected these allegations as absurd": what the verb's object is called.
            judged = [c for c in token.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
            if judged:
                got, how = noun_owners(judged[0], people)
                return (
                    got,
                    f"'as {token.text}' says what '{judged[0].text}' is: {how}" if got else "",
                )
        if token.dep_ in ("amod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
            got, how = noun_owners(token.head, people)
            return got, f"'{token.text} {token.head.text}': {how}" if got else ""
        head = token.head if token.dep_ == "conj" else token
        own_subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if head.dep_ in ("ccomp", "xcomp", "advcl") and own_subjects:
            # "We consider such statements irresponsible and dangerous" (parsed as a clause)
            got, how = noun_owners(own_subjects[0], people)
            return (
                got,
                f"'{token.text}' says what '{own_subjects[0].text}' is: {how}" if got else "",
            )
        if token.dep_ == "oprd":
            # "We consider such statements irresponsible": the object is what is judged.
            judged = [c for c in token.head.children if c.dep_ == "dobj"]
            if judged:
                got, how = noun_owners(judged[0], people)
                return got, f"'{token.text}' says what '{judged[0].text}' is: {how}" if got else ""
        if token.dep_ in ("acomp", "attr", "oprd"):
            got = subject_actors(token.head, people)
            return got, f"'{token.text}' says what its subject is" if got else ""
        return [], ""
    if pos in ("NOUN", "PROPN", "PRON"):  # PRON: the head of "nothing to say"
        got, how = noun_owners(token, people)
        return (got, how) if got else _means_of(token, people)
    return [], ""


def _means_of(noun: Token, people: Participants) -> tuple[list[str], str]:
    """A hostile noun that is the means of a verb: "China responded with a campaign of
    coercion" is China's coercion."""
    if names_others(noun, people):
        return [], ""  # "met with brutal dictators": partners, not means
    node = noun
    for _ in range(4):
        head = node.head
        if node.dep_ == "prep" and node.lower_ in ("with", "through") and head.pos_ == "VERB":
            got = subject_actors(head, people)
            return got, f"'{noun.text}' is how the subject of '{head.text}' acts" if got else ""
        if node.dep_ not in ("pobj", "prep") or head == node:
            break
        node = head
    return [], ""


def role_bearers(token: Token, people: Participants) -> tuple[list[str], str]:
    """Whom a role is said of: "Japan, a loyal servant", "the puppet ministry", "X is a
    reliable partner", "regard China as a partner"; never the one in its "of" phrase."""
    head = token.head
    if token.dep_ == "appos":
        got = people.of(head)
        return got, f"'{token.text}' is said of '{head.text}'" if got else ""
    if token.dep_ in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN"):
        got = people.of(head)
        return got, f"'{token.text} {head.text}' names the actor" if got else ""
    if token.dep_ == "pobj" and head.lower_ == "as":
        verb = head.head
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        got = [a for o in objs for a in people.of(o)]
        if got:
            return got, f"'as {token.text}' describes the object of '{verb.text}'"
        got = subject_actors(verb, people)
        return got, f"'as {token.text}' describes the subject of '{verb.text}'" if got else ""
    if token.dep_ in ("attr", "oprd", "acomp") and head.pos_ in ("VERB", "AUX"):
        got = subject_actors(head, people)
        return got, f"'{token.text}' is what its subject is called" if got else ""
    if token.dep_ == "conj":
        return role_bearers(head, people)
    return [], ""


def _among_them(token: Token) -> bool:
    """A name that "among them" introduces as part of the group before it."""
    return any(
        p.dep_ == "prep"
        and p.lower_ == "among"
        and any(o.lower_ in ("them", "those") for o in p.children)
        for p in token.children
    )


def judged(token: Token, people: Participants) -> tuple[list[str], str, list[Token]]:
    """What a judgement word judges, how, and who judges: "the EU commends Yerevan's
    restraint" judges Armenia, by the EU; "Brasilia deserves the criticism" judges Brazil."""
    # "Papua New Guinea thanks the Government of Vanuatu": the tagger's noun with a subject
    # and an object is the verb
    verb_like = token.pos_ == "NOUN" and {"nsubj", "dobj"} <= {c.dep_ for c in token.children}
    if token.pos_ in ("VERB", "AUX") or verb_like:
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        # "thanks the members that voted against it, among them China, Cuba and Bolivia"
        objects += [
            c
            for holder in (token, *objects)
            for c in holder.children
            if c.pos_ in ("PROPN", "NOUN") and _among_them(c)
        ]
        objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
        got: list[str] = []
        for obj in objects:
            owners, _ = noun_owners(obj, people)
            got += owners
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "on"):
                got += [a for o in prep.children if o.dep_ == "pobj" for a in people.of(o)]
        judges = [] if any(c.dep_ == "nsubjpass" for c in token.children) else verb_subjects(token)
        # "Washington praised its new ally for its courage" judges the ally, not Washington
        # (the owner "its" is the judge's own).
        own = {a for j in judges for a in people.of(j)}
        got = [a for a in got if a not in own]
        return got, f"'{token.text}' judges its object", judges
    if token.pos_ in ("NOUN", "PROPN"):
        # "gratitude to the AU Commission and to the State of Qatar": both phrases
        preps = [p for p in token.children if p.dep_ == "prep"]
        preps += [c for p in preps for c in p.conjuncts if c.pos_ == "ADP"]
        got = [
            a
            for prep in preps
            if prep.lower_ in ("of", "for", "with", "to", "toward", "on")
            for o in prep.children
            if o.dep_ == "pobj"
            for a in people.of(o)
        ]
        if got:
            judges = [c for c in token.children if c.dep_ == "poss"]
            return got, f"'{token.text}' is aimed at the actor", judges
        if token.dep_ == "dobj" and token.head.lemma_.lower() in _RECEIVING_VERBS:
            got = subject_actors(token.head, people)
            return got, f"the actor {token.head.text} '{token.text}'", []
    return [], "", []


def act_victims(token: Token, people: Participants, scope: str) -> list[str]:
    """Who suffers a hostile word: the object of a hostile verb ("smearing China"), the
    "of" object of a deed ("the invasion of Lebanon"), an against/on phrase on a noun."""
    if token.pos_ in ("VERB", "AUX"):
        objects = [c for c in token.children if c.dep_ == "dobj"]
        return [a for o in objects for a in people.of(o)]
    if token.pos_ in ("NOUN", "PROPN"):
        preps = {"against", "on", "into", "toward", "towards"} | (
            {"of"} if scope == "act" else set()
        )
        return [
            a
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in preps
            for o in prep.children
            if o.dep_ == "pobj"
            for a in people.of(o)
        ]
    return []


def clause_subjects(token: Token, people: Participants) -> tuple[list[str], str]:
    """The subject of the clause a phrase sits in: "expelled diplomats on absurd pretexts"."""
    node = token
    for _ in range(5):
        if node.head == node:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            got = subject_actors(node, people)
            return got, f"in a clause whose subject is the actor ('{node.text}')" if got else ""
    return [], ""


def inside_quotes(text: str, offset: int) -> bool:
    """Whether an offset of the text is inside quotation marks opened on its line (pass
    ``doc.text`` once: spaCy rebuilds it on every access)."""
    start = text.rfind("\n", 0, offset) + 1
    before = text[start:offset]
    return (before.count('"') + before.count("“") - before.count("”")) % 2 == 1


# A clause of its own keeps its own polarity: "cannot stand idly by while Cairo and
# Mogadishu destabilise the region" does not deny the destabilising.
_OWN_CLAUSE_DEPS = frozenset(
    {"advcl", "ccomp", "relcl", "csubj", "nsubj", "nsubjpass", "conj", "parataxis", "acl", "appos"}
)


_NOT_THE_FIRST = frozenset({"first", "only", "last"})
"""'not the first/only/last <word>' denies the count, not the word."""


_NEGATING_ADVERBS = frozenset({"barely", "hardly", "scarcely"})


def negated(token: Token) -> bool:
    # "has not said a word"; "has barely said a word" denies as much
    if any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEGATING_ADVERBS)
        for c in token.children
    ):
        return True
    if token.dep_ in _OWN_CLAUSE_DEPS:
        return False
    if any(c.lower_ in _NOT_THE_FIRST for c in token.children if c.dep_ in ("amod", "advmod")):
        return False  # "This is not his first provocation": there were others
    # "is not welcome", "does not want war", but not "a partner, not a rival"
    return any(c.dep_ == "neg" and c.i < token.i for c in token.head.children)


def prescribed(token: Token, people: Participants) -> tuple[bool, list[str], list[Token]]:
    """Whether the word is something someone is told to do, and, when a verb tells it
    ("We call on Russia to cease"), the actors told and who tells them (the verb's
    subjects); else the word's own attachment and no teller."""
    node = token
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _PRESCRIPTIVE_AUX for c in node.children):
            return True, [], []
        head = node.head
        if node.dep_ in ("xcomp", "advcl") and head.lemma_.lower() in _PRESCRIBING_VERBS:
            told = [c for c in head.children if c.dep_ == "dobj"]
            told += [
                o
                for p in head.children
                if p.dep_ == "prep" and p.lower_ in ("on", "upon")
                for o in p.children
                if o.dep_ == "pobj"
            ]
            return True, [a for t in told for a in people.of(t)], verb_subjects(head)
        if node.dep_ not in ("conj", "xcomp") or head == node:
            return False, [], []
        node = head
    return False, [], []


def partners(token: Token, people: Participants) -> list[str]:
    """The with-phrase partner of a word, or of the verb whose phrase the word is in
    ("colluding with NATO", "stand in solidarity with the United States")."""
    heads = [token]
    if token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX"):
        heads.append(token.head.head)
    preps = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"]
    return [a for p in preps for o in p.children if o.dep_ == "pobj" for a in people.of(o)]


def span_actors(span: Span, people: Participants, *, inside: bool) -> tuple[list[str], str]:
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
