"""The date resolver: hand-checked cases, properties over all publication dates, the stage."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.article import Article
from spinscope.errors import InputError
from spinscope.stages.dates import DatesStage, find_dates, parse_published, resolve_date

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
PUB = date(2023, 7, 6)  # a Thursday
published_dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("in 2015", "2015", "year"),
        ("In January this year", "2023-01", "month"),
        ("last month", "2023-06", "month"),
        ("next month", "2023-08", "month"),
        ("this year", "2023", "year"),
        ("last year", "2022", "year"),
        ("earlier this week", "2023-07-03/2023-07-06", "range"),
        ("last week", "2023-06-26/2023-07-02", "range"),
        ("since 2018", "2018/..", "range"),
        ("as early as 2009", "../2009", "range"),
        ("the end of last year", "2022-12", "month"),
        ("at the beginning of this year", "2023-01", "month"),
        ("two years ago", "2021", "year"),
        ("a decade ago", "2013", "year"),
        ("two weeks ago", "2023-06-19/2023-06-25", "range"),
        ("yesterday", "2023-07-05", "day"),
        ("on Tuesday", "2023-07-04", "day"),
        ("on Thursday", "2023-07-06", "day"),
        ("on July 6, 2023", "2023-07-06", "day"),
        ("on 5 August 2021", "2021-08-05", "day"),
        ("2023-07-06", "2023-07-06", "day"),
        ("in March 2022", "2022-03", "month"),
        ("in March", "2023-03", "month"),
        ("in October", "2022-10", "month"),
        ("on March 26", "2023-03-26", "day"),
        ("last March", "2023-03", "month"),
        ("since March 2014", "2014-03/..", "range"),
        ("from 2018 to 2020", "2018/2020", "range"),
        ("between 2010 and 2015", "2010/2015", "range"),
        ("2018-2020", "2018/2020", "range"),
        ("in the 1990s", "1990/1999", "range"),
        ("at the beginning of this century", "2000/2009", "range"),
        ("over the past three years", "2020/2023", "range"),
        ("the first half of 2022", "2022-01/2022-06", "range"),
        ("in early 2020", "2020", "year"),
        ("mid-2021", "2021", "year"),
        ("by the end of 2025", "../2025-12", "range"),
        ("before 2010", "../2009", "range"),
        ("after 2010", "2011/..", "range"),
        ("recently", None, "vague"),
        ("in recent years", None, "vague"),
    ],
)
def test_dates_resolve_known_expressions(
    expression: str, value: str | None, precision: str
) -> None:
    resolved = resolve_date(expression, PUB)
    assert (resolved.value, resolved.precision) == (value, precision)
    assert resolved.text == expression


def test_dates_future_marker_picks_the_next_month_and_day() -> None:
    assert resolve_date("in March", PUB, future=True).value == "2024-03"
    assert resolve_date("on Tuesday", PUB, future=True).value == "2023-07-11"
    text = "Talks are expected in October. The probe was launched in October."
    values = [d.value for d in find_dates(text, PUB)]
    assert values == ["2023-10", "2022-10"]


def test_dates_range_bounds() -> None:
    since = resolve_date("since 2018", PUB)
    assert (since.earliest, since.latest) == ("2018", None)
    early = resolve_date("as early as 2009", PUB)
    assert (early.earliest, early.latest) == (None, "2009")
    day = resolve_date("yesterday", PUB)
    assert day.earliest == day.latest == "2023-07-05"


def test_dates_unknown_expression_raises_with_the_input() -> None:
    with pytest.raises(InputError, match="the weather"):
        resolve_date("the weather", PUB)


def test_dates_published_string_forms() -> None:
    assert parse_published("2023-07-06T18:21:50+08:00") == PUB
    assert parse_published("2023-07-06") == PUB
    assert parse_published(None) is None
    with pytest.raises(InputError, match="July 6"):
        parse_published("July 6")


def test_dates_the_year_alone_is_no_date() -> None:
    assert find_dates("The year was hard, and the end of the year harder.", PUB)[0].text == (
        "the end of the year"
    )
    assert len(find_dates("The year was hard.", PUB)) == 0


def test_dates_find_skips_amounts_and_may_the_verb() -> None:
    text = "It may deploy 2000 troops and spend 2015 dollars. In May 2015, it did."
    found = find_dates(text, PUB)
    assert [(d.text, d.value) for d in found] == [("In May 2015", "2015-05")]


@given(published_dates, st.integers(min_value=1, max_value=12))
def test_dates_month_this_year_has_the_publication_year(published: date, month: int) -> None:
    resolved = resolve_date(f"in {MONTHS[month - 1]} this year", published)
    assert resolved.value == f"{published.year:04d}-{month:02d}"
    assert resolved.precision == "month"


@given(published_dates)
def test_dates_last_month_is_the_month_before(published: date) -> None:
    before = published.replace(day=1) - timedelta(days=1)
    assert resolve_date("last month", published).value == f"{before.year:04d}-{before.month:02d}"


@given(published_dates, st.integers(min_value=1900, max_value=2099))
def test_dates_since_year_opens_the_range(published: date, year: int) -> None:
    resolved = resolve_date(f"since {year}", published)
    assert resolved.precision == "range"
    assert resolved.earliest == str(year)
    assert resolved.latest is None
    assert resolved.value == f"{year}/.."


@given(published_dates, st.integers(min_value=1, max_value=30))
def test_dates_years_ago_counts_back(published: date, n: int) -> None:
    assert resolve_date(f"{n} years ago", published).value == f"{published.year - n:04d}"


@given(
    published_dates,
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
)
def test_dates_weekday_is_within_the_week_before(published: date, weekday: str) -> None:
    resolved = date.fromisoformat(resolve_date(f"on {weekday}", published).value or "")
    assert resolved.strftime("%A") == weekday
    assert 0 <= (published - resolved).days < 7


@given(published_dates, st.integers(min_value=1, max_value=12))
def test_dates_bare_month_is_never_after_publication(published: date, month: int) -> None:
    value = resolve_date(f"in {MONTHS[month - 1]}", published).value or ""
    assert value <= f"{published.year:04d}-{published.month:02d}"
    assert value > f"{published.year - 1:04d}-{published.month:02d}"


@given(
    st.sampled_from(
        [
            "last month",
            "in January this year",
            "earlier this week",
            "yesterday",
            "two years ago",
            "on Tuesday",
            "in March",
            "this year",
            "the end of last year",
        ]
    )
)
def test_dates_relative_without_publication_date_is_vague(expression: str) -> None:
    resolved = resolve_date(expression, None)
    assert (resolved.value, resolved.precision) == (None, "vague")


@given(st.sampled_from(["in 2015", "since 2018", "on July 6, 2023", "in March 2022"]))
def test_dates_absolute_without_publication_date_still_resolve(expression: str) -> None:
    assert resolve_date(expression, None).value is not None


filler = st.text(alphabet=st.sampled_from(list("qxz ,.\n")), max_size=20)  # no word a bound can be
expressions = st.sampled_from(
    [
        "since 2018",
        "last month",
        "In January this year",
        "on Tuesday",
        "as early as 2009",
        "two years ago",
        "recently",
    ]
)


@given(st.lists(st.tuples(filler, expressions), min_size=1, max_size=5), published_dates)
def test_dates_find_offsets_point_at_the_text(
    parts: list[tuple[str, str]], published: date
) -> None:
    text = "".join(f"{pad} {expr} " for pad, expr in parts)
    found = find_dates(text, published)
    assert [d.text for d in found] == [expr for _, expr in parts]
    for d in found:
        assert text[d.start : d.end] == d.text
        assert d.value == resolve_date(d.text, published).value


def test_dates_stage_reads_meta_published() -> None:
    article = Article.from_text(
        "In January this year, the UK and Japan signed a deal.",
        published="2023-07-06T18:21:50+08:00",
    )
    DatesStage.from_config({})(article)
    assert [(d.text, d.value) for d in article.dates] == [("In January this year", "2023-01")]
    undated = DatesStage.from_config({})(Article.from_text("Last month, talks began."))
    assert [(d.value, d.precision) for d in undated.dates] == [(None, "vague")]


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("in the early 1990s", PUB, "1990/1993"),
        ("in the late 1980s", PUB, "1987/1989"),
        ("the 20th century", PUB, "1900/1999"),
        ("in the first quarter of 2023", PUB, "2023-01/2023-03"),
        ("in the summer of 2021", PUB, "2021-06/2021-08"),
        ("in the fall of 2020", PUB, "2020-09/2020-11"),
        ("this winter", date(2022, 11, 24), "2022-12/2023-02"),
        ("this winter", date(2023, 1, 10), "2022-12/2023-02"),
        ("in winter", PUB, "2022-12/2023-02"),
        ("last summer", PUB, "2022-06/2022-08"),
        ("this summer", date(2023, 4, 6), "2023-06/2023-08"),
        ("several years ago", PUB, None),
        ("in the coming years", PUB, None),
        ("since the 1990s", PUB, "1990/.."),
    ],
)
def test_dates_decades_quarters_and_seasons(
    expression: str, published: date, value: str | None
) -> None:
    assert resolve_date(expression, published).value == value


def test_dates_fall_the_verb_is_not_a_season() -> None:
    text = "Prices fall every year. The fall of the wall came. The Summer Palace opened."
    assert find_dates(text, PUB) == []


@given(st.text(max_size=200), published_dates)
def test_dates_find_never_fails_on_any_text(text: str, published: date) -> None:
    for d in find_dates(text, published):
        assert text[d.start : d.end] == d.text
        assert d.precision in ("day", "month", "year", "range", "vague")


@given(st.text(max_size=40))
def test_dates_resolve_raises_only_input_error(text: str) -> None:
    try:
        resolved = resolve_date(text, PUB)
    except InputError:
        return
    assert resolved.precision in ("day", "month", "year", "range", "vague")


DATE_WORDS = """in since the end of last this next year month week 2018 1990s March May 26 5th
on Tuesday early late mid- winter fall ago two a weeks days between and to from as early by , .
- 2023-02-30 February 29 2021 before after"""
date_words = st.sampled_from(DATE_WORDS.split())


@given(st.lists(date_words, max_size=12), published_dates)
def test_dates_grammar_soup_resolves_or_skips(words: list[str], published: date) -> None:
    text = " ".join(words)
    for d in find_dates(text, published):
        assert text[d.start : d.end] == d.text
        again = resolve_date(d.text, published)
        assert again.precision in ("day", "month", "year", "range", "vague")


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("at the end of September", date(2023, 10, 5), "2023-09"),
        ("at the beginning of August", date(2024, 9, 18), "2024-08"),
        ("this morning", PUB, "2023-07-06"),
        ("this evening", PUB, "2023-07-06"),
        ("This afternoon", PUB, "2023-07-06"),
        ("last night", PUB, "2023-07-05"),
        ("yesterday evening", PUB, "2023-07-05"),
        ("tomorrow morning", PUB, "2023-07-07"),
    ],
)
def test_dates_month_parts_and_parts_of_the_day(
    expression: str, published: date, value: str
) -> None:
    assert resolve_date(expression, published).value == value


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("from Oct. 14 to 17", date(2021, 10, 24), "2021-10-14/2021-10-17"),
        ("between 14 and 17 October 2021", date(2022, 3, 1), "2021-10-14/2021-10-17"),
        ("from September 28 to October 3", date(2023, 11, 1), "2023-09-28/2023-10-03"),
        ("June 2-4", PUB, "2023-06-02/2023-06-04"),
    ],
)
def test_dates_day_ranges(expression: str, published: date, value: str) -> None:
    resolved = resolve_date(expression, published)
    assert (resolved.value, resolved.precision) == (value, "range")


def test_dates_holidays_need_a_preposition_or_bound() -> None:
    assert resolve_date("Since New Year's Day", date(2025, 1, 8)).value == "2025-01-01/.."
    assert resolve_date("before Christmas", PUB).value == "../2022-12-24"
    assert find_dates("Christmas shopping was slow.", PUB) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # the future verb after the expression, or beyond six words before it
        ("From August 1, exporters will need a licence.", "2023-07-06", "2023-08-01/.."),
        ("Leaders will try again on the money at a special summit on February 1.",
         "2023-12-16", "2024-02-01"),
        ("He wrote to the UN, and he will raise the matter during his visit in February.",
         "2023-01-05", "2023-02"),
        # a deadline in a request still ahead, and one in a request made before
        ("The new government has asked India to withdraw by March 15 the troops.",
         "2024-02-26", "../2024-03-15"),
        ("We had asked London to remove the clauses by the end of September.",
         "2020-10-01", "../2020-09"),
        # a past verb wins over a future word in the window
        ("Talks that will resume soon were held in June.", "2023-03-01", "2022-06"),
        # a day after from/by/before with no year is a start or a deadline ahead, unless the
        # verb is in the past; "due", "should" and "must" look ahead
        ("Nigeria and Niger agreed to reopen the crossings from May 1.",
         "2026-04-23", "2026-05-01/.."),
        ("Fourth: to suspend the flights to and from Toronto from 15 June.",
         "2026-06-02", "2026-06-15/.."),
        ("The Council should tell Belgrade by June 30 what it must do.", "2026-05-20",
         "../2026-06-30"),
        ("Troops were withdrawn by March 15.", "2026-06-10", "../2026-03-15"),
        ("The ministry had asked London to remove it by March 15.", "2026-06-10",
         "../2026-03-15"),
        ("The referendum is due on October 3.", "2026-06-24", "2026-10-03"),
        ("Provincial elections are due in October.", "2026-07-08", "2026-10"),
        # "the end of the year" is the publication year; "through" before "in" is a particle
        ("China will donate 40 vehicles before the end of the year.", "2026-06-09",
         "../2026-11"),
        ("The moratorium was extended until the end of the year.", "2026-06-29", "../2026-12"),
        ("The first barges are expected to pass through in 2028.", "2026-03-27", "2028"),
    ],
)  # fmt: skip
def test_dates_stage_reads_the_tense_of_the_verb(text: str, published: str, value: str) -> None:
    article = DatesStage.from_config({})(Article.from_text(text, published=published))
    assert [d.value for d in article.dates] == [value]
