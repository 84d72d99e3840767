"""The issue's done-when items for dates and quotes, on the reference article (not in the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.api import analyze

REFERENCE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "examples"
    / "china-military-online-2023-07-06.txt"
)


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.exists():
        pytest.skip(f"reference example not found at {REFERENCE}")
    return analyze(REFERENCE, stages=["metadata", "actors", "dates", "quotes"])


@pytest.mark.model
def test_reference_dates_resolve_against_publication(reference) -> None:
    dates = {d.text: d for d in reference.dates}
    assert dates["In January this year"].value == "2023-01"
    assert dates["in 2015"].value == "2015"
    assert dates["As early as 2009"].latest == "2009"
    assert dates["Since 2018"].value == "2018/.."
    assert dates["Recently"].precision == "vague"


@pytest.mark.model
def test_reference_takahashi_is_the_speaker_of_his_book(reference) -> None:
    (quote,) = [q for q in reference.quotes if q.speaker == "person:takahashi-sugio"]
    assert quote.kind == "reported"
    assert quote.text.startswith("Japan is not a bystander")


@pytest.mark.model
def test_reference_scare_quotes(reference) -> None:
    scare = {q.text for q in reference.quotes if q.kind == "scare"}
    assert {"nationalized", "actual control", "area denial", "China threat"} <= scare
    assert all(q.speaker is None for q in reference.quotes if q.kind == "scare")
