"""Tests of the shared spaCy helper: offsets, paragraph sentences, cache, entity fixes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinscope import nlp
from spinscope.article import Article

WORDS = st.sampled_from(
    ["Japan", "signed", "a", "deal", "with", "NATO", "today", "the", "US", "said", "it", "won't"]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


@pytest.mark.model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARAGRAPH, min_size=1, max_size=4).map("\n\n".join))
def test_nlp_offsets_are_text_offsets_and_sentences_stay_in_paragraphs(text: str) -> None:
    doc = nlp.parse(Article.from_text(text))
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    for sent in doc.sents:
        assert "\n" not in sent.text.strip()


@pytest.mark.model
def test_nlp_parse_is_cached_per_article() -> None:
    nlp.clear_cache()
    article = Article.from_text("Japan signed a deal.")
    first = nlp.parse(article)
    assert nlp.parse(article) is first
    other = Article.from_text("China signed a deal.")
    assert nlp.parse_many([article, other])[0] is first
    assert nlp.parse(other).text == other.text


@pytest.mark.model
def test_nlp_islands_are_places_not_works_of_art() -> None:
    doc = nlp.parse(Article.from_text("Japan nationalized the Diaoyu Islands in 2012."))
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("the Diaoyu Islands", labels.get("Diaoyu Islands")) == "LOC"
