"""A timeline: each entry its date (big) beside its text, a thin rule between entries.

The date column takes up to a share of the width; the dates' type shrinks (to 60% at most)
before a date would break inside a word, and in a column too narrow for both side by side the
date stands above its text."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .paragraph import Paragraph
from .tagging import Element, artifact

SIDE_MAX = 34 * mm
"""The widest the date column gets."""
SIDE_SHARE = 0.32
"""The date column's largest share of the width."""
TEXT_MIN = 40 * mm
"""Narrower than this beside the date, the text goes under it."""
GAP = 4 * mm
"""The least room between a date and its text, inside the date column."""
PAD_TOP, PAD_BOTTOM = 12.0, 6.0
MIN_SCALE = 0.6


class TimelineEntry(Flowable):
    def __init__(self, when: str, when_tag: Element, text: Paragraph, when_style: ParagraphStyle,
                 all_when: Sequence[str], rule: Color | None) -> None:
        super().__init__()
        self.when_text, self.when_tag, self.text = when, when_tag, text
        self.when_style, self.all_when = when_style, all_when
        self.rule = rule
        self._layout: tuple[bool, float, Paragraph] | None = None

    def _arrange(self, width: float) -> tuple[bool, float, Paragraph]:
        """Side by side or stacked, the date column's width, and the date in its fitted size."""
        widest = max(stringWidth(w, self.when_style.fontName, self.when_style.fontSize) for w in self.all_when)
        side = min(SIDE_MAX, width * SIDE_SHARE)
        scale = min(1.0, (side - GAP) / widest) if widest else 1.0
        beside = scale >= MIN_SCALE and width - side >= TEXT_MIN
        if not beside:
            scale = min(1.0, width / widest) if widest else 1.0
        size = self.when_style.fontSize * max(scale, MIN_SCALE)
        style = ParagraphStyle(f"{self.when_style.name}-{size:.2f}", parent=self.when_style, fontSize=size,
                               leading=size * 1.15, splitLongWords=0, hyphenationLang="")
        column = side if beside else width
        when = Paragraph(self.when_text, style)
        when.tag = self.when_tag
        return beside, column, when

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        beside, side, when = self._layout = self._arrange(availWidth)
        _w, when_h = when.wrap(side - GAP if beside else side, availHeight)
        text_w = availWidth - side if beside else availWidth
        _w, text_h = self.text.wrap(text_w, availHeight)
        body = max(when_h, text_h + self._shift(when)) if beside else when_h + text_h
        self.width, self.height = availWidth, PAD_TOP + body + PAD_BOTTOM
        return self.width, self.height

    def _shift(self, when: Paragraph) -> float:
        """How far the text moves down so that the first baselines of date and text align."""
        return float(when.style.fontSize) - float(self.text.style.fontSize)

    def draw(self) -> None:
        assert self._layout is not None
        beside, side, when = self._layout
        top = self.height - PAD_TOP
        when.drawOn(self.canv, 0, top - when.height)
        if beside:
            self.text.drawOn(self.canv, side, top - self._shift(when) - self.text.height)
        else:
            self.text.drawOn(self.canv, 0, top - when.height - self.text.height)
        if self.rule is not None:
            with artifact(self.canv):
                self._draw_rule(self.rule)

    def _draw_rule(self, colour: Color) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(colour)
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 0, self.width, 0)
        self.canv.restoreState()
