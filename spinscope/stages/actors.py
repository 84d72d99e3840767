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
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from spinscope.article import Actor, Article, Mention
from spinscope.errors import ConfigError
from spinscope.ingest.outlets import find_outlet
from spinscope.nlp import load_spacy, parse, parse_many

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "ActorEntry",
    "ActorsStage",
    "AliasTable",
    "LinkedMention",
    "article_voice",
    "link_mentions",
    "load_alias_table",
    "token_actor_groups",
    "token_actor_index",
]

log = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SECTOR_KINDS = {
    "GOV": "government",
    "MIL": "military",
    "LEG": "legislature",
    "JUD": "judiciary",
    "SPY": "intelligence",
    "COP": "police",
}
SECTOR_NAMES = {
    "GOV": "government",
    "MIL": "military",
    "LEG": "legislature",
    "JUD": "judiciary",
    "CVL": "civilians",
    "MED": "media",
    "BUS": "business",
    "EDU": "academia",
    "COP": "police",
    "REL": "religious",
    "PTY": "party",
    "SPY": "intelligence",
    "REB": "rebels",
}
# State names that are also common words or first names: linked only where spaCy calls that
# name a GPE somewhere in the article, or where it is coordinated with another state.
_AMBIGUOUS = frozenset({"Jordan", "Chad", "Georgia", "Turkey"})
_TITLES = _words(
    "spokesperson spokesman spokeswoman president premier minister secretary general admiral "
    "ambassador mr mr. ms ms. mrs mrs. dr dr. prof prof. professor chairman chairwoman senator "
    "representative governor mayor commander colonel captain lieutenant deputy vice prime "
    "foreign defense defence state chancellor king queen prince sir lord chairperson "
    "commissioner envoy"
)
_OF_SECTORS = frozenset(
    {
        "government",
        "governments",
        "administration",
        "authorities",
        "junta",
        "juntas",
        "military",
        "army",
        "navy",
        "parliament",
        "cabinet",
    }
)
# Nouns a state name modifies without being an actor: "U.S. dollars", "the Taiwan question".
_NOT_ABOUT_STATE = _words(
    "dollar dollars yuan yen euro euros ruble rubles rupee rupees won question issue"
)
_NOT_PEOPLE = frozenset({"Bloomberg", "Reuters", "AFP", "Xinhua", "Kyodo", "Yonhap", "TASS"})
_NOT_ACTOR_ENTS = frozenset({"LAW", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"})
_PARTICIPANT_PREPS = frozenset({"to", "against", "with", "on", "toward", "towards", "upon"})
_PLACE_NOUNS = _words(
    "crossing border camp city province region district port airport base strait island "
    "islands shoal reef river valley county town village square street checkpoint"
)
# Last words of place names that the NER takes for people ("Arunachal Pradesh").
_PLACE_ENDINGS = _words("pradesh oblast krai governorate province region district county")
_FIRST_PERSON = frozenset({"we", "our", "us", "ours"})
_PAIR_NOUNS = frozenset(
    {"sides", "parties", "countries", "nations", "leaders", "ministers", "governments", "states"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One canonical actor of the alias table."""

    id: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None


@dataclass(slots=True)
class AliasTable:
    """Canonical actors and the surface forms that name them."""

    entries: dict[str, ActorEntry] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    """Surface form (case-sensitive) -> actor id."""
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    """Lower-case noun -> PLOVER sector code."""
    sector_rules: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)
    """Lower-case noun -> (sector, modifiers) tried before ``sectors``: "defence ministry" is MIL;
    a sector of "-" means the noun names no body with that modifier ("vassal forces")."""

    def entry(self, actor_id: str) -> ActorEntry:
        """The entry of an id; sector ids of known states are made on the fly."""
        found = self.entries.get(actor_id)
        if found is not None:
            return found
        country, _, sector = actor_id.partition("-")
        if sector and country in self.entries:
            state = self.entries[country]
            label = SECTOR_NAMES.get(sector, sector.lower())
            return ActorEntry(
                id=actor_id,
                kind=SECTOR_KINDS.get(sector, "group"),
                name=f"{state.name} ({label})",
                country=country,
                sector=sector,
            )
        return ActorEntry(id=actor_id, kind="group", name=actor_id)


def _cells(line: str, n: int) -> list[str]:
    return [c.strip() for c in (line.split("\t") + [""] * n)[:n]]


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split(";") if a.strip()]


def _read_actor_rows(text: str, table: AliasTable, origin: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        actor_id, kind, name, aliases, demonyms, capitals, wikidata = _cells(line, 7)
        if not actor_id or not kind:
            raise ConfigError(
                f"{origin}:{number}: an actor row needs at least an id and a kind "
                "(columns: id, kind, name, aliases, demonyms, capitals, wikidata)"
            )
        country, _, sector = actor_id.partition("-")
        is_state_like = len(country) == 3 and country.isupper()
        table.entries[actor_id] = ActorEntry(
            id=actor_id,
            kind=kind,
            name=name or actor_id,
            country=country if is_state_like and (kind == "state" or sector) else None,
            sector=sector or None,
            wikidata=wikidata or None,
        )
        for alias in [name, *_split(aliases)] if name else _split(aliases):
            table.aliases[alias] = actor_id
        for demonym in _split(demonyms):
            table.demonyms[demonym] = actor_id
        for capital in _split(capitals):
            table.capitals[capital] = actor_id


@cache
def load_alias_table(extra_file: str | None = None) -> AliasTable:
    """The shipped alias table, every state's pycountry names, and an optional user file.

    Rows of the user file override shipped rows with the same id and add aliases.

    Raises:
        ConfigError: the user file cannot be read or a row lacks an id or kind.
    """
    import pycountry

    table = AliasTable()
    for country in pycountry.countries:
        names = {
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        }
        display = getattr(country, "common_name", None) or country.name
        table.entries[country.alpha_3] = ActorEntry(
            id=country.alpha_3, kind="state", name=display, country=country.alpha_3
        )
        for name in names:
            if name and "," not in name:
                table.aliases[name] = country.alpha_3
    data = resources.files("spinscope").joinpath("data")
    _read_actor_rows(data.joinpath("actors.tsv").read_text("utf-8"), table, "actors.tsv")
    if extra_file:
        try:
            text = Path(extra_file).read_text("utf-8")
        except OSError as e:
            raise ConfigError(
                f"cannot read the actor alias file {extra_file}: {e}; "
                "fix [stages.actors] aliases_file"
            ) from e
        _read_actor_rows(text, table, extra_file)
    for line in data.joinpath("sectors.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, sector, modifiers = _cells(line, 3)
            if modifiers:
                words = frozenset(m.lower() for m in _split(modifiers))
                table.sector_rules.setdefault(word.lower(), []).append((sector, words))
            else:
                table.sectors[word.lower()] = sector
    return table


@cache
def _matcher(table_key: str | None) -> PhraseMatcher:
    from spacy.matcher import PhraseMatcher

    table = load_alias_table(table_key)
    nlp = load_spacy()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    groups: dict[str, list[str]] = defaultdict(list)
    for category, mapping in (
        ("alias", table.aliases),
        ("demonym", table.demonyms),
        ("capital", table.capitals),
    ):
        for surface, actor_id in mapping.items():
            groups[f"{category}\t{actor_id}"].append(surface)
            words = surface.split()
            if len(words) > 1 and surface[0].isupper():
                # "the Japanese Government" and "the Japanese government" are both written.
                groups[f"{category}\t{actor_id}"].append(
                    " ".join([words[0], *(w.lower() for w in words[1:])])
                )
    for key, surfaces in groups.items():
        matcher.add(key, [nlp.make_doc(surface) for surface in sorted(set(surfaces))])
    return matcher


@dataclass(frozen=True, slots=True)
class LinkedMention:
    """Text linked to an actor id, with the token it hangs on and the rule that linked it."""

    start: int
    end: int
    text: str
    actor: str
    head: int
    """Index of the token whose dependency arc connects the mention to its clause."""
    how: str


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
        if noun_sector(candidate, table) and not _in_person_title(candidate):
            return candidate
        return None
    # "the government of Japan", "the military governments of Mali, Burkina Faso and Niger"
    # (but "the leaders of the United States" are the state)
    node = token
    while node.dep_ == "conj" and node.head.i < node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in _OF_SECTORS:
        return node.head.head
    return None


# Sectors whose noun a state word may modify through compounds ("Chinese rare earth companies").
_BEHIND_COMPOUNDS = frozenset({"BUS", "CVL", "MED", "EDU"})


def _modifier_words(noun: Token) -> set[str]:
    """The words that say which body a noun is: compounds, adjectives, an of-phrase."""
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"]
    mods += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    return {t.lower_ for t in mods}


def noun_sector(noun: Token, table: AliasTable) -> str | None:
    """The PLOVER sector a noun names (``sectors.tsv``), or None.

    Rules that need a modifier come first: a defence ministry or department is the military
    ("Japan's Defense Ministry", "its defence ministry" -> MIL, as the gold set's "Department of
    National Defense" is), an intelligence service SPY; "vassal forces" name no body.
    """
    word = noun.lower_
    rules = table.sector_rules.get(word)
    if rules:
        modifiers = _modifier_words(noun)
        for sector, words in rules:
            if modifiers & words:
                return None if sector == "-" else sector
    return table.sectors.get(word)


def sector_code(noun: Token, table: AliasTable) -> str:
    """The PLOVER sector of a sector noun (``noun_sector``); GOV when the table has none."""
    return noun_sector(noun, table) or "GOV"


def _in_person_title(token: Token) -> bool:
    """Whether a noun is the title of a named person: "Foreign Minister [Wang Yi]", "Greenland's
    premier, [Naja Lynge]," (an apposition), "[Naja Lynge], Greenland's premier"."""
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children):
        return True
    if token.dep_ == "appos" and token.head.ent_type_ == "PERSON":
        return True
    node = token
    for _ in range(4):
        if node.ent_type_ == "PERSON" and node != token:
            return True
        if node.dep_ not in ("compound", "amod", "nmod") or node.head == node:
            return False
        node = node.head
    return node.ent_type_ == "PERSON"


def _mention(doc: Doc, start_i: int, end_i: int, actor: str, head: int, how: str) -> LinkedMention:
    span = doc[start_i:end_i]
    return LinkedMention(span.start_char, span.end_char, span.text, actor, head, how)


def _state_or_sector(
    doc: Doc, span: Span, state: str, table: AliasTable, how: str
) -> LinkedMention:
    sector_noun = _sector_head(span.root, table)
    if sector_noun is not None:
        sector = sector_code(sector_noun, table)
        if span.root.dep_ == "conj" and sector_noun.i < span.start:
            # "the governments of Mali, Burkina Faso and Niger": each state word on its own
            how = f"{how}+sector '{sector_noun.text}'"
            return _mention(doc, span.start, span.end, f"{state}-{sector}", span.root.i, how)
        start = min(span.start, sector_noun.i)
        # "the government of Japan": the mention runs from the noun to the state.
        end = max(span.end, sector_noun.i + 1)
        if start == sector_noun.i and start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        return _mention(
            doc,
            start,
            end,
            f"{state}-{sector}",
            sector_noun.i,
            f"{how}+sector '{sector_noun.text}'",
        )
    return _mention(doc, span.start, span.end, state, span.root.i, how)


_VOICES_IN = frozenset(
    {"critic", "official", "diplomat", "analyst", "observer", "voice", "hardliner", "leader"}
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
    return None


def _named_place(ent: Span) -> bool:
    """ "the port of Bandar Abbas", "the city of Monterrey": a place noun's of-phrase."""
    root = ent.root
    return (
        root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PLACE_NOUNS
    )


def _title_before(doc: Doc, token: Token) -> bool:
    """A title word right before a name: "President Putin", "Mr. Li"."""
    return token.i > 0 and doc[token.i - 1].lower_ in _TITLES


def _people(doc: Doc, taken: set[int]) -> Iterator[tuple[Span, str]]:
    """PERSON entities as ``person:<slug>``, titles removed.

    A one-word name is a person only when a title stands before it ("President Putin") or
    when it is part of a longer name seen in the article ("Lin" after "Lin Mei"): news
    introduces people by their full name, and the NER's one-word "people" are mostly places
    ("Sahel", "Niamey", "Monterrey").
    """
    seen: dict[str, str] = {}
    lone: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(t.i in taken for t in ent):
            continue
        ent_start = ent[0]
        tokens = list(ent)
        while tokens and tokens[0].lower_ in _TITLES:
            tokens = tokens[1:]
        after = doc[ent.end] if ent.end < len(doc) else None
        if after is not None and after.lower_ in _PLACE_NOUNS:
            continue  # "the Rafah crossing": a place
        if ent[-1].lower_ in _PLACE_ENDINGS or _named_place(ent):
            continue  # "Arunachal Pradesh", "the port of Bandar Abbas"
        if any(ch.isdigit() for ch in ent.text):
            continue  # "K9 howitzers": a product
        if not tokens or ent.text in _NOT_PEOPLE or find_outlet(ent.text) is not None:
            continue
        end = ent.end
        while end > tokens[0].i + 1 and doc[end - 1].is_punct:
            end -= 1  # "Li Ming:" in a transcript
        ent = doc[tokens[0].i : end]
        words = [t.text for t in ent if not t.is_punct and t.text not in ("'s", "’s")]
        if not words or not words[0][:1].isupper():
            continue
        slug = "-".join(re.sub(r"[^\w-]", "", w.lower()) for w in words)
        if len(words) == 1 and seen.get(words[0].lower()):
            slug = seen[words[0].lower()]
        elif len(words) == 1 and not (tokens[0] != ent_start or _title_before(doc, tokens[0])):
            lone.append((ent, f"person:{slug}"))
            continue
        elif len(words) > 1:
            # Either the first or the last word may be the family name ("Lin Mei", "Shinzo Abe");
            # a word shared by two people links to neither.
            for word in (words[0].lower(), words[-1].lower()):
                seen[word] = slug if seen.get(word, slug) == slug else ""
        yield ent, f"person:{slug}"
    for ent, person in lone:
        # A one-word name that a longer name seen later contains: "Sun said ... Sun Mingde".
        slug = person.removeprefix("person:")
        if seen.get(slug):
            yield ent, f"person:{seen[slug]}"


def _merge_short_names(mentions: list[LinkedMention]) -> list[LinkedMention]:
    """ "Wang" seen before "Wang Lei": link it to the one longer name that contains it."""
    people = {m.actor for m in mentions if m.actor.startswith("person:")}
    out = []
    for m in mentions:
        slug = m.actor.removeprefix("person:")
        if m.actor in people and "-" not in slug:
            longer = [
                p for p in people if "-" in p and slug in p.removeprefix("person:").split("-")
            ]
            if len(longer) == 1:
                m = LinkedMention(
                    m.start, m.end, m.text, longer[0], m.head, m.how + " (short name)"
                )
        out.append(m)
    return out


def _bare_surnames(doc: Doc, mentions: list[LinkedMention]) -> list[LinkedMention]:
    """A name word the NER missed ("Sun also met ...") that is part of exactly one person's name."""
    taken = {
        t.i
        for m in mentions
        for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or ())
    }
    parts: dict[str, set[str]] = {}
    for m in mentions:
        if m.actor.startswith("person:") and "-" in m.actor:
            for word in m.text.split():
                parts.setdefault(word, set()).add(m.actor)
    found = []
    for token in doc:
        owners = parts.get(token.text)
        if token.i in taken or token.pos_ != "PROPN" or not owners or len(owners) != 1:
            continue
        (person,) = owners
        found.append(_mention(doc, token.i, token.i + 1, person, token.i, "name word of a person"))
    return found


def _person_details(
    doc: Doc, span: Span, mentions: list[LinkedMention]
) -> tuple[str | None, str | None, str | None]:
    """Role, affiliation and country of a person, from an apposition or title words."""
    root = span.root
    role_tokens: list[Token] = []
    for child in root.children:
        # "Li Ming: China and Vietnam are ..." is a transcript turn, not an apposition
        after = doc[span.end] if span.end < len(doc) else None
        if child.dep_ == "appos" and child.i > root.i and (after is None or after.text != ":"):
            end = child.right_edge.i + 1
            # The parser often cuts a long apposition short; when the person is a subject,
            # the apposition runs to the last comma before the verb.
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.i > end:
                commas = [t.i for t in doc[end : root.head.i] if t.text == ","]
                if commas:
                    end = commas[-1]
            role_tokens = list(doc[child.left_edge.i : end])
            break
    if not role_tokens:
        titles = [
            t
            for t in doc[max(0, span.start - 6) : span.start]
            if t.head.i in range(span.start, span.end)
        ]
        titles = [t for t in titles if t.dep_ in ("compound", "amod", "nmod") and not t.is_punct]
        if titles:
            # "European Council President Anna Berg": the whole title phrase, not just "President"
            start = min(t.left_edge.i for t in titles)
            start = max(start, span.start - 8, span.sent.start)
            role_tokens = list(doc[start : span.start])
    if not role_tokens:
        return None, None, None
    while role_tokens and role_tokens[0].lower_ in ("the", "a", "an", ","):
        role_tokens = role_tokens[1:]
    while role_tokens and role_tokens[-1].is_punct:
        role_tokens = role_tokens[:-1]
    if not role_tokens:
        return None, None, None
    role_span = doc[role_tokens[0].i : role_tokens[-1].i + 1]
    orgs = [
        e
        for e in doc.ents
        if e.label_ == "ORG" and e.start >= role_span.start and e.end <= role_span.end
    ]
    affiliation = None
    if orgs:
        org = orgs[-1]
        affiliation = org.text[4:] if org.text.lower().startswith("the ") else org.text
    linked = [
        m for m in mentions if role_span.start_char <= m.start and m.end <= role_span.end_char
    ]
    country = next(
        (m.actor.split("-")[0] for m in linked if not m.actor.startswith("person:")), None
    )
    # "NATO Secretary General ...": an organisation or a state body is the affiliation;
    # a bare state is the country, already returned.
    bodies = [m for m in linked if not m.actor.startswith("person:") and "-" in m.actor]
    bodies += [m for m in linked if m.actor.isupper() and len(m.actor) != 3]
    if affiliation is None and bodies:
        affiliation = bodies[0].text
    return role_span.text, affiliation, country


def _resolve_references(
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

    own_state = own_voice.split("-")[0] if own_voice else None
    if own_state not in table.entries or table.entries[own_state].kind != "state":
        own_state = None
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
            m = _mention(doc, start, token.i + 1, actor, token.i, f"office '{label}'")
            resolved.append(m)
            for i in range(start, token.i + 1):
                by_token[i] = m  # "The Secretary-General ... He said": the office holder
        elif lower in ("he", "she", "his", "her", "him") and not _inside_quotes(text, token):
            person = _recent_person(token, sents[max(0, k - 1)].start, by_token)
            if person:
                resolved.append(_mention(doc, token.i, token.i + 1, person, token.i, f"'{lower}'"))
                owned = _persons_body(token, person, mentions, table)
                if owned is not None:
                    noun, actor = owned
                    how = f"'{lower} {noun.text}'"
                    resolved.append(_mention(doc, token.i, noun.i + 1, actor, noun.i, how))
        elif lower in _PAIR_NOUNS and (_pair_phrase(token)):
            pair = _recent_pair(token, sents[max(0, k - 2)].start, by_token, table)
            start = token.left_edge.i
            for actor in pair:
                how = f"'{doc[start : token.i + 1].text}'"
                resolved.append(_mention(doc, start, token.i + 1, actor, token.i, how))
        elif lower in _FIRST_PERSON and own_voice and not _inside_quotes(text, token):
            resolved.append(
                _mention(doc, token.i, token.i + 1, own_voice, token.i, "the statement's own voice")
            )
        elif lower == "it" and token.dep_ in ("nsubj", "nsubjpass"):
            target = _it_antecedent(token, sents[k - 1] if k > 0 else None, by_token)
            if target:
                resolved.append(
                    _mention(doc, token.i, token.i + 1, target, token.i, "pronoun 'it'")
                )
        elif lower == "its" and token.dep_ == "poss":
            target = _its_antecedent(token, by_token, actors_between(sent.start, token.i, False))
            if target is None and k > 0 and _owns_subject(token):
                # "Israel criticized the deal. Its foreign ministry said ...": the subject
                # of the sentence before.
                target = _it_antecedent(token, sents[k - 1], by_token, force=True)
            if target:
                resolved.append(
                    _mention(doc, token.i, token.i + 1, target, token.i, "pronoun 'its'")
                )
                owned = _owned_sector(token, target, table)
                if owned is not None:
                    noun, actor = owned
                    resolved.append(
                        _mention(doc, token.i, noun.i + 1, actor, noun.i, f"'its {noun.text}'")
                    )
        elif lower in ("they", "them") and not _inside_quotes(text, token):
            group = _plural_antecedent(token, sents[max(0, k - 1)].start, by_token, resolved)
            for actor in group:
                resolved.append(
                    _mention(doc, token.i, token.i + 1, actor, token.i, f"pronoun '{lower}'")
                )
        elif lower in _GROUP_NOUNS and _bare_definite(token, _GROUP_WORDS):
            window = sents[max(0, k - 2)].start
            kinds = _GROUP_NOUNS[lower]
            blocs = [
                a for a in actors_between(window, token.i, False) if table.entry(a).kind in kinds
            ]
            if len(blocs) == 1:
                resolved.append(
                    _mention(
                        doc, token.left_edge.i, token.i + 1, blocs[0], token.i, f"'the {lower}'"
                    )
                )
        elif (
            lower in _OWN_OFFICE_TITLES
            and token.is_title
            and own_voice
            and _bare_definite(token)
            and not (token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON")
        ):
            # "the Secretary said", "the Minister": in a statement or briefing, the
            # issuer's own office.
            state, _, sector = own_voice.partition("-")
            actor = own_voice if sector else f"{state}-GOV"
            if state in table.entries and table.entries[state].kind == "state":
                resolved.append(
                    _mention(doc, token.i - 1, token.i + 1, actor, token.i, f"'the {token.text}'")
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
                    _mention(doc, token.i - 1, token.i + 1, states[0], token.i, "'the regime'")
                )
        elif lower in ("ministry", "embassy") and _bare_definite(token, _BODY_WORDS):
            # "the defense ministry said" in a Seoul wire; "the Ministry" in a statement
            state = own_state or home
            if state is not None:
                actor = f"{state}-{sector_code(token, table)}"
                start = token.left_edge.i
                resolved.append(_mention(doc, start, token.i + 1, actor, token.i, f"'the {lower}'"))
        elif (
            lower in ("troops", "police", "soldiers", "forces", "warships", "marines")
            and token.dep_ in ("dobj", "conj")
            and not any(c.dep_ in ("poss", "det") and c.lower_ != "more" for c in token.children)
        ):
            sender = _deploying_state(token, by_token, resolved, table)
            if sender is not None:
                actor = f"{sender}-{sector_code(token, table)}"
                how = f"'{token.text}' sent by {sender}"
                resolved.append(_mention(doc, token.i, token.i + 1, actor, token.i, how))
        elif lower in ("government", "country", "nation") and _bare_definite(
            token, _GOVERNMENT_WORDS if lower == "government" else frozenset()
        ):
            states = actors_between(sent.start, token.i, True)
            if not states and own_state is not None:
                # "The Government held consultations" in a statement: the issuer's own.
                states = [own_state]
            if not states and k > 0:
                states = actors_between(sents[k - 1].start, sents[k - 1].end, True)
            if len(states) == 1:
                actor = f"{states[0]}-GOV" if lower == "government" else states[0]
                start = token.left_edge.i
                resolved.append(_mention(doc, start, token.i + 1, actor, token.i, f"'the {lower}'"))
    return resolved


# "the bloc", "the group": the one actor of these kinds named in the last three sentences.
_GROUP_NOUNS = {
    "bloc": ("bloc", "organisation"),
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
_BODY_WORDS = frozenset(
    {
        "foreign",
        "defence",
        "defense",
        "interior",
        "home",
        "justice",
        "finance",
        "trade",
        "commerce",
        "health",
        "economy",
        "agriculture",
        "energy",
        "unification",
        "federal",
        "external",
        "affairs",
        "security",
    }
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
    Vilela ... His government" -> BRA-GOV)."""
    noun = token.head
    if token.lower_ not in ("his", "her") or token.dep_ != "poss":
        return None
    if noun_sector(noun, table) not in ("GOV", "MIL") or noun.lower_ not in _OF_SECTORS | {
        "ministry",
        "administration",
    }:
        return None
    doc = token.doc
    for m in mentions:
        if m.actor != person or not m.how.startswith("named"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in doc[max(span.sent.start, span.start - 6) : span.start]:
            state = next(
                (
                    o.actor
                    for o in mentions
                    if o.start <= t.idx < o.end and not o.actor.startswith("person:")
                ),
                None,
            )
            if state and state in table.entries and table.entries[state].kind == "state":
                return noun, f"{state}-{sector_code(noun, table)}"
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


_OWNED_BODIES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


def _owns_subject(token: Token) -> bool:
    """ "Its foreign ministry said": "its" owns the subject of its clause."""
    return token.head.dep_ in ("nsubj", "nsubjpass")


def _owned_sector(token: Token, target: str, table: AliasTable) -> tuple[Token, str] | None:
    """The sector body "its" owns: "its foreign ministry" of Israel is ISR-GOV, "its defence
    ministry" RUS-MIL, "its spokesperson" of China's commerce ministry CHN-GOV. Only bodies
    of the state count: "its citizens", "its companies" are the state's concern, not a body
    that acts for it."""
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


def _inside_a_name(span: Span, person_of: Mapping[int, Span]) -> bool:
    """A one-word match that is the first or last word of a two- or three-word PERSON name
    with no title in it ("Paris Hilton", "Israel Katz", "Richard Wagner")."""
    name = person_of.get(span.start)
    if len(span) != 1 or name is None or not 2 <= len(name) <= 3:
        return False
    if span.start not in (name.start, name.end - 1):
        return False
    return all(t.pos_ == "PROPN" and t.lower_ not in _TITLES for t in name)


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

    matcher = _matcher(table_key)
    spans = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        span.label_ = doc.vocab.strings[match_id]
        spans.append(span)
    kept = filter_spans(spans)
    person_of = {t.i: e for e in doc.ents if e.label_ == "PERSON" for t in e}
    places = {s.text for s in kept if s.text in _AMBIGUOUS and s.root.ent_type_ == "GPE"}
    places |= {
        s.text
        for s in kept
        if s.text in _AMBIGUOUS
        and any(c.dep_ == "conj" or s.root.dep_ == "conj" for c in s.root.children)
    }
    mentions: list[LinkedMention] = []
    for span in kept:
        category, _, actor = span.label_.partition("\t")
        text = span.text
        if text in _AMBIGUOUS and text not in places:
            continue
        if _inside_a_name(span, person_of):
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
        if any(t.ent_type_ in _NOT_ACTOR_ENTS for t in span):
            continue  # "the United Nations Convention on the Law of the Sea"
        root = span.root
        if root.dep_ == "compound" and root.head.lower_ in _NOT_ABOUT_STATE:
            continue
        if category == "capital":
            ruling = _ruling_body_in(span)
            if ruling is not None and table.entry(actor).kind == "state":
                # "the new authorities in Niamey": the state's government
                how = f"'{ruling.text} in' its capital"
                start = ruling.left_edge.i
                mentions.append(_mention(doc, start, span.end, f"{actor}-GOV", ruling.i, how))
            elif _capital_as_government(span, table):
                how = "capital standing for its state"
                if table.entry(actor).kind == "state":
                    # "Tokyo officials", "Moscow's troops": the capital's state and its sector
                    mentions.append(_state_or_sector(doc, span, actor, table, how))
                else:
                    mentions.append(_mention(doc, span.start, span.end, actor, span.root.i, how))
            continue
        entry = table.entry(actor)
        if entry.kind == "place":
            continue  # "Latin America", "British Columbia": the longer name is a place
        if entry.kind == "state":
            mentions.append(_state_or_sector(doc, span, actor, table, category))
        else:
            mentions.append(_mention(doc, span.start, span.end, actor, span.root.i, category))
    taken = {
        t.i
        for m in mentions
        for t in (doc.char_span(m.start, m.end, alignment_mode="expand") or ())
    }
    for ent, person in _people(doc, taken):
        mentions.append(
            _mention(doc, ent.start, ent.end, person, ent.root.i, "named entity PERSON")
        )
    mentions = _merge_short_names(mentions)
    mentions += _bare_surnames(doc, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    mentions += _resolve_references(doc, mentions, table, own_voice, home)
    mentions += _states_of_sectors(doc, mentions, table)
    mentions = _drop_mere_places(doc, mentions, table)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


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
        word = next((t for t in words if t.pos_ in ("PROPN", "ADJ", "NOUN")), None)
        if word is not None:
            named.add(state)
            how = f"state word of {m.actor}"
            found.append(_mention(doc, word.i, word.i + 1, state, word.i, how))
    return found


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
                    role, affiliation, country = _person_details(doc, s, mentions)
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
    linked = table.aliases.get(meta.outlet)
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


def _actor_in_name(name: str, table: AliasTable) -> str | None:
    """The one state or bloc whose longest alias a body's name contains, else None."""
    found = {}
    for alias, actor in table.aliases.items():
        if (
            len(alias) > 3
            and table.entry(actor).kind in ("state", "bloc")
            and re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", name)
        ):
            found[alias] = actor
    # "Republic of Korea" inside "Democratic People's Republic of Korea" is the longer one's.
    longest = [a for a in found if not any(a != b and a in b for b in found)]
    actors = {found[a] for a in longest}
    return actors.pop() if len(actors) == 1 else None


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
