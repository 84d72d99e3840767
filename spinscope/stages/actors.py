"""The actors stage: who the article talks about, linked to canonical actors.

How a mention is found and linked, in order (each linked mention records which
rule linked it in ``Article.extras["actors"]``; ``docs/actors-events-stance.md`` has the
full list with examples):

1. **Alias table** (``spinscope/data/actors.tsv`` plus a user file given by
   ``[stages.actors] aliases_file``, same columns): names and short forms of states, blocs,
   organisations, armed groups and state bodies ("US", "ECOWAS", "KFOR", "the Pentagon"),
   demonyms ("Ivorian") and capitals ("Tokyo"), matched case-sensitively on tokens by a spaCy
   ``PhraseMatcher``, longest match first; rows of kind ``place`` ("Latin America") only keep
   the state inside them from matching. Every state's pycountry names are added.
2. **Sector actors**: a state mention that modifies a sector noun from
   ``spinscope/data/sectors.tsv`` ("Japanese politicians", "US troops", "Kenyan police",
   "the government of Japan") becomes ``<ISO3>-<SECTOR>`` (``JPN-GOV``, ``USA-MIL``,
   ``KEN-COP``); some nouns need a modifier ("intelligence service" -> SPY).
3. **Capitals** stand for their state only as a participant (subject, possessor, object,
   passive agent); "a NATO office in Tokyo" is a place.
4. **People**: spaCy ``PERSON`` entities become ``person:<name>``; a one-word name needs a
   title or a longer name in the article; role and affiliation come from an apposition or
   title words before the name.
5. **Resolution** where the text leaves no doubt: pronouns, "the government", "the bloc",
   "the regime", unnamed offices ("the Secretary-General" -> UN), "his government", the
   dateline state's "defense ministry", troops a state sends.
6. **Clean-up**: the state of a sector actor named nowhere else is added; a state named only
   as a venue ("held in Gibraltar") is dropped.

The stage lives in four modules: this one (mention finding: the alias matches, sectors,
capitals, clean-up, the stage and ``article_voice``), ``actor_table.py`` (the alias and
sector tables), ``actor_people.py`` (rule 4) and ``actor_references.py`` (rule 5).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Self

from spinscope.article import Actor, Article, Mention
from spinscope.errors import ConfigError
from spinscope.ingest.outlets import find_outlet
from spinscope.nlp import parse, parse_many
from spinscope.stages.actor_people import (
    bare_surnames,
    find_people,
    in_person_title,
    inside_a_name,
    merge_short_names,
    person_details,
)
from spinscope.stages.actor_references import FIRST_PERSON, resolve_references
from spinscope.stages.actor_table import (
    AMBIGUOUS_STATES,
    OF_SECTORS,
    ActorEntry,
    AliasTable,
    LinkedMention,
    alias_matcher,
    load_alias_table,
    make_mention,
    noun_sector,
    sector_code,
)
from spinscope.stages.quotes import find_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "ActorEntry",
    "ActorsStage",
    "AliasTable",
    "LinkedMention",
    "article_voice",
    "link_mentions",
    "load_alias_table",
    "noun_sector",
    "sector_code",
    "token_actor_groups",
    "token_actor_index",
]

log = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns a state name modifies without being an actor: "U.S. dollars", "the Taiwan question".
_NOT_ABOUT_STATE = _words(
    "dollar dollars yuan yen euro euros ruble rubles rupee rupees won question issue"
)

# Capitalised words that make the name before them a treaty or a place, not an actor.
_NAME_HEADS = frozenset(
    {
        "Convention", "Charter", "Treaty", "Protocol", "Strait", "Straits", "Sea", "Gulf", "Bay",
        "Channel", "Peninsula", "Basin", "River", "Canal", "Desert", "Plateau",
    }
)  # fmt: skip
_NOT_ACTOR_ENTS = frozenset({"LAW", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"})
_MISSION_NOUNS = frozenset({"embassy", "consulate", "consulate-general", "mission", "ministry"})

_PARTICIPANT_PREPS = frozenset({"to", "against", "with", "on", "toward", "towards", "upon"})
# Nouns whose from-phrase names who acts, not where something comes from: "officials from
# Seoul", "pressure from Washington" (but "flights from Tokyo").
_FROM_AGENT_NOUNS = frozenset(
    {
        "delegation", "delegations", "pressure", "support", "backing", "demand", "demands",
        "request", "requests", "letter", "message", "response", "reaction", "criticism",
        "warning", "warnings", "threat", "threats", "aid", "help", "opposition", "signal",
        "signals", "objection", "objections", "protest", "protests", "offer", "invitation",
        "approval", "assurances", "guarantees",
    }
)  # fmt: skip

_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})


def _sector_head(token: Token, table: AliasTable) -> Token | None:
    """The sector noun a state word modifies: "Japanese [politicians]", "US [troops]".

    Only the word's own head counts ("Taiwan independence separatist forces" is not
    Taiwan's military), and not when the noun is a title before a person's name
    ("Chinese Foreign Minister Wang Yi" is the person and China). Economic and civilian
    nouns may sit behind compounds ("Russian technology [companies]", "a Korean auto parts
    [maker]").
    """
    if token.dep_ == "conj" and token.head.dep_ in _MODIFIER_DEPS and token.head.i < token.i:
        token = token.head  # "German and Polish troops": Polish troops too
    head = token.head
    if token.dep_ in _MODIFIER_DEPS and head.i > token.i and head.pos_ in ("NOUN", "PROPN"):
        # "Japanese Foreign Ministry": look through title-case compounds to the head noun.
        node = head
        while node.dep_ == "compound" and node.head.i > node.i and node.head.is_title:
            node = node.head
        candidate = node if noun_sector(node, table) else head
        if not noun_sector(candidate, table):
            # "a DPRK foreign ministry statement": the sector noun sits between the state
            # word and the head it shares with it.
            candidate = next(
                (
                    t
                    for t in token.doc[token.i + 1 : head.i]
                    if noun_sector(t, table) and t.dep_ == "compound" and t.head == head
                ),
                head,
            )
        if not noun_sector(candidate, table):
            node = head
            for _ in range(3):
                if node.dep_ != "compound" or node.head.i <= node.i:
                    break
                node = node.head
                if noun_sector(node, table) in _BEHIND_COMPOUNDS:
                    candidate = node
                    break
        if noun_sector(candidate, table) and not in_person_title(candidate):
            return candidate
        return None
    # "the government of Japan", "the military governments of Mali, Burkina Faso and Niger"
    # (but "the leaders of the United States" are the state)
    node = token
    while node.dep_ == "conj" and node.head.i < node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "from":
        # "officials from Seoul", "troops from Chad" (not "troops in Ukraine": a place)
        noun = node.head.head
        if noun_sector(noun, table) in ("GOV", "MIL") and not in_person_title(noun):
            return noun
        return None
    if node.dep_ != "pobj" or node.head.lower_ != "of":
        return None
    body = node.head.head
    if body.lower_ not in OF_SECTORS and body.is_title and body.dep_ == "pobj":
        # "the Ministry of [National Defence] of the DPRK": the body's name comes between
        outer = body.head
        if outer.lower_ == "of" and outer.head.lower_ in OF_SECTORS and outer.head.is_title:
            body = outer.head
    return body if body.lower_ in OF_SECTORS else None


# Sectors whose noun a state word may modify through compounds ("Chinese rare earth companies").
_BEHIND_COMPOUNDS = frozenset({"BUS", "CVL", "MED", "EDU"})


def _the_people(span: Span) -> bool:
    """A plural demonym standing as a noun without "the" names the people ("Bahrainis fill
    the prisons", "Ordinary Canadians", "most of them Venezuelans"); "the Americans" usually
    stands for the state, and "Finnish troops" or "Turks' rights" modify another noun."""
    root = span.root
    return (
        root.text.endswith("s")
        and not root.text.endswith("ss")
        and root.pos_ in ("PROPN", "NOUN")
        and root.dep_ not in ("compound", "amod", "nmod")
        and not any(c.dep_ == "det" for c in root.children)
    )


def _state_or_sector(
    doc: Doc, span: Span, state: str, table: AliasTable, how: str
) -> LinkedMention:
    sector_noun = _sector_head(span.root, table)
    if sector_noun is not None:
        sector = sector_code(sector_noun, table)
        if span.root.dep_ == "conj" and sector_noun.i < span.start:
            # "the governments of Mali, Burkina Faso and Niger": each state word on its own
            how = f"{how}+sector '{sector_noun.text}'"
            return make_mention(doc, span.start, span.end, f"{state}-{sector}", span.root.i, how)
        start = min(span.start, sector_noun.i)
        # "the government of Japan": the mention runs from the noun to the state.
        end = max(span.end, sector_noun.i + 1)
        if start == sector_noun.i and start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        return make_mention(
            doc,
            start,
            end,
            f"{state}-{sector}",
            sector_noun.i,
            f"{how}+sector '{sector_noun.text}'",
        )
    return make_mention(doc, span.start, span.end, state, span.root.i, how)


_VOICES_IN = frozenset(
    {"critic", "official", "diplomat", "analyst", "observer", "voice", "hardliner", "leader"}
)

_RULING_NOUNS = frozenset({"regime", "government", "authorities", "administration", "leadership"})


def _capital_as_government(span: Span, table: AliasTable) -> bool:
    """A capital stands for its state as a participant, not as a place.

    Subject, possessor, passive agent, object of a verb ("warned Beijing", "visited
    Moscow"), or the object of a with/against/to/on phrase on a verb ("pledged aid to
    Manila"); not in "an office in Tokyo", "flights from Beijing", "a visit to Moscow".
    """
    root = span.root
    node = root.head if root.dep_ == "conj" else root
    dep = node.dep_
    if dep in ("nsubj", "nsubjpass", "poss", "dobj", "dative"):
        return True
    if dep == "compound" and node.head.lower_ in _RULING_NOUNS:
        return True  # "the Minsk regime", "the Kabul authorities"
    if dep == "compound" and noun_sector(node.head, table) in ("GOV", "MIL"):
        return True  # "Beijing officials", "Moscow's troops" (a city's police is the city's)
    if dep != "pobj":
        return False
    prep = node.head
    if prep.lower_ == "by" and prep.dep_ == "agent":
        return True
    if prep.lower_ == "in" and prep.head.lemma_.lower() in _VOICES_IN:
        return True  # "Critics in Beijing said": people speaking for the capital's side
    if prep.lower_ in ("with", "against"):
        return True  # "relations with Seoul", "sanctions against Moscow", "talks with Tokyo"
    if prep.lower_ == "from" and (
        prep.head.lower_ in _FROM_AGENT_NOUNS or noun_sector(prep.head, table) in ("GOV", "MIL")
    ):
        return True  # "officials from Seoul", "pressure from Washington"
    if prep.lower_ not in _PARTICIPANT_PREPS:
        return False
    # on the verb ("talked with Tokyo"), or on its object ("pledged aid to Manila")
    return prep.head.pos_ in ("VERB", "AUX") or prep.head.dep_ in ("dobj", "dative")


def _ruling_body_in(span: Span) -> Token | None:
    """ "the authorities in Niamey", "the government in Kabul": the ruling noun, else None."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "in":
        return None
    body = prep.head
    if body.lower_ in ("authorities", "government", "administration", "leadership", "junta"):
        return body
    if body.lower_ == "regime":
        return body  # "the regime in Tehran": the state, as "the Minsk regime" is
    return None


def link_mentions(
    doc: Doc,
    table: AliasTable,
    table_key: str | None = None,
    own_voice: str | None = None,
    home: str | None = None,
) -> list[LinkedMention]:
    """Every mention in a parsed Doc linked to an actor id, in text order.

    Args:
        doc: the parsed article.
        table: the alias table.
        table_key: the user alias file the table was loaded with (None: shipped table only).
        own_voice: the actor a statement speaks for, which "we" and "our" refer to.
        home: the state of a wire's dateline, whose "defense ministry" an unowned one is.
    """
    from spacy.util import filter_spans

    matcher = alias_matcher(table_key)
    spans = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        span.label_ = doc.vocab.strings[match_id]
        spans.append(span)
    kept = filter_spans(spans)
    person_of = {t.i: e for e in doc.ents if e.label_ == "PERSON" for t in e}
    # Where each named entity starts: an alias inside a longer name ("the United Nations
    # Convention on the Law of the Sea", "Puerto Jordan") is part of that name.
    name_start = {t.i: e.start for e in doc.ents for t in e}
    # "the Russian Embassy", which the NER tags as a building (FAC), is the mission itself
    missions = {
        t.i for e in doc.ents if e.label_ == "FAC" and e[-1].lower_ in _MISSION_NOUNS for t in e
    }
    inside_name = {i for i, start in name_start.items() if i != start}
    places = {s.text for s in kept if s.text in AMBIGUOUS_STATES and s.root.ent_type_ == "GPE"}
    places |= {
        s.text
        for s in kept
        if s.text in AMBIGUOUS_STATES
        and any(c.dep_ == "conj" or s.root.dep_ == "conj" for c in s.root.children)
    }
    state_word_at = {
        i: span.label_.partition("\t")[2]
        for span in kept
        if table.entry(span.label_.partition("\t")[2]).kind == "state"
        for i in range(span.start, span.end)
    }
    mentions: list[LinkedMention] = []
    for span in kept:
        category, _, actor = span.label_.partition("\t")
        text = span.text
        if text in AMBIGUOUS_STATES and text not in places:
            continue
        if inside_a_name(span, person_of):
            continue  # "Paris Hilton", "Israel Katz", "Richard Wagner"
        if (
            span.start >= 2
            and doc[span.start - 1].text == "-"
            and doc[span.start - 2].lower_
            in (
                "pro",
                "anti",
            )
        ):
            continue  # "pro-Russian separatists", "anti-American protests": a stance, not an actor
        nxt = doc[span.end] if span.end < len(doc) else None
        if text in ("West", "Western") and nxt is not None and nxt.is_title:
            continue  # "West Bank", "the West Philippine Sea", "Western Australia"
        if nxt is not None and nxt.text in _NAME_HEADS:
            continue  # "the 1982 United Nations Convention ...", "the Taiwan Strait": a name
        ent_start = name_start.get(span.start)
        longer = ent_start is not None and (
            ent_start < span.start or name_start.get(span.end) == ent_start
        )
        if (
            longer
            and any(t.ent_type_ in _NOT_ACTOR_ENTS for t in span)
            and span.start not in missions
        ):
            continue  # "the United Nations Convention on the Law of the Sea" (not "Somaliland")
        first = doc[span.start]
        before = doc[span.start - 1] if span.start > 0 else None
        if (
            first.i in inside_name
            and before is not None
            and before.pos_ == "PROPN"
            and first.ent_type_ in ("GPE", "LOC", "FAC")
            and not any(s.start <= before.i < s.end for s in kept)
        ):
            continue  # "the base at Puerto Jordan": a place whose name ends with a state's
        root = span.root
        if root.dep_ == "compound" and root.head.lower_ in _NOT_ABOUT_STATE:
            continue
        if category == "capital":
            ruling = _ruling_body_in(span)
            if ruling is not None and table.entry(actor).kind == "state":
                # "the new authorities in Niamey": the state's government; "the regime in
                # Tehran": the state
                how = f"'{ruling.text} in' its capital"
                start = ruling.left_edge.i
                body = actor if ruling.lower_ == "regime" else f"{actor}-GOV"
                mentions.append(make_mention(doc, start, span.end, body, ruling.i, how))
            elif _capital_as_government(span, table):
                how = "capital standing for its state"
                if table.entry(actor).kind == "state":
                    # "Tokyo officials", "Moscow's troops": the capital's state and its sector
                    mentions.append(_state_or_sector(doc, span, actor, table, how))
                else:
                    mentions.append(
                        make_mention(doc, span.start, span.end, actor, span.root.i, how)
                    )
            continue
        entry = table.entry(actor)
        if entry.kind == "place":
            continue  # "Latin America", "British Columbia": the longer name is a place
        if _body_of_other_state(span, actor, state_word_at, table):
            continue  # "the Czech Senate": the state word's sector rule names the body
        owner = _state_after_of(span, actor, state_word_at, table)
        if owner is not None:
            # "the House of Commons of Canada": the body the alias names, of the state after it
            body = f"{owner}-{actor.partition('-')[2]}"
            how = f"{category} of the state after it"
            mentions.append(make_mention(doc, span.start, span.end, body, span.root.i, how))
            continue
        if entry.kind == "state" and category == "demonym" and _the_people(span):
            how = "plural demonym: the state's people"
            mentions.append(
                make_mention(doc, span.start, span.end, f"{actor}-CVL", span.root.i, how)
            )
        elif entry.kind == "state":
            mentions.append(_state_or_sector(doc, span, actor, table, category))
        else:
            mentions.append(make_mention(doc, span.start, span.end, actor, span.root.i, category))
    taken = {
        t.i
        for m in mentions
        for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or ())
    }
    for ent, person in find_people(doc, taken):
        mentions.append(
            make_mention(doc, ent.start, ent.end, person, ent.root.i, "named entity PERSON")
        )
    mentions = merge_short_names(mentions)
    mentions += bare_surnames(doc, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    mentions += resolve_references(doc, mentions, table, own_voice, home)
    # A state named only as a place goes first, so that the state word of its sector actor
    # counts ("Colombia's government" in a story that ends "the UN mission in Colombia").
    mentions = _drop_mere_places(doc, mentions, table)
    mentions += _states_of_sectors(doc, mentions, table)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _body_of_other_state(
    span: Span, actor: str, state_word_at: Mapping[int, str], table: AliasTable
) -> bool:
    """A state body's bare alias right after another state's name or adjective is that
    state's body: "the Czech Senate", "Mexico's Congress" (not the US one the table names)."""
    state, _, sector = actor.partition("-")
    if not sector or table.entry(state).kind != "state" or span.start == 0:
        return False
    doc = span.doc
    i = span.start - 1
    if doc[i].text in ("'s", "’s") and i > 0:
        i -= 1
    other = state_word_at.get(i)
    return other is not None and other != state and noun_sector(span.root, table) is not None


def _state_after_of(
    span: Span, actor: str, state_word_at: Mapping[int, str], table: AliasTable
) -> str | None:
    """The other state whose name follows a state body's alias and "of" ("the House of
    Commons of Canada", "the Senate of the Philippines"), or None."""
    state, _, sector = actor.partition("-")
    if not sector or table.entry(state).kind != "state":
        return None
    doc = span.doc
    i = span.end
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    i += 1
    if doc[i].lower_ == "the" and i + 1 < len(doc):
        i += 1
    other = state_word_at.get(i)
    return other if other is not None and other != state else None


_LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "off", "inside", "across", "throughout", "around", "within", "outside"}
)

_ENVOY_NOUNS = frozenset(
    {"ambassador", "ambassadors", "envoy", "envoys", "representative", "representatives"}
)


def _drop_mere_places(
    doc: Doc, mentions: list[LinkedMention], table: AliasTable
) -> list[LinkedMention]:
    """Drop an actor every mention of which is a place or part of a title.

    A state named only where something happened ("a tanker held in Gibraltar", "talks in
    Oman") is a place, not an actor; an organisation named only in an envoy's title ("the
    U.S. ambassador to the UN") is part of a role.
    """
    mere: dict[str, bool] = {}
    for m in mentions:
        kind = table.entry(m.actor).kind
        token = doc[m.head]
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        prep = token.head
        if kind == "state" and m.how == "alias":
            place = token.dep_ == "pobj" and prep.lower_ in _LOCATIVE_PREPS
        elif kind in ("bloc", "organisation") and m.how == "alias":
            place = (
                token.dep_ == "pobj"
                and prep.lower_ in ("to", "at")
                and prep.head.lower_ in _ENVOY_NOUNS
            )
        else:
            place = False
        mere[m.actor] = mere.get(m.actor, True) and place
    return [m for m in mentions if not mere[m.actor]]


def _states_of_sectors(
    doc: Doc, mentions: list[LinkedMention], table: AliasTable
) -> list[LinkedMention]:
    """The state word of a sector mention, for a state named nowhere else: "have since
    expelled French troops" is about France too (``FRA`` and ``FRA-MIL``), as readers and the
    gold set count it. Only the state word itself is linked, so that the sector keeps the
    longer mention."""
    named = {m.actor for m in mentions}
    found: list[LinkedMention] = []
    for m in mentions:
        state, _, sector = m.actor.partition("-")
        if not sector or state in named or "sector" not in m.how:
            continue
        if state not in table.entries or table.entries[state].kind != "state":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        words = [t for t in span or () if t.i != m.head and t.text[:1].isupper()]
        if not words and span is not None and len(span) == 1:
            words = list(span)  # "the presidents of Egypt, Eritrea and Somalia": each word
        runs = []
        for t in words:
            if t.pos_ not in ("PROPN", "ADJ", "NOUN"):
                continue
            end = t.i + 1
            while (
                span is not None
                and end < span.end
                and end != m.head
                and doc[end].pos_ == "PROPN"
                and doc[end].text[:1].isupper()
            ):
                end += 1  # the whole name: "the government of [Viet Nam]"
            runs.append((t.i, end))
        # the run that names the state ("the Ministry of Foreign Affairs of the Kingdom of
        # [Saudi Arabia]"), else the first
        naming = [r for r in runs if _names_state(doc[r[0] : r[1]].text, state, table)]
        if naming or runs:
            start, end = (naming or runs)[0]
            named.add(state)
            how = f"state word of {m.actor}"
            found.append(make_mention(doc, start, end, state, start, how))
    return found


def _names_state(text: str, state: str, table: AliasTable) -> bool:
    return state in (
        table.aliases.get(text),
        table.demonyms.get(text),
        table.capitals.get(text),
    )


def build_actors(doc: Doc, mentions: list[LinkedMention], table: AliasTable) -> list[Actor]:
    """Group linked mentions into actors, most mentioned first."""
    grouped: dict[str, list[LinkedMention]] = defaultdict(list)
    for m in mentions:
        grouped[m.actor].append(m)
    actors = []
    for actor_id, group in grouped.items():
        ms = tuple(Mention(m.start, m.end, m.text) for m in group)
        if actor_id.startswith("person:"):
            named = [m for m in group if m.how.startswith("named")]
            longest = max(named or group, key=lambda m: len(m.text))
            span = doc.char_span(longest.start, longest.end, alignment_mode="expand")
            role = affiliation = country = None
            for m in named:
                s = doc.char_span(m.start, m.end, alignment_mode="expand")
                if s is not None:
                    role, affiliation, country = person_details(doc, s, mentions)
                    if role:
                        break
            name = span.text if span is not None else longest.text
            actors.append(
                Actor(
                    id=actor_id,
                    name=name,
                    kind="person",
                    country=country,
                    role=role,
                    affiliation=affiliation,
                    mentions=ms,
                )
            )
            continue
        entry = table.entry(actor_id)
        actors.append(
            Actor(
                id=actor_id,
                name=entry.name,
                kind=entry.kind,
                country=entry.country,
                sector=entry.sector,
                wikidata=entry.wikidata,
                mentions=ms,
            )
        )
    actors.sort(key=lambda a: (-len(a.mentions), a.mentions[0].start))
    return actors


def token_actor_groups(doc: Doc, actors: Iterable[Actor]) -> dict[int, list[str]]:
    """Token index -> every actor a mention over it stands for ("the two sides": two)."""
    groups: dict[int, list[str]] = {}
    for actor in actors:
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span or ():
                if actor.id not in groups.setdefault(t.i, []):
                    groups[t.i].append(actor.id)
    return groups


def token_actor_index(doc: Doc, actors: Iterable[Actor]) -> dict[int, str]:
    """Token index -> actor id for every token inside a mention (the longest mention wins)."""
    index: dict[int, str] = {}
    width: dict[int, int] = {}
    for actor in actors:
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                if len(span) >= width.get(t.i, 0):
                    index[t.i] = actor.id
                    width[t.i] = len(span)
    return index


def article_voice(article: Article, table: AliasTable | None = None) -> tuple[str | None, str]:
    """The actor an article speaks for, and why; (None, reason) when it speaks for none.

    A statement or press conference speaks for the body that issues it (an outlet
    that the alias table links, such as "Department of National Defense") or for the
    state of its outlet ("fmprc.gov.cn" -> CHN). An opinion piece in state-affiliated
    media speaks for that state. News reports speak for no one.
    """
    meta = article.meta
    if not meta.outlet or meta.genre not in ("statement", "opinion"):
        return None, "not a statement or an opinion piece"
    table = table or load_alias_table()
    linked = table.aliases.get(meta.outlet) or table.aliases.get(meta.outlet.removeprefix("The "))
    if linked and meta.genre == "statement":
        return linked, f"a statement issued by {meta.outlet}"
    outlet = find_outlet(meta.outlet)
    if (outlet is None or not outlet.country) and meta.genre == "statement":
        # "Ministry of Foreign Affairs, Republic of Korea", "Council of the European Union":
        # the state or bloc the issuing body's name contains.
        named = _actor_in_name(meta.outlet, table)
        if named:
            return named, f"a statement issued by {meta.outlet}"
    if outlet is None or not outlet.country:
        return None, f"{meta.outlet} is not a known outlet"
    if meta.genre == "statement":
        return outlet.country, f"a statement published by {outlet.name} ({outlet.country})"
    if outlet.state_affiliated:
        return (
            outlet.country,
            f"an opinion piece in {outlet.name}, state-affiliated media of {outlet.country}",
        )
    return None, f"{outlet.name} is not state-affiliated"


# "Joint Statement of ... X and Y on ...": the issuers come between the opening words and the
# topic ("on", "regarding", "concerning", a colon).
_JOINT_TITLE = re.compile(
    r"^\s*Joint\s+(?:Press\s+)?(?:Statement|Communiqu[eé]|Declaration)\b(?P<issuers>.*?)"
    r"(?:\s+(?:on|regarding|concerning|about)\s+|:|$)",
    re.IGNORECASE,
)


def joint_issuers(article: Article, table: AliasTable | None = None) -> list[str]:
    """The states and blocs a joint statement's title names as its issuers, in title order.

    "Joint Communiqué of the Ministers of Foreign Affairs of the Hellenic Republic and the
    Republic of Cyprus" -> [GRC, CYP]: both speak in it, although the outlet line names one
    ministry. Only the issuers' part of the title counts ("Joint Statement of Greece and
    Cyprus on Turkey" does not make Turkey an issuer). Empty unless the article is a
    statement whose title opens with "Joint Statement", "Joint Communiqué" or "Joint
    Declaration".
    """
    found = _JOINT_TITLE.match(article.meta.title or "")
    if article.meta.genre != "statement" or found is None:
        return []
    return _states_named(found.group("issuers"), table or load_alias_table())


def _states_named(text: str, table: AliasTable) -> list[str]:
    """The states and blocs ``text`` names, in order; a name inside a longer one is the
    longer one's ("Sudan" in "South Sudan", "Niger" in "Nigeria")."""
    hits = [
        (start, end, actor)
        for start, end, _, actor, kind in _alias_hits(text, table)
        if kind in ("state", "bloc")
    ]
    kept = [
        (start, end, actor)
        for start, end, actor in hits
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in hits)
    ]
    return list(dict.fromkeys(actor for _, _, actor in sorted(kept)))


