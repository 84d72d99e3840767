"""The quotes stage: who is quoted, saying what, and which quoted words keep a distance.

Three kinds of ``Quote``:

- ``direct``: words between quotation marks that someone is said to have said:
  straight (``"..."``), curly (``“...”``) or guillemets (``«...»``), single quotes nested
  inside them (``'...'``, ``‘...’``), a quote split around its attribution
  (``"We thought," he said, "that ..."``) as two quotes with one speaker, and a quote left
  open at a paragraph's end because it goes on in the next (it takes that one's speaker);
- ``reported``: the content clause of a speech verb ("X said/stated/claimed (in his
  book) that ...", "X made clear that ...", "X told reporters the sanctions were ...",
  "The West, he argued, is ...", "According to X, ...", "..., according to X."), from the
  clause's first word to the end of the sentence or to a second report coordinated with it
  ("said A, and Y warned that B"); not a trailing wire attribution ("..., the ministry
  said.") nor a passive speech verb ("Honiara is told it may not ...");
- ``scare``: a short quoted phrase (at most five words) that nobody in the sentence is
  said to have said, or one after "so-called": the writer's distance from a word
  (``illegally "nationalized"``).

How the speaker is found (``Quote.explanation`` says which rule fired):

1. **The cue verb**: from the quote's root token, walk up the dependency tree (spaCy,
   through ``spinscope.nlp.parse``) to the first speech verb ("said", "told",
   "claimed", "calling", ...), or a verb of labelling reached through "as" or "for"
   ("dismissed the demand as 'illegitimate'", "praised them for their 'wisdom'"); failing
   that, a speech verb right after the closing mark ("..., X said") or right before the
   opening one ("X said: ..."). A quoted fragment inside a reported clause belongs to that
   clause and is not listed again.
2. **The subject** of the cue verb (or of the verb it hangs from, for "calling it" or
   "keeps saying"): the actor mention inside the subject phrase, a person first
   ("the IAEA's deputy director, Laura Fischer, said" -> Laura Fischer), through
   ``article.actors``; else a person named right before the verb, a surname of a person
   named in full earlier ("Sun said" after "Sun Mingde"), the issuer of a document
   subject ("The communique said" -> the actor named with "a joint communique" earlier),
   or a spaCy PERSON entity as ``person:<name>`` when the actors stage did not link it.
3. **Pronouns**: "he"/"she" is whom the actors stage resolved it to (an office holder too),
   else the nearest person mentioned before the cue; "I"/"we" in a press-conference turn
   ("Spokesperson Wang Lei: ...") is the turn's speaker, elsewhere in a statement its voice.
   A passive cue ("We were told, '...'") names the listener: no speaker.
4. **A quote that is a sentence of its own** is said by the speaker of the sentence before
   ("Lopes spoke after the vote. \"We tried everything.\"").

``scare_quotes(article)`` gives the scare quotes for the techniques stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from spinscope.article import Actor, Article, Mention, Quote
from spinscope.nlp import parse, parse_many

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "SCARE_MAX_WORDS",
    "SPEECH_VERBS",
    "QuotesStage",
    "find_quotes",
    "quoted_spans",
    "scare_quotes",
]

SCARE_MAX_WORDS = 5
_SPEECH_VERB_WORDS = """
say tell state claim add argue warn insist note stress emphasize emphasise assert
allege declare announce write report admit acknowledge reiterate maintain explain
deny vow pledge promise complain boast remark comment reply respond answer suggest
predict call dub describe label brand term accuse urge quote ask caution point confirm
assure criticize criticise condemn denounce decry slam
"""
SPEECH_VERBS = frozenset(_SPEECH_VERB_WORDS.split())
# Verbs that attribute a label only through "as": "dismissed the demand as 'illegitimate'",
# "rejected the accusations as a 'staged provocation'" (the subject used the word).
_LABELLING_VERBS = frozenset(
    [
        "dismiss",
        "reject",
        "brand",
        "describe",
        "denounce",
        "condemn",
        "criticize",
        "criticise",
        "slam",
        "decry",
        "blast",
        "hail",
        "praise",
        "welcome",
        "characterize",
        "characterise",
        "portray",
        "paint",
        "see",
        "view",
        "regard",
    ]
)
# ... or through "for", for verbs that give a reason: "praised both sides for their 'wisdom'".
_CREDITING_VERBS = frozenset(
    ["praise", "thank", "commend", "laud", "hail", "blame", "fault", "criticize", "criticise"]
)
# Verbs that introduce reported speech with a content clause (a subset: "call" and
# "accuse" do not take one, "ask" and "urge" take orders, not statements).
_REPORTING = SPEECH_VERBS - {
    "call",
    "dub",
    "describe",
    "label",
    "brand",
    "term",
    "accuse",
    "urge",
    "ask",
    "quote",
    "criticize",
    "criticise",
    "condemn",
    "denounce",
    "decry",
    "slam",
}
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUNS_SELF = frozenset({"i", "we"})
_DOCUMENTS = frozenset(
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
    ]
)
_WH_WORDS = frozenset(
    {"what", "whether", "how", "why", "who", "whom", "when", "where", "which", "if"}
)
_DOUBLE = re.compile(r'"(?P<a>[^"\n]+)"|“(?P<b>[^”\n]+)”|«\s*(?P<c>[^»\n]+)»')
_OPENS_PARAGRAPH = re.compile(r'^\s*(["“«])')
_SINGLE = re.compile(r"(?<![\w])'(?P<a>[^'\n]+?)'(?![\w])|‘(?P<b>[^’\n]+?)’(?![\w])")
_ACCORDING = re.compile(r"According to (?P<who>[^,.;]{2,80}),\s*", re.IGNORECASE)
_ACCORDING_END = re.compile(r",\s+according to (?P<who>[^,;]{2,80}?)[.!?]?[\"”’']*\s*$")
_SO_CALLED = re.compile(r"\bso-called\s*$", re.IGNORECASE)
_TURN = re.compile(
    r"(?:(?:Spokesperson|Spokesman|Spokeswoman|Minister|Ambassador|Mr\.?|Ms\.?)\s+)?"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:",
)
_PARENTHETICAL = re.compile(
    r",\s*(?P<who>he|she|they|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+"
    r"(?P<cue>said|says|argued|argues|added|adds|insisted|noted|warned|claimed|stressed)\s*,\s*"
)


@dataclass(frozen=True, slots=True)
class _Mark:
    """A quoted stretch: content offsets (without the marks) and nesting depth."""

    start: int
    end: int
    outer: _Mark | None = None
    continued: bool = False
    """A paragraph-long quote whose closing mark is left off because the next paragraph goes on."""


@dataclass(frozen=True, slots=True)
class _Speaker:
    actor: str | None
    mention: Mention | None
    how: str


_NO_SPEAKER = _Speaker(None, None, "no speaker found")


def scare_quotes(article: Article) -> list[Quote]:
    """The scare quotes of an article, for the techniques stage.

    Uses ``article.quotes`` when the quotes stage has run, else finds them.
    """
    quotes = article.quotes if "quotes" in article.stages else find_quotes(article)
    return [q for q in quotes if q.kind == "scare"]


def find_quotes(article: Article, doc: Doc | None = None) -> list[Quote]:
    """Direct, reported and scare quotes with speakers resolved through ``article.actors``.

    Args:
        article: the article; its ``actors`` layer names the speakers (empty is allowed:
            speakers are then only people spaCy recognises, or None).
        doc: the article's spaCy Doc, when the caller already has it; else
            ``spinscope.nlp.parse`` gives the cached one.

    Returns:
        The quotes in text order (an outer quote before the quotes nested in it).
    """
    doc = doc if doc is not None else parse(article)
    text = article.text
    mentions = _mention_index(article.actors)
    marks = _find_marks(text)
    reported = _reported(article, doc, marks, mentions)
    quotes: list[Quote] = list(reported)
    for mark in marks:
        if any(r.start <= mark.start < r.end for r in reported):
            continue  # a quoted fragment of a reported clause
        quotes.append(_classify(article, doc, mark, mentions))
    quotes.sort(key=lambda q: (q.start, -q.end))
    quotes = _first_person_in_quotes(quotes)
    quotes = _carry_speakers_back(quotes, {(m.start, m.end) for m in marks if m.continued})
    return _speaker_from_sentence_before(article, doc, quotes, mentions)


# Verbs of a sentence that introduces the quote after it: "Lopes spoke after the vote. '...'"
_INTRODUCING_VERBS = SPEECH_VERBS | frozenset({"speak", "address", "brief", "post", "tweet"})


def _speaker_from_sentence_before(
    article: Article, doc: Doc, quotes: list[Quote], mentions: list[_Linked]
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
                speaker = _speaker_of_subject(article, doc, subject, subject.idx, mentions)
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


def _first_person_in_quotes(quotes: list[Quote]) -> list[Quote]:
    """ "We" or "I" speaking inside someone's direct quote is that quote's speaker:
    \"We have said that the drills are 'a rehearsal for war,'\" the spokesman said."""
    result = list(quotes)
    for i, q in enumerate(result):
        if q.speaker is not None or "with no turn speaker" not in q.explanation:
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


