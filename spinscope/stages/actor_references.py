"""Reference resolution in the actors stage: what a pronoun or a bare noun stands for.

Only where the text leaves no doubt: "its", "it", "he/she", "they/them", "we" in a
statement, "the government", "the country", "the regime", "the bloc", "the group", "the two
sides", unnamed offices ("the Secretary-General" -> UN), "his government", "its foreign
ministry", the dateline state's "defense ministry", troops a state sends. Every rule looks
at the mentions the alias table, the sector rule and the people rule found before it
(``actors.py``); ``resolve_references`` returns the new mentions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from spinscope.stages.actor_bodies import (
    BODY_NOUNS,
    FORCE_NOUNS,
    PEOPLE_NOUNS,
    PERSON_NOUNS,
    name_given_before,
    same_noun_before,
    story_state,
    unowned_body,
)
from spinscope.stages.actor_table import (
    AMBIGUOUS_STATES,
    OF_SECTORS,
    AliasTable,
    LinkedMention,
    make_mention,
    noun_sector,
    sector_code,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["FIRST_PERSON", "resolve_references"]


FIRST_PERSON = frozenset({"we", "our", "us", "ours"})
"""The first-person words that speak for the article's voice or a quote's speaker."""

_PAIR_NOUNS = frozenset(
    {"sides", "parties", "countries", "nations", "leaders", "ministers", "governments", "states"}
)

_OWN_OFFICE_TITLES = frozenset(
    {
        "secretary",
        "minister",
        "ministry",
        "department",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "president",
        "premier",
        "chancellor",
    }
)


def resolve_references(
    doc: Doc,
    mentions: list[LinkedMention],
    table: AliasTable,
    own_voice: str | None = None,
    home: str | None = None,
) -> list[LinkedMention]:
    """Links "its", "it", "the government", "the country" where only one actor fits.

    ``own_voice`` is the actor a statement speaks for: "we", "our" and "us" outside
    quotation marks are that actor. ``home`` is the state of a wire's dateline ("SEOUL,
    July 27 (Yonhap) --"): "the defense ministry" with no state named is that state's.
    """
    by_token: dict[int, LinkedMention] = {}
    for m in mentions:
        for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
            by_token[t.i] = m
    sents = list(doc.sents)
    sent_of = {t.i: k for k, s in enumerate(sents) for t in s}
    text = doc.text
    resolved: list[LinkedMention] = []

    def actors_between(start_i: int, end_i: int, states_only: bool) -> list[str]:
        found = []
        for i in range(start_i, end_i):
            m = by_token.get(i)
            if m is None or m.actor.startswith("person:"):
                continue
            actor = m.actor.split("-")[0] if states_only else m.actor
            if states_only and actor not in table.entries:
                continue
            if states_only and table.entries[actor].kind != "state":
                continue
            if actor not in found:
                found.append(actor)
        return found

    def add(m: LinkedMention) -> None:
        """A body found by a rule later rules may point back to ("A spokesman for the
        ministry ... The spokesman")."""
        resolved.append(m)
        for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
            by_token[t.i] = m

    own_state = own_voice.split("-")[0] if own_voice else None
    if own_state not in table.entries or table.entries[own_state].kind != "state":
        own_state = None
    own_kind = table.entry(own_voice).kind if own_voice else None
    states_in = _states_by_token(doc, by_token, table)
    for token in doc:
        if token.i in by_token:
            continue
        k = sent_of.get(token.i)
        if k is None:
            continue
        sent = sents[k]
        lower = token.lower_
        office = _office(token, own_state, by_token, table)
        if office is not None:
            start, actor, label = office
            m = make_mention(doc, start, token.i + 1, actor, token.i, f"office '{label}'")
            resolved.append(m)
            for i in range(start, token.i + 1):
                by_token[i] = m  # "The Secretary-General ... He said": the office holder
        elif lower in ("he", "she", "his", "her", "him") and not _inside_quotes(text, token):
            person = _recent_person(token, sents[max(0, k - 1)].start, by_token)
            if person:
                # registered, so that a chain "Bouzid has spent ... He suspended ... His
                # interior minister" goes on resolving
                add(make_mention(doc, token.i, token.i + 1, person, token.i, f"'{lower}'"))
                owned = _persons_body(token, person, mentions, table)
                if owned is not None:
                    noun, actor = owned
                    how = f"'{lower} {noun.text}'"
                    resolved.append(make_mention(doc, token.i, noun.i + 1, actor, noun.i, how))
        elif lower in _PAIR_NOUNS and (_pair_phrase(token)):
            pair = _recent_pair(token, sents[max(0, k - 2)].start, by_token, table)
            start = token.left_edge.i
            for actor in pair:
                how = f"'{doc[start : token.i + 1].text}'"
                resolved.append(make_mention(doc, start, token.i + 1, actor, token.i, how))
        elif lower in FIRST_PERSON and own_voice and not _inside_quotes(text, token):
            resolved.append(
                make_mention(
                    doc, token.i, token.i + 1, own_voice, token.i, "the statement's own voice"
                )
            )
            owned = _owned_sector(token, own_voice, table) if token.dep_ == "poss" else None
            if owned is not None:
                # "Our Defence Ministry has warned": the issuer's military
                noun, actor = owned
                add(make_mention(doc, token.i, noun.i + 1, actor, noun.i, f"'our {noun.text}'"))
        elif lower == "it" and token.dep_ in ("nsubj", "nsubjpass"):
            target = _it_antecedent(token, sents[k - 1] if k > 0 else None, by_token)
            if target:
                resolved.append(
                    make_mention(doc, token.i, token.i + 1, target, token.i, "pronoun 'it'")
                )
        elif lower == "its" and token.dep_ == "poss":
            target = _its_antecedent(token, by_token, actors_between(sent.start, token.i, False))
            if target is None and k > 0 and _owns_subject(token):
                # "Israel criticized the deal. Its foreign ministry said ...": the subject
                # of the sentence before.
                target = _it_antecedent(token, sents[k - 1], by_token, force=True)
            if target:
                resolved.append(
                    make_mention(doc, token.i, token.i + 1, target, token.i, "pronoun 'its'")
                )
                owned = _owned_sector(token, target, table)
                if owned is not None:
                    noun, actor = owned
                    resolved.append(
                        make_mention(doc, token.i, noun.i + 1, actor, noun.i, f"'its {noun.text}'")
                    )
        elif lower in ("they", "them") and not _inside_quotes(text, token):
            group = _plural_antecedent(token, sents[max(0, k - 1)].start, by_token, resolved)
            for actor in group:
                resolved.append(
                    make_mention(doc, token.i, token.i + 1, actor, token.i, f"pronoun '{lower}'")
                )
        elif lower in _GROUP_NOUNS and _bare_definite(token, _GROUP_WORDS):
            window = sents[max(0, k - 2)].start
            kinds = _GROUP_NOUNS[lower]
            blocs = [
                a for a in actors_between(window, token.i, False) if table.entry(a).kind in kinds
            ]
            if len(blocs) == 1:
                resolved.append(
                    make_mention(
                        doc, token.left_edge.i, token.i + 1, blocs[0], token.i, f"'the {lower}'"
                    )
                )
        elif (
            lower in _OWN_OFFICE_TITLES
            and token.is_title
            and own_voice
            and _bare_definite(token)
            and not (token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON")
            and not _person_titled_before(token, sents[max(0, k - 5)].start, by_token)
        ):
            # "the Secretary said", "the Minister": in a statement or briefing, the
            # issuer's own office; "The President announced" in a Commission briefing: the bloc.
            state, _, sector = own_voice.partition("-")
            actor = own_voice if sector else f"{state}-GOV"
            if own_kind in ("bloc", "organisation"):
                actor = own_voice
            if own_kind in ("bloc", "organisation") or own_state is not None:
                resolved.append(
                    make_mention(
                        doc, token.i - 1, token.i + 1, actor, token.i, f"'the {token.text}'"
                    )
                )
        elif lower == "regime" and _bare_definite(token):
            # "Israeli troops crossed ... in what the regime called": the state the sentence
            # is about (its subject when several are named), else the previous sentence's.
            states = actors_between(sent.start, token.i, True)
            if len(states) > 1:
                states = _subject_states(sent, by_token, table)
            if not states and k > 0:
                states = actors_between(sents[k - 1].start, sents[k - 1].end, True)
            if len(states) == 1:
                resolved.append(
                    make_mention(doc, token.i - 1, token.i + 1, states[0], token.i, "'the regime'")
                )
        elif lower in BODY_NOUNS and (
            body := unowned_body(token, by_token, own_state, home, table)
        ):
            # "the defense ministry said" in a Seoul wire; "the Ministry of Foreign Affairs" in
            # a statement; "the ministry" just named
            add(body)
        elif (
            lower in ("troops", "police", "soldiers", "forces", "warships", "marines")
            and token.dep_ in ("dobj", "conj")
            and not any(c.dep_ in ("poss", "det") and c.lower_ != "more" for c in token.children)
            and (sender := _deploying_state(token, by_token, resolved, table)) is not None
        ):
            actor = f"{sender}-{sector_code(token, table)}"
            how = f"'{token.text}' sent by {sender}"
            resolved.append(make_mention(doc, token.i, token.i + 1, actor, token.i, how))
        elif lower in ("government", "country", "nation", "administration") and _bare_definite(
            token, frozenset() if lower in ("country", "nation") else _GOVERNMENT_WORDS
        ):
            states = actors_between(sent.start, token.i, True)
            if not states and own_state is not None:
                # "The Government held consultations" in a statement: the issuer's own.
                states = [own_state]
            if not states and k > 0:
                states = actors_between(sents[k - 1].start, sents[k - 1].end, True)
            if len(states) == 1:
                actor = states[0] if lower in ("country", "nation") else f"{states[0]}-GOV"
                start = token.left_edge.i
                resolved.append(
                    make_mention(doc, start, token.i + 1, actor, token.i, f"'the {lower}'")
                )
        elif (
            lower in _STATE_FORMS
            and token.is_title
            and _bare_definite(token)
            and (formal := _state_of_form(token, table)) is not None
        ):
            # "the Kingdom" after "the Kingdom of Saudi Arabia"
            how = f"'the {token.text}' after the state's formal name"
            resolved.append(make_mention(doc, token.i - 1, token.i + 1, formal, token.i, how))
        elif (
            token.pos_ in ("NOUN", "PROPN")
            and token.i > 0
            and token.nbor(-1).lower_ == "the"
            and _bare_definite(token)
            and (named := name_given_before(token, mentions, table))
        ):
            add(named)  # "the European Commission ... The Commission insists"
        elif (
            lower in PERSON_NOUNS
            and _bare_definite(token)
            and (same := same_noun_before(token, sents[max(0, k - 5)].start, by_token))
        ):
            add(same)  # "an official at the Chinese embassy ... The official told us"
        elif lower in FORCE_NOUNS | PEOPLE_NOUNS and (
            force := story_state(
                token, sent, sents[k - 1] if k > 0 else None, states_in, home, table
            )
        ):
            add(force)  # "police have used tear gas ... in Tbilisi", "the army said"
    return resolved


def _states_by_token(
    doc: Doc, by_token: Mapping[int, LinkedMention], table: AliasTable
) -> dict[int, str]:
    """Token -> the state it names: a linked mention's state, or a state or capital named as a
    place ("in Tbilisi", "in Gibraltar"; two-word capitals on their first word)."""
    found: dict[int, str] = {}
    for i, m in by_token.items():
        state = m.actor.split("-")[0]
        if m.actor.startswith("person:") or state not in table.entries:
            continue
        if table.entries[state].kind == "state":
            found[i] = state
    for token in doc:
        if token.i in found or not token.is_title or token.text in AMBIGUOUS_STATES:
            continue
        if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children):
            continue  # "Puerto Jordan": a place with a name of its own
        for name in (
            token.text,
            f"{token.text} {token.nbor().text}" if token.i + 1 < len(doc) else "",
        ):
            actor = table.capitals.get(name) or table.aliases.get(name)
            if actor and actor in table.entries and table.entries[actor].kind == "state":
                found[token.i] = actor
    return found


# "the bloc", "the group": the one actor of these kinds named in the last three sentences.
_GROUP_NOUNS = {
    "bloc": ("bloc", "organisation"),
    "mission": ("organisation", "bloc"),
    "alliance": ("bloc", "organisation"),
    "union": ("bloc", "organisation"),
    "grouping": ("bloc", "organisation"),
    "group": ("group",),
    "militia": ("group",),
}


# "the 27-member bloc", "the regional bloc", "the militant group"
_GROUP_WORDS = frozenset(
    {
        "-",
        "member",
        "nation",
        "country",
        "regional",
        "economic",
        "trade",
        "military",
        "western",
        "militant",
        "armed",
        "rebel",
        "islamist",
        "jihadist",
        "paramilitary",
        "extremist",
    }
)


# Words that may stand between "the" and the noun without naming another body.
_GOVERNMENT_WORDS = frozenset(
    {"federal", "national", "central", "union", "interim", "transitional"}
)

_DEPLOY_VERBS = frozenset(
    {
        "send",
        "deploy",
        "move",
        "dispatch",
        "station",
        "withdraw",
        "pull",
        "mass",
        "rush",
        "redeploy",
        "mobilize",
        "mobilise",
    }
)


def _subject_states(
    sent: Span, by_token: Mapping[int, LinkedMention], table: AliasTable
) -> list[str]:
    """The states named in the subject of a sentence's root verb."""
    found: list[str] = []
    for child in sent.root.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for t in child.subtree:
            m = by_token.get(t.i)
            state = m.actor.split("-")[0] if m is not None else ""
            is_state = state in table.entries and table.entries[state].kind == "state"
            if is_state and state not in found:
                found.append(state)
    return found


_OFFICE_TITLES = frozenset(
    {"minister", "secretary", "spokesperson", "spokesman", "spokeswoman", "president", "premier"}
)


def _office(
    token: Token, own_state: str | None, by_token: Mapping[int, LinkedMention], table: AliasTable
) -> tuple[int, str, str] | None:
    """An unnamed office holder who stands for a body: (first token, actor, words).

    "the Secretary-General" is the UN (NATO when the text named NATO last), "the High
    Representative" the EU; in a statement "the External Affairs Minister", "the Foreign
    Secretary" are the issuing state's government ("the Defence Minister" its military). Not
    when a name follows ("the Secretary-General, Ana Ruiz" is a person).
    """
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.text == "," and _name_after(nxt)):
        return None
    if token.text == "General" and token.i >= 2 and doc[token.i - 1].text in ("-", "‑"):
        first = token.i - 2
        if doc[first].text == "Secretary" and first > 0 and doc[first - 1].lower_ == "the":
            return first - 1, _secretary_general_body(token, by_token), "the Secretary-General"
        return None
    if token.text == "Representative" and token.i >= 2 and doc[token.i - 1].text == "High":
        if doc[token.i - 2].lower_ == "the":
            return token.i - 2, "EU", "the High Representative"
        return None
    if own_state is None or token.lower_ not in _OFFICE_TITLES or not token.is_title:
        return None
    start = token.i - 1
    while start > 0 and doc[start].is_title and doc[start].i not in by_token:
        if doc[start].ent_type_ == "PERSON" or start < token.i - 4:
            return None
        start -= 1
    if start == token.i - 1 or doc[start].lower_ != "the":
        return None  # "the Secretary" alone is the older rule's
    words = {t.lower_ for t in doc[start + 1 : token.i]}
    sector = "MIL" if words & {"defence", "defense"} else "GOV"
    return start, f"{own_state}-{sector}", doc[start : token.i + 1].text


