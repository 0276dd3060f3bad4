"""Read a small CSV data file named by a brochure (UTF-8, a header row), every row with its
line, so that a bad cell is reported as ``FILE:LINE``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

MAX_CSV_BYTES = 1_000_000
"""A data file for a chart or a table; anything larger is not meant for a page."""
MAX_CSV_ROWS = 1_000


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    file: Path
    header: tuple[str, ...]
    header_line: int
    rows: tuple[CsvRow, ...]

    def where(self, line: int) -> str:
        return f"{self.file.name}:{line}"


def read_csv(path: Path) -> CsvTable:
    """The rows of ``path`` under its header, each as long as the header (else ``ValueError``
    naming the file and line). Blank lines are skipped."""
    text = _text(path)
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows: list[CsvRow] = []
    header: tuple[str, ...] = ()
    header_line = 0
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            row = CsvRow(reader.line_num, tuple(cell.strip() for cell in cells))
            if not header:
                header, header_line = row.cells, row.line
            elif len(rows) >= MAX_CSV_ROWS:
                raise ValueError(f"{path.name}:{row.line}: more than {MAX_CSV_ROWS} rows")
            elif len(row.cells) != len(header):
                raise ValueError(f"{path.name}:{row.line}: {len(row.cells)} cells, but the header "
                                 f"(line {header_line}) has {len(header)} columns")
            else:
                rows.append(row)
    except csv.Error as exc:
        raise ValueError(f"{path.name}:{reader.line_num}: not valid CSV: {exc}") from None
    if not header:
        raise ValueError(f"{path.name}: empty; expected a header row and rows of data")
    return CsvTable(path, header, header_line, tuple(rows))


def _text(path: Path) -> str:
    if path.suffix.lower() != ".csv":
        raise ValueError(f"'{path.name}': expected a .csv file")
    from .files import FileRefused, read_limited

    try:  # a regular file only: a FIFO or a device is refused without waiting or reading
        raw = read_limited(path, MAX_CSV_BYTES, "CSV data file")
    except FileRefused as exc:
        raise ValueError(f"{path.name}: {exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValueError(f"{path.name}:{line}: not UTF-8 text") from None
