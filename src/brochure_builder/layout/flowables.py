"""Section openers, and the balanced widths of titles."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from .geometry import Geometry
from .paragraph import Paragraph, style_fingerprint

_balanced: dict[tuple[str, str, float], float] = {}
"""Balanced widths already found in this process (``watch`` and mail merge rebuild the same
titles: the search was 40% of all line breaking in a rebuild)."""


def balanced_width(paragraph: Paragraph, width: float) -> float:
    """The narrowest width that keeps the paragraph's line count: even lines, no lone word."""
    key = (str(paragraph.text), style_fingerprint(paragraph.style), width)
    if key not in _balanced:
        if len(_balanced) > 1000:
            _balanced.clear()
        _balanced[key] = _search_balanced_width(paragraph, width)
    return _balanced[key]


def _search_balanced_width(paragraph: Paragraph, width: float) -> float:
    lines = len(_lines(paragraph, width))
    if lines < 2:
        return width
    low, high = width * 0.5, width
    while high - low > 2:
        middle = (low + high) / 2
        if len(_lines(paragraph, middle)) > lines:
            low = middle
        else:
            high = middle
    return high


def _lines(paragraph: Paragraph, width: float) -> list[object]:
    paragraph.wrap(width, 100_000)
    return list(paragraph.blPara.lines)


class SectionOpener(Flowable):
    """A colour band from the top edge of the page (into the bleed) with kicker and title."""

    def __init__(
        self, kicker: Paragraph | None, title: Paragraph, colour: Color, geometry: Geometry,
        band_height: float, space_below: float,
    ) -> None:
        super().__init__()
        self.kicker, self.title, self.colour = kicker, title, colour
        self.geometry, self.band_height, self.space_below = geometry, band_height, space_below

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._title_w = balanced_width(self.title, availWidth)
        self._title_h = self.title.wrap(self._title_w, availHeight)[1]
        self._kicker_h = self.kicker.wrap(availWidth, availHeight)[1] if self.kicker else 0
        self.height = self.band_height - self.geometry.top + self.space_below
        return self.width, self.height

    def draw(self) -> None:
        g, canvas = self.geometry, self.canv
        ax, ay = canvas.absolutePosition(0, 0)
        band_bottom = g.offset + g.trim_height - self.band_height - ay
        canvas.saveState()
        canvas.setFillColor(self.colour)
        canvas.rect(
            g.slug - ax, band_bottom, g.trim_width + 2 * g.bleed,
            self.band_height + g.bleed, stroke=0, fill=1,
        )
        canvas.restoreState()
        y = band_bottom + self.band_height * 0.16
        self.title.drawOn(canvas, 0, y)
        if self.kicker:
            self.kicker.drawOn(canvas, 0, y + self._title_h + 6)
