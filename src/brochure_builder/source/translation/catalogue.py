"""Catalogues of a brochure: the template of its texts, and PO files made, merged and read with
Babel (``babel.messages``), the way Sphinx and Python projects keep theirs.

A catalogue sits beside its brochure: ``NAME.LANG.po`` for ``NAME.yaml`` (``lithuania.lt.po``).
Each entry's msgid is the English text with its white space folded, its msgctxt the kind of
field it fills (see ``fields``); ``#:`` says where it is in the YAML file, ``#.`` its path.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from ...errors import ContentError, Location, UsageError
from ..dates import source_date_epoch
from ..files import FileRefused, read_limited
from ..limits import MAX_CATALOGUE_BYTES
from ..markup import clean
from ..theme import Brand
from ..yamlsource import MarkedDocument, format_path
from .fields import BRAND, TextField, text_fields

WIDTH = 76
"""Line width of written PO files (gettext's own)."""
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
HEADER = ("Translations template of {file} ({title}).\nMade and updated by `brochure translate`; translate "
          "the msgstr lines with\nany PO editor (Poedit, Weblate, a CAT tool). Entries marked "
          "fuzzy are not used.\n")


def catalogue_path(source: Path, language: str) -> Path:
    """``NAME.LANG.po`` beside ``NAME.yaml``."""
    return source.with_name(f"{source.stem}.{language}.po")


def languages_of(source: Path) -> list[str]:
    """The languages that have a catalogue beside ``source``, in order."""
    found = [path.name[len(source.stem) + 1: -len(".po")] for path in source.parent.glob(f"{source.stem}.*.po")]
    return sorted(language for language in found if LANGUAGE.match(language))


def locale_of(language: str) -> Locale:
    """Babel's locale for a BCP 47 tag ('lt', 'lt-LT'); a usage error for an unknown one."""
    try:
        if not LANGUAGE.match(language):
            raise ValueError(language)
        return Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        raise UsageError(f"'{language}' is not a language tag Babel knows (for example lt or lt-LT)") from None


def template(source: MarkedDocument, brand: MarkedDocument | None = None, title: str = "") -> Catalog:
    """Every text of the brochure (and of its brand) as an untranslated entry, with where it is."""
    catalog = Catalog(project=source.file.stem, version="", fuzzy=False, creation_date=_now(),
                      header_comment=_header(source, title))
    _add(catalog, source, text_fields(source.data), source.file.parent)
    if brand is not None:
        _add(catalog, brand, text_fields(brand.data, Brand, BRAND), source.file.parent)
    return catalog


def _add(catalog: Catalog, source: MarkedDocument, fields: Iterator[TextField], folder: Path) -> None:
    """Add each text; references are relative to the catalogue's folder, as gettext's are, and
    name the file the text is written in (an included file's own)."""
    for field in fields:
        if not field.follows:  # a default ("Sources") is placed where its block is
            where = source.locate(field.path)
            reference = Path(os.path.relpath(where.file, folder)).as_posix()
            catalog.add(clean(field.text), locations=[(reference, where.line)],
                        auto_comments=[format_path(field.path)], context=field.context)


@dataclass(frozen=True)
class Merged:
    path: Path
    catalog: Catalog
    dropped: int
    """Entries whose English text is gone from the brochure."""

    def report(self) -> str:
        entries = [m for m in self.catalog if m.id]
        fuzzy = sum(1 for m in entries if m.fuzzy)
        empty = sum(1 for m in entries if not m.string)
        dropped = f", {self.dropped} obsolete dropped" if self.dropped else ""
        return f"{len(entries) - fuzzy - empty} translated, {fuzzy} fuzzy, {empty} untranslated{dropped}"


def merge(source: MarkedDocument, brand: MarkedDocument | None, language: str, title: str = "") -> Merged:
    """The catalogue for ``language`` brought up to date with the brochure: translations kept,
    entries whose English changed marked fuzzy (with the old English), obsolete ones dropped."""
    path = catalogue_path(source.file, language)
    fresh = template(source, brand, title)
    if path.exists():
        catalog = read_catalogue(path)
    else:
        catalog = Catalog(locale=locale_of(language), project=source.file.stem, version="", fuzzy=False,
                          header_comment=_header(source, title))
    catalog.update(fresh)
    return Merged(path, catalog, len(catalog.obsolete))


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, ignore_obsolete=True)
    return buffer.getvalue()


def same_entries(old: bytes, new: bytes) -> bool:
    """Whether two PO files differ in nothing but their header (dates, tool version)."""
    return _entries(old) == _entries(new)


def _entries(data: bytes) -> bytes:
    start = data.find(b'msgid ""')
    end = data.find(b"\n\n", start)
    return data[end:] if start >= 0 and end >= 0 else data


def read_catalogue(path: Path) -> Catalog:
    """A PO file read with Babel; a malformed one is a content error with its line. It is read
    within its limit of bytes, and only if it is a regular file (a FIFO is refused unopened)."""
    try:
        data = read_limited(path, MAX_CATALOGUE_BYTES, "catalogue")
    except FileRefused as exc:
        raise ContentError.at(Location(path), str(exc)) from None
    _check_strings(data, path)
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as exc:
        raise ContentError.at(Location(path, exc.lineno + 1, 1), f"not a valid PO file: {_reason(exc)}") from None
    except (UnicodeDecodeError, LookupError, ValueError) as exc:
        raise ContentError.at(Location(path), f"not a valid PO file: {exc}") from None
    for message in catalog:  # Babel reads gettext's "#| msgid" (the previous English) as a comment
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    return catalog


_PO_LINE = re.compile(r'(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(?P<string>.*)|(?P<more>".*)')
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _check_strings(data: bytes, path: Path) -> None:
    """Every string of the file quoted whole: Babel takes ``msgstr "abc`` for "ab" (it drops
    the last character as the closing quote), so a slip would silently cut a translation."""
    text = data.decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _PO_LINE.fullmatch(line)  # a line of any other kind is Babel's to name
        string = match.group("string") or match.group("more") if match else None
        if string is not None and not _QUOTED.fullmatch(string):
            raise ContentError.at(Location(path, number, 1), "not a valid PO file: expected a text in double "
                                  f'quotes, "like this" (a \\" inside it), found {string[:60]!r}')


def _reason(exc: PoFileError) -> str:
    return str(exc).rsplit(" on ", 1)[0]


def _header(source: MarkedDocument, title: str) -> str:
    """Babel makes "Translations template" "Lithuanian translations" in a catalogue for lt."""
    text = HEADER.format(file=source.file.name, title=title or source.file.stem)
    return "\n".join(f"# {line}" for line in text.splitlines()) + "\n#"


def _now() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds' convention), else now."""
    return source_date_epoch() or datetime.now(UTC)
