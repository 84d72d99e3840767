"""The `spinscope corpus` commands, end to end through the CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import write_jsonl
from typer.testing import CliRunner

from spinscope.cli import app, corpus_app

runner = CliRunner()
DOCS = Path(__file__).resolve().parents[2] / "docs" / "corpus.md"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    source = write_jsonl(tmp_path / "in.jsonl", 40)
    path = tmp_path / "c.db"
    result = runner.invoke(
        app, ["corpus", "add", str(source), "--db", str(path), "--workers", "1", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "40 added, 0 already stored, 0 failed" in result.stderr
    return path


def test_cli_corpus_add_reports_failures_and_exits_1(tmp_path: Path, db: Path) -> None:
    (tmp_path / "bad.xml").write_text("not a feed", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "corpus",
            "add",
            str(tmp_path / "in.jsonl"),
            str(tmp_path / "bad.xml"),
            "--db",
            str(db),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 1
    assert "0 added, 40 already stored, 1 failed" in result.stderr
    assert "bad.xml: is not XML" in result.stderr


def test_cli_corpus_search_formats(db: Path) -> None:
    as_jsonl = runner.invoke(
        app,
        [
            "corpus",
            "search",
            "provocation",
            "--db",
            str(db),
            "--format",
            "jsonl",
            "--outlet",
            "Xinhua",
        ],
    )
    assert as_jsonl.exit_code == 0, as_jsonl.output
    hits = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert hits and all(h["outlet"] == "Xinhua" and "«provocation»" in h["snippet"] for h in hits)
    as_csv = runner.invoke(
        app,
        [
            "corpus",
            "search",
            "provocation",
            "--db",
            str(db),
            "--format",
            "csv",
            "--outlet",
            "Xinhua",
        ],
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["id"] for r in rows] == [h["id"] for h in hits]
    table = runner.invoke(app, ["corpus", "search", "--db", str(db), "--limit", "3"])
    assert table.exit_code == 0 and "3 hits" in table.stdout


def test_cli_corpus_stats_with_plot(db: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "articles.svg"
    result = runner.invoke(
        app,
        [
            "corpus",
            "stats",
            "articles",
            "--by",
            "outlet",
            "--db",
            str(db),
            "--format",
            "json",
            "--plot",
            str(chart),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert sum(r["articles"] for r in rows) == 40
    assert chart.exists() and b"<svg" in chart.read_bytes()[:2000]


def test_cli_corpus_stats_needs_an_actor_for_stance(db: Path) -> None:
    result = runner.invoke(app, ["corpus", "stats", "stance", "--db", str(db)])
    assert result.exit_code == 1
    assert "needs an actor id" in result.stderr and "Traceback" not in result.output


def test_cli_corpus_export_import_round_trip(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert runner.invoke(app, ["corpus", "export", "--db", str(db), "-o", str(out)]).exit_code == 0
    copy = tmp_path / "copy.db"
    result = runner.invoke(app, ["corpus", "import", str(out), "--db", str(copy)])
    assert result.exit_code == 0, result.output
    assert "40 imported" in result.stderr
    again = runner.invoke(app, ["corpus", "export", "--db", str(copy)])
    assert sorted(again.stdout.splitlines()) == sorted(out.read_text(encoding="utf-8").splitlines())


def test_cli_corpus_corrupt_database_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("hello", encoding="utf-8")
    for command in (["search", "x"], ["stats", "articles"], ["info"], ["add", str(bad)]):
        result = runner.invoke(app, ["corpus", *command, "--db", str(bad)])
        assert result.exit_code == 1, command
        assert (
            "not a spinscope corpus database" in result.stderr and "Traceback" not in result.output
        )
    assert bad.read_text(encoding="utf-8") == "hello"


def test_cli_corpus_info(db: Path) -> None:
    result = runner.invoke(app, ["corpus", "info", "--db", str(db)])
    assert result.exit_code == 0 and re.search(r"articles:\s+40", result.stdout)


def test_cli_corpus_every_command_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for command in corpus_app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"spinscope corpus {name}" in docs, name
