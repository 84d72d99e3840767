from __future__ import annotations

from pathlib import Path

import pytest

import spinscope
from spinscope.api import BatchReport, analyze, analyze_many
from spinscope.errors import InputError, PipelineError


def test_api_all_is_explicit_and_importable() -> None:
    for name in spinscope.__all__:
        assert hasattr(spinscope, name), name
    import types

    public = {
        n
        for n in dir(spinscope)
        if not n.startswith("_") and not isinstance(getattr(spinscope, n), types.ModuleType)
    }
    assert public == set(spinscope.__all__) - {"__version__"}


def test_api_analyze_text_and_path(fixtures: Path) -> None:
    from_path = analyze(fixtures / "wire-dateline.txt")
    from_str_path = analyze(str(fixtures / "wire-dateline.txt"))
    from_text = analyze((fixtures / "wire-dateline.txt").read_text())
    assert from_path.id == from_str_path.id == from_text.id
    assert from_text.meta.source == "<text>"
    assert from_path.stages == spinscope.load_settings()["pipeline"]["stages"]
    assert from_path.meta.genre == "news"


def test_api_analyze_raises_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(InputError, match="empty.txt: is empty"):
        analyze(empty)


def test_api_analyze_unknown_stage() -> None:
    with pytest.raises(PipelineError, match="unknown stage"):
        analyze("Some text about the harbour.", stages=["metadata", "bogus"])


def test_api_analyze_many_dedups_and_records_failures(tmp_path: Path, fixtures: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text((fixtures / "plain-essay.txt").read_text())
    b.write_text((fixtures / "plain-essay.txt").read_text())
    report = BatchReport()
    out = list(analyze_many([a, b, tmp_path / "missing.txt"], report=report))
    assert [x.meta.source for x in out] == [str(a), str(tmp_path / "missing.txt")]
    assert out[1].id.startswith("failed:") and out[1].errors[0].stage == "ingest"
    assert report.duplicates == [(str(b), str(a))]
    assert report.analysed == 1 and len(report.failures) == 1 and not report.ok


def test_api_analyze_many_skip_and_raise(tmp_path: Path, fixtures: Path) -> None:
    inputs = [tmp_path / "missing.txt", fixtures / "plain-essay.txt"]
    assert [a.meta.source for a in analyze_many(inputs, on_error="skip")] == [str(inputs[1])]
    with pytest.raises(InputError, match="missing.txt"):
        list(analyze_many(inputs, on_error="raise"))