def _carry_speakers_back(quotes: list[Quote], continued: set[tuple[int, int]]) -> list[Quote]:
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


# --- quotation marks --------------------------------------------------------------------------


def quoted_spans(text: str) -> list[tuple[int, int, bool]]:
    """Every quoted stretch: (start, end, nested), offsets of the words inside the marks.

    Double quotes (straight or curly) pair up within a line; single quotes count only
    inside a double-quoted stretch (elsewhere they are apostrophes). Leading spaces and
    trailing ",;:" are not part of the content.
    """
    return [(m.start, m.end, m.outer is not None) for m in _find_marks(text)]


def _find_marks(text: str) -> list[_Mark]:
    marks: list[_Mark] = []
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        continued = _continues(line, lines, number + 1)
        if continued:
            start, end = _strip(text, offset + continued, offset + len(line))
            if start < end:
                outer = _Mark(start, end, continued=True)
                marks.append(outer)
                marks.extend(_nested(text, outer))
        else:
            for m in _DOUBLE.finditer(text, offset, offset + len(line)):
                group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
                start, end = _strip(text, m.start(group), m.end(group))
                if start < end:
                    outer = _Mark(start, end)
                    marks.append(outer)
                    marks.extend(_nested(text, outer))
        offset += len(line) + 1
    return marks