def _alias_hits(text: str, table: AliasTable) -> Iterator[tuple[int, int, str, str, str]]:
    """Every whole-word occurrence in ``text`` of an alias of a state, a bloc or a state's
    body: (start, end, alias, actor, kind), in the order of the alias table."""
    for alias, actor in table.aliases.items():
        kind = table.entry(actor).kind
        if kind not in ("state", "bloc") and "-" not in actor:
            continue
        for hit in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
            yield hit.start(), hit.end(), alias, actor, kind


# An issuing body named "<body> of <state> ...": the state right after "of" is the issuer's
# ("Embassy of the People's Republic of China in the United States").
_ISSUER_BODY = re.compile(
    r"^(?:the\s+)?(?:Permanent\s+)?(?:Embassy|Mission|Consulate|Ministry|Office|Delegation)\b",
    re.IGNORECASE,
)
_DEFENCE = re.compile(r"\bDefen[cs]e\b")


def _actor_in_name(name: str, table: AliasTable) -> str | None:
    """The one state or bloc whose longest alias a body's name contains, else None.

    With several, the one named first when the name opens with the issuing body ("Embassy
    of China in the United States"). A state body's alias inside the name is the more
    precise voice when it is that state's ("U.S. Department of State" -> USA-GOV); a state's
    defence ministry speaks for its military ("Ministry of Defence of Ukraine" -> UKR-MIL).
    """
    found: dict[str, tuple[int, str]] = {}
    bodies: list[tuple[str, str]] = []
    for start, _, alias, actor, kind in _alias_hits(name, table):
        if len(alias) <= 3:
            continue
        if kind in ("state", "bloc"):
            found.setdefault(alias, (start, actor))  # its first occurrence
        elif (alias, actor) not in bodies:
            bodies.append((alias, actor))
    # "Republic of Korea" inside "Democratic People's Republic of Korea" is the longer one's.
    longest = [a for a in found if not any(a != b and a in b for b in found)]
    actors = {found[a][1] for a in longest}
    if len(actors) > 1 and _ISSUER_BODY.match(name):
        actors = {min(found[a] for a in longest)[1]}
    if len(actors) != 1:
        return None
    (actor,) = actors
    body = [b for a, b in sorted(bodies, key=lambda x: -len(x[0])) if b.split("-")[0] == actor]
    if body:
        return body[0]
    if table.entry(actor).kind == "state" and _DEFENCE.search(name):
        return f"{actor}-MIL"
    return actor


