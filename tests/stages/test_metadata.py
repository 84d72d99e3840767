"""Tests of the metadata stage's genre cues."""

from __future__ import annotations

import pytest

from spinscope.article import Article
from spinscope.ingest.outlets import find_outlet
from spinscope.stages.metadata import detect_genre

_BODY = "Officials in the capital met the delegation. The talks lasted two hours."


def test_metadata_signed_state_media_piece_without_dateline_is_opinion() -> None:
    article = Article.from_text(_BODY, outlet="Sputnik", authors=["Ivan Petrov"])
    genre, cue = detect_genre(article)
    assert genre == "opinion"
    assert "state-affiliated" in cue


def test_metadata_unsigned_state_media_piece_gives_no_cue() -> None:
    assert detect_genre(Article.from_text(_BODY, outlet="Sputnik"))[0] is None


def test_metadata_signed_piece_of_other_media_is_not_opinion_for_its_byline() -> None:
    article = Article.from_text(_BODY, outlet="Reuters", authors=["Jane Roe"])
    assert detect_genre(article)[0] is None


def test_metadata_state_media_dateline_stays_news() -> None:
    article = Article.from_text(
        _BODY, outlet="Sputnik", authors=["Ivan Petrov"], dateline="MOSCOW, May 2 (Sputnik)"
    )
    assert detect_genre(article)[0] == "news"


@pytest.mark.parametrize(
    "body",
    [
        "The ministry cut the budget again. Who will pay for the schools now?",
        "The port was sold last year. A harbour pilot told me that nobody was consulted.",
    ],
)
def test_metadata_writer_own_question_or_first_person_is_opinion(body: str) -> None:
    genre, cue = detect_genre(Article.from_text(body, outlet="Harbour Weekly"))
    assert genre == "opinion"
    assert "writer" in cue


@pytest.mark.parametrize(
    "body",
    [
        'The minister asked: "Who will pay for the schools now?" The vote is on Monday.',
        "Question: Will the talks resume? Answer: The two sides will see.",
        "Historians of World War I met in the city on Monday.",
    ],
)
def test_metadata_quoted_question_briefing_turn_or_numeral_is_no_cue(body: str) -> None:
    assert detect_genre(Article.from_text(body, outlet="Harbour Weekly"))[0] is None


def test_metadata_outlet_table_knows_more_state_media() -> None:
    for name, country in (("teleSUR", "VEN"), ("Granma", "CUB"), ("Anadolu Agency", "TUR")):
        outlet = find_outlet(name)
        assert outlet is not None and outlet.state_affiliated and outlet.country == country


@pytest.mark.parametrize(
    "body",
    [
        "The minister told reporters: 'Why would I resign?' He then left the building.",
        "The ministry's site https://gov.example/report?id=4 was down for two hours on Monday.",
        "King Charles I was executed in 1649, the museum said in its new guide to the palace.",
        "After World War I the empire fell apart, the exhibition's curators said on Monday.",
    ],
    ids=["single-quoted", "url", "king", "world-war"],
)
def test_metadata_quoted_questions_urls_and_numerals_are_not_the_writers_voice(body: str) -> None:
    genre, cue = detect_genre(Article.from_text(body, outlet="Harbour Weekly"))
    assert genre is None, cue


@pytest.mark.parametrize(
    "body",
    [
        "Then I asked the admiral what the new fleet was for. He had no answer.",
        "Experts, I think, are wrong about the treaty and its effects on trade.",
    ],
)
def test_metadata_the_writers_own_i_is_still_opinion(body: str) -> None:
    genre, cue = detect_genre(Article.from_text(body, outlet="Harbour Weekly"))
    assert genre == "opinion"
    assert "'I'" in cue


_MINISTERS = "The two ministers met in the capital today and discussed the situation at sea.\n"


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Joint Communique of the Foreign Ministers of Ruritania and Freedonia", "Harbour Weekly"),
        ("Press Conference by Press Secretary Aiko Mori", "Ministry of Foreign Affairs of Japan"),
        ("Remarks on the fishing dispute", "Ministry of Foreign Affairs of Japan"),
    ],
)
def test_metadata_title_or_issuing_outlet_makes_a_statement(title: str, outlet: str) -> None:
    article = Article.from_text(_MINISTERS, title=title, outlet=outlet)
    assert detect_genre(article)[0] == "statement"


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        # a news outlet's headlines name press conferences and ministries
        ("Putin holds press conference after summit", "Reuters"),
        ("Ministry of Defence denies report", "BBC News"),
        # and a body opening that names a press conference is no cue either
        ("Talks stall", "Harbour Weekly"),
    ],
)
def test_metadata_a_news_headline_about_a_press_conference_is_no_statement(
    title: str, outlet: str
) -> None:
    body = "Officials held a press conference on Monday about the talks, a source said.\n"
    article = Article.from_text(body, title=title, outlet=outlet)
    assert detect_genre(article)[0] != "statement"
