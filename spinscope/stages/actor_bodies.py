"""Bodies the text names without their state, in the actors stage.

News names a body once in full and then by its bare noun, or leaves its state to the story:

- **an unowned ministry or embassy** ("the ministry said", "a Commerce Ministry spokesperson",
  "the Ministry of Foreign Affairs") is the ministry named last before it ("Japan's Defense
  Ministry said ... the ministry said" is Japan's military), else the issuer's in a
  statement, else the dateline state's;
- **a bare noun that ends a name given earlier** ("the European Commission ... The Commission
  insists", "the General Assembly ... the Assembly") is that name's actor;
- **a definite person noun seen before** ("an official at the Chinese embassy ... The
  official told us", "Foreign Minister Ana Lopes ... the minister said") is the actor the
  earlier one was linked to;
- **unowned police, army or protesters** ("police fired tear gas in Tbilisi", "the army
  said") belong to the state the sentence places them in, else the one state it (or, for
  forces, the sentence before or the dateline) names.

``actor_references.py`` calls these from its pass over the tokens; each returns a
``LinkedMention`` or None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from spinscope.stages.actor_table import AliasTable, LinkedMention, make_mention, sector_code

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "BODY_NOUNS",
    "FORCE_NOUNS",
    "PEOPLE_NOUNS",
    "PERSON_NOUNS",
    "name_given_before",
    "same_noun_before",
    "story_state",
    "unowned_body",
]

BODY_NOUNS = frozenset({"ministry", "embassy"})
FORCE_NOUNS = frozenset({"police", "army", "military", "navy", "forces"})
PEOPLE_NOUNS = frozenset({"protesters", "demonstrators", "civilians"})
# Definite person nouns that point back: "the official", "the diplomat", "the spokesman".
PERSON_NOUNS = frozenset(
    {
        "official", "diplomat", "spokesman", "spokeswoman", "spokesperson", "ambassador",
        "envoy", "minister", "negotiator", "commander", "officer", "president", "premier",
        "general", "senator", "chancellor", "governor", "mayor", "admiral",
    }
)  # fmt: skip
# Words that may name a ministry without naming another body: "the Commerce Ministry", "the
# Ministry of Foreign Affairs", "the defence ministry".
_BODY_NAME_WORDS = frozenset(
    {
        "foreign", "affairs", "external", "defence", "defense", "national", "interior", "home",
        "justice", "finance", "trade", "commerce", "health", "economy", "economic",
        "agriculture", "energy", "unification", "federal", "security", "industry", "culture",
        "information", "emergency", "emergencies", "situations", "natural", "resources",
        "and", "the", "of", "state", "public", "international", "cooperation", "development",
        "european", "integration", "war",
    }
)  # fmt: skip
# Words a force noun may carry and still have no owner: "riot police", "security forces".
_FORCE_WORDS = frozenset({"riot", "security", "national", "local", "federal", "armed", "state"})
# Last words of names too general to point back ("the Islamic State" ... "the state").
_GENERIC_HEADS = frozenset(
    {
        "state", "states", "world", "community", "people", "countries", "nations", "powers",
        "governments", "forces", "government", "republic", "party", "movement", "union",
    }
)  # fmt: skip
_LOCATIVE = frozenset({"in", "across", "throughout", "at", "outside", "near", "inside"})


def _is_state(actor: str, table: AliasTable) -> bool:
    entry = table.entries.get(actor)
    return entry is not None and entry.kind == "state"


def unowned_body(
    token: Token,
    by_token: Mapping[int, LinkedMention],
    own_state: str | None,
    home: str | None,
    table: AliasTable,
) -> LinkedMention | None:
    """ "the ministry", "a Commerce Ministry spokesperson", "the Ministry of Foreign Affairs".

    A ministry or embassy with no state word, possessor or other body in its phrase: the same
    noun linked last before it when the noun stands alone ("the ministry said" is the ministry
    just named, sector and all); else the issuer's state in a statement, the dateline's state
    in a wire, or the state of the ministry named last, with the sector its own words give
    ("the defence ministry" is MIL).
    """
    doc = token.doc
    children = list(token.children)
    if any(c.dep_ == "poss" for c in children):
        return None
    modifiers = [c for c in children if c.dep_ in ("compound", "amod", "nmod")]
    of_phrases = [c for c in children if c.dep_ == "prep" and c.lower_ == "of"]
    phrase = [t for c in modifiers + of_phrases for t in c.subtree]
    if any(t.i in by_token or t.lower_ not in _BODY_NAME_WORDS for t in phrase):
        return None
    det = next((c for c in children if c.dep_ == "det"), None)
    if det is not None and det.lower_ not in ("the", "a", "an"):
        return None
    if det is None and token.dep_ != "compound":
        return None  # "Ministry officials said" is not a body named alone
    start = min([token.i, *(t.i for t in phrase)])
    if det is not None and det.lower_ == "the" and det.i < start:
        start = det.i
    end = max([token.i, *(t.i for t in phrase)]) + 1
    earlier = next(
        (
            by_token[i]
            for i in range(token.i - 1, -1, -1)
            if i in by_token
            and doc[by_token[i].head].lower_ == token.lower_
            and not by_token[i].actor.startswith("person:")
        ),
        None,
    )
    if not phrase and earlier is not None:
        how = f"'the {token.lower_}': {earlier.text}, named before"
        return make_mention(doc, start, end, earlier.actor, token.i, how)
    state = own_state or home or (earlier.actor.split("-")[0] if earlier else None)
    if state is None or not _is_state(state, table):
        return None
    actor = f"{state}-{sector_code(token, table)}"
    return make_mention(doc, start, end, actor, token.i, f"'the {token.lower_}' of {state}")


def name_given_before(
    token: Token, mentions: Sequence[LinkedMention], table: AliasTable
) -> LinkedMention | None:
    """ "The Commission" after "the European Commission": the actor of the last name before it
    that ends with the same noun ("the Assembly" after "the General Assembly", "the Parliament"
    after "the Georgian Parliament")."""
    if token.lower_ in _GENERIC_HEADS or token.pos_ not in ("NOUN", "PROPN"):
        return None
    found = None
    for m in mentions:
        if m.end > token.idx:
            break
        words = m.text.split()
        named = m.how.startswith(("alias", "demonym", "capital"))
        body = not m.actor.startswith("person:") and table.entry(m.actor).kind != "place"
        if named and body and len(words) > 1 and words[-1].lower() == token.lower_:
            found = m
    if found is None:
        return None
    doc = token.doc
    how = f"'the {token.text}': {found.text}, named before"
    return make_mention(doc, token.i - 1, token.i + 1, found.actor, token.i, how)


def same_noun_before(
    token: Token, window_start: int, by_token: Mapping[int, LinkedMention]
) -> LinkedMention | None:
    """ "The official" after "an official at the Chinese embassy": what the same noun was
    linked to the last time it stood in the text (itself, the person it titles, or the body in
    its phrase); nothing when that one was linked to nothing."""
    doc = token.doc
    lemma = token.lemma_.lower()
    for i in range(token.i - 1, window_start - 1, -1):
        before = doc[i]
        if before.lemma_.lower() != lemma or before.pos_ not in ("NOUN", "PROPN"):
            continue
        linked = by_token.get(i)
        person = next(
            (
                by_token[c.i]
                for c in before.children
                if c.dep_ == "appos"
                and c.i in by_token
                and by_token[c.i].actor.startswith("person:")
            ),
            None,
        )
        if person is not None:
            linked = person  # "Tunisia's president, Kamel Bouzid, ... The president said"
        elif (
            before.dep_ in ("compound", "appos")
            and before.head.i in by_token
            and by_token[before.head.i].actor.startswith("person:")
        ):
            linked = by_token[before.head.i]  # "Senior General Kyaw ... The general told"
        if linked is None and before.dep_ in ("compound", "appos", "amod"):
            linked = by_token.get(before.head.i)  # "Foreign Minister Ana Lopes"
        if linked is None:
            linked = next(
                (
                    by_token[t.i]
                    for c in before.children
                    if c.dep_ == "prep"
                    for t in c.subtree
                    if t.i in by_token and not by_token[t.i].actor.startswith("person:")
                ),
                None,
            )  # "an official at the Chinese embassy"
        if linked is None and any(c.dep_ == "compound" for c in before.children):
            continue  # "the Commission president" is another office than "the president"
        if linked is None:
            return None
        how = f"'the {token.lower_}': the {before.lower_} linked before"
        return make_mention(doc, token.i - 1, token.i + 1, linked.actor, token.i, how)
    return None


def _unowned(token: Token) -> bool:
    """A force or people noun with no owner: "police", "the army", "riot police", "peaceful
    protesters"; not "its army", "Russian forces" (linked already), "the police of X"."""
    allowed = _FORCE_WORDS | ({"peaceful"} if token.lower_ in PEOPLE_NOUNS else frozenset())
    for c in token.children:
        if c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ != "the"):
            return False
        if c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in allowed:
            return False
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            return False
    if token.lower_ == "forces" and not any(c.lower_ == "security" for c in token.children):
        return False  # only "security forces": "the forces" points back
    return token.dep_ not in ("compound", "amod") and token.pos_ in ("NOUN", "PROPN")


