"""Shares of a whole as a ring: at most six slices, labels outside with their values."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..spec import ChartSpec
from . import Finish, chart_kind
from .common import LABEL_GAP, bold_if, points_per_unit, spread, value_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

    from ..render import ChartStyle

RING = 0.4
"""The ring's width, a share of its radius."""
ELBOW = 1.12
LABEL_X = 1.3


@chart_kind("donut")
def draw_donut(ax: Axes, chart: ChartSpec, style: ChartStyle) -> Finish:
    values = [p.value for p in chart.points]
    colours = [style.series[i % len(style.series)] for i in range(len(values))]
    wedges, _texts = ax.pie(values, colors=colours, startangle=90, counterclock=False,
                            wedgeprops={"width": RING, "edgecolor": style.paper, "linewidth": 1.2})
    ax.set_aspect("equal")
    ax.axis("off")
    middles = [math.radians((w.theta1 + w.theta2) / 2) for w in wedges]
    labels = [_label(ax, chart, style, i, angle) for i, angle in enumerate(middles)]
    ax.set_xlim(-LABEL_X - 0.05, LABEL_X + 0.05)
    ax.set_ylim(-1.25, 1.25)
    return lambda: _place(ax, chart, style, middles, labels)


def _label(ax: Axes, chart: ChartSpec, style: ChartStyle, index: int, angle: float) -> Text:
    point = chart.points[index]
    right = math.cos(angle) >= 0
    return ax.text(LABEL_X if right else -LABEL_X, math.sin(angle) * ELBOW,
                   f"{point.label}  {value_text(chart, style, point.value)}", ha="left" if right else "right",
                   va="center", fontsize=style.normal, color=style.ink, fontweight=bold_if(point.label, chart))


def _place(ax: Axes, chart: ChartSpec, style: ChartStyle, middles: list[float], labels: list[Text]) -> None:
    """Labels on each side kept apart, each joined to its slice by a leader line."""
    gap = style.normal * LABEL_GAP / points_per_unit(ax)
    low, high = ax.get_ylim()
    for right in (True, False):
        side = [i for i, angle in enumerate(middles) if (math.cos(angle) >= 0) == right]
        wanted = [math.sin(middles[i]) * ELBOW for i in side]
        for i, y in zip(side, spread(wanted, gap, low + gap / 2, high - gap / 2)):
            labels[i].set_y(y)
            edge = (math.cos(middles[i]), math.sin(middles[i]))
            outside = math.sqrt(max(0.0, ELBOW**2 - y**2))  # the elbow never sits over the ring
            elbow = (math.copysign(max(abs(edge[0]) * ELBOW, outside), edge[0] if edge[0] else 1), y)
            end = (LABEL_X - 0.04) if right else -(LABEL_X - 0.04)
            ax.plot([edge[0] * 1.02, elbow[0], end], [edge[1] * 1.02, elbow[1], y], color=style.muted,
                    linewidth=0.6, solid_capstyle="butt", zorder=1)
