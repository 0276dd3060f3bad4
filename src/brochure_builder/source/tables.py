"""The table block: columns, rows written in the YAML or read from a CSV file, an optional
total row; every cell checked when the brochure loads, with its line."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    Field,
    PlainValidator,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..errors import Problem
from .csvdata import CsvProblem, CsvRow, read_csv
from .glyphs import character_problems
from .limits import MAX_UNBROKEN_CHARS
from .schema import Model, resolve_path, shown_path
from .theme import Fonts
from .yamlsource import DocPath, MarkedDocument, longest_run

MAX_COLUMNS = 12
MAX_TABLE_ROWS = 5_000
"""Rows written in the YAML or read from a CSV file (``csvdata.MAX_CSV_ROWS``)."""
MAX_REPORTED = 20
"""Problems reported for one table; the rest are counted."""
NUMBER = re.compile(r"[+-]?(\d{1,30}(\.\d{0,30})?|\.\d{1,30})([eE][+-]?\d{1,3})?")
"""A number as a CSV file may write it: digits, a decimal point, an exponent; no grouping."""

FORMAT_SPEC = re.compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?(\d*)[,_]?(?:\.(\d+))?[a-zA-Z%]?")
"""Python's format spec, for its width and precision (checked before a number is formatted:
``{:>999999999}`` would build a string of a billion characters)."""
MAX_FORMAT_WIDTH = 40
MAX_FORMAT_PRECISION = 15

Number = int | float
CellValue = str | Number | None


def _cell(value: Any) -> CellValue:
    """Text, a finite number or nothing (an empty cell); a date is shown as written."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise ValueError("a yes/no value is not a cell; put it in quotes to show it as text")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError(f"a cell holds a finite number, not {value}")
        return value
    if isinstance(value, date):
        return value.isoformat()
    raise ValueError(f"a cell holds text or a number, not {type(value).__name__}")


Cell = Annotated[CellValue, PlainValidator(_cell), WithJsonSchema({"type": ["string", "number", "null"]})]


def check_number_format(spec: str) -> str:
    """One replacement field with a format spec, plus literal text: ``{:,.0f} €``, ``{:.1%}``."""
    fields = [f for f in string.Formatter().parse(spec) if f[1] is not None]
    if len(fields) != 1 or fields[0][1] not in ("", "0") or fields[0][3] or "{" in (fields[0][2] or ""):
        raise ValueError(f"'{spec}' is not a number format: write one field such as {{:,.0f}} or {{:.1%}}, "
                         "with any text around it")
    width, precision = _spec_sizes(fields[0][2] or "")
    if width > MAX_FORMAT_WIDTH or precision > MAX_FORMAT_PRECISION:
        raise ValueError(f"'{spec}' asks for {max(width, precision)} characters; a number format may pad to "
                         f"{MAX_FORMAT_WIDTH} and show {MAX_FORMAT_PRECISION} decimals at most")
    for probe in (1234.5, 1234):
        try:
            spec.format(probe)
            return spec
        except (ValueError, TypeError):
            continue
    raise ValueError(f"'{spec}' cannot format a number")


def _spec_sizes(spec: str) -> tuple[int, int]:
    """The width and the precision a format spec asks for (0 when it names none)."""
    found = FORMAT_SPEC.fullmatch(spec)
    if found is None:
        return 0, 0  # not a number format: formatting a probe says so
    return int(found.group(1) or 0), int(found.group(2) or 0)


NumberFormat = Annotated[str, WrapValidator(lambda v, handler: check_number_format(handler(v)))]


