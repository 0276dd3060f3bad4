"""Booklet imposition for saddle stitching: pages 2-up on sheets, in folding order.

``impose_booklet`` fits trimmed spreads on a sheet for an office printer (print duplex, flip on
the short edge, fold the stack, staple at the fold). ``impose_press_booklet`` is for the press:
from the print file, each spread with its bleed on the outside edges, crop marks at its corners
and fold marks at the spine, on the smallest press sheet that holds them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

MM = 72 / 25.4
A4_LANDSCAPE = (841.8898, 595.2756)
PRESS_SHEETS_MM = {"SRA4": (320.0, 225.0), "SRA3": (450.0, 320.0), "12 x 18 in": (457.2, 304.8),
                   "SRA2": (640.0, 450.0), "SRA1": (900.0, 640.0)}
"""Press sheets, landscape; the smallest that holds a spread with its bleed and marks is used."""
MARK_GAP = 1.5 * MM
"""Between the bleed edge and the start of a mark."""
MARK_LENGTH, MIN_MARK_LENGTH = 5 * MM, 3 * MM
MARK_WIDTH = 0.25


@dataclass(frozen=True)
class Imposed:
    pdf: bytes
    sheets: int
    blanks_added: int
    sheet: str = ""


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


@dataclass(frozen=True)
class Sheet:
    name: str
    width: float
    height: float
    mark_length: float


def press_sheet(spread: tuple[float, float], bleed: float) -> Sheet:
    """The smallest press sheet with room for ``spread``, its bleed and marks of at least 3 mm."""
    fitting = []
    for name, (w_mm, h_mm) in PRESS_SHEETS_MM.items():
        width, height = w_mm * MM, h_mm * MM
        room = min(width - spread[0], height - spread[1]) / 2 - bleed - MARK_GAP
        if room >= MIN_MARK_LENGTH - 0.01:
            fitting.append(Sheet(name, width, height, min(MARK_LENGTH, room)))
    if not fitting:
        raise ValueError(f"no press sheet holds a {spread[0] / MM:.0f} x {spread[1] / MM:.0f} mm spread")
    return min(fitting, key=lambda s: s.width * s.height)


def impose_press_booklet(pdf: bytes) -> Imposed:
    """Impose the print file (TrimBox and BleedBox on every page) for the press."""
    import pikepdf

    source = pikepdf.open(io.BytesIO(pdf))
    count = len(source.pages)
    trim, bleed = _boxes(source.pages[0])
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    margin = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
    sheet = press_sheet((2 * width, height), margin)
    x0, y0 = (sheet.width - 2 * width) / 2, (sheet.height - height) / 2
    out = pikepdf.new()
    registration = _registration(out, source)
    forms: dict[int, Any] = {}
    for side in booklet_order(count):
        page = out.add_blank_page(page_size=(sheet.width, sheet.height))
        spread = (x0, y0, x0 + 2 * width, y0 + height)
        page.obj.TrimBox = pikepdf.Array(spread)
        page.obj.BleedBox = pikepdf.Array([spread[0] - margin, spread[1] - margin, spread[2] + margin,
                                           spread[3] + margin])
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(), ColorSpace=pikepdf.Dictionary(
            Registration=registration))
        drawn = []
        for slot, number in enumerate(side):
            if number is None:
                continue
            key = 2 * number + slot
            if key not in forms:
                forms[key] = _page_with_outer_bleed(out, source.pages[number - 1], left=slot == 0)
            name = f"/Page{number}"
            page.obj.Resources.XObject[name] = forms[key]
            dx, dy = x0 + slot * width - trim[0], y0 - trim[1]
            drawn.append(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm {name} Do Q")
        marks = press_marks(spread, margin, sheet.mark_length)
        page.obj.Contents = out.make_stream("\n".join([*drawn, marks]).encode("ascii"))
    _copy_metadata(source, out)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True)
    return Imposed(buffer.getvalue(), len(booklet_order(count)) // 2, -count % 4, sheet.name)


def _boxes(page: Any) -> tuple[list[float], list[float]]:
    trim = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
    bleed = [float(v) for v in page.obj.get("/BleedBox", trim)]
    return trim, bleed


def _page_with_outer_bleed(out: Any, page: Any, *, left: bool) -> Any:
    """The page as a form showing its trim and its bleed on the outside edges (not the spine)."""
    import pikepdf

    trim, bleed = _boxes(page)
    form = out.copy_foreign(page.as_form_xobject())
    form.BBox = pikepdf.Array([bleed[0] if left else trim[0], bleed[1], trim[2] if left else bleed[2], bleed[3]])
    return form


def _registration(out: Any, source: Any) -> Any:
    """Separation /All: ink on every plate, for marks; the very one the pages use if they have
    one (one file, one definition of a separation name: PDF/A-2 and RIPs compare them)."""
    import pikepdf

    for page in source.pages:
        for space in (page.obj.get("/Resources", {}).get("/ColorSpace") or {}).values():
            if isinstance(space, pikepdf.Array) and len(space) == 4 and space[0] == "/Separation" \
                    and space[1] == "/All":
                return out.copy_foreign(space)
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return out.make_indirect(pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All,
                                            pikepdf.Name.DeviceCMYK, tint]))


def press_marks(spread: tuple[float, float, float, float], bleed: float, length: float) -> str:
    """Crop marks at the spread's four corners and fold marks at the spine, top and bottom,
    all outside the bleed, 0.25 pt in registration colour."""
    left, bottom, right, top = spread
    start, end = bleed + MARK_GAP, bleed + MARK_GAP + length
    lines = []
    for x, y, dx, dy in ((left, bottom, -1, -1), (right, bottom, 1, -1), (left, top, -1, 1), (right, top, 1, 1)):
        lines.append((x + dx * start, y, x + dx * end, y))
        lines.append((x, y + dy * start, x, y + dy * end))
    spine = (left + right) / 2
    fold = [(spine, bottom - start, spine, bottom - end), (spine, top + start, spine, top + end)]
    draw = [f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l S" for a, b, c, d in lines]
    folds = [f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l S" for a, b, c, d in fold]
    return "\n".join(["q /Registration CS 1 SCN", f"{MARK_WIDTH} w", *draw, "[2 1.5] 0 d", *folds, "Q"])
