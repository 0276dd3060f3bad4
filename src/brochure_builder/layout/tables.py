"""The table block: Paragraph cells under a header row that repeats on every page and column
the table runs onto, numbers aligned on their decimal point, thin rules from the brand.

Column widths come from the cells: each column gets at least its longest word (or number),
and what is left goes to the columns whose text would wrap. A table whose columns cannot get
that much is an error naming the block, never an overflow. A row is never split (ReportLab
cannot split inside a row): one taller than a page is an error naming the row.

For tagging (PDF/UA), each row knows its role (title, head, body, total, note) and whether it
is a header repeated on a later page; cells are Paragraphs; rules and backgrounds are drawn by
ReportLab's ``_drawLines`` and ``_drawBkgrnd``, and ``renderCB`` marks where each part starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Table as ReportLabTable

from ..charts.numbers import Symbols, format_value, symbols
from ..source.glyphs import drawable
from ..source.schema import shown_path
from ..source.tables import CellValue, Table, TableColumn, cell_text
from .context import Context
from .paragraph import Paragraph, address_pieces, is_address
from .problems import BlockLayoutError
from .tabletags import TableTags, mark_table, tag_cells, untagged
from .tagging import Element

Role = Literal["title", "head", "body", "total", "note"]
ALIGNMENTS = {"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT}

CELL_PADDING = 4.0
"""Points either side of a cell's text (the outer edges have none unless rows are tinted)."""
ROW_PADDING = 2.6
"""Points above and below a row's text."""
RULE = 0.8
"""Rules under the header, above the total and at the foot of the table (and of each part)."""
HAIRLINE = 0.3
"""Rules between the rows of a table without a tint."""
MIN_ROWS_TOGETHER = 2
"""Body rows kept together at the top and the foot of a table that splits."""
SPLIT_SHARE = 1 / 3
"""A table at most this share of a page tall moves whole to the next page or column (the
rest of a table already split splits again as it must)."""
SLACK = 0.5
"""Points added to a measured width: ReportLab breaks a line that fills its width exactly."""
MINUS_SIGN = "\u2212"
"""A number's minus sign, as wide as a plus (a hyphen is too short), where the font has one."""
_LAST_DIGIT = re.compile(r"\d(?!.*\d)")


@dataclass(frozen=True)
class Number:
    """A number cell: its column, and its width before and after the decimal point."""

    column: int
    before: float
    after: float


@dataclass(frozen=True)
class RowInfo:
    role: Role
    numbers: tuple[Number, ...] = ()
    place: tuple[tuple[str | int, ...], str] = ((), "")
    """Where the row is written (a path in the block, a ``FILE:LINE: `` of its CSV file)."""
    repeated: bool = False
    """A header row repeated at the top of a later page or column: not read twice."""
    tags: tuple[Element, ...] = ()
    """The structure element of each cell (none for the title and the notes)."""


@dataclass(frozen=True)
class Metrics:
    """What the column widths are worked out from, for the whole table (every part of a
    split table keeps the same widths)."""

    least: tuple[float, ...]
    natural: tuple[float, ...]
    shares: tuple[float | None, ...]
    numeric: tuple[bool, ...]
    padding: tuple[tuple[float, float], ...]
    before: tuple[float, ...]
    after: tuple[float, ...]
    aligns: tuple[str, ...]


def table_flowable(block: Table, ctx: Context) -> TableFlowable:
    """The table of a block, ready to flow."""
    numeric = block.numeric()
    aligns: list[str] = [c.align or ("right" if n else "left") for c, n in zip(block.columns, numeric, strict=True)]
    maker = _CellMaker(ctx, aligns, numeric)
    rows, infos = maker.rows(block)
    padding = _paddings(len(block.columns), block.zebra)
    table = TableFlowable(rows, repeatRows=_repeated(infos), splitByRow=1, splitInRow=0, hAlign="LEFT",
                          longTableOptimize=0, renderCB=mark_table)
    table.setStyle(_commands(infos, padding, ctx, block.zebra))
    table.block, table.infos, table.page_height = block, infos, ctx.geometry.text_height
    table.metrics = _metrics(rows, infos, block, numeric, aligns, padding)
    return table


