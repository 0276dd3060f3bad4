"""Custom flowables: each a small class with ``wrap`` and ``draw``."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import Annotation
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether

from .geometry import Geometry
from .paragraph import Paragraph, style_fingerprint


def draw_drawing(drawing: Drawing, canvas: Canvas, x: float, y: float, font: str) -> None:
    """Render a Drawing, its base font the brand's (ReportLab's default would be Helvetica).

    Drawings are shared between builds, so the font is set on a shallow copy."""
    own = copy.copy(drawing)
    own.initialFontName = font
    renderPDF.draw(own, canvas, x, y)


class AltTextAnnotation(Annotation):
    """An invisible annotation over a figure whose Contents is the figure's alt text."""

    def __init__(self, rect: tuple[float, float, float, float], contents: str) -> None:
        self.Rect = rect
        self.Contents = contents

    def Dict(self):  # type: ignore[no-untyped-def]  # noqa: N802 (ReportLab's name)
        return self.AnnotationDict(
            Rect=self.Rect, Contents=self.Contents, Subtype="/Square", Border="[0 0 0]", F=4
        )


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


def annotate_alt_text(canvas: Canvas, width: float, height: float, alt: str) -> None:
    """Attach ``alt`` to the figure drawn at the current origin, ``width`` x ``height``."""
    x0, y0 = canvas.absolutePosition(0, 0)
    x1, y1 = canvas.absolutePosition(width, height)
    canvas._addAnnotation(AltTextAnnotation((x0, y0, x1, y1), alt))


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


class Figure(Flowable):
    """A vector drawing made for the available width (charts, SVG images), with alt text."""

    def __init__(
        self, make: Callable[[float], Drawing], alt: str, font: str, fraction: float = 1.0,
        annotate: bool = True,
    ) -> None:
        super().__init__()
        self.make, self.alt, self.fraction, self.annotate = make, alt, fraction, annotate
        self.font = font
        self._drawings: dict[float, Drawing] = {}

    def _drawing(self, width: float) -> Drawing:
        key = round(width, 2)
        if key not in self._drawings:
            self._drawings[key] = self.make(width)
        return self._drawings[key]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        drawing = self._drawing(availWidth * self.fraction)
        self.width, self.height = drawing.width, drawing.height
        self._avail = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        drawing = self._drawing(self._avail * self.fraction)
        draw_drawing(drawing, self.canv, 0, 0, self.font)
        if self.annotate:
            annotate_alt_text(self.canv, drawing.width, drawing.height, self.alt)


class RasterImage(Flowable):
    """A PNG or JPEG scaled to a fraction of the available width, aspect kept.

    ``prepare(path, width, height)`` gives the bytes to embed at that printed size.
    """

    def __init__(
        self, path: Path, prepare: Callable[[Path, float, float], bytes], alt: str | None,
        fraction: float = 1.0, max_height: float = 10_000,
    ) -> None:
        super().__init__()
        self.path, self.prepare, self.alt, self.fraction = path, prepare, alt, fraction
        self.max_height = max_height
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
        import io

        data = self.prepare(self.path, self.width, self.height)
        self.canv.drawImage(ImageReader(io.BytesIO(data)), 0, 0, self.width, self.height, mask="auto")
        if self.alt:
            annotate_alt_text(self.canv, self.width, self.height, self.alt)


