"""Grouped columns: one group per category, one column per series, from zero; each column's
value above it when every value fits its column's width (the plot grows to hold them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..room import CLEARANCE
from ..spec import ChartSpec
from ..text import LINE_HEIGHT
from . import Finish, chart_kind
from .common import category_ticks, measure, plot_size, value_axis, value_text
from .legend import below_legend, legend

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

    from ..render import ChartStyle

GROUP_WIDTH = 0.78
"""Share of a category's slot its columns take together."""
GAP = 2.0
"""Points between a column's top and its value."""


@chart_kind("column")
def draw_column(ax: Axes, chart: ChartSpec, style: ChartStyle) -> Finish:
    count = len(chart.series)
    width = GROUP_WIDTH / count
    colours = style.series
    values = [v for s in chart.series for v in s.values]
    texts: list[tuple[Annotation, float]] = []
    for i, series in enumerate(chart.series):
        xs = [c - GROUP_WIDTH / 2 + width * (i + 0.5) for c in range(len(chart.categories))]
        ax.bar(xs, series.values, width=width * 0.92, color=colours[i % len(colours)], zorder=2, linewidth=0)
        texts += [(ax.annotate(value_text(chart, style, value), (x, max(value, 0)), xytext=(0, GAP),
                               textcoords="offset points", ha="center", va="bottom", fontsize=style.small,
                               color=style.ink, annotation_clip=False, in_layout=False), max(value, 0))
                  for x, value in zip(xs, series.values)]
    low, high = min(0.0, *values), max(0.0, *values)
    ax.set_ylim(low * 1.08, (high * 1.05) or 1.0)  # from zero
    ax.axhline(0, color=style.muted, linewidth=0.8, zorder=3)
    ax.set_xlim(-0.5, len(chart.categories) - 0.5)
    category_ticks(ax, list(chart.categories), style, chart)
    value_axis(ax, chart, style, "y")
    if count > 1:
        legend(ax, [s.name for s in chart.series], colours, style)

    def finish() -> None:
        below_legend(ax, style)
        _label_columns(ax, texts, width, style)

    return finish


def _label_columns(ax: Axes, texts: list[tuple[Annotation, float]], width: float, style: ChartStyle) -> None:
    """Every value above its column if all fit the space between neighbouring columns'
    middles (``width``, in data units), none if not; the value axis reaches high enough for
    the highest to stand inside the plot."""
    fonts = measure(style)
    plot_width, room = plot_size(ax)
    across = plot_width / abs(ax.get_xlim()[1] - ax.get_xlim()[0]) * width  # between neighbours' middles
    fits = all(fonts.width(text.get_text(), style.small) <= across - CLEARANCE for text, _top in texts)
    above = GAP + style.small * LINE_HEIGHT
    if not fits or room <= 2 * above:
        for text, _top in texts:
            text.set_visible(False)
        return
    low, high = ax.get_ylim()
    highest = max(top for _text, top in texts)
    share = above / room  # the plot's share the values take above the highest column
    ax.set_ylim(low, max(high, low + (highest - low) / (1 - share)))
