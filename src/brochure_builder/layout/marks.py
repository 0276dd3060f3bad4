"""Printer's marks: crop marks at the trim corners, outside the bleed, in registration colour."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from .geometry import Geometry
from .profiles import MARK_LENGTH, MARK_OFFSET

REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")
"""Prints on every plate: the colour printers expect marks in."""


def draw_crop_marks(canvas: Canvas, g: Geometry) -> None:
    left, bottom = g.offset, g.offset
    right, top = g.offset + g.trim_width, g.offset + g.trim_height
    start = g.bleed + MARK_OFFSET
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(0.25)
    for x, y, dx, dy in ((left, bottom, -1, -1), (right, bottom, 1, -1), (left, top, -1, 1), (right, top, 1, 1)):
        canvas.line(x + dx * start, y, x + dx * (start + MARK_LENGTH), y)
        canvas.line(x, y + dy * start, x, y + dy * (start + MARK_LENGTH))
    canvas.restoreState()
