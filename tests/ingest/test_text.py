from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.ingest import article_from_text
from spinscope.ingest.text import parse_layout, parse_timestamp, split_authors


def read(fixtures: Path, name: str) -> str:
    return (fixtures / name).read_text("utf-8")


def test_text_scraped_page_fields_go_to_meta(fixtures: Path) -> None:
    article = article_from_text(read(fixtures, "scraped-commentary.txt"), "page.txt")
    meta = article.meta
    assert meta.title == "Stop pretending the alliance is about peace"
    assert meta.outlet == "Harbour Daily Online"
    assert meta.editor == "Mei Lanfang"
    assert meta.authors == ["Zhou Wenbo", "Ana Ruiz"]
    assert meta.published == "2024-02-11T07:05:33"
    assert meta.affiliation == "Centre for Coastal Studies, Eastbridge University"
    assert meta.author_note.startswith("The author is a senior researcher")
    assert article.text.startswith("For months, officials in the capital")
    assert article.text.endswith("not by blocs that drill.")
    for furniture in (
        "Related News",
        "Share",
        "Print",
        "Editor:",
        "The author is",
        "By Zhou",
        "2024-02-11",
    ):
        assert furniture not in article.text


def test_text_wire_dateline_moves_to_meta(fixtures: Path) -> None:
    article = article_from_text(read(fixtures, "wire-dateline.txt"))
    assert article.meta.dateline == "GENEVA, March 3, 2024 (Meridian Press)"
    assert article.meta.outlet == "Meridian Press"
    assert article.meta.published == "2024-03-03"
    assert article.text.startswith("Foreign ministers of the two")


def test_text_dateline_without_year_invents_no_date() -> None:
    article = article_from_text(
        "Talks resume\n\nBEIJING, July 6 (Xinhua) -- Officials from both sides met again on Thursday.\n"
    )
    assert article.meta.dateline == "BEIJING, July 6 (Xinhua)"
    assert article.meta.outlet == "Xinhua"
    assert article.meta.published is None
    assert article.text == "Officials from both sides met again on Thursday."


def test_text_source_editor_footer(fixtures: Path) -> None:
    article = article_from_text(read(fixtures, "source-editor-footer.txt"))
    assert article.meta.outlet == "Coastal Business Weekly"
    assert article.meta.editor == "Tomas Lindqvist"
    assert "Source:" not in article.text
    assert article.text.endswith("cost less than planned.")


def test_text_oped_signature_at_end(fixtures: Path) -> None:
    article = article_from_text(read(fixtures, "oped-signature.txt"))
    assert article.meta.authors == ["Priya Raman"]
    assert article.meta.affiliation == "Lakeside Institute for Economic Policy"
    assert article.text.endswith("Negotiators should take the extra year.")


def test_text_plain_essay_invents_nothing(fixtures: Path) -> None:
    text = read(fixtures, "plain-essay.txt")
    article = article_from_text(text)
    meta = article.meta
    assert (meta.title, meta.outlet, meta.authors, meta.editor, meta.published) == (
        None,
        None,
        [],
        None,
        None,
    )
    assert article.text == text.strip()


def test_text_last_paragraph_that_is_not_a_signature_stays() -> None:
    text = (
        "Title here\n\nFirst paragraph of the story goes on.\n\nThe river is higher than last year."
    )
    layout = parse_layout(text)
    assert layout.paragraphs[-1] == "The river is higher than last year."


@pytest.mark.parametrize(
    ("value", "offset", "expected"),
    [
        ("2023-07-06 18:21:50", None, "2023-07-06T18:21:50"),
        ("2023-07-06 18:21:50", "+08:00", "2023-07-06T18:21:50+08:00"),
        ("2023-07-06T18:21:50Z", "+08:00", "2023-07-06T18:21:50+00:00"),
        ("2023-07-06 18:21 GMT+8", None, "2023-07-06T18:21:00+08:00"),
        ("2023-07-06", "+08:00", "2023-07-06"),
        ("July 6, 2023", None, "2023-07-06"),
        ("6 July 2023 10:05", "+01:00", "2023-07-06T10:05:00+01:00"),
        ("2023-02-30", None, None),
        ("Related News", None, None),
    ],
)
def test_text_parse_timestamp(value: str, offset: str | None, expected: str | None) -> None:
    assert parse_timestamp(value, offset) == expected


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Xu Yongzhi", ["Xu Yongzhi"]),
        ("A Li, B Wu and C Ma", ["A Li", "B Wu", "C Ma"]),
        ("Jo Ng & Al Bo.", ["Jo Ng", "Al Bo"]),
    ],
)
def test_text_split_authors(byline: str, names: list[str]) -> None:
    assert split_authors(byline) == names