def _person_titled_before(
    token: Token, window_start: int, by_token: Mapping[int, LinkedMention]
) -> bool:
    """ "President Serik Abenov ... The President also said": the title names a person the
    text gave it to shortly before, not the issuer's office."""
    same = same_noun_before(token, window_start, by_token)
    return same is not None and same.actor.startswith("person:")


def _name_after(comma: Token) -> bool:
    nxt = comma.doc[comma.i + 1] if comma.i + 1 < len(comma.doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON"


def _secretary_general_body(token: Token, by_token: Mapping[int, LinkedMention]) -> str:
    bodies = ("UN", "NATO", "OAS", "ARABLEAGUE", "OIC", "ASEAN", "OSCE", "COE", "UNSC")
    for i in range(token.i - 1, -1, -1):
        m = by_token.get(i)
        if m is not None and m.actor in bodies:
            return "UN" if m.actor == "UNSC" else m.actor
    return "UN"


def _persons_body(
    token: Token, person: str, mentions: list[LinkedMention], table: AliasTable
) -> tuple[Token, str] | None:
    """ "His government": the government of the person's state ("Brazilian President Marcos
    Vilela ... His government" -> BRA-GOV); "his interior minister" is that government too, "his
    defence minister" its military."""
    noun = token.head
    if token.lower_ not in ("his", "her") or token.dep_ != "poss":
        return None
    if noun_sector(noun, table) not in ("GOV", "MIL") or noun.lower_ not in OF_SECTORS | {
        "ministry",
        "administration",
        "minister",
        "ministers",
    }:
        return None
    doc = token.doc

    def state_at(t: Token) -> str | None:
        state = next(
            (
                o.actor
                for o in mentions
                if o.start <= t.idx < o.end and not o.actor.startswith("person:")
            ),
            None,
        )
        if state and state in table.entries and table.entries[state].kind == "state":
            return state
        return None

    for m in mentions:
        if m.actor != person or not m.how.startswith("named"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in doc[max(span.sent.start, span.start - 6) : span.start]:
            if state := state_at(t):
                return noun, f"{state}-{sector_code(noun, table)}"
        if span.sent.start > 0 and span.start - span.sent.start <= 1:
            # "Mexico responded with dignity. President Andrea Villalobos announced ...": a
            # sentence that opens with the title and name continues the one state before it
            before = doc[span.sent.start - 1].sent
            states = {s for t in before if (s := state_at(t))}
            if len(states) == 1:
                return noun, f"{states.pop()}-{sector_code(noun, table)}"
    return None


def _deploying_state(
    noun: Token,
    by_token: Mapping[int, LinkedMention],
    resolved: list[LinkedMention],
    table: AliasTable,
) -> str | None:
    """The state that sends unowned troops or police: "Australia sent police and troops",
    "The United States, which sent 1,000 more troops", "Brazil says it has moved troops"."""
    obj = noun
    while obj.dep_ == "conj" and obj.head.i < obj.i:
        obj = obj.head
    verb = obj.head
    if obj.dep_ != "dobj" or verb.lemma_.lower() not in _DEPLOY_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subject = verb.head
    m = by_token.get(subject.i) or next((r for r in resolved if r.head == subject.i), None)
    if m is None:
        return None
    state = m.actor
    if state in table.entries and table.entries[state].kind == "state":
        return state
    return None


def _recent_person(
    token: Token, window_start: int, by_token: Mapping[int, LinkedMention]
) -> str | None:
    """The person "he", "she", "his" or "her" stands for: the only one named shortly before."""
    people = []
    for i in range(token.i - 1, window_start - 1, -1):
        m = by_token.get(i)
        holder = m is not None and (m.actor.startswith("person:") or m.how.startswith("office"))
        if m and holder and m.actor not in people:
            people.append(m.actor)
    return people[0] if len(people) == 1 else None


_GROUP_SIZES = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _group_size(token: Token) -> int:
    """2 for "the two sides", "both countries"; 3 for "the three countries"; else 0."""
    for c in token.children:
        if c.lower_ in _GROUP_SIZES and c.dep_ in ("nummod", "det", "predet", "amod"):
            return _GROUP_SIZES[c.lower_]
    return 0


def _pair_phrase(token: Token) -> bool:
    """ "the two sides", "both countries", "the two leaders", "the three countries"."""
    return _group_size(token) > 0


def _recent_pair(
    token: Token, window_start: int, by_token: Mapping[int, LinkedMention], table: AliasTable
) -> list[str]:
    """The two parties "the two sides" stands for: the last pair named together ("Israel and
    Hamas agreed ... both sides"), else the last two states or blocs named."""
    # The doers of the clause are not the "sides" it acts on: "Qatari and Egyptian mediators
    # pressed both sides".
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    doers = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    doers.discard(token.i)
    for i in range(token.i - 1, window_start - 1, -1):
        m = by_token.get(i)
        head = token.doc[i]
        if m is None or m.actor.startswith("person:") or i in doers:
            continue
        partners = [by_token.get(c.i) for c in head.children if c.dep_ == "conj"]
        partner = next((p for p in partners if p and not p.actor.startswith("person:")), None)
        if partner is not None and partner.actor != m.actor:
            return sorted({m.actor.split("-")[0], partner.actor.split("-")[0]})
    found: list[str] = []
    for i in range(token.i - 1, window_start - 1, -1):
        m = by_token.get(i)
        if m is None or i in doers:
            continue
        actor = m.actor if m.actor.startswith("person:") else m.actor.split("-")[0]
        if not actor.startswith("person:") and table.entry(actor).kind not in (
            "state",
            "bloc",
            "group",
        ):
            continue
        if actor not in found:
            found.append(actor)
    states = [a for a in found if not a.startswith("person:")]
    size = _group_size(token)
    if size > 2 and token.lower_ in ("countries", "nations", "states", "governments"):
        # "the three countries": the last three states named
        states = [a for a in states if table.entry(a).kind == "state"]
        return sorted(states[:size]) if len(states) >= size else []
    if len(states) >= 2:
        return sorted(states[:2])
    return []


def _inside_quotes(text: str, token: Token) -> bool:
    """Whether a token stands inside quotation marks opened on its line (``text`` is the
    Doc's text, taken once: ``Doc.text`` joins every token on each call)."""
    start = text.rfind("\n", 0, token.idx) + 1
    before = text[start : token.idx]
    return (before.count('"') + before.count("“") - before.count("”")) % 2 == 1


def _it_antecedent(
    token: Token,
    previous: Span | None,
    by_token: Mapping[int, LinkedMention],
    force: bool = False,
) -> str | None:
    """The subject "it" stands for: the subject of the clause that reports it ("Australia
    announced that it would spend"), else the subject of the previous sentence ("The US
    has been stirring up trouble ... It keeps sending warships")."""
    if not force and token.head.lemma_ in (
        "be",
        "seem",
        "appear",
        "take",
        "remain",
        "make",
        "matter",
        "follow",
    ):
        return None  # "it is clear that", "it takes time": no referent
    clause = token.head
    if clause.dep_ in ("ccomp", "advcl", "conj") and clause.head != clause:
        for child in clause.head.children:
            if child.dep_ == "nsubj" and child.i < token.i:
                m = by_token.get(child.i)
                if m and not m.actor.startswith("person:"):
                    return m.actor
    if previous is None:
        return None
    root = previous.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            m = by_token.get(child.i)
            if m and not m.actor.startswith("person:"):
                return m.actor
            if force and m:
                # "Russia's Deputy Foreign Minister Alexei Grushin said ... Its defence
                # ministry": the state in the person's title.
                for t in child.subtree:
                    owner = by_token.get(t.i)
                    if t.i < child.i and owner and not owner.actor.startswith("person:"):
                        return owner.actor.split("-")[0]
    return None


_OWNED_BODIES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "CVL"})


