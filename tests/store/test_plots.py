"""Charts of corpus statistics."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from spinscope.errors import MissingExtraError, StoreError
from spinscope.store import Corpus
from spinscope.store.plots import plot_stats

pytest.importorskip("matplotlib")


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("techniques", {"by": "month"}),
        ("techniques", {"by": "outlet"}),
        ("techniques", {"by": "outlet_month"}),
        ("stance", {"actor": "NATO", "by": "outlet_month"}),
        ("actor_pairs", {}),
        ("scare_quotes", {}),
        ("articles", {"by": "outlet"}),
    ],
)
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plots_every_statistic_draws(
    corpus: Corpus, tmp_path: Path, name: str, params: dict, suffix: str
) -> None:
    path = plot_stats(name, corpus.stats(name, **params), tmp_path / f"chart{suffix}")
    head = path.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in path.read_bytes()[:2000]


def test_plots_refuse_other_suffixes_and_empty_rows(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=".png or .svg"):
        plot_stats(
            "articles", [{"month": "2023-01", "articles": 1, "words": 5}], tmp_path / "x.pdf"
        )
    with pytest.raises(StoreError, match="no rows"):
        plot_stats("articles", [], tmp_path / "x.png")


def test_plots_without_matplotlib_name_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError, match=r"spinscope\[plot\]"):
        plot_stats(
            "articles", [{"month": "2023-01", "articles": 1, "words": 5}], tmp_path / "x.png"
        )
