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
import html
import re
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportLabParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from .tagging import SOFT_HYPHEN, Element, LineEnd, TaggedText, marker_of, same_glyph

_parsed: dict[tuple[str, str], list[Any]] = {}
_fingerprints: WeakKeyDictionary[ParagraphStyle, str] = WeakKeyDictionary()


class Paragraph(ReportLabParagraph):
    _broken: tuple[float, Any, list[float], float] | None = None
    tag: Element | None = None
    """The structure element this paragraph's text belongs to, in a tagged PDF."""
    _ends: list[LineEnd] | None = None
    _ends_kept = False
    """A part split off a paragraph keeps the line ends worked out on the whole."""

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
        if not self._ends_kept:
            self._ends = None
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) > 1 and self.tag is not None:
            ends = self.line_ends()
            for part in parts:
                part.tag = self.tag
            parts[0]._ends = ends[: len(parts[0].blPara.lines)]  # the rest is broken again
            parts[0]._ends_kept = True
        return parts

    def beginText(self, x: float, y: float) -> Any:  # noqa: N802 (ReportLab's name)
        marker = marker_of(self.canv)
        if marker is None or self.tag is None:
            return super().beginText(x, y)
        ends = self.line_ends()
        for line, end in zip(self.blPara.lines, ends):
            if end.hyphen:
                _soften_hyphen(line, self.style.fontName)
        return TaggedText(self.canv, x, y, self.tag, marker, ends)

    def _source_text(self) -> str:
        """The paragraph's text as written, before line breaking added hyphens to its words
        (ReportLab's plain text has them): the markup without its tags."""
        if not isinstance(self.text, str) or self._ends_kept:
            return str(self.getPlainText())
        return _SPACES.sub(" ", html.unescape(_TAG.sub("", self.text))).strip()

    def line_ends(self) -> list[LineEnd]:
        """How each line ends: with a space before the next line's first word, or inside a
        word broken by a hyphen that line breaking added (or neither)."""
        if self._ends is None:
            self._ends = _spaces_after_lines(self._source_text(), self.blPara.lines)
        return self._ends


_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def _soften_hyphen(line: Any, font: str) -> None:
    """Write the hyphen that ends ``line`` as a soft hyphen (U+00AD), where the font draws
    both with one glyph: the text then reads as the whole word it is."""
    if isinstance(line, tuple):
        words = line[1]
        if words and words[-1].endswith("-") and same_glyph(font, "-", SOFT_HYPHEN):
            words[-1] = type(words[-1])(words[-1][:-1] + SOFT_HYPHEN)
        return
    frags = [frag for frag in line.words if getattr(frag, "text", "")]
    if frags and frags[-1].text.endswith("-") and same_glyph(frags[-1].fontName, "-", SOFT_HYPHEN):
        frags[-1].text = frags[-1].text[:-1] + SOFT_HYPHEN


def _line_text(line: Any) -> str:
    if isinstance(line, tuple):  # a line of plain words
        return " ".join(line[1])
    return "".join(getattr(frag, "text", "") for frag in line.words)


def _spaces_after_lines(plain: str, lines: list[Any]) -> list[LineEnd]:
    """Follow the lines through the paragraph's own text: a line is followed by a space when
    the text has one where the line ends, or when the line ends in a forced break; a hyphen at
    a line's end that the text does not have was added by line breaking."""
    text, position, ends = plain, 0, []
    for line in lines:
        added = False
        for char in _line_text(line):
            if char == " ":
                continue
            while position < len(text) and text[position] == " ":
                position += 1
            added = False
            if position < len(text) and text[position] == char:
                position += 1
            elif char in "-\xad":
                added = True
            else:
                return [LineEnd(space=True)] * len(lines)  # the text and the lines disagree
        space = getattr(line, "lineBreak", False) or (position < len(text) and text[position] == " ")
        ends.append(LineEnd(space=space, hyphen=added and not space))
    return ends


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
