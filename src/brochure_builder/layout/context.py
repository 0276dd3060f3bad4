"""Everything a block builder needs to know about the brochure being laid out."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Paragraph

from ..charts import ChartStyle
from ..content import Meta
from ..fonts import FontNames
from ..markup import to_reportlab
from ..palette import Palette
from ..profiles import Profile
from ..theme import Brand
from .geometry import Geometry
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
    notes: dict[str, int] = field(default_factory=dict)

    def markup(self, text: str) -> str:
        link = self.palette.hex_of("primary") if self.palette.mode == "rgb" else ""
        return to_reportlab(text, language=self.meta.language, notes=self.notes, link_colour=link)

    def para(self, text: str, style_name: str = "body") -> Paragraph:
        return Paragraph(self.markup(text), getattr(self.styles, style_name))