class TableFlowable(ReportLabTable):
    """ReportLab's table, with widths from its cells, decimal alignment and careful splits."""

    block: Table
    infos: list[RowInfo]
    metrics: Metrics
    page_height: float
    laid_width: float | None = None
    open_mark: str | None = None
    """The marked content open while the table draws: a cell's, or a repeated row's artifact."""
    measured = False
    checked = False
    """Rows checked against the page height (the parts of a split table were, as a whole)."""
    _argH: list[float | None]  # noqa: N815 (ReportLab's name)
    continued: bool = False
    """The rest of a table split before: it splits wherever it must."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth != self.laid_width:
            widths = self._widths(availWidth)
            self._argW = self._colWidths = widths
            self._argH = [None] * len(self._argH)
            self._width_calculated_once = None
            self._align_numbers(widths)
            self.laid_width, self.measured = availWidth, False
        if not self.measured:  # the size does not depend on the height offered: measured once
            super().wrap(availWidth, availHeight)
            self._argH = list(self._rowHeights)  # the parts of a split keep them
            if not self.checked:
                self._check_rows()
            self.measured = self.checked = True
        return self._width, self._height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        at = self._break_before(availHeight)
        if at is None:
            return []
        parts: list[Flowable] = self._splitRows(sum(self._rowHeights[:at]) + 1e-3)
        if len(parts) == 2:
            self._pass_on(parts[0], parts[1], at)
        return parts

    def _widths(self, available: float) -> list[float]:
        m = self.metrics
        least = [w + left + right for w, (left, right) in zip(m.least, m.padding, strict=True)]
        if sum(least) > available + 0.01:
            raise BlockLayoutError(
                f"this table is too wide for its column: its {len(least)} columns need at least "
                f"{sum(least) / mm:.0f} mm (the longest word or number of each), the column is "
                f"{available / mm:.0f} mm wide; give it fewer columns or shorter words, or set it outside "
                "the columns block",
                self.block)
        natural = [max(w + left + right, low) for w, (left, right), low in zip(m.natural, m.padding, least,
                                                                                  strict=True)]
        if any(share is not None for share in m.shares):
            return _shared(available, least, [s or 1.0 for s in m.shares])
        return _auto(available, least, natural, m.numeric)

    def _align_numbers(self, widths: list[float]) -> None:
        """Numbers of a column share the position of their decimal point (or of their last
        digit, for whole numbers): each is moved in from the right by what it lacks after it."""
        m = self.metrics
        for row, info in zip(self._cellStyles, self.infos, strict=True):
            for number in info.numbers:
                column = number.column
                left, right = m.padding[column]
                room = widths[column] - left - right - (m.before[column] + m.after[column])
                shift = {"right": 0.0, "left": room, "centre": room / 2}[m.aligns[column]]
                row[column].rightPadding = right + (m.after[column] - number.after) + max(0.0, shift)

    def _check_rows(self) -> None:
        """A row taller than a page (under the header) could never be placed."""
        heads = sum(h for h, info in zip(self._rowHeights, self.infos, strict=False) if info.role == "head")
        room = self.page_height - heads
        for height, info in zip(self._rowHeights, self.infos, strict=False):
            if info.role == "body" and height > room:
                within, where = info.place
                raise BlockLayoutError(
                    f"{where}this table row is {height / mm:.0f} mm tall, more than a page holds under the "
                    f"table's header ({room / mm:.0f} mm); a row cannot be split across pages: shorten its text",
                    self.block, within)

    def _break_before(self, height: float) -> int | None:
        """The row to start the next part with: as many rows as fit, but never fewer than
        ``MIN_ROWS_TOGETHER`` body rows on either side (on a full page, at least one). Body rows
        come one after another, between the title and header and the total and notes."""
        if not self.continued and sum(self._rowHeights) <= self.page_height * SPLIT_SHARE:
            return None
        fit, used = 0, 0.0
        for row_height in self._rowHeights:
            if used + row_height > height + 1e-6:
                break
            used, fit = used + row_height, fit + 1
        first = next(i for i, info in enumerate(self.infos) if info.role == "body")
        rows = next(i for i in range(len(self.infos), 0, -1) if self.infos[i - 1].role == "body") - first
        for least in (MIN_ROWS_TOGETHER, 1):
            start = min(fit, first + rows - least)
            if start - first >= least:
                return start
            if height < self.page_height - 1:
                return None
        return None

    def _pass_on(self, first: TableFlowable, rest: TableFlowable, at: int) -> None:
        for part in (first, rest):
            part.block, part.metrics, part.page_height = self.block, self.metrics, self.page_height
            part.laid_width, part.checked = self.laid_width, True
        first.infos = self.infos[:at]
        heads = [replace(info, repeated=True) for info in self.infos[:at] if info.role == "head"]
        rest.infos = heads + self.infos[at:]
        for row in range(len(heads)):  # drawn again, read once
            rest._cellvalues[row] = untagged(rest._cellvalues[row])
        first.continued, rest.continued = self.continued, True


class _CellMaker:
    """Paragraph cells in the table's styles, and the widths of numbers around their point."""

    def __init__(self, ctx: Context, aligns: list[str], numeric: list[bool]) -> None:
        self.ctx, self.aligns, self.numeric = ctx, aligns, numeric
        self._styles: dict[tuple[str, str], ParagraphStyle] = {}
        drawn = drawable(ctx.brand.fonts)
        found = symbols(ctx.meta.language, drawn)
        self.symbols = replace(found, minus=MINUS_SIGN if ord(MINUS_SIGN) in drawn else found.minus)

    def style(self, base: str, align: str) -> ParagraphStyle:
        key = (base, align)
        if key not in self._styles:
            parent = getattr(self.ctx.styles, base)
            self._styles[key] = ParagraphStyle(f"{base}-{align}", parent=parent, alignment=ALIGNMENTS[align])
        return self._styles[key]

    def rows(self, block: Table) -> tuple[list[list[Any]], list[RowInfo]]:
        """The rows of the table, each with what the layout and the tagging need to know."""
        count = len(block.columns)
        rows: list[list[Any]] = []
        infos: list[RowInfo] = []

        def add(row: list[Any], info: RowInfo) -> None:
            tag_cells(row, info.tags)
            rows.append(row)
            infos.append(info)

        tags = TableTags(self.ctx)
        with self.ctx.inside(tags.table):
            if block.title:
                add([self.ctx.para(block.title, "caption", role="Caption"), *[""] * (count - 1)], RowInfo("title"))
            if block.header:
                add([Paragraph(self.ctx.markup(c.title), self.style("table_head", a))
                     for c, a in zip(block.columns, self.aligns, strict=True)],
                    RowInfo("head", tags=tags.row("head", count)))
            for index, cells in enumerate(block.body):
                row, numbers = self.cells(block, cells, "table")
                add(row, RowInfo("body", numbers, _place(block, index), tags=tags.row("body", count)))
            if block.total_row:
                row, numbers = self.cells(block, block.total_row, "table_head")
                add(row, RowInfo("total", numbers, tags=tags.row("total", count)))
        for note in (block.caption, block.source):  # after the table, in reading order
            if note:
                add([self.ctx.para(note, "source"), *[""] * (count - 1)], RowInfo("note"))
        return rows, infos

    def cells(self, block: Table, values: Sequence[CellValue], base: str) -> tuple[list[Any], tuple[Number, ...]]:
        row: list[Any] = []
        numbers: list[Number] = []
        for index, (column, value) in enumerate(zip(block.columns, values, strict=True)):
            text = cell_text(value, column)
            style = self.style(base, "right" if self.numeric[index] else self.aligns[index])
            if not text:
                row.append("")
            elif self.numeric[index]:  # drawn as a string: no markup, and it never wraps
                shown = _number_text(value, column, self.symbols)
                row.append(shown)
                numbers.append(_number(index, shown, style, self.symbols.decimal))
            else:
                row.append(Paragraph(self.ctx.markup(text), style))
        return row, tuple(numbers)


