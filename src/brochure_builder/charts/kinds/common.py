"""What the chart kinds share: numbers in the document's language, value axes, labels kept
apart, a legend, and text colours that read on a fill."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ...source.contrast import contrast_ratio
from ..numbers import Symbols, format_value, symbols, tick_text
from ..spec import ChartSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis

    from ..render import ChartStyle

LABEL_GAP = 1.3
"""Labels kept apart vertically by this many times their size."""


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
    the finest of them needs."""
    found = number_symbols(chart, style)

    def label(value: float, _position: Any) -> str:
        ticks = list(axis.get_majorticklocs()) or [value]
        return tick_text(value, ticks, found) + suffix

    axis.set_major_formatter(label)


def spread(wanted: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Positions as near ``wanted`` as they can be, at least ``gap`` apart, inside
    [``low``, ``high``] when there is room (order kept; positions in any one unit)."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [min(max(wanted[i], low), high) for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    if placed and placed[-1] > high:
        placed[-1] = high
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    result = [0.0] * len(wanted)
    for i, position in zip(order, placed):
        result[i] = position
    return result


def text_on(fill: str, style: ChartStyle) -> str:
    """Ink or paper, whichever reads better on ``fill``."""
    return max((style.ink, style.paper), key=lambda colour: contrast_ratio(colour, fill))


def legend(ax: Axes, names: Sequence[str], colours: Sequence[str], style: ChartStyle, width: float) -> None:
    """A row (or rows) of colour keys above the plot, left-aligned, no frame."""
    from matplotlib.patches import Patch

    per_entry = max(len(name) for name in names) * style.normal * 0.55 + style.normal * 2.6
    columns = max(1, min(len(names), int(width / per_entry)))
    handles = [Patch(facecolor=colour, edgecolor="none", label=name) for name, colour in zip(names, colours)]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), ncols=columns, frameon=False,
              fontsize=style.normal, handlelength=1.0, handleheight=1.0, handletextpad=0.5,
              columnspacing=1.4, borderaxespad=0, borderpad=0, labelcolor=style.ink)


def figure_width(ax: Axes) -> float:
    """The figure's width in points."""
    return float(ax.get_figure(root=True).get_figwidth() * 72)  # type: ignore[union-attr]


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
    """Category labels along x, every k-th one when all would not fit side by side."""
    import math

    widest = max(len(label) for label in labels) * style.normal * 0.55 + style.normal
    fitting = max(2, int(figure_width(ax) * 0.85 / widest))
    step = math.ceil(len(labels) / fitting)
    positions = list(range(0, len(labels), step))
    ax.set_xticks(positions, [labels[i] for i in positions])
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
