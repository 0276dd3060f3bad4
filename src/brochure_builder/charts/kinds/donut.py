"""Shares of a whole as a ring: at most six slices, each labelled with its value.

Laid out in points once the figure's size is known, as large as its labels allow: labels
beside the ring with leader lines to their slices, or listed with colour keys right of the
ring or below it, whichever leaves the largest ring (beside it when it is about as large).
Long labels wrap onto two lines or are cut; every label stays inside the box and clear of
the others; the type shrinks to ``MIN_SIZE`` before a ring gets small.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..room import PLACED_APART
from ..spec import ChartSpec
from ..text import LINE_HEIGHT, MIN_SIZE, Measure
from . import Finish, chart_kind
from .common import bold_if, figure_height, figure_width, measure, spread, value_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..render import ChartStyle

RING = 0.4
"""The ring's width, a share of its radius."""
PAD = 2.0
"""Points between the drawing's edge and anything in it."""
ELBOW = 4.0
"""Points from the ring to a leader's bend."""
LEADER = 10.0
"""Points from the ring to a label beside it."""
KEY_GAP = 10.0
"""Points between the ring and a list of labels."""
LABEL_SHARE = 0.62
"""A label beside the ring takes at most this share of its half of the width."""
GOOD_ENOUGH = 0.6
"""A ring this share of the largest the box holds is large enough: the type stays larger."""
PREFERENCE = {"sides": 1.0, "right": 0.9, "below": 0.85}
"""How much smaller a ring may be to keep its labels beside it rather than listed."""
CUT = 0.7
"""How much smaller a ring may be to keep every label whole."""


@dataclass
class Plan:
    """One way to lay out the donut: where the ring is and where each label's lines go."""

    how: str
    size: float
    radius: float
    cut: bool
    """Whether a label had to be cut short."""
    centre: tuple[float, float] = (0.0, 0.0)
    labels: list[list[str]] = field(default_factory=list)
    places: list[tuple[float, float]] = field(default_factory=list)
    """Each label's anchor: its outer edge beside the ring (sides), its key's left edge (lists)."""

    @property
    def score(self) -> float:
        return self.radius * PREFERENCE[self.how] * (CUT if self.cut else 1.0)


@chart_kind("donut")
def draw_donut(ax: Axes, chart: ChartSpec, style: ChartStyle) -> Finish:
    ax.axis("off")
    return lambda: _draw(ax, chart, style)


def _draw(ax: Axes, chart: ChartSpec, style: ChartStyle) -> None:
    width, height = figure_width(ax), figure_height(ax)
    ax.set_position((0.0, 0.0, 1.0, 1.0))  # one unit is one point, from the lower-left corner
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    values = [p.value for p in chart.points]
    total = math.fsum(values) or 1.0
    ends = [90 - 360 * math.fsum(values[:i]) / total for i in range(len(values) + 1)]
    middles = [math.radians((a + b) / 2) for a, b in zip(ends, ends[1:])]
    plan = best_plan(chart, style, middles, width, height)
    _ring(ax, style, plan, ends)
    if plan.how == "sides":
        _leaders(ax, chart, style, plan, middles)
    else:
        _keys(ax, chart, style, plan)


def best_plan(chart: ChartSpec, style: ChartStyle, middles: list[float], width: float, height: float) -> Plan:
    """The largest ring at the largest size that gives one large enough (see ``GOOD_ENOUGH``)."""
    largest = (min(width, height) - 2 * PAD) / 2
    found: list[Plan] = []
    for size in _sizes(style.normal):
        plans = [plan for lay_out in LAYOUTS for plan in lay_out(chart, style, middles, width, height, size)]
        if plans:
            best = max(plans, key=lambda plan: plan.score)
            if best.radius >= GOOD_ENOUGH * largest:
                return best
            found.append(best)
    if found:
        return max(found, key=lambda plan: plan.radius)
    return Plan("sides", MIN_SIZE, max(largest, 1.0), True, (width / 2, height / 2), [[] for _ in middles],
                [(0.0, 0.0) for _ in middles])


def _sizes(largest: float) -> list[float]:
    sizes = [largest]
    while sizes[-1] > MIN_SIZE:
        sizes.append(max(MIN_SIZE, sizes[-1] - 0.5))
    return sizes


