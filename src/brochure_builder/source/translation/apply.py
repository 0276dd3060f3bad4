"""Translate a brochure's data with its catalogue, before validation.

The translated data keeps the YAML's line marks, so every later problem still points at the
YAML file, except a problem in a translated text itself, which points at its entry in the PO
file (``MarkedDocument.elsewhere``). Texts with no usable translation keep their English.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from pydantic import BaseModel

from ...errors import ContentError, Location, Problem
from ..content import Brochure
from ..markup import clean
from ..tables import csv_names_kept
from ..theme import Brand
from ..yamlsource import DocPath, MarkedDocument, format_path
from .catalogue import catalogue_path, languages_of, locale_of, read_catalogue
from .checks import broken
from .fields import BRAND, FOLLOWED_FIELDS, TextField, text_fields

SHOWN = 60
"""Characters of an English text quoted in a message."""


@dataclass
class Translator:
    """One catalogue, applied to a brochure's data and to its brand's (the brand's name)."""

    language: str
    path: Path
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    """Translations that break the markup, a note or a placeholder: errors."""
    untranslated: dict[Location, Problem] = field(default_factory=dict)
    """Texts left in English (no entry, an empty one or a fuzzy one): warnings."""

    @classmethod
    def open(cls, source: Path, language: str) -> Translator:
        """The translator for ``source``'s catalogue ``NAME.LANG.po``."""
        locale_of(language)
        path = catalogue_path(source, language)
        if not os.path.lexists(path):  # anything else there (a FIFO, a folder) is refused by name
            known = ", ".join(languages_of(source)) or "none"
            raise ContentError.at(Location(path), f"no catalogue for '{language}' (catalogues: {known}); start "
                                                  f"one with: brochure translate update {source} --lang {language}")
        return cls(language, path, read_catalogue(path))

    def brochure(self, source: MarkedDocument) -> MarkedDocument:
        """The brochure with its texts translated and ``meta.language`` set to the catalogue's."""
        translated = self.apply(source, Brochure)
        if isinstance(translated.data, dict) and isinstance(translated.data.get("meta"), dict):
            translated.data["meta"]["language"] = self.language
            translated.elsewhere[("meta", "language")] = Location(self.path, 0, 0, "meta.language")
        return translated

    def brand(self, source: MarkedDocument) -> MarkedDocument:
        return self.apply(source, Brand, BRAND)

    def apply(self, source: MarkedDocument, model: type[BaseModel], prefix: str = "") -> MarkedDocument:
        """A copy of ``source`` with the text fields of ``model`` translated (English kept where
        the catalogue has no usable translation)."""
        fields = list(text_fields(source.data, model, prefix))
        done: dict[DocPath, str] = {}
        elsewhere = dict(source.elsewhere)
        for text in (f for f in fields if not f.follows):
            message = self.catalog.get(clean(text.text), context=text.context)
            outcome = _outcome(text, message, source, self.path, self.language)
            if isinstance(outcome, Translated):
                done[text.path], elsewhere[text.path] = outcome.text, outcome.where
            elif outcome.broken:
                self.problems.append(outcome.problem)
            else:
                self.untranslated.setdefault(outcome.problem.location, outcome.problem)
        for text in (f for f in fields if f.follows):
            done.update(_followed(text, fields, done))
        done.update(csv_names_kept(source.data, list(done)))
        return replace(source, data=_with(source.data, done), elsewhere=elsewhere)


@dataclass(frozen=True)
class Translated:
    text: str
    where: Location


@dataclass(frozen=True)
class Unusable:
    problem: Problem
    broken: bool
    """An error (the translation breaks something), not a warning (there is none yet)."""


def _outcome(field: TextField, message: Message | None, source: MarkedDocument, path: Path,
             language: str) -> Translated | Unusable:
    """The translation to use, or why there is none."""
    english = _shown(field.text)
    if message is None:
        update = f"brochure translate update {source.file} --lang {language}"
        return Unusable(Problem(source.locate(field.path), f"'{english}' is not in {path.name}: run {update}"), False)
    where = Location(path, message.lineno or 0, 1, format_path(field.path))
    if not isinstance(message.string, str):
        return Unusable(Problem(where, "it has plural forms; a brochure's texts have one: use msgstr"), True)
    if not message.string.strip():
        return Unusable(Problem(where, f"'{english}' is not translated yet"), False)
    if message.fuzzy:
        return Unusable(Problem(where, f"the translation of '{english}' is fuzzy (to be checked: the original "
                                       "changed); remove the fuzzy flag once it is right"), False)
    faults = broken(field.text, message.string)
    if faults:
        return Unusable(Problem(where, f"the translation breaks the original '{english}': {'; '.join(faults)}; "
                                       "a translation keeps the markup, source notes and placeholders"), True)
    return Translated(message.string, where)


def _followed(field: TextField, fields: list[TextField], done: dict[DocPath, str]) -> Iterator[tuple[DocPath, str]]:
    """A setting that repeats a sibling text (a chart's highlight: a point's label, a series'
    name or a category) takes that text's translation."""
    block = field.path[:-1]
    for other in fields:
        if other.path[: len(block)] == block and other.text == field.text and _named_by(other, field, block):
            if other.path in done:
                yield field.path, done[other.path]
            return


def _named_by(other: TextField, field: TextField, block: DocPath) -> bool:
    """Whether ``other`` is a text that ``field`` may repeat: one of the block's fields named in
    ``FOLLOWS``, at any depth (data[2].label, series[0].name, categories[1])."""
    if other.follows:
        return False
    inner = other.path[len(block):]
    return bool(inner) and inner[0] in FOLLOWED_FIELDS.get(str(field.follows), ())


def _with(data: Any, texts: dict[DocPath, str]) -> Any:
    """A copy of ``data`` with each text at its path (a default such as "Sources" is added)."""
    copied = copy.deepcopy(data)
    for path, text in texts.items():
        parent = copied
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = text
    return copied


def _shown(text: str) -> str:
    text = clean(text)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def language_name(language: str) -> str:
    return locale_of(language).english_name or language


LISTED = 10
"""Untranslated texts a warning lists by place; the rest it counts (all with --verbose)."""


def summary(untranslated: list[Problem], language: str, *, every: bool = False) -> str:
    """One warning listing the texts left in English, each with its place: the first ten, and
    how many more (``every``: all of them)."""
    shown = untranslated if every else untranslated[:LISTED]
    listing = "".join(f"\n  {problem}" for problem in shown)
    more = len(untranslated) - len(shown)
    tail = f"\n  ... and {more} more (brochure -v lists them all)" if more else ""
    return (f"{len(untranslated)} text(s) have no {language_name(language)} translation yet; "
            f"the original is used for them:{listing}{tail}")
