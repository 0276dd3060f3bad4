"""A legend of colour keys at a chart's top left, sized to the chart: as many columns as its
width holds, type smaller and names cut before it takes more than ``LEGEND_SHARE`` of the
height; once laid out, the plot is brought below it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..text import LINE_HEIGHT, MIN_SIZE, Measure
from .common import figure_height, figure_of, figure_width, measure

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..render import ChartStyle

LEGEND_SHARE = 0.3
"""A legend takes at most this share of a chart's height at the smallest type."""


def legend(ax: Axes, names: Sequence[str], colours: Sequence[str], style: ChartStyle) -> None:
    """A row (or rows) of colour keys at the chart's top left, no frame, taking at most
    ``LEGEND_SHARE`` of the height: names whole in as many columns as the width holds, in
    smaller type if need be; else at ``MIN_SIZE`` in the fewest columns that keep it low
    enough, names cut to their column."""
    from matplotlib.patches import Patch

    size, shown, columns = _legend_layout(names, measure(style), style, figure_width(ax) - 2,
                                          figure_height(ax) * LEGEND_SHARE)
    handles = [Patch(facecolor=colour, edgecolor="none", label=name) for name, colour in zip(shown, colours)]
    anchor = (1 / figure_width(ax), 1 - 1 / figure_height(ax))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=anchor, bbox_transform=figure_of(ax).transFigure,
              ncols=columns, frameon=False, fontsize=size, handlelength=1.0, handleheight=1.0, handletextpad=0.5,
              columnspacing=1.4, borderaxespad=0, borderpad=0, labelcolor=style.ink)


def _legend_layout(names: Sequence[str], fonts: Measure, style: ChartStyle, width: float,
                   height: float) -> tuple[float, list[str], int]:
    """The type size, the names as shown and the number of columns of a legend."""
    def tall(size: float, columns: int) -> float:
        return math.ceil(len(names) / columns) * size * LINE_HEIGHT * 1.15

    for size in dict.fromkeys([style.normal, style.small, MIN_SIZE]):
        columns = _whole_columns(names, fonts, size, width)
        if columns and tall(size, columns) <= height:
            return size, list(names), columns
    key, spacing = MIN_SIZE * 1.5, MIN_SIZE * 1.4
    fitting = [c for c in range(1, len(names) + 1)
               if (width - spacing * (c - 1)) / c - key >= 3 * MIN_SIZE]
    columns = next((c for c in fitting if tall(MIN_SIZE, c) <= height), fitting[-1] if fitting else 1)
    room = (width - spacing * (columns - 1)) / columns - key
    return MIN_SIZE, [fonts.cut(name, room, MIN_SIZE) for name in names], columns


def _whole_columns(names: Sequence[str], fonts: Measure, size: float, width: float) -> int:
    """The most columns that hold every name whole (filled top to bottom, as matplotlib
    fills them), or 0."""
    key, spacing = size * 1.5, size * 1.4
    for columns in range(len(names), 0, -1):
        rows, large = divmod(len(names), columns)
        lengths = [rows + 1] * large + [rows] * (columns - large)
        starts = [sum(lengths[:i]) for i in range(columns)]
        wide = [max(fonts.width(n, size) for n in names[start:start + length]) + key
                for start, length in zip(starts, lengths) if length]
        if sum(wide) + spacing * (len(wide) - 1) <= width:
            return columns
    return 0


def below_legend(ax: Axes, style: ChartStyle) -> None:
    """The plot's top brought below the legend, once the chart is laid out (the layout counts
    the legend in the chart's extent, but not that it lies over the plot)."""
    found = ax.get_legend()
    if found is None:
        return
    bottom = found.get_window_extent().transformed(figure_of(ax).transFigure.inverted()).y0
    place = ax.get_position()
    top = bottom - style.normal * 0.8 / figure_height(ax)
    if place.y1 > top:
        ax.set_position((place.x0, place.y0, place.width, max(top - place.y0, 0.05)))