class BottomAnchor(Flowable):
    """Takes the rest of the frame and sets its content against the frame's foot."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content: list[Flowable] = []
        for flowable in content:  # the anchor keeps its content together itself
            self.content += flowable._content if isinstance(flowable, KeepTogether) else [flowable]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._sizes = [f.wrapOn(self.canv, availWidth, availHeight) for f in self.content]
        self._needed = sum(h for _w, h in self._sizes)
        self.width = availWidth
        self.height = max(self._needed, availHeight - 1e-3)
        return self.width, self.height

    def draw(self) -> None:
        y = self._needed
        for flowable, (_w, h) in zip(self.content, self._sizes):
            y -= h
            flowable.drawOn(self.canv, 0, y)


def column_width(width: float, count: int, gutter: float) -> float:
    return (width - gutter * (count - 1)) / count


class Columns(Flowable):
    """Balanced columns: content flows down the first column, then the next, all ending level.

    Cheaper than ReportLab's BalancedColumns: each flowable is wrapped once per try and split
    at most once per column; the column height starts at the balanced share and grows a line
    at a time until everything fits. Taller than the frame, it fills this page and splits.
    """

    def __init__(self, content: list[Flowable], count: int, gutter: float, line: float) -> None:
        super().__init__()
        self.content, self.count, self.gutter, self.line = content, count, gutter, line
        self._columns: list[list[Flowable]] = []

    def _column_width(self, width: float) -> float:
        return column_width(width, self.count, self.gutter)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        pour = _Pour(self.canv, self._column_width(availWidth), self.count)
        self._columns = getattr(self, "_fixed", None) or self._balance(pour)
        self.height = max(pour.column_height(col) for col in self._columns)
        return self.width, self.height

    def _balance(self, pour: _Pour) -> list[list[Flowable]]:
        """The shortest column height, a line at a time from the even share, that holds it all."""
        total = sum(pour.height(f) for f in self.content)
        height = total / self.count
        while True:
            columns, rest = pour(self.content, height)
            if not rest or height > total + self.line:
                return columns
            height += self.line

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        pour = _Pour(self.canv, self._column_width(availWidth), self.count)
        columns, rest = pour(self.content, availHeight)
        if not any(columns):
            return []
        first = Columns([f for col in columns for f in col], self.count, self.gutter, self.line)
        first._fixed = columns  # this page's columns exactly as poured
        return [first, Columns(rest, self.count, self.gutter, self.line)] if rest else [first]

    def draw(self) -> None:
        column = self._column_width(self.width)
        for index, flowables in enumerate(self._columns):
            x, y = index * (column + self.gutter), self.height
            for position, flowable in enumerate(flowables):
                if position:
                    y -= flowable.getSpaceBefore()
                _w, h = flowable.wrapOn(self.canv, column, 100_000)
                y -= h
                flowable.drawOn(self.canv, x, y)
                y -= flowable.getSpaceAfter()


class _Pour:
    """Pours flowables into columns of one width, measuring on the document's canvas."""

    def __init__(self, canvas: Canvas, width: float, count: int) -> None:
        self.canvas, self.width, self.count = canvas, width, count

    def height(self, flowable: Flowable) -> float:
        inner = flowable.wrapOn(self.canvas, self.width, 100_000)[1]
        return float(inner) + float(flowable.getSpaceBefore()) + float(flowable.getSpaceAfter())

    def column_height(self, column: list[Flowable]) -> float:
        if not column:
            return 0.0
        total = sum(self.height(f) for f in column)
        return total - float(column[0].getSpaceBefore()) - float(column[-1].getSpaceAfter())

    def __call__(self, content: list[Flowable], height: float) -> tuple[list[list[Flowable]], list[Flowable]]:
        """Fill up to ``count`` columns of ``height``; return them and what is left over."""
        queue = list(content)
        columns: list[list[Flowable]] = []
        while queue and len(columns) < self.count:
            columns.append(self._column(queue, height))
        return columns, queue

    def _column(self, queue: list[Flowable], height: float) -> list[Flowable]:
        column: list[Flowable] = []
        room = height
        while queue:
            flowable = queue[0]
            needed = self.height(flowable) - (0 if column else flowable.getSpaceBefore())
            if needed - flowable.getSpaceAfter() <= room + 1e-6:
                column.append(queue.pop(0))
                room -= needed
                continue
            parts = flowable.splitOn(self.canvas, self.width, room) if room > 0 else []
            if len(parts) >= 2:
                column.append(parts[0])
                queue[0:1] = parts[1:]
            break
        while len(column) > 1 and getattr(column[-1], "keepWithNext", False):
            queue.insert(0, column.pop())  # a heading never ends a column
        return column
