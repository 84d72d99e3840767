"""The stance stage: how the article treats each actor, and the spans that say so.

The method is a sum of weighted evidence that a reader can check span by span:

1. **Descriptions** (kind ``description``): words and phrases of the stance lexicon
   (``spinscope/data/stance.tsv``, extendable with ``[stages.stance] lexicon_file``)
   attached to an actor by a dependency arc, the way their scope says: a verb to its
   subject ("Japan ... colluding"), an adverb to its verb's subject ("illegally
   nationalized"), an adjective to the noun it modifies and that noun's owner ("Japan's
   sinister intentions"), a noun to its possessor or to the subject of the clause it is
   the object of, a role to whom it is said of ("Japan, a loyal servant of the U.S."), a
   judgement to what is judged ("the EU commends Yerevan's restraint"), a deed to its
   doer, with its victim on the other side ("Israel's invasion of Lebanon"). A "not" on
   the word or its verb flips the sign; someone else's words (quotes, reported speech,
   a journalist's question) count half.
2. **Events** (kind ``event``): an actor that is the agent of a hostile PLOVER event,
   weighted by type and scaled by modality; the side the article speaks for, its
   opponents and its friends (see ``score_stance``).
3. **Scare quotes** (kind ``quote``): a scare-quoted phrase in a clause whose subject
   is the actor ("illegally \\"nationalized\\"") keeps a distance from its words: -0.3.
4. **Techniques** (kind ``technique``, when the ``techniques`` layer is present):
   name calling, loaded language, doubt, fear, exaggeration and reductio spans,
   attached the same way, unless a description already covers that span.
5. Half of a sector actor's evidence counts toward its state and half of a
   state's toward its sector actors ("the Japanese government" and "Japan"); an official
   the actors stage leaves without a country speaks for the state that is the main subject
   just before them (``_with_official_states``).
6. **Alignment** (kind ``alignment``, outside news): the recipient of support or
   cooperation by an actor the text condemns shares its blame (``ALIGNMENT_WEIGHT``).

The score is ``tanh(sum / scale)`` (scale 1.5), so it stays in [-1, 1]; the label is
negative at or below ``-threshold``, positive at or above ``threshold`` (0.01; in news
``news_threshold``, 0.45), else neutral.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

from spinscope.article import Actor, Article, Event, Evidence, Mention, Stance
from spinscope.errors import ConfigError
from spinscope.ingest.outlets import find_outlet
from spinscope.nlp import parse, parse_many
from spinscope.stages.actor_table import load_alias_table, word_sector
from spinscope.stages.actors import article_voice, joint_issuers
from spinscope.stages.event_lexicon import load_event_lexicon
from spinscope.stages.stance_words import (
    PARTNER_PREPS,
    StanceParticipants,
    StanceWord,
    act_victims,
    attach_word,
    clause_subjects,
    inside_quotes,
    judged,
    load_stance_lexicon,
    match_lexicon,
    names_others,
    negated,
    noun_owners,
    partners,
    pointing_antecedents,
    prescribed,
    role_bearers,
    span_actors,
    subject_actors,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from spinscope.stages.events import Participants

__all__ = [
    "StanceStage",
    "StanceWord",
    "attach_word",
    "load_stance_lexicon",
    "match_lexicon",
    "score_stance",
]

EVENT_WEIGHTS: dict[str, float] = {
    "REJECT": -0.2,
    "ACCUSE": -0.5,
    "THREATEN": -0.7,
    "PROTEST": -0.2,
    "SANCTION": -0.5,
    "COERCE": -0.7,
    "ASSAULT": -0.9,
    # Deploying forces, drills and patrols: outside news, commentary holds a build-up against
    # whoever makes it (dev: -0.1 to -0.3 set 8 more entries right, -0.4 and -0.5 twelve).
    "MOBILIZE": -0.4,
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
PARTNER_WEIGHT = 0.2
"""Joining the side the article speaks for in a joint act with no recipient ("Thailand,
Cambodia and Laos agreed with China on a plan", AGREE or COOPERATE with every party an actor)
makes the other parties its partners."""
_PARTNER_TYPES = frozenset({"AGREE", "COOPERATE"})
AGAINST_VOICE_WEIGHT = -0.4
"""Doing a hostile act to the side the article speaks for makes the doer its opponent."""
_AGAINST_VOICE_TYPES = frozenset(
    {"ACCUSE", "PROTEST", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT"}
)
FRIEND_WEIGHT = 0.3
"""With a voice, acting against an actor the text condemns puts the doer on its side."""
FRIEND_OF_FRIEND_WEIGHT = 0.3
"""Backing the side the article speaks for, or those it backs, puts the backer on its side."""
AGAINST_FRIEND_WEIGHT = -0.3
"""A hostile act against those the side the article speaks for backs."""
_REFUSING_VERBS = frozenset({"refuse", "decline", "reject"})
"""'refused to retaliate': the act it governs did not happen."""
_OBJECTION_TYPES = frozenset({"ACCUSE", "PROTEST", "REJECT"})
"""The public's objections ("most of them oppose the tax") are not hostility."""
_DOUBTING_CUES = ("claim", "alleg", "purport", "boast", "hype")
"""Reporting verbs by which the writer doubts what is reported ("claimed that ...")."""
_VOICE_WHY = "the article speaks for"
SPEAKER_WEIGHT = 0.3
"""Outside news, a speaker whose words judge an actor as the article does is on its side."""
SPEAKER_VIEW = 0.3
"""How much the rest of the article must weigh on that actor for the speaker to take a side."""
BACKER_WEIGHT = -0.3
"""Outside news, supporting, aiding or working with an actor the text condemns."""
VICTIM_FACTOR = 0.5
"""Outside news, suffering a hostile deed wins sympathy: this share of the deed's weight."""
VICTIM_EVENT_WEIGHT = 0.3
"""Outside news, the target of a hostile act by a condemned actor wins sympathy."""
_VICTIM_TYPES = frozenset(EVENT_WEIGHTS)
ALIGNMENT_WEIGHT = -0.3
"""Outside news, being backed or joined by an actor the text condemns (``_alignment_findings``)."""
_ALIGNING_TYPES = frozenset({"SUPPORT", "COOPERATE"})
NEWS_EVENT_FACTOR = 0.2
"""In news reports what an actor does is reported, not judged: event evidence counts less."""
NEWS_DESCRIPTION_FACTOR = 0.5
"""In news reports loaded words are mostly reported or factual: they count half."""
COMMENTARY_WORDS = 5
"""A news report with this many strongly loaded words of its own reads as commentary."""
CONDEMNED_BELOW = -0.6
"""Evidence summing to this or less means the text condemns an actor."""
FALLBACK_WEIGHT = 0.25
"""Outside news, the main subject of a sentence whose loaded words no arc attaches."""
FALLBACK_WORDS = 2
"""How many such words (weight 0.5 or more, one sign) a sentence needs for the fallback."""
NEGATED_HOSTILE_FACTOR = 0.5
"""Not doing a hostile thing is weaker praise than doing it is blame."""
QUOTED_FACTOR = 0.5
"""A word inside quotation marks, reported speech or a journalist's question is someone
else's: it counts half."""
PROPAGATION = 0.5
# Legislatures, courts and companies share their state's treatment as its organs do (in the
# gold set a state's sectors other than its civilians carry its sign in 204 of 206 entries);
# civilians, media and the rest keep their own.
_PROPAGATING_SECTORS = frozenset({"GOV", "MIL", "SPY", "COP", "LEG", "JUD", "BUS"})
# "a trading partner" is a fact of trade, not praise.
_NEUTRALISING_MODIFIERS = frozenset({"trade", "trading", "business", "economic", "commercial"})
_NAME_ENTITIES = frozenset(
    {"ORG", "WORK_OF_ART", "EVENT", "LAW", "FAC", "PRODUCT", "PERSON", "GPE", "LOC"}
)
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "ourselves"})
# A press-briefing turn that is a journalist's question, not the issuer's words.
_QUESTION_TURN = re.compile(r"^(?:Question|QUESTION|Q|Journalist|Reporter)\s*[:.]", re.MULTILINE)


