"""Mail merge: ``{{ column }}`` placeholders in a brochure's text, filled from one data row.

A placeholder is ``{{ column }}`` or ``{{ column or "text" }}`` (or ``'text'``); the default
stands in for an empty cell, and for every build without a data file. (``or`` rather than a
``default:`` filter: a colon and a space would end a plain YAML value.) Values are text, never markup:
Markdown's punctuation in a value is escaped before it goes in.

Rows are counted as a spreadsheet numbers them: the header is row 1, the first data row is row
2. Errors, ``row-N`` file names and the manifest all use that number.
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError, Location, Problem
from .limits import MAX_UNBROKEN_CHARS
from .textfields import NOT_TEXT, text_fields
from .yamlsource import MarkedDocument, longest_run

PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.DOTALL)
SPEC = re.compile(r"""\s*((?:(?!or\s)[^\s{}|"'])+(?: (?!or\s)[^\s{}|"']+)*)\s*(?:or\s*(?:"([^"{}]*)"|'([^'{}]*)')\s*)?""")
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]()!^#~|])")
MAX_NAME = 80
MAX_CELL = 64 * 1024
"""Bytes in one cell of a data file; a longer cell is refused with its row."""
HEADER_ROW = 1


@dataclass(frozen=True)
class Placeholder:
    column: str
    default: str | None
    text: str


def placeholders(text: str) -> Iterator[Placeholder | str]:
    """Each placeholder in ``text``, or the text of one that is not understood."""
    for match in PLACEHOLDER.finditer(text):
        spec = SPEC.fullmatch(match.group(1))
        yield Placeholder(spec.group(1), _default(spec), match.group(0)) if spec else match.group(0)


def _default(spec: re.Match[str]) -> str | None:
    return spec.group(2) if spec.group(2) is not None else spec.group(3)


def _problems(source: MarkedDocument, judge: Any) -> list[Problem]:
    problems = []
    for path, text in text_fields(source.data):
        for found in placeholders(text):
            if isinstance(found, str):
                problems.append(Problem(source.locate(path), f"placeholder '{found}' is not understood: write "
                                        '{{ column }} or {{ column or "text" }}'))
            elif (message := judge(found)) is not None:
                problems.append(Problem(source.locate(path), message))
    return problems


def used_columns(source: MarkedDocument) -> set[str]:
    """The columns the placeholders of the brochure's texts name."""
    return {found.column for _path, text in text_fields(source.data) for found in placeholders(text)
            if isinstance(found, Placeholder)}


def check_placeholders(source: MarkedDocument, columns: list[str], data_file: Path) -> None:
    """Every placeholder must name a column of the data file; report each one that does not."""
    problems = _problems(source, lambda p: None if p.column in columns else (
        f"placeholder '{p.text}' is not a column of {data_file} (columns: {', '.join(columns)})"))
    if problems:
        raise ContentError(problems)


def unfilled(source: MarkedDocument) -> list[Problem]:
    """Without a data file, each placeholder with no default: it prints as it is (a warning,
    an error with --strict: a template is often built to look at it before its data exists)."""
    return _problems(source, lambda p: None if p.default is not None else (
        f"placeholder '{p.text}' has no value without --data FILE.csv and is printed as it is; "
        f'give it a default: {{{{ {p.column} or "text" }}}}'))


def fill_defaults(data: Any) -> Any:
    """A copy of the document data with each placeholder that has a default replaced by it."""
    if isinstance(data, dict):
        return {k: (v if k in NOT_TEXT else fill_defaults(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [fill_defaults(item) for item in data]
    if isinstance(data, str):
        return PLACEHOLDER.sub(lambda m: _default_text(m.group(0), m.group(1)), data)
    return data


def _default_text(whole: str, spec_text: str) -> str:
    spec = SPEC.fullmatch(spec_text)
    default = _default(spec) if spec else None
    return whole if default is None else escape(default)


def has_placeholders(source: MarkedDocument) -> bool:
    return any(PLACEHOLDER.search(text) for _path, text in text_fields(source.data))


def fill(data: Any, row: dict[str, str]) -> Any:
    """A copy of the document data with every placeholder replaced by the row's (escaped) value."""
    if isinstance(data, dict):
        return {k: (v if k in NOT_TEXT else fill(v, row)) for k, v in data.items()}
    if isinstance(data, list):
        return [fill(item, row) for item in data]
    if isinstance(data, str):
        return PLACEHOLDER.sub(lambda m: escape(_value(m.group(1), row)), data)
    return data


def fill_text(text: str, row: dict[str, str]) -> str:
    """One text (a subject line, an email body) with its placeholders filled, unescaped."""
    return PLACEHOLDER.sub(lambda m: _value(m.group(1), row), text)


def escape(value: str) -> str:
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", value)


def _value(spec_text: str, row: dict[str, str]) -> str:
    spec = SPEC.fullmatch(spec_text)
    if spec is None:
        return ""
    return row.get(spec.group(1)) or _default(spec) or ""


@dataclass(frozen=True)
class Row:
    number: int
    """As a spreadsheet numbers it: the header is row 1."""
    values: dict[str, str]
    problem: str | None = None
    """Why the row cannot be used (too many cells), reported for this row alone."""


class DataFile:
    """A CSV file (UTF-8, header row first), read lazily, one row at a time."""

    def __init__(self, path: Path, used: set[str] | None = None) -> None:
        self.path = path
        _check_regular(path)
        with self._open() as stream:
            try:
                header = next(csv.reader(stream, strict=True), None)
            except (UnicodeDecodeError, csv.Error) as exc:
                raise ContentError.at(Location(path, HEADER_ROW, 1), f"not a readable UTF-8 CSV header: {exc}") from None
        self.columns = [name.strip() for name in header or []]
        self.used = used
        """The columns the brochure's placeholders set on a page (None: all); only their cells
        are held to the limit on a run with no space."""
        if not self.columns or not any(self.columns):
            raise ContentError.at(Location(path, HEADER_ROW, 1),
                                  "no header row: the first line must name the columns")

    def _open(self) -> Any:
        try:
            return self.path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise ContentError.at(Location(self.path), f"cannot be read: {exc.strerror}") from None

    def rows(self) -> Iterator[Row]:
        """Each data row with its number; a file that cannot be read stops with the row it reached."""
        number = HEADER_ROW
        with self._open() as stream:
            reader = csv.reader(stream, strict=True)  # a quote never closed would swallow every row after it
            try:
                next(reader, None)
                for number, cells in enumerate(reader, start=HEADER_ROW + 1):
                    if cells:  # a blank line is a row of a spreadsheet, with no one in it
                        yield self._row(number, cells)
            except (UnicodeDecodeError, csv.Error) as exc:
                raise ContentError.at(Location(self.path, number + 1, 1),
                                      f"row {number + 1}: not a readable UTF-8 CSV row: {exc}") from None

    def _row(self, number: int, cells: list[str]) -> Row:
        problem = None
        if len(cells) > len(self.columns):
            problem = f"{len(cells)} cells but the header names {len(self.columns)} columns"
        elif any(len(cell) > MAX_CELL for cell in cells):
            problem = f"a cell longer than {MAX_CELL} characters"
        elif any(longest_run(cell) > MAX_UNBROKEN_CHARS for column, cell in zip(self.columns, cells)
                 if self.used is None or column in self.used):
            problem = (f"a cell with more than {MAX_UNBROKEN_CHARS:,} characters and no space between them "
                       "(a word that long cannot be set in a line)")
        values = {column: (cells[i] if i < len(cells) else "") for i, column in enumerate(self.columns)}
        return Row(number, values, problem)


def _check_regular(path: Path) -> None:
    """Only a regular file: a FIFO or a device would block or never end."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise ContentError.at(Location(path), "file not found") from None
    except OSError as exc:
        raise ContentError.at(Location(path), f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise ContentError.at(Location(path), "not a regular file (a folder, FIFO or device): give a CSV file")
    csv.field_size_limit(MAX_CELL * 4)


class FileNames:
    """Safe, distinct file names (without extension), given in row order.

    Names already given are kept on disk (a private SQLite file), so a million rows take no
    more memory than ten.
    """

    def __init__(self) -> None:
        self._taken = sqlite3.connect("")  # "" is a private temporary database on disk
        self._taken.execute("CREATE TABLE taken (name TEXT PRIMARY KEY)")
        self._taken.execute("CREATE TABLE next (base TEXT PRIMARY KEY, suffix INTEGER)")

    def name(self, value: str, row_number: int) -> str:
        """The value's safe name, with ``-2``, ``-3``... after one already given."""
        base = safe_name(value) or f"row-{row_number}"
        found = self._taken.execute("SELECT suffix FROM next WHERE base = ?", (base.lower(),)).fetchone()
        suffix = found[0] if found else 1  # the suffixes before it are taken: skip them
        name = base if suffix == 1 else f"{base}-{suffix}"
        while not self._take(name.lower()):
            suffix += 1
            name = f"{base}-{suffix}"
        self._taken.execute("INSERT OR REPLACE INTO next VALUES (?, ?)", (base.lower(), suffix + 1))
        return name

    def _take(self, key: str) -> bool:
        return self._taken.execute("INSERT OR IGNORE INTO taken VALUES (?)", (key,)).rowcount == 1

    def close(self) -> None:
        self._taken.close()


def file_names(values: list[str], first_row: int = HEADER_ROW + 1) -> list[str]:
    """The file names of ``values`` given in order from row ``first_row``."""
    names = FileNames()
    try:
        return [names.name(value, number) for number, value in enumerate(values, start=first_row)]
    finally:
        names.close()


def safe_name(value: str) -> str:
    """ASCII letters, digits, dot, dash and underscore, transliterated (``Weiß`` is ``Weiss``);
    no leading dot; at most 80 characters."""
    from anyascii import anyascii

    name = re.sub(r"[^A-Za-z0-9._-]+", "-", anyascii(value)).strip("-.")
    return name[:MAX_NAME].rstrip("-.")
