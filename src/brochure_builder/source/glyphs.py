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
    known = drawable(fonts)
    problems = []
    for path, text in text_fields(source.data):
        missing = sorted(c for c in set(text) if ord(c) not in known and not _invisible(c))
        for char in missing:
            name = unicodedata.name(char, "unnamed character")
            problems.append(Problem(
                source.locate(path),
                f"character '{char}' (U+{ord(char):04X} {name}) cannot be drawn by the brand's "
                f"font {fonts.family}; replace it or choose a font that has it",
            ))
    return problems


def _invisible(char: str) -> bool:
    return char in "\n\r\t" or unicodedata.category(char) in ("Cc", "Cf")
