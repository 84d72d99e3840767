"""People in the actors stage: spaCy PERSON entities as ``person:<name>``.

A one-word name needs a title before it or a longer name in the article; titles, news
agencies and place names the NER takes for people are dropped; a surname alone links to the
one longer name that contains it. ``person_details`` reads role, affiliation and country
from an apposition or the title words before a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from spinscope.ingest.outlets import find_outlet
from spinscope.stages.actor_table import LinkedMention, make_mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "bare_surnames",
    "find_people",
    "in_person_title",
    "inside_a_name",
    "merge_short_names",
    "person_details",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLES = _words(
    "spokesperson spokesman spokeswoman president premier minister secretary general admiral "
    "ambassador mr mr. ms ms. mrs mrs. dr dr. prof prof. professor chairman chairwoman senator "
    "representative governor mayor commander colonel captain lieutenant deputy vice prime "
    "foreign defense defence state chancellor king queen prince sir lord chairperson "
    "commissioner envoy"
)

_NOT_PEOPLE = frozenset({"Bloomberg", "Reuters", "AFP", "Xinhua", "Kyodo", "Yonhap", "TASS"})

_PLACE_NOUNS = _words(
    "crossing border camp city province region district port airport base strait island "
    "islands shoal reef river valley county town village square street checkpoint "
    "archipelago field fields mine dam canal waterway peninsula bay gulf basin lake"
)

# Prepositions of place: "military positions around Bobo-Dioulasso", "a base on Diego Garcia"
# (the NER's "people" after them are mostly places); not "trust in Biden".
_LOCATIVE_PREPS = _words("in near around outside across via through on")
_NOT_PLACE_HEADS = _words(
    "faith confidence trust belief interest pressure sanctions attack attacks report focus "
    "views remarks comments hopes book article story film debate campaign crackdown vote bet "
    "spotlight"
)


# Last words of place names that the NER takes for people ("Arunachal Pradesh").
_PLACE_ENDINGS = _words("pradesh oblast krai governorate province region district county")


def in_person_title(token: Token) -> bool:
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


def _named_place(ent: Span) -> bool:
    """ "the port of Bandar Abbas", "the city of Monterrey": a place noun's of-phrase."""
    root = ent.root
    return (
        root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PLACE_NOUNS
    )


def _after_locative(ent: Span) -> bool:
    """ "around Bobo-Dioulasso", "a base on Diego Garcia": the object of a preposition of
    place, unless what governs it is a noun that takes people ("pressure on Zelensky")."""
    root = ent.root
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ in _LOCATIVE_PREPS
        and prep.head.lemma_.lower() not in _NOT_PLACE_HEADS
        and prep.head.lower_ not in _NOT_PLACE_HEADS
    )


def _title_before(doc: Doc, token: Token) -> bool:
    """A title word right before a name: "President Putin", "Mr. Li"."""
    return token.i > 0 and doc[token.i - 1].lower_ in _TITLES


