"""Every character of the text must be drawable by the brand's fonts: no empty boxes in print."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import Location, Problem
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
    """Each text in a right-to-left script, and each character of each text the fonts cannot
    draw, with the text's place. Linear in the distinct texts: a text repeated through aliases
    is looked at once."""
    findings: dict[str, tuple[str | None, list[str]]] = {}
    problems: list[Problem] = []
    known = drawable(fonts)  # once: it reads the faces' digests
    for path, text in _drawn_texts(source.data, _language(source.data)):
        found = findings.get(text)
        if found is None:
            found = findings[text] = (right_to_left(text), _undrawable(text, known))
        problems += _problems(source.locate(path), found, fonts)
    return problems


def character_problems(where: Location, text: str, fonts: Fonts, detail: str = "") -> list[Problem]:
    """What cannot be set of ``text`` (used at ``where``; ``detail``: the line of a data file)."""
    return _problems(where, (right_to_left(text), undrawable_characters(text, fonts)), fonts, detail)


def _problems(where: Location, found: tuple[str | None, list[str]], fonts: Fonts,
              detail: str = "") -> list[Problem]:
    rtl, characters = found
    return ([Problem(where, detail + rtl)] if rtl else []) + [
        MissingCharacter(where, detail + _undrawable_message(char, fonts), char, detail) for char in characters]


@dataclass(frozen=True)
class MissingCharacter(Problem):
    """A character the brand's fonts cannot draw (``detail``: the data file's line it is on)."""

    char: str = ""
    detail: str = ""


def undrawable_characters(text: str, fonts: Fonts) -> list[str]:
    """The characters of ``text`` the brand's fonts cannot draw (right-to-left ones aside)."""
    return _undrawable(text, drawable(fonts))


def _undrawable(text: str, known: frozenset[int]) -> list[str]:
    return sorted(c for c in set(text) if ord(c) not in known and not _invisible(c) and not _rtl(c))


def _undrawable_message(char: str, fonts: Fonts) -> str:
    return (f"character '{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}) "
            f"cannot be drawn by the brand's font {fonts.family}; replace it or choose a font that has it")


def right_to_left(text: str) -> str | None:
    """The refusal of a text with letters of a right-to-left script (Hebrew, Arabic, Syriac,
    Thaana, N'Ko...): ReportLab would set them left to right, every word reversed."""
    scripts = sorted({_script(c) for c in set(text) if _rtl(c) and not _invisible(c)})
    return f"right-to-left text ({', '.join(scripts)}) is not supported yet" if scripts else None


def _rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _script(char: str) -> str:
    from fontTools import unicodedata as scripts

    return str(scripts.script_name(scripts.script(char)))


SUMMARISED_FROM = 5
"""A font that lacks this many characters of one script (Cyrillic, Greek...) gets one error for
the script, instead of one for each character in each text."""
_NO_SCRIPT = ("Common", "Inherited", "Unknown")
"""Punctuation, symbols and marks shared by scripts: always named character by character."""


def summarised(problems: list[Problem], fonts: Fonts, brand_fonts: Location | None = None) -> list[Problem]:
    """``problems`` with the missing characters of each script the fonts lack many of given as
    one problem, at the brand's ``fonts`` (or where the script is first used)."""
    by_script: dict[str, list[MissingCharacter]] = {}
    for problem in problems:
        if isinstance(problem, MissingCharacter) and _script(problem.char) not in _NO_SCRIPT:
            by_script.setdefault(_script(problem.char), []).append(problem)
    many = {script: found for script, found in by_script.items()
            if len({problem.char for problem in found}) >= SUMMARISED_FROM}
    if not many:
        return problems
    kept = [problem for problem in problems
            if not (isinstance(problem, MissingCharacter) and _script(problem.char) in many)]
    return kept + [_summary(script, found, fonts, brand_fonts) for script, found in many.items()]


def _summary(script: str, found: list[MissingCharacter], fonts: Fonts, brand_fonts: Location | None) -> Problem:
    first, used = found[0], len({problem.char for problem in found})
    at = f"first at {first.location}" + (f": {first.detail.rstrip(': ')}" if first.detail else "")
    lacks = (f"has no {script} letters ({used} used, {at})" if script not in _scripts_drawn(fonts)
             else f"lacks {used} of the {script} letters used ({at})")
    return Problem(brand_fonts or first.location,
                   f"the brand's font {fonts.family} {lacks}; choose a font that covers {script}")


def _scripts_drawn(fonts: Fonts) -> frozenset[str]:
    from ..cache import digest_of

    faces = fonts.files()
    return _scripts_of(tuple(faces), tuple(digest_of(face) for face in faces))


@lru_cache(maxsize=8)
def _scripts_of(faces: tuple[Path, ...], digests: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_script(chr(code)) for code in _common_code_points(faces, digests))


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