@dataclass(slots=True)
class _Finding:
    actor: str
    evidence: Evidence
    news_factor: float = 1.0
    """What the weight is multiplied by when the article is news."""
    verb_start: int | None = None
    """For a word that qualifies a clause ("to its credit", "rightly"), where its verb starts."""
    judges: tuple[str, ...] = ()
    """For a judgement word ("Mexico praised the voters"), the actors who judge."""


def _evidence(doc: Doc, start_i: int, end_i: int, kind: str, weight: float, why: str) -> Evidence:
    span = doc[start_i:end_i]
    return Evidence(span.start_char, span.end_char, span.text, kind, round(weight, 3), why)


@dataclass(slots=True)
class _Reading:
    """How to read an article: whose side it speaks for, whether it is news, whose words."""

    text: str
    voice: str | None
    reason: str
    news: bool
    own_side: set[str]
    statement: bool
    joint: list[str] = field(default_factory=list)
    """The other issuers a joint statement's title names (``joint_issuers``)."""
    others: list[tuple[int, int]] = field(default_factory=list)
    """Character ranges of someone else's words: quotes, reported speech, questions."""
    questions: list[tuple[int, int]] = field(default_factory=list)
    """Character ranges of a journalist's turns in a press briefing."""
    asked: list[tuple[int, int]] = field(default_factory=list)
    """Character ranges of interrogative sentences inside those turns."""

    def in_question(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.questions)

    def asks(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.asked)


def _question_turns(doc: Doc, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    turns = []
    for m in _QUESTION_TURN.finditer(text):
        end = text.find("\n", m.start())
        turns.append((m.start(), len(text) if end < 0 else end))
    asked = [
        (s.start_char, s.end_char)
        for s in doc.sents
        if s.text.rstrip().endswith("?") and any(a <= s.start_char < b for a, b in turns)
    ]
    return turns, asked


def _read(article: Article, doc: Doc, matches: list[tuple[Span, StanceWord]]) -> _Reading:
    """Whose side the article speaks for and whether it reads as news.

    A news report whose own words are loaded (at least ``COMMENTARY_WORDS`` strong lexicon
    words outside quotes) is commentary in the form of news: it is not damped, and when its
    outlet is state-affiliated media it speaks for the outlet's state.
    """
    voice, reason = article_voice(article)
    news = article.meta.genre == "news"
    text = article.text  # the Doc's text, which spaCy would rebuild on every access
    others = [(q.start, q.end) for q in article.quotes if q.kind in ("direct", "reported")]
    questions, asked = _question_turns(doc, text)
    if news:
        own = [
            span
            for span, word in matches
            if abs(word.weight) >= 0.6
            and word.scope not in ("prescribed", "object")
            and not inside_quotes(text, span.start_char)
            and not any(s <= span.start_char < e for s, e in others)
        ]
        outlet = find_outlet(article.meta.outlet)
        if len(own) >= COMMENTARY_WORDS:
            news = False
            reason = f"a news report with {len(own)} loaded words of its own reads as commentary"
            if outlet is not None and outlet.state_affiliated and outlet.country:
                voice = outlet.country
                reason = (
                    f"{outlet.name}, state-affiliated media of {outlet.country}, reports in "
                    f"words of its own ({len(own)} loaded words outside quotes)"
                )
    # A ministry's statement speaks for its state too ("Department of National Defense" ->
    # PHL-MIL, and so PHL and its other organs and people).
    state = voice.split("-")[0] if voice and not voice.startswith("person:") else voice
    # A joint statement speaks for every state its title names ("Joint Communique of ...
    # Greece and Cyprus"), not only the ministry on the outlet line.
    issuers = joint_issuers(article) if voice else []
    # (only when the voice's own state is one of them: the outlet line issued it)
    joint = [j for j in issuers if j != state] if state in issuers else []
    states = {state, *joint} - {None}
    own_side = {voice, *states} | {a.id for a in article.actors if a.country in states}
    return _Reading(
        text=text,
        voice=voice,
        reason=reason,
        news=news,
        own_side={a for a in own_side if a},
        statement=article.meta.genre == "statement",
        joint=joint,
        others=others + questions,
        questions=questions,
        asked=asked,
    )


def _own_judge(judges: list[Token], people: Participants, reading: _Reading, text: str) -> bool:
    """The judgement is the article's own: by its voice, or "we" in a statement."""
    for judge in judges:
        if judge.i in people.index and people.index[judge.i] in reading.own_side:
            return True
        if (
            reading.statement
            and judge.lower_ in _FIRST_PERSON
            and not inside_quotes(text, judge.idx)
            and not any(s <= judge.idx < e for s, e in reading.others)
        ):
            return True
    return False


def _word_findings(
    doc: Doc,
    matches: list[tuple[Span, StanceWord]],
    people: Participants,
    reading: _Reading,
) -> list[_Finding]:
    findings: list[_Finding] = []
    text = reading.text
    for span, word in matches:
        token = span.root
        named = token.i in people.index
        if named and len(span) == 1 and (token.pos_ == "PROPN" or token.text[:1].isupper()):
            continue  # an actor's own name is not a description of it ("Western")
        if len(span) == 1 and token.tag_ == "VBN" and token.dep_ == "amod":
            continue  # "an abandoned base", "the destroyed village": done to the noun
        if token.ent_type_ in _NAME_ENTITIES:
            continue  # part of a name: "Operation Prosperity Guardian"
        told: list[str] = []
        tellers: list[Token] = []
        judging: tuple[str, ...] = ()
        if word.scope == "prescribed":
            is_told, told, tellers = prescribed(token, people)
            if not is_told:
                continue
        if word.weight > 0 and any(
            c.lemma_.lower() in _NEUTRALISING_MODIFIERS for c in token.children
        ):
            continue
        judge_note = ""
        if named:
            # A word or phrase inside or around an actor's name describes it: "the
            # collective West", "the Minsk regime", "the puppet foreign ministry".
            actors, how = people.of(token), f"'{span.text}' names the actor"
        elif word.scope == "role":
            actors, how = role_bearers(token, people)
        elif word.scope == "object":
            actors, how, judges = judged(token, people)
            if actors and not _own_judge(judges, people, reading, text):
                judge_note = f" (someone else's judgement: x{QUOTED_FACTOR:g})"
                judging = tuple(
                    dict.fromkeys(a for j in judges for a in people.of(j) if a not in actors)
                )
        elif word.scope == "clause":
            actors, how = clause_subjects(token, people)
        elif word.scope == "act" and token.pos_ in ("NOUN", "PROPN"):
            actors, how = noun_owners(token, people, of_owns=False)
        elif told:
            actors, how = told, ""
        else:
            actors, how = attach_word(token, people)
        if word.scope == "prescribed" and actors:
            how = f"the actor is told it should '{token.text}'"
            if tellers and not _own_judge(tellers, people, reading, text):
                # "the new Maldivian government has asked India to withdraw": its demand,
                # not the article's.
                judge_note = f" (someone else's demand: x{QUOTED_FACTOR:g})"
        weight, note = word.weight, ""
        if negated(token):
            # "is not peaceful" blames as much as "is hostile"; "has not invaded anyone"
            # praises less than "invaded" blames.
            weight = -word.weight * (NEGATED_HOSTILE_FACTOR if word.weight < 0 else 1.0)
            note = " (negated)" if word.weight > 0 else f" (negated: x-{NEGATED_HOSTILE_FACTOR:g})"
        if judge_note:
            weight *= QUOTED_FACTOR
            note += judge_note
        quoted = True
        if reading.in_question(span.start_char):
            weight *= QUOTED_FACTOR
            note += f" (a journalist's question: x{QUOTED_FACTOR:g})"
        elif inside_quotes(text, span.start_char) or any(
            s <= span.start_char < e for s, e in reading.others
        ):
            weight *= QUOTED_FACTOR
            note += f" (quoted: x{QUOTED_FACTOR:g})"
        else:
            quoted = False
        if weight < 0 and not quoted:
            # The article does not speak ill of the side it speaks for in its own words: a
            # hostile word that reaches it there is another sense ("Polish claims") or a slip.
            actors = [a for a in actors if a not in reading.own_side]
        # A deed named in news is a reported act, weighed like one.
        news_factor = NEWS_EVENT_FACTOR if word.scope == "act" else NEWS_DESCRIPTION_FACTOR
        label = f"'{span.text}' weighs {word.weight:+.1f} in the stance lexicon{note}"
        verb = _qualified_verb(token, word.scope)
        for actor in actors:
            findings.append(
                _Finding(
                    actor,
                    _evidence(doc, span.start, span.end, "description", weight, f"{label}; {how}"),
                    news_factor,
                    verb.idx if verb is not None else None,
                    judging,
                )
            )
        if word.scope == "both":
            for partner in partners(token, people):
                if partner not in actors:
                    why = (
                        f"'{span.text}' ({word.weight:+.1f}) also implicates its partner in 'with'"
                    )
                    findings.append(
                        _Finding(
                            partner,
                            _evidence(doc, span.start, span.end, "description", weight, why),
                            news_factor,
                        )
                    )
        hostile = word.weight <= -0.5 and weight < 0
        if reading.news or not hostile or word.scope not in ("", "act", "both"):
            continue
        if _unrealised(token):
            continue  # "threats to invade the country": no one has suffered it yet
        sides = {_state_of(a, people) for a in actors}
        for victim in act_victims(token, people, word.scope):
            if victim in actors or _state_of(victim, people) in sides:
                continue  # not a victim of its own side (often a reference slip)
            why = (
                f"'{span.text}' ({word.weight:+.1f}) is done to the actor: sympathy for its "
                f"victim (x{VICTIM_FACTOR:g})"
            )
            findings.append(
                _Finding(
                    victim,
                    _evidence(
                        doc, span.start, span.end, "description", -weight * VICTIM_FACTOR, why
                    ),
                )
            )
    return findings


_UNREALISED_MODALS = frozenset({"would", "could", "might", "may"})
_INTENT_WORDS = frozenset(
    {
        "threat",
        "threaten",
        "plan",
        "vow",
        "want",
        "seek",
        "try",
        "attempt",
        "intend",
        "intention",
        "prepare",
        "ready",
        "aim",
        "bid",
    }
)


_ONGOING_VERBS = frozenset({"continue", "begin", "start", "keep", "proceed", "go", "resume"})


def _unrealised(token: Token) -> bool:
    """A deed only threatened, planned or imagined: "threats to invade the country", "plans
    to annex", "would crush them"; an infinitive is one unless it goes on or begins
    ("continued to shell the town")."""
    if any(c.dep_ == "aux" and c.lower_ in _UNREALISED_MODALS for c in token.children):
        return True
    if token.dep_ in ("acl", "xcomp") and token.head.lemma_.lower() in _INTENT_WORDS:
        return True
    infinitive = token.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )
    return infinitive and token.head.lemma_.lower() not in _ONGOING_VERBS


