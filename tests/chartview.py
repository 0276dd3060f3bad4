"""Charts drawn alone, as a reader sees them: a PDF page the size of the drawing, and each run
of text on it with its box (pdfplumber's coordinates: points from the top-left corner)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pdfplumber

from brochure_builder.charts.render import ChartStyle, chart_svg, svg_to_drawing
from brochure_builder.charts.spec import ChartSpec

from .conftest import BUNDLED
from .pdfview import Box

KERN = 1.0
"""Points two letters of one run may overlap by (kerning, the brand font's overhangs)."""


@dataclass(frozen=True)
class Run:
    """One label as a reader sees it: letters set one after another on one line."""

    text: str
    box: Box
    size: float

    @property
    def middle(self) -> tuple[float, float]:
        return (self.box.x0 + self.box.x1) / 2, (self.box.top + self.box.bottom) / 2


@dataclass(frozen=True)
class Sizes:
    """Widths a chart is drawn at: the page's text width (A4) and one column of three (A5)."""

    a4_full: float
    a5_third: float


@lru_cache(maxsize=8)
def style(brochure: Path = BUNDLED) -> ChartStyle:
    """The chart style of a brochure's brand (the bundled one's by default), its faces
    registered with ReportLab."""
    from brochure_builder.layout.geometry import make_geometry
    from brochure_builder.layout.profiles import SCREEN
    from brochure_builder.layout.story import make_context
    from brochure_builder.source.loading import load

    document = load(brochure)
    return make_context(document, SCREEN, make_geometry(document.brand.page)).chart_style


@lru_cache(maxsize=1)
def sizes() -> Sizes:
    from brochure_builder.layout.columns import column_width
    from brochure_builder.layout.geometry import make_geometry
    from brochure_builder.source.loading import load

    page = load(BUNDLED).brand.page
    a5 = make_geometry(page.model_copy(update={"size": "A5"}))
    return Sizes(make_geometry(page).text_width, column_width(a5.text_width, 3, a5.gutter))


def chart_pdf(chart: ChartSpec, width: float, height: float, brochure: Path = BUNDLED) -> bytes:
    """The chart alone on a page of its own size, in the brand of ``brochure``."""
    from reportlab.graphics import renderPDF

    drawing = svg_to_drawing(chart_svg(chart, style(brochure), width, height), style(brochure))
    assert abs(drawing.width - width) < 0.01 and abs(drawing.height - height) < 0.01
    return bytes(renderPDF.drawToString(drawing))


def runs(pdf: bytes) -> list[Run]:
    """The text of a one-page PDF, letter by letter joined into runs: a letter continues a run
    when it sits on the run's line at its size and starts where the run ends (give or take
    ``KERN``, or a word space); anything else starts a run of its own."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = document.pages[0].chars
    found: list[list[dict[str, Any]]] = []
    for char in chars:
        last = found[-1][-1] if found else None
        if last is not None and _continues(last, char):
            found[-1].append(char)
        else:
            found.append([char])
    return [_run(letters) for letters in found if "".join(c["text"] for c in letters).strip()]


def _size(char: dict[str, Any]) -> float:
    """The type size (pdfplumber's ``size`` of a letter turned on its side is its advance)."""
    return float(char["size"] if char["upright"] else char["x1"] - char["x0"])


def _continues(last: dict[str, Any], char: dict[str, Any]) -> bool:
    size = _size(char)
    if last["upright"] != char["upright"] or abs(_size(last) - size) > 0.01:
        return False
    if last["upright"]:
        return bool(abs(last["top"] - char["top"]) < 0.01 and -KERN <= char["x0"] - last["x1"] <= size * 0.6)
    return bool(abs(last["x0"] - char["x0"]) < 0.01 and -KERN <= last["top"] - char["bottom"] <= size * 0.6)


def _run(letters: list[dict[str, Any]]) -> Run:
    box = Box(min(c["x0"] for c in letters), min(c["top"] for c in letters),
              max(c["x1"] for c in letters), max(c["bottom"] for c in letters))
    return Run("".join(c["text"] for c in letters), box, _size(letters[0]))