paragraph = st.lists(
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs")), min_size=1, max_size=80
    ),
    min_size=1,
    max_size=6,
)


@given(paragraph)
def test_text_body_is_made_of_input_lines(lines: list[str]) -> None:
    """Whatever the layout guesses, every body line is a line of the input, stripped."""
    text = "\n\n".join(lines)
    layout = parse_layout(text)
    stripped = {line.strip() for line in text.split("\n")}
    for para in layout.paragraphs:
        for line in para.split("\n"):
            assert any(line in s for s in stripped)


@pytest.mark.parametrize(
    "line",
    [
        "The Independent",
        "Americas Quarterly",
        "European Commission",
        "United Nations",
        "The Washington Ledger",
        "Council of Europe",
    ],
)
@pytest.mark.parametrize("stamp", ["\n2024-05-16 07:00:00", ""])
def test_text_header_line_naming_a_body_is_the_outlet_not_an_author(line: str, stamp: str) -> None:
    article = article_from_text(f"A title\n\n{line}{stamp}\n\nThe body begins here and goes on.\n")
    assert (article.meta.outlet, article.meta.authors) == (line, [])
    assert article.text == "The body begins here and goes on."


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ("By Jane Doe", ["Jane Doe"]),
        ("Oskar Lindqvist Berg", ["Oskar Lindqvist Berg"]),
    ],
)
def test_text_header_person_name_stays_a_byline(header: str, authors: list[str]) -> None:
    article = article_from_text(f"A title\n\nThe Independent\n{header}\n2024-05-16\n\nThe body.\n")
    assert (article.meta.outlet, article.meta.authors) == ("The Independent", authors)
    article = article_from_text(f"A title\n\n{header}\n2024-05-16\n\nThe body.\n")
    assert (article.meta.outlet, article.meta.authors) == (None, authors)


def test_text_an_issuing_bodys_long_name_is_still_a_header_line() -> None:
    article = article_from_text(
        "Statement on the survey vessel\n\n"
        "Ministry of Foreign Affairs of the Republic of Indonesia\n"
        "2025-11-03 14:30:00\n\n"
        "The Government has followed the activities of the vessel closely.\n"
    )
    assert article.meta.outlet == "Ministry of Foreign Affairs of the Republic of Indonesia"
    assert article.meta.published is not None
    assert article.text.startswith("The Government has followed")
    # a long line that is a sentence stays in the body
    body = article_from_text(
        "Talks resume\n\n"
        "Ministers of the two countries met in the capital of the Republic of Indonesia.\n"
    )
    assert body.text.startswith("Ministers of the two countries met")


def test_text_an_issuer_whose_state_follows_a_comma_is_a_header_line() -> None:
    article = article_from_text(
        "Communique on the award of Offshore Block 48\n\n"
        "Ministry of Foreign Affairs, Democratic Republic of the Congo\n"
        "2026-06-12 18:00:00\n\n"
        "The Government has learned with deep concern of the award.\n"
    )
    assert article.meta.outlet == "Ministry of Foreign Affairs, Democratic Republic of the Congo"
    assert article.meta.published == "2026-06-12T18:00:00"
    assert article.text.startswith("The Government has learned")


def test_text_a_wrapped_title_case_body_line_is_not_an_issuer() -> None:
    article = article_from_text(
        "Statement on the survey vessel\n\n"
        "The Government of the Republic of Indonesia and the People of Indonesia\n"
        "reaffirm their position on the North Natuna Sea.\n"
    )
    assert article.meta.outlet is None
    assert article.text.startswith("The Government of the Republic of Indonesia and the People")