def _about_a_partner(token: Token, people: Participants) -> bool:
    """Whether a word sits in a with/against/to phrase that names others ("met with brutal
    dictators"): it describes them, not the sentence's subject."""
    noun = token.head if token.dep_ in ("amod", "compound") else token
    return noun.dep_ == "pobj" and noun.head.lower_ in PARTNER_PREPS and names_others(noun, people)


def _sentence_subjects(
    doc: Doc,
    matches: list[tuple[Span, StanceWord]],
    findings: list[_Finding],
    people: Participants,
    reading: _Reading,
) -> list[_Finding]:
    """A cautious fallback for what the arcs miss: in a sentence of the article's own words
    with at least ``FALLBACK_WORDS`` loaded words of one sign that reach no actor ("Beijing
    is playing a familiar game of debt-trap diplomacy and coercion"), the actors that are
    the subjects of its main verbs get a low weight, and the explanation says it is a guess.
    An actor that already has evidence from that sentence gets nothing more."""
    attached = {f.evidence.start for f in findings}
    loose: dict[int, list[tuple[Span, StanceWord]]] = defaultdict(list)
    for span, word in matches:
        if (
            span.start_char in attached
            or abs(word.weight) < 0.5
            or word.scope in ("prescribed", "object")
            or inside_quotes(reading.text, span.start_char)
            or any(s <= span.start_char < e for s, e in reading.others)
            or _about_a_partner(span.root, people)
        ):
            continue
        loose[span.sent.start].append((span, word))
    found: list[_Finding] = []
    for words in loose.values():
        sign = 1 if sum(w.weight for _, w in words) > 0 else -1
        same = [(span, w) for span, w in words if w.weight * sign > 0]
        if len(same) < FALLBACK_WORDS:
            continue
        sent = same[0][0].sent
        verbs = [sent.root, *(c for c in sent.root.children if c.dep_ == "conj")]
        subjects = [a for v in verbs for a in subject_actors(v, people)]
        seen = {f.actor for f in findings if sent.start_char <= f.evidence.start < sent.end_char}
        first, last = same[0][0], same[-1][0]
        listed = ", ".join(f"'{span.text}'" for span, _ in same[:4])
        why = (
            f"main subject of a sentence with {len(same)} loaded words that no arc attaches "
            f"({listed}): a cautious reading ({sign * FALLBACK_WEIGHT:+.2f})"
        )
        for actor in dict.fromkeys(subjects):
            if actor in seen or (sign < 0 and actor in reading.own_side):
                continue
            ev = _evidence(doc, first.start, last.end, "description", sign * FALLBACK_WEIGHT, why)
            found.append(_Finding(actor, ev))
    return found


def _qualified_verb(token: Token, scope: str) -> Token | None:
    """The verb a clause phrase or an adverb qualifies: "Sri Lanka, to its credit, imposed a
    moratorium" (credit -> imposed), "Japan rightly expelled the diplomats"."""
    if token.pos_ == "ADV" and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if scope != "clause":
        return None
    node = token
    for _ in range(5):
        if node.head == node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _state_of(actor: str, people: Participants) -> str:
    """The state an actor belongs to: itself, a sector's state, a person's country."""
    if actor.startswith("person:"):
        return people.country.get(actor, actor)
    return actor.split("-")[0]


def _totals(findings: Iterable[_Finding], actors: list[Actor], news: bool) -> dict[str, float]:
    """Each actor's evidence so far, with half of its sectors' and its people's."""
    own: dict[str, float] = defaultdict(float)
    for f in findings:
        own[f.actor] += f.evidence.weight * (f.news_factor if news else 1.0)
    totals = dict(own)
    for actor_id, related in _related(actors).items():
        totals[actor_id] = own.get(actor_id, 0.0) + PROPAGATION * sum(
            own.get(r, 0.0) for r in related
        )
    return totals


