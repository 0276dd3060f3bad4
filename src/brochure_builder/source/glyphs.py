"""Every character of the text must be drawable by the brand's fonts: no empty boxes in print."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from ..errors import Problem
from .textfields import text_fields
from .theme import Fonts
from .yamlsource import MarkedDocument


def _cmap(path: Path) -> frozenset[int]:
    from ..cache import cache_key, cached, digest_of

    return cached(cache_key({"cmap": digest_of(path)}), lambda: _read_cmap(path))


def _read_cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def drawable(fonts: Fonts) -> frozenset[int]:
    """Code points every face of the family can draw."""
    from ..cache import digest_of

    faces = fonts.files()
    return _common_code_points(tuple(faces), tuple(digest_of(face) for face in faces))


@lru_cache(maxsize=8)
def _common_code_points(faces: tuple[Path, ...], digests: tuple[str, ...]) -> frozenset[int]:
    """Kept per process for the faces' exact bytes (``digests``): rebuilds ask again and again."""
    return frozenset.intersection(*(_cmap(face) for face in faces))


def missing_glyphs(source: MarkedDocument, fonts: Fonts) -> list[Problem]:
    return [Problem(source.locate(path), message)
            for path, text in text_fields(source.data) for message in undrawable(text, fonts)]


def undrawable(text: str, fonts: Fonts) -> list[str]:
    """A message for each character of ``text`` that the brand's fonts cannot draw."""
    known = drawable(fonts)
    missing = sorted(c for c in set(text) if ord(c) not in known and not _invisible(c))
    return [f"character '{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}) "
            f"cannot be drawn by the brand's font {fonts.family}; replace it or choose a font that has it"
            for char in missing]


def _invisible(char: str) -> bool:
    return char in "\n\r\t" or unicodedata.category(char) in ("Cc", "Cf")
