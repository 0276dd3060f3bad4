"""Bulleted lists: each item a paragraph hung from a small disc in the brand's colour.

The disc is drawn, not typed: every font can show it (many have no U+25CF or U+2022)."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from .paragraph import Paragraph
from .tagging import artifact

DISC_SIZE = 0.36
"""The disc's diameter as a share of the body size."""


class BulletItem(Flowable):
    """One item of a bulleted list; split across columns and pages, only its first part has
    the disc."""

    def __init__(self, paragraph: Paragraph, indent: float, colour: Color, *, first: bool = True) -> None:
        super().__init__()
        self.paragraph, self.indent, self.colour, self.first = paragraph, indent, colour, first

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        _w, height = self.paragraph.wrap(availWidth - self.indent, availHeight)
        self.width, self.height = availWidth, height
        return availWidth, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = self.paragraph.split(availWidth - self.indent, availHeight)
        if len(parts) < 2:
            return []
        items = [BulletItem(part, self.indent, self.colour, first=self.first and not i)
                 for i, part in enumerate(parts)]
        for item in items:
            item.spaceBefore, item.spaceAfter = 0, 0
        items[0].spaceBefore = self.getSpaceBefore()
        items[-1].spaceAfter = self.getSpaceAfter()
        return items

    def draw(self) -> None:
        if self.first:
            style = self.paragraph.style
            size = style.fontSize * DISC_SIZE
            baseline = self.height - style.fontSize  # ReportLab's first baseline in a paragraph
            with artifact(self.canv):  # the list is tagged as one: the disc says nothing more
                self.canv.saveState()
                self.canv.setFillColor(self.colour)
                self.canv.circle(self.indent * 0.35, baseline + style.fontSize * 0.33, size / 2, stroke=0, fill=1)
                self.canv.restoreState()
        self.paragraph.drawOn(self.canv, self.indent, 0)
