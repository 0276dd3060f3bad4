"""Section openers, and the balanced widths of titles."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

from ..source.photos import OPENER_BAND, Box
from .geometry import Geometry
from .paragraph import Paragraph, scaled, style_fingerprint, widest_word
from .tagging import artifact

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


def words_fitted(paragraph: Paragraph, width: float) -> tuple[Paragraph, float]:
    """A display paragraph set small enough (in steps of 5 %, to half its size at least) that
    its longest word fits ``width`` unbroken, and the scale it is set at."""
    base = paragraph.base_style or paragraph.style
    widest = widest_word(paragraph) * base.fontSize / paragraph.style.fontSize
    if widest <= width:
        return paragraph, 1.0
    scale = max(TITLE_MIN_SCALE, math.floor(width / widest * 20) / 20)
    return scaled(paragraph, scale), scale


def _search_balanced_width(paragraph: Paragraph, width: float) -> float:
    lines = len(_lines(paragraph, width))
    low, high = max(width * 0.5, widest_word(paragraph) * 1.02), width
    if lines < 2 or low >= high:
        return width
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


class LayoutTooBig(LayoutError):
    """A block that cannot be laid out however it is shrunk; the message says why, in the
    user's words, and ``where`` is its place in the YAML (else the block being laid out's)."""

    def __init__(self, message: str, where: tuple[str | int, ...] | None = None) -> None:
        super().__init__(message)
        self.where = where

    @staticmethod
    def first_in(exc: BaseException) -> LayoutTooBig | None:
        """The first one raised among ``exc`` and the errors it was raised from: ReportLab
        raises a copy of an error in a page's drawing with its own words added (and no place)."""
        found: LayoutTooBig | None = None
        seen: BaseException | None = exc
        while seen is not None:
            if isinstance(seen, LayoutTooBig):
                found = seen
            seen = seen.__cause__ or seen.__context__
        return found


BAND_SHARE, BAND_MAX_SHARE = OPENER_BAND
"""A section's colour band is at least this share of the page height, and grows with its title
up to the other; beyond it the title's type shrinks."""
BAND_FOOT = 0.16
"""Room under the title, as a share of the band's least height."""
KICKER_GAP = 6.0
TITLE_MIN_SCALE = 0.5
"""The smallest the title's type may get, as a share of its size."""


CREDIT_GAP = 2 * mm
"""A photo's credit stands this far above the foot of the band, under the title."""
CREDIT_SHARE = 0.6
"""A credit on a photo takes at most this share of the text width (a longer one wraps)."""


@dataclass
class BandPhoto:
    """A photo under an opener's band: what paints it into a box (points from the trim's
    corner, and where the canvas's origin is on the sheet), the brand's bleed it is cropped
    for, and its credit."""

    paint: Callable[[Canvas, Box, tuple[float, float]], object]
    bleed: float
    credit: Paragraph | None = None


class SectionOpener(Flowable):
    """A colour band from the top edge of the page (into the bleed) with kicker and title; or
    a photo there, the band's colour washed over it.

    The band grows with a long title, up to half the page; a longer title is set smaller (down
    to half its size); a title longer still is an error naming the section."""

    def __init__(self, kicker: Paragraph | None, title: Paragraph, colour: Color, geometry: Geometry,
                 space_below: float, photo: BandPhoto | None = None) -> None:
        super().__init__()
        self.kicker, self.title, self.colour, self.photo = kicker, title, colour, photo
        self.geometry, self.space_below = geometry, space_below
        self.band_height = geometry.trim_height * BAND_SHARE

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        g = self.geometry
        self.width = availWidth
        self._kicker_h = self.kicker.wrap(availWidth, availHeight)[1] + KICKER_GAP if self.kicker else 0.0
        least, most = g.trim_height * BAND_SHARE, g.trim_height * BAND_MAX_SHARE
        room = most - least * BAND_FOOT - g.top * 0.5 - self._kicker_h
        self._title_h = self._fit_title(availWidth, room)
        needed = least * BAND_FOOT + self._title_h + self._kicker_h + g.top * 0.5
        self.band_height = max(least, needed)
        self.height = self.band_height - g.top + self.space_below
        return self.width, self.height

    def _fit_title(self, width: float, room: float) -> float:
        """The title's height, its type shrunk step by step until it fits ``room`` (and from
        the first until its longest word fits the width: a display title is not hyphenated)."""
        style = self.title.style
        self.title, scale = words_fitted(self.title, width)
        while True:
            self._title_w = balanced_width(self.title, width)
            height = float(self.title.wrap(self._title_w, room)[1])
            if height <= room:
                return height
            scale -= 0.05
            if scale < TITLE_MIN_SCALE:
                raise LayoutTooBig(f"the section title takes {height / style.leading:.0f} lines even at half "
                                   "its size and does not fit the top half of the page: shorten it")
            self.title = scaled(self.title, scale)  # keeps its place in the structure tree

    def draw(self) -> None:
        g, canvas = self.geometry, self.canv
        ax, ay = canvas.absolutePosition(0, 0)
        band_bottom = g.offset + g.trim_height - self.band_height - ay
        if self.photo is not None:
            self._photo(self.photo, (ax, ay), band_bottom)
        else:
            with artifact(canvas):
                canvas.saveState()
                canvas.setFillColor(self.colour)
                canvas.rect(
                    g.slug - ax, band_bottom, g.trim_width + 2 * g.bleed,
                    self.band_height + g.bleed, stroke=0, fill=1,
                )
                canvas.restoreState()
        y = band_bottom + g.trim_height * BAND_SHARE * BAND_FOOT
        self.title.drawOn(canvas, 0, y)
        if self.kicker:
            self.kicker.drawOn(canvas, 0, y + self._title_h + KICKER_GAP)

    def _photo(self, photo: BandPhoto, at: tuple[float, float], band_bottom: float) -> None:
        """The photo over the band's box; its credit at the band's foot, right-aligned."""
        g = self.geometry
        photo.paint(self.canv, (-photo.bleed, g.trim_height - self.band_height, g.trim_width + photo.bleed,
                                g.trim_height + photo.bleed), at)
        if photo.credit is not None:
            width = self.width * CREDIT_SHARE
            photo.credit.wrap(width, 10_000)
            photo.credit.drawOn(self.canv, self.width - width, band_bottom + CREDIT_GAP)
