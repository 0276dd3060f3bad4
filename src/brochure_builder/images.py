"""Read image assets: SVG files become vector Drawings, read with no external references."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContentError, Location

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


@lru_cache(maxsize=64)
def _load_svg(path: Path) -> Drawing:
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(str(path))
    except Exception as exc:  # svglib raises lxml and value errors alike
        raise ContentError.at(Location(path), f"not a readable SVG file: {exc}") from None
    if drawing is None:
        raise ContentError.at(Location(path), "not a readable SVG file")
    return drawing


def svg_drawing(path: Path, *, width: float | None = None, height: float | None = None) -> Drawing:
    """The SVG at ``path`` scaled to the given width or height (aspect kept)."""
    from copy import deepcopy

    drawing = deepcopy(_load_svg(path))
    scale = width / drawing.width if width else (height or drawing.height) / drawing.height
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing
