"""Read a small CSV file named by a brochure (``rows_from``): UTF-8, comma-separated, every
row with its line in the file, so that a bad cell is reported as ``FILE:LINE``."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

MAX_CSV_BYTES = 2_000_000
"""A table's data file; anything larger is not meant for a page."""
MAX_CSV_ROWS = 5_000


class CsvProblem(ValueError):
    """What is wrong with a CSV file, and on which line (0: the file as a whole)."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: tuple[str, ...]


def read_csv(path: Path, *, limit: int = MAX_CSV_ROWS) -> list[CsvRow]:
    """The non-blank rows of ``path``, cells stripped of surrounding white space."""
    text = _text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[CsvRow] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= limit:
                raise CsvProblem(reader.line_num, f"more than {limit} rows")
            rows.append(CsvRow(reader.line_num, tuple(cell.strip() for cell in cells)))
    except csv.Error as exc:
        raise CsvProblem(reader.line_num, f"not valid CSV: {exc}") from None
    if not rows:
        raise CsvProblem(0, "the file holds no rows")
    return rows


def _text(path: Path) -> str:
    from .files import FileRefused, read_limited

    try:  # a regular file only: a FIFO or a device is refused without waiting or reading
        raw = read_limited(path, MAX_CSV_BYTES, "CSV data file")
    except FileRefused as exc:
        raise CsvProblem(0, str(exc)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvProblem(raw[: exc.start].count(b"\n") + 1, "not UTF-8 text") from None
