"""The techniques commands of the CLI: thin shells over the library calls."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spinscope.cli import app

TEXT = (
    "Ferry fees rise again\n\nThe council approved a sinister plan to raise ferry fees.\n"
    'Critics called the so-called "reform" a shameful betrayal.\n'
)


@pytest.mark.model
def test_cli_techniques_jsonl_and_ptc(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "article5.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["techniques", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["id"] == "5" and record["techniques"]
    for span in record["techniques"]:
        assert TEXT[span["start"] : span["end"]] == span["text"]
    result = runner.invoke(app, ["techniques", str(path), "--format", "ptc"])
    assert result.exit_code == 0, result.output
    assert all(line.startswith("5\t") for line in result.stdout.splitlines())


def test_cli_eval_techniques_without_data_is_a_clean_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["eval", "techniques", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "--data" in result.stderr and "Traceback" not in result.output


@pytest.mark.skipif(
    importlib.util.find_spec("torch") is not None, reason="the train extra is installed"
)
def test_cli_train_techniques_names_the_extra(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "techniques", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "pip install 'spinscope[train]'" in result.stderr


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["ptc", "jsonl"])
def test_cli_techniques_reports_bad_files_and_goes_on(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "article1.txt").write_text("They call this shameful plan a reform!\n")
    (folder / "article2.txt").write_bytes(b"\x00\x01PK binary")
    (folder / "article3.txt").write_bytes("Caf\xe9 owners are furious.\n".encode("latin-1"))
    (folder / "article4.txt").write_text("Critics called the so-called reform a disgrace.\n")
    result = runner.invoke(app, ["techniques", str(folder), "--format", fmt])
    assert result.exit_code == 1
    assert "article2.txt: binary data" in result.stderr
    assert "article3.txt: not valid UTF-8" in result.stderr
    if fmt == "ptc":
        ids = {line.split("\t")[0] for line in result.stdout.splitlines()}
    else:
        ids = {json.loads(line)["id"] for line in result.stdout.splitlines()}
    assert ids == {"1", "4"}
