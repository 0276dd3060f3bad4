"""Blocks set against the foot of a page (``place: bottom``), as a designer sets a footer band.

An anchored block takes no room where it stands in the flow. When it is placed, the page
keeps room for it at the foot of the frame and the flow that follows fills the room above;
if the page has no room left for it, it goes to the foot of the next body page. It is drawn
when its page ends. At the end of a section, blocks still waiting get a page of their own
rather than the next section's first page (and the build says that page holds nothing else).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import ActionFlowable

from .columns import MEASURE_HEIGHT
from .flowables import LayoutTooBig

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


class FootAnchor(Flowable):
    """A block anchored to the foot of the page it lands on."""

    _ZEROSIZE = True

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content: list[Flowable] = []
        for flowable in content:  # the anchor keeps its content together itself
            self.content += flowable._content if isinstance(flowable, KeepTogether) else [flowable]
        self.needed = 0.0
        self.gap = float(self.content[0].getSpaceBefore()) if self.content else 0.0

    def in_column(self) -> list[Flowable]:
        """Inside columns there is no page foot to anchor to: the block flows."""
        return list(self.content)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.needed = _stack_height(self.content, self.canv, availWidth)
        frame = self.canv._doctemplate.frame
        room = frame._height - frame._topPadding - frame._bottomPadding
        if self.needed + self.gap > room + 1e-6:  # no page could hold it at its foot
            raise LayoutTooBig(f"this block set at the foot of the page (place: bottom) is "
                               f"{self.needed / mm:.0f} mm tall and a page holds {room / mm:.0f} mm: "
                               "shorten it, or let it flow (leave out place: bottom)")
        return availWidth, 0.0

    def draw(self) -> None:
        self.canv._doctemplate.anchors.place(self)

    def draw_at(self, canvas: Canvas, x: float, top: float) -> float:
        """Draw the content hanging from ``top``; return where it ends."""
        y = top
        for position, flowable in enumerate(self.content):
            if position:
                y -= flowable.getSpaceBefore()
            _w, h = flowable.wrapOn(canvas, self.width, MEASURE_HEIGHT)
            y -= h
            flowable.drawOn(canvas, x, y, _sW=self.width - _w)
            y -= flowable.getSpaceAfter()
        return y


class SectionEnd(ActionFlowable):
    """At the end of a section: anchored blocks still waiting for a page get one now. An action,
    not a flowable: it takes no room, so it can never start a page of its own."""

    def apply(self, doc: Any) -> None:
        if doc.anchors.waiting:
            doc.handle_pageBreak()


class PageTurn(ActionFlowable):
    """A page break that never leaves a page empty: none on a page with nothing on it yet, and
    with ``unless_space`` none while that much room is left."""

    def __init__(self, unless_space: float | None = None) -> None:
        super().__init__()
        self.unless_space = unless_space

    def apply(self, doc: Any) -> None:
        if not (doc.anchors.flow_on_page or doc.anchors.here):
            return
        if self.unless_space is not None and doc.frame._y - doc.frame._y1p >= self.unless_space:
            return
        doc.handle_pageBreak()


class AnchorDesk:
    """The anchored blocks of the page being made, and those waiting for the next one."""

    def __init__(self) -> None:
        self.here: list[FootAnchor] = []
        self.waiting: list[FootAnchor] = []
        self.lonely_pages: list[int] = []
        self.flow_on_page = False
        """Whether anything but anchored blocks has been placed on the page being made."""

    def place(self, anchor: FootAnchor) -> None:
        doc = anchor.canv._doctemplate
        if not self.waiting and self._reserve(doc.frame, anchor):
            self.here.append(anchor)
        else:
            self.waiting.append(anchor)

    def page_begins(self, frame: Any) -> None:
        """Keep room at the foot of a body page for the blocks waiting (as many as fit)."""
        self.flow_on_page = False
        frame._geom()  # a frame serves many pages: undo the room kept on the last one
        while self.waiting and self._reserve(frame, self.waiting[0]):
            self.here.append(self.waiting.pop(0))

    def flowable_placed(self, flowable: Flowable) -> None:
        if not isinstance(flowable, ActionFlowable) and not getattr(flowable, "_ZEROSIZE", False):
            self.flow_on_page = True

    def page_ends(self, canvas: Canvas, frame: Any, page: int) -> None:
        """Draw the page's anchored blocks, in story order from the top of their stack."""
        if not self.here:
            return
        if not self.flow_on_page:
            self.lonely_pages.append(page)
        top = frame._y1 + frame._bottomPadding + sum(a.needed + a.gap for a in self.here) - self.here[0].gap
        for position, anchor in enumerate(self.here):
            top = anchor.draw_at(canvas, frame._x1 + frame._leftPadding, top - (anchor.gap if position else 0))
        self.here = []

    def all_placed(self) -> None:
        """After the last page: every anchored block was drawn (none is ever lost)."""
        lost = [*self.waiting, *self.here]
        if lost:
            origin = getattr(lost[0], "brochure_origin", None)
            raise LayoutTooBig("this block set at the foot of the page (place: bottom) found no page with "
                               "room for it: shorten it, or let it flow (leave out place: bottom)",
                               origin[0] if origin else None)

    @staticmethod
    def _reserve(frame: Any, anchor: FootAnchor) -> bool:
        needed = anchor.needed + anchor.gap
        if frame._y - frame._y1p < needed - 1e-6:
            return False
        frame._y1p += needed
        frame._aH -= needed
        return True


def _stack_height(flowables: list[Flowable], canvas: Canvas, width: float) -> float:
    height = 0.0
    for position, flowable in enumerate(flowables):
        if position:
            height += float(flowable.getSpaceBefore())
        height += float(flowable.wrapOn(canvas, width, MEASURE_HEIGHT)[1])
        if position < len(flowables) - 1:
            height += float(flowable.getSpaceAfter())
    return height
