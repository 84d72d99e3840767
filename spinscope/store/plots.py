"""Charts of corpus statistics (PNG or SVG by the file's suffix), with matplotlib's Agg backend.

Rows by month become lines over time (one per technique, outlet or actor);
other rows become horizontal bars of the top values.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from spinscope.errors import MissingExtraError, StoreError

__all__ = ["plot_stats"]

_TOP = 12


def plot_stats(
    name: str, rows: list[dict[str, Any]], path: str | Path, *, title: str | None = None
) -> Path:
    """Draw the rows of statistic ``name`` to ``path`` (.png or .svg) and return the path.

    Raises:
        StoreError: the suffix is not .png or .svg, or there is nothing to draw.
        MissingExtraError: matplotlib (the ``plot`` extra) is not installed.
    """
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise StoreError(f"{path}: a chart is written as .png or .svg; change the file name")
    if not rows:
        raise StoreError(f"statistic {name!r} has no rows to draw: the corpus has no data for it")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise MissingExtraError("charts (--plot)", "plot") from e

    value_key, series_key, label = _axes(name, rows)
    fig, ax = plt.subplots(figsize=(10, 5.5))
    try:
        if "month" in rows[0]:
            series: dict[str, dict[str, float]] = defaultdict(dict)
            for row in rows:
                key = " / ".join(str(row[k]) for k in series_key if row.get(k) is not None) or name
                month = row.get("month") or "unknown"
                series[key][month] = series[key].get(month, 0) + float(row[value_key] or 0)
            top = sorted(series, key=lambda k: -sum(series[k].values()))[:_TOP]
            months = sorted({m for k in top for m in series[k]})
            for key in top:
                ax.plot(months, [series[key].get(m, 0) for m in months], marker="o", label=key)
            ax.set_xlabel("month")
            ax.legend(fontsize="small", loc="best")
            ax.tick_params(axis="x", labelrotation=45)
        else:
            ranked = sorted(rows, key=lambda r: -float(r[value_key] or 0))[: _TOP * 2][::-1]
            labels = [
                " / ".join(str(r[k]) for k in series_key if r.get(k) is not None) for r in ranked
            ]
            ax.barh(labels, [float(r[value_key] or 0) for r in ranked])
        ax.set_ylabel(label) if "month" in rows[0] else ax.set_xlabel(label)
        ax.set_title(title or f"spinscope corpus: {name}")
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path)
    finally:
        plt.close(fig)
    return path


def _axes(name: str, rows: list[dict[str, Any]]) -> tuple[str, tuple[str, ...], str]:
    """Which column is the value, which name a series or bar, and the value's label."""
    if name == "techniques":
        # Over time: one line per technique (per outlet and technique when both are grouped).
        series = ("outlet", "technique") if "outlet" in rows[0] else ("technique",)
        return "per_1000_words", series, "per 1,000 words"
    if name == "stance":
        return "mean_score", ("actor", "outlet"), "mean stance score (-1 hostile, +1 favourable)"
    if name == "actor_pairs":
        return "count", ("event_type", "actor", "recipient"), "events"
    if name == "scare_quotes":
        return "count", ("phrase",), "times in scare quotes"
    if name == "articles":
        return "articles", ("outlet",), "articles"
    raise StoreError(f"no chart for statistic {name!r}")
