"""Tuning the shipped model's label adjustments on held-out train (no PyTorch needed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from spinscope.stages.techniques import DEFAULT_MODEL_DIR, TechniqueModel
from spinscope.train.techniques import TrainConfig, split_holdout, tune_repetition_boost

TOWNS = (
    "Harbour",
    "Millbrook",
    "Eastcliff",
    "Oakridge",
    "Saltmarsh",
    "Fenwick",
    "Ashby",
    "Kestrel",
    "Brindle",
    "Tarn",
)


def _article(town: str) -> tuple[str, list[tuple[str, int, int]]]:
    """A short op-ed that repeats its slogan three times and uses one loaded word."""
    text = (
        f"{town} must keep its ferries\n\n"
        f"The council of {town} wants to sell the ferries. Keep our ferries. "
        "The council wants silence from every family. Keep our ferries. "
        "They call this disgraceful sale progress. Keep our ferries.\n"
    )
    labels = []
    at = text.find("Keep our ferries")
    while at >= 0:
        labels.append(("Repetition", at, at + len("Keep our ferries")))
        at = text.find("Keep our ferries", at + 1)
    loaded = text.index("disgraceful")
    labels.append(("Loaded_Language", loaded, loaded + len("disgraceful")))
    return text, labels


@pytest.fixture()
def ptc_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ptc"
    (folder / "train-articles").mkdir(parents=True)
    lines = []
    for number, town in enumerate(TOWNS, 1):
        text, labels = _article(town)
        article_id = str(100 + number)
        (folder / "train-articles" / f"article{article_id}.txt").write_text(text)
        lines += [f"{article_id}\t{t}\t{s}\t{e}" for t, s, e in labels]
    (folder / "train-task-flc-tc.labels").write_text("\n".join(lines) + "\n")
    return folder


@pytest.mark.model
def test_tune_repetition_boost_labels_the_held_out_slogans_repetition(
    ptc_folder: Path, tmp_path: Path
) -> None:
    model_dir = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, model_dir)
    chosen = tune_repetition_boost(model_dir, ptc_folder)
    config = json.loads((model_dir / "config.json").read_text())
    assert config["repetition_boost"] == chosen
    assert set(chosen) == {"weight", "offset", "max_words"}

    _, (held,) = split_holdout([str(100 + n) for n in range(1, 11)], TrainConfig.holdout, 13)
    text, labels = _article(TOWNS[int(held) - 101])
    model = TechniqueModel(model_dir)
    probs = model.classify(text, [(s, e) for _, s, e in labels])
    predicted = [model.labels[int(k)] for k in np.argmax(probs, axis=1)]
    assert predicted[:3] == ["Repetition"] * 3
    assert predicted[3] != "Repetition"  # said once: the boost never touches it


@pytest.mark.model
def test_tune_repetition_boost_without_held_out_spans_chooses_no_boost(
    ptc_folder: Path, tmp_path: Path
) -> None:
    (ptc_folder / "train-task-flc-tc.labels").write_text("")
    model_dir = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, model_dir)
    assert tune_repetition_boost(model_dir, ptc_folder) == {
        "weight": 0.0,
        "offset": 0.0,
        "max_words": 99,
    }
