"""What the chart kinds share: numbers in the document's language, value axes, category
labels, labels kept apart, and text colours that read on a fill."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from ...source.contrast import contrast_ratio
from ..numbers import Symbols, format_value, symbols, tick_text
from ..spec import ChartSpec
from ..text import LINE_HEIGHT, Measure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

    from ..render import ChartStyle

LABEL_GAP = LINE_HEIGHT + 0.15
"""Labels kept apart vertically by this many times their size (a line's height and the
clearance between texts, at 7 pt)."""
PLOT_SHARE = 0.8
"""The share of a chart's width its plot takes, before the layout knows it exactly."""
CATEGORY_GAP = 4.0
"""Points between category labels side by side."""
TICK_SHARE = 0.3
MIN_TICK_CHARACTERS = 6
"""A value tick takes at most this share of the chart's width, or this many characters."""


@lru_cache(maxsize=8)
def _drawable(path: Path) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(path)).get_charmap())


def number_symbols(chart: ChartSpec, style: ChartStyle) -> Symbols:
    return symbols(chart.language, _drawable(style.regular))


def value_text(chart: ChartSpec, style: ChartStyle, value: float) -> str:
    return format_value(chart.value_format, value, number_symbols(chart, style))


def localise_ticks(axis: Axis, chart: ChartSpec, style: ChartStyle, suffix: str = "") -> None:
    """Tick labels in the document's language, each written exactly, all with the decimals
    the finest of them needs; in scientific form when plain digits would take more than
    ``TICK_SHARE`` of the chart's width."""
    found = number_symbols(chart, style)
    longest = max(MIN_TICK_CHARACTERS, int(figure_width(axis.axes) * TICK_SHARE / (style.normal * 0.55)))

    def label(value: float, _position: Any) -> str:
        ticks = list(axis.get_majorticklocs()) or [value]
        return tick_text(value, ticks, found, longest=longest) + suffix

    axis.set_major_formatter(label)


def spread(wanted: Sequence[float], sizes: float | Sequence[float], low: float, high: float) -> list[float]:
    """Middles as near ``wanted`` as they can be, each item (of its size, or all of one size)
    clear of its neighbours and inside [``low``, ``high``] when there is room (order kept;
    positions in any one unit)."""
    heights = [float(sizes)] * len(wanted) if isinstance(sizes, int | float) else list(sizes)
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    tall = [heights[i] for i in order]
    placed = [min(max(wanted[i], low + heights[i] / 2), high - heights[i] / 2) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + (tall[k - 1] + tall[k]) / 2)
    if placed and placed[-1] > high - tall[-1] / 2:
        placed[-1] = high - tall[-1] / 2
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - (tall[k] + tall[k + 1]) / 2)
    result = [0.0] * len(wanted)
    for i, position in zip(order, placed):
        result[i] = position
    return result


def text_on(fill: str, style: ChartStyle) -> str:
    """Ink or paper, whichever reads better on ``fill``."""
    return max((style.ink, style.paper), key=lambda colour: contrast_ratio(colour, fill))


def figure_of(ax: Axes) -> Figure:
    return cast("Figure", ax.get_figure(root=True))


def figure_width(ax: Axes) -> float:
    """The figure's width in points."""
    return float(figure_of(ax).get_figwidth() * 72)


def figure_height(ax: Axes) -> float:
    """The figure's height in points."""
    return float(figure_of(ax).get_figheight() * 72)


def plot_size(ax: Axes) -> tuple[float, float]:
    """The plot's width and height in points, as laid out now."""
    box = ax.get_window_extent()
    scale = 72 / figure_of(ax).dpi
    return float(box.width * scale), float(box.height * scale)


def measure(style: ChartStyle) -> Measure:
    """Widths of text in the brand's faces, as the PDF sets them."""
    return Measure(style.regular, style.bold)


def value_axis(ax: Axes, chart: ChartSpec, style: ChartStyle, axis: Literal["x", "y"]) -> None:
    """A value axis: localised ticks, a light grid, the optional axis title."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    localise_ticks(target, chart, style)
    ax.grid(axis=axis, color=style.rule, linewidth=0.6)
    if chart.axis_label:
        target.set_label_text(chart.axis_label, color=style.muted, fontsize=style.small)


def bold_if(name: str, chart: ChartSpec) -> str:
    return "bold" if name == chart.highlight else "normal"


def category_ticks(ax: Axes, labels: Sequence[str], style: ChartStyle, chart: ChartSpec) -> None:
    """Category labels along x, each cut to a third of the plot's width (half, for two), and
    every k-th one when all would not fit side by side."""
    fonts, plot = measure(style), figure_width(ax) * PLOT_SHARE
    room = plot / min(len(labels), 3) - CATEGORY_GAP
    shown = [fonts.cut(label, room, style.normal, label == chart.highlight) for label in labels]
    widest = max(fonts.width(label, style.normal, label == chart.highlight) for label in shown) + CATEGORY_GAP
    step = math.ceil(len(labels) / max(1, int(plot / widest)))
    positions = list(range(0, len(labels), step))
    ax.set_xticks(positions, [shown[i] for i in positions])
    for tick, i in zip(ax.get_xticklabels(), positions):
        tick.set_fontweight(bold_if(labels[i], chart))
    ax.tick_params(axis="x", labelsize=style.normal)


def points_per_unit(ax: Axes) -> float:
    """Points per data unit along y, as laid out now."""
    low, high = ax.get_ylim()
    height = ax.get_window_extent().height * 72 / ax.figure.dpi
    return float(height / abs(high - low))


def readable(colour: str, style: ChartStyle) -> str:
    """``colour`` for text on the paper if it reads as text (4.5:1), else the ink."""
    return colour if contrast_ratio(colour, style.paper) >= 4.5 else style.ink
