"""Tests of the actors stage's people and issuers: names the NER misses, roles before a name,
missions, sector nouns, and the issuers of joint statements."""

from __future__ import annotations

import pytest

from spinscope.article import Article
from spinscope.stages.actors import ActorsStage, joint_issuers

_MINISTERS = "The two ministers met in the capital today and discussed the situation at sea.\n"


def _actors(text: str) -> set[str]:
    return {a.id for a in ActorsStage.from_config({})(Article.from_text(text)).actors}


def _people(text: str) -> set[str]:
    return {a for a in _actors(text) if a.startswith("person:")}


@pytest.mark.parametrize(
    ("title", "issuers"),
    [
        ("Joint Statement of the Governments of the Hellenic Republic and the Republic of Cyprus",
         ["GRC", "CYP"]),
        # the topic after "on" names no issuer
        ("Joint Statement of Greece and Cyprus on Turkey", ["GRC", "CYP"]),
        # a state whose name holds another's is still its own
        ("Joint Statement of Sudan and South Sudan", ["SDN", "SSD"]),
        ("Joint statement by the US and Japan", ["USA", "JPN"]),
        # "joint" elsewhere in the title makes no joint statement
        ("Statement on the Joint Military Exercises of China and Russia near Japan", []),
        ("Statement on the Hellenic Republic and the Republic of Cyprus", []),
    ],
)  # fmt: skip
def test_actors_joint_issuers_are_the_states_a_joint_titles_names(
    title: str, issuers: list[str]
) -> None:
    article = Article.from_text(_MINISTERS, title=title, genre="statement")
    assert joint_issuers(article) == issuers
    article.meta.genre = "news"
    assert joint_issuers(article) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Last month, Polish Agriculture Minister Tomasz Wielgosz assured his Ukrainian "
            "counterpart that the ban would end.",
            "person:tomasz-wielgosz",
        ),
        (
            "Paraguay's chief negotiator, Ana Villalba, has handled all this with patience.",
            "person:ana-villalba",
        ),
        (
            'Valentina Petrova is 78 years old. She was born in Riga. "But my Russia is this '
            'street," Petrova told reporters.',
            "person:valentina-petrova",
        ),
    ],
)
def test_actors_a_name_the_ner_misses_is_a_person_when_the_text_says_so(
    text: str, person: str
) -> None:
    assert person in _people(text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a document and an agency are not people, even as the subject of a speech verb
        "The Defense White Paper said that the threat had grown. The Paper added a map.",
        "Officials of the Defense Acquisition Program Administration said the deal was signed.",
        # companies: their name's last word speaks, but the text calls them "it"
        "Goldman Sachs said the deal was sound. Sachs added that it would grow.",
        "Rio Tinto reported profits. Tinto told investors it would expand.",
        # a role noun before a company
        "Its head Tesla Motors denied it.",
        # two capitalised words with no cue that they name a person
        "Delegates met at Marble Hall on Tuesday to discuss the harbour.",
    ],
)
def test_actors_capitalised_runs_without_a_person_cue_are_not_people(text: str) -> None:
    assert _people(text) == set()


@pytest.mark.model
def test_actors_a_role_before_the_name_gives_the_persons_country() -> None:
    article = ActorsStage.from_config({})(
        Article.from_text(
            "Paraguay's chief negotiator, Ana Villalba, has handled all this with patience."
        )
    )
    person = next(a for a in article.actors if a.id == "person:ana-villalba")
    assert person.country == "PRY"
    assert person.role == "Paraguay's chief negotiator"


@pytest.mark.model
def test_actors_an_embassy_the_ner_tags_as_a_building_is_the_mission() -> None:
    assert "RUS-GOV" in _actors(
        "Arakawa lodged a strong protest with the Minister-Counsellor of the Russian "
        "Embassy in Tokyo."
    )
    # a treaty or a bridge whose name holds a state's is still no actor
    assert _actors("They discussed the United Nations Convention on the Law of the Sea.") == set()
    assert "UKR" not in _actors("Trucks crossed the Crimean Bridge at night.")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Argentina sided with Brazil, and its energy secretary called the terms fair.", "ARG-GOV"),
        ("Norway's Directorate of Fisheries said the crew had underreported the catch.", "NOR-GOV"),
        ("Britain's foreign secretary met the press.", "GBR-GOV"),
        (
            "Bahrain normalised relations with Israel, against the will of its own people.",
            "BHR-CVL",
        ),
        ("Peruvian farmers and miners have found a faster road to Asia.", "PER-CVL"),
    ],
)
def test_actors_sector_nouns_of_a_state_secretary_directorate_people_farmers(
    text: str, actor: str
) -> None:
    assert actor in _actors(text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "person"),
    [
        # the objects of prepositions of place are places the NER took for people
        ("Soldiers attacked military positions around Bobo Dioulasso on Monday.\n", None),
        ("The United States has run a military base on Diego Garcia since 1971.\n", None),
        ("The ship sank near Fasht Dibal, the ministry said.\n", None),
        # but a noun that takes people keeps them people
        ("Washington kept up the pressure on Volodymyr Zelensky this week.\n",
         "person:volodymyr-zelensky"),
        ("Many voters have lost faith in Maria Gonzalez.\n", "person:maria-gonzalez"),
    ],
)  # fmt: skip
def test_actors_a_name_after_a_preposition_of_place_is_a_place(
    text: str, person: str | None
) -> None:
    assert _people(text) == ({person} if person else set())


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Polish hauliers lost 30 million zloty a week.\n", "POL-BUS"),
        ("Up to 8,000 Moroccan women a day carried goods across the border.\n", "MAR-CVL"),
        ("Chinese investors have built factories in Nuevo Leon.\n", "CHN-BUS"),
    ],
)
def test_actors_trades_and_the_public_are_sector_actors(text: str, actor: str) -> None:
    assert actor in _actors(text)


@pytest.mark.model
def test_actors_a_book_on_someone_is_about_a_person() -> None:
    assert "person:maria-gonzalez" in _people("He wrote a book on Maria Gonzalez last year.\n")
