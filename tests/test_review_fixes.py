"""Regression tests for defects found in review, one per defect."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from spinscope.api import analyze, analyze_many
from spinscope.cli import app
from spinscope.ingest import article_from_text
from spinscope.ingest.feeds import _entry_date
from spinscope.ingest.text import parse_timestamp


def test_analyze_long_one_line_text_is_text_not_a_path() -> None:
    text = "China said the talks would go on. " * 40  # over the file-name length limit
    article = analyze(text, stages=["metadata"])
    assert article.text == text.strip()


def test_unreadable_record_date_is_kept_aside_and_the_analysis_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        'title,text,date\nT,"Officials met in January this year and in 2015.",07/06/2023\n'
    )
    (article,) = analyze_many([path], stages=["metadata", "actors", "dates"])
    assert article.errors == []
    assert article.meta.published is None
    assert article.meta.extra["published_raw"] == "07/06/2023"
    assert [d.value for d in article.dates if d.text.endswith("2015")] == ["2015"]


def test_dates_stage_tolerates_a_malformed_published_value() -> None:
    article = article_from_text("Title\n\nThe deal was signed last month and in 2015.")
    article.meta.published = "sometime in July"
    from spinscope.stages.dates import DatesStage

    result = DatesStage()(article)
    assert "warning" in result.extras["dates"]
    assert any(d.value == "2015" for d in result.dates)


def test_cli_output_to_a_folder_is_a_clean_error(fixtures: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["analyze", str(fixtures / "plain-essay.txt"), "--stages", "metadata", "-o", str(tmp_path)],
    )
    assert result.exit_code == 1
    assert "it is a folder" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("July 6, 2023 22:00 EST", "2023-07-06T22:00:00-05:00"),
        (
            "July 6, 2023 10:00 CST",
            "2023-07-06T10:00:00",
        ),  # ambiguous zone: none rather than a wrong one
    ],
)
def test_named_time_zones_are_not_replaced_by_the_outlet_offset(value: str, expected: str) -> None:
    assert parse_timestamp(value, "+08:00") == expected


def test_feed_rfc822_zone_names_win() -> None:
    assert (
        _entry_date({"published": "Thu, 06 Jul 2023 22:00:00 EST"}, "+08:00")
        == "2023-07-06T22:00:00-05:00"
    )


def test_a_subtitle_is_not_taken_for_the_outlet() -> None:
    article = article_from_text(
        "Tensions rise at sea\n\nBeijing warns Manila over reef\n\nThe coast guard said on Monday it had expelled a vessel."
    )
    assert article.meta.outlet is None
    assert article.text.startswith("Beijing warns Manila over reef")


def test_a_one_line_article_is_its_own_body() -> None:
    article = article_from_text("US warns China")
    assert (article.text, article.meta.title) == ("US warns China", None)


def test_so_called_span_ends_on_a_word_whatever_the_spacing() -> None:
    from spinscope.stages.technique_rules import _so_called

    assert [s.text for s in _so_called("The so-called  reform and more.")] == ["so-called  reform"]


def test_web_refuses_cross_site_posts_with_a_null_origin() -> None:
    from spinscope.web.app import GuardMiddleware

    refuse = GuardMiddleware._refuse  # type: ignore[attr-defined]

    class Guard:
        max_bytes = 10_000
        local_only = True

        def _too_large(self) -> str:
            return "too large"

    scope = {"method": "POST"}
    assert refuse(Guard(), scope, {"host": "127.0.0.1:8000", "origin": "null"})[0] == 403
    assert (
        refuse(Guard(), scope, {"host": "127.0.0.1:8000", "sec-fetch-site": "cross-site"})[0] == 403
    )
    assert (
        refuse(Guard(), scope, {"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:8000"})
        is None
    )


def test_parquet_runs_add_up_instead_of_overwriting(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.dataset as ds

    from spinscope.article import Article
    from spinscope.store.exchange import ParquetSink

    for n in range(2):
        with ParquetSink(tmp_path / "pq", partition_by="month") as sink:
            sink.write([Article.from_text(f"Run {n} text.", published="2023-07-06")])
    assert ds.dataset(tmp_path / "pq", partitioning="hive").count_rows() == 2


def test_an_article_longer_than_the_parser_takes_is_a_recorded_error() -> None:
    from spinscope.nlp import load_spacy

    limit = load_spacy().max_length
    text = ("The ministers met again. " * (limit // 25 + 10)).strip()
    from spinscope.api import load_pipeline
    from spinscope.article import Article

    out = list(
        load_pipeline(stages=["metadata", "actors"]).pipe(
            [Article.from_text(text)], on_error="record"
        )
    )
    assert out[0].errors and "characters long" in out[0].errors[0].message
