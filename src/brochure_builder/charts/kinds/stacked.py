"""Stacked horizontal bars, one per category, from zero: absolute, or each bar 100%."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ...resources.colour import REVERSED_TEXT_MIN_PT
from ..spec import ChartSpec
from . import chart_kind
from .common import bold_if, figure_width, legend, localise_ticks, text_on, value_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..render import ChartStyle

BAR_HEIGHT = 0.62


@chart_kind("stacked")
def draw_stacked(ax: Axes, chart: ChartSpec, style: ChartStyle) -> None:
    percent = chart.stacking == "percent"
    rows = list(zip(*(s.values for s in chart.series)))  # one row of parts per category
    totals = [math.fsum(row) for row in rows]
    ys = list(range(len(rows)))[::-1]
    colours = style.series
    longest = 100.0 if percent else max(totals) or 1.0
    plot_width = figure_width(ax) * 0.7
    for i in range(len(chart.series)):
        colour = colours[i % len(colours)]
        for y, row, total in zip(ys, rows, totals):
            scale = 100 / total if percent and total else 1.0
            left, part = math.fsum(row[:i]) * scale, row[i] * scale
            ax.barh(y, part, left=left, height=BAR_HEIGHT, color=colour, zorder=2, linewidth=0)
            text, ink = value_text(chart, style, row[i]), text_on(colour, style)
            size = style.small if ink == style.ink else max(style.small, REVERSED_TEXT_MIN_PT)  # paper out of colour
            if part / longest * plot_width >= len(text) * size * 0.55 + 6:
                ax.text(left + part / 2, y, text, ha="center", va="center", fontsize=size, color=ink, zorder=3)
    if not percent:
        for y, total in zip(ys, totals):
            ax.annotate(value_text(chart, style, total), (total, y), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=style.normal, fontweight="bold", color=style.ink)
    ax.set_xlim(0, 100 if percent else longest * 1.12)
    ax.set_yticks(ys, list(chart.categories))
    for tick, category in zip(ax.get_yticklabels(), chart.categories):
        tick.set_fontweight(bold_if(category, chart))
        tick.set_color(style.ink)
    ax.tick_params(axis="y", length=0, labelsize=style.normal)
    localise_ticks(ax.xaxis, chart, style, suffix="%" if percent else "")
    ax.grid(axis="x", color=style.rule, linewidth=0.6)
    if chart.axis_label:
        ax.set_xlabel(chart.axis_label, color=style.muted, fontsize=style.small)
    legend(ax, [s.name for s in chart.series], colours, style, figure_width(ax))
