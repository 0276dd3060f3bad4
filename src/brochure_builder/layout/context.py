"""Everything a block builder needs to know about the brochure being laid out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..charts.render import ChartStyle
from ..resources.fonts import FontNames
from ..resources.images import raster_for_output
from ..resources.palette import Palette
from ..source.content import Meta
from ..source.markup import to_reportlab
from ..source.schema import ScreenOptions
from ..source.theme import Brand
from .geometry import Geometry
from .paragraph import Paragraph
from .profiles import Profile
from .styles import Styles


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
    images: dict[tuple[int, int], str] = field(default_factory=dict)
    """Pixel size of each embedded raster image -> its asset file name."""

    def markup(self, text: str) -> str:
        link = self.palette.hex_of("primary") if self.palette.mode == "rgb" else ""
        return to_reportlab(text, language=self.meta.language, notes=self.notes, link_colour=link)

    def prepare_raster(self, path: Path, width: float, height: float) -> bytes:
        """Image bytes for this output: downsampled for the screen, CMYK for print."""
        screen = self.profile.colour == "rgb"
        data, pixels = raster_for_output(  # keyed by modification time: watch sees an edited image
            path, path.stat().st_mtime_ns, round(width, 2), round(height, 2),
            max_ppi=self.screen.image_ppi if screen else None,
            quality=self.screen.jpeg_quality, cmyk=not screen,
        )
        self.images[pixels] = path.name
        return data

    def para(self, text: str, style_name: str = "body") -> Paragraph:
        return Paragraph(self.markup(text), getattr(self.styles, style_name))
