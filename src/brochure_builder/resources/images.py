"""Read image assets: SVG files become vector Drawings, read with no external references."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentError, Location

if TYPE_CHECKING:
    from PIL import Image
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

    from reportlab.graphics.shapes import Drawing

    from ..cache import cache_key, digest_of, shared

    original = shared(cache_key({"svg": digest_of(path)}), lambda: _load_svg(path), Drawing)
    if not (original.width > 0 and original.height > 0):  # checked when the file loaded: changed since?
        raise ContentError.at(Location(path), "the SVG has no size: give it a width and height or a viewBox")
    scale = width / original.width if width else (height or original.height) / original.height
    drawing: Drawing = copy.copy(original)  # its own transform and size, the same shapes
    drawing.scale(scale, scale)
    drawing.width, drawing.height = original.width * scale, original.height * scale
    return drawing


@dataclass(frozen=True)
class Wash:
    """A brand colour laid over a photo at an opacity, in both of its forms."""

    rgb: str
    cmyk: tuple[float, float, float, float]
    """Percentages, as the brand gives them."""
    opacity: float


@lru_cache(maxsize=64)
def raster_for_output(
    path: Path, modified_ns: int, width_pt: float, height_pt: float, *, max_ppi: int | None,
    quality: int, cmyk_profile: Path | None, crop: tuple[float, float, float, float] | None = None,
    wash: Wash | None = None,
) -> tuple[bytes, tuple[int, int]]:
    """Image bytes ready to embed: downsampled to ``max_ppi`` at their printed size (screen,
    re-encoded as JPEG unless they need transparency), or the full original converted to CMYK
    through the output profile ``cmyk_profile`` (print). ``crop`` (pixels) is cut out first;
    a ``wash`` is blended over the result in the output's colours (RGB, or the brand's CMYK
    over the converted image), as the page would blend it, so no transparency is needed."""
    import io

    from PIL import UnidentifiedImageError

    from ..source.assets import RASTER_FORMATS, check_pixels, pillow

    Image = pillow()
    try:  # checked when the file loaded; the size again before decoding, in case it changed since
        with Image.open(path, formats=RASTER_FORMATS) as original:
            check_pixels(*original.size)
            image = original.copy()
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
        raise ContentError.at(Location(path), f"not a readable image: {exc}") from None
    if crop is not None:
        image = cropped(image, crop)
    if max_ppi is not None:
        limit = (max(1, round(width_pt / 72 * max_ppi)), max(1, round(height_pt / 72 * max_ppi)))
        if image.width > limit[0] or image.height > limit[1]:
            image = image.resize(limit, Image.Resampling.LANCZOS)
    transparent = image.mode in ("RGBA", "LA", "P") and "transparency" in image.info or image.mode in ("RGBA", "LA")
    buffer = io.BytesIO()
    if cmyk_profile is not None:
        from .colour import to_cmyk

        washed(to_cmyk(image, cmyk_profile), wash).save(buffer, "JPEG", quality=95, subsampling=0)
    elif transparent and wash is None:
        image.convert("RGBA").save(buffer, "PNG", optimize=True)
    else:
        from .colour import flattened

        washed(flattened(image), wash).save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue(), image.size


EDGE = 0.01
"""A crop edge this close to a whole pixel is on it (float error does not add a pixel)."""


def cropped(image: Image.Image, crop: tuple[float, float, float, float]) -> Image.Image:
    """The pixels of ``crop``, widened to whole pixels (at least one): a crop of 2,620.9 pixels
    keeps 2,621, so a photo made for 300 ppi still prints at 300 (rounded, it lost one)."""
    left, top = max(0, math.floor(crop[0] + EDGE)), max(0, math.floor(crop[1] + EDGE))
    right, bottom = max(left + 1, math.ceil(crop[2] - EDGE)), max(top + 1, math.ceil(crop[3] - EDGE))
    return image.crop((left, top, min(right, image.width), min(bottom, image.height)))


def washed(image: Image.Image, wash: Wash | None) -> Image.Image:
    """``image`` (RGB or CMYK) with the wash's colour blended over it at its opacity."""
    if wash is None or wash.opacity == 0:
        return image
    from PIL import Image as PILImage

    if image.mode == "CMYK":
        colour = tuple(round(v * 2.55) for v in wash.cmyk)
    else:
        colour = tuple(int(wash.rgb[i:i + 2], 16) for i in (1, 3, 5))
    return PILImage.blend(image, PILImage.new(image.mode, image.size, colour), wash.opacity)
