"""Where text sits in a laid-out chart, and the last word on it: inside the figure and apart.

Boxes are in points from the figure's lower-left corner. A text's box is matplotlib's extent
made as wide as the PDF will set it (``text.Measure``). ``make_room`` makes a laid-out plot
smaller where its tick labels leave the figure; ``tidy`` runs once everything is placed: it
thins tick labels until neighbours stand apart and all are inside the figure, cuts an axis
title to its axis, then hides any other text that would leave the figure or lie over (or
within ``CLEARANCE`` of) a text before it (the kinds place their labels so that this is a
last resort, never the plan).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import Measure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure
    from matplotlib.text import Text

POINTS = 72.0
HAIR = 0.3
"""Points two boxes may share and still count as apart (rounding, a glyph's overhang)."""
CLEARANCE = 1.0
"""Points between texts placed apart: matplotlib's extents and the PDF's letter boxes differ
by up to this much in height."""
PLACED_APART = CLEARANCE + HAIR
"""Points a kind leaves between texts it places one above another: set exactly ``CLEARANCE``
apart, rounding made the last pass take two labels for too near and hide one."""
EDGE = 0.5
"""Points every text keeps from the figure's edges."""
TICK_GAP = 3.0
"""Points between neighbouring tick labels side by side (one above another: ``LINE_GAP``)."""
LINE_GAP = CLEARANCE
MAX_PASSES = 8
"""Rounds of thinning tick labels (each at least halves a crowded axis)."""


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, hair: float = HAIR) -> bool:
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > hair
                and min(self.y1, other.y1) - max(self.y0, other.y0) > hair)

    def near(self, other: Box, clearance: float = CLEARANCE) -> bool:
        """Whether the boxes overlap or come closer than ``clearance`` both across and down."""
        slack = 0.01 - clearance  # texts set exactly ``clearance`` apart are apart
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > slack
                and min(self.y1, other.y1) - max(self.y0, other.y0) > slack)

    def within(self, other: Box) -> bool:
        return self.x0 >= other.x0 and self.x1 <= other.x1 and self.y0 >= other.y0 and self.y1 <= other.y1

    def grown(self, by: float) -> Box:
        return Box(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def crosses(self, start: tuple[float, float], end: tuple[float, float]) -> bool:
        """Whether the segment from ``start`` to ``end`` passes through the box (Liang-Barsky)."""
        (x, y), (dx, dy) = start, (end[0] - start[0], end[1] - start[1])
        low, high = 0.0, 1.0
        for p, q in ((-dx, x - self.x0), (dx, self.x1 - x), (-dy, y - self.y0), (dy, self.y1 - y)):
            if p == 0:
                if q < 0:
                    return False
            elif p < 0:
                low = max(low, q / p)
            else:
                high = min(high, q / p)
        return low <= high


def font_size(text: Text) -> float:
    return float(text.get_fontsize())


def is_bold(text: Text) -> bool:
    return text.get_fontweight() in ("bold", 700, "700")


def frame(figure: Figure) -> Box:
    """The figure's own box, less ``EDGE``."""
    width, height = figure.get_size_inches() * POINTS
    return Box(EDGE, EDGE, float(width) - EDGE, float(height) - EDGE)


def extent(text: Text, measure: Measure) -> Box:
    """Where ``text`` is set in the PDF: matplotlib's extent, as wide as the face's advances
    (as ReportLab sets it; matplotlib's own width differs by a point or two on a long text)."""
    from matplotlib import text as texts_module
    from matplotlib.transforms import Affine2D

    scale = POINTS / text.get_figure(root=True).dpi  # type: ignore[union-attr]
    if isinstance(text, texts_module.Annotation):
        text.get_window_extent()  # places the annotation's text where it is now (and its arrow)
    box = texts_module.Text.get_window_extent(text).transformed(Affine2D().scale(scale))  # the text alone
    wide = measure.width(text.get_text(), font_size(text), is_bold(text))
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    if abs(text.get_rotation() % 180 - 90) < 1:  # set upright along the y axis
        y0, y1 = _widened(y0, y1, wide, "center")
    else:
        x0, x1 = _widened(x0, x1, wide, text.get_horizontalalignment())
    return Box(float(x0), float(y0), float(x1), float(y1))


def _widened(low: float, high: float, wide: float, align: str) -> tuple[float, float]:
    """The span ``wide`` long that a text aligned so sets where matplotlib's span is."""
    if align == "left":
        return low, low + wide
    if align == "right":
        return high - wide, high
    middle = (low + high) / 2
    return middle - wide / 2, middle + wide / 2


def tidy(figure: Figure, measure: Measure) -> None:
    """Tick labels thinned and inside, axis titles cut to their axes, every other text hidden
    that leaves the figure or lies over one before it (in the order ``texts`` gives)."""
    room = frame(figure)
    axes = [axis for ax in figure.axes for axis in (ax.xaxis, ax.yaxis)]
    figure.draw_without_rendering()
    for _ in range(MAX_PASSES):
        if not any([_thin(axis, measure, room) for axis in axes]):
            break
        figure.draw_without_rendering()
    if any([_cut_title(axis, measure) for axis in axes]):
        figure.draw_without_rendering()
    taken: list[Box] = []
    for text in texts(figure):
        box = extent(text, measure)
        if not box.within(room) or any(box.near(other) for other in taken):
            text.set_visible(False)
        else:
            taken.append(box)


def make_room(figure: Figure, measure: Measure) -> None:
    """Each plot made smaller where its tick labels or axis titles leave the figure as the PDF
    sets them (the layout measures them a little narrower), before labels are placed."""
    room = frame(figure)
    for _ in range(MAX_PASSES):
        figure.draw_without_rendering()
        if not any([_make_room(ax, measure, room) for ax in figure.axes]):
            break


def _make_room(ax: Axes, measure: Measure, room: Box) -> bool:
    """The plot made smaller where its tick labels or axis titles leave ``room``; whether it was."""
    labels = [*_labels(ax.xaxis), *_labels(ax.yaxis), ax.xaxis.label, ax.yaxis.label]
    boxes = [extent(t, measure) for t in labels if t.get_visible() and t.get_text().strip()]
    if not boxes:
        return False
    left, bottom = max(0.0, room.x0 - min(b.x0 for b in boxes)), max(0.0, room.y0 - min(b.y0 for b in boxes))
    right, top = max(0.0, max(b.x1 for b in boxes) - room.x1), max(0.0, max(b.y1 for b in boxes) - room.y1)
    if left + right + bottom + top < 0.01:
        return False
    width, height = room.x1 + EDGE, room.y1 + EDGE
    place = ax.get_position()
    ax.set_position((place.x0 + left / width, place.y0 + bottom / height,
                     max(place.width - (left + right) / width, 0.05), max(place.height - (bottom + top) / height, 0.05)))
    return True


def texts(figure: Figure) -> Iterator[Text]:
    """The visible, non-empty texts of a figure: tick labels, axis titles, legends, then the
    texts and annotations of each axes in the order they were made."""
    for ax in figure.axes:
        found: list[Text] = [*_labels(ax.xaxis), *_labels(ax.yaxis), ax.xaxis.label, ax.yaxis.label]
        legend = ax.get_legend()
        found += list(legend.get_texts()) if legend is not None else []
        found += list(ax.texts)
        yield from (t for t in found if t.get_visible() and t.get_text().strip())


def _labels(axis: Axis) -> list[Text]:
    """The tick labels matplotlib will draw: those of ticks inside the axis's view."""
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    return [tick.label1 for tick in axis.get_major_ticks()
            if tick.label1.get_visible() and low - slack <= tick.get_loc() <= high + slack]


def _thin(axis: Axis, measure: Measure, room: Box) -> bool:
    """Every k-th tick kept when neighbouring labels crowd, a tick dropped whose label leaves
    the figure; whether the ticks changed."""
    labels = [t for t in _labels(axis) if t.get_text().strip()]
    if not labels:
        return False
    boxes = [extent(t, measure) for t in labels]
    locations = [t.get_position()[0 if _along_x(axis) else 1] for t in labels]
    inside = [i for i, box in enumerate(boxes) if box.within(room)]
    gap = TICK_GAP if _along_x(axis) else LINE_GAP
    step = 1
    while step < len(inside) and _crowded([boxes[i] for i in inside[::step]], gap):
        step += 1
    keep = inside[::step]
    if len(keep) == len(labels):
        return False
    texts_kept = [labels[i].get_text() for i in keep]
    axis.set_ticks([locations[i] for i in keep], texts_kept)
    return True


def _along_x(axis: Axis) -> bool:
    from matplotlib.axis import XAxis

    return isinstance(axis, XAxis)


def _crowded(boxes: Sequence[Box], gap: float) -> bool:
    return any(a.grown(gap / 2).overlaps(b.grown(gap / 2), 0.0) for a, b in zip(boxes, boxes[1:]))


def _cut_title(axis: Axis, measure: Measure) -> bool:
    """An axis title no longer than its axis (it is centred on it); whether it was cut."""
    title = axis.label
    if not title.get_text() or not title.get_visible():
        return False
    figure = axis.axes.get_figure(root=True)
    box = axis.axes.get_window_extent().transformed(figure.dpi_scale_trans.inverted())  # type: ignore[union-attr]
    length = (box.width if _along_x(axis) else box.height) * POINTS
    written = title.get_text()
    shown = measure.cut(written, length, font_size(title), is_bold(title))
    title.set_text(shown)
    return shown != written
