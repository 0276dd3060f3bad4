"""Tables in the structure tree (PDF/UA): a Table element holding its title as Caption, then
THead, TBody and TFoot of TR rows of TH (scope: column) and TD cells.

Elements are made when the table is built, in reading order; while the table is drawn,
ReportLab's render callback marks what belongs to them. Cells that are Paragraphs mark their
own text (``Paragraph.tag``); numbers, drawn as strings, are marked here. Backgrounds and rules
are artifacts, and so is a header row repeated on a later page or column (read once).
"""

from __future__ import annotations

import copy
from typing import Any

from .context import Context
from .paragraph import Paragraph
from .tagging import DECORATION_EVENTS, Element, decoration_as_artifact, marker_of

HEAD_CELL = {"Table": {"Scope": "Column"}}
GROUPS = {"head": "THead", "body": "TBody", "total": "TFoot"}


class TableTags:
    """The elements of one table, made in reading order as its rows are made."""

    def __init__(self, ctx: Context) -> None:
        self.table = ctx.element("Table")
        self._groups: dict[str, Element] = {}

    def row(self, role: str, count: int) -> tuple[Element, ...]:
        """The cell elements of a new row of the header, the body or the total."""
        name = GROUPS[role]
        if name not in self._groups:
            self._groups[name] = self.table.add(name)
        row = self._groups[name].add("TR")
        if role == "head":
            return tuple(row.add("TH", attributes=HEAD_CELL) for _ in range(count))
        return tuple(row.add("TD") for _ in range(count))


def tag_cells(cells: list[Any], elements: tuple[Element, ...]) -> None:
    """Paragraph cells mark their text as their cell's element (rows without cell elements,
    the title and the notes, are tagged as they are made)."""
    for cell, element in zip(cells, elements, strict=False):
        if isinstance(cell, Paragraph):
            cell.tag = element


def untagged(cells: list[Any]) -> list[Any]:
    """Copies of a row's Paragraph cells that mark nothing (a repeated header row); once
    measured, ReportLab holds a cell's flowables in a list."""
    def copied(cell: Any) -> Any:
        if isinstance(cell, (list, tuple)):
            return type(cell)(copied(part) for part in cell)
        if isinstance(cell, Paragraph):
            cell = copy.copy(cell)
            cell.tag = None
        return cell

    return [copied(cell) for cell in cells]


def mark_table(table: Any, event: str, *args: Any) -> None:
    """ReportLab's render callback of a table: marks as it draws, on a canvas that tags."""
    marker = marker_of(table.canv)
    if marker is None:
        return
    code = table.canv._code
    if event in DECORATION_EVENTS:
        decoration_as_artifact(table, event)
    elif event == "startRow" and table.infos[args[0]].repeated:
        code.append("/Artifact <</Type /Pagination>> BDC")
        table.open_mark = "row"
    elif event == "endRow" and table.open_mark == "row":
        code.append("EMC")
        table.open_mark = None
    elif event == "startCell" and table.open_mark is None and isinstance(args[2], str) and args[2]:
        element = table.infos[args[0]].tags[args[1]]
        code.append(marker.open(element))
        table.open_mark = "cell"
    elif event == "endCell" and table.open_mark == "cell":
        code.append("EMC")
        table.open_mark = None
