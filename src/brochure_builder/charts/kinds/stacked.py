"""Stacked horizontal bars, one per category, from zero: absolute, or each bar 100%.

Laid out like bars (``bar.py``): category labels cut, rows thinned where they are close,
totals right of their bars; each part shows its value inside it where the value fits.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ...resources.colour import REVERSED_TEXT_MIN_PT
from ..spec import ChartSpec
from . import Finish, chart_kind
from .bar import LABEL_SHARE
from .common import figure_width, localise_ticks, measure, plot_size, points_per_unit, text_on, value_text
from .legend import below_legend, legend
from .rows import BAR_HEIGHT, fit_rows, reach

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

    from ..render import ChartStyle


@chart_kind("stacked")
def draw_stacked(ax: Axes, chart: ChartSpec, style: ChartStyle) -> Finish:
    percent = chart.stacking == "percent"
    rows = list(zip(*(s.values for s in chart.series)))  # one row of parts per category
    totals = [math.fsum(row) for row in rows]
    ys = list(range(len(rows)))[::-1]
    colours = style.series
    parts: list[tuple[Annotation, float, str]] = []
    for i in range(len(chart.series)):
        colour = colours[i % len(colours)]
        for y, row, total in zip(ys, rows, totals):
            scale = 100 / total if percent and total else 1.0
            left, part = math.fsum(row[:i]) * scale, row[i] * scale
            ax.barh(y, part, left=left, height=BAR_HEIGHT, color=colour, zorder=2, linewidth=0)
            text = ax.annotate(value_text(chart, style, row[i]), (left + part / 2, y), ha="center", va="center",
                               color=text_on(colour, style), zorder=3, annotation_clip=False, in_layout=False)
            parts.append((text, part, colour))
    fonts = measure(style)
    labels = list(chart.categories)
    shown = [fonts.cut(label, figure_width(ax) * LABEL_SHARE, style.normal, label == chart.highlight)
             for label in labels]
    totals_text = [] if percent else [
        ax.annotate(value_text(chart, style, total), (total, y), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=style.normal, fontweight="bold", color=style.ink, annotation_clip=False,
                    in_layout=False)
        for y, total in zip(ys, totals)]
    ax.set_xlim(0, 100 if percent else (max(totals) or 1.0) * 1.12)
    ax.set_yticks(ys, shown)
    ax.tick_params(axis="y", length=0, labelsize=style.normal)
    localise_ticks(ax.xaxis, chart, style, suffix="%" if percent else "")
    ax.grid(axis="x", color=style.rule, linewidth=0.6)
    if chart.axis_label:
        ax.set_xlabel(chart.axis_label, color=style.muted, fontsize=style.small)
    legend(ax, [s.name for s in chart.series], colours, style)

    def finish() -> None:
        below_legend(ax, style)
        fit_rows(ax, ys, shown, labels, chart, style, totals_text)
        if totals_text:
            reach(ax, totals, totals_text, style)
        _fit_parts(ax, parts, style)

    return finish


def _fit_parts(ax: Axes, parts: list[tuple[Annotation, float, str]], style: ChartStyle) -> None:
    """Each part's value where it fits inside the part, hidden elsewhere; all at one size, no
    smaller than ``REVERSED_TEXT_MIN_PT`` if any is paper out of colour (values of one chart in
    two sizes read as two kinds of number)."""
    fonts, tall = measure(style), points_per_unit(ax) * BAR_HEIGHT
    low, high = ax.get_xlim()
    across = plot_size(ax)[0] / (high - low)
    reversed_text = any(text_on(colour, style) != style.ink for _text, _part, colour in parts)
    size = max(style.small, REVERSED_TEXT_MIN_PT) if reversed_text else style.small
    for text, part, _colour in parts:
        text.set_fontsize(size)
        fits = part * across >= fonts.width(text.get_text(), size) + 6 and tall >= fonts.line_height(size)
        text.set_visible(fits)
