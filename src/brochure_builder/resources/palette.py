"""Brand colours as ReportLab colours, in RGB for the screen or CMYK for print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reportlab.lib.colors import CMYKColor, Color, HexColor

from ..source.contrast import more_readable
from ..source.series import every_variant
from ..source.theme import Brand

ColourMode = Literal["rgb", "cmyk"]


@dataclass(frozen=True)
class Palette:
    """Named colours and the roles they play, in one colour mode."""

    mode: ColourMode
    colours: dict[str, Color]
    roles: dict[str, str]
    hex: dict[str, str]

    def __getitem__(self, name: str) -> Color:
        return self.colours[self.roles.get(name, name)]

    def hex_of(self, name: str) -> str:
        """The screen colour of a name or role, for matplotlib."""
        return self.hex[self.roles.get(name, name)]


def make_palette(brand: Brand, mode: ColourMode = "rgb") -> Palette:
    """The brand's colours, and every tint and shade a chart series may take (so that print
    gives each its mixed CMYK value, see source/series.py)."""
    colours: dict[str, Color] = {}
    hexes: dict[str, str] = {}
    entries = [(name, colour.rgb, tuple(colour.cmyk)) for name, colour in brand.colours.items()]
    known = {colour.rgb.upper() for colour in brand.colours.values()}
    entries += [(v.name, v.rgb, v.cmyk) for v in every_variant(brand) if v.rgb not in known]
    for name, rgb, cmyk in entries:
        if mode == "cmyk":
            c, m, y, k = (v / 100 for v in cmyk)
            colours[name] = CMYKColor(c, m, y, k)
        else:
            colours[name] = HexColor(rgb)
        hexes[name] = rgb
    return Palette(mode, colours, brand.roles.model_dump(), hexes)


def cmyk_only(colour: object) -> CMYKColor:
    """Colour enforcement for print: CMYK (and separations) pass as they are; RGB is a bug.

    ReportLab's own ``sep_cmyk`` mode replaces any CMYK colour whose RGB preview is black
    (100/90/90/45, say) with plain black, so the print profile uses this instead.
    """
    from reportlab.lib.colors import toColor

    value = toColor(colour)
    if isinstance(value, CMYKColor):
        return value
    if isinstance(value, Color) and value.red == value.green == value.blue:
        return CMYKColor(0, 0, 0, 1 - value.red, alpha=value.alpha)
    raise ValueError(f"RGB colour {colour!r} reached the CMYK output")


def readable_on(palette: Palette, background: str) -> str:
    """The role, ``paper`` or ``ink``, whose colour reads best on ``background``."""
    return more_readable(palette.hex_of(background), {role: palette.hex_of(role) for role in ("paper", "ink")})
