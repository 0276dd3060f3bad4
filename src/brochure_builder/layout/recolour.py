"""Bring vector drawings (charts, icons, logos) into the output's colour space."""

from __future__ import annotations

import pickle

from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import CMYKColor, Color

from ..resources.palette import Palette


def recolour(drawing: Drawing, palette: Palette) -> Drawing:
    """In CMYK output, a copy with every RGB colour given its brand CMYK value (or a plain
    conversion); in RGB output the drawing itself (drawings are shared: never changed)."""
    if palette.mode != "cmyk":
        return drawing
    copy: Drawing = pickle.loads(pickle.dumps(drawing, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301
    brand = {hex_.lower(): palette.colours[name] for name, hex_ in palette.hex.items()}
    _walk(copy, brand)
    return copy


def _walk(node: object, brand: dict[str, Color]) -> None:
    for attribute in ("fillColor", "strokeColor"):
        colour = getattr(node, attribute, None)
        if isinstance(colour, Color) and not isinstance(colour, CMYKColor):
            setattr(node, attribute, brand.get("#" + colour.hexval()[2:].lower()) or _convert(colour))
    if isinstance(node, Group):
        for child in node.contents:
            _walk(child, brand)


def _convert(colour: Color) -> CMYKColor:
    """The textbook RGB to CMYK conversion, for colours that are not the brand's."""
    r, g, b = colour.red, colour.green, colour.blue
    k = 1 - max(r, g, b)
    if k >= 1:
        return CMYKColor(0, 0, 0, 1)
    return CMYKColor((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)
