"""Balanced columns: content flows down the first column, then the next, all ending level.

Cheaper than ReportLab's BalancedColumns: each flowable is wrapped once per try and split at
most once per column; the column height starts at the balanced share and grows a line at a
time until everything fits. Taller than the frame, the block fills this page's columns and
the rest goes on.

What a column does with each kind of flowable:
- a group kept together (an image and its caption, a chart and its source) moves whole to the
  next column when it does not fit; only in an empty column, too tall for any, is it opened;
- a flowable that cannot split (a figure, a one-row table) moves to the next column;
- space before a flowable is dropped at the top of a column, space after it at the foot;
- a heading (``keepWithNext``) never ends a column.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import ActionFlowable

MAX_BALANCING_TRIES = 400
"""Column heights tried, a line apart, before the block takes the tallest it needs."""
MEASURE_HEIGHT = 1e6
"""Height offered when a flowable is measured on its own."""


class ColumnBreak(Flowable):
    """Where a column ends before it is full: what follows starts the next column."""

    _ZEROSIZE = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, 0.0

    def draw(self) -> None:
        pass


def ends_column(flowable: Flowable) -> bool:
    """A column break, or an action (a page break) that has no meaning inside columns."""
    return isinstance(flowable, (ColumnBreak, ActionFlowable))


def column_width(width: float, count: int, gutter: float) -> float:
    return (width - gutter * (count - 1)) / count


class Columns(Flowable):
    def __init__(self, content: list[Flowable], count: int, gutter: float, line: float) -> None:
        super().__init__()
        self.content, self.count, self.gutter, self.line = _opened(content), count, gutter, line
        self._columns: list[list[Flowable]] = []
        self._fixed: list[list[Flowable]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        pour = _Pour(self.canv, column_width(availWidth, self.count, self.gutter), self.count)
        self._columns = self._fixed or self._balance(pour)
        self.height = max((pour.column_height(col) for col in self._columns), default=0.0)
        return self.width, self.height

    def _balance(self, pour: _Pour) -> list[list[Flowable]]:
        """The shortest column height, a line at a time from the even share, that holds it all."""
        total = sum(pour.height(f) for f in self.content)
        height = total / self.count
        for _ in range(MAX_BALANCING_TRIES):
            columns, rest = pour(self.content, height)
            if not rest:
                return columns
            height += self.line
        return pour(self.content, total + self.line)[0]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        width = column_width(availWidth, self.count, self.gutter)
        pour = _Pour(self.canv, width, self.count, overflow=False)
        columns, rest = pour(self.content, availHeight)
        if not any(columns):
            return []
        first = self._part([f for col in columns for f in col])
        first._fixed = columns  # this page's columns exactly as poured
        return [first, self._part(rest)] if rest else [first]

    def _part(self, content: list[Flowable]) -> Columns:
        part = Columns(content, self.count, self.gutter, self.line)
        part.spaceAfter = getattr(self, "spaceAfter", 0)
        return part

    def draw(self) -> None:
        column = column_width(self.width, self.count, self.gutter)
        for index, flowables in enumerate(self._columns):
            x, y = index * (column + self.gutter), self.height
            for position, flowable in enumerate(flowables):
                if position:
                    y -= flowable.getSpaceBefore()
                _w, h = flowable.wrapOn(self.canv, column, MEASURE_HEIGHT)
                y -= h
                flowable.drawOn(self.canv, x, y)
                y -= flowable.getSpaceAfter()


def _opened(content: list[Flowable]) -> list[Flowable]:
    """Flowables that only make sense on a whole page (a block anchored to the page's foot)
    flow in their column instead."""
    opened: list[Flowable] = []
    for flowable in content:
        inner = getattr(flowable, "in_column", None)
        opened += inner() if inner else [flowable]
    return opened


class _Pour:
    """Pours flowables into columns of one width, measuring on the document's canvas."""

    def __init__(self, canvas: Canvas, width: float, count: int, *, overflow: bool = True) -> None:
        self.canvas, self.width, self.count = canvas, width, count
        self.overflow = overflow
        """Whether a whole flowable taller than the column may stick out of it (when balancing,
        the column grows to hold it); on a page with a given height it may not."""

    def bare(self, flowable: Flowable) -> float:
        """The flowable's own height at the column width, without the space around it."""
        if ends_column(flowable):
            return 0.0
        if isinstance(flowable, KeepTogether):
            return _stacked(self, flowable._content)
        return float(flowable.wrapOn(self.canvas, self.width, MEASURE_HEIGHT)[1])

    def height(self, flowable: Flowable) -> float:
        return self.bare(flowable) + float(flowable.getSpaceBefore()) + float(flowable.getSpaceAfter())

    def column_height(self, column: list[Flowable]) -> float:
        return _stacked(self, column)

    def __call__(self, content: list[Flowable], height: float) -> tuple[list[list[Flowable]], list[Flowable]]:
        """Fill up to ``count`` columns of ``height``; return them and what is left over."""
        queue = list(content)
        columns: list[list[Flowable]] = []
        while queue and len(columns) < self.count:
            columns.append(self._column(queue, height))
        return columns, queue

    def _column(self, queue: list[Flowable], height: float) -> list[Flowable]:
        column: list[Flowable] = []
        room = height
        while queue:
            flowable = queue[0]
            if ends_column(flowable):
                queue.pop(0)
                if column:
                    break
                continue
            before = float(flowable.getSpaceBefore()) if column else 0.0
            bare = self.bare(flowable)
            if before + bare <= room + 1e-6:
                room -= before + bare + float(flowable.getSpaceAfter())
                queue.pop(0)
                column += flowable._content if isinstance(flowable, KeepTogether) else [flowable]
                continue
            if isinstance(flowable, KeepTogether):
                if column:
                    break  # the group moves whole to the next column
                queue[0:1] = flowable._content  # too tall for any column: it flows
                continue
            parts = flowable.splitOn(self.canvas, self.width, room - before) if room - before > 0 else []
            if len(parts) >= 2:
                column.append(parts[0])
                queue[0:1] = parts[1:]
            elif not column and self.overflow:
                column.append(queue.pop(0))  # taller than the share and whole: the columns grow
            break
        while len(column) > 1 and column[-1].getKeepWithNext():
            queue.insert(0, column.pop())  # a heading never ends a column
        return column


def _stacked(pour: _Pour, flowables: list[Flowable]) -> float:
    """Height of flowables stacked in a column: no space before the first or after the last."""
    if not flowables:
        return 0.0
    total = sum(pour.height(f) for f in flowables)
    return total - float(flowables[0].getSpaceBefore()) - float(flowables[-1].getSpaceAfter())