def _owns_subject(token: Token) -> bool:
    """ "Its foreign ministry said": "its" owns the subject of its clause."""
    return token.head.dep_ in ("nsubj", "nsubjpass")


def _owned_sector(token: Token, target: str, table: AliasTable) -> tuple[Token, str] | None:
    """The sector body "its" owns: "its foreign ministry" of Israel is ISR-GOV, "its defence
    ministry" RUS-MIL, "its spokesperson" of China's commerce ministry CHN-GOV, and "its own
    people", "its citizens" the state's public (CVL), as "Bahrain's people" is. Companies are
    left out: "its companies" may be anyone's that trade there."""
    noun = token.head
    sector = noun_sector(noun, table)
    if sector not in _OWNED_BODIES or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    state, _, own_sector = target.partition("-")
    if state not in table.entries or table.entries[state].kind != "state":
        return None
    if own_sector and sector == "GOV":
        return noun, target  # the spokesperson of a ministry speaks for that ministry
    return noun, f"{state}-{sector}"


def _plural_antecedent(
    token: Token,
    window_start: int,
    by_token: Mapping[int, LinkedMention],
    resolved: list[LinkedMention],
) -> list[str]:
    """The actors "they" or "them" stands for, where the text leaves no doubt.

    "they" in a clause reported by a subject is that subject ("Turkish officials warned that
    they could ..."); otherwise the nearest plural subject before it, in this sentence or the
    one before ("The Belarusian authorities continue ... We call on them"; "The Netherlands
    and Japan have joined ... They know"); for "them", failing that, the nearest plural object
    ("praised both governments and urged them"). A plural is a coordination of actors, a pair
    phrase ("both governments"), or a plural noun linked to an actor ("officials").
    """
    doc = token.doc
    groups: dict[int, list[str]] = {}
    for m in [*by_token.values(), *resolved]:
        if m.actor.startswith("person:"):
            continue
        groups.setdefault(m.head, [])
        if m.actor not in groups[m.head]:
            groups[m.head].append(m.actor)

    def group_at(i: int) -> list[str]:
        head = doc[i]
        if head.dep_ == "conj" and head.head.i in groups:
            return []  # counted from the first conjunct
        actors = list(groups.get(i, []))
        for c in head.conjuncts:
            if c.i > i:
                actors += [a for a in groups.get(c.i, []) if a not in actors]
        plural = (
            len(actors) >= 2
            or head.tag_ in ("NNS", "NNPS")
            # "the U.S. and its followers ... what they call": a coordination is plural
            or any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in head.children)
            # "The EU countries": the noun the actor word modifies is plural
            or head.dep_ == "compound"
            and head.head.tag_ in ("NNS", "NNPS")
        )
        return actors if plural and actors else []

    clause = token.head
    if token.lower_ == "they" and clause.dep_ in ("ccomp", "advcl") and clause.head != clause:
        for child in clause.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < token.i:
                # "The Houthis said they ...": the reporting subject, plural or not.
                found = group_at(child.i) or list(groups.get(child.i, []))
                if found:
                    return found
    # The doers of the pronoun's own clause are not what "them" refers to.
    verb = token.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    doers = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    heads = sorted(
        (i for i in groups if window_start <= i < token.i and i not in doers), reverse=True
    )
    for i in heads:
        if doc[i].dep_ in ("nsubj", "nsubjpass") or (
            doc[i].dep_ == "conj" and doc[i].head.dep_ in ("nsubj", "nsubjpass")
        ):
            found = group_at(doc[i].head.i if doc[i].dep_ == "conj" else i)
            if found:
                return found
    # Failing a subject, the nearest plural ("the actions of Chinese vessels. They
    # blocked our boats").
    for i in heads:
        found = group_at(i)
        if found:
            return found
    return []


