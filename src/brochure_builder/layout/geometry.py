"""Where things sit on the sheet: trim, bleed, room for marks, margins and frames, in points."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from ..source.theme import PAGE_SIZES_MM, Page


@dataclass(frozen=True)
class Geometry:
    """Trim size plus what the profile adds around it (bleed, slug for crop marks)."""

    trim_width: float
    trim_height: float
    top: float
    bottom: float
    inner: float
    outer: float
    gutter: float
    bleed: float = 0.0
    slug: float = 0.0

    @property
    def offset(self) -> float:
        """Distance from the sheet's corner to the trim's corner."""
        return self.bleed + self.slug

    @property
    def sheet(self) -> tuple[float, float]:
        return (self.trim_width + 2 * self.offset, self.trim_height + 2 * self.offset)

    @property
    def text_width(self) -> float:
        return self.trim_width - self.inner - self.outer

    @property
    def text_height(self) -> float:
        return self.trim_height - self.top - self.bottom

    def left_margin(self, page_number: int) -> float:
        """Left margin on the sheet: right-hand (odd) pages have the inner margin at the left."""
        return self.offset + (self.inner if page_number % 2 else self.outer)


def make_geometry(page: Page, *, bleed: bool = False, slug: float = 0.0) -> Geometry:
    width, height = PAGE_SIZES_MM[page.size]
    margins = page.margins
    return Geometry(
        trim_width=width * mm,
        trim_height=height * mm,
        top=margins.top * mm,
        bottom=margins.bottom * mm,
        inner=margins.inner * mm,
        outer=margins.outer * mm,
        gutter=page.gutter * mm,
        bleed=page.bleed * mm if bleed else 0.0,
        slug=slug,
    )
