"""Pictures of a brochure for an email or a post: the cover as PNG, and a contact sheet."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .output import write_atomically

COVER_WIDTH = 1200
THUMB_WIDTH = 300
COLUMNS = 4
GAP = 24
BACKDROP = (232, 235, 234)
MAX_HEIGHT_RATIO = 4
"""A picture is at most four times as tall as it is wide (a page of odd proportions is shrunk)."""
MAX_THUMBS = 48
"""Pages on the contact sheet (the first ones)."""


def write_previews(pdf: bytes, folder: Path, name: str, source: str = "PDF") -> list[Path]:
    """Write ``NAME-cover.png`` (about 1200 px wide) and ``NAME-pages.png`` into ``folder``."""
    import pypdfium2 as pdfium

    from .reader import Unreadable

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise Unreadable.of(source, f"PDFium cannot read it: {exc}") from None
    try:
        cover = _render(document[0], COVER_WIDTH)
        thumbs = [_render(document[i], THUMB_WIDTH) for i in range(min(len(document), MAX_THUMBS))]
    except (pdfium.PdfiumError, ValueError, ZeroDivisionError) as exc:
        raise Unreadable.of(source, f"a page cannot be rendered: {exc}") from None
    finally:
        document.close()
    targets = [folder / f"{name}-cover.png", folder / f"{name}-pages.png"]
    for target, image in zip(targets, (cover, _contact_sheet(thumbs))):
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        write_atomically(target, buffer.getvalue())
    return targets


def _render(page: Any, width: int) -> Any:
    """The page ``width`` pixels wide, or less if it would be more than four widths tall."""
    page_width, page_height = page.get_width(), page.get_height()
    if page_width <= 0 or page_height <= 0:
        raise ValueError(f"a page of {page_width:g} x {page_height:g} pt")
    scale = min(width / page_width, width * MAX_HEIGHT_RATIO / page_height)
    return page.render(scale=scale).to_pil().convert("RGB")


def _contact_sheet(thumbs: list[Any]) -> Any:
    from PIL import Image

    width, height = max(t.width for t in thumbs), max(t.height for t in thumbs)
    rows = -(-len(thumbs) // COLUMNS)
    columns = min(COLUMNS, len(thumbs))
    sheet = Image.new("RGB", (GAP + columns * (width + GAP), GAP + rows * (height + GAP)), BACKDROP)
    for i, thumb in enumerate(thumbs):
        sheet.paste(thumb, (GAP + (i % COLUMNS) * (width + GAP), GAP + (i // COLUMNS) * (height + GAP)))
    return sheet
