"""Horizontal bars from zero, first item at the top, the highlight in the brand colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spec import ChartSpec
from . import chart_kind
from .common import bold_if, localise_ticks, value_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..render import ChartStyle


@chart_kind("bar")
def draw_bar(ax: Axes, chart: ChartSpec, style: ChartStyle) -> None:
    labels = [p.label for p in chart.points]
    values = [p.value for p in chart.points]
    ys = list(range(len(values)))[::-1]
    colours = [style.primary if label == chart.highlight else style.neutral for label in labels]
    ax.barh(ys, values, color=colours, height=0.62, zorder=2)
    top = max(values) or 1.0
    for y, value, label in zip(ys, values, labels):
        ax.text(
            value + top * 0.015, y, value_text(chart, style, value), va="center",
            fontsize=style.normal, fontweight=bold_if(label, chart), color=style.ink,
        )
    ax.set_yticks(ys, labels)
    for tick, label in zip(ax.get_yticklabels(), labels):
        tick.set_fontweight(bold_if(label, chart))
        tick.set_color(style.ink)
    ax.set_xlim(0, top * 1.16)
    localise_ticks(ax.xaxis, chart, style)
    ax.grid(axis="x", color=style.rule, linewidth=0.6)
    ax.tick_params(axis="y", length=0, labelsize=style.normal)
    if chart.axis_label:
        ax.set_xlabel(chart.axis_label, color=style.muted, fontsize=style.small)
