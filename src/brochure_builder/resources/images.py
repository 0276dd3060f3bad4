"""Read image assets: SVG files become vector Drawings, read with no external references."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentError, Location

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


def _load_svg(path: Path) -> Drawing:
    """Read an SVG as a Drawing; given as bytes, svglib follows no external references."""
    import io

    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(io.BytesIO(path.read_bytes()), resolve_entities=False)
    except Exception as exc:  # svglib raises lxml and value errors alike
        raise ContentError.at(Location(path), f"not a readable SVG file: {exc}") from None
    if drawing is None:
        raise ContentError.at(Location(path), "not a readable SVG file")
    from .drawings import simplify

    return simplify(drawing)


def svg_drawing(path: Path, *, width: float | None = None, height: float | None = None) -> Drawing:
    """The SVG at ``path`` scaled to the given width or height (aspect kept): a new Drawing
    around the shared, read-only shapes."""
    import copy

    from ..cache import cache_key, digest_of, shared

    original = shared(cache_key({"svg": digest_of(path)}), lambda: _load_svg(path))
    scale = width / original.width if width else (height or original.height) / original.height
    drawing: Drawing = copy.copy(original)  # its own transform and size, the same shapes
    drawing.scale(scale, scale)
    drawing.width, drawing.height = original.width * scale, original.height * scale
    return drawing


@lru_cache(maxsize=64)
def raster_for_output(
    path: Path, modified_ns: int, width_pt: float, height_pt: float, *, max_ppi: int | None,
    quality: int, cmyk_profile: Path | None,
) -> tuple[bytes, tuple[int, int]]:
    """Image bytes ready to embed: downsampled to ``max_ppi`` at their printed size (screen,
    re-encoded as JPEG unless they need transparency), or the full original converted to CMYK
    through the output profile ``cmyk_profile`` (print)."""
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as original:
            image = original.copy()
    except (OSError, UnidentifiedImageError) as exc:
        raise ContentError.at(Location(path), f"not a readable image: {exc}") from None
    if max_ppi is not None:
        limit = (round(width_pt / 72 * max_ppi), round(height_pt / 72 * max_ppi))
        if image.width > limit[0] or image.height > limit[1]:
            image = image.resize(limit, Image.Resampling.LANCZOS)
    transparent = image.mode in ("RGBA", "LA", "P") and "transparency" in image.info or image.mode in ("RGBA", "LA")
    buffer = io.BytesIO()
    if cmyk_profile is not None:
        from .colour import to_cmyk

        to_cmyk(image, cmyk_profile).save(buffer, "JPEG", quality=95, subsampling=0)
    elif transparent:
        image.convert("RGBA").save(buffer, "PNG", optimize=True)
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue(), image.size