_STATE_FORMS = frozenset(
    {"kingdom", "republic", "federation", "sultanate", "emirate", "principality", "confederation"}
)


def _state_of_form(token: Token, table: AliasTable) -> str | None:
    """The one state an earlier formal name gives this form word: "the Kingdom of Saudi
    Arabia" makes a later "the Kingdom" Saudi Arabia."""
    before = token.doc.text[: token.idx]
    pattern = re.compile(
        rf"\b{token.text} of (?:the )?([A-Z][\w'’-]*(?: (?:of |the |and )*[A-Z][\w'’-]*){{0,4}})"
    )
    found: set[str] = set()
    for m in pattern.finditer(before):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            actor = table.aliases.get(name) or table.aliases.get(f"{token.text} of {name}")
            if actor is not None and table.entry(actor).kind == "state":
                found.add(actor)
                break
    return found.pop() if len(found) == 1 else None


def _bare_definite(token: Token, allowed: frozenset[str] = frozenset()) -> bool:
    """ "the government", not "the Japanese government" nor "the government of X"; words in
    ``allowed`` may stand between ("the Federal Government", "the defense ministry")."""
    children = list(token.children)
    between = [c for c in children if c.dep_ in ("amod", "compound") and c.lower_ in allowed]
    first = min((c.left_edge.i for c in between), default=token.i)
    if any(t.lower_ not in allowed and not t.like_num for t in token.doc[first : token.i]):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" and c.i == first - 1 for c in children):
        return False
    if any(c.dep_ in ("amod", "compound", "poss", "nummod") and c not in between for c in children):
        return False
    # "the government of X" names its state; handled by the sector rule.
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in children)