def _joined_names(doc: Doc) -> list[Span]:
    """The entities, with a name the NER cut in two joined again: "Kyaw" + "Thura" + "Lin"
    (PERSON, a bare proper noun, PERSON) is one person, "Kyaw Thura Lin"."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    joined: list[Span] = []
    for ent in ents:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label_ == ent.label_ == "PERSON"
            and ent.start - last.end == 1
            and doc[last.end].pos_ == "PROPN"
            and doc[last.end].is_title
            and not doc[last.end].ent_type_
            and doc[last.end].lower_ not in _TITLES
        ):
            joined[-1] = Span(doc, last.start, ent.end, label="PERSON")
        else:
            joined.append(ent)
    return joined


# Role nouns an apposition gives a name ("Paraguay's chief negotiator, Ana Villalba,").
_ROLE_NOUNS = _words(
    "negotiator official diplomat spokesperson spokesman spokeswoman minister ambassador envoy "
    "leader head chief adviser advisor director chair chairman chairwoman president premier "
    "governor mayor commander general secretary lawmaker legislator senator"
)
# Verbs whose subject is a person speaking: "Petrova told RT", "Wielgosz said".
_SPEECH_LEMMAS = _words("say tell add state note write insist claim argue recall warn explain")
# Words that make a capitalised run a body or a document, not a person ("White Paper",
# "Acquisition Program Administration").
_BODY_WORDS = _words(
    "paper administration agency office program programme council committee ministry "
    "department bureau party group company corporation bank university force forces guard "
    "navy army service court commission authority house centre center institute foundation "
    "fund organization organisation union association front movement alliance coalition "
    "assembly parliament congress senate board summit treaty accord agreement plan strategy "
    "report law act declaration charter convention initiative project zone island islands "
    "sea strait river street square station airport port base camp state province region "
    "north south east west"
)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_NOT_NAME_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
)


def _name_runs(doc: Doc, taken: set[int]) -> Iterator[tuple[int, int]]:
    """Runs of two or three capitalised proper nouns that no actor has taken and that no
    PERSON entity covers: candidates for a name the NER missed. A longer run of capitalised
    words is a title or a body's name, and none of its parts is a candidate."""

    def name_word(t: Token) -> bool:
        return (
            t.pos_ == "PROPN"
            and t.is_title
            and t.i not in taken
            and t.ent_type_ not in _NOT_NAME_LABELS
            and t.lower_ not in _TITLES
            and t.lower_ not in _BODY_WORDS
        )

    i = 0
    while i < len(doc):
        if not name_word(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and name_word(doc[j]):
            j += 1
        capitalised_next = j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title
        if (
            2 <= j - i <= 3
            and not capitalised_next
            and not any(doc[k].ent_type_ == "PERSON" for k in range(i, j))
        ):
            yield i, j
        i = j


def _missed_names(doc: Doc, taken: set[int]) -> list[Span]:
    """Names the small NER model leaves out or takes for an organisation or a place, when the
    text says they are people: a title right before ("Agriculture Minister Tomasz Wielgosz"),
    an apposition to a role ("chief negotiator, Ana Villalba,"), or the last word alone as
    the subject of a speech verb elsewhere with a "he" or "she" soon after the name
    ("Valentina Petrova is 78. She was born ... Petrova told RT")."""
    from spacy.tokens import Span

    # where each word stands as the subject of a speech verb ("Petrova told RT")
    speaking: dict[str, list[int]] = {}
    for t in doc:
        if t.dep_ == "nsubj" and t.head.lemma_ in _SPEECH_LEMMAS:
            speaking.setdefault(t.text, []).append(t.i)
    found = []
    for start, end in _name_runs(doc, taken):
        last = doc[end - 1]
        before = doc[start - 1] if start > 0 else None
        named_as = {doc[k].ent_type_ for k in range(start, end)} - {""}
        titled = before is not None and (
            before.lower_ in _TITLES
            # a role noun is weaker than a title: "its head Tesla Motors" is a company
            or (before.lower_ in _ROLE_NOUNS and not named_as & {"ORG", "GPE", "FAC"})
        )
        role_appos = (
            before is not None
            and before.text == ","
            and last.dep_ == "appos"
            and last.head.lower_ in _ROLE_NOUNS
        )
        # the last word alone, outside the run, as the subject of a speech verb, and a "he"
        # or "she" soon after the run: a company ("Goldman Sachs ... Sachs added") is "it"
        speaks = any(not start <= i < end for i in speaking.get(last.text, ())) and any(
            t.lower_ in _PERSONAL_PRONOUNS for t in doc[end : end + 40]
        )
        if (titled or role_appos or speaks) and find_outlet(doc[start:end].text) is None:
            found.append(Span(doc, start, end, label="PERSON"))
    return found


def _indefinite_before(ent: Span) -> bool:
    """ "a new Iron Curtain", "an Iron Curtain": an article (and an adjective) before the name."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and doc[i].lower_ in ("a", "an")


def find_people(doc: Doc, taken: set[int]) -> Iterator[tuple[Span, str]]:
    """PERSON entities as ``person:<slug>``, titles removed.

    A one-word name is a person only when a title stands before it ("President Putin") or
    when it is part of a longer name seen in the article ("Lin" after "Lin Mei"): news
    introduces people by their full name, and the NER's one-word "people" are mostly places
    ("Sahel", "Niamey", "Monterrey").
    """
    seen: dict[str, str] = {}
    lone: list[tuple[Span, str]] = []
    names = _joined_names(doc)
    covered = {t.i for e in names if e.label_ == "PERSON" for t in e}
    missed = [e for e in _missed_names(doc, taken) if not any(t.i in covered for t in e)]
    for ent in sorted([*names, *missed], key=lambda e: (e.start, e.label_ != "PERSON")):
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
        if tokens and tokens[0] == ent_start and _after_locative(ent):
            continue  # "military positions around Bobo-Dioulasso": a place
        if any(ch.isdigit() for ch in ent.text):
            continue  # "K9 howitzers": a product
        tail = doc[ent.end : ent.end + 2]
        if tail and (
            tail[0].is_digit or len(tail) == 2 and tail[0].pos_ == "PROPN" and tail[1].is_digit
        ):
            continue  # "the Xiang Yang Hong 03": a ship's name
        if not tokens or ent.text in _NOT_PEOPLE or find_outlet(ent.text) is not None:
            continue
        if _indefinite_before(ent):
            continue  # "a new Iron Curtain": a thing; news names people without "a"
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


def merge_short_names(mentions: list[LinkedMention]) -> list[LinkedMention]:
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


def bare_surnames(doc: Doc, mentions: list[LinkedMention]) -> list[LinkedMention]:
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
        # A name word the tagger took for a noun still counts when the NER saw a name in it
        # ("Bouzid has spent ..." opening a paragraph, tagged NOUN and ORG).
        named = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.ent_type_ != "")
        if token.i in taken or not named or not owners or len(owners) != 1:
            continue
        (person,) = owners
        found.append(
            make_mention(doc, token.i, token.i + 1, person, token.i, "name word of a person")
        )
    return found


def person_details(
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
    head = root.head
    if (
        not role_tokens
        and root.dep_ == "appos"
        and head.i < span.start
        and (head.lower_ in _ROLE_NOUNS or head.lower_ in _TITLES)
        and head.sent == span.sent
    ):
        # "the spokesman of the Sudanese army, General Osman Hamid Babiker": the role the
        # name is in apposition to, before it
        role_tokens = list(doc[head.left_edge.i : span.start])
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
    orgs = _org_names(doc, role_span.start, role_span.end)
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


def _org_names(doc: Doc, start: int, end: int) -> list[Span]:
    """The ORG entities wholly inside tokens ``start:end``, read from the tokens' IOB tags
    (``doc.ents`` builds every entity of the article again on each read)."""
    found = []
    i = start
    while i < end:
        if doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "ORG":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= end:
                found.append(doc[i:j])
            i = j
        else:
            i += 1
    return found


def inside_a_name(span: Span, person_of: Mapping[int, Span]) -> bool:
    """A one-word match that is the first or last word of a two- or three-word PERSON name
    with no title in it ("Paris Hilton", "Israel Katz", "Richard Wagner")."""
    name = person_of.get(span.start)
    if len(span) != 1 or name is None or not 2 <= len(name) <= 3:
        return False
    if span.start not in (name.start, name.end - 1):
        return False
    return all(t.pos_ == "PROPN" and t.lower_ not in _TITLES for t in name)
