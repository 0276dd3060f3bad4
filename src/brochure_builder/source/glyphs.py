"""Every character of the text must be drawable by the brand's fonts: no empty boxes in print."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..errors import Problem
from .textfields import text_fields
from .theme import Fonts
from .yamlsource import DocPath, MarkedDocument


def _cmap(path: Path) -> frozenset[int]:
    from ..cache import cache_key, cached, digest_of

    return cached(cache_key({"cmap": digest_of(path)}), lambda: _read_cmap(path), frozenset)


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
    """Each character of each text the fonts cannot draw, with the text's place. Linear in the
    distinct texts: a text repeated through aliases is looked at once."""
    messages: dict[str, list[str]] = {}
    problems = []
    for path, text in _drawn_texts(source.data, _language(source.data)):
        found = messages.get(text)
        if found is None:
            found = messages[text] = undrawable(text, fonts)
        problems += [Problem(source.locate(path), message) for message in found]
    return problems


def undrawable(text: str, fonts: Fonts) -> list[str]:
    """A message for each character of ``text`` that the brand's fonts cannot draw."""
    known = drawable(fonts)
    missing = sorted(c for c in set(text) if ord(c) not in known and not _invisible(c))
    return [f"character '{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}) "
            f"cannot be drawn by the brand's font {fonts.family}; replace it or choose a font that has it"
            for char in missing]


UPPER_CASED = ("kicker",)
"""Fields set in capitals (``layout/covers.py``, ``layout/story.py``)."""


def _language(data: object) -> str:
    meta = data.get("meta") if isinstance(data, dict) else None
    language = meta.get("language") if isinstance(meta, dict) else None
    return language if isinstance(language, str) else "en"


def _drawn_texts(data: object, language: str) -> Iterator[tuple[DocPath, str]]:
    """Every text field as written and as it is drawn (the quotation marks the language sets,
    capitals where a field is set in them: 'ŉ' becomes 'ʼN', which a font may lack), and what
    a chart's ``value_format`` draws besides the digits."""
    from .formats import drawn_characters
    from .markup import drawn_text

    for path, text in text_fields(data):
        yield path, text + drawn_text(text, language, upper=bool(path) and path[-1] in UPPER_CASED)
    for path, spec in _value_formats(data, ()):
        try:
            yield path, drawn_characters(spec)
        except ValueError:
            continue  # validation has said what is wrong with it


def _value_formats(node: object, path: DocPath) -> Iterator[tuple[DocPath, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "value_format" and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from _value_formats(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _value_formats(value, (*path, index))


def _invisible(char: str) -> bool:
    """Not drawn: white space (the markup folds it into spaces), control and format characters."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")
