"""Chart text measured as the PDF sets it, and fitted to the room it has.

Widths are the brand faces' advance widths (what ReportLab sets when svglib draws the chart's
SVG; matplotlib's own measure kerns, and is up to a point narrower on a long label). Text that
does not fit is wrapped onto lines at spaces, or cut with an ellipsis; never below ``MIN_SIZE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MIN_SIZE = 7.0
"""The smallest type a chart sets (its tick labels and notes shrink to it, no further)."""
LINE_HEIGHT = 1.2
"""A line of chart text takes this many times its size (matplotlib's line spacing)."""
ELLIPSIS = "\u2026"


class _Face:
    """A face's advance widths at 1 pt, read from the font file as they are asked for."""

    def __init__(self, path: Path) -> None:
        from matplotlib.ft2font import FT2Font

        self.font = FT2Font(str(path))
        self.known = self.font.get_charmap()
        self.widths: dict[str, float] = {}
        self.em_height = (self.font.ascender - self.font.descender) / self.font.units_per_EM
        """Ascender to descender in ems: the height matplotlib gives a line before its spacing."""

    def advance(self, char: str) -> float:
        if char not in self.widths:
            from matplotlib.ft2font import LoadFlags

            code = ord(char) if ord(char) in self.known else 0
            glyph = self.font.load_char(code, flags=LoadFlags.NO_SCALE)
            self.widths[char] = glyph.horiAdvance / self.font.units_per_EM
        return self.widths[char]


@lru_cache(maxsize=8)
def _face(path: Path) -> _Face:
    return _Face(path)


@dataclass(frozen=True)
class Measure:
    """Widths of text in the brand's regular and bold faces."""

    regular: Path
    bold: Path

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """The width of the widest line of ``text`` at ``size`` points."""
        face = _face(self.bold if bold else self.regular)
        return max(sum(face.advance(c) for c in line) for line in text.split("\n")) * size

    def line_height(self, size: float, bold: bool = False) -> float:
        """The height of a line of text at ``size`` points as matplotlib sets it: ``LINE_HEIGHT``
        times the face's ascender to descender (1 em in Lato, 1.36 in Noto Serif and Manrope)."""
        return LINE_HEIGHT * _face(self.bold if bold else self.regular).em_height * size

    def ellipsis(self, bold: bool = False) -> str:
        return ELLIPSIS if ord(ELLIPSIS) in _face(self.bold if bold else self.regular).known else "..."

    def cut(self, text: str, room: float, size: float, bold: bool = False) -> str:
        """``text`` as it is if it fits in ``room`` points, else its longest start that fits
        with an ellipsis (the ellipsis alone when nothing more fits)."""
        if self.width(text, size, bold) <= room:
            return text
        mark = self.ellipsis(bold)
        low, high = 0, len(text)
        while low < high:  # the longest start that fits with the mark
            middle = (low + high + 1) // 2
            if self.width(text[:middle].rstrip() + mark, size, bold) <= room:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + mark

    def wrap(self, text: str, room: float, size: float, bold: bool = False, lines: int = 2) -> list[str]:
        """``text`` broken at spaces into at most ``lines`` lines of ``room`` points; a word
        longer than a line, and what does not fit in the last line, are cut."""
        words, found = text.split(), list[str]()
        while words and len(found) < lines - 1:
            line = words.pop(0)
            while words and self.width(f"{line} {words[0]}", size, bold) <= room:
                line = f"{line} {words.pop(0)}"
            found.append(self.cut(line, room, size, bold))
        if words:
            found.append(self.cut(" ".join(words), room, size, bold))
        return found or [""]

    def balanced(self, text: str, size: float, bold: bool = False) -> list[str]:
        """``text`` on two lines as nearly equal as its spaces allow (one line if it has none)."""
        words = text.split()
        if len(words) < 2:
            return [text]
        splits = ([" ".join(words[:i]), " ".join(words[i:])] for i in range(1, len(words)))
        return min(splits, key=lambda pair: max(self.width(line, size, bold) for line in pair))


def text_height(lines: int, size: float) -> float:
    """The height ``lines`` lines of text take at ``size`` points."""
    return lines * size * LINE_HEIGHT
