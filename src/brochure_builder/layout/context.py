"""Everything a block builder needs to know about the brochure being laid out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle

from ..charts.render import ChartStyle
from ..resources.colour import output_intent
from ..resources.fonts import FontNames
from ..resources.images import Wash, raster_for_output
from ..resources.palette import Palette
from ..source.content import Meta
from ..source.contrast import contrast_ratio
from ..source.markup import to_reportlab
from ..source.schema import ScreenOptions
from ..source.theme import Brand
from .geometry import Geometry
from .paragraph import Paragraph
from .profiles import Profile
from .styles import Styles
from .tagging import Element, Tree

LINK_CONTRAST = 4.5
"""A link keeps the brand's primary colour on a ground where it reads at WCAG AA for text."""


def image_key(embedded: bytes | tuple[int, int]) -> str:
    """How an embedded image is known again in the PDF: by the digest of its bytes (a JPEG is
    embedded as it is), else (an image ReportLab re-encodes) by its size in pixels."""
    if isinstance(embedded, tuple):
        return f"{embedded[0]}x{embedded[1]} px"
    import hashlib

    return "sha256:" + hashlib.sha256(embedded).hexdigest()


@dataclass
class Context:
    brand: Brand
    meta: Meta
    palette: Palette
    fonts: FontNames
    styles: Styles
    geometry: Geometry
    chart_style: ChartStyle
    profile: Profile
    screen: ScreenOptions
    notes: dict[str, int] = field(default_factory=dict)
    images: dict[str, list[Path]] = field(default_factory=dict)
    """Pixel size of each embedded raster image -> its asset file name."""
    tree: Tree = field(default_factory=Tree)
    container: Element | None = None
    """The element new blocks' elements go into (a section); the document's root if None."""
    width: float = 0.0
    """The width the blocks being built are for: the text width, or a column's."""

    def __post_init__(self) -> None:
        self.width = self.width or self.geometry.text_width

    @contextmanager
    def narrower(self, width: float) -> Iterator[None]:
        """Build what is inside for ``width`` (a column of a columns block)."""
        outer, self.width = self.width, width
        try:
            yield
        finally:
            self.width = outer

    def element(self, role: str, **options: Any) -> Element:
        """A structure element in the current container, after those made before it."""
        return (self.container or self.tree.root).add(role, **options)

    @contextmanager
    def inside(self, element: Element) -> Iterator[Element]:
        """Make the elements of what is built inside children of ``element``."""
        outer, self.container = self.container, element
        try:
            yield element
        finally:
            self.container = outer

    def markup(self, text: str, *, upper: bool = False, ground: str = "paper") -> str:
        """ReportLab markup of inline-Markdown ``text`` set on the colour (name or role)
        ``ground``: links in the brand's primary colour where it reads on the ground, else in
        the text's own colour and underlined (the screen file; print files have no links)."""
        link, underline = "", False
        if self.palette.mode == "rgb":
            link = self.palette.hex_of("primary")
            if contrast_ratio(link, self.palette.hex_of(ground)) < LINK_CONTRAST:
                link, underline = "", True
        return to_reportlab(text, language=self.meta.language, notes=self.notes, link_colour=link,
                            underline_links=underline, upper=upper)

    def prepare_raster(self, path: Path, width: float, height: float, *,
                       crop: tuple[float, float, float, float] | None = None, wash: Wash | None = None) -> bytes:
        """Image bytes for this output: downsampled for the screen, CMYK for print; only the
        ``crop`` of it (pixels), with a ``wash`` of colour over it, if asked."""
        screen = self.profile.colour == "rgb"
        data, pixels = raster_for_output(  # keyed by modification time: watch sees an edited image
            path, path.stat().st_mtime_ns, round(width, 2), round(height, 2),
            max_ppi=self.screen.image_ppi if screen else None,
            quality=self.screen.jpeg_quality, cmyk_profile=None if screen else output_intent(self.brand).profile,
            crop=(round(crop[0], 2), round(crop[1], 2), round(crop[2], 2), round(crop[3], 2)) if crop else None,
            wash=wash,
        )
        for key in (image_key(data), image_key(pixels)):  # two assets of one size: both named
            known = self.images.setdefault(key, [])
            if path not in known:
                known.append(path)
        return data

    def para(self, text: str, style_name: str = "body", *, style: ParagraphStyle | None = None,
             role: str = "P", markup: bool = True, ground: str = "paper") -> Paragraph:
        """A paragraph of inline-markup ``text`` (or of ReportLab markup, ``markup=False``) on
        the colour ``ground``, tagged as a ``role`` element in the current container."""
        paragraph = Paragraph(self.markup(text, ground=ground) if markup else text,
                              style or getattr(self.styles, style_name))
        paragraph.tag = self.element(role)
        return paragraph

    def heading(self, text: str, level: int, style_name: str = "", *, style: ParagraphStyle | None = None,
                ground: str = "paper") -> Paragraph:
        """A heading on the colour ``ground``: its style as asked, its level in the structure
        at most one below the last."""
        paragraph = Paragraph(self.markup(text, ground=ground), style or getattr(self.styles, style_name))
        paragraph.tag = self.tree.heading(self.container or self.tree.root, level)
        return paragraph
