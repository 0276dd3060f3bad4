"""``manifest.csv`` beside the copies: what each row became, and what decided it.

The file is a journal: a line is appended (and flushed) for each row as soon as its PDF is on
disk, so a run that is killed keeps what it did and never claims a file it did not write. A
line cut short by a kill has no line end and is dropped when the manifest is next read. At the
end of a run the journal is rewritten, one line per row in row order, under a temporary name
and renamed. Earlier entries are kept in a private SQLite file while a run looks them up, so a
million rows take no more memory than ten.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

from .store import Store

MANIFEST = "manifest.csv"
OK, FAILED = "ok", "failed"


@dataclass(frozen=True)
class Entry:
    row: int
    """As the user counts rows: the header is row 1."""
    name: str
    """The value of the name column."""
    file: str
    sha256: str
    pages: int
    bytes: int
    status: str
    error: str
    digest: str
    """Of the row's values, its file name, the brochure, brand and assets, and tool versions."""



E = TypeVar("E", bound=Any)


def values(entry: Any) -> tuple[Any, ...]:
    """The fields of a flat dataclass (``astuple`` deep-copies, ten times slower)."""
    return tuple(entry.__dict__.values())


def line(entry: Any) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([_one_line(v) for v in values(entry)])
    return buffer.getvalue().encode("utf-8")


def _one_line(value: Any) -> Any:
    """Every entry is one line, so that a line cut short by a kill is recognised by its end."""
    return " | ".join(value.splitlines()) if isinstance(value, str) else value


def parse(kind: type[E], text: bytes) -> E | None:
    """An entry of ``kind`` from one line; None for the header or a line that is not one."""
    columns = fields(kind)
    try:
        cells = next(csv.reader([text.decode("utf-8")]))
        if len(cells) != len(columns) or cells == [c.name for c in columns]:
            return None
        entry: E = kind(*(int(cell) if column.type in ("int", int) else cell for cell, column in zip(cells, columns)))
    except (ValueError, UnicodeDecodeError, StopIteration, csv.Error):
        return None
    return entry


class Manifest(Generic[E]):
    """The entries of earlier runs, and the journal this run appends to.

    ``kind`` is a dataclass with ``row`` and ``file`` fields; ``file`` identifies an entry.
    """

    def __init__(self, store: Store, name: str = MANIFEST, kind: type[E] = Entry) -> None:  # type: ignore[assignment]
        self.store, self.name, self.kind = store, name, kind
        self.columns = [f.name for f in fields(kind)]
        self.header = (",".join(self.columns) + "\n").encode()
        self.selected = ", ".join(f'"{c}"' for c in self.columns)
        """The columns in SQL, quoted: ``to`` is a keyword."""
        self.index = sqlite3.connect("")  # "" is a private temporary database on disk
        others = ", ".join(f'"{c}"' for c in self.columns if c != "file")
        self.index.execute(f"CREATE TABLE entries (file TEXT PRIMARY KEY, seen INTEGER, {others})")
        clean = self._load()
        if not clean:  # a line cut short: rewrite without it before appending after it
            self.store.replace_lines(name, self._lines(seen_only=False))
        self.journal = store.append(name)
        if self.journal.tell() == 0:
            self.journal.write(self.header)
            self.journal.flush()

    def _load(self) -> bool:
        """Read the journal into the index (later lines win); False if its end was cut short."""
        clean, batch = True, []
        for line in self.store.lines(self.name):
            if not line.endswith(b"\n"):
                clean = False
                break
            entry = parse(self.kind, line)
            if entry is not None:
                batch.append(entry)
            if len(batch) >= 10_000:
                self._insert(batch, seen=0)
                batch = []
        self._insert(batch, seen=0)
        return clean

    def _insert(self, entries: list[E], seen: int) -> None:
        columns = f"seen, {self.selected}"
        marks = ", ".join("?" * (len(self.columns) + 1))
        self.index.executemany(f"INSERT OR REPLACE INTO entries ({columns}) VALUES ({marks})",
                               [(seen, *values(e)) for e in entries])

    def get(self, file: str) -> E | None:
        found = self.index.execute(f"SELECT {self.selected} FROM entries WHERE file = ?",
                                   (file,)).fetchone()
        return self.kind(*found) if found else None

    def keep(self, file: str) -> None:
        """The row of ``file`` is still in the data and up to date: it stays in the manifest."""
        self.index.execute("UPDATE entries SET seen = 1 WHERE file = ?", (file,))

    def record(self, entry: E, sync: bool = False) -> None:
        """Append ``entry`` (its file is already written) and flush it to the operating system;
        ``sync`` waits until it is on the disk."""
        self.journal.write(line(entry))
        self.journal.flush()
        if sync and hasattr(self.journal, "fileno"):
            import os

            os.fsync(self.journal.fileno())
        self._insert([entry], seen=1)

    def finish(self) -> None:
        """One line per row of this run's data, in row order, replacing the journal at once."""
        self.journal.close()
        self.store.replace_lines(self.name, self._lines(seen_only=True))

    def close(self) -> None:
        """Stop without rewriting (an interrupted run): the journal keeps every line written."""
        self.journal.close()

    def _lines(self, seen_only: bool) -> Iterator[bytes]:
        yield self.header
        where = "WHERE seen = 1" if seen_only else ""
        cursor = self.index.execute(f"SELECT {self.selected} FROM entries {where} ORDER BY row, file")
        for found in cursor:
            yield line(self.kind(*found))

    def entries(self) -> Iterator[E]:
        """Every entry in row order (a query over the private database, not held in memory)."""
        cursor = self.index.execute(f"SELECT {self.selected} FROM entries ORDER BY row, file")
        for found in cursor:
            yield self.kind(*found)
