"""Booklet imposition for saddle stitching: pages 2-up on sheets, in folding order.

Print the result duplex, flipped on the short edge, fold the stack and staple at the fold.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

A4_LANDSCAPE = (841.8898, 595.2756)


@dataclass(frozen=True)
class Imposed:
    pdf: bytes
    sheets: int
    blanks_added: int


def reading_order(pages: int) -> list[int | None]:
    """Page numbers padded to a multiple of 4; blanks go before the last page (the back cover)."""
    blanks = -pages % 4
    numbers: list[int | None] = list(range(1, pages + 1))
    if pages > 1:
        return numbers[:-1] + [None] * blanks + numbers[-1:]
    return numbers + [None] * blanks


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """Left and right page numbers (1-based, None for blank) of each sheet side, in order.

    8 pages: front 8|1, back 2|7, front 6|3, back 4|5.
    """
    order = reading_order(pages)
    total = len(order)
    sides: list[tuple[int | None, int | None]] = []
    for sheet in range(total // 4):
        outer_left, outer_right = total - 2 * sheet, 2 * sheet + 1
        sides.append((order[outer_left - 1], order[outer_right - 1]))
        sides.append((order[outer_right], order[outer_left - 2]))
    return sides


def impose_booklet(pdf: bytes, *, sheet: tuple[float, float] | None = None) -> Imposed:
    """Impose a finished (trimmed) PDF: sheets twice the page width, or ``sheet`` (fitted)."""
    import pikepdf

    source = pikepdf.open(io.BytesIO(pdf))
    count = len(source.pages)
    width, height = _trim_size(source.pages[0])
    sheet_w, sheet_h = sheet or (2 * width, height)
    scale = min(sheet_w / (2 * width), sheet_h / height)
    x0 = (sheet_w - 2 * width * scale) / 2
    y0 = (sheet_h - height * scale) / 2
    out = pikepdf.new()
    for side in booklet_order(count):
        page = out.add_blank_page(page_size=(sheet_w, sheet_h))
        for slot, number in enumerate(side):
            if number is None:
                continue
            left = x0 + slot * width * scale
            rect = pikepdf.Rectangle(left, y0, left + width * scale, y0 + height * scale)
            page.add_overlay(_trimmed(out, source.pages[number - 1]), rect)
    _copy_metadata(source, out)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True)
    return Imposed(buffer.getvalue(), len(booklet_order(count)) // 2, -count % 4)


def _trim_size(page: Any) -> tuple[float, float]:
    box = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
    return box[2] - box[0], box[3] - box[1]


def _trimmed(out: Any, page: Any) -> Any:
    """The page as a form XObject showing only its TrimBox (no bleed, no marks)."""
    import pikepdf

    form = out.copy_foreign(page.as_form_xobject())
    trim = page.obj.get("/TrimBox")
    if trim is not None:
        form.BBox = pikepdf.Array([float(v) for v in trim])
    return form


def _copy_metadata(source: Any, out: Any) -> None:
    for key, value in source.docinfo.items():
        out.docinfo[key] = value
    if "/Lang" in source.Root:
        out.Root.Lang = source.Root.Lang
