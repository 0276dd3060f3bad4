"""Grouped columns: one group per category, one column per series, from zero."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spec import ChartSpec
from . import chart_kind
from .common import category_ticks, figure_width, legend, value_axis, value_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..render import ChartStyle

GROUP_WIDTH = 0.78
"""Share of a category's slot its columns take together."""


@chart_kind("column")
def draw_column(ax: Axes, chart: ChartSpec, style: ChartStyle) -> None:
    count = len(chart.series)
    width = GROUP_WIDTH / count
    colours = style.series
    values = [v for s in chart.series for v in s.values]
    column_points = figure_width(ax) * 0.85 / len(chart.categories) * width
    labelled = all(len(value_text(chart, style, v)) * style.small * 0.55 <= column_points + 2 for v in values)
    for i, series in enumerate(chart.series):
        xs = [c - GROUP_WIDTH / 2 + width * (i + 0.5) for c in range(len(chart.categories))]
        ax.bar(xs, series.values, width=width * 0.92, color=colours[i % len(colours)], zorder=2, linewidth=0)
        if labelled:
            for x, value in zip(xs, series.values):
                ax.annotate(value_text(chart, style, value), (x, max(value, 0)), xytext=(0, 2),
                            textcoords="offset points", ha="center", va="bottom", fontsize=style.small,
                            color=style.ink, annotation_clip=False)
    low, high = min(0.0, *values), max(0.0, *values)
    ax.set_ylim(low * 1.08, (high * 1.1) or 1.0)  # from zero, room for the labels
    ax.axhline(0, color=style.muted, linewidth=0.8, zorder=3)
    ax.set_xlim(-0.5, len(chart.categories) - 0.5)
    category_ticks(ax, list(chart.categories), style, chart)
    value_axis(ax, chart, style, "y")
    if count > 1:
        legend(ax, [s.name for s in chart.series], colours, style, figure_width(ax))