def _texts(chart: ChartSpec, style: ChartStyle, fonts: Measure, size: float, room: float,
           two_lines: bool) -> tuple[list[list[str]], bool]:
    """Each label with its value on one line; or, for ``two_lines``, the labels wider than the
    widest of them wrapped in two balanced lines are wrapped so; a label cut where a line is
    wider than ``room`` (never its value). Whether any was cut."""
    found, cut = [], False
    for point in chart.points:
        value, bold = value_text(chart, style, point.value), point.label == chart.highlight
        one = f"{point.label}  {value}"
        found.append((one, fonts.balanced(one, size, bold), value, bold))
    wide = max(max(fonts.width(line, size, bold) for line in two) for _one, two, _value, bold in found)
    labels = []
    for one, two, value, bold in found:
        lines = two if two_lines and fonts.width(one, size, bold) > wide else [one]
        last = lines[-1]
        if fonts.width(last, size, bold) > room and last.endswith(value):
            head = last[:-len(value)].rstrip()
            last = f"{fonts.cut(head, room - fonts.width('  ' + value, size, bold), size, bold)}  {value}".strip()
        lines = [fonts.cut(line, room, size, bold) for line in [*lines[:-1], last]]
        cut = cut or "".join(lines).replace(" ", "") != one.replace(" ", "")
        labels.append(lines)
    return labels, cut


def _widths(chart: ChartSpec, fonts: Measure, labels: list[list[str]], size: float) -> list[float]:
    return [max(fonts.width(line, size, p.label == chart.highlight) for line in lines)
            for p, lines in zip(chart.points, labels)]


def _beside(chart: ChartSpec, style: ChartStyle, middles: list[float], width: float, height: float,
            size: float) -> Iterator[Plan]:
    """Labels beside the ring, right or left by where their slice is, joined by leaders."""
    fonts = measure(style)
    room = (width / 2 - PAD - LEADER) * LABEL_SHARE
    right = [math.cos(angle) >= -1e-9 for angle in middles]
    for two_lines in (False, True):
        labels, cut = _texts(chart, style, fonts, size, room, two_lines)
        widths = _widths(chart, fonts, labels, size)
        tall = [len(lines) * fonts.line_height(size, p.label == chart.highlight) + PLACED_APART
                for p, lines in zip(chart.points, labels)]
        if any(sum(h for h, r in zip(tall, right) if r == side) > height - 2 * PAD for side in (True, False)):
            continue
        wide_right = max((w for w, r in zip(widths, right) if r), default=0.0)
        wide_left = max((w for w, r in zip(widths, right) if not r), default=0.0)
        sides = (LEADER if wide_right else 0.0) + (LEADER if wide_left else 0.0)
        diameter = min(height - 2 * PAD, width - 2 * PAD - wide_left - wide_right - sides)
        if diameter <= 0:
            continue
        radius = diameter / 2
        left_edge = (width - (wide_left + sides + diameter + wide_right)) / 2
        centre = (left_edge + wide_left + (LEADER if wide_left else 0.0) + radius, height / 2)
        yield Plan("sides", size, radius, cut, centre, labels,
                   _beside_places(middles, right, tall, centre, radius, height))


def _beside_places(middles: list[float], right: list[bool], tall: list[float], centre: tuple[float, float],
                   radius: float, height: float) -> list[tuple[float, float]]:
    places = [(0.0, 0.0)] * len(middles)
    for side in (True, False):
        chosen = [i for i, r in enumerate(right) if r == side]
        wanted = [centre[1] + math.sin(middles[i]) * (radius + ELBOW) for i in chosen]
        for i, y in zip(chosen, spread(wanted, [tall[i] for i in chosen], PAD, height - PAD)):
            places[i] = (centre[0] + (radius + LEADER) * (1 if side else -1), y)
    return places