def _related(actors: list[Actor]) -> dict[str, list[str]]:
    """Whose evidence reaches an actor at half weight: a state's organs (government,
    military, intelligence, police, legislature, courts, companies) and its people; an organ's
    state; the body a person's
    title or affiliation names (``_body_of``), of any sector."""
    ids = {a.id for a in actors}
    related: dict[str, list[str]] = defaultdict(list)
    for a in actors:
        if a.sector in _PROPAGATING_SECTORS and a.country:
            related[a.country].append(a.id)
            if a.country in ids:
                related[a.id].append(a.country)
        if a.kind == "person" and a.country:
            related[a.country].append(a.id)
            if a.country in ids and _official(a.role):
                related[a.id].append(a.country)
            body = _body_of(a)
            if body in ids:
                # (one way only: a body's other deeds are not the person's)
                related[body].append(a.id)
    return related


_WORD = re.compile(r"[a-z]+")


def _body_of(person: Actor) -> str | None:
    """The sector body a person's affiliation or title names, in their country, by the sector
    nouns of ``sectors.tsv`` and their modifier rules.

    An institution noun wins over a title wherever it stands ("Czech Senate Vice President"
    and "President of the Czech Senate" -> CZE-LEG, "Foreign Ministry spokesperson" ->
    CZE-GOV); a bare title names its own body ("Defence Minister" -> MIL, "Kremlin
    spokesman" -> GOV). An opposition figure, a party official or a former office holder
    speaks for no body: they are often set against it.
    """
    table = load_alias_table()
    found: list[tuple[bool, str]] = []  # (is a title, sector)
    for text in (person.affiliation, person.role):
        words = _WORD.findall((text or "").lower())
        if _NOT_FOR_BODY.search(" ".join(words)):
            return None
        for word in words:
            sector = word_sector(word, set(words) - {word}, table)
            if sector is not None:
                found.append((word in _PERSON_TITLES, sector))
    if not found:
        return None
    _, sector = min(found, key=lambda f: f[0])  # the first institution, else the first title
    return f"{person.country}-{sector}"


_PERSON_TITLES = frozenset(
    [
        "president",
        "minister",
        "premier",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "envoy",
        "ambassador",
        "diplomat",
        "official",
        "leader",
        "king",
        "queen",
        "emir",
        "monarch",
        "consul",
        "chargé",
        "negotiator",
        "counterpart",
        "admiral",
        "commander",
        "senator",
        "lawmaker",
        "judge",
        "prosecutor",
        "citizen",
        "civilian",
        "owner",
    ]
)
"""Sector nouns that name one person: a body named beside them in a title wins."""
_NOT_FOR_BODY = re.compile(r"\b(?:former|ex|opposition|party|retired|exiled|dissident)\b")


_OFFICIAL_ROLE = re.compile(
    r"\b(?:president|prime minister|premier|chancellor|minister|ministry|secretary|spokes\w*"
    r"|ambassador|envoy|diplomat|official|king|emir|general|commander|chief of)\b",
    re.IGNORECASE,
)
_NOT_OFFICIAL_ROLE = re.compile(
    r"\b(?:former|ex|opposition|senate|senator|parliament\w*|lawmaker|legislat\w*|congress\w*"
    r"|party|vice president of the senate)\b",
    re.IGNORECASE,
)


def _with_official_states(article: Article, doc: Doc) -> Article:
    """A copy of the article in which an official the actors stage gives no country ("Deputy
    Foreign Minister Yelena Kravets", "Prime Minister X") speaks for the state named last
    before their first mention, in their sentence or the one before it ("The Kremlin has
    rejected this accusation. Presidential spokesman X said ..."). Only a state, or a body
    with a country, named by the main subject, its possessor or the adjective of a noun that
    stands for the state counts ("an Afghan child" names no one): stance reads
    the copy, so the official's evidence reaches that state and the state's reaches them
    (``_related``); the actors layer itself is left as it is. In a statement, a person who
    takes the floor in a transcript ("Spokesperson X: ...") speaks for the issuer's state."""
    holders = [a for a in article.actors if a.country or _is_state(a)]
    named: list[tuple[int, str]] = []
    for actor in holders:
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and _names_main_subject(span.root):
                named.append((m.start, actor.country or actor.id))
    named.sort()
    voice = article_voice(article)[0] if article.meta.genre == "statement" else None
    issuer = voice.split("-")[0] if voice and not voice.startswith("person:") else None
    changed = []
    for actor in article.actors:
        if actor.kind == "person" and not actor.country and _official(actor.role):
            first = min((m.start for m in actor.mentions), default=None)
            if first is not None and (state := _state_named_before(doc, named, first)):
                actor = dataclasses.replace(actor, country=state)
        if (
            issuer
            and actor.kind == "person"
            and not actor.country
            and any(_takes_the_floor(article.text, m) for m in actor.mentions)
        ):
            # "Spokesperson Hana Tsegaye: Good morning." in a ministry's briefing: the
            # issuer's own words
            actor = dataclasses.replace(actor, country=issuer)
        changed.append(actor)
    if changed == article.actors:
        return article
    return dataclasses.replace(article, actors=changed)


def _takes_the_floor(text: str, mention: Mention) -> bool:
    """A transcript turn: the name opens its line, after at most a title of capitalised
    words ("Spokesperson", "Deputy Spokesperson"), and a colon follows it."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[line_start : mention.start].split()
    return (
        text[mention.end : mention.end + 3].lstrip(" ").startswith(":")
        and len(before) <= 3
        and all(w[:1].isupper() for w in before)
    )


def _main_subject(token: Token) -> bool:
    """The subject of a sentence's main verb or of a verb joined to it ("The Kremlin has
    rejected ..."), not of a clause inside it ("even as Washington blocks ...")."""
    verb = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and (
        verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    )


_STAND_IN_NOUNS = frozenset(
    {"side", "government", "authorities", "leadership", "delegation", "response", "reaction"}
)


def _names_main_subject(token: Token) -> bool:
    """The main subject, its possessor ("Iran's response has been measured"), or the
    adjective of a noun that stands for the state ("The Chinese side has responded ...");
    not the adjective of anything else ("An Afghan child ...")."""
    if _main_subject(token):
        return True
    head = token.head
    if token.dep_ == "poss" and _main_subject(head):
        return True
    return (
        token.dep_ in ("amod", "compound")
        and head.lemma_.lower() in _STAND_IN_NOUNS
        and _main_subject(head)
    )


def _is_state(actor: Actor) -> bool:
    return actor.kind == "state" and len(actor.id) == 3 and actor.id.isupper()


def _state_named_before(doc: Doc, named: list[tuple[int, str]], offset: int) -> str | None:
    token = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if token is None:
        return None
    sent = token.sent
    start = sent.start_char
    if sent.start > 0 and "\n" not in doc.text[doc[sent.start - 1].sent.start_char : start]:
        start = doc[sent.start - 1].sent.start_char  # the sentence before, in the same paragraph
    before = [state for at, state in named if start <= at < offset]
    return before[-1] if before else None


def _official(role: str | None) -> bool:
    """A person who speaks or acts for their state ("Foreign Minister", "Kremlin spokesman"),
    not a legislator, an opposition figure or a former office holder, who are often set
    against their government."""
    return bool(role and _OFFICIAL_ROLE.search(role) and not _NOT_OFFICIAL_ROLE.search(role))


