"""Horizontal bars from zero, first item at the top, the highlight in the brand colour.

Labels are cut to ``LABEL_SHARE`` of the width; once the chart is laid out, rows too close for
their labels get smaller type, then every k-th row keeps its labels, and the value axis
reaches far enough for each value to stand right of its bar inside the plot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spec import ChartSpec
from . import Finish, chart_kind
from .common import bold_if, figure_width, localise_ticks, measure, value_text
from .rows import BAR_HEIGHT, fit_rows, reach

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..render import ChartStyle

LABEL_SHARE = 0.38
"""A category label takes at most this share of the chart's width."""


@chart_kind("bar")
def draw_bar(ax: Axes, chart: ChartSpec, style: ChartStyle) -> Finish:
    fonts, room = measure(style), figure_width(ax) * LABEL_SHARE
    labels = [p.label for p in chart.points]
    values = [p.value for p in chart.points]
    ys = list(range(len(values)))[::-1]
    colours = [style.primary if label == chart.highlight else style.neutral for label in labels]
    ax.barh(ys, values, color=colours, height=BAR_HEIGHT, zorder=2)
    texts = [ax.annotate(value_text(chart, style, value), (value, y), xytext=(3, 0), textcoords="offset points",
                         va="center", fontsize=style.normal, fontweight=bold_if(label, chart), color=style.ink,
                         annotation_clip=False, in_layout=False)
             for y, value, label in zip(ys, values, labels)]
    shown = [fonts.cut(label, room, style.normal, label == chart.highlight) for label in labels]
    ax.set_yticks(ys, shown)
    for tick, label in zip(ax.get_yticklabels(), labels):
        tick.set_fontweight(bold_if(label, chart))
        tick.set_color(style.ink)
    top = max(values) or 1.0
    ax.set_xlim(0, top * 1.16)  # room for the values; more once they are measured
    localise_ticks(ax.xaxis, chart, style)
    ax.grid(axis="x", color=style.rule, linewidth=0.6)
    ax.tick_params(axis="y", length=0, labelsize=style.normal)
    if chart.axis_label:
        ax.set_xlabel(chart.axis_label, color=style.muted, fontsize=style.small)

    def finish() -> None:
        fit_rows(ax, ys, shown, labels, chart, style, texts)
        reach(ax, values, texts, style, inside=colours)

    return finish
