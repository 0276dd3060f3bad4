"""Rank over time, rank 1 at the top: a slope from the first point to the last, each point
labelled with its ordinal (and note) on the side its line leaves free.

Labels are placed once the chart is laid out, in points: for each point the positions around
it are tried in order of how far their direction is from the line's (so the line never runs
through a label), and the first is taken that stays inside the chart, clear of the line, the
points, the axes' labels and the labels placed before it; a label that finds no room at any
size down to ``MIN_SIZE`` is left out (the axis still reads it), the note first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..numbers import ordinal
from ..room import CLEARANCE, Box, extent, frame, texts
from ..spec import ChartSpec
from ..text import MIN_SIZE, Measure
from . import Finish, chart_kind
from .common import category_ticks, figure_height, figure_of, figure_width, measure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

    from ..render import ChartStyle

TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)
TICK_PITCH = 2.0
"""Rank ticks stand at least this many times their size apart."""
MAX_TICKS = 7
RANGE = 1.25
"""The axis's length in ranks, for the last tick's: room above the best and below the worst."""
LABEL_SCALE = 1.4
"""Ordinals are set this many times the style's big size (then smaller where room is short)."""
SHRINK = 0.8
LINE_WIDTH = 4.0
MARKER = 12.0
"""The points' diameter in points (less where they are crowded)."""
CLEAR = 2.0
"""Points a label keeps from the line and the points (from other labels: ``CLEARANCE``)."""
NOTE_SHARE = 0.3
"""A note takes at most this share of the chart's width."""
CLEAR_ANGLE = math.pi / 2
"""Places whose direction is this far from the line's are as good as each other (the first
of ``PLACES`` is taken)."""


@dataclass(frozen=True)
class Place:
    """A position around a point: the direction of the label from it."""

    dx: int
    """-1 left of the point, 0 centred on it, 1 right of it."""
    dy: int
    """-1 below the point, 0 level with it, 1 above it."""

    @property
    def angle(self) -> float:
        return math.atan2(self.dy, self.dx)


PLACES = (Place(1, 0), Place(0, 1), Place(0, -1), Place(-1, 0),
          Place(1, 1), Place(1, -1), Place(-1, 1), Place(-1, -1))
"""In order of preference where the line leaves several directions equally free."""


@chart_kind("rank")
def draw_rank(ax: Axes, chart: ChartSpec, style: ChartStyle) -> Finish:
    from ...resources.wording import rank_axis_title

    xs = list(range(len(chart.points)))
    ranks = [p.value for p in chart.points]
    ticks = rank_ticks(int(max(ranks)), figure_height(ax) - 4 * style.normal, style.normal)
    span = max(ticks[-1] - 1, 1)
    bottom = max(ticks[-1], max(ranks)) + span * 0.08 + 0.6
    ax.set_ylim(bottom, 1 - span * 0.12 - 0.6)
    ax.set_xlim(-0.35, len(xs) - 0.65)
    marker = min(MARKER, figure_width(ax) * 0.8 / len(xs) * 0.6)
    ax.fill_between(xs, ranks, bottom, color=style.tint, linewidth=0, zorder=1)
    ax.plot(xs, ranks, color=style.primary, linewidth=min(LINE_WIDTH, marker / 3), solid_capstyle="round",
            zorder=2)
    ax.scatter(xs, ranks, s=marker**2, color=style.primary, edgecolors=style.paper,
               linewidths=min(2.5, marker / 5), zorder=3)
    category_ticks(ax, [p.label for p in chart.points], style, chart)
    ax.set_yticks(ticks)
    ax.yaxis.set_major_formatter(lambda v, _pos: ordinal(v, chart.language))
    ax.grid(axis="y", color=style.rule, linewidth=0.6)
    ax.set_ylabel(chart.axis_label or rank_axis_title(chart.language), color=style.muted, fontsize=style.small)
    return lambda: _label_points(ax, chart, style, marker)


def rank_ticks(worst: int, room: float, size: float) -> list[int]:
    """1, then multiples of the smallest round step that gives at most ``MAX_TICKS`` ticks,
    ``TICK_PITCH`` times ``size`` apart on ``room`` points of axis, up to the first at or past
    ``worst`` (so the worst rank is within the labelled range)."""
    for step in TICK_STEPS:
        last = math.ceil(worst / step) * step
        ticks = sorted({1, *range(step, last + 1, step)})
        if len(ticks) <= MAX_TICKS and step * room / (last * RANGE) >= size * TICK_PITCH:
            break
    return ticks


def _label_points(ax: Axes, chart: ChartSpec, style: ChartStyle, marker: float) -> None:
    """Each point's label at the first free place around it, in the order of ``_order``."""
    figure = figure_of(ax)
    figure.draw_without_rendering()
    to_points = ax.transData + figure.dpi_scale_trans.inverted()
    where = [(float(x) * 72, float(y) * 72) for x, y in (to_points.transform((i, p.value))
                                                          for i, p in enumerate(chart.points))]
    fonts = measure(style)
    taken = [extent(text, fonts) for text in texts(figure)]
    half = marker / 2 + CLEAR
    taken += [Box(x - half, y - half, x + half, y + half) for x, y in where]
    line = list(zip(where, where[1:]))
    for index in _order([p.value for p in chart.points]):
        label = _Label(ax, chart, style, index, fonts)
        box = label.place(where, line, taken, frame(figure), half + CLEARANCE + 0.5)
        if box is not None:
            taken.append(box)


