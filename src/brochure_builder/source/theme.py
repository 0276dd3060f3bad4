"""The brand schema: colours (RGB and CMYK), fonts, type scale, page and grid, logo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from .schema import (
    Code,
    FontPath,
    LogoPath,
    Millimetres,
    Model,
    Number,
    Points,
    ProfilePath,
    ScreenOptions,
    not_boolean,
    pattern,
)

HexColour = Annotated[str, pattern(r"^#[0-9A-Fa-f]{6}$", "a colour like #1A2B3C")]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False), BeforeValidator(not_boolean)]

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "Letter": (215.9, 279.4),
}


class Colour(Model):
    rgb: HexColour
    cmyk: tuple[Percent, Percent, Percent, Percent]


class Roles(Model):
    """Which named colour plays which part in the layout."""

    ink: str
    muted: str
    paper: str
    primary: str
    on_primary: str
    accent: str
    highlight: str
    tint: str
    rule: str


FACE_FALLBACKS = {"italic": "regular", "bold_italic": "bold", "display": "bold", "light": "regular"}
"""A face a family does not have is drawn with another: light with regular, display with bold."""


class Fonts(Model):
    family: Annotated[str, pattern(r"^[A-Za-z][A-Za-z0-9 _-]{0,62}$", "a family name of letters, digits, spaces, "
                                   "- and _, starting with a letter (at most 63)")]
    regular: FontPath
    bold: FontPath
    italic: FontPath | None = None
    bold_italic: FontPath | None = None
    display: FontPath | None = None
    light: FontPath | None = None

    def face(self, name: str) -> str:
        """The face that draws ``name``: itself if the brand gives it, else its fallback."""
        while getattr(self, name) is None:
            name = FACE_FALLBACKS[name]
        return name

    def path(self, name: str) -> Path:
        found: Path = getattr(self, self.face(name))
        return found

    def files(self) -> tuple[Path, ...]:
        """The font files the brand gives, each once."""
        return tuple(dict.fromkeys(self.path(name) for name in ("regular", "bold", *FACE_FALLBACKS)))


class TypeScale(Model):
    """Sizes in points; leading is a multiple of the size."""

    body: Points = Field(default=10, ge=6, le=16)
    leading: Number = Field(default=1.45, ge=1.0, le=2.0)
    lead: Points = Field(default=13, ge=6, le=24)
    h1: Points = Field(default=32, ge=12, le=72)
    h2: Points = Field(default=17, ge=9, le=40)
    h3: Points = Field(default=12, ge=7, le=24)
    small: Points = Field(default=7.5, ge=6, le=12)
    stat: Points = Field(default=34, ge=14, le=72)
    display: Points = Field(default=48, ge=20, le=96)


class Margins(Model):
    """Margins in millimetres."""

    top: Millimetres = Field(default=22, ge=5, le=60)
    bottom: Millimetres = Field(default=24, ge=5, le=60)
    inner: Millimetres = Field(default=20, ge=5, le=60)
    outer: Millimetres = Field(default=20, ge=5, le=60)


class Page(Model):
    size: Literal["A4", "A5", "Letter"] = "A4"
    margins: Margins = Margins()
    gutter: Millimetres = Field(default=8, ge=2, le=30, description="column gap in mm")
    bleed: Millimetres = Field(default=3, ge=0, le=10, description="bleed in mm")
    safe_zone: Millimetres = Field(default=5, ge=0, le=20, description="mm inside the trim that text keeps out of")


class ChartColours(Model):
    """How charts colour their series."""

    series: list[Code] | None = Field(default=None, min_length=1, max_length=12, description=(
        "brand colour names or roles, in series order (default: primary, accent, highlight, muted, "
        "ink, then the other colours); any too close in lightness to an earlier one is drawn lighter "
        "or darker"))


class OutputIntent(Model):
    """The printing condition the print file is made for: an ICC output profile and its name."""

    profile: ProfilePath | None = Field(
        default=None, description="CMYK output profile (.icc, class prtr); default: the bundled FOGRA39")
    identifier: Code | None = Field(
        default=None, min_length=1, max_length=200,
        description="OutputConditionIdentifier, e.g. FOGRA39 or a registered name (default: FOGRA39)")
    condition: Code | None = Field(default=None, max_length=500, description="the condition in words")
    registry: Code = Field(default="http://www.color.org", max_length=200,
                          description="where the identifier is registered")

    @model_validator(mode="after")
    def _named(self) -> OutputIntent:
        if self.profile is not None and self.identifier is None:
            raise ValueError("a profile needs its printing condition: add identifier (e.g. FOGRA51)")
        return self


class PrintOptions(Model):
    """What the print file is made for."""

    output_intent: OutputIntent = OutputIntent()


class Brand(Model):
    """A brand: one file serves many brochures."""

    name: str
    colours: dict[str, Colour]
    roles: Roles
    fonts: Fonts
    type_scale: TypeScale = TypeScale()
    page: Page = Page()
    logo: LogoPath | None = None
    charts: ChartColours = ChartColours()
    screen: ScreenOptions = ScreenOptions()
    print: PrintOptions = PrintOptions()