def story_state(
    token: Token,
    sent: Span,
    previous: Span | None,
    states_in: Mapping[int, str],
    home: str | None,
    table: AliasTable,
) -> LinkedMention | None:
    """Police, an army or protesters with no owner: the state the sentence places them in
    ("police have used tear gas ... in Tbilisi"), else the one state the sentence names; for
    forces also the one state of the sentence before, else the dateline's state ("the army
    said" in a Bogota wire). ``states_in`` maps a token to the state it names, as a participant
    or as a place (capitals included)."""
    if not _unowned(token):
        return None
    places = {
        states_in[t.i]
        for t in sent
        if t.i in states_in and t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE
    }
    state = places.pop() if len(places) == 1 else None
    doers: set[int] = set()
    if token.lower_ in PEOPLE_NOUNS:
        # "The Americans know that these munitions will kill civilians": not theirs
        verb = token
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        for v in {verb, sent.root}:
            doers |= {t.i for c in v.children if c.dep_ == "nsubj" for t in c.subtree}
    if state is None and not places:
        named = {states_in[t.i] for t in sent if t.i in states_in and t.i not in doers}
        if len(named) == 1:
            state = named.pop()
        elif not named and token.lower_ in FORCE_NOUNS:
            before = {states_in[t.i] for t in previous or () if t.i in states_in}
            state = before.pop() if len(before) == 1 else (home if not before else None)
    if state is None or not _is_state(state, table):
        return None
    doc = token.doc
    start = token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ == "the" else token.i
    start = min([start, *(c.i for c in token.children if c.dep_ in ("compound", "amod"))])
    actor = f"{state}-{sector_code(token, table)}"
    how = f"'{token.text}' in the story of {state}"
    return make_mention(doc, start, token.i + 1, actor, token.i, how)
