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


def register_fonts(fonts: Fonts) -> FontNames:
    """Register every face once per process; ``<b>``/``<i>`` map within the family."""
    family = fonts.family
    names = FontNames(
        regular=family,
        bold=f"{family}-Bold",
        italic=f"{family}-Italic",
        bold_italic=f"{family}-BoldItalic",
        display=f"{family}-Display",
        light=f"{family}-Light",
    )
    for face, name in names.__dict__.items():
        _register(name, getattr(fonts, face))
    pdfmetrics.registerFontFamily(
        family, normal=names.regular, bold=names.bold, italic=names.italic, boldItalic=names.bold_italic
    )
    for name in (names.display, names.light):
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, names.bold if bold else name)
    return names


def _register(name: str, path: object) -> None:
    if name in pdfmetrics.getRegisteredFontNames():
        return
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as exc:
        raise ContentError.at(Location(path), f"not a usable TrueType font: {exc}") from None  # type: ignore[arg-type]
