"""The accuracy gate of the techniques stage: pinned floors on a slice of PTC dev.

PTC is third-party data and does not ship; the gate runs where ../shared/data/ptc exists
and is skipped, with the reason, elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.techniques import DEFAULT_DATA, check_gate


@pytest.mark.model
def test_techniques_gate_floors_hold_on_the_dev_slice() -> None:
    if not (DEFAULT_DATA / "dev-articles").is_dir():
        pytest.skip(f"PTC data not found at {DEFAULT_DATA}; the accuracy gate needs it")
    assert check_gate(DEFAULT_DATA) == []


def test_techniques_benchmark_holdout_split_is_the_training_holdout(tmp_path: Path) -> None:
    from benchmarks.techniques import load_split
    from spinscope.train.techniques import TrainConfig, split_holdout

    (tmp_path / "train-articles").mkdir()
    lines = []
    for n in range(1, 31):
        (tmp_path / "train-articles" / f"article{n}.txt").write_text(f"Article {n} is short.\n")
        lines.append(f"{n}\tLoaded_Language\t0\t7")
    (tmp_path / "train-task-flc-tc.labels").write_text("\n".join(lines) + "\n")
    articles, gold = load_split(tmp_path, "holdout")
    _, held = split_holdout([str(n) for n in range(1, 31)], TrainConfig.holdout, seed=13)
    assert sorted(articles) == sorted(held) and len(held) == 3
    assert sorted(g.article_id for g in gold) == sorted(held)