def _resolve_csv(value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Path:
    path = resolve_path(handler(value), info, value)
    if path.suffix.lower() != ".csv":
        raise ValueError(f"'{path.name}': rows come from a CSV file (.csv)")
    return path


CsvPath = Annotated[Path, WrapValidator(_resolve_csv)]


class TableColumn(Model):
    title: str = Field(min_length=1)
    align: Literal["left", "centre", "right"] | None = Field(
        default=None, description="default: right for numbers, left for text")
    width: float | None = Field(default=None, gt=0, le=100,
                                description="a share of the table's width, against the other columns' shares")
    format: NumberFormat | None = Field(
        default=None, description="the column holds numbers, written with this format: {:,.0f} or {:.1%}")
    csv_column: str | None = Field(
        default=None, min_length=1, description="the CSV header name this column takes (default: its title)")


class Table(Model):
    kind: Literal["table"] = "table"
    title: str | None = None
    columns: list[TableColumn] = Field(min_length=1, max_length=MAX_COLUMNS)
    rows: list[list[Cell]] | None = Field(default=None, max_length=MAX_TABLE_ROWS)
    rows_from: CsvPath | None = Field(default=None, description="a CSV file (UTF-8) instead of rows")
    csv_header: bool = Field(default=True, description="the CSV file's first row names its columns")
    header: bool = Field(default=True, description="the column titles form a header row")
    total: list[Cell] | bool = Field(
        default=False, description="a last row set off as a total: its cells, or true for the last row of the data")
    zebra: bool = Field(default=False, description="every other row tinted")
    caption: str | None = None
    source: str | None = None
    _body: tuple[tuple[CellValue, ...], ...] = PrivateAttr(default=())
    _total: tuple[CellValue, ...] | None = PrivateAttr(default=None)
    _lines: tuple[int, ...] = PrivateAttr(default=())
    _total_line: int = PrivateAttr(default=0)

    @property
    def body(self) -> tuple[tuple[CellValue, ...], ...]:
        """The rows between the header and the total, from the YAML or the CSV file."""
        return self._body

    @property
    def total_row(self) -> tuple[CellValue, ...] | None:
        return self._total

    @property
    def csv_lines(self) -> tuple[int, ...]:
        """The CSV line of each body row (empty when the rows are written in the YAML)."""
        return self._lines

    def numeric(self) -> list[bool]:
        """Whether each column holds numbers: it has a format, or every cell is a number."""
        cells = [*self._body, *([self._total] if self._total else [])]
        return [column.format is not None or _all_numbers([row[i] for row in cells])
                for i, column in enumerate(self.columns)]

    @model_validator(mode="after")
    def _rows_are_complete(self) -> Table:
        if (self.rows is None) == (self.rows_from is None):
            raise ValueError("a table takes its rows from rows or from rows_from (a CSV file): one of them")
        problems: list[InitErrorDetails] = []
        if self.rows_from is not None:
            rows = _csv_rows(self, problems)
        else:
            rows = [_Row(tuple(row), ("rows", i), "") for i, row in enumerate(self.rows or [])]
            problems += _ragged(self, rows)
        total: _Row | None = None
        if self.total is True and rows:
            total, rows = rows[-1], rows[:-1]
        if not rows and not problems:
            problems.append(_error(("rows_from",) if self.rows_from else ("rows",), "the table has no rows of data"))
        elif isinstance(self.total, list):
            total = _Row(tuple(self.total), ("total",), "")
            if len(total.cells) != len(self.columns):
                problems.append(_error(("total",), f"the total row has {len(total.cells)} cells; the table has "
                                                   f"{len(self.columns)} columns"))
        problems += [p for row in [*rows, *([total] if total else [])] if len(row.cells) == len(self.columns)
                     for p in _number_problems(self, row)]
        if problems:
            raise ValidationError.from_exception_data("Table", _capped(problems))
        self._body = tuple(_with_numbers(self, row.cells) for row in rows)
        self._total = _with_numbers(self, total.cells) if total else None
        self._lines = tuple(row.line for row in rows)
        self._total_line = total.line if total else 0
        return self


class _Row(NamedTuple):
    cells: tuple[CellValue, ...]
    loc: tuple[str | int, ...]
    """Where a problem with the row is reported: the row in the YAML, or ``rows_from``."""
    where: str
    """``FILE:LINE: `` for a row of a CSV file."""
    line: int = 0


def cell_text(value: CellValue, column: TableColumn) -> str:
    """A cell as it is printed: numbers in the column's format, or as written."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if column.format is not None:
        return column.format.format(value)
    return str(value)


def _all_numbers(values: Sequence[CellValue]) -> bool:
    present = [v for v in values if v not in (None, "")]
    return bool(present) and all(_number(v) is not None for v in present)


def _number(value: CellValue) -> Number | None:
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and NUMBER.fullmatch(value):
        number = float(value) if any(c in value for c in ".eE") else int(value)
        return number if math.isfinite(number) else None
    return None


def _error(loc: tuple[str | int, ...], message: str) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError("table", message), loc=loc, input=[])


def _capped(problems: list[InitErrorDetails]) -> list[InitErrorDetails]:
    if len(problems) <= MAX_REPORTED:
        return problems
    more = len(problems) - MAX_REPORTED
    return [*problems[:MAX_REPORTED], _error((), f"and {more} more problems in this table")]


def _ragged(table: Table, rows: list[_Row]) -> Iterator[InitErrorDetails]:
    for row in rows:
        if len(row.cells) != len(table.columns):
            yield _error(row.loc, f"this row has {len(row.cells)} cells; the table has {len(table.columns)} columns")


def _csv_rows(table: Table, problems: list[InitErrorDetails]) -> list[_Row]:
    """The CSV file's rows as cells of the table's columns, each with its line."""
    assert table.rows_from is not None
    name = shown_path(table.rows_from)
    try:
        found = read_csv(table.rows_from, limit=MAX_TABLE_ROWS + 1)
        picked = _picked_columns(table, found)
    except CsvProblem as exc:
        where = f"{name}:{exc.line}" if exc.line else str(name)
        problems.append(_error(("rows_from",), f"{where}: {exc}"))
        return []
    width = len(found[0].cells)
    rows = []
    for row in found[1:] if table.csv_header else found:
        longest = max((longest_run(row.cells[i]) for i in picked if i < len(row.cells)), default=0)
        if len(row.cells) != width:
            problems.append(_error(("rows_from",), f"{name}:{row.line}: this row has {len(row.cells)} cells; "
                                                   f"line {found[0].line} has {width}"))
        elif longest > MAX_UNBROKEN_CHARS:  # only the cells the table sets (a column it leaves out may hold anything)
            problems.append(_error(("rows_from",), f"{name}:{row.line}: a cell has {longest:,} characters with no "
                                                   f"space between them; a cell may run at most "
                                                   f"{MAX_UNBROKEN_CHARS:,} without one"))
        else:
            rows.append(_Row(tuple(row.cells[i] or None for i in picked), ("rows_from",), f"{name}:{row.line}: ",
                             row.line))
    return rows


def _picked_columns(table: Table, found: list[CsvRow]) -> list[int]:
    """For each column of the table, the index of the CSV column it takes."""
    if not table.csv_header:
        named = [c.title for c in table.columns if c.csv_column]
        if named:
            raise CsvProblem(0, f"csv_column needs a header row in the file (csv_header: true); "
                                f"column '{named[0]}' names one")
        if len(found[0].cells) != len(table.columns):
            raise CsvProblem(found[0].line, f"this row has {len(found[0].cells)} cells; the table has "
                                            f"{len(table.columns)} columns")
        return list(range(len(table.columns)))
    header = found[0]
    picked = []
    for column in table.columns:
        wanted = column.csv_column or column.title
        if header.cells.count(wanted) != 1:
            how = "two columns" if wanted in header.cells else "no column"
            raise CsvProblem(header.line, f"{how} '{wanted}' in the header row ({', '.join(header.cells)}); "
                                          "name the table's columns as the file does, or give each its csv_column")
        picked.append(header.cells.index(wanted))
    return picked


def _number_problems(table: Table, row: _Row) -> Iterator[InitErrorDetails]:
    """Cells of a column with a format must be numbers that the format can write."""
    for index, (column, value) in enumerate(zip(table.columns, row.cells, strict=True)):
        if column.format is None or value is None:
            continue
        number = _number(value)
        problem: str | None
        if number is None:
            problem = (f"column '{column.title}' holds numbers (it has a format), not {value!r}; write digits "
                       "with a decimal point, without thousands separators")
        else:
            problem = _format_problem(column.format, number)
        if problem:
            yield _error(row.loc if row.line else (*row.loc, index), row.where + problem)


def _format_problem(spec: str, number: Number) -> str | None:
    try:
        spec.format(number)
    except (ValueError, TypeError) as exc:
        return f"the format '{spec}' cannot write {number}: {exc}"
    return None


def _with_numbers(table: Table, cells: tuple[CellValue, ...]) -> tuple[CellValue, ...]:
    """Cells of columns with a format as numbers (a CSV file gives text)."""
    return tuple(_number(value) if column.format is not None and value is not None else value
                 for column, value in zip(table.columns, cells, strict=True))


def undrawable_csv_cells(source: MarkedDocument, blocks: Iterable[tuple[DocPath, Model]], fonts: Fonts
                         ) -> Iterator[Problem]:
    """Characters of CSV cells the brand's fonts cannot draw, and right-to-left text (text in the
    YAML is checked with the rest of the YAML), each named at ``rows_from`` with the CSV file's line."""
    for path, block in blocks:
        if not isinstance(block, Table) or block.rows_from is None:
            continue
        name = shown_path(block.rows_from)
        rows = list(zip(block.csv_lines, block.body, strict=True))
        if block.total is True and block.total_row:
            rows.append((block._total_line, block.total_row))
        for line, row in rows:
            text = "\n".join(cell for cell in row if isinstance(cell, str))
            yield from character_problems(source.locate((*path, "rows_from")), text, fonts, f"{name}:{line}: ")


def csv_names_kept(data: Any, translated: Iterable[DocPath]) -> dict[DocPath, str]:
    """What a translation adds to the data: a table reading a CSV file finds its columns by
    their titles, so a column whose title is translated keeps the title as written as its
    ``csv_column``."""
    kept = {}
    for path in translated:
        if len(path) < 3 or path[-1] != "title" or path[-3] != "columns":
            continue
        block, column = _at(data, path[:-3]), _at(data, path[:-1])
        if (isinstance(block, dict) and block.get("kind") == "table" and block.get("rows_from")
                and isinstance(column, dict) and "csv_column" not in column):
            kept[(*path[:-1], "csv_column")] = column["title"]
    return kept


def _at(data: Any, path: DocPath) -> Any:
    for part in path:
        data = data[part]
    return data
