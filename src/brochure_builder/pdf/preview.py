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


def write_previews(pdf: bytes, folder: Path, name: str) -> list[Path]:
    """Write ``NAME-cover.png`` (about 1200 px wide) and ``NAME-pages.png`` into ``folder``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        cover = _render(document[0], COVER_WIDTH)
        thumbs = [_render(document[i], THUMB_WIDTH) for i in range(len(document))]
    finally:
        document.close()
    targets = [folder / f"{name}-cover.png", folder / f"{name}-pages.png"]
    for target, image in zip(targets, (cover, _contact_sheet(thumbs))):
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        write_atomically(target, buffer.getvalue())
    return targets


def _render(page: Any, width: int) -> Any:
    scale = width / page.get_width()
    return page.render(scale=scale).to_pil().convert("RGB")


def _contact_sheet(thumbs: list[Any]) -> Any:
    from PIL import Image

    width, height = thumbs[0].size
    rows = -(-len(thumbs) // COLUMNS)
    columns = min(COLUMNS, len(thumbs))
    sheet = Image.new("RGB", (GAP + columns * (width + GAP), GAP + rows * (height + GAP)), BACKDROP)
    for i, thumb in enumerate(thumbs):
        sheet.paste(thumb, (GAP + (i % COLUMNS) * (width + GAP), GAP + (i // COLUMNS) * (height + GAP)))
    return sheet