def _continues(line: str, lines: list[str], following: int) -> int:
    """Where the words of a quote left open at the paragraph's end start, or 0.

    News style leaves the closing mark off a paragraph when the quote goes on in the next
    paragraph, which opens with a mark again.
    """
    m = _OPENS_PARAGRAPH.match(line)
    if m is None:
        return 0
    mark = m.group(1)
    closing = {'"': '"', "“": "”", "«": "»"}[mark]
    if mark == '"':
        open_at_end = line.count('"') % 2 == 1
    else:
        open_at_end = line.count(closing) < line.count(mark)
    # The next non-blank line, looked for only here (not for every line: that was quadratic).
    nxt = next((lines[i] for i in range(following, len(lines)) if lines[i].strip()), "")
    if open_at_end and _OPENS_PARAGRAPH.match(nxt):
        return m.end()
    return 0


def _nested(text: str, outer: _Mark) -> list[_Mark]:
    found = []
    for inner in _SINGLE.finditer(text, outer.start, outer.end):
        g = "a" if inner.group("a") is not None else "b"
        s, e = _strip(text, inner.start(g), inner.end(g))
        if s < e:
            found.append(_Mark(s, e, outer))
    return found


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _words(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))


# --- speakers ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Linked:
    start: int
    end: int
    actor: str
    kind: str
    text: str


def _mention_index(actors: Iterable[Actor]) -> list[_Linked]:
    index = [_Linked(m.start, m.end, a.id, a.kind, m.text) for a in actors for m in a.mentions]
    index.sort(key=lambda x: (x.start, -x.end))
    return index


