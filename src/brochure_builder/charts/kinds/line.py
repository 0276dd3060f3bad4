"""One or more series over time: lines labelled at their ends (no legend), one highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spec import ChartSpec
from . import Finish, chart_kind
from .common import LABEL_GAP, category_ticks, points_per_unit, readable, spread, value_axis

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

    from ..render import ChartStyle

LABEL_OFFSET = 9.0
"""Points between a line's end and its label."""


@chart_kind("line")
def draw_line(ax: Axes, chart: ChartSpec, style: ChartStyle) -> Finish:
    xs = list(range(len(chart.categories)))
    colours = style.series
    on_top = sorted(range(len(chart.series)), key=lambda i: chart.series[i].name == chart.highlight)
    for i in on_top:
        series, colour = chart.series[i], colours[i % len(colours)]
        width = 2.8 if series.name == chart.highlight else 1.6
        ax.plot(xs, series.values, color=colour, linewidth=width, solid_capstyle="round",
                solid_joinstyle="round", zorder=3 + (series.name == chart.highlight))
        ax.scatter([xs[-1]], [series.values[-1]], s=(width * 2.2) ** 2, color=colour, linewidths=0,
                   zorder=3 + (series.name == chart.highlight))
    values = [v for s in chart.series for v in s.values]
    if min(values) >= 0 and min(values) <= 0.5 * max(values):
        ax.set_ylim(bottom=0, top=max(values) * 1.08 or 1.0)  # near zero: show zero
    else:
        ax.margins(y=0.08)
    ax.set_xlim(-0.25, max(xs) + 0.25) if xs[-1] else ax.set_xlim(-0.5, 0.5)
    category_ticks(ax, list(chart.categories), style, chart)
    value_axis(ax, chart, style, "y")
    labels = [_end_label(ax, chart, style, i, 0.0) for i in range(len(chart.series))]
    return lambda: _nudge(ax, chart, style, labels)


def _end_label(ax: Axes, chart: ChartSpec, style: ChartStyle, index: int, shift: float) -> Annotation:
    """The series' name right of its last point, ``shift`` points up, with a leader line to
    the point when shifted."""
    series = chart.series[index]
    colour = style.series[index % len(style.series)]
    leader = {"arrowstyle": "-", "color": colour, "linewidth": 0.7, "shrinkA": 1.5, "shrinkB": 3}
    return ax.annotate(
        series.name, (len(chart.categories) - 1, series.values[-1]), xytext=(LABEL_OFFSET, shift),
        textcoords="offset points", va="center", ha="left", fontsize=style.normal,
        fontweight="bold" if series.name == chart.highlight else "normal", color=readable(colour, style),
        annotation_clip=False, arrowprops=leader if abs(shift) > 2 else None,
    )


def _nudge(ax: Axes, chart: ChartSpec, style: ChartStyle, labels: list[Annotation]) -> None:
    """Labels whose line ends are close are moved apart, each joined to its line by a leader."""
    scale = points_per_unit(ax)
    low, high = ax.get_ylim()
    ends = [(s.values[-1] - low) * scale for s in chart.series]
    placed = spread(ends, style.normal * LABEL_GAP, 0, (high - low) * scale)
    for i, (label, end, place) in enumerate(zip(labels, ends, placed)):
        if abs(place - end) > 0.01:
            label.remove()
            _end_label(ax, chart, style, i, place - end)