def _place(block: Table, index: int) -> tuple[tuple[str | int, ...], str]:
    if block.rows_from is None:
        return ("rows", index), ""
    return ("rows_from",), f"{shown_path(block.rows_from)}:{block.csv_lines[index]}: "


def _number_text(value: CellValue, column: TableColumn, symbols: Symbols) -> str:
    """A number in its column's format (or as written), in the document's language: its
    decimal sign, grouping and minus sign (``1,234.5`` in English, ``1 234,5`` in Lithuanian)."""
    if column.format is not None and isinstance(value, (int, float)):
        return format_value(column.format, value, symbols)
    return symbols.localise(str(value))


def _number(column: int, text: str, style: ParagraphStyle, decimal: str) -> Number:
    """The widths of a number before and after its decimal sign (or its last digit)."""
    point = re.search(rf"\d({re.escape(decimal)})\d", text)
    digit = _LAST_DIGIT.search(text)
    split = point.start(1) if point else (digit.end() if digit else len(text))
    font, size = style.fontName, style.fontSize
    return Number(column, stringWidth(text[:split], font, size), stringWidth(text[split:], font, size))


def _repeated(infos: list[RowInfo]) -> int | tuple[int, ...]:
    heads = tuple(i for i, info in enumerate(infos) if info.role == "head")
    return heads if heads and heads[0] else len(heads)


