"""Tests of the stance rules added for unseen text: phrases, scopes, voice, news, victims."""

from __future__ import annotations

from pathlib import Path

import pytest
from stance_support import analyse as _analyse
from stance_support import stance_of as _stance

from spinscope.article import Quote, Stance
from spinscope.errors import ConfigError
from spinscope.stages.stance import StanceStage, load_stance_lexicon, match_lexicon


def _words(stance: Stance) -> set[str]:
    return {e.text for e in stance.evidence if e.kind == "description"}


def test_stance_lexicon_phrases_and_scopes_are_read() -> None:
    lexicon = load_stance_lexicon()
    assert lexicon["so-called"].words == ("so", "called")
    assert lexicon["war crime"].words == ("war", "crime")
    assert {w.scope for w in lexicon.values()} == {
        "",
        "both",
        "prescribed",
        "object",
        "role",
        "act",
        "clause",
    }
    assert len(lexicon) > 600


def test_stance_lexicon_rejects_an_unknown_scope(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("sneaky\t-0.5\tsideways\n", "utf-8")
    with pytest.raises(ConfigError, match="scope"):
        StanceStage.from_config({"lexicon_file": str(bad)})


@pytest.mark.model
def test_stance_phrases_match_across_hyphens_and_prefixes_reverse() -> None:
    from spinscope.nlp import load_spacy

    nlp = load_spacy()
    lexicon = load_stance_lexicon()
    doc = nlp("Its Cold-War mentality and so-called reforms hid anti-terrorist raids.")
    found = {span.text: word.lemma for span, word in match_lexicon(doc, lexicon)}
    assert found["Cold-War mentality"] == "cold war mentality"
    assert found["so-called"] == "so-called"
    assert not any("terrorist" in text for text in found)  # "anti-" turns it around


@pytest.mark.model
def test_stance_role_goes_to_whom_it_is_said_of() -> None:
    article = _analyse(
        "Japan, a loyal servant of the United States, voted with Washington.", genre="opinion"
    )
    assert "servant" in _words(_stance(article, "JPN"))
    assert _stance(article, "JPN").label == "negative"
    assert "servant" not in _words(_stance(article, "USA"))


@pytest.mark.model
def test_stance_judgement_goes_to_what_is_judged() -> None:
    text = "The EU commends Armenia's restraint."
    article = _analyse(text, genre="statement", outlet="Council of the European Union")
    armenia = _stance(article, "ARM")
    assert armenia.label == "positive"
    assert {"commends", "restraint"} <= _words(armenia)
    assert "commends" not in _words(_stance(article, "EU"))


@pytest.mark.model
def test_stance_someone_elses_judgement_counts_half() -> None:
    article = _analyse("Norway praised Sweden.", genre="opinion")
    praise = next(e for e in _stance(article, "SWE").evidence if e.text == "praised")
    assert praise.weight == pytest.approx(0.3)
    assert "someone else's judgement" in praise.explanation


@pytest.mark.model
def test_stance_a_deed_has_a_doer_and_a_victim() -> None:
    article = _analyse("Israel's invasion of Lebanon went on.", genre="opinion")
    assert _stance(article, "ISR").label == "negative"
    lebanon = _stance(article, "LBN")
    assert lebanon.label == "positive"
    assert "victim" in lebanon.evidence[0].explanation


@pytest.mark.model
def test_stance_object_of_a_hostile_verb_is_its_victim() -> None:
    article = _analyse("Australia keeps smearing China.", genre="opinion")
    assert _stance(article, "AUS").label == "negative"
    assert _stance(article, "CHN").label == "positive"


@pytest.mark.model
def test_stance_the_doers_own_side_is_not_its_victim() -> None:
    article = _analyse("The French government smeared France.", genre="opinion")
    assert not [e for e in _stance(article, "FRA").evidence if e.weight > 0]


@pytest.mark.model
def test_stance_no_victims_in_news() -> None:
    article = _analyse("Australia keeps smearing China.", genre="news")
    assert not [e for e in _stance(article, "CHN").evidence if e.weight > 0]


@pytest.mark.model
def test_stance_a_calling_verb_prescribes_to_whom_it_calls_on() -> None:
    article = _analyse("We call on Russia to cease these activities.", genre="opinion")
    cease = next(e for e in _stance(article, "RUS").evidence if e.text == "cease")
    assert cease.weight < 0
    assert "told" in cease.explanation


@pytest.mark.model
def test_stance_adjective_after_as_judges_the_object() -> None:
    text = 'Canada said India "planned it". We rejected these allegations as absurd.'
    start = text.index("India")
    quote = Quote(start, text.index(". We"), text[start : text.index(". We")], "reported", "CAN")
    article = _analyse(text, quotes=[quote], genre="opinion")
    assert "absurd" in _words(_stance(article, "CAN"))


@pytest.mark.model
def test_stance_news_band_keeps_wire_copy_neutral() -> None:
    text = "Russia evaded the sanctions, officials said. Russia's invasion went on."
    news = _analyse(text, genre="news")
    assert _stance(news, "RUS").score < 0
    assert _stance(news, "RUS").label == "neutral"
    opinion = _analyse(text, genre="opinion")
    assert _stance(opinion, "RUS").label == "negative"


@pytest.mark.model
def test_stance_state_media_news_in_loaded_words_reads_as_commentary() -> None:
    text = (
        "The shameful and hostile policy of the U.S. is a sheer lie. Its puppets fabricate "
        "reports and its vassal forces spread slander. The DPRK upheld justice."
    )
    article = _analyse(text, genre="news", outlet="KCNA")
    dprk = _stance(article, "PRK")
    assert dprk.label == "positive"
    assert any("state-affiliated media of PRK" in e.explanation for e in dprk.evidence)
    assert _stance(article, "USA").label == "negative"
    assert not any("news:" in e.explanation for e in _stance(article, "USA").evidence)


@pytest.mark.model
def test_stance_a_journalists_question_is_not_the_issuers() -> None:
    text = (
        "Question: Will the EU impose sanctions on Serbia?\n\n"
        "Spokesperson Lena Vogt: We expect both sides to talk."
    )
    article = _analyse(text, genre="statement", outlet="Council of the European Union")
    assert not [e for e in _stance(article, "EU").evidence if e.kind == "event"]


@pytest.mark.model
def test_stance_acting_against_the_condemned_with_a_voice_is_friendly() -> None:
    text = (
        "Russia's brutal and reckless aggression must stop. "
        "Finland expelled Russian diplomats on Monday."
    )
    article = _analyse(text, genre="statement", outlet="Council of the European Union")
    finland = _stance(article, "FIN")
    assert finland.label == "positive"
    assert any("condemns" in e.explanation for e in finland.evidence)


@pytest.mark.model
def test_stance_this_at_a_sentence_start_points_at_the_last_speaker() -> None:
    text = 'The U.S. envoy said that Russia "bought arms". This is a sheer lie.'
    start = text.index("Russia")
    end = text.index(". This")
    quote = Quote(start, end, text[start:end], "reported", speaker="USA")
    article = _analyse(text, quotes=[quote], genre="opinion")
    assert "sheer lie" in _words(_stance(article, "USA"))


@pytest.mark.model
def test_stance_this_after_a_deed_points_at_its_doers() -> None:
    text = "Beijing pressed German firms to drop Lithuanian suppliers. This is bullying."
    article = _analyse(text, genre="opinion")
    assert "bullying" in _words(_stance(article, "CHN"))


@pytest.mark.model
def test_stance_a_hostile_noun_as_means_is_the_subjects() -> None:
    article = _analyse("China responded with a campaign of economic coercion.", genre="opinion")
    china = _stance(article, "CHN")
    assert "coercion" in _words(china)  # "economic" neutralises praise, not blame
    assert china.label == "negative"


@pytest.mark.model
def test_stance_not_doing_harm_praises_less_than_doing_it_blames() -> None:
    article = _analyse("Iran has not invaded anyone. Iraq invaded Kuwait.", genre="opinion")
    iran = next(e for e in _stance(article, "IRN").evidence if e.text == "invaded")
    iraq = next(e for e in _stance(article, "IRQ").evidence if e.text == "invaded")
    assert 0 < iran.weight < -iraq.weight


@pytest.mark.model
def test_stance_these_sanctions_point_at_their_imposer() -> None:
    text = "The United Kingdom imposed new sanctions on Russia. These sanctions are illegal."
    article = _analyse(text, genre="opinion")
    assert "illegal" in _words(_stance(article, "GBR"))


@pytest.mark.model
def test_stance_a_deed_against_an_actor_condemned_by_its_deeds_is_excused() -> None:
    text = (
        "Israel's claims are doubtful. Israel bombed the city, killing hundreds. "
        "Lebanon accused Israel of war crimes."
    )
    article = _analyse(text, genre="opinion", outlet="Press TV")
    lebanon = _stance(article, "LBN")
    assert not [e for e in lebanon.evidence if e.kind == "event" and e.weight < 0]


@pytest.mark.model
def test_stance_two_sides_trading_blows_are_both_blamed() -> None:
    article = _analyse("Armenia attacked Azerbaijan. Azerbaijan attacked Armenia.", genre="opinion")
    assert _stance(article, "ARM").label == "negative"
    assert _stance(article, "AZE").label == "negative"


@pytest.mark.model
def test_stance_backing_a_condemned_actor_costs() -> None:
    text = "Belarus continues to support Russia's brutal aggression against Ukraine."
    article = _analyse(text, genre="opinion")
    belarus = _stance(article, "BLR")
    assert belarus.label == "negative"
    assert "condemns" in belarus.evidence[0].explanation


@pytest.mark.model
def test_stance_words_inside_a_name_are_not_judgements() -> None:
    article = _analyse("The Pentagon launched Operation Prosperity Guardian.", genre="opinion")
    assert not [e for s in article.stance for e in s.evidence if e.text == "Prosperity"]


@pytest.mark.model
def test_stance_what_someone_calls_a_thing_is_not_their_own() -> None:
    text = "The United States condemned what it called the brutal suppression of protesters."
    article = _analyse(text, genre="opinion")
    assert "brutal" not in _words(_stance(article, "USA"))


@pytest.mark.model
def test_stance_a_call_on_both_sides_takes_no_side() -> None:
    eu = {"genre": "statement", "outlet": "Council of the European Union"}
    both = _analyse("The EU calls on Armenia and Azerbaijan to return to talks.", **eu)
    assert _stance(both, "AZE").label == "neutral"
    one = _analyse("The EU calls on Azerbaijan to return to talks.", **eu)
    assert _stance(one, "AZE").label == "negative"


@pytest.mark.model
def test_stance_a_phrase_around_an_actors_name_describes_it() -> None:
    article = _analyse("The collective West keeps arming Kiev.", genre="opinion")
    west = _stance(article, "WEST")
    assert west.label == "negative"
    assert "collective West" in _words(west)
    # A name alone is not a description of its actor.
    plain = _analyse("The West keeps arming Kiev.", genre="opinion")
    assert not _words(_stance(plain, "WEST"))


@pytest.mark.model
def test_stance_a_common_word_inside_a_mention_describes_its_actor() -> None:
    article = _analyse("The Minsk regime jailed the protesters.", genre="opinion")
    belarus = next(s for s in article.stance if s.actor.startswith("BLR"))
    assert "regime" in _words(belarus)


def test_stance_state_organs_share_evidence_with_their_state() -> None:
    from spinscope.article import Actor, Evidence, Mention
    from spinscope.stages.stance import _aggregate, _Finding

    mention = (Mention(0, 3, "RUS"),)
    actors = [
        Actor("RUS", "Russia", "state", country="RUS", mentions=mention),
        Actor("RUS-SPY", "Russian intelligence", "group", "RUS", "SPY", mentions=mention),
    ]
    ev = Evidence(0, 3, "RUS", "description", -0.8, "test")
    stances = {s.actor: s for s in _aggregate(actors, [_Finding("RUS", ev)], 1.5, 0.1)}
    assert stances["RUS-SPY"].label == "negative"
    assert stances["RUS-SPY"].evidence[0].explanation.startswith("via RUS")


@pytest.mark.model
def test_stance_a_ministrys_statement_speaks_for_its_state_too() -> None:
    text = "The Philippines sanctioned China again."
    article = _analyse(text, genre="statement", outlet="Department of National Defense")
    philippines = _stance(article, "PHL")
    assert not [e for e in philippines.evidence if e.kind == "event" and e.weight < 0]


@pytest.mark.model
def test_stance_not_the_first_offence_is_still_an_offence() -> None:
    text = "This is not Germany's first provocation against its neighbours."
    article = _analyse(text, genre="opinion")
    assert _stance(article, "DEU").label == "negative"


@pytest.mark.model
def test_stance_partners_of_the_voice_in_a_joint_agreement_are_its_friends() -> None:
    text = "Last year Kenya, Uganda and Tanzania agreed with China on a new plan for railways."
    article = _analyse(text, genre="opinion", outlet="China Daily")
    for actor in ("KEN", "UGA", "TZA"):
        stance = _stance(article, actor)
        assert stance.label == "positive", actor
        assert any("joins CHN" in e.explanation for e in stance.evidence)


def test_stance_a_states_officials_share_its_evidence_but_not_its_legislators() -> None:
    from spinscope.article import Actor, Evidence, Mention
    from spinscope.stages.stance import _aggregate, _Finding

    mention = (Mention(0, 3, "FRA"),)
    actors = [
        Actor("FRA", "France", "state", country="FRA", mentions=mention),
        Actor("person:a", "A", "person", "FRA", role="Foreign Minister", mentions=mention),
        Actor("person:b", "B", "person", "FRA", role="Senate Vice President", mentions=mention),
    ]
    ev = Evidence(0, 3, "FRA", "description", -0.8, "test")
    stances = {s.actor: s for s in _aggregate(actors, [_Finding("FRA", ev)], 1.5, 0.1)}
    assert stances["person:a"].label == "negative"
    assert stances["person:a"].evidence[0].explanation.startswith("via FRA")
    assert stances["person:b"].label == "neutral"


@pytest.mark.model
def test_stance_a_speaker_who_judges_as_the_article_does_is_on_its_side() -> None:
    said = "Japan's reckless militarism endangers everyone"
    text = f"Japan is a reckless aggressor and a bully. Russia said that {said}."
    start = text.index(said)
    quote = Quote(start, start + len(said), said, "reported", speaker="RUS")
    article = _analyse(text, quotes=[quote], genre="opinion")
    russia = _stance(article, "RUS")
    assert any(e.kind == "quote" and e.weight > 0 for e in russia.evidence)
    assert russia.label == "positive"


@pytest.mark.model
def test_stance_words_reported_with_a_doubting_verb_count_the_other_way() -> None:
    said = "Mexico was a corrupt and criminal state"
    text = f"Peru claimed that {said}."
    start = text.index(said)
    quote = Quote(start, start + len(said), said, "reported", speaker="PER", cue="claimed")
    article = _analyse(text, quotes=[quote], genre="opinion")
    mexico = _stance(article, "MEX")
    assert any("which doubts it" in e.explanation for e in mexico.evidence)
    assert mexico.label == "positive"


@pytest.mark.model
def test_stance_a_word_in_a_with_phrase_is_not_the_subjects_own() -> None:
    text = "Norway held dozens of meetings with the junta last year."
    article = _analyse(text, genre="opinion")
    assert "junta" not in _words(_stance(article, "NOR"))
    text = "Norway has long held a deep hostility."
    assert "hostility" in _words(_stance(_analyse(text, genre="opinion"), "NOR"))


def test_stance_lexicon_has_the_british_spelling_of_every_ize_word() -> None:
    lexicon = load_stance_lexicon()
    for phrase, word in lexicon.items():
        if "iz" in phrase:
            british = lexicon.get(phrase.replace("iz", "is"))
            assert british is not None, phrase
            assert british.weight == word.weight and british.scope == word.scope, phrase


@pytest.mark.model
def test_stance_a_judge_does_not_judge_itself_through_its_own_possessive() -> None:
    text = "Washington praised its new ally for its courage."
    article = _analyse(text, genre="opinion")
    assert "praised" not in _words(_stance(article, "USA"))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Japan met with brutal dictators.", "JPN"),
        ("Germany negotiated with the brutal warlords.", "DEU"),
        ("Hungary traded with the corrupt oligarchs.", "HUN"),
        ("India fought against the vicious terrorists.", "IND"),
    ],
)
def test_stance_words_about_a_partner_are_not_the_subjects(text: str, actor: str) -> None:
    article = _analyse(text, genre="opinion")
    assert not [e for e in _stance(article, actor).evidence if e.weight < 0]