def _order(ranks: Sequence[float]) -> list[int]:
    """Which points are labelled first: the last, the first, the best, the worst, the rest
    from the right."""
    count = len(ranks)
    first = [count - 1, 0, ranks.index(min(ranks)), ranks.index(max(ranks))]
    return list(dict.fromkeys([*first, *range(count - 1, -1, -1)]))


class _Label:
    """A point's ordinal and note, tried around it at sizes from the largest down."""

    def __init__(self, ax: Axes, chart: ChartSpec, style: ChartStyle, index: int, fonts: Measure) -> None:
        self.point, self.style, self.fonts = chart.points[index], style, fonts
        anchor = (index, self.point.value)
        self.ordinal: Annotation = ax.annotate(
            ordinal(self.point.value, chart.language), anchor, textcoords="offset points",
            fontweight="bold", color=style.ink, annotation_clip=False)
        self.note: Annotation | None = None
        if self.point.note:
            note = fonts.cut(self.point.note, figure_width(ax) * NOTE_SHARE, style.small)
            self.note = ax.annotate(note, anchor, textcoords="offset points",
                                    fontsize=style.small, color=style.muted, annotation_clip=False)
        self.index = index

    def place(self, where: list[tuple[float, float]], line: list[tuple[tuple[float, float], tuple[float, float]]],
              taken: list[Box], room: Box, gap: float) -> Box | None:
        """The first free place, the note dropped before the ordinal is; its box, or None."""
        places = sorted(PLACES, key=lambda place: -round(min(_clearance(place, where, self.index), CLEAR_ANGLE), 2))
        for with_note in ((True, False) if self.note is not None else (False,)):
            for size in _sizes(self.style.big * LABEL_SCALE):
                for place in places:
                    box = self._set(place, size, with_note, gap)
                    if box.within(room) and not any(box.near(other) for other in taken) \
                            and not any(box.grown(CLEAR).crosses(*segment) for segment in line):
                        return box
        self.ordinal.set_visible(False)
        if self.note is not None:
            self.note.set_visible(False)
        return None

    def _set(self, place: Place, size: float, with_note: bool, gap: float) -> Box:
        """The label set at ``place`` and ``size``, its note (if shown) right under the ordinal
        (or right over it, above the point); the box of all it shows."""
        if self.note is not None:
            self.note.set_visible(with_note)
        self.ordinal.set_fontsize(size)
        note = self.note if with_note else None
        dx = place.dx * (gap + 1 if place.dy == 0 else gap * 0.4)
        align: Literal["left", "center", "right"] = ("right", "center", "left")[place.dx + 1]
        vertical: Literal["top", "center", "bottom"]
        if place.dy > 0:  # from the point up: the note, then the ordinal
            first, second, y, vertical = note or self.ordinal, self.ordinal if note else None, gap, "bottom"
        else:  # the ordinal level with the point or below it, the note under it
            first, second = self.ordinal, note
            y, vertical = (0.0, "center") if place.dy == 0 else (-gap, "top")
        boxes = [self._put(first, dx, y, align, vertical)]
        if second is not None:  # set against the first's edge
            up, box = second is self.ordinal, boxes[0]
            anchor = {"bottom": box.y0, "top": box.y1}.get(vertical, (box.y0 + box.y1) / 2)
            edge = box.y1 + CLEARANCE if up else box.y0 - CLEARANCE
            boxes.append(self._put(second, dx, y + edge - anchor, align, "bottom" if up else "top"))
        return Box(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes),
                   max(b.y1 for b in boxes))

    def _put(self, text: Annotation, dx: float, dy: float, align: Literal["left", "center", "right"],
             vertical: Literal["top", "center", "bottom"]) -> Box:
        text.xyann = (dx, dy)
        text.set_horizontalalignment(align)
        text.set_verticalalignment(vertical)
        return extent(text, self.fonts)


def _sizes(largest: float) -> list[float]:
    """Sizes to try, from ``largest`` down to ``MIN_SIZE``."""
    found = [largest]
    while found[-1] > MIN_SIZE:
        found.append(max(MIN_SIZE, found[-1] * SHRINK))
    return found


def _clearance(place: Place, where: list[tuple[float, float]], index: int) -> float:
    """The smallest angle between ``place``'s direction and the line's, leaving the point."""
    x, y = where[index]
    angles = [math.atan2(where[j][1] - y, where[j][0] - x) for j in (index - 1, index + 1) if 0 <= j < len(where)]
    if not angles:
        return math.pi
    return min(abs(math.remainder(place.angle - angle, math.tau)) for angle in angles)