def _paddings(count: int, tinted: bool) -> tuple[tuple[float, float], ...]:
    outer = CELL_PADDING if tinted else 0.0
    return tuple((outer if i == 0 else CELL_PADDING, outer if i == count - 1 else CELL_PADDING)
                 for i in range(count))


def _metrics(rows: list[list[Any]], infos: list[RowInfo], block: Table, numeric: list[bool],
             aligns: list[str], padding: tuple[tuple[float, float], ...]) -> Metrics:
    count = len(block.columns)
    least, natural = [0.0] * count, [0.0] * count
    before, after = [0.0] * count, [0.0] * count
    for row, info in zip(rows, infos, strict=True):
        if info.role in ("title", "note"):
            continue
        for number in info.numbers:
            before[number.column] = max(before[number.column], number.before)
            after[number.column] = max(after[number.column], number.after)
        for column, cell in enumerate(row):
            if isinstance(cell, Paragraph):
                word, line = _extent(cell)
                least[column], natural[column] = max(least[column], word), max(natural[column], line)
    for column in range(count):
        aligned = before[column] + after[column]
        least[column] = max(least[column], aligned) + SLACK
        natural[column] = max(natural[column], aligned) + SLACK
    return Metrics(tuple(least), tuple(natural), tuple(c.width for c in block.columns), tuple(numeric),
                   padding, tuple(before), tuple(after), tuple(aligns))


_SPACES = re.compile(r"([ \t\n]+)")


def _extent(paragraph: Paragraph) -> tuple[float, float]:
    """The widest word of a paragraph (of an address, its widest piece between the places it
    may break) and its width on one line, font by font."""
    longest = word = line = 0.0
    for frag in paragraph.frags:
        for number, part in enumerate(_SPACES.split(getattr(frag, "text", ""))):
            width = stringWidth(part, frag.fontName, frag.fontSize) if part else 0.0
            line += width
            if number % 2:  # a run of spaces ends a word
                longest, word = max(longest, word), 0.0
            elif is_address(part):
                pieces = [stringWidth(piece, frag.fontName, frag.fontSize) for piece in address_pieces(part)]
                longest, word = max(longest, word + pieces[0], *pieces[1:-1]), pieces[-1]
            else:
                word += width
        if getattr(frag, "lineBreak", False):
            longest, word = max(longest, word), 0.0
    return max(longest, word), line


