"""Pictures in the flow: vector drawings (charts, SVG images) and raster images (PNG, JPEG),
each no taller than its page allows, aligned left, centre or right in its column."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .tagging import Element, marked

ALIGNMENTS = {"left": "LEFT", "centre": "CENTER", "right": "RIGHT"}


def draw_drawing(drawing: Drawing, canvas: Canvas, x: float, y: float, font: str) -> None:
    """Render a Drawing, its base font the brand's (ReportLab's default would be Helvetica).

    Drawings are shared between builds, so the font is set on a shallow copy."""
    own = copy.copy(drawing)
    own.initialFontName = font
    renderPDF.draw(own, canvas, x, y)


class Figure(Flowable):
    """A vector drawing made for a width (charts, SVG images); a drawing taller than
    ``max_height`` is made again for the width that gives that height. Its content belongs to
    a Figure element (which carries the alt text), or is decoration when there is none."""

    def __init__(
        self, make: Callable[[float], Drawing], font: str, tag: Element | None, fraction: float = 1.0,
        align: str = "left", max_height: float = 1e6,
    ) -> None:
        super().__init__()
        self.make, self.tag, self.fraction = make, tag, fraction
        self.font, self.max_height, self.hAlign = font, max_height, ALIGNMENTS[align]
        self._drawings: dict[float, Drawing] = {}
        self._drawing_now: Drawing | None = None

    def _drawing(self, width: float) -> Drawing:
        key = round(width, 2)
        if key not in self._drawings:
            self._drawings[key] = self.make(width)
        return self._drawings[key]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        drawing = self._drawing(availWidth * self.fraction)
        if drawing.height > self.max_height:
            drawing = self._drawing(drawing.width * self.max_height / drawing.height)
        self._drawing_now = drawing
        self.width, self.height = drawing.width, drawing.height
        return self.width, self.height

    def draw(self) -> None:
        drawing = self._drawing_now or self._drawing(self.width)
        with marked(self.canv, self.tag):
            draw_drawing(drawing, self.canv, 0, 0, self.font)


class RasterImage(Flowable):
    """A PNG or JPEG scaled to a fraction of the available width, aspect kept.

    ``prepare(path, width, height)`` gives the bytes to embed at that printed size.
    """

    def __init__(
        self, path: Path, prepare: Callable[[Path, float, float], bytes], tag: Element | None,
        fraction: float = 1.0, max_height: float = 10_000, align: str = "left",
    ) -> None:
        super().__init__()
        self.path, self.prepare, self.tag, self.fraction = path, prepare, tag, fraction
        self.max_height, self.hAlign = max_height, ALIGNMENTS[align]
        self.pixels = ImageReader(str(path)).getSize()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """As wide as asked, unless that would be taller than a page: then as tall as one."""
        self.width = availWidth * self.fraction
        self.height = self.width * self.pixels[1] / self.pixels[0]
        if self.height > self.max_height:
            self.width *= self.max_height / self.height
            self.height = self.max_height
        return self.width, self.height

    def draw(self) -> None:
        data = self.prepare(self.path, self.width, self.height)
        with marked(self.canv, self.tag):
            self.canv.drawImage(ImageReader(io.BytesIO(data)), 0, 0, self.width, self.height, mask="auto")
