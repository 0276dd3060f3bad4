"""Ink coverage as the press lays it down, summed over overlapping objects, measured by rendering.

PDFium renders in RGB only, so each page is rendered once per process ink from the copies
``separations.py`` makes (each object painting its amount of one ink as grey). Summing the four
renders gives the total ink under every pixel of the printed area (the BleedBox), at
``INK_DPI``. Antialiasing is off for text and paths, so an edge pixel holds the ink of one
object, not a blend.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from .checks import PageView, describe
from .content import Box, Budget, Machine, Paint
from .findings import Finding
from .separations import Separator

INK_DPI = 36
"""Resolution of the ink renders: a pixel is 0.7 mm, the smallest area ink limits apply to."""
MAX_INK_PERCENT = 300.0
INKS = "CMYK"


@dataclass
class InkMap:
    """The ink of each process colour (0 to 1) on a grid over the printed area of one page."""

    page: int
    area: Box
    inks: Any
    """numpy array, rows from the top of ``area``, columns from its left, 4 inks."""

    @property
    def scale(self) -> float:
        return INK_DPI / 72

    def region(self, box: Box) -> Any:
        """The inks under ``box`` (page space), at least one pixel."""
        import numpy as np

        rows, cols = self.inks.shape[:2]
        x0 = int(np.clip((box[0] - self.area[0]) * self.scale, 0, cols - 1))
        x1 = int(np.clip((box[2] - self.area[0]) * self.scale, x0 + 1, cols))
        y0 = int(np.clip((self.area[3] - box[3]) * self.scale, 0, rows - 1))
        y1 = int(np.clip((self.area[3] - box[1]) * self.scale, y0 + 1, rows))
        return self.inks[y0:y1, x0:x1]

    def point(self, row: int, column: int) -> tuple[float, float]:
        return (self.area[0] + (column + 0.5) / self.scale, self.area[3] - (row + 0.5) / self.scale)


def ink_maps(data: bytes, views: list[PageView], name: str) -> tuple[list[InkMap], list[Finding]]:
    """One InkMap per page of ``data`` (already opened and checked as ``views``)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        separator = Separator(pdf)
        count = len(pdf.pages)
        for view in views:
            page = pdf.pages[view.number - 1]
            separator.page = view.number
            from .reader import inherited

            budget = Budget(name=name)
            resources = inherited(page.obj, "/Resources")
            for content, res in separator.stream(page, resources, Machine(resources), budget):
                pdf.pages.append(pikepdf.Page(pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.Page, MediaBox=pikepdf.Array(view.printed),
                    Resources=res, Contents=pdf.make_stream(content)))))
        del pdf.pages[:count]
        buffer = io.BytesIO()
        pdf.save(buffer)
    return _render(buffer.getvalue(), views), separator.findings


def _render(separations: bytes, views: list[PageView]) -> list[InkMap]:
    import numpy as np
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(separations)  # made here from checked content: PDFium reads it
    maps = []
    try:
        for index, view in enumerate(views):
            planes = []
            for ink in range(4):
                bitmap = document[4 * index + ink].render(
                    scale=INK_DPI / 72, draw_annots=False, no_smoothtext=True, no_smoothpath=True)
                planes.append(1 - bitmap.to_numpy()[:, :, 1].astype("float32") / 255)
            maps.append(InkMap(view.number, view.printed, np.stack(planes, axis=2)))
    finally:
        document.close()
    return maps


def coverage_findings(maps: list[InkMap], views: list[PageView], limit: float = MAX_INK_PERCENT) -> list[Finding]:
    """Where the summed ink goes over ``limit`` percent: the worst place on each page, and what
    is painted there."""
    import numpy as np

    findings = []
    for ink_map, view in zip(maps, views):
        total = ink_map.inks.sum(axis=2) * 100
        worst = float(total.max()) if total.size else 0.0
        if worst <= limit + 0.5:
            continue
        row, column = np.unravel_index(int(total.argmax()), total.shape)
        x, y = ink_map.point(int(row), int(column))
        inks = " ".join(f"{n}{v * 100:.0f}" for n, v in zip(INKS, ink_map.inks[row, column]) if v > 0.005)
        top = _topmost(view, x, y)
        what = f" under {describe(top)}" if top is not None else ""
        findings.append(Finding("error", view.number, f"ink coverage {worst:.0f}% ({inks}) is over "
                                f"{limit:.0f}%{what}", view.where((x, y, x, y))))
    return findings


def _topmost(view: PageView, x: float, y: float) -> Paint | None:
    slack = 72 / INK_DPI
    for paint in reversed(view.paints):
        box = paint.visible_box
        if box is not None and paint.kind not in ("form", "annotation") and \
                box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack:
            return paint
    return None
