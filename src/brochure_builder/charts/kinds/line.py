"""One or more series over time: lines labelled at their ends (no legend), one highlighted.

Names are cut to ``NAME_SHARE`` of the width; once the chart is laid out, labels whose ends
are close are moved apart (joined to their lines by leaders), set smaller when the height
holds them no other way, and kept between the plot's foot and the chart's top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..room import EDGE
from ..spec import ChartSpec
from ..text import MIN_SIZE
from . import Finish, chart_kind
from .common import (
    LABEL_GAP,
    category_ticks,
    figure_height,
    figure_width,
    measure,
    points_per_unit,
    readable,
    spread,
    value_axis,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

    from ..render import ChartStyle

LABEL_OFFSET = 9.0
"""Points between a line's end and its label."""
NAME_SHARE = 0.3
"""A series' name takes at most this share of the chart's width."""


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
    fonts, room = measure(style), figure_width(ax) * NAME_SHARE
    names = [fonts.cut(s.name, room, style.normal, s.name == chart.highlight) for s in chart.series]
    labels = [_end_label(ax, chart, style, i, 0.0, names[i], style.normal) for i in range(len(chart.series))]
    return lambda: _nudge(ax, chart, style, labels, names)


def _end_label(ax: Axes, chart: ChartSpec, style: ChartStyle, index: int, shift: float, name: str,
               size: float) -> Annotation:
    """The series' name right of its last point, ``shift`` points up, with a leader line to
    the point when shifted."""
    series = chart.series[index]
    colour = style.series[index % len(style.series)]
    leader = {"arrowstyle": "-", "color": colour, "linewidth": 0.7, "shrinkA": 1.5, "shrinkB": 3}
    return ax.annotate(
        name, (len(chart.categories) - 1, series.values[-1]), xytext=(LABEL_OFFSET, shift),
        textcoords="offset points", va="center", ha="left", fontsize=size,
        fontweight="bold" if series.name == chart.highlight else "normal", color=readable(colour, style),
        annotation_clip=False, arrowprops=leader if abs(shift) > 2 else None,
    )


def _nudge(ax: Axes, chart: ChartSpec, style: ChartStyle, labels: list[Annotation], names: list[str]) -> None:
    """Labels whose line ends are close are moved apart, each joined to its line by a leader;
    between the plot's foot and the chart's top, set smaller (to ``MIN_SIZE``) if need be."""
    fonts, width = measure(style), figure_width(ax)
    wide = max(fonts.width(name, style.normal, s.name == chart.highlight) for name, s in zip(names, chart.series))
    frame = ax.get_position()
    low_x, high_x = ax.get_xlim()
    at = (len(chart.categories) - 1 - low_x) / (high_x - low_x)  # the line ends' share across the plot
    right = 1 - (LABEL_OFFSET + wide + EDGE + 1) / width  # where the names as the PDF sets them may reach
    if frame.x0 + at * frame.width > right:
        ax.set_position((frame.x0, frame.y0, max((right - frame.x0) / at, 0.05), frame.height))
    scale = points_per_unit(ax)
    low, high = ax.get_ylim()
    above = (1 - ax.get_position().y1) * figure_height(ax) - EDGE  # room above the plot, in points
    top = (high - low) * scale + above
    size = min(style.normal, max(MIN_SIZE, top / (LABEL_GAP * len(labels))))
    ends = [(s.values[-1] - low) * scale for s in chart.series]
    placed = spread(ends, size * LABEL_GAP, 0, top)
    for i, (label, end, place) in enumerate(zip(labels, ends, placed)):
        if abs(place - end) > 0.01 or size != style.normal:
            label.remove()
            _end_label(ax, chart, style, i, place - end, names[i], size)
