"""Build one personalised PDF per data row, across all cores, past bad rows."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..errors import BrochureError, ContentError, Location
from ..pdf.output import write_atomically
from ..source.loading import Document, load, personalise
from ..source.merge import check_placeholders, file_names, read_rows


@dataclass(frozen=True)
class RowResult:
    row: int
    path: Path | None
    error: str | None = None


_document: Document | None = None


def _start_worker(source: Path, allow_outside: bool, language: str | None) -> None:
    global _document
    _document = load(source, allow_outside=allow_outside, language=language)


def _build_row(row_number: int, row: dict[str, str], target: Path) -> RowResult:
    from ..layout.profiles import SCREEN
    from ..pdf.produce import produce

    assert _document is not None
    try:
        document = personalise(_document, row)
        write_atomically(target, produce(document, SCREEN).pdf)
    except BrochureError as error:
        return RowResult(row_number, None, str(error))
    return RowResult(row_number, target)


def build_batch(
    source: Path, data: Path, *, name_column: str | None = None, output_dir: Path | None = None,
    jobs: int | None = None, allow_outside: bool = False,
    progress: Callable[[int, int], None] | None = None, language: str | None = None,
) -> list[RowResult]:
    """Write ``output/<brochure>/<name>.pdf`` for every row of ``data`` (``<brochure>-<lang>``
    for a translated edition); report bad rows."""
    document = load(source, allow_outside=allow_outside, language=language)
    columns, rows = read_rows(data)
    check_placeholders(document.source, columns, data)
    column = name_column or columns[0]
    if column not in columns:
        raise ContentError.at(Location(data, 1, 1), f"no column '{column}' (columns: {', '.join(columns)})")
    folder = output_dir or Path("output") / (document.name + (f"-{language}" if language else ""))
    names = file_names([row.get(column) or "" for row in rows])
    workers = max(1, min(jobs or os.cpu_count() or 1, len(rows)))
    results: list[RowResult] = []
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(source, allow_outside, language)) as pool:
        futures = [
            pool.submit(_build_row, number, row, folder / f"{name}.pdf")
            for number, (row, name) in enumerate(zip(rows, names), start=2)  # row 1 is the header
        ]
        for done, future in enumerate(as_completed(futures), start=1):
            results.append(future.result())
            if progress:
                progress(done, len(futures))
    return sorted(results, key=lambda r: r.row)


def terminal_progress(done: int, total: int) -> None:
    """A progress line on a terminal; nothing when output goes to a file or a pipe."""
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\r{done}/{total} built", end=end, file=sys.stderr, flush=True)


__all__ = ["RowResult", "build_batch", "terminal_progress"]
