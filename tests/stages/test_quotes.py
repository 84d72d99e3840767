"""The quotes stage on hand-written sentences, with hand-made actors (so only quotes are tested)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.article import Actor, Article, Mention
from spinscope.errors import PipelineError
from spinscope.pipeline import Pipeline
from spinscope.stages.quotes import QuotesStage, find_quotes, quoted_spans, scare_quotes

KINDS = {"JPN": "state", "CHN": "state", "USA": "state", "G7": "bloc"}


def article_with_actors(text: str, *names: tuple[str, str]) -> Article:
    """An article whose actors are every occurrence of each (surface form, id) pair."""
    article = Article.from_text(text)
    actors = []
    for surface, actor_id in names:
        mentions = tuple(
            Mention(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text)
        )
        kind = "person" if actor_id.startswith("person:") else KINDS.get(actor_id, "state")
        actors.append(Actor(id=actor_id, name=surface, kind=kind, mentions=mentions))
    article.actors = actors
    article.stages.append("actors")
    return article


def by_text(article: Article) -> dict[str, tuple[str, str | None]]:
    return {q.text: (q.kind, q.speaker) for q in find_quotes(article)}


@pytest.mark.model
def test_quotes_direct_with_attribution_after_and_inverted() -> None:
    text = (
        '"Both sides want a deal soon," Sun Mingde told reporters. '
        "“This is a blow to the war machine,” said Ilse Brandt, a trade official."
    )
    article = article_with_actors(
        text, ("Sun Mingde", "person:sun-mingde"), ("Ilse Brandt", "person:ilse-brandt")
    )
    quotes = by_text(article)
    assert quotes["Both sides want a deal soon"] == ("direct", "person:sun-mingde")
    assert quotes["This is a blow to the war machine"] == ("direct", "person:ilse-brandt")


@pytest.mark.model
def test_quotes_split_around_he_said_share_the_pronoun_speaker() -> None:
    text = (
        "Jonas Weber runs the energy desk. "
        '"We thought," he said, "that money would make them careful."'
    )
    quotes = by_text(article_with_actors(text, ("Jonas Weber", "person:jonas-weber")))
    assert quotes["We thought"] == ("direct", "person:jonas-weber")
    assert quotes["that money would make them careful."] == ("direct", "person:jonas-weber")


@pytest.mark.model
def test_quotes_nested_quote_gets_its_own_speaker() -> None:
    text = (
        "Chen Yu spoke in Beijing on Monday. "
        "He said: \"The G7 keeps saying 'we are not decoupling,' but its actions differ.\""
    )
    article = article_with_actors(text, ("Chen Yu", "person:chen-yu"), ("G7", "G7"))
    quotes = by_text(article)
    assert quotes["we are not decoupling"] == ("direct", "G7")
    outer = next(t for t in quotes if t.startswith("The G7 keeps"))
    assert quotes[outer] == ("direct", "person:chen-yu")


@pytest.mark.model
def test_quotes_reported_speech_in_a_book_names_the_scholar() -> None:
    text = (
        "Takahashi Sugio, the head of a division at a Japanese institute, even stated in his "
        "book that Japan is not a bystander but a participant."
    )
    article = article_with_actors(
        text, ("Takahashi Sugio", "person:takahashi-sugio"), ("Japan", "JPN")
    )
    (quote,) = find_quotes(article)
    assert quote.kind == "reported"
    assert quote.text == "Japan is not a bystander but a participant"
    assert quote.speaker == "person:takahashi-sugio"
    assert quote.cue == "stated"
    assert text[quote.start : quote.end] == quote.text


@pytest.mark.model
def test_quotes_fragment_inside_reported_clause_is_not_listed_twice() -> None:
    text = 'Chen Yu said that the bloc was "obstructing peace" and would fail.'
    quotes = find_quotes(article_with_actors(text, ("Chen Yu", "person:chen-yu")))
    assert [(q.kind, q.speaker) for q in quotes] == [("reported", "person:chen-yu")]


@pytest.mark.model
def test_quotes_scare_quotes_have_no_speaker() -> None:
    text = (
        'The government illegally "nationalized" the islands and hyped the so-called '
        '"China threat." Japan accused China of "changing the status quo by force."'
    )
    article = article_with_actors(text, ("Japan", "JPN"), ("China", "CHN"))
    quotes = by_text(article)
    assert quotes["nationalized"] == ("scare", None)
    assert quotes["China threat"] == ("scare", None)
    assert quotes["changing the status quo by force."] == ("direct", "JPN")
    article.quotes = find_quotes(article)
    article.stages.append("quotes")
    assert [q.text for q in scare_quotes(article)] == ["nationalized", "China threat"]


@pytest.mark.model
def test_quotes_long_unattributed_quote_is_direct_without_speaker() -> None:
    text = 'The banner read "peace and development are the themes of our times today".'
    (quote,) = find_quotes(article_with_actors(text))
    assert (quote.kind, quote.speaker) == ("direct", None)


@pytest.mark.model
def test_quotes_press_conference_we_is_the_turn_speaker() -> None:
    text = (
        "Reuters: What is your comment?\n\n"
        'Spokesperson Wang Lei: As I said, "China is a partner, not a rival."'
    )
    quotes = by_text(article_with_actors(text, ("Wang Lei", "person:wang-lei")))
    assert quotes["China is a partner, not a rival."] == ("direct", "person:wang-lei")


@pytest.mark.model
def test_quotes_writer_voice_is_not_reported_speech() -> None:
    text = "It should be pointed out that the approach is not welcome."
    assert find_quotes(article_with_actors(text)) == []


def test_quotes_stage_requires_actors() -> None:
    with pytest.raises(PipelineError, match="actors"):
        Pipeline([QuotesStage.from_config({})])


words = st.text(alphabet=st.sampled_from(list("abcdefgh ")), min_size=1, max_size=15).filter(
    lambda s: s.strip()
)


@given(st.lists(st.tuples(words, words, st.booleans()), min_size=1, max_size=4))
def test_quotes_quoted_spans_recover_every_quote(parts: list[tuple[str, str, bool]]) -> None:
    pieces, expected, position = [], [], 0
    for before, inside, curly in parts:
        opening, closing = ("“", "”") if curly else ('"', '"')
        chunk = f"{before} {opening}{inside}{closing} "
        start = position + len(before) + 2
        content = inside.strip()
        lead = len(inside) - len(inside.lstrip())
        expected.append((start + lead, start + lead + len(content), False))
        pieces.append(chunk)
        position += len(chunk)
    text = "".join(pieces)
    spans = quoted_spans(text)
    assert spans == expected
    assert [text[s:e] for s, e, _ in spans] == [inside.strip() for _, inside, _ in parts]


def test_quotes_quoted_spans_nested_single_quotes_but_not_apostrophes() -> None:
    text = "He said \"they call it 'peace,' don't they\" and left. It's John's 'book'."
    spans = quoted_spans(text)
    assert [(text[s:e], nested) for s, e, nested in spans] == [
        ("they call it 'peace,' don't they", False),
        ("peace", True),
    ]


@pytest.mark.model
def test_quotes_document_subject_is_its_issuer() -> None:
    text = (
        "The G7 issued a joint communique in Hiroshima. "
        "The communique, issued on Saturday, said that the bloc would counter coercion."
    )
    (quote,) = find_quotes(article_with_actors(text, ("G7", "G7")))
    assert (quote.kind, quote.speaker) == ("reported", "G7")


@pytest.mark.model
def test_quotes_according_to_is_reported_speech() -> None:
    text = "According to Laura Fischer, the agency could no longer vouch for the stockpile."
    (quote,) = find_quotes(article_with_actors(text, ("Laura Fischer", "person:laura-fischer")))
    assert quote.kind == "reported"
    assert quote.text == "the agency could no longer vouch for the stockpile"
    assert quote.speaker == "person:laura-fischer"


sentences = st.sampled_from(
    [
        '"We will respond," Sun Mingde said.',
        "Japan said that it would act.",
        'The so-called "threat" is invented.',
        "He added, 'no' and left.",
        "“It’s over,” she said, “for now.”",
        "Nothing was said.",
        'An unbalanced " mark.',
    ]
)


@pytest.mark.model
@given(st.lists(sentences, min_size=1, max_size=6))
def test_quotes_offsets_always_point_at_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    article = article_with_actors(text, ("Sun Mingde", "person:sun-mingde"), ("Japan", "JPN"))
    for quote in find_quotes(article):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.kind in ("direct", "reported", "scare")


@pytest.mark.model
def test_quotes_quote_going_on_in_the_next_paragraph_keeps_its_speaker() -> None:
    text = (
        "Ilse Brandt spoke in Brussels.\n\n"
        '"We will not back down. We have the tools.\n\n'
        '"And we will use them," she said.'
    )
    quotes = by_text(article_with_actors(text, ("Ilse Brandt", "person:ilse-brandt")))
    assert quotes["We will not back down. We have the tools."] == ("direct", "person:ilse-brandt")
    assert quotes["And we will use them"] == ("direct", "person:ilse-brandt")


def test_quotes_quoted_spans_guillemets_and_open_paragraphs() -> None:
    text = 'Critics call it «theft».\n\n"It goes on\n\n"and ends," he said.'
    spans = [text[s:e] for s, e, _ in quoted_spans(text)]
    assert spans == ["theft", "It goes on", "and ends"]


@pytest.mark.model
def test_quotes_according_to_at_the_end_of_the_sentence() -> None:
    text = "The talks will resume in June, according to Sun Mingde."
    (quote,) = find_quotes(article_with_actors(text, ("Sun Mingde", "person:sun-mingde")))
    assert (quote.kind, quote.text, quote.speaker) == (
        "reported",
        "The talks will resume in June",
        "person:sun-mingde",
    )


@pytest.mark.model
def test_quotes_made_clear_that_is_reported_speech() -> None:
    text = "Beijing has made clear that it has no intention of building a naval base."
    (quote,) = find_quotes(article_with_actors(text, ("Beijing", "CHN")))
    assert (quote.kind, quote.speaker, quote.cue) == ("reported", "CHN", "made clear")
    assert quote.text == "it has no intention of building a naval base"


@pytest.mark.model
def test_quotes_reported_clause_stops_before_a_second_report() -> None:
    text = (
        "Tehran said the strike was a response to the raid, and Foreign Minister Ana Ruiz "
        "warned that any reply would be met with force."
    )
    quotes = by_text(article_with_actors(text, ("Tehran", "IRN"), ("Ana Ruiz", "person:ana-ruiz")))
    assert quotes["the strike was a response to the raid"] == ("reported", "IRN")
    assert quotes["any reply would be met with force"] == ("reported", "person:ana-ruiz")


@pytest.mark.model
def test_quotes_inner_report_after_a_colon_is_the_quote() -> None:
    text = (
        "Both sides declared victory: the White House said the pause would help, and Ana Ruiz "
        "said that Mexico had won."
    )
    article = article_with_actors(
        text, ("White House", "USA-GOV"), ("Ana Ruiz", "person:ana-ruiz"), ("Mexico", "MEX")
    )
    quotes = by_text(article)
    assert quotes["the pause would help"] == ("reported", "USA-GOV")
    assert quotes["Mexico had won"] == ("reported", "person:ana-ruiz")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted", "expected"),
    [
        (
            'The Kremlin rejected the accusations as a "staged provocation."',
            "staged provocation.",
            ("direct", "RUS"),
        ),
        (
            'The Kremlin dismissed the demand as "illegitimate" on Friday.',
            "illegitimate",
            ("direct", "RUS"),
        ),
        ('The Kremlin rejected the "peace formula" outright.', "peace formula", ("scare", None)),
        ('The Kremlin praised both sides for their "wisdom."', "wisdom.", ("direct", "RUS")),
        ('The Kremlin pushed for a "peace formula" on Monday.', "peace formula", ("scare", None)),
    ],
)
def test_quotes_a_label_given_through_as_is_the_subjects_word(
    text: str, quoted: str, expected: tuple[str, str | None]
) -> None:
    assert by_text(article_with_actors(text, ("Kremlin", "RUS")))[quoted] == expected


@pytest.mark.model
def test_quotes_passive_speech_verb_names_the_listener_not_the_speaker() -> None:
    text = "Now Honiara is told it may not ask others for help."
    assert find_quotes(article_with_actors(text, ("Honiara", "SLB"))) == []
    text = "\"We were told, 'Come to Mexico and you will be safe,' and then the tariffs came,\" Ana Ruiz said."
    quotes = by_text(article_with_actors(text, ("Ana Ruiz", "person:ana-ruiz")))
    assert quotes["Come to Mexico and you will be safe"] == ("direct", None)
    assert quotes[text[1 : text.index(',"')]][1] == "person:ana-ruiz"


@pytest.mark.model
def test_quotes_as_someone_said_opens_a_direct_quote() -> None:
    text = 'As the minister said yesterday, "This is not our policy, and it never has been."'
    (quote,) = find_quotes(article_with_actors(text, ("the minister", "IND-GOV")))
    assert (quote.kind, quote.speaker) == ("direct", "IND-GOV")


@pytest.mark.model
def test_quotes_document_speaks_for_whoever_adopted_it() -> None:
    text = (
        "The European Parliament voted for an amendment stating that the deal cannot be ratified."
    )
    (quote,) = find_quotes(article_with_actors(text, ("European Parliament", "EU")))
    assert (quote.kind, quote.speaker) == ("reported", "EU")


@pytest.mark.model
def test_quotes_subjectless_clause_after_a_comma_is_not_reported_speech() -> None:
    text = "The task force the Pentagon announced last month, has drawn ships from Britain."
    assert find_quotes(article_with_actors(text, ("Pentagon", "USA-MIL"))) == []


@pytest.mark.model
def test_quotes_he_is_the_office_holder_the_actors_stage_resolved() -> None:
    from spinscope.stages.actors import ActorsStage

    text = "The Secretary-General took note of the vote. He said that the mission would stay."
    article = ActorsStage.from_config({})(Article.from_text(text))
    (quote,) = find_quotes(article)
    assert (quote.kind, quote.speaker) == ("reported", "UN")


@pytest.mark.model
def test_quotes_second_report_in_the_clause_keeps_its_own_reporter() -> None:
    text = (
        "Prime Minister Peter Nagy stressed that Budapest would block the package and replied "
        "that Brussels had ignored its concerns."
    )
    article = article_with_actors(text, ("Peter Nagy", "person:peter-nagy"), ("Budapest", "HUN"))
    quotes = by_text(article)
    assert quotes["Budapest would block the package"] == ("reported", "person:peter-nagy")
    assert quotes["Brussels had ignored its concerns"] == ("reported", "person:peter-nagy")
    text = (
        "Officials in Kyiv said the shells hit a school, while Moscow said it struck only depots."
    )
    quotes = by_text(article_with_actors(text, ("Kyiv", "UKR"), ("Moscow", "RUS")))
    assert quotes["the shells hit a school"] == ("reported", "UKR")
    assert quotes["it struck only depots"] == ("reported", "RUS")


@pytest.mark.model
def test_quotes_made_it_plain_with_the_clause_on_the_verb() -> None:
    text = "In her speech, Ana Lopes made clear that Brazil would not join the sanctions."
    (quote,) = find_quotes(article_with_actors(text, ("Ana Lopes", "person:ana-lopes")))
    assert (quote.kind, quote.speaker, quote.text) == (
        "reported",
        "person:ana-lopes",
        "Brazil would not join the sanctions",
    )


@pytest.mark.model
def test_quotes_sentence_of_its_own_takes_the_speaker_of_the_sentence_before() -> None:
    text = (
        "Foreign Minister Ana Lopes spoke after the vote. "
        '"We tried everything, and we will keep trying until the end."'
    )
    quotes = by_text(article_with_actors(text, ("Ana Lopes", "person:ana-lopes")))
    assert quotes["We tried everything, and we will keep trying until the end."] == (
        "direct",
        "person:ana-lopes",
    )
    text = (
        "The storm hit the coast on Monday. "
        '"We tried everything, and we will keep trying until the end."'
    )
    quotes = by_text(article_with_actors(text, ("Ana Lopes", "person:ana-lopes")))
    assert quotes["We tried everything, and we will keep trying until the end."] == ("direct", None)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a labelling verb reached through "as" ("hype it up as", "framed it as")
        (
            "Some American pundits rushed to hype the tariff up as \"revenge\" on Monday.",
            "revenge",
            "USA",
        ),
        ("China framed the drills as a \"routine exercise\".", "routine exercise", "CHN"),
        # a quote inside what someone repeated
        (
            "Japan repeated the claim that the islands are \"an inherent territory\" of its own.",
            "an inherent territory",
            "JPN",
        ),
    ],
)  # fmt: skip
def test_quotes_labelling_and_repeating_verbs_name_the_subject(
    text: str, quote: str, speaker: str
) -> None:
    names = [("American", "USA"), ("China", "CHN"), ("Japan", "JPN")]
    article = article_with_actors(text, *[n for n in names if n[0] in text])
    assert by_text(article)[quote] == ("direct", speaker)


@pytest.mark.model
def test_quotes_a_document_speaks_for_whoever_adopted_the_documents_before() -> None:
    text = (
        "The Japanese cabinet adopted two defence papers on Friday. "
        'The new strategy calls China "a serious concern" for the region.'
    )
    article = article_with_actors(text, ("Japanese cabinet", "JPN-GOV"), ("China", "CHN"))
    assert by_text(article)["a serious concern"] == ("direct", "JPN-GOV")


@pytest.mark.model
def test_quotes_advice_and_events_are_not_reported_speech() -> None:
    text = (
        "The donors should tell both camps that the war helps nobody. "
        "The summit confirmed once again that the alliance is divided."
    )
    kinds = [q.kind for q in find_quotes(article_with_actors(text))]
    assert "reported" not in kinds


@pytest.mark.model
def test_quotes_relative_pronoun_subject_is_its_antecedent() -> None:
    text = (
        "The Northern Front, which says that it defends the hill tribes, seized two towns. "
        'Tomas Brandl, who called the offensive "a crime," left for Geneva.'
    )
    article = article_with_actors(
        text, ("Northern Front", "NF"), ("Tomas Brandl", "person:tomas-brandl")
    )
    quotes = by_text(article)
    clause = next(t for t in quotes if "defends the hill tribes" in t)
    assert quotes[clause] == ("reported", "NF")
    assert quotes["a crime"] == ("direct", "person:tomas-brandl")


@pytest.mark.model
def test_quotes_document_that_speaks_is_its_adopters() -> None:
    text = 'The Dutch parliament adopted a resolution that called the plan a "reckless gamble."'
    article = article_with_actors(text, ("The Dutch parliament", "NLD-LEG"))
    assert by_text(article)["reckless gamble."] == ("direct", "NLD-LEG")


@pytest.mark.model
def test_quotes_trailing_attribution_speaker_is_the_subject_next_to_the_verb() -> None:
    text = (
        'Malaysia, which chairs ASEAN this year, offered on Monday to help the two sides "find a '
        'peaceful way forward," a Malaysian foreign ministry official said.'
    )
    article = article_with_actors(
        text, ("Malaysia", "MYS"), ("Malaysian foreign ministry official", "MYS-GOV")
    )
    quotes = by_text(article)
    quote = next(t for t in quotes if t.startswith("find a peaceful"))
    assert quotes[quote] == ("direct", "MYS-GOV")


@pytest.mark.model
def test_quotes_her_government_speaks_for_itself() -> None:
    text = (
        "President Lena Ortiz announced the decision on Friday, and her government said it "
        "would take the case to the International Court of Justice."
    )
    article = article_with_actors(
        text, ("Lena Ortiz", "person:lena-ortiz"), ("her", "person:lena-ortiz")
    )
    article.actors.append(
        Actor(
            id="MEX-GOV",
            name="her government",
            kind="government",
            mentions=(
                Mention(text.index("her government"), text.index(" said"), "her government"),
            ),
        )
    )
    quotes = by_text(article)
    clause = next(t for t in quotes if "take the case" in t)
    assert quotes[clause] == ("reported", "MEX-GOV")


@pytest.mark.model
def test_quotes_we_of_a_nested_quote_is_the_outer_speaker() -> None:
    text = (
        "\"We told the envoy, 'Norway will not accept this,' and we expect an answer,\" "
        "spokesman Erik Dahl told reporters."
    )
    article = article_with_actors(text, ("Erik Dahl", "person:erik-dahl"), ("We", "NOR"))
    quotes = by_text(article)
    assert quotes["Norway will not accept this"] == ("direct", "person:erik-dahl")


@pytest.mark.model
def test_quotes_finite_verb_hung_on_a_question_label_has_the_noun_as_subject() -> None:
    text = (
        "Question: The Hungarian foreign ministry spokeswoman, Edit Kovacs, accused Kyiv on "
        'Monday of "undermining the foundations of good neighbourliness" under foreign '
        "pressure. How do you respond?"
    )
    article = article_with_actors(text, ("Edit Kovacs", "person:edit-kovacs"))
    quote = next(q for q in find_quotes(article) if q.text.startswith("undermining"))
    assert quote.speaker == "person:edit-kovacs"


@pytest.mark.model
def test_quotes_expressed_its_quoted_word_is_the_subjects() -> None:
    text = 'Even the African Union, hardly a critic of the junta, expressed its "deep concern."'
    article = article_with_actors(text, ("African Union", "AU"))
    quote = next(q for q in find_quotes(article) if q.text.startswith("deep concern"))
    assert (quote.kind, quote.speaker) == ("direct", "AU")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'Tokyo posted a message expressing "serious concern" within hours.',
        'Tokyo issued a statement calling the launch "a grave provocation".',
    ],
)
def test_quotes_words_of_a_posted_message_are_the_posters(text: str) -> None:
    article = article_with_actors(text, ("Tokyo", "JPN"))
    (quote,) = [q for q in find_quotes(article) if q.kind == "direct"]
    assert quote.speaker == "JPN"