def first_person_of_speakers(
    article: Article, doc: Doc, mentions: list[LinkedMention]
) -> list[LinkedMention]:
    """ "We", "our", "us" inside a direct quote: whom its speaker speaks for.

    The quotes are found with the actors linked so far (``find_quotes``); a nested quote's
    words are its own speaker's. A person's "we" is their state when their title names one
    ("Foreign Minister Ana Lopes said, \"We tried everything\"" -> BRA), else the person.
    """
    quotes = [q for q in find_quotes(article, doc) if q.kind == "direct" and q.speaker]
    if not quotes:
        return []
    taken = {
        t.i
        for m in mentions
        for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or ())
    }
    country = {a.id: a.country for a in article.actors if a.kind == "person" and a.country}
    found = []
    for q in sorted(quotes, key=lambda q: q.end - q.start):  # nested quotes first
        for t in doc.char_span(q.start, q.end, alignment_mode="expand") or ():
            if t.lower_ not in FIRST_PERSON or t.i in taken:
                continue
            actor = country.get(q.speaker, q.speaker) if q.speaker else None
            if actor is None:
                continue
            taken.add(t.i)
            how = f"'{t.text}' in a quote of {q.speaker}"
            found.append(make_mention(doc, t.i, t.i + 1, actor, t.i, how))
    return found


