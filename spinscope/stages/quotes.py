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

The stage lives in three modules: this one (cue verbs, direct, scare and reported quotes,
the stage), ``quote_marks.py`` (quotation marks) and ``quote_speakers.py`` (speakers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Self

from spinscope.article import Article, Quote
from spinscope.nlp import parse, parse_many
from spinscope.stages.quote_marks import QuoteMark, find_marks, quoted_spans
from spinscope.stages.quote_speakers import (
    NO_SPEAKER,
    SPEECH_VERBS,
    Linked,
    carry_speakers_back,
    clip,
    first_person_in_quotes,
    mention_index,
    speaker_from_sentence_before,
    speaker_of_subject,
    subject_of,
)

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
        "hype",
        "tout",
        "frame",
        "cast",
        "present",
        "label",
    ]
)

# ... or through "for", for verbs that give a reason: "praised both sides for their 'wisdom'".
_VOICING_VERBS = frozenset({"express", "voice"})

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

_ADVICE_MODALS = frozenset({"should", "must", "ought"})
# Subjects that are events, not speakers: "The summit confirmed once again that ...".
_EVENT_NOUNS = frozenset(
    {
        "summit", "meeting", "visit", "vote", "election", "incident", "attack", "history",
        "experience", "event", "development", "decision", "move", "war", "crisis",
    }
)  # fmt: skip
_WH_WORDS = frozenset(
    {"what", "whether", "how", "why", "who", "whom", "when", "where", "which", "if"}
)

_ACCORDING = re.compile(r"According to (?P<who>[^,.;]{2,80}),\s*", re.IGNORECASE)

_ACCORDING_END = re.compile(r",\s+according to (?P<who>[^,;]{2,80}?)[.!?]?[\"”’']*\s*$")

_SO_CALLED = re.compile(r"\bso-called\s*$", re.IGNORECASE)

_PARENTHETICAL = re.compile(
    r",\s*(?P<who>he|she|they|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+"
    r"(?P<cue>said|says|argued|argues|added|adds|insisted|noted|warned|claimed|stressed)\s*,\s*"
)


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
    mentions = mention_index(article.actors)
    marks = find_marks(text)
    reported = _reported(article, doc, marks, mentions)
    quotes: list[Quote] = list(reported)
    for mark in marks:
        if any(r.start <= mark.start < r.end for r in reported):
            continue  # a quoted fragment of a reported clause
        quotes.append(_classify(article, doc, mark, mentions))
    quotes.sort(key=lambda q: (q.start, -q.end))
    quotes = first_person_in_quotes(quotes)
    quotes = carry_speakers_back(quotes, {(m.start, m.end) for m in marks if m.continued})
    return speaker_from_sentence_before(article, doc, quotes, mentions)


def _words(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))


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
        if token.pos_ == "VERB" and lemma in _VOICING_VERBS and through is None:
            # "expressed its 'concern'", "voiced 'deep regret'": the quoted object is
            # the subject's own word
            return token
    return None


def _is_speech_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
        return False
    before = token.doc[max(0, token.i - 2) : token.i].text.replace(" ", "").lower()
    return not before.endswith(("so-", "so"))  # "so-called" is the writer's distance


def _cue_nearby(doc: Doc, mark: QuoteMark, limit_start: int, limit_end: int) -> Token | None:
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


def _unattributed(text: str, mark: QuoteMark) -> Quote:
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


def _classify(article: Article, doc: Doc, mark: QuoteMark, mentions: list[Linked]) -> Quote:
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
    subject = subject_of(cue) if cue is not None else None
    if cue is None:
        lo = mark.outer.start if mark.outer else _paragraph_start(text, mark.start)
        hi = mark.outer.end if mark.outer else _paragraph_end(text, mark.end)
        cue = _cue_nearby(doc, mark, lo, hi)
        how = "cue verb next to the quotation marks"
        subject = subject_of(cue) if cue is not None else None
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
    speaker = speaker_of_subject(
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


def _inside(marks: list[QuoteMark], at: int) -> bool:
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
    article: Article, doc: Doc, marks: list[QuoteMark], mentions: list[Linked]
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
            subject = subject_of(token)
            if subject is not None:
                reporter[inner.i] = reporter.get(token.i, subject)
        clause, cue = content
        if _inside(marks, token.idx):
            continue  # a speech verb inside someone's quoted words
        if any(c.dep_ == "auxpass" for c in token.children):
            # "Honiara is told it may not ...": the subject hears it; "It should be pointed out
            # that ...": the writer's own voice
            continue
        if any(c.dep_ == "aux" and c.lower_ in _ADVICE_MODALS for c in token.children):
            continue  # "the Gulf states should tell them plainly that ...": advice, not speech
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
        subject = reporter.get(token.i) or subject_of(token)
        if subject is not None and subject.lemma_.lower() in _EVENT_NOUNS:
            continue  # "The Vilnius summit has confirmed that ...": an event speaks for no one
        speaker = (
            speaker_of_subject(article, doc, subject, token.idx, mentions)
            if subject is not None
            else NO_SPEAKER
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
    article: Article, doc: Doc, marks: list[QuoteMark], mentions: list[Linked], found: list[Quote]
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
        speaker = speaker_of_subject(article, doc, who.root, m.start(), mentions)
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
    article: Article, doc: Doc, mentions: list[Linked], found: list[Quote]
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
        speaker = speaker_of_subject(article, doc, source.root, m.start(), mentions)
        yield Quote(
            start,
            end,
            text[start:end],
            "reported",
            speaker=speaker.actor,
            speaker_mention=speaker.mention,
            cue="according to",
            explanation=f'"according to {clip(m.group("who"), 40)}"; {speaker.how}',
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
