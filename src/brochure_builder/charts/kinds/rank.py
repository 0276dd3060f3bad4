"""Rank over time, rank 1 at the top: a slope from the first point to the last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..numbers import ordinal, rank_axis_label
from ..spec import ChartSpec
from . import chart_kind

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..render import ChartStyle


@chart_kind("rank")
def draw_rank(ax: Axes, chart: ChartSpec, style: ChartStyle) -> None:
    xs = list(range(len(chart.points)))
    ranks = [p.value for p in chart.points]
    worst = max(ranks)
    ax.set_ylim(worst * 1.12 + 2, -worst * 0.1)
    ax.set_xlim(-0.35, len(xs) - 0.65)
    ax.fill_between(xs, ranks, worst * 1.12 + 2, color=style.tint, linewidth=0, zorder=1)
    ax.plot(xs, ranks, color=style.primary, linewidth=4, solid_capstyle="round", zorder=2)
    ax.scatter(xs, ranks, s=150, color=style.primary, edgecolors=style.paper, linewidths=2.5, zorder=3)
    for x, point in zip(xs, chart.points):
        ax.annotate(
            ordinal(point.value, chart.language), (x, point.value), xytext=(14, 0), textcoords="offset points",
            fontsize=style.big * 1.4, fontweight="bold", color=style.ink, va="center",
        )
        if point.note:
            ax.annotate(
                point.note, (x, point.value), xytext=(15, -style.big * 1.35),
                textcoords="offset points", fontsize=style.small, color=style.muted, va="center",
            )
    ax.set_xticks(xs, [p.label for p in chart.points])
    step = next(s for s in (10, 25, 50, 100, 250) if worst <= s * 10)  # about ten ticks at most
    ax.set_yticks([1, *range(step, int(worst * 1.12) + 1, step)])
    ax.yaxis.set_major_formatter(lambda v, _pos: ordinal(v, chart.language))
    ax.grid(axis="y", color=style.rule, linewidth=0.6)
    ax.set_ylabel(chart.axis_label or rank_axis_label(chart.language), color=style.muted, fontsize=style.small)