class ActorsStage:
    """Links mentions to canonical actors; parses the Doc that later stages share."""

    name = "actors"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("actors",)

    def __init__(self, aliases_file: str | None = None) -> None:
        self.aliases_file = aliases_file
        self.table = load_alias_table(aliases_file)

    @classmethod
    def from_config(cls, settings: Mapping[str, Any]) -> Self:
        unknown = set(settings) - {"aliases_file"}
        if unknown:
            raise ConfigError(
                f"[stages.actors]: unknown setting(s) {', '.join(sorted(unknown))}; "
                "the only one is aliases_file"
            )
        return cls(aliases_file=settings.get("aliases_file") or None)

    def own_voice(self, article: Article) -> str | None:
        """The actor a statement or press conference speaks for (see ``article_voice``)."""
        voice, _ = article_voice(article, self.table)
        return voice if article.meta.genre == "statement" else None

    def home(self, article: Article) -> str | None:
        """The state of a wire's dateline city ("SEOUL, July 27 (Yonhap) --" -> KOR)."""
        dateline = article.meta.dateline or ""
        place = dateline.split("(")[0].split(",")[0].strip()
        if not place:
            return None
        for name in (place, place.title()):
            actor = self.table.capitals.get(name) or self.table.aliases.get(name)
            if actor and self.table.entry(actor).kind == "state":
                return actor
        return None

    def _annotate(self, article: Article, doc: Doc) -> Article:
        voice = self.own_voice(article)
        mentions = link_mentions(doc, self.table, self.aliases_file, voice, self.home(article))
        article.actors = build_actors(doc, mentions, self.table)
        speakers = first_person_of_speakers(article, doc, mentions)
        if speakers:
            mentions = sorted([*mentions, *speakers], key=lambda m: (m.start, m.end))
            article.actors = build_actors(doc, mentions, self.table)
        article.extras["actors"] = {
            "links": [
                {"start": m.start, "end": m.end, "actor": m.actor, "how": m.how} for m in mentions
            ]
        }
        return article

    def __call__(self, article: Article) -> Article:
        return self._annotate(article, parse(article))

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Article]:
        articles = list(articles)
        for article, doc in zip(articles, parse_many(articles, batch_size), strict=True):
            yield self._annotate(article, doc)
