"""The alias table of the actors stage and the words that name a state's bodies.

``load_alias_table`` reads ``spinscope/data/actors.tsv`` (id, kind, name, aliases, demonyms,
capitals, Wikidata id), every state's names from pycountry, an optional user file with the
same columns, and ``spinscope/data/sectors.tsv`` (the nouns of PLOVER sectors, some only
with a modifier: "defence ministry" is MIL). ``alias_matcher`` compiles the table into a
spaCy ``PhraseMatcher``; ``noun_sector`` says which sector a noun names. ``LinkedMention`` is
the unit every rule of the stage produces. Shared by ``actors.py`` (mention finding),
``actor_people.py`` and ``actor_references.py``; the events stage reads the capitals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from spinscope.errors import ConfigError
from spinscope.files import read_setting_file
from spinscope.nlp import load_spacy

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

__all__ = [
    "AMBIGUOUS_STATES",
    "OF_SECTORS",
    "SECTOR_KINDS",
    "SECTOR_NAMES",
    "ActorEntry",
    "AliasTable",
    "LinkedMention",
    "alias_matcher",
    "load_alias_table",
    "make_mention",
    "noun_sector",
    "sector_code",
    "word_sector",
]


# State names that are also common words or first names: linked only where spaCy calls that
# name a GPE somewhere in the article, or where it is coordinated with another state.
AMBIGUOUS_STATES = frozenset({"Jordan", "Chad", "Georgia", "Turkey"})

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

OF_SECTORS = frozenset(
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
        "assembly",
        "cabinet",
        # "the presidents of Egypt, Eritrea and Somalia", "the King of Morocco", "the Ministry
        # of Natural Resources of the People's Republic of China", "the Embassy of Japan"
        "president",
        "presidents",
        "king",
        "queen",
        "emir",
        "ministry",
        "ministries",
        "minister",
        "ministers",
        "embassy",
        "forces",
        "police",
        # "the people of Afghanistan", "the farmers of Iran": the state's civilians
        "people",
        "citizens",
        "civilians",
        "residents",
        "farmers",
        "fishermen",
    }
)


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
                kind=SECTOR_KINDS.get(sector) or SECTOR_NAMES.get(sector, "group"),
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
        text = read_setting_file(extra_file, "the actor alias file", "[stages.actors] aliases_file")
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
def alias_matcher(table_key: str | None) -> PhraseMatcher:
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
    for demonym, actor_id in table.demonyms.items():
        # "Zambians", "Bahrainis": the plural of a demonym names the people ("Philippines"
        # is a name, not a plural; "Chinese", "French", "Swiss" have none)
        plural = demonym + "s"
        if not demonym.endswith(("s", "sh", "ch", "ese")) and plural not in table.aliases:
            groups[f"demonym\t{actor_id}"].append(plural)
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
    modifiers = _modifier_words(noun) if word in table.sector_rules else set()
    return word_sector(word, modifiers, table)


def word_sector(word: str, modifiers: set[str], table: AliasTable) -> str | None:
    """``noun_sector`` for a lower-case word and the words that modify it (a title string such
    as "Defence Minister" gives ``word_sector("minister", {"defence"}, table)`` -> MIL)."""
    for sector, needed in table.sector_rules.get(word, ()):
        if modifiers & needed:
            return None if sector == "-" else sector
    return table.sectors.get(word)


def sector_code(noun: Token, table: AliasTable) -> str:
    """The PLOVER sector of a sector noun (``noun_sector``); GOV when the table has none."""
    return noun_sector(noun, table) or "GOV"


def make_mention(
    doc: Doc, start_i: int, end_i: int, actor: str, head: int, how: str
) -> LinkedMention:
    span = doc[start_i:end_i]
    return LinkedMention(span.start_char, span.end_char, span.text, actor, head, how)