def _listed(chart: ChartSpec, style: ChartStyle, middles: list[float], width: float, height: float,
            size: float) -> Iterator[Plan]:
    """Labels listed with colour keys, right of the ring or below it."""
    fonts, key = measure(style), size * 0.9
    for how in ("right", "below"):
        across = width - 2 * PAD - key - size / 2 - (KEY_GAP + (height - 2 * PAD) * 0.5 if how == "right" else 0)
        for two_lines in (False, True):
            labels, cut = _texts(chart, style, fonts, size, max(across, size), two_lines)
            widths = _widths(chart, fonts, labels, size)
            tall = [max(key, len(lines) * fonts.line_height(size, p.label == chart.highlight))
                    for p, lines in zip(chart.points, labels)]
            list_height = sum(tall) + size * 0.4 * (len(tall) - 1)
            list_width = key + size / 2 + max(widths)
            if how == "right":
                diameter = min(height - 2 * PAD, width - 2 * PAD - KEY_GAP - list_width)
                if list_height > height - 2 * PAD or diameter <= 0:
                    continue
                left = (width - diameter - KEY_GAP - list_width) / 2
                centre = (left + diameter / 2, height / 2)
                top, x = height / 2 + list_height / 2, left + diameter + KEY_GAP
            else:
                diameter = min(width - 2 * PAD, height - 2 * PAD - KEY_GAP - list_height)
                if list_width > width - 2 * PAD or diameter <= 0:
                    continue
                below = (height - diameter - KEY_GAP - list_height) / 2
                centre = (width / 2, height - below - diameter / 2)
                top, x = below + list_height, (width - list_width) / 2
            places = []
            for h in tall:
                places.append((x, top - h / 2))
                top -= h + size * 0.4
            yield Plan(how, size, diameter / 2, cut, centre, labels, places)


LAYOUTS: tuple[Callable[[ChartSpec, ChartStyle, list[float], float, float, float], Iterator[Plan]], ...] = (
    _beside, _listed)


def _ring(ax: Axes, style: ChartStyle, plan: Plan, ends: list[float]) -> None:
    from matplotlib.patches import Wedge

    for i, (start, end) in enumerate(zip(ends, ends[1:])):
        ax.add_patch(Wedge(plan.centre, plan.radius, end, start, width=plan.radius * RING,
                           facecolor=style.series[i % len(style.series)], edgecolor=style.paper,
                           linewidth=min(1.2, plan.radius * 0.06)))


def _lines(ax: Axes, chart: ChartSpec, style: ChartStyle, plan: Plan, index: int, x: float, align: str) -> None:
    """A label's lines, as one text (their spacing matplotlib's), centred on its place's height."""
    point = chart.points[index]
    ax.text(x, plan.places[index][1], "\n".join(plan.labels[index]), ha=align, va="center", fontsize=plan.size,
            color=style.ink, fontweight=bold_if(point.label, chart), linespacing=LINE_HEIGHT,
            multialignment=align)


def _leaders(ax: Axes, chart: ChartSpec, style: ChartStyle, plan: Plan, middles: list[float]) -> None:
    """Labels beside the ring, each joined to its slice by a line bent once, outside the ring."""
    (cx, cy), radius = plan.centre, plan.radius
    bend = radius + ELBOW
    for i, angle in enumerate(middles):
        x, y = plan.places[i]
        side = 1 if x > cx else -1
        edge = (cx + math.cos(angle) * radius * 1.02, cy + math.sin(angle) * radius * 1.02)
        across = math.sqrt(max(0.0, bend**2 - (y - cy) ** 2))  # the bend never sits over the ring
        elbow = (cx + side * max(abs(math.cos(angle)) * bend, across), y)
        ax.plot([edge[0], elbow[0], x - side * 2], [edge[1], y, y], color=style.muted, linewidth=0.6,
                solid_capstyle="butt", zorder=1)
        _lines(ax, chart, style, plan, i, x, "left" if side > 0 else "right")


def _keys(ax: Axes, chart: ChartSpec, style: ChartStyle, plan: Plan) -> None:
    """Labels listed, each after a key of its slice's colour."""
    from matplotlib.patches import Rectangle

    key = plan.size * 0.9
    for i, (x, y) in enumerate(plan.places):
        ax.add_patch(Rectangle((x, y - key / 2), key, key, facecolor=style.series[i % len(style.series)],
                               linewidth=0))
        _lines(ax, chart, style, plan, i, x + key + plan.size / 2, "left")