def _speaker_of_subject(
    article: Article,
    doc: Doc,
    subject: Token,
    before: int,
    mentions: list[_Linked],
    cue_start: int | None = None,
) -> _Speaker:
    """The actor a subject phrase names; pronouns resolved backwards from ``before``."""
    word = subject.lower_
    linked = next(
        (m for m in mentions if m.start == subject.idx and m.end == subject.idx + len(subject)),
        None,
    )
    if word in _PRONOUNS_PERSON and linked is not None:
        # The actors stage resolved it ("The Secretary-General took note. He said ...").
        return _Speaker(
            linked.actor,
            Mention(linked.start, linked.end, linked.text),
            f'pronoun "{subject.text}": {linked.actor}, as the actors stage resolved it',
        )
    if word in _PRONOUNS_PERSON:
        person = _nearest_person(doc, before, mentions)
        if person is not None:
            return _Speaker(
                person.actor,
                Mention(person.start, person.end, person.text),
                f'pronoun "{subject.text}": the nearest person before it',
            )
        return _Speaker(None, None, f'pronoun "{subject.text}" with no person before it')
    if word in _PRONOUNS_SELF:
        turn = _turn_speaker(article, subject.idx, mentions)
        if turn is not None:
            return _Speaker(
                turn.actor,
                Mention(turn.start, turn.end, turn.text),
                f'"{subject.text}" in the press-conference turn of {turn.text}',
            )
        if linked is not None:
            return _Speaker(
                linked.actor,
                Mention(linked.start, linked.end, linked.text),
                f'"{subject.text}": the voice of the statement ({linked.actor})',
            )
        return _Speaker(None, None, f'"{subject.text}" with no turn speaker')
    left = subject.left_edge.idx
    right = subject.right_edge.idx + len(subject.right_edge)
    inside = [m for m in mentions if left <= m.start and m.end <= right]
    people = [m for m in inside if m.kind == "person"]
    head_cover = [m for m in inside if m.start <= subject.idx < m.end]
    ranked = people or head_cover or inside
    chosen = ranked[0] if ranked else None
    if chosen is not None:
        return _Speaker(
            chosen.actor,
            Mention(chosen.start, chosen.end, chosen.text),
            f'actor named in the subject "{_clip(article.text[left:right])}"',
        )
    cue_start = before if cue_start is None else cue_start
    adjacent = [m for m in mentions if m.kind == "person" and 0 <= cue_start - m.end <= 2]
    if adjacent:
        chosen = adjacent[-1]
        return _Speaker(
            chosen.actor,
            Mention(chosen.start, chosen.end, chosen.text),
            f"the person named right before the speech verb ({chosen.text})",
        )
    surname = _person_by_name_part(doc, subject, left, right, mentions)
    if surname is not None:
        return _Speaker(
            surname.actor,
            Mention(left, right, article.text[left:right]),
            f'"{subject.text}" is part of the name of {surname.text}, named before',
        )
    for ent in doc.ents:
        if ent.label_ == "PERSON" and left <= ent.start_char and ent.end_char <= right:
            return _Speaker(
                _person_id(ent.text),
                Mention(ent.start_char, ent.end_char, ent.text),
                "a person named in the subject (not linked by the actors stage)",
            )
    issuer = _document_issuer(doc, subject, mentions)
    if issuer is not None:
        return _Speaker(
            issuer.actor,
            Mention(issuer.start, issuer.end, issuer.text),
            f'"{subject.text}" was issued by {issuer.text}, named with it earlier',
        )
    return _Speaker(None, None, f'subject "{_clip(article.text[left:right])}" names no actor')


def _document_issuer(doc: Doc, subject: Token, mentions: list[_Linked]) -> _Linked | None:
    """The actor behind a document subject ("The communique said"): named with it before.

    The previous occurrence of the same noun ("a joint communique", "the G7's statement") is
    looked up; the actor mentioned last before it, in its sentence, issued it.
    """
    if subject.lemma_.lower() not in _DOCUMENTS:
        return None
    for token in reversed(doc[: subject.left_edge.i]):
        if token.lemma_.lower() == subject.lemma_.lower():
            sent = token.sent
            before = [m for m in mentions if sent.start_char <= m.start and m.end <= token.idx]
            return before[-1] if before else None
    return None


