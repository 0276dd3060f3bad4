"""Rows of horizontal bars once laid out: labels set smaller or thinned where rows are close,
the value axis long enough for each value to stand right of its bar."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..room import PLACED_APART, font_size, is_bold
from ..spec import ChartSpec
from ..text import LINE_HEIGHT, MIN_SIZE
from .common import bold_if, measure, plot_size, points_per_unit, text_on

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

    from ..render import ChartStyle

BAR_HEIGHT = 0.62
"""A bar's share of its row."""
BAR_SHARE = 0.55
"""The least share of the plot the longest bar keeps beside its value."""


def fit_rows(ax: Axes, ys: Sequence[float], shown: Sequence[str], labels: Sequence[str], chart: ChartSpec,
             style: ChartStyle, texts: Sequence[Annotation]) -> None:
    """The rows of a horizontal chart, laid out: their labels (and ``texts``, one a row) set
    smaller where rows are close, down to ``MIN_SIZE``; then only every k-th row's labels."""
    fonts = measure(style)
    pitch, line = points_per_unit(ax), max(fonts.line_height(1.0), fonts.line_height(1.0, True))  # at 1 pt
    size = min(style.normal, max(MIN_SIZE, (pitch - PLACED_APART) / line))
    every = max(1, math.ceil((size * line + PLACED_APART) / pitch - 1e-9))
    keep = list(range(0, len(ys), every))
    ax.set_yticks([ys[i] for i in keep], [shown[i] for i in keep])
    for tick, i in zip(ax.get_yticklabels(), keep):
        tick.set_fontweight(bold_if(labels[i], chart))
        tick.set_color(style.ink)
    ax.tick_params(axis="y", labelsize=size)
    for i, text in enumerate(texts):
        text.set_fontsize(size)
        text.set_visible(i in keep)


def reach(ax: Axes, values: Sequence[float], texts: Sequence[Annotation], style: ChartStyle,
          inside: Sequence[str] = ()) -> None:
    """The value axis from zero to far enough that each visible text stands right of its bar's
    end (``values``) inside the plot, as long as the bars keep ``BAR_SHARE`` of it; a text that
    would not is set inside the end of its bar if the bars' fills are given (``inside``: in ink
    or paper, whichever reads on the fill) and it fits there, else hidden."""
    from ...resources.colour import REVERSED_TEXT_MIN_PT

    fonts = measure(style)
    width, pitch = plot_size(ax)[0], points_per_unit(ax)
    _low, high = ax.get_xlim()
    wides = [fonts.width(t.get_text(), font_size(t), is_bold(t)) + 4 for t in texts]
    for value, text, wide in zip(values, texts, wides):
        if text.get_visible() and width - wide >= width * BAR_SHARE:
            high = max(high, value * width / (width - wide))
    ax.set_xlim(0, high)
    for i, (value, text, wide) in enumerate(zip(values, texts, wides)):
        end = value / high * width
        if not text.get_visible() or end + wide <= width:
            continue
        if not inside:
            text.set_visible(False)
            continue
        fill = inside[i]
        ink = text_on(fill, style)
        size = font_size(text) if ink == style.ink else max(font_size(text), REVERSED_TEXT_MIN_PT)
        room = fonts.width(text.get_text(), size, is_bold(text)) + 6
        if end >= room and pitch * BAR_HEIGHT >= size * LINE_HEIGHT:
            text.xyann = (-3.0, 0.0)
            text.set(horizontalalignment="right", color=ink, fontsize=size)
        else:
            text.set_visible(False)