def _its_antecedent(
    token: Token, by_token: Mapping[int, LinkedMention], before: list[str]
) -> str | None:
    owner = token.head
    # "NATO and its member states": the other conjunct.
    partner = owner.head if owner.dep_ == "conj" else None
    if partner is not None and partner.i in by_token:
        return by_token[partner.i].actor
    # The subject of its own clause: "Japan began shifting its deployment".
    node = owner
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            break
        node = node.head
    while node is not None:
        controller = _controlling_object(node, by_token)
        if controller is not None:
            return controller  # "We call on Belgrade to lower ... its army": Belgrade's
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
        for s in subjects:
            m = by_token.get(s.i) or next(
                (by_token[c.i] for c in s.children if c.dep_ == "poss" and c.i in by_token), None
            )
            if m and not m.actor.startswith("person:"):
                return m.actor
        if subjects or node.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or node.head == node:
            break
        node = node.head
    non_people = [a for a in before if not a.startswith("person:")]
    if len(non_people) == 1:
        return non_people[0]
    return None


_CONTROL_VERBS = frozenset(
    {"call", "urge", "ask", "press", "force", "encourage", "tell", "order", "invite", "push"}
)


def _controlling_object(clause: Token, by_token: Mapping[int, LinkedMention]) -> str | None:
    """The object that controls a to-infinitive: "urged Japan to stop", "call on Belgrade to"."""
    if clause.dep_ not in ("xcomp", "advcl") or not any(c.lower_ == "to" for c in clause.children):
        return None
    verb = clause.head
    if verb.lemma_.lower() not in _CONTROL_VERBS or verb.i > clause.i:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("on", "upon")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    for obj in objects:
        m = by_token.get(obj.i)
        if m is not None and not m.actor.startswith("person:"):
            return m.actor
    return None
