"""End to end on the reference article in ../shared/examples, as a user would run it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from spinscope.cli import app


def test_reference_article_metadata_and_clean_body(
    runner: CliRunner, reference_article: Path
) -> None:
    result = runner.invoke(
        app, ["analyze", str(reference_article), "--format", "json", "--stages", "metadata"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    meta = data["meta"]
    assert meta["title"] == "Be aware of Japan's intentions in colluding with NATO"
    assert meta["outlet"] == "China Military Online"
    assert meta["editor"] == "Huang Panyue"
    assert meta["authors"] == ["Xu Yongzhi"]
    assert meta["published"] == "2023-07-06T18:21:50+08:00"
    assert meta["affiliation"] == (
        "Institute of Northeast Asian Studies, China Institutes of Contemporary International Relations"
    )
    assert meta["genre"] == "opinion"
    text = data["text"]
    assert text.startswith("Recently, some Japanese citizens and members of the National Diet")
    assert text.endswith("damage regional peace and stability.")
    for furniture in (
        "Related News",
        "Huang Panyue",
        "China Military Online",
        "By Xu Yongzhi",
        "2023-07-06",
        "The author is from",
    ):
        assert furniture not in text