def _refused(doc: Doc, event: Event) -> bool:
    """An act its doer refused or did not do ("refused to retaliate", "did not retaliate")
    that the events stage left asserted."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or event.modality == "negated":
        return False
    token = span.root
    if token.lemma_.lower() == "rule":
        return False  # "refused to rule out force" is the threat
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _REFUSING_VERBS:
        return True
    if token.lemma_.lower() in _REFUSING_VERBS and any(
        _hostile_act(c) for c in token.children if c.dep_ == "xcomp"
    ):
        return True  # the refusal itself: "refused to retaliate against China" is restraint
    return any(c.dep_ == "neg" for c in token.children)


def _hostile_act(verb: Token) -> bool:
    """Whether the event lexicon lists the verb under a hostile PLOVER type."""
    rows = load_event_lexicon().get((verb.lemma_.lower(), "VERB"), [])
    return any(
        row.type in EVENT_WEIGHTS and row.type != "REJECT" and row.holds(verb) for row in rows
    )


def _event_findings(
    article: Article, doc: Doc, findings: list[_Finding], reading: _Reading
) -> list[_Finding]:
    """Evidence from what actors do: the side the article speaks for, its opponents and
    friends, agents of hostile acts, and the victims of condemned actors."""
    own_side, voice = reading.own_side, reading.voice
    states = {
        a.id: (a.country or a.id) if a.kind == "person" else a.id.split("-")[0]
        for a in article.actors
    }
    public = {a.id for a in article.actors if a.sector == "CVL"}
    described = {(f.actor, f.evidence.start) for f in findings}
    # An act the text praises as it reports it ("to its credit, imposed a moratorium") is
    # not held against its doer.
    described |= {
        (f.actor, f.verb_start)
        for f in findings
        if f.verb_start is not None and f.evidence.weight > 0
    }
    weighed: list[tuple[Event, float]] = []
    for event in article.events:
        factor = MODALITY_FACTORS.get(event.modality, 1.0)
        if _refused(doc, event):
            factor = 0.0
        elif reading.asks(event.trigger.start):
            factor = 0.0  # "Will the EU impose measures?" asks, it does not say
        elif reading.in_question(event.trigger.start):
            factor *= NEWS_EVENT_FACTOR  # a journalist's report of what happened
        if factor:
            weighed.append((event, factor))
    side: list[_Finding] = []

    def add(event: Event, actors: Iterable[str], weight: float, why: str) -> None:
        t = event.trigger
        ev = Evidence(t.start, t.end, t.text, "event", round(weight, 3), why)
        side.extend(_Finding(actor, ev) for actor in actors if actor not in own_side)

    for event, factor in weighed:
        by_voice = bool(voice and own_side & set(event.actors))
        even_handed = (
            event.type == "REQUEST" and len({states.get(r, r) for r in event.recipients}) > 1
        )
        if by_voice and event.type in OPPONENT_WEIGHTS and not even_handed:
            # (A call on both sides to show restraint takes no side.)
            add(
                event,
                event.recipients,
                OPPONENT_WEIGHTS[event.type] * factor,
                f"target of {event.type} by {voice}, the side the article speaks for",
            )
        if by_voice and event.type in ALLY_WEIGHTS:
            # "We stand with Ukraine" in an EU statement.
            add(
                event,
                event.recipients,
                ALLY_WEIGHTS[event.type] * factor,
                f"{voice}, the side the article speaks for, does {event.type} to it",
            )
        if by_voice and event.type in _PARTNER_TYPES and not event.recipients:
            add(
                event,
                event.actors,
                PARTNER_WEIGHT * factor,
                f"joins {voice}, the side the article speaks for, in {event.type} "
                f"({PARTNER_WEIGHT:+.1f} x {factor:g})",
            )
        if voice and own_side & set(event.recipients) and event.type in _AGAINST_VOICE_TYPES:
            # "The West rejected every Russian proposal" in Russian state media.
            add(
                event,
                event.actors,
                AGAINST_VOICE_WEIGHT * factor,
                f"does {event.type} to {voice}, the side the article speaks for",
            )
    # Those the voice backs, and those who back the voice, are its friends; backing a friend
    # is friendly ("Nicaragua and Venezuela stood with Cuba" in teleSUR), and a hostile act
    # against one is hostile ("Washington expelled two Cuban diplomats").
    friends: dict[str, str] = {}
    for event, _ in weighed:
        if not voice or event.type not in ALLY_WEIGHTS:
            continue
        if own_side & set(event.actors):
            for r in event.recipients:
                friends.setdefault(r, f"whom {voice}, the side the article speaks for, backs")
        elif own_side & set(event.recipients):
            for a in event.actors:
                friends.setdefault(a, f"who backs {voice}, the side the article speaks for")
    for actor in own_side:
        friends.pop(actor, None)
    for event, factor in weighed:
        if not friends:
            break
        backed = [r for r in event.recipients if r in friends or r in own_side]
        if event.type in ALLY_WEIGHTS and backed:
            who = ", ".join(backed)
            add(
                event,
                [a for a in event.actors if a not in event.recipients],
                FRIEND_OF_FRIEND_WEIGHT * factor,
                f"does {event.type} to {who}, on the side the article speaks for "
                f"({FRIEND_OF_FRIEND_WEIGHT:+.1f} x {factor:g})",
            )
        hurt = [r for r in event.recipients if r in friends]
        if event.type in _AGAINST_VOICE_TYPES and hurt and not own_side & set(event.actors):
            add(
                event,
                [a for a in event.actors if a not in friends],
                AGAINST_FRIEND_WEIGHT * factor,
                f"does {event.type} to {hurt[0]}, {friends[hurt[0]]} "
                f"({AGAINST_FRIEND_WEIGHT:+.1f} x {factor:g})",
            )
    prelim = _totals([*findings, *side], article.actors, reading.news)
    # Each agent's act as it would weigh with nothing excused.
    naive: list[tuple[Event, float, _Finding]] = []
    for event, factor in weighed:
        base = EVENT_WEIGHTS.get(event.type)
        if base is None:
            continue
        t = event.trigger
        scaled = factor * (NEWS_EVENT_FACTOR if reading.news else 1.0)
        why = f"agent of {event.type} ({event.modality}, {base:+.1f} x {scaled:g})"
        ev = Evidence(t.start, t.end, t.text, "event", round(base * scaled, 3), why)
        naive += [
            (event, factor, _Finding(actor, ev))
            for actor in event.actors
            if (actor, t.start) not in described
            and actor not in own_side
            and not (actor in public and event.type in _OBJECTION_TYPES)
        ]
    whole = _totals([*findings, *side, *(f for _, _, f in naive)], article.actors, reading.news)

    def condemned(recipient: str, doers: set[str]) -> bool:
        """Condemned by the words and the side the article takes, or, when they lean against
        it, by its own deeds, not counting what it does to these doers (two sides trading
        blows are both blamed)."""
        if recipient in own_side:
            return False
        back = sum(
            f.evidence.weight
            for e, _, f in naive
            if f.actor == recipient and doers & set(e.recipients)
        )
        words = prelim.get(recipient, 0.0)
        deeds = whole.get(recipient, 0.0) - back
        return words <= CONDEMNED_BELOW or (words < 0 and deeds <= CONDEMNED_BELOW)

    agents: list[_Finding] = []
    for event, factor, finding in naive:
        actor, t = finding.actor, event.trigger
        against = [r for r in event.recipients if condemned(r, {actor})]
        if not against:
            agents.append(finding)
        elif voice and not reading.news and actor not in event.recipients:
            # "Manila summoned the envoy" of a state the text calls a bully.
            why = (
                f"does {event.type} to {', '.join(against)}, whom the article "
                f"condemns: on the side of {voice} ({FRIEND_WEIGHT:+.1f} x {factor:g})"
            )
            ev = Evidence(t.start, t.end, t.text, "event", round(FRIEND_WEIGHT * factor, 3), why)
            agents.append(_Finding(actor, ev))
    if reading.news:
        return side + agents
    for event, factor in weighed:
        if event.type not in ALLY_WEIGHTS:
            continue
        for actor in event.actors:
            backed = [r for r in event.recipients if condemned(r, {actor})]
            if backed and actor not in own_side and actor not in event.recipients:
                # "Iran, which arms the group", "Washington stands behind the aggressor".
                t = event.trigger
                why = (
                    f"does {event.type} to {', '.join(backed)}, whom the article condemns "
                    f"({BACKER_WEIGHT:+.1f} x {factor:g})"
                )
                ev = Evidence(
                    t.start, t.end, t.text, "event", round(BACKER_WEIGHT * factor, 3), why
                )
                agents.append(_Finding(actor, ev))
    victims: list[_Finding] = []
    for event, factor in weighed:
        if event.type not in _VICTIM_TYPES:
            continue
        culprits = [a for a in event.actors if condemned(a, set(event.recipients))]
        if not culprits:
            continue
        why = (
            f"target of {event.type} by {', '.join(culprits)}, whom the article condemns "
            f"({VICTIM_EVENT_WEIGHT:+.1f} x {factor:g})"
        )
        t = event.trigger
        ev = Evidence(t.start, t.end, t.text, "event", round(VICTIM_EVENT_WEIGHT * factor, 3), why)
        victims += [_Finding(r, ev) for r in event.recipients if r not in event.actors]
    return side + agents + victims


def score_stance(
    article: Article,
    doc: Doc,
    lexicon: Mapping[str, StanceWord],
    *,
    scale: float = 1.5,
    threshold: float = 0.01,
    news_threshold: float = 0.45,
) -> list[Stance]:
    """One Stance per actor of the article, with the evidence it rests on.

    Event evidence, in order: the side the article speaks for (``article_voice``, or the
    state of state-affiliated media whose news reads as commentary) makes the targets of its
    hostile acts its opponents and those it supports its friends, and those who act against
    it its opponents; then each agent of a hostile act is weighed by type and modality
    (x0.2 in news), unless what it acts against is an actor the evidence so far condemns
    (then, with a voice, it stands on the voice's side); last, outside news, the target of
    an assault, coercion or threat by a condemned actor is its victim.
    """
    article = _with_official_states(article, doc)
    # Stance keeps each actor's evidence its own; sectors and people reach their state below.
    people = StanceParticipants(doc, article)
    people.antecedents = pointing_antecedents(doc, article, people)
    matches = match_lexicon(doc, lexicon)
    reading = _read(article, doc, matches)
    findings = _word_findings(doc, matches, people, reading)
    if not reading.news:
        findings += _sentence_subjects(doc, matches, findings, people, reading)
    for quote in article.quotes:
        if quote.kind != "scare":
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        actors, how = span_actors(span, people, inside=False)
        for actor in actors:
            if actor in reading.own_side:
                continue  # the side the article speaks for keeps a distance from others' words
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
        actors, how = span_actors(span, people, inside=True)
        for actor in actors:
            if actor in reading.own_side:
                # The article's persuasion is aimed at others ("we reject these baseless
                # allegations"), not at the side it speaks for.
                continue
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
                    NEWS_DESCRIPTION_FACTOR,
                )
            )
    if not reading.news:
        findings = _doubted_words(article, findings)
    # Events last: whether an actor is condemned reads all the words, scare quotes and
    # techniques about it.
    findings += _event_findings(article, doc, findings, reading)
    if not reading.news:
        findings += _alignment_findings(article, findings, reading)
    if reading.voice:
        speaking = next((a for a in article.actors if a.id == reading.voice), None)
        if speaking is not None and speaking.mentions:
            first = speaking.mentions[0]
            why = f"{_VOICE_WHY} {reading.voice}: {reading.reason}"
            ev = Evidence(first.start, first.end, first.text, "description", VOICE_WEIGHT, why)
            findings.append(_Finding(reading.voice, ev))
        for issuer in reading.joint:
            co_issuer = next((a for a in article.actors if a.id == issuer), None)
            if co_issuer is not None and co_issuer.mentions:
                first = co_issuer.mentions[0]
                why = f"{_VOICE_WHY} {issuer} too: the title of the joint statement names it"
                ev = Evidence(first.start, first.end, first.text, "description", VOICE_WEIGHT, why)
                findings.append(_Finding(issuer, ev))
    findings += _interview_findings(article)
    if not reading.news:
        findings += _speaker_findings(article, findings)
        findings += _judge_findings(article, findings, reading)
    if reading.news:
        # A wire report describes and quotes; the words it reports weigh less than an
        # opinion writer's own ("launched its full-scale invasion" in a Reuters story).
        findings = [_news_damped(f) for f in findings]
    band = news_threshold if reading.news else threshold
    stances = _aggregate(article.actors, _one_per_span(findings), scale, band)
    stances = _kin_fallback(article.actors, stances, scale, band)
    stances = _company_fallback(article, doc, stances, scale, band)
    # a body whose state only its company reached
    return _kin_fallback(article.actors, stances, scale, band)


def _alignment_findings(
    article: Article, findings: list[_Finding], reading: _Reading
) -> list[_Finding]:
    """Outside news, the company an actor keeps: the recipient of support or cooperation by
    an actor the text condemns ("Washington stands behind the aggressor", "Finland joined
    NATO" in a text that condemns Finland) shares its blame at ``ALIGNMENT_WEIGHT``, scaled
    by the act's modality. Not the side the article speaks for, and not the doer's own state
    or its organs. Aid is left out: aid often goes to those the text pities."""
    totals = _totals(findings, article.actors, False)
    out: list[_Finding] = []
    for event in article.events:
        factor = MODALITY_FACTORS.get(event.modality, 1.0)
        if event.type not in _ALIGNING_TYPES or not factor:
            continue
        for source in event.actors:
            view = totals.get(source, 0.0)
            if view > CONDEMNED_BELOW:
                continue
            weight = round(ALIGNMENT_WEIGHT * factor, 3)
            why = (
                f"backed by, or joined by, {source}, whom the article condemns ({view:+.2f}), "
                f"in {event.type} ({ALIGNMENT_WEIGHT:+.1f} x {factor:g})"
            )
            t = event.trigger
            ev = Evidence(t.start, t.end, t.text, "alignment", weight, why)
            side = _speaker_state(source, article)
            out += [
                _Finding(partner, ev)
                for partner in event.recipients
                if partner not in reading.own_side
                and partner not in event.actors
                and _speaker_state(partner, article) != side
            ]
    return out


def _speaker_findings(article: Article, findings: list[_Finding]) -> list[_Finding]:
    """Outside news, a speaker whose quoted or reported words judge an actor the way the rest
    of the article does stands with the article (``SPEAKER_WEIGHT``), and against it when
    the words judge the other way: an op-ed quotes its allies and its opponents.

    The words are the evidence found inside the quote; the article's view is the actor's
    evidence outside this quote, which must weigh at least ``SPEAKER_VIEW`` either way."""
    out: list[_Finding] = []
    for quote in article.quotes:
        speaker = quote.speaker
        if quote.kind not in ("direct", "reported") or not speaker:
            continue
        own = {speaker, _speaker_state(speaker, article)}
        inside = [
            f
            for f in findings
            if quote.start <= f.evidence.start < quote.end
            and f.evidence.kind in ("description", "event")
            and f.actor not in own
            and not f.evidence.explanation.startswith(_VOICE_WHY)
        ]
        if not inside:
            continue
        said: dict[str, float] = defaultdict(float)
        for f in inside:
            said[f.actor] += f.evidence.weight
        rest = _totals([f for f in findings if f not in inside], article.actors, False)
        best: tuple[float, str, float, float] | None = None
        for actor, words in said.items():
            view = rest.get(actor, 0.0)
            if abs(view) < SPEAKER_VIEW or abs(words) < 0.1:
                continue
            weight = SPEAKER_WEIGHT if (view > 0) == (words > 0) else -SPEAKER_WEIGHT
            if best is None or abs(view) > abs(best[2]):
                best = (weight, actor, view, words)
        if best is None:
            continue
        weight, actor, view, words = best
        agree = "agree with" if weight > 0 else "go against"
        why = (
            f"the speaker's words on {actor} ({words:+.2f}) {agree} the article's view of it "
            f"({view:+.2f} elsewhere)"
        )
        out.append(
            _Finding(speaker, Evidence(quote.start, quote.end, quote.text, "quote", weight, why))
        )
    return out


INTERVIEW_WEIGHT = 0.5
"""A person who spoke to the article itself ("she told me", "he told Xinhua") is a source the
article chose to give the floor to."""
# Words of an outlet's name that name no outlet on their own ("told Foreign" is nothing; a
# ministry's statement names offices, not a newsroom)
_OUTLET_FILLER = frozenset(
    {
        "The", "News", "Agency", "Times", "Daily", "Post", "Online", "Press", "Ministry",
        "Foreign", "Affairs", "External", "Department", "Office", "Government", "Republic",
        "Kingdom", "State", "States", "Council", "Commission", "International", "Cooperation",
        "Spokesperson", "Secretary", "General", "People", "Democratic", "Federal",
    }
)  # fmt: skip


def _interview_findings(article: Article) -> list[_Finding]:
    """A quoted person who spoke to the author ("told me", "told us") or to the outlet
    ("told TASS", "in an interview with Xinhua"), words outside the quote itself."""
    outlet_name = "" if article.meta.genre == "statement" else article.meta.outlet or ""
    names = [w for w in re.findall(r"[A-Z][\w-]+", outlet_name) if w not in _OUTLET_FILLER]
    outlet = "|".join(re.escape(w) for w in names)
    pattern = re.compile(
        r"\b(?:told|telling|said to|speaking to|in an interview with)\s+(?:me|us"
        + (f"|(?:the )?(?:{outlet})" if outlet else "")
        + r")\b"
    )
    out: list[_Finding] = []
    seen: set[str] = set()
    for quote in article.quotes:
        speaker = quote.speaker
        if quote.kind not in ("direct", "reported") or not speaker or speaker in seen:
            continue
        if not speaker.startswith("person:"):
            continue
        lo, hi = quote.start, quote.end
        if quote.speaker_mention is not None:
            lo, hi = min(lo, quote.speaker_mention.start), max(hi, quote.speaker_mention.end)
        window_start = max(0, lo - 5)
        for m in pattern.finditer(article.text, window_start, hi + 40):
            if quote.start <= m.start() < quote.end:
                continue  # words inside the quote are the speaker's, not the article's
            why = f"the article's own interview: the speaker {m.group(0)}"
            out.append(
                _Finding(
                    speaker,
                    Evidence(m.start(), m.end(), m.group(0), "quote", INTERVIEW_WEIGHT, why),
                )
            )
            seen.add(speaker)
            break
    return out


def _judge_findings(
    article: Article, findings: list[_Finding], reading: _Reading
) -> list[_Finding]:
    """Outside news, an actor who praises or condemns another the way the rest of the
    article does stands with the article ("Mexico praised the 'exemplary civic conduct' of
    Bolivian voters" in a text on Bolivia's side), and against it when it judges the other
    way (``SPEAKER_WEIGHT``; the article's view is the judged actor's evidence without this
    judgement and must weigh at least ``SPEAKER_VIEW``)."""
    out: list[_Finding] = []
    for finding in findings:
        if not finding.judges or abs(finding.evidence.weight) < 0.1:
            continue
        view = _totals(
            [f for f in findings if f.evidence.start != finding.evidence.start],
            article.actors,
            False,
        ).get(finding.actor, 0.0)
        if abs(view) < SPEAKER_VIEW:
            continue
        agree = (view > 0) == (finding.evidence.weight > 0)
        weight = SPEAKER_WEIGHT if agree else -SPEAKER_WEIGHT
        e = finding.evidence
        why = (
            f"judges {finding.actor} ({e.weight:+.2f}) the way the article "
            f"{'does' if agree else 'does not'} ({view:+.2f} elsewhere)"
        )
        out += [
            _Finding(judge, Evidence(e.start, e.end, e.text, "description", weight, why))
            for judge in finding.judges
            if judge not in reading.own_side
        ]
    return out


def _doubted_words(article: Article, findings: list[_Finding]) -> list[_Finding]:
    """Outside news, what the writer reports with a doubting verb ("claimed that Y was a
    criminal", "boasted that ...") is no judgement of the article's: the words inside such a
    quote about anyone but its speaker count the other way at ``VICTIM_FACTOR``."""
    doubted = [
        q
        for q in article.quotes
        if q.kind in ("direct", "reported")
        and q.speaker
        and (q.cue or "").lower().startswith(_DOUBTING_CUES)
    ]
    if not doubted:
        return findings
    out = []
    for f in findings:
        ev = f.evidence
        quote = next((q for q in doubted if q.start <= ev.start < q.end), None)
        if (
            quote is None
            or ev.kind != "description"
            or _speaker_state(f.actor, article) == _speaker_state(quote.speaker or "", article)
        ):
            # (what a speaker claims about itself and its own state is not a charge)
            out.append(f)
            continue
        why = (
            f"introduced by '{(quote.cue or '').lower()}', which doubts it: counts the other way "
            f"(x-{VICTIM_FACTOR:g}); {ev.explanation}"
        )
        weight = round(-ev.weight * VICTIM_FACTOR, 3)
        out.append(
            _Finding(
                f.actor,
                Evidence(ev.start, ev.end, ev.text, ev.kind, weight, why),
                f.news_factor,
                f.verb_start,
            )
        )
    return out


def _speaker_state(speaker: str, article: Article) -> str:
    actor = next((a for a in article.actors if a.id == speaker), None)
    if actor is not None and actor.country:
        return actor.country
    return speaker.split("-")[0]


def _news_damped(finding: _Finding) -> _Finding:
    if finding.news_factor == 1.0:
        return finding
    ev = finding.evidence
    return _Finding(
        finding.actor,
        Evidence(
            ev.start,
            ev.end,
            ev.text,
            ev.kind,
            round(ev.weight * finding.news_factor, 3),
            ev.explanation + f" (news: x{finding.news_factor:g})",
        ),
    )


def _one_per_span(findings: list[_Finding]) -> list[_Finding]:
    """One piece of evidence per actor and span: the weightiest ("condemns" read as a word
    and as the voice's accusation is counted once)."""
    best: dict[tuple[str, int, int], _Finding] = {}
    for f in findings:
        key = (f.actor, f.evidence.start, f.evidence.end)
        if key not in best or abs(f.evidence.weight) > abs(best[key].evidence.weight):
            best[key] = f
    return list(best.values())


def _aggregate(
    actors: list[Actor], findings: list[_Finding], scale: float, threshold: float
) -> list[Stance]:
    by_actor: dict[str, list[Evidence]] = defaultdict(list)
    for f in findings:
        by_actor[f.actor].append(f.evidence)
    # A state stands for its organs (GOV, MIL, SPY, COP, LEG, JUD, BUS), and they for it;
    # civilians and media are often set against their government, so theirs stays their own.
    # What a state's official says or does reflects on the state.
    related = _related(actors)
    stances = []
    for actor in actors:
        propagated = [
            _via(ev, other) for other in related.get(actor.id, []) for ev in by_actor.get(other, [])
        ]
        evidence = [*by_actor.get(actor.id, []), *propagated]
        ranked = tuple(sorted(evidence, key=lambda e: (-abs(e.weight), e.start)))
        stances.append(_stance_from(actor.id, ranked, scale, threshold))
    return stances


def _via(ev: Evidence, other: str, note: str = "") -> Evidence:
    """Another actor's evidence at half weight ("via JPN-GOV: ...")."""
    weight = round(ev.weight * PROPAGATION, 3)
    return Evidence(
        ev.start, ev.end, ev.text, ev.kind, weight, f"via {other}{note}: {ev.explanation}"
    )


def _stance_from(
    actor: str, evidence: tuple[Evidence, ...], scale: float, threshold: float
) -> Stance:
    """The score (tanh of the summed weights over ``scale``) and label the evidence gives."""
    score = math.tanh(sum(e.weight for e in evidence) / scale)
    label = (
        # an actor with no net evidence (score 0) is neutral whatever the threshold
        "negative"
        if score < 0 and score <= -threshold
        else "positive"
        if score > 0 and score >= threshold
        else "neutral"
    )
    return Stance(actor=actor, score=round(score, 3), label=label, evidence=evidence)


CIVILIAN_WEIGHT = 0.3
"""An article's civilians (a state's people, farmers, fishermen, villagers) with no evidence
of their own are the people things happen to: read as sympathetic."""


def _kin_fallback(
    actors: list[Actor], stances: list[Stance], scale: float, threshold: float
) -> list[Stance]:
    """Actors that no evidence reaches: civilians are sympathetic, and a state's other bodies
    and people share the state's treatment, at half its weight."""
    by_id = {s.actor: s for s in stances}
    out = []
    for actor, stance in zip(actors, stances, strict=True):
        if stance.evidence or not actor.mentions:
            out.append(stance)
            continue
        if actor.sector == "CVL":
            first = actor.mentions[0]
            why = "civilians the text says nothing against: read as the people affected"
            evidence: tuple[Evidence, ...] = (
                Evidence(first.start, first.end, first.text, "description", CIVILIAN_WEIGHT, why),
            )
        else:
            parent = by_id.get(actor.country or "")
            if parent is None or parent.actor == actor.id or not parent.evidence:
                out.append(stance)
                continue
            evidence = tuple(
                _via(ev, parent.actor, " (no evidence of its own)")
                for ev in parent.evidence
                if not ev.explanation.startswith("via ")
            )
            if not evidence:
                out.append(stance)
                continue
        out.append(_stance_from(actor.id, evidence, scale, threshold))
    return out


COMPANY_WEIGHT = 0.3
"""An actor with no evidence of its own keeps the company it is named in: one vote per event
or coordination with an actor the article treats one way."""
# (not AID: aid often goes to those the text pities, and aligns no one)
_FRIENDLY_TYPES = frozenset({"SUPPORT", "COOPERATE"})
_HOSTILE_TYPES = frozenset(
    {"ACCUSE", "COERCE", "ASSAULT", "SANCTION", "REJECT", "PROTEST", "THREATEN"}
)


def _company_fallback(
    article: Article, doc: Doc, stances: list[Stance], scale: float, threshold: float
) -> list[Stance]:
    """Actors that still have no evidence: one who supports or works with an actor the
    article treats one way is treated the same, one who acts against it (or is acted
    against by it) the other way; one named in a coordination with it ("France and the
    Netherlands asked ...") the same. The other actor's treatment is read without the
    event's own verb, so that a judge's praise does not come back to the judge."""
    labelled = {s.actor: s for s in stances if s.evidence and s.label != "neutral"}
    if not labelled:
        return stances

    def sign_outside(actor_id: str, start: int, end: int) -> int:
        """The actor's sign, when its evidence outside [start, end) has that sign too."""
        other = labelled.get(actor_id)
        if other is None:
            return 0
        sign = 1 if other.label == "positive" else -1
        total = sum(e.weight for e in other.evidence if e.end <= start or e.start >= end)
        return sign if total * sign > 0 else 0

    heads: dict[int, set[str]] = defaultdict(set)
    for actor in article.actors:
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                heads[span.root.i].add(actor.id)
    out = []
    for actor, stance in zip(article.actors, stances, strict=True):
        if stance.evidence:
            out.append(stance)
            continue
        evidence: list[Evidence] = []
        for event in article.events:
            if actor.id in event.actors:
                others = event.recipients
            elif actor.id in event.recipients:
                others = event.actors
            else:
                continue
            if event.type in _FRIENDLY_TYPES:
                sign, how = 1, "works with"
            elif event.type in _HOSTILE_TYPES:
                sign, how = -1, "is set against"
            else:
                continue
            for other in others:
                # (not the event's own verb: "Laos praised Myanmar" is no view of Myanmar)
                treated = sign_outside(other, event.trigger.start, event.trigger.end)
                if other == actor.id or not treated:
                    continue
                why = (
                    f"no evidence of its own: it {how} {other} ({event.type}), "
                    f"whom the article treats {'well' if treated > 0 else 'badly'}"
                )
                t = event.trigger
                weight = COMPANY_WEIGHT * sign * treated
                evidence.append(Evidence(t.start, t.end, t.text, "event", weight, why))
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span.root.conjuncts:
                for other in heads.get(token.i, ()):
                    treated = sign_outside(other, m.start, m.end)
                    if other == actor.id or not treated:
                        continue
                    why = (
                        f"no evidence of its own: named together with {other}, whom the "
                        f"article treats {'well' if treated > 0 else 'badly'}"
                    )
                    weight = COMPANY_WEIGHT * treated
                    evidence.append(Evidence(m.start, m.end, m.text, "description", weight, why))
        if not evidence:
            out.append(stance)
            continue
        out.append(_stance_from(actor.id, tuple(evidence), scale, threshold))
    return out


class StanceStage:
    """Scores every actor from the evidence around its mentions; assigns ``stance``."""

    name = "stance"
    requires: tuple[str, ...] = ("actors", "events")
    assigns: tuple[str, ...] = ("stance",)

    def __init__(
        self,
        lexicon_file: str | None = None,
        scale: float = 1.5,
        threshold: float = 0.01,
        news_threshold: float = 0.45,
    ) -> None:
        if scale <= 0 or not 0 <= threshold < 1 or not 0 <= news_threshold < 1:
            raise ConfigError(
                f"[stages.stance]: scale must be > 0 and threshold and news_threshold in [0, 1), "
                f"got scale={scale}, threshold={threshold}, news_threshold={news_threshold}"
            )
        self.lexicon = load_stance_lexicon(lexicon_file)
        self.scale = scale
        self.threshold = threshold
        self.news_threshold = news_threshold

    @classmethod
    def from_config(cls, settings: Mapping[str, Any]) -> Self:
        unknown = set(settings) - {"lexicon_file", "scale", "threshold", "news_threshold"}
        if unknown:
            raise ConfigError(
                f"[stages.stance]: unknown setting(s) {', '.join(sorted(unknown))}; "
                "known: lexicon_file, scale, threshold, news_threshold"
            )
        return cls(
            lexicon_file=settings.get("lexicon_file") or None,
            scale=float(settings.get("scale", 1.5)),
            threshold=float(settings.get("threshold", 0.01)),
            news_threshold=float(settings.get("news_threshold", 0.45)),
        )

    def _score(self, article: Article, doc: Doc) -> Article:
        article.stance = score_stance(
            article,
            doc,
            self.lexicon,
            scale=self.scale,
            threshold=self.threshold,
            news_threshold=self.news_threshold,
        )
        return article

    def __call__(self, article: Article) -> Article:
        return self._score(article, parse(article))

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Article]:
        articles = list(articles)
        for article, doc in zip(articles, parse_many(articles, batch_size), strict=True):
            yield self._score(article, doc)
