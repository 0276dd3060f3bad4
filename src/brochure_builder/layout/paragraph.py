"""A Paragraph that parses its markup once per process and breaks its lines once per width.

ReportLab parses a paragraph's markup whenever one is made, and breaks its lines again on
every ``wrap``. A rebuild in the same process (``watch``, mail merge) makes the same
paragraphs again, and a frame wraps one paragraph at the same width several times (to place
it, to try a split, to keep it with the next block, to balance columns). Both results depend
only on what they are kept by: the markup and the style's attributes, and the width. A
paragraph gets its own copy of the parsed fragments, as line breaking marks them.
"""

from __future__ import annotations

import copy
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportLabParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

_parsed: dict[tuple[str, str], list[Any]] = {}
_fingerprints: WeakKeyDictionary[ParagraphStyle, str] = WeakKeyDictionary()


class Paragraph(ReportLabParagraph):
    _broken: tuple[float, Any, list[float], float] | None = None

    def __init__(self, text: Any, style: Any = None, bulletText: Any = None, frags: Any = None,  # noqa: N803
                 **options: Any) -> None:
        if frags is None and isinstance(text, str) and isinstance(style, ParagraphStyle) and not (
                bulletText or getattr(style, "bulletText", None)):
            frags = _fragments(text, style)
        super().__init__(text, style, bulletText, frags, **options)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        broken = self._broken
        if broken is not None and broken[0] == availWidth:
            self.width, self.blPara, self._wrapWidths, self.height = broken
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if getattr(self, "width", None) == availWidth:  # not set when the width is too narrow
            self._broken = (availWidth, self.blPara, self._wrapWidths, self.height)
        return size


def _fragments(text: str, style: ParagraphStyle) -> list[Any] | None:
    """Fresh copies of the fragments ReportLab's parser makes of ``text`` in ``style``; None
    (parse as usual) when the markup changes the style or carries a bullet."""
    key = (text, style_fingerprint(style))
    if key not in _parsed:
        parser = ParaParser()
        parser.caseSensitive = 1
        parsed_style, frags, bullet = parser.parse(cleanBlockQuotedText(text), style)
        if frags is None or bullet or parsed_style is not style:
            return None
        textTransformFrags(frags, style)
        if len(_parsed) > 5000:
            _parsed.clear()
        _parsed[key] = frags
    return [copy.copy(frag) for frag in _parsed[key]]


def style_fingerprint(style: ParagraphStyle) -> str:
    """Every attribute of the style, worked out once per style object (kept beside it, not in
    it: a style made with ``parent=style`` copies its parent's attributes)."""
    found = _fingerprints.get(style)
    if found is None:
        found = _fingerprints[style] = repr(sorted((k, v) for k, v in vars(style).items()
                                                   if k not in ("name", "parent")))
    return found
