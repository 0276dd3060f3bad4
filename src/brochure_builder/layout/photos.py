"""Photographs that fill a box: cropped to it (``fit: cover``), whole inside it (``contain``),
across the page into the bleed (``bleed: true``), and under the cover's or an opener's text.

A photo is cropped with Pillow before it is embedded, never scaled or clipped on the page: the
part of the image that fills the box around its focus, and of that only what the page shows
(the screen file stops at the page edge, the print file at the bleed's). Both files crop for
the same box, the bleed included, so a photo sits where it sits relative to the trim in both.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..resources.colour import REVERSED_TEXT_MIN_PT
from ..resources.images import Wash
from ..source.photos import Box, Overlay, aspect_of, cover_crop, intersection, part_of
from .context import Context
from .figures import ALIGNMENTS, Figure, RasterImage
from .paragraph import Paragraph
from .tagging import Element, artifact, marked

Focus = tuple[float, float]
MIDDLE: Focus = (0.5, 0.5)
TOP_SNAP = 0.5
"""How close (points) to the top of the text frame a full-bleed image counts as starting it."""


@dataclass(frozen=True)
class Shape:
    """A box's height: given in points, or from its width and aspect (width over height)."""

    height: float | None = None
    aspect: float | None = None

    def height_for(self, width: float) -> float:
        return self.height if self.height is not None else width / (self.aspect or 1.0)


@lru_cache(maxsize=64)
def _pixel_size(path: Path, _modified_ns: int) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as image:
        return image.size


def pixel_size(path: Path) -> tuple[int, int]:
    return _pixel_size(path, path.stat().st_mtime_ns)


def wash_of(ctx: Context, overlay: Overlay, default: str) -> Wash:
    """The overlay in the brand's colours: its own colour, else ``default`` (a name or role)."""
    name = overlay.colour or default
    colour = ctx.brand.colours[ctx.brand.roles.model_dump().get(name, name)]
    c, m, y, k = colour.cmyk
    return Wash(colour.rgb, (c, m, y, k), overlay.opacity)


def paint_photo(canvas: Canvas, ctx: Context, path: Path, box: Box, focus: Focus, tag: Element | None, *,
                at: tuple[float, float] = (0.0, 0.0), wash: Wash | None = None) -> Box:
    """Fill ``box`` (points from the trim's bottom-left corner; it may reach into the bleed)
    with the photo cropped around ``focus``, as far as this file's page goes (to the page edge
    on screen, the bleed's edge in print); ``at`` is where the canvas's origin is on the sheet.
    Return the part painted."""
    g = ctx.geometry
    visible = intersection(box, (-g.bleed, -g.bleed, g.trim_width + g.bleed, g.trim_height + g.bleed))
    crop = part_of(cover_crop(pixel_size(path), aspect_of(box), focus), box, visible)
    width, height = visible[2] - visible[0], visible[3] - visible[1]
    data = ctx.prepare_raster(path, width, height, crop=crop, wash=wash)
    with marked(canvas, tag):
        canvas.drawImage(ImageReader(io.BytesIO(data)), g.offset + visible[0] - at[0], g.offset + visible[1] - at[1],
                         width, height, mask="auto")
    return visible


class CroppedImage(Flowable):
    """A photo that fills its box (``fit: cover``), cut to the box's shape around its focus."""

    def __init__(self, path: Path, prepare: Callable[..., bytes], tag: Element | None, shape: Shape,
                 focus: Focus, fraction: float = 1.0, align: str = "left", max_height: float = 10_000) -> None:
        super().__init__()
        self.path, self.prepare, self.tag, self.shape, self.focus = path, prepare, tag, shape, focus
        self.fraction, self.max_height, self.hAlign = fraction, max_height, ALIGNMENTS[align]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth * self.fraction
        self.height = min(self.shape.height_for(self.width), self.max_height)
        return self.width, self.height

    def draw(self) -> None:
        crop = cover_crop(pixel_size(self.path), self.width / self.height, self.focus)
        data = self.prepare(self.path, self.width, self.height, crop=crop)
        with marked(self.canv, self.tag):
            self.canv.drawImage(ImageReader(io.BytesIO(data)), 0, 0, self.width, self.height, mask="auto")


class Letterbox(Flowable):
    """A picture whole inside its box (``fit: contain``), centred, the rest of the box tinted."""

    def __init__(self, inner: Figure | RasterImage, shape: Shape, colour: Color, fraction: float = 1.0,
                 align: str = "left", max_height: float = 10_000) -> None:
        super().__init__()
        self.inner, self.shape, self.colour = inner, shape, colour
        self.fraction, self.max_height, self.hAlign = fraction, max_height, ALIGNMENTS[align]
        self.inner.fraction = 1.0
        self._inner_size = (0.0, 0.0)

    @property
    def tag(self) -> Element | None:
        return self.inner.tag

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth * self.fraction
        self.height = min(self.shape.height_for(self.width), self.max_height)
        self.inner.max_height = self.height
        self._inner_size = self.inner.wrap(self.width, self.height)
        return self.width, self.height

    def draw(self) -> None:
        with artifact(self.canv):
            self.canv.saveState()
            self.canv.setFillColor(self.colour)
            self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            self.canv.restoreState()
        width, height = self._inner_size
        self.inner.drawOn(self.canv, (self.width - width) / 2, (self.height - height) / 2)


class BleedImage(Flowable):
    """A photo across the whole page, from one edge of the bleed to the other, as tall as its
    box (``height``, or the trim width over ``aspect``). Starting a page, it runs up through
    the top margin into the bleed too; it never runs off the foot, where the page number is."""

    def __init__(self, path: Path, ctx: Context, tag: Element | None, shape: Shape, focus: Focus,
                 max_height: float) -> None:
        super().__init__()
        self.path, self.ctx, self.tag, self.shape, self.focus = path, ctx, tag, shape, focus
        self.max_height = max_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = min(self.shape.height_for(self.ctx.geometry.trim_width), self.max_height)
        return self.width, self.height

    def draw(self) -> None:
        g, bleed = self.ctx.geometry, self.ctx.brand.page.bleed * mm  # the brand's: screen files crop alike
        ax, ay = self.canv.absolutePosition(0, 0)
        bottom = ay - g.offset
        top = bottom + self.height
        if abs(top - (g.trim_height - g.top)) < TOP_SNAP:
            top = g.trim_height + bleed
        paint_photo(self.canv, self.ctx, self.path, (-bleed, bottom, g.trim_width + bleed, top), self.focus,
                    self.tag, at=(ax, ay))


def credit_paragraph(ctx: Context, text: str, colour: Color, tag: Element) -> Paragraph:
    """A photo's credit set on the photo, right-aligned: small, but never under the size at
    which light type out of a photo fills in on press (and so well over 6 pt)."""
    size = max(ctx.brand.type_scale.small, REVERSED_TEXT_MIN_PT)
    style = ParagraphStyle("photo-credit", parent=ctx.styles.source, fontSize=size, leading=size * 1.25,
                           textColor=colour, alignment=TA_RIGHT)
    paragraph = Paragraph(ctx.markup(text), style)
    paragraph.tag = tag
    return paragraph


def credit_foot(ctx: Context) -> float:
    """Where a credit at the foot of the cover stands (points above the trim's bottom edge):
    in the bottom margin, where body pages have their number, and inside the safe zone."""
    g = ctx.geometry
    return float(max(g.bottom * 0.35, ctx.brand.page.safe_zone * mm + 1 * mm))
