from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from spinscope.cli import app
from spinscope.schema import validate_article_data

DOCS = Path(__file__).resolve().parent.parent / "docs"


def invoke(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_cli_analyze_json_validates_against_schema(runner: CliRunner, fixtures: Path) -> None:
    result = invoke(runner, "analyze", str(fixtures / "scraped-commentary.txt"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    validate_article_data(data)
    assert data["meta"]["outlet"] == "Harbour Daily Online"


def test_cli_analyze_jsonl_many_and_output_file(
    runner: CliRunner, fixtures: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "all.jsonl"
    result = invoke(
        runner,
        "analyze",
        str(fixtures / "wire-dateline.txt"),
        str(fixtures / "oped-signature.txt"),
        "--format",
        "jsonl",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert [json.loads(line)["meta"]["source"].rsplit("/", 1)[-1] for line in lines] == [
        "wire-dateline.txt",
        "oped-signature.txt",
    ]
    assert not list(out.parent.glob(".*.tmp"))


def test_cli_analyze_text_summary(runner: CliRunner, fixtures: Path) -> None:
    result = invoke(runner, "analyze", str(fixtures / "scraped-commentary.txt"), "--format", "text")
    assert result.exit_code == 0
    assert "Stop pretending the alliance is about peace" in result.stdout
    assert re.search(r"Editor\s+Mei Lanfang", result.stdout)


def test_cli_analyze_stdin(runner: CliRunner) -> None:
    result = invoke(
        runner, "analyze", "-", input="Headline\n\nThe ferry ran late again on Sunday evening.\n"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["meta"]["title"] == "Headline"


def test_cli_bad_input_gives_message_exit_code_and_keeps_good_output(
    runner: CliRunner, fixtures: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = invoke(
        runner,
        "analyze",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "missing.txt"),
        str(fixtures / "records.jsonl"),
        "--format",
        "jsonl",
    )
    assert result.exit_code == 1
    good = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(1 for g in good if not g["errors"]) == 2
    assert "empty.txt: is empty" in result.stderr
    assert "missing.txt: does not exist" in result.stderr
    assert "records.jsonl:2: line 2 is not valid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_cli_size_limit_option_named(runner: CliRunner, fixtures: Path) -> None:
    result = invoke(runner, "analyze", str(fixtures / "page.html"), "--max-bytes", "100")
    assert result.exit_code == 1
    assert "over the 100-byte limit; raise it with --max-bytes" in result.stderr


def test_cli_duplicate_is_reported_once(runner: CliRunner, fixtures: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text((fixtures / "plain-essay.txt").read_text())
    result = invoke(
        runner, "analyze", str(fixtures / "plain-essay.txt"), str(copy), "--format", "jsonl"
    )
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "duplicate:" in result.stderr and "copy.txt" in result.stderr


def test_cli_errors_from_library_are_one_line(runner: CliRunner, fixtures: Path) -> None:
    result = invoke(
        runner, "analyze", str(fixtures / "plain-essay.txt"), "--stages", "metadata,nope"
    )
    assert result.exit_code == 1
    assert "unknown stage 'nope'" in result.stderr and "Traceback" not in result.output
    result = invoke(runner, "analyze", str(fixtures / "plain-essay.txt"), "--set", "ingest.nokey=1")
    assert result.exit_code == 1 and "unknown setting 'ingest.nokey'" in result.stderr


def test_cli_info_lists_versions_and_locations(runner: CliRunner) -> None:
    result = invoke(runner, "info")
    assert result.exit_code == 0
    assert (
        "spinscope" in result.stdout and "defaults" in result.stdout and "metadata" in result.stdout
    )


def _command_names(group: typer.Typer, prefix: str = "") -> list[str]:
    names = [
        prefix + (c.name or c.callback.__name__).replace("_", "-")
        for c in group.registered_commands
    ]  # type: ignore[union-attr]
    for sub in group.registered_groups:
        names += _command_names(sub.typer_instance, f"{prefix}{sub.name} ")  # type: ignore[arg-type]
    return names


@pytest.mark.parametrize("command", _command_names(app))
def test_cli_every_command_is_documented(command: str) -> None:
    docs = (DOCS / "cli.md").read_text("utf-8")
    assert f"spinscope {command}" in docs, f"`spinscope {command}` is missing from docs/cli.md"
