"""Register the brand's TrueType fonts with ReportLab (embedded and subset automatically)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from .errors import ContentError, Location
from .theme import Fonts


@dataclass(frozen=True)
class FontNames:
    """ReportLab names of the registered faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    display: str
    light: str


def font_names(fonts: Fonts) -> FontNames:
    family = fonts.family
    return FontNames(
        regular=family,
        bold=f"{family}-Bold",
        italic=f"{family}-Italic",
        bold_italic=f"{family}-BoldItalic",
        display=f"{family}-Display",
        light=f"{family}-Light",
    )


def register_fonts(fonts: Fonts) -> FontNames:
    """Register every face once per process; ``<b>``/``<i>`` map within the family."""
    family = fonts.family
    names = font_names(fonts)
    for face, name in names.__dict__.items():
        _register(name, getattr(fonts, face))
    pdfmetrics.registerFontFamily(
        family, normal=names.regular, bold=names.bold, italic=names.italic, boldItalic=names.bold_italic
    )
    faces = {(0, 1): names.italic, (1, 0): names.bold, (1, 1): names.bold_italic}
    for name in (names.display, names.light):  # <b> and <i> inside them use the family's faces
        addMapping(name, 0, 0, name)
        for (bold, italic), face in faces.items():
            addMapping(name, bold, italic, face)
    return names


def _register(name: str, path: object) -> None:
    if name in pdfmetrics.getRegisteredFontNames():
        return
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as exc:
        raise ContentError.at(Location(path), f"not a usable TrueType font: {exc}") from None  # type: ignore[arg-type]
