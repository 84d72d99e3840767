"""Who says a quote: the actor a cue verb's subject names, and the passes over all quotes.

``subject_of`` finds the subject of a cue verb (or of the verb it hangs from, or the issuer of
a document that speaks); ``speaker_of_subject`` turns that subject into an actor through the
actors stage's mentions (a person first, else the mention covering the head word), a person
named right before the verb, a surname of a person named in full, a PERSON entity, the
issuer of a document named earlier, and resolves "he"/"she", "I"/"we" (a press-conference
turn, a statement's voice). The passes after every quote is found give a quote without a
cue the speaker of the sentence before it, "we" inside a direct quote that quote's speaker,
and a quote continued in the next paragraph that quote's speaker. Used by ``quotes.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spinscope.article import Actor, Article, Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "DOCUMENTS",
    "NO_SPEAKER",
    "SPEECH_VERBS",
    "Linked",
    "Speaker",
    "carry_speakers_back",
    "clip",
    "first_person_in_quotes",
    "mention_index",
    "speaker_from_sentence_before",
    "speaker_of_subject",
    "subject_of",
]


_SPEECH_VERB_WORDS = """
say tell state claim add argue warn insist note stress emphasize emphasise assert
allege declare announce write report admit acknowledge reiterate maintain explain
deny vow pledge promise complain boast remark comment reply respond answer suggest
predict call dub describe label brand term accuse urge quote ask caution point confirm
assure criticize criticise condemn denounce decry slam repeat
"""

SPEECH_VERBS = frozenset(_SPEECH_VERB_WORDS.split())

_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})

_PRONOUNS_SELF = frozenset({"i", "we"})

_POSSESSIVES = frozenset({"his", "her", "their"})

DOCUMENTS = frozenset(
    [
        "communique",
        "communiqué",
        "statement",
        "report",
        "declaration",
        "paper",
        "resolution",
        "letter",
        "readout",
        "release",
        "note",
        "document",
        "strategy",
        "review",
        "amendment",
        "motion",
        "bill",
        "text",
        "message",
        "post",
        "tweet",
    ]
)

_TURN = re.compile(
    r"(?:(?:Spokesperson|Spokesman|Spokeswoman|Minister|Ambassador|Mr\.?|Ms\.?)\s+)?"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:",
)


@dataclass(frozen=True, slots=True)
class Speaker:
    actor: str | None
    mention: Mention | None
    how: str


NO_SPEAKER = Speaker(None, None, "no speaker found")

# Verbs of a sentence that introduces the quote after it: "Lopes spoke after the vote. '...'"
_INTRODUCING_VERBS = SPEECH_VERBS | frozenset({"speak", "address", "brief", "post", "tweet"})


def speaker_from_sentence_before(
    article: Article, doc: Doc, quotes: list[Quote], mentions: list[Linked]
) -> list[Quote]:
    """A quote that is a sentence of its own, with no speech verb, is said by whoever the
    sentence before it quotes or has speak ("Foreign Minister Ana Lopes spoke after the vote.
    \"We tried everything.\"")."""
    result = list(quotes)
    sents = None
    for i, q in enumerate(result):
        if q.speaker is not None or q.kind != "direct" or "no speech verb" not in q.explanation:
            continue
        if sents is None:
            sents = list(doc.sents)
        k = next((k for k, s in enumerate(sents) if s.start_char <= q.start < s.end_char), None)
        if k is None or k == 0:
            continue
        sent = sents[k]
        if article.text[sent.start_char : q.start].strip(" \"“«'‘"):
            continue  # the quote does not open its sentence
        before = sents[k - 1]
        earlier = [
            o
            for o in result[:i]
            if o.speaker and o.kind in ("direct", "reported") and before.start_char <= o.end
        ]
        found = None
        if earlier:
            found = (earlier[-1].speaker, earlier[-1].speaker_mention, "the quote before it")
        elif before.root.lemma_.lower() in _INTRODUCING_VERBS:
            subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                speaker = speaker_of_subject(article, doc, subject, subject.idx, mentions)
                if speaker.actor is not None:
                    found = (speaker.actor, speaker.mention, f'"{before.root.text}" before it')
        if found is None:
            continue
        actor, mention, why = found
        result[i] = Quote(
            q.start,
            q.end,
            q.text,
            "direct",
            speaker=actor,
            speaker_mention=mention,
            cue=q.cue,
            explanation=f"a sentence of its own, said by the speaker of the sentence before "
            f"({why})",
        )
    return result


def first_person_in_quotes(quotes: list[Quote]) -> list[Quote]:
    """ "We" or "I" speaking inside someone's direct quote is that quote's speaker:
    \"We have said that the drills are 'a rehearsal for war,'\" the spokesman said; also where
    the actors stage had linked that "we" to a state."""
    result = list(quotes)
    for i, q in enumerate(result):
        unresolved = q.speaker is None and "with no turn speaker" in q.explanation
        # "We told the ambassador, 'Thailand will not ...'": the we of a nested quote is the
        # outer quote's speaker, not the state the actors stage gave it
        voice = "the voice of the statement" in q.explanation
        if not unresolved and not voice:
            continue
        outer = next(
            (
                o
                for o in result
                if o is not q
                and o.kind == "direct"
                and o.speaker is not None
                and o.start <= q.start
                and q.end <= o.end
            ),
            None,
        )
        if outer is not None:
            result[i] = Quote(
                q.start,
                q.end,
                q.text,
                q.kind,
                speaker=outer.speaker,
                speaker_mention=outer.speaker_mention,
                cue=q.cue,
                explanation=f"{q.explanation}; inside a quote of {outer.speaker}, who is the "
                "first person",
            )
    return result


def carry_speakers_back(quotes: list[Quote], continued: set[tuple[int, int]]) -> list[Quote]:
    """A quote continued in the next paragraph has the speaker of the quote that goes on."""
    result = list(quotes)
    for i in range(len(result) - 1, -1, -1):
        q = result[i]
        if (q.start, q.end) not in continued or q.speaker is not None:
            continue
        nxt = next((n for n in result[i + 1 :] if n.kind == "direct"), None)
        if nxt is not None:
            result[i] = Quote(
                q.start,
                q.end,
                q.text,
                "direct",
                speaker=nxt.speaker,
                speaker_mention=nxt.speaker_mention,
                cue=nxt.cue,
                explanation=f"quote goes on in the next paragraph; {nxt.explanation}",
            )
    return result


@dataclass(frozen=True, slots=True)
class Linked:
    start: int
    end: int
    actor: str
    kind: str
    text: str


def mention_index(actors: Iterable[Actor]) -> list[Linked]:
    index = [Linked(m.start, m.end, a.id, a.kind, m.text) for a in actors for m in a.mentions]
    index.sort(key=lambda x: (x.start, -x.end))
    return index


def speaker_of_subject(
    article: Article,
    doc: Doc,
    subject: Token,
    before: int,
    mentions: list[Linked],
    cue_start: int | None = None,
) -> Speaker:
    """The actor a subject phrase names; pronouns resolved backwards from ``before``."""
    antecedent = _relative_antecedent(subject)
    if antecedent is not None:
        found = speaker_of_subject(article, doc, antecedent, before, mentions, cue_start)
        how = f'"{subject.text}" stands for {found.how[0].lower()}{found.how[1:]}'
        return Speaker(found.actor, found.mention, how)
    word = subject.lower_
    linked = next(
        (m for m in mentions if m.start == subject.idx and m.end == subject.idx + len(subject)),
        None,
    )
    if word in _PRONOUNS_PERSON and linked is not None:
        # The actors stage resolved it ("The Secretary-General took note. He said ...").
        return Speaker(
            linked.actor,
            Mention(linked.start, linked.end, linked.text),
            f'pronoun "{subject.text}": {linked.actor}, as the actors stage resolved it',
        )
    if word in _PRONOUNS_PERSON:
        person = _nearest_person(doc, before, mentions)
        if person is not None:
            return Speaker(
                person.actor,
                Mention(person.start, person.end, person.text),
                f'pronoun "{subject.text}": the nearest person before it',
            )
        return Speaker(None, None, f'pronoun "{subject.text}" with no person before it')
    if word in _PRONOUNS_SELF:
        turn = _turn_speaker(article, subject.idx, mentions)
        if turn is not None:
            return Speaker(
                turn.actor,
                Mention(turn.start, turn.end, turn.text),
                f'"{subject.text}" in the press-conference turn of {turn.text}',
            )
        if linked is not None:
            return Speaker(
                linked.actor,
                Mention(linked.start, linked.end, linked.text),
                f'"{subject.text}": the voice of the statement ({linked.actor})',
            )
        return Speaker(None, None, f'"{subject.text}" with no turn speaker')
    left = subject.left_edge.idx
    right = subject.right_edge.idx + len(subject.right_edge)
    for clause in subject.rights:
        if clause.dep_ == "relcl":
            # "The president, who in February accused ...": the phrase ends before "who"
            right = min(right, clause.left_edge.idx)
    inside = [m for m in mentions if left <= m.start and m.end <= right]
    head_cover = [m for m in inside if m.start <= subject.idx < m.end]
    # "her government said": the government speaks, not the woman its "her" points to
    people = [
        m
        for m in inside
        if m.kind == "person"
        and not (m.text.lower() in _POSSESSIVES and any(h.kind != "person" for h in head_cover))
    ]
    ranked = people or head_cover or inside
    chosen = ranked[0] if ranked else None
    if chosen is not None:
        return Speaker(
            chosen.actor,
            Mention(chosen.start, chosen.end, chosen.text),
            f'actor named in the subject "{clip(article.text[left:right])}"',
        )
    cue_start = before if cue_start is None else cue_start
    adjacent = [m for m in mentions if m.kind == "person" and 0 <= cue_start - m.end <= 2]
    if adjacent:
        chosen = adjacent[-1]
        return Speaker(
            chosen.actor,
            Mention(chosen.start, chosen.end, chosen.text),
            f"the person named right before the speech verb ({chosen.text})",
        )
    surname = _person_by_name_part(doc, subject, left, right, mentions)
    if surname is not None:
        return Speaker(
            surname.actor,
            Mention(left, right, article.text[left:right]),
            f'"{subject.text}" is part of the name of {surname.text}, named before',
        )
    for ent in doc.ents:
        if ent.label_ == "PERSON" and left <= ent.start_char and ent.end_char <= right:
            return Speaker(
                _person_id(ent.text),
                Mention(ent.start_char, ent.end_char, ent.text),
                "a person named in the subject (not linked by the actors stage)",
            )
    issuer = _document_issuer(doc, subject, mentions)
    if issuer is not None:
        return Speaker(
            issuer.actor,
            Mention(issuer.start, issuer.end, issuer.text),
            f'"{subject.text}" was issued by {issuer.text}, named with it earlier',
        )
    return Speaker(None, None, f'subject "{clip(article.text[left:right])}" names no actor')


_RELATIVES = frozenset({"who", "which", "that"})
_ISSUING_VERBS = frozenset({"adopt", "pass", "issue", "publish", "release", "approve", "sign"})


def _relative_antecedent(subject: Token) -> Token | None:
    """What a relative pronoun subject stands for: "the Arakan Army, which says ..." is the
    Arakan Army; "the Senate adopted a resolution that branded ..." is the Senate (a document
    speaks for whoever adopted it)."""
    clause = subject.head
    if subject.lower_ not in _RELATIVES or clause.dep_ != "relcl" or clause.head == clause:
        return None
    noun = clause.head
    verb = noun.head
    if (
        noun.lemma_.lower() in DOCUMENTS
        and noun.dep_ in ("dobj", "npadvmod")
        and verb.lemma_.lower() in _ISSUING_VERBS
    ):
        issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if issuer is not None:
            return issuer
    return noun


def _document_issuer(doc: Doc, subject: Token, mentions: list[Linked]) -> Linked | None:
    """The actor behind a document subject ("The communique said"): named with it before.

    The previous occurrence of the same noun ("a joint communique", "the G7's statement") is
    looked up, else of any document noun ("the Japanese government adopted three security
    documents ... The new National Security Strategy labels"); the actor mentioned last
    before it, in its sentence, issued it.
    """
    lemma = subject.lemma_.lower()
    if lemma not in DOCUMENTS:
        return None
    earlier = doc[: subject.left_edge.i]
    noun = next((t for t in reversed(earlier) if t.lemma_.lower() == lemma), None)
    if noun is None:
        noun = next(
            (t for t in reversed(earlier) if t.lemma_.lower() in DOCUMENTS and t.pos_ == "NOUN"),
            None,
        )
    if noun is None:
        return None
    sent = noun.sent
    before = [m for m in mentions if sent.start_char <= m.start and m.end <= noun.idx]
    return before[-1] if before else None


def _person_by_name_part(
    doc: Doc, subject: Token, left: int, right: int, mentions: list[Linked]
) -> Linked | None:
    """A person named in full before, whose name contains the subject's proper noun(s).

    "Sun told reporters" after "Sun Mingde"; "Marchand said" after "Julien Marchand".
    """
    words = {
        t.text for t in doc[subject.left_edge.i : subject.right_edge.i + 1] if t.pos_ == "PROPN"
    }
    if not words:
        return None
    candidates = [
        m
        for m in mentions
        if m.kind == "person"
        and m.end <= right
        and words & set(m.text.split())
        and len(m.text.split()) > 1
    ]
    return candidates[-1] if candidates else None


def _person_id(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", name.lower()).strip("-")
    return f"person:{slug}"


def clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _nearest_person(doc: Doc, before: int, mentions: list[Linked]) -> Linked | None:
    people = [m for m in mentions if m.kind == "person" and m.end <= before]
    ents = [
        Linked(e.start_char, e.end_char, _person_id(e.text), "person", e.text)
        for e in doc.ents
        if e.label_ == "PERSON" and e.end_char <= before
    ]
    best_linked = people[-1] if people else None
    best_ent = max(ents, key=lambda e: e.end) if ents else None
    if best_ent is not None and (best_linked is None or best_ent.start > best_linked.end):
        covered = [m for m in mentions if m.start <= best_ent.start < m.end]
        if not covered:
            return best_ent
    return best_linked


def _turn_speaker(article: Article, at: int, mentions: list[Linked]) -> Linked | None:
    paragraph_start = article.text.rfind("\n", 0, at) + 1
    m = _TURN.match(article.text, paragraph_start)
    if m is None:
        return None
    start, end = m.start("name"), m.end("name")
    for linked in mentions:
        if linked.kind == "person" and start <= linked.start and linked.end <= end:
            return linked
    return Linked(start, end, _person_id(m.group("name")), "person", m.group("name"))


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it hangs from ("calling it", "keeps saying").

    A document that speaks ("an amendment stating that ...") speaks for whoever adopted or
    voted for it ("the European Parliament voted for an amendment stating that ..."). A
    transcript label ("Question: Caracas has called ...") is not the subject.
    """
    current = verb
    for _ in range(5):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # Two subjects are a misparse of a trailing attribution ("Malaysia ... offered to
            # help, a Malaysian official said"): the one next to the verb says it.
            return _past_label(min(subjects, key=lambda c: abs(current.i - c.i)), current)
        if (
            current.dep_ == "acl"
            and (
                current.tag_ in ("VBD", "VBZ", "VBP")
                # a participle with an object is active: "accused Kyiv of ..."
                or (current.tag_ == "VBN" and any(c.dep_ == "dobj" for c in current.children))
            )
            and current.head.pos_ in ("NOUN", "PROPN")
            and current.head.lemma_.lower() not in DOCUMENTS
            and current.head.i < current.i
        ):
            # "Question: The spokeswoman, Galina Orlova, accused Yerevan ...": a finite (or
            # active) verb hung on the noun before it has that noun as its subject.
            return current.head
        if current.dep_ == "acl" and current.head.lemma_.lower() in DOCUMENTS:
            noun = current.head
            while noun.dep_ == "pobj" and noun.head.dep_ == "prep":
                noun = noun.head.head
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
                noun = noun.head  # "Tokyo posted a message expressing ...": the poster
            if noun.pos_ in ("VERB", "AUX"):
                current = noun
                continue
            return None
        if (
            current.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl", "pcomp")
            and current.head != current
        ):
            current = current.head
        else:
            return None
    return None


def _past_label(subject: Token, verb: Token) -> Token:
    """ "Question: Caracas has called ...": the subject is what follows the label's colon."""
    doc = subject.doc
    if subject.i + 1 >= len(doc) or doc[subject.i + 1].text != ":":
        return subject
    words = [t for t in doc[subject.i + 2 : verb.i] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    heads = [t for t in words if not (subject.i + 2 <= t.head.i < verb.i)]
    return heads[0] if heads else subject
