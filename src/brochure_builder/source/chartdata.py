"""Chart data rules shared by inline data and ``data_from`` CSV files: what each chart kind
accepts, how a CSV file becomes chart data, and when shares do not add up (a warning)."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .csvfile import CsvRow, CsvTable, read_csv

CHART_KINDS = ("rank", "bar", "line", "column", "stacked", "donut")
SINGLE_SERIES = ("rank", "bar", "donut")
"""Kinds drawn from ``data: [{label, value, note}]``; the others take categories and series."""
MAX_SERIES = 6
"""Series (and donut slices) a reader can tell apart by colour, in greyscale too."""
MAX_POINTS = {"rank": 24, "bar": 24, "donut": MAX_SERIES}
MAX_CATEGORIES = {"line": 60, "column": 24, "stacked": 24}
MAX_RANK = 1000
PERCENT_TOLERANCE = 0.5
"""Percentages that should make a whole may be off by rounding, by this much (of 100)."""

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?")


@dataclass(frozen=True)
class TablePoint:
    label: str
    value: float
    note: str | None
    line: int


@dataclass(frozen=True)
class TableSeries:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ChartTable:
    """Chart data read from a CSV file: points (single-series kinds) or categories and series."""

    file: Path
    points: tuple[TablePoint, ...] = ()
    categories: tuple[str, ...] = ()
    series: tuple[TableSeries, ...] = ()
    lines: tuple[int, ...] = ()
    """The CSV line of each point or category."""
    header_line: int = 1


def value_problem(kind: str, values: Sequence[float]) -> str | None:
    """What is wrong with these values for this kind of chart, or None."""
    name = f"a {kind} chart"
    if kind == "rank" and not all(v == int(v) and 1 <= v <= MAX_RANK for v in values):
        return f"{name}'s values are ranks: whole numbers from 1 to {MAX_RANK}, got {_listed(values)}"
    if kind in ("bar", "stacked") and min(values, default=0) < 0:
        return f"{name}'s bars start at zero: values cannot be negative, got {_listed(values)}"
    if kind == "donut" and min(values, default=1) <= 0:
        return f"{name}'s slices are parts of a whole: each must be more than zero, got {_listed(values)}"
    return None


def count_problem(kind: str, points: int = 0, categories: int = 0, series: int = 0) -> str | None:
    if kind in MAX_POINTS and points > MAX_POINTS[kind]:
        return f"a {kind} chart shows at most {MAX_POINTS[kind]} items, got {points}"
    if kind in MAX_CATEGORIES and categories > MAX_CATEGORIES[kind]:
        return f"a {kind} chart shows at most {MAX_CATEGORIES[kind]} categories, got {categories}"
    if series > MAX_SERIES:
        return f"a chart shows at most {MAX_SERIES} series, got {series}"
    return None


def _listed(values: Sequence[float]) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def read_chart_table(path: Path, kind: str) -> ChartTable:
    """A ``data_from`` CSV file as chart data, or ``ValueError`` naming its file and line.

    Single-series kinds: columns label, value and an optional note. Other kinds: the first
    column holds the categories, each further column is a series named by its header.
    """
    table = read_csv(path)
    if not table.rows:
        raise ValueError(f"{table.where(table.header_line)}: a header but no rows of data")
    if kind in SINGLE_SERIES:
        chart = _points(table, kind)
    else:
        chart = _series(table, kind)
    return chart


def _points(table: CsvTable, kind: str) -> ChartTable:
    if len(table.header) not in (2, 3):
        raise ValueError(f"{table.where(table.header_line)}: a {kind} chart's CSV has the columns "
                         f"label, value and (optionally) note; found {len(table.header)} columns")
    points = tuple(TablePoint(_label(table, row), _number(table, row, 1), (row.cells[2:] or [""])[0] or None,
                              row.line) for row in table.rows)
    problem = count_problem(kind, points=len(points)) or value_problem(kind, [p.value for p in points])
    if problem:
        raise ValueError(f"{table.file.name}: {problem}")
    return ChartTable(table.file, points=points, lines=tuple(p.line for p in points), header_line=table.header_line)


def _series(table: CsvTable, kind: str) -> ChartTable:
    if len(table.header) < 2:
        raise ValueError(f"{table.where(table.header_line)}: a {kind} chart's CSV has the categories "
                         "in its first column and one column per series")
    names = table.header[1:]
    for index, name in enumerate(names, start=2):
        if not name:
            raise ValueError(f"{table.where(table.header_line)}: column {index} has no series name")
    categories = tuple(_label(table, row) for row in table.rows)
    series = tuple(TableSeries(name, tuple(_number(table, row, column) for row in table.rows))
                   for column, name in enumerate(names, start=1))
    problem = count_problem(kind, categories=len(categories), series=len(series)) or next(
        (f"series '{s.name}': {p}" for s in series if (p := value_problem(kind, s.values))), None)
    if problem:
        raise ValueError(f"{table.file.name}: {problem}")
    return ChartTable(table.file, categories=categories, series=series, lines=tuple(r.line for r in table.rows),
                      header_line=table.header_line)


def _label(table: CsvTable, row: CsvRow) -> str:
    if not row.cells[0]:
        raise ValueError(f"{table.where(row.line)}: the first cell (a label) is empty")
    return row.cells[0]


def _number(table: CsvTable, row: CsvRow, column: int) -> float:
    """A plain decimal number: no thousands separators, no NaN, no infinity."""
    cell = row.cells[column]
    value = float(cell) if NUMBER.fullmatch(cell) else math.nan
    if not math.isfinite(value):
        expected = "a number, written like 1234.5" if cell else "a number, found an empty cell"
        shown = f"'{cell}' is not " if cell else ""
        raise ValueError(f"{table.where(row.line)}: column '{table.header[column]}': {shown}{expected}")
    return value


def percent_total(value_format: str) -> float | None:
    """What values shown as percentages add up to (100, or 1 for the ``%`` format type), or
    None when the format does not show a percentage."""
    for literal, field, spec, _conversion in string.Formatter().parse(value_format):
        if spec and spec.endswith("%") and field is not None:
            return 1.0
        if "%" in (literal or ""):
            return 100.0
    return None


def shares_problem(values: Sequence[float], value_format: str) -> str | None:
    """Percentages that should make a whole but do not (100 ± 0.5, or 1 ± 0.005)."""
    total = percent_total(value_format)
    if total is None:
        return None
    found = math.fsum(values)
    if abs(found - total) <= PERCENT_TOLERANCE * total / 100:
        return None
    shown = f"{found:.4g}" if total == 1 else f"{found:.4g}%"
    whole = "1 (100%)" if total == 1 else "100%"
    return (f"the shares add up to {shown}, not {whole}; they are drawn as parts of their sum, "
            "so the labels and the picture disagree")
