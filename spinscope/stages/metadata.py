"""The metadata stage: language and genre from cues a reader can check.

Ingestion fills what the page states (title, outlet, authors, time). This stage
adds two judgements and says in ``Article.extras["metadata"]`` which cue decided
each:

- ``language``: the share of common English function words, or of CJK characters;
- ``genre``: ``opinion`` (an author note, an op-ed signature, "commentary"/"opinion"
  in the title or record, a bylined piece of state-affiliated media without a wire
  dateline, questions or a first-person "I" in the writer's own words, or dense
  "should"/"must" prescriptions), ``news`` (a wire dateline), ``statement`` (a
  spokesperson, ministry or embassy speaking in its own name), else None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Self

from spinscope.article import Article
from spinscope.ingest.outlets import find_outlet

__all__ = ["MetadataStage", "detect_genre", "detect_language"]

_EN_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "it",
        "was",
        "are",
        "be",
        "this",
        "from",
        "at",
        "an",
        "which",
        "has",
        "have",
        "its",
        "not",
        "but",
        "or",
        "were",
        "their",
        "will",
        "been",
        "they",
    ]
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_PRESCRIPTION = re.compile(r"\b(?:should|must|ought to|need to|needs to|has to|have to)\b", re.I)
_STATEMENT = re.compile(
    r"\b(?:spokesperson|spokesman|spokeswoman|ministry of foreign affairs|foreign ministry|"
    r"embassy|press release|statement)\b",
    re.I,
)
# Words that make a title or an issuing outlet a government's own voice ("Joint Communiqué of
# the Ministers of Foreign Affairs ...", "Press Conference by Press Secretary ..."); read in the
# labels only, since news openings name press conferences and foreign ministers all the time,
# and not under a known news outlet, whose headlines do too.
_STATEMENT_LABEL = re.compile(
    r"\b(?:communiqu[eé]|joint declaration|press conference|press briefing|press secretary|"
    r"ministers? of foreign affairs|ministry of defen[cs]e|department of state)\b",
    re.I,
)
_OPINION_WORDS = re.compile(r"\b(?:opinion|commentary|op-ed|editorial|viewpoint|column)\b", re.I)
# A press briefing's question turns are journalists asking, not a writer arguing.
_QUESTION_TURN = re.compile(r"^(?:Question|QUESTION|Q|Journalist|Reporter)\s*[:.]", re.M)
_QUOTED = re.compile(
    r"\"[^\"\n]*\"|“[^”\n]*”"
    # single quotes as a house style: an opening mark after no letter, a closing one before none
    # ("told reporters: 'Why should I resign?'"), so that "don't" and "ministers'" stay
    r"|(?<!\w)'[^'\n]*?'(?!\w)|‘[^’\n]*’(?!\w)"
)
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
# "I", "me", "my"; see ``_first_person`` for the Roman numerals left out.
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|me|my)\b")
_WORD_BEFORE = re.compile(r"(?:^|(?P<lead>[.!?\"“:]\s+|\n)|\s)(?P<word>[A-Z][\w.]*)\s+$")


def detect_language(text: str) -> tuple[str | None, str]:
    """An ISO 639-1 code and the cue behind it, or None when the text is too short to tell."""
    words = re.findall(r"[A-Za-z]+", text.lower())
    cjk = len(_CJK.findall(text))
    if cjk > max(20, len(words)):
        kana = len(re.findall(r"[\u3040-\u30ff]", text))
        hangul = len(re.findall(r"[\uac00-\ud7af]", text))
        code = "ja" if kana > cjk * 0.1 else "ko" if hangul > cjk * 0.5 else "zh"
        return code, f"{cjk} CJK characters"
    if len(words) < 5:
        return None, "too little text"
    share = sum(w in _EN_WORDS for w in words) / len(words)
    if share >= 0.15:
        return "en", f"{share:.0%} of words are common English function words"
    return None, f"only {share:.0%} of words are common English function words"


def detect_genre(article: Article) -> tuple[str | None, str]:
    """The genre and the cue that decided it."""
    meta = article.meta
    labels = " ".join(
        str(v)
        for v in (meta.title or "", meta.extra.get("section", ""), meta.extra.get("genre", ""))
    )
    if meta.author_note:
        return "opinion", "closing note about the author"
    if _OPINION_WORDS.search(labels):
        return "opinion", "title or section names it opinion/commentary"
    if meta.dateline:
        return "news", f"wire dateline '{meta.dateline}'"
    opening = article.text[:400]
    outlet = find_outlet(meta.outlet)
    if _STATEMENT.search(labels) or _STATEMENT.search(opening):
        return "statement", "a spokesperson, ministry or embassy speaks in its own name"
    # A news outlet's headline names press conferences and ministries ("Putin holds press
    # conference", "Ministry of Defence denies report"): a title cue counts only under an
    # outlet spinscope does not know as news, or one that is an issuing body itself.
    news_outlet = outlet is not None and not _STATEMENT.search(outlet.name)
    issuer = meta.outlet or ""
    if _STATEMENT.search(issuer) or (
        not news_outlet and _STATEMENT_LABEL.search(f"{labels} {issuer}")
    ):
        return (
            "statement",
            f"the title or the issuing body names a statement ('{issuer or labels}')",
        )
    if outlet is not None and outlet.state_affiliated and meta.authors:
        # State media file their news under a dateline; a signed piece without one is
        # the outlet's commentary (RT, Press TV, teleSUR columns).
        return (
            "opinion",
            f"a signed piece without a dateline in {outlet.name}, state-affiliated media",
        )
    own_words = _own_words(article.text)
    if own_words is not None:
        return "opinion", own_words
    sentences = max(1, len(re.findall(r"[.!?](?:\s|$)", article.text)))
    prescriptions = len(_PRESCRIPTION.findall(article.text))
    if prescriptions / sentences >= 0.08:
        return "opinion", f"{prescriptions} prescriptions (should/must) in {sentences} sentences"
    return None, "no cue"


def _own_words(text: str) -> str | None:
    """A cue that the writer argues in their own voice: a question asked outside quotation
    marks ("Are these the values Moldovans were promised?"), or "I"/"me" outside quotes
    ("a retired admiral told me"). Wire copy asks nothing and never says "I"; a press
    briefing's questions are the journalists' turns, so a briefing gives no cue."""
    if _QUESTION_TURN.search(text):
        return None
    own = _QUOTED.sub(" ", _URL.sub(" ", text))
    questions = re.findall(r"[^.!?\n]*\?", own)
    if questions:
        return f"a question in the writer's own words ('{questions[0].strip()[:60]}')"
    first = _first_person(own)
    if first:
        start = max(0, first.start() - 30)
        return f"the writer says '{first.group()}' ('...{own[start : first.end()].strip()}')"
    return None


def _first_person(text: str) -> re.Match[str] | None:
    """The first "I", "me" or "my", where "I" after a capitalised word that does not open
    the sentence is a numeral ("World War I", "King Charles I"), not the writer."""
    for found in _FIRST_PERSON_SINGULAR.finditer(text):
        if found.group() != "I":
            return found
        before = _WORD_BEFORE.search(text, max(0, found.start() - 40), found.start())
        if before is None or before.group("lead") is not None or before.start() == 0:
            return found
    return None


class MetadataStage:
    """Fills ``meta.language`` and ``meta.genre`` where ingestion left them empty."""

    name = "metadata"
    requires: tuple[str, ...] = ("text", "meta")
    assigns: tuple[str, ...] = ("meta.language", "meta.genre")

    @classmethod
    def from_config(cls, settings: Mapping[str, Any]) -> Self:
        return cls()

    def __call__(self, article: Article) -> Article:
        cues: dict[str, str] = {}
        if not article.meta.language:
            article.meta.language, cues["language"] = detect_language(article.text)
        if not article.meta.genre:
            article.meta.genre, cues["genre"] = detect_genre(article)
        if cues:
            article.extras["metadata"] = cues
        return article
