"""A Paragraph that breaks its lines once per width.

ReportLab breaks a paragraph's lines again on every ``wrap``, and a frame wraps the same
paragraph at the same width several times (to place it, to try a split, to keep it with the
next block, to balance columns): about half of all line breaking in a build was repeated.
Line breaking depends only on the text, the style and the width, and all three are fixed
once the paragraph is made (a split makes new paragraphs), so the result is kept per width.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph as ReportLabParagraph


class Paragraph(ReportLabParagraph):
    _broken: tuple[float, Any, list[float], float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        broken = self._broken
        if broken is not None and broken[0] == availWidth:
            self.width, self.blPara, self._wrapWidths, self.height = broken
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if getattr(self, "width", None) == availWidth:  # not set when the width is too narrow
            self._broken = (availWidth, self.blPara, self._wrapWidths, self.height)
        return size
