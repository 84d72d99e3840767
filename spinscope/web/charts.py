"""Charts for the corpus dashboard: inline SVG drawn on the server, no script, no library.

Each chart is a line per series over months, with a text table beside it for
screen readers and for anyone who wants the numbers (colour is never the only
cue: every series has its own marker shape and a label at its last point).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

__all__ = ["line_chart"]

_COLOURS = ("#1f5fa8", "#c0392b", "#2e7d32", "#7d3c98", "#b35900", "#00695c", "#ad1457", "#5d4037")
_MARKERS = ("circle", "square", "diamond", "triangle")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"></circle>'
    if kind == "square":
        return f'<rect x="{x - 3.2:.1f}" y="{y - 3.2:.1f}" width="6.4" height="6.4" fill="{colour}"></rect>'
    if kind == "diamond":
        pts = f"{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},{y + 4.5:.1f} {x - 4.5:.1f},{y:.1f}"
    else:
        pts = f"{x:.1f},{y - 4.5:.1f} {x + 4.2:.1f},{y + 3.5:.1f} {x - 4.2:.1f},{y + 3.5:.1f}"
    return f'<polygon points="{pts}" fill="{colour}"></polygon>'


def line_chart(
    series: Mapping[str, Mapping[str, float]],
    *,
    title: str,
    y_label: str,
    y_range: tuple[float, float] | None = None,
    width: int = 760,
    height: int = 300,
) -> str:
    """An SVG line chart of ``{series name: {month: value}}``, with its data table.

    Args:
        series: values per month for each series; months are ISO ``YYYY-MM`` strings.
        title: the chart's accessible name and caption.
        y_label: what the values are.
        y_range: fixed bounds of the y axis (e.g. -1 to 1 for stance); default 0 to the maximum.
    """
    months = sorted({m for values in series.values() for m in values if m})
    if not months or not series:
        return f'<p class="ss-none">No data for {_e(title.lower())}.</p>'
    values = [v for s in series.values() for v in s.values() if v is not None]
    low, high = y_range if y_range else (0.0, max(values) or 1.0)
    if high <= low:
        high = low + 1.0
    left, right, top, bottom = 56, 150, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(month: str) -> float:
        i = months.index(month)
        return left + (plot_w * i / (len(months) - 1) if len(months) > 1 else plot_w / 2)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    parts = [
        f'<svg class="ss-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{_e(title)}">'
    ]
    for k in range(5):
        value = low + (high - low) * k / 4
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"></line>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{value:.2g}</text>'
        )
    if low < 0 < high:
        y0 = y_of(0)
        parts.append(
            f'<line x1="{left}" y1="{y0:.1f}" x2="{left + plot_w}" y2="{y0:.1f}" stroke="#777"></line>'
        )
    step = max(1, len(months) // 8)
    for i, month in enumerate(months):
        if i % step == 0 or i == len(months) - 1:
            parts.append(
                f'<text x="{x_of(month):.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                f'font-size="11">{_e(month)}</text>'
            )
    parts.append(
        f'<text x="14" y="{top + plot_h / 2:.1f}" font-size="11" transform="rotate(-90 14 '
        f'{top + plot_h / 2:.1f})" text-anchor="middle">{_e(y_label)}</text>'
    )
    for n, (name, points) in enumerate(sorted(series.items())):
        colour = _COLOURS[n % len(_COLOURS)]
        marker = _MARKERS[n % len(_MARKERS)]
        xy = [(x_of(m), y_of(v)) for m, v in sorted(points.items()) if m and v is not None]
        if not xy:
            continue
        if len(xy) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"></polyline>'
            )
        parts.extend(_marker(marker, x, y, colour) for x, y in xy)
        x, y = xy[-1]
        parts.append(
            f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" font-size="11" fill="{colour}">{_e(name[:22])}</text>'
        )
    parts.append("</svg>")
    header = "".join(f'<th scope="col">{_e(m)}</th>' for m in months)
    rows = "".join(
        f'<tr><th scope="row">{_e(name)}</th>'
        + "".join(
            f'<td class="ss-num">{points[m]:.3g}</td>'
            if points.get(m) is not None
            else "<td>–</td>"
            for m in months
        )
        + "</tr>"
        for name, points in sorted(series.items())
    )
    table = (
        f'<details><summary>The numbers</summary><div class="ss-scroll"><table class="ss-table">'
        f"<thead><tr><th></th>{header}</tr></thead><tbody>{rows}</tbody></table></div></details>"
    )
    return f'<figure class="ss-figure">{"".join(parts)}<figcaption>{_e(title)}</figcaption>{table}</figure>'
