"""Register the brand's TrueType fonts with ReportLab (embedded and subset automatically)."""

from __future__ import annotations

import io
import operator
import pickle
import struct
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace

from ..errors import ContentError, Location
from ..source.theme import Fonts


@dataclass(frozen=True)
class FontNames:
    """ReportLab names of the registered faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    display: str
    light: str


SUFFIXES = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bold_italic": "-BoldItalic",
            "display": "-Display", "light": "-Light"}


def font_names(fonts: Fonts) -> FontNames:
    """ReportLab names of the faces; a face the brand lacks takes the name of its fallback."""
    return FontNames(**{face: fonts.family + SUFFIXES[fonts.face(face)] for face in SUFFIXES})


def register_fonts(fonts: Fonts) -> FontNames:
    """Register every face once per process; ``<b>``/``<i>`` map within the family."""
    family = fonts.family
    names = font_names(fonts)
    for face in SUFFIXES:
        _register(getattr(names, face), fonts.path(face))
    pdfmetrics.registerFontFamily(
        family, normal=names.regular, bold=names.bold, italic=names.italic, boldItalic=names.bold_italic
    )
    faces = {(0, 1): names.italic, (1, 0): names.bold, (1, 1): names.bold_italic}
    for name in (names.display, names.light):  # <b> and <i> inside them use the family's faces
        addMapping(name, 0, 0, name)
        for (bold, italic), face in faces.items():
            addMapping(name, bold, italic, face)
    return names


def _register(name: str, path: Path) -> None:
    if name in pdfmetrics.getRegisteredFontNames():
        return
    try:
        pdfmetrics.registerFont(_parsed(name, path))
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error) as exc:  # checked when it loaded
        raise ContentError.at(Location(path), f"not a usable TrueType font: {exc}") from None


def _parsed(name: str, path: Path) -> TTFont:
    """The font parsed by ReportLab, or as it was parsed by an earlier build (parsing six
    faces took 30-40 ms of every build; unpickling them takes about 3 ms)."""
    from ..cache import cache_key, cached, digest_of

    key = cache_key({"ttfont": digest_of(path), "name": name})
    try:
        font = pickle.loads(cached(key, lambda: _frozen(TTFont(name, str(path))), bytes))  # noqa: S301 (our cache)
    except Exception:  # a ReportLab that pickles differently: parse, as before
        return TTFont(name, str(path))
    if not isinstance(font, TTFont):
        return TTFont(name, str(path))
    font.face.filename = str(path)  # these bytes, here: the entry may come from a copy elsewhere
    font.face._ttf_data = path.read_bytes()
    return font


class _FontPickler(pickle.Pickler):
    """Pickles a parsed TTFont without the font file's bytes (read again on loading) and
    without the two things ReportLab keeps that do not pickle: a scaling lambda and the
    per-document state (empty until the font is used)."""

    def reducer_override(self, obj: object) -> Any:
        if isinstance(obj, TTFontFace):
            state = {k: v for k, v in vars(obj).items() if k not in ("_ttf_data", "_pdfScale")}
            return _thawed_face, (state,)
        if isinstance(obj, WeakKeyDictionary):
            return WeakKeyDictionary, ()
        return NotImplemented


def _frozen(font: TTFont) -> bytes:
    buffer = io.BytesIO()
    _FontPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(font)
    return buffer.getvalue()


def _thawed_face(state: dict[str, Any]) -> TTFontFace:
    """The face as pickled; the caller gives it the font file's bytes."""
    face: TTFontFace = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    per_em = face.unitsPerEm
    face._pdfScale = (lambda x: x) if per_em == 1000 else partial(operator.mul, 1000 / per_em)
    return face


def can_draw(font_name: str, text: str) -> bool:
    """Whether the registered font has a glyph for every character of ``text``."""
    face = pdfmetrics.getFont(font_name).face
    return all(ord(char) in face.charToGlyph for char in set(text))


def first_drawable(font_name: str, *choices: str) -> str:
    """The first of ``choices`` the font can draw (the last is plain ASCII, which all can)."""
    return next((choice for choice in choices if can_draw(font_name, choice)), choices[-1])
