"""The chart kinds, in a registry: each draws one chart spec onto a matplotlib Axes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .spec import ChartSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .render import ChartStyle

Drawer = Callable[["Axes", ChartSpec, "ChartStyle"], None]
CHART_DRAWERS: dict[str, Drawer] = {}


def chart_kind(name: str) -> Callable[[Drawer], Drawer]:
    def register(drawer: Drawer) -> Drawer:
        CHART_DRAWERS[name] = drawer
        return drawer

    return register


def ordinal(n: float) -> str:
    value = int(n)
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


@chart_kind("rank")
def draw_rank(ax: Axes, chart: ChartSpec, style: ChartStyle) -> None:
    """Rank over time, rank 1 at the top: a slope from the first point to the last."""
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
            ordinal(point.value), (x, point.value), xytext=(14, 0), textcoords="offset points",
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
    ax.yaxis.set_major_formatter(lambda v, _pos: ordinal(v))
    ax.grid(axis="y", color=style.rule, linewidth=0.6)
    ax.set_ylabel("Rank (1st is best)", color=style.muted, fontsize=style.small)


@chart_kind("bar")
def draw_bar(ax: Axes, chart: ChartSpec, style: ChartStyle) -> None:
    """Horizontal bars from zero, first item at the top, the highlight in the brand colour."""
    labels = [p.label for p in chart.points]
    values = [p.value for p in chart.points]
    ys = list(range(len(values)))[::-1]
    colours = [style.primary if label == chart.highlight else style.neutral for label in labels]
    ax.barh(ys, values, color=colours, height=0.62, zorder=2)
    top = max(values)
    for y, value, label in zip(ys, values, labels):
        weight = "bold" if label == chart.highlight else "normal"
        ax.text(
            value + top * 0.015, y, chart.value_format.format(value), va="center",
            fontsize=style.normal, fontweight=weight, color=style.ink,
        )
    ax.set_yticks(ys, labels)
    for tick, label in zip(ax.get_yticklabels(), labels):
        tick.set_fontweight("bold" if label == chart.highlight else "normal")
        tick.set_color(style.ink)
    ax.set_xlim(0, top * 1.16)
    ax.grid(axis="x", color=style.rule, linewidth=0.6)
    ax.tick_params(axis="y", length=0, labelsize=style.normal)