def _auto(available: float, least: list[float], natural: list[float], numeric: Sequence[bool]) -> list[float]:
    """Every column as wide as its text on one line if that fits, the room left going to the
    text columns; else each its longest word and the room shared as the lines need it."""
    if sum(natural) <= available:
        takers = [not n for n in numeric] if not all(numeric) else [True] * len(numeric)
        weight = sum(w for w, t in zip(natural, takers, strict=True) if t)
        extra = available - sum(natural)
        return [w + (extra * w / weight if t else 0.0) for w, t in zip(natural, takers, strict=True)]
    want = [n - low for n, low in zip(natural, least, strict=True)]
    room = available - sum(least)
    return [low + room * w / sum(want) for low, w in zip(least, want, strict=True)]


def _shared(available: float, least: list[float], shares: list[float]) -> list[float]:
    """Widths in proportion to the shares, no column under its least."""
    widths = [0.0] * len(shares)
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(shares)) if i not in fixed]
        room = available - sum(least[i] for i in fixed)
        total = sum(shares[i] for i in free)
        for i in free:
            widths[i] = room * shares[i] / total
        short = [i for i in free if widths[i] < least[i]]
        if not short:
            for i in fixed:
                widths[i] = least[i]
            return widths
        fixed.update(short)


def _commands(infos: list[RowInfo], padding: tuple[tuple[float, float], ...], ctx: Context,
              tinted: bool) -> list[tuple[Any, ...]]:
    rule, tint = ctx.palette["rule"], ctx.palette["tint"]
    style = ctx.styles.table
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), style.fontName, style.fontSize, style.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), style.textColor),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PADDING),
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), RULE, rule),
    ]
    for column, (left, right) in enumerate(padding):
        commands += [("LEFTPADDING", (column, 0), (column, -1), left),
                     ("RIGHTPADDING", (column, 0), (column, -1), right),
                     ("ALIGN", (column, 0), (column, -1), "RIGHT")]  # numbers: moved in by _align_numbers
    body = [i for i, info in enumerate(infos) if info.role == "body"]
    if tinted:  # each page of a split table starts on an untinted row
        commands.append(("ROWBACKGROUNDS", (0, body[0]), (-1, body[-1]), [None, tint]))
    elif len(body) > 1:
        commands.append(("LINEBELOW", (0, body[0]), (-1, body[-2]), HAIRLINE, rule))
    notes = [i for i, info in enumerate(infos) if info.role == "note"]
    for row, info in enumerate(infos):
        commands += _row_commands(row, info.role, rule, ctx.styles.table_head.fontName,
                                  first_note=bool(notes) and row == notes[0])
    last = max(i for i, info in enumerate(infos) if info.role in ("body", "total"))
    return [*commands, ("LINEBELOW", (0, last), (-1, last), RULE, rule)]


def _row_commands(row: int, role: Role, rule: Any, bold: str, first_note: bool) -> list[tuple[Any, ...]]:
    whole = ((0, row), (-1, row))
    if role == "title":
        return [("SPAN", *whole), ("LEFTPADDING", *whole, 0), ("RIGHTPADDING", *whole, 0),
                ("TOPPADDING", *whole, 0), ("BOTTOMPADDING", *whole, 6)]
    if role == "head":
        return [("VALIGN", *whole, "BOTTOM"), ("BOTTOMPADDING", *whole, ROW_PADDING + 1.5),
                ("LINEBELOW", *whole, RULE, rule)]
    if role == "total":
        return [("LINEABOVE", *whole, RULE, rule), ("TOPPADDING", *whole, ROW_PADDING + 1.5),
                ("FONTNAME", *whole, bold)]
    if role == "note":
        return [("SPAN", *whole), ("LEFTPADDING", *whole, 0), ("RIGHTPADDING", *whole, 0),
                ("TOPPADDING", *whole, 6 if first_note else 1), ("BOTTOMPADDING", *whole, 0)]
    return []