def _person_by_name_part(
    doc: Doc, subject: Token, left: int, right: int, mentions: list[_Linked]
) -> _Linked | None:
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


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _nearest_person(doc: Doc, before: int, mentions: list[_Linked]) -> _Linked | None:
    people = [m for m in mentions if m.kind == "person" and m.end <= before]
    ents = [
        _Linked(e.start_char, e.end_char, _person_id(e.text), "person", e.text)
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


def _turn_speaker(article: Article, at: int, mentions: list[_Linked]) -> _Linked | None:
    paragraph_start = article.text.rfind("\n", 0, at) + 1
    m = _TURN.match(article.text, paragraph_start)
    if m is None:
        return None
    start, end = m.start("name"), m.end("name")
    for linked in mentions:
        if linked.kind == "person" and start <= linked.start and linked.end <= end:
            return linked
    return _Linked(start, end, _person_id(m.group("name")), "person", m.group("name"))


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it hangs from ("calling it", "keeps saying").

    A document that speaks ("an amendment stating that ...") speaks for whoever adopted or
    voted for it ("the European Parliament voted for an amendment stating that ..."). A
    transcript label ("Question: Caracas has called ...") is not the subject.
    """
    current = verb
    for _ in range(5):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return _past_label(child, current)
        if current.dep_ == "acl" and current.head.lemma_.lower() in _DOCUMENTS:
            noun = current.head
            while noun.dep_ == "pobj" and noun.head.dep_ == "prep":
                noun = noun.head.head
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


# --- direct and scare quotes ------------------------------------------------------------------


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _cue_by_tree(span: Span, limit: Span | None) -> Token | None:
    """Walk up from the quote's root to the first speech verb outside the quote.

    A verb of labelling counts when the walk came through "as" or "for" ("dismissed the demand
    as 'illegitimate'", "praised both sides for their 'wisdom'"). The walk is long enough for "accused ECOWAS of imposing sanctions and of
    acting under the influence of 'foreign powers'".
    """
    inside = {t.i for t in span}
    roots = [t for t in span if t.head.i not in inside or t.head == t]
    if not roots:
        return None
    token = roots[0]
    through: str | None = None
    for _ in range(9):
        if token.head == token:
            return None
        token = token.head
        if limit is not None and not (limit.start <= token.i < limit.end):
            return None
        if token.lower_ in ("as", "for") and token.dep_ == "prep":
            through = through or token.lower_
        if token.i in inside:
            continue
        if _is_speech_verb(token):
            return token
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (
            (through == "as" and lemma in _LABELLING_VERBS)
            or (through == "for" and lemma in _CREDITING_VERBS)
        ):
            return token
    return None


def _is_speech_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
        return False
    before = token.doc[max(0, token.i - 2) : token.i].text.replace(" ", "").lower()
    return not before.endswith(("so-", "so"))  # "so-called" is the writer's distance


def _cue_nearby(doc: Doc, mark: _Mark, limit_start: int, limit_end: int) -> Token | None:
    """A speech verb just after the closing mark ("..., X said") or before the opening one."""
    after = doc.char_span(mark.end, min(limit_end, mark.end + 60), alignment_mode="expand")
    if after is not None:
        for t in after:
            if t.text in ('"', "“", "”") and t.idx > mark.end + 1:
                break
            if t.is_sent_start and t.idx > mark.end + 2:
                break
            if _is_speech_verb(t):
                return t
    before = doc.char_span(max(limit_start, mark.start - 80), mark.start, alignment_mode="expand")
    if before is not None:
        for t in reversed(list(before)):
            if t.idx >= mark.start:
                continue
            if t.text in ('"', "“", "”", "’") and t.idx < mark.start - 2:
                break
            if _is_speech_verb(t):
                return t
    return None


def _unattributed(text: str, mark: _Mark) -> Quote:
    """A quote nobody in the sentence is said to have said: scare if short, else direct."""
    content = text[mark.start : mark.end]
    if _words(content) <= SCARE_MAX_WORDS:
        end = mark.start + len(content.rstrip(".!?"))
        return Quote(
            mark.start,
            end,
            text[mark.start : end],
            "scare",
            explanation="short quoted phrase with no speaker or speech verb",
        )
    return Quote(
        mark.start,
        mark.end,
        content,
        "direct",
        explanation="quoted words with no speech verb in the sentence",
    )


def _classify(article: Article, doc: Doc, mark: _Mark, mentions: list[_Linked]) -> Quote:
    text = article.text
    content = text[mark.start : mark.end]
    span = _tokens(doc, mark.start, mark.end)
    limit = _tokens(doc, mark.outer.start, mark.outer.end) if mark.outer else None
    opening = text[max(0, mark.start - 12) : mark.start].rstrip("\"“‘' ")
    if _SO_CALLED.search(opening):
        end = mark.start + len(content.rstrip(".!?"))
        return Quote(
            mark.start, end, text[mark.start : end], "scare", explanation='after "so-called"'
        )
    cue = _cue_by_tree(span, limit) if span is not None else None
    how = "cue verb above the quote in the parse"
    subject = _subject_of(cue) if cue is not None else None
    if cue is None:
        lo = mark.outer.start if mark.outer else _paragraph_start(text, mark.start)
        hi = mark.outer.end if mark.outer else _paragraph_end(text, mark.end)
        cue = _cue_nearby(doc, mark, lo, hi)
        how = "cue verb next to the quotation marks"
        subject = _subject_of(cue) if cue is not None else None
        if subject is None:
            return _unattributed(text, mark)  # no speech verb, or one with no subject
    if cue is None:
        return _unattributed(text, mark)
    if subject is None:
        return Quote(
            mark.start,
            mark.end,
            content,
            "direct",
            cue=cue.text,
            explanation=f'{how} ("{cue.text}"), with no subject',
        )
    if subject.dep_ == "nsubjpass" and subject.head == cue:
        # "We were told, 'Come to Mexico ...'": the subject heard the words; nobody named said them
        return Quote(
            mark.start,
            mark.end,
            content,
            "direct",
            cue=cue.text,
            explanation=f'{how} ("{cue.text}"), passive: "{subject.text}" is who was told',
        )
    speaker = _speaker_of_subject(
        article, doc, subject, min(cue.idx, mark.start), mentions, cue_start=cue.idx
    )
    return Quote(
        mark.start,
        mark.end,
        content,
        "direct",
        speaker=speaker.actor,
        speaker_mention=speaker.mention,
        cue=cue.text,
        explanation=f'{how} ("{cue.text}"); {speaker.how}',
    )


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


# --- reported speech --------------------------------------------------------------------------


def _sentence_ends(doc: Doc, text: str) -> list[int]:
    """For every token, the end of its sentence past a closing mark that spaCy split off
    (computed once: ``Token.sent`` walks the sentences on each call)."""
    ends = [0] * len(doc)
    for sent in doc.sents:
        end = sent.end_char
        while end < len(text) and text[end] in "\"”’'":
            end += 1
        for i in range(sent.start, sent.end):
            ends[i] = end
    return ends


def _trim_clause_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?\"”’'"):
        end -= 1
    return end


def _inside(marks: list[_Mark], at: int) -> bool:
    return any(m.outer is None and m.start <= at < m.end for m in marks)


def _content_clause(token: Token) -> tuple[Token, str] | None:
    """The content clause of a reporting verb and the cue words: "said (that) ...", and
    "made (it) clear that ..." (the clause hangs from "clear")."""
    clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
    if token.lemma_.lower() == "make":
        clear = next(
            (c for c in token.children if c.lower_ in ("clear", "plain") and c.i > token.i), None
        )
        if clear is None:
            return None
        clause = next(
            (
                c
                for c in [*clear.children, *token.children]
                if c.dep_ in ("advcl", "ccomp", "csubj")
                and c.i > clear.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        return (clause, f"{token.text} {clear.lower_}") if clause is not None else None
    if clause is None or token.lemma_.lower() not in _REPORTING:
        return None
    return clause, token.text


def _clause_end(doc: Doc, verb: Token, clause: Token, sentence_ends: list[int]) -> int:
    """Where a reported clause ends: the end of the sentence, or before a clause of its own
    that the reporting verb coordinates ("X said that A, and Y warned that B"; "said that A
    and warned that B")."""
    end = sentence_ends[verb.i]
    inner = _inner_report(clause)
    if inner is not None:
        return min(end, _joint_before(inner.left_edge).idx)
    node = verb
    for _ in range(4):
        for conj in node.children:
            if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX"):
                continue
            if conj.i <= clause.right_edge.i or conj.left_edge.i <= verb.i:
                continue
            return min(end, _joint_before(conj.left_edge).idx)
        if node.head == node:
            break
        node = node.head
    return end


def _inner_report(clause: Token) -> Token | None:
    """A second report that the parse hangs inside a reported clause: "said the operation was
    a response ..., and Foreign Minister X warned that ..."; "said that A and added that B";
    "said A, while Moscow said that B"."""
    for child in clause.children:
        if child.dep_ not in ("conj", "advcl") or child.i <= clause.i:
            continue
        if _content_clause(child) is None:
            continue
        own_subject = any(c.dep_ == "nsubj" for c in child.children)
        content, _ = _content_clause(child) or (None, "")
        with_that = content is not None and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in content.children
        )
        if (own_subject or with_that) and (child.dep_ == "conj" or own_subject):
            return child
    return None


def _joint_before(token: Token) -> Token:
    """The first of the commas and conjunctions right before a token (", and", "; but")."""
    doc = token.doc
    i = token.i
    while i > 0 and (doc[i - 1].dep_ == "cc" or doc[i - 1].text in (",", ";")):
        i -= 1
    return doc[i]


def _reported(
    article: Article, doc: Doc, marks: list[_Mark], mentions: list[_Linked]
) -> list[Quote]:
    text = article.text
    found: list[Quote] = []
    reporter: dict[int, Token] = {}  # "said that A and added that B": who added it
    sentence_ends = _sentence_ends(doc, text)
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        content = _content_clause(token)
        if content is None:
            continue
        inner = _inner_report(content[0])
        if inner is not None and not any(c.dep_ == "nsubj" for c in inner.children):
            subject = _subject_of(token)
            if subject is not None:
                reporter[inner.i] = reporter.get(token.i, subject)
        clause, cue = content
        if _inside(marks, token.idx):
            continue  # a speech verb inside someone's quoted words
        if any(c.dep_ == "auxpass" for c in token.children):
            # "Honiara is told it may not ...": the subject hears it; "It should be pointed out
            # that ...": the writer's own voice
            continue
        first = clause.left_edge
        if first.i <= token.i or first.lower_ in _WH_WORDS:
            continue  # "confirmed what ...", "asked whether ...": not a statement
        if _reports_again(clause):
            continue  # "Both sides declared victory: the White House said ...": the inner one
        that = next((t for t in clause.children if t.dep_ == "mark" and t.lower_ == "that"), None)
        start = that.nbor().idx if that is not None and that.i + 1 < len(doc) else first.idx
        if that is None and first.lower_ == "that":
            start = first.nbor().idx
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
            continue  # "the task force the Pentagon announced last month, has drawn ships"
        if that is None and _inside(marks, start):
            continue  # 'said: "..."', 'As X said yesterday, "..."': a direct quote
        end = _trim_clause_end(text, start, _clause_end(doc, token, clause, sentence_ends))
        if end <= start:
            continue
        subject = reporter.get(token.i) or _subject_of(token)
        speaker = (
            _speaker_of_subject(article, doc, subject, token.idx, mentions)
            if subject is not None
            else _NO_SPEAKER
        )
        found.append(
            Quote(
                start,
                end,
                text[start:end],
                "reported",
                speaker=speaker.actor,
                speaker_mention=speaker.mention,
                cue=cue,
                explanation=f'content clause of "{cue}"; {speaker.how}',
            )
        )
    found.extend(_parenthetical(article, doc, marks, mentions, found))
    found.extend(_according_to(article, doc, mentions, found))
    return _drop_nested(found)


def _reports_again(clause: Token) -> bool:
    """A content clause that is itself a report by someone else: "declared victory: the White
    House said the pause ..." (the inner report is the quote)."""
    if clause.lemma_.lower() not in _REPORTING or clause.pos_ not in ("VERB", "AUX"):
        return False
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    return has_subject and any(c.dep_ == "ccomp" and c.i > clause.i for c in clause.children)


def _parenthetical(
    article: Article, doc: Doc, marks: list[_Mark], mentions: list[_Linked], found: list[Quote]
) -> Iterator[Quote]:
    """'The West, he argued, is waging ...': the sentence around an inserted attribution."""
    text = article.text
    for sent in doc.sents:
        if any(m.start < sent.end_char and sent.start_char < m.end for m in marks):
            continue
        if any(q.start < sent.end_char and sent.start_char < q.end for q in found):
            continue
        m = _PARENTHETICAL.search(text, sent.start_char, sent.end_char)
        if m is None:
            continue
        start = m.end()
        end = _trim_clause_end(text, start, sent.end_char)
        cue = doc.char_span(m.start("cue"), m.end("cue"))
        who = doc.char_span(m.start("who"), m.end("who"), alignment_mode="expand")
        if cue is None or who is None or end <= start:
            continue
        speaker = _speaker_of_subject(article, doc, who.root, m.start(), mentions)
        yield Quote(
            start,
            end,
            text[start:end],
            "reported",
            speaker=speaker.actor,
            speaker_mention=speaker.mention,
            cue=cue.text,
            explanation=f'inserted attribution ", {m.group("who")} {cue.text},"; {speaker.how}',
        )


def _according_to(
    article: Article, doc: Doc, mentions: list[_Linked], found: list[Quote]
) -> Iterator[Quote]:
    """'According to X, ...' or '..., according to X.': the rest of the sentence, reported by X."""
    text = article.text
    for sent in doc.sents:
        if any(q.start < sent.end_char and sent.start_char < q.end for q in found):
            continue
        first = _ACCORDING.match(text, sent.start_char, sent.end_char)
        last = None if first else _ACCORDING_END.search(text, sent.start_char, sent.end_char)
        if first is not None:
            m, start, end = first, first.end(), _trim_clause_end(text, first.end(), sent.end_char)
        elif last is not None:
            m, start, end = last, sent.start_char, last.start()
        else:
            continue
        source = doc.char_span(m.start("who"), m.end("who"), alignment_mode="expand")
        if source is None or end <= start:
            continue
        speaker = _speaker_of_subject(article, doc, source.root, m.start(), mentions)
        yield Quote(
            start,
            end,
            text[start:end],
            "reported",
            speaker=speaker.actor,
            speaker_mention=speaker.mention,
            cue="according to",
            explanation=f'"according to {_clip(m.group("who"), 40)}"; {speaker.how}',
        )


def _drop_nested(quotes: list[Quote]) -> list[Quote]:
    """Keep the outermost reported clause when one lies inside another."""
    kept: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if any(k.start <= q.start and q.end <= k.end for k in kept):
            continue
        kept.append(q)
    return kept


class QuotesStage:
    """Finds direct, reported and scare quotes; speakers are resolved to actor ids."""

    name = "quotes"
    requires: tuple[str, ...] = ("text", "actors")
    assigns: tuple[str, ...] = ("quotes",)

    @classmethod
    def from_config(cls, settings: Mapping[str, Any]) -> Self:
        return cls()

    def __call__(self, article: Article) -> Article:
        article.quotes = find_quotes(article)
        return article

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Article]:
        articles = list(articles)
        for article, doc in zip(articles, parse_many(articles, batch_size), strict=True):
            article.quotes = find_quotes(article, doc)
            yield article
