"""The CI gate: layer scores on the held-out test gold must not fall below the pinned floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BASELINE = REPO / "benchmarks" / "baseline-layers.json"


def test_layers_gate_baseline_is_well_formed() -> None:
    baseline = json.loads(BASELINE.read_text("utf-8"))
    assert set(baseline["floors"]) == {
        "actors_f1",
        "events_f1",
        "dates_accuracy",
        "quotes_f1",
        "quote_speaker_accuracy",
        "stance_sign_accuracy",
    }
    assert all(0.0 <= v <= 1.0 for v in baseline["floors"].values())
    assert baseline["reason"]


@pytest.mark.model
def test_layers_gate_test_part_meets_the_floors() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.layers", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "layer gate passed" in result.stdout


def test_layer_benchmarks_run_the_stages_in_the_order_analyze_does() -> None:
    # Stance reads the technique spans; a benchmark that ran stance first measured a
    # pipeline no user runs.
    from benchmarks.layers import build_pipeline
    from spinscope.config import load_settings

    _, ran = build_pipeline()
    configured = [s for s in load_settings()["pipeline"]["stages"] if s in ran]
    assert ran == configured
    assert ran.index("techniques") < ran.index("stance")
