"""Page templates (cover, left and right body pages, back cover) and the document itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ..resources.fonts import first_drawable
from ..resources.palette import cmyk_only
from ..resources.wording import BACK_COVER, COVER, words
from .anchors import AnchorDesk
from .context import Context
from .flowables import SectionOpener
from .marks import draw_crop_marks
from .tagging import SOFT_HYPHEN, artifact

PageDrawer = Callable[[Canvas, Context], None]
BODY_SIDES = ("left", "right")


@dataclass(frozen=True)
class PageFill:
    page: int
    section: int | str | None
    used: float
    """The height its content takes (points)."""
    free: float
    """The height left at its foot (points)."""


def body_side(page_number: int) -> str:
    """Odd pages are right-hand pages, always; even pages are left-hand pages."""
    return "right" if page_number % 2 else "left"


class BrochureDocument(BaseDocTemplate):
    """A platypus document whose section openers become bookmarks and running heads."""

    def __init__(self, target: Any, ctx: Context, cover: PageDrawer, back: PageDrawer) -> None:
        meta, g = ctx.meta, ctx.geometry
        super().__init__(
            # no compression here: pikepdf compresses the streams once, as it finishes the file
            target, pagesize=g.sheet, invariant=1, pageCompression=0,
            title=meta.title, author=meta.author, subject=meta.subject,
            keywords=", ".join(meta.keywords), lang=meta.language, displayDocTitle=1,
            creator="brochure-builder", producer="brochure-builder (ReportLab)",
            initialFontName=ctx.fonts.regular, leftMargin=0, rightMargin=0, topMargin=0,
            bottomMargin=0, enforceColorSpace=cmyk_only if ctx.palette.mode == "cmyk" else None,
        )
        self.ctx = ctx
        self.section_title = ""
        self.current: Flowable | None = None
        """The flowable being placed, so that a layout error can name its block..."""
        self.current_origin: tuple[tuple[str | int, ...], str] | None = None
        """...and the YAML place of its block (a part split off a block keeps its block's)."""
        self.anchors = AnchorDesk()
        self.page_fill: list[PageFill] = []
        """How full each body page's frame is, and which section it ends in."""
        self.addPageTemplates([
            _full_page("cover", ctx, cover, next_template="left"),
            _body_page("left", ctx, next_template="right"),
            _body_page("right", ctx, next_template="left"),
            _full_page("back", ctx, back, next_template="back"),
        ])

    def _setPageTemplate(self) -> None:  # noqa: N802 (ReportLab's name)
        """The template of the next page: as asked (``NextPageTemplate``) or as the current one
        says, and for body pages the side its number gives: odd pages are right-hand pages.

        ReportLab's own version keeps a stale request after following ``autoNextPageTemplate``,
        which made left and right pages come in pairs (L L R R) after a page break."""
        index = getattr(self, "_nextPageTemplateIndex", None)
        if index is not None:
            del self._nextPageTemplateIndex
            chosen: PageTemplate = self.pageTemplates[index]
        else:
            current = getattr(self, "pageTemplate")  # noqa: B009 (untyped in ReportLab)
            chosen = self._template(current.autoNextPageTemplate or current.id)
        if chosen.id in BODY_SIDES:
            chosen = self._template(body_side(self.page + 1))
        self.pageTemplate = chosen

    def _template(self, name: str) -> PageTemplate:
        return next(t for t in self.pageTemplates if t.id == name)

    def beforeDocument(self) -> None:  # noqa: N802 (ReportLab's name)
        """Open on the first page, whole, with the bookmarks shown; body pages numbered from 2."""
        self.canv.showOutline()
        self.canv.addPageLabel(0, prefix=words(COVER, self.ctx.meta.language))
        self.canv.addPageLabel(1, style="D", start=2)

    def afterPage(self) -> None:  # noqa: N802 (ReportLab's name)
        if self.page == 1:
            from reportlab.pdfbase.pdfdoc import PDFArray, PDFName

            self.canv.setCatalogEntry("OpenAction", PDFArray([self.thisPageRef(), PDFName("Fit")]))
        if self.pageTemplate.id == "back":
            self.canv.addPageLabel(self.page - 1, prefix=words(BACK_COVER, self.ctx.meta.language))
        if self.pageTemplate.id in BODY_SIDES:
            frame = self.frame
            used = frame._y2 - frame._topPadding - frame._y
            section = self.current_origin[0][1] if self.current_origin and len(self.current_origin[0]) > 1 else None
            self.page_fill.append(PageFill(self.page, section, used, max(0.0, frame._y - frame._y1p)))

    def thisPageRef(self) -> Any:  # noqa: N802
        return self.canv._doc.thisPageRef()

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables:
            self.current = flowables[0]
            self.current_origin = getattr(self.current, "brochure_origin", self.current_origin)
        super().handle_flowable(flowables)

    def handle_pageBegin(self) -> None:  # noqa: N802 (ReportLab's name)
        super().handle_pageBegin()
        if self.pageTemplate.id in BODY_SIDES:
            self.anchors.page_begins(self.frame)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        self.anchors.flowable_placed(flowable)
        if isinstance(flowable, SectionOpener):
            key = f"section-{self.page}"
            self.section_title = flowable.title.getPlainText().replace(SOFT_HYPHEN, "")  # as written
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(self.section_title, key, level=0)


def _full_page(name: str, ctx: Context, drawer: PageDrawer, next_template: str) -> PageTemplate:
    g = ctx.geometry
    frame = Frame(g.offset, g.offset, g.trim_width, g.trim_height, id=f"{name}-frame",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    return PageTemplate(
        id=name, frames=[frame], pagesize=g.sheet, autoNextPageTemplate=next_template,
        onPage=lambda canvas, _doc: _clipped_to_bleed(canvas, ctx, drawer),
        onPageEnd=lambda canvas, _doc: _marks(canvas, ctx), **_boxes(ctx),
    )


def _body_page(name: str, ctx: Context, next_template: str) -> PageTemplate:
    g = ctx.geometry
    left = g.offset + (g.outer if name == "left" else g.inner)
    frame = Frame(left, g.offset + g.bottom, g.text_width, g.text_height, id=f"{name}-frame",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    def finish(canvas: Canvas, doc: BrochureDocument) -> None:
        doc.anchors.page_ends(canvas, doc.frame, doc.page)
        _running_foot(canvas, doc, ctx, name)
        _marks(canvas, ctx)

    return PageTemplate(
        id=name, frames=[frame], pagesize=g.sheet, autoNextPageTemplate=next_template,
        onPageEnd=finish, **_boxes(ctx),
    )


def _clipped_to_bleed(canvas: Canvas, ctx: Context, drawer: PageDrawer) -> None:
    """Full-page artwork stops at the bleed edge, clear of the crop marks."""
    g = ctx.geometry
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(g.slug, g.slug, g.trim_width + 2 * g.bleed, g.trim_height + 2 * g.bleed)
    canvas.clipPath(path, stroke=0, fill=0)
    drawer(canvas, ctx)
    canvas.restoreState()


def _boxes(ctx: Context) -> dict[str, list[float]]:
    """TrimBox and BleedBox for print: the finished page, and the page grown by the bleed."""
    g = ctx.geometry
    trim = [g.offset, g.offset, g.offset + g.trim_width, g.offset + g.trim_height]
    if not ctx.profile.bleed:
        return {"trimBox": trim}
    bleed = [trim[0] - g.bleed, trim[1] - g.bleed, trim[2] + g.bleed, trim[3] + g.bleed]
    return {"trimBox": trim, "bleedBox": bleed}


def _marks(canvas: Canvas, ctx: Context) -> None:
    if ctx.profile.crop_marks:
        with artifact(canvas, "Page"):
            draw_crop_marks(canvas, ctx.geometry)


FOLIO_GAP, LABEL_GAP = 30.0, 50.0
"""From the outer margin: where the page number and where the running title start, in points."""


def _running_foot(canvas: Canvas, doc: BrochureDocument, ctx: Context, side: str) -> None:
    """Page number at the outer edge with a small tricolour, then the brochure and section title,
    cut short (with an ellipsis) where it would reach the inner margin."""
    g, fonts = ctx.geometry, ctx.fonts
    size = ctx.brand.type_scale.small
    y = g.offset + g.bottom * 0.42
    number = f"{canvas.getPageNumber():02d}"
    separator = first_drawable(fonts.regular, "  \u00b7  ", "  |  ")
    label = f"{ctx.meta.title}{separator}{doc.section_title}" if doc.section_title else ctx.meta.title
    label = _fitted(label, fonts.regular, size, g.text_width - LABEL_GAP)
    left = side == "left"
    edge = g.offset + (g.outer if left else g.trim_width - g.outer)
    step = 1 if left else -1  # outwards from the edge, towards the spine
    with artifact(canvas, "Pagination"):
        _draw_foot(canvas, ctx, number, label, edge, step, y, left)


def _draw_foot(canvas: Canvas, ctx: Context, number: str, label: str, edge: float, step: int, y: float,
               left: bool) -> None:
    fonts, p, size = ctx.fonts, ctx.palette, ctx.brand.type_scale.small
    canvas.saveState()
    _tricolour(canvas, ctx, edge if left else edge - 24, y + 1.5)
    draw = canvas.drawString if left else canvas.drawRightString
    canvas.setFont(fonts.bold, size + 0.5)
    canvas.setFillColor(p["ink"])
    draw(edge + step * FOLIO_GAP, y, number)
    canvas.setFont(fonts.regular, size)
    canvas.setFillColor(p["muted"])
    draw(edge + step * LABEL_GAP, y, label)
    canvas.restoreState()


def _fitted(text: str, font: str, size: float, width: float) -> str:
    """``text``, or as much of it as fits ``width`` followed by an ellipsis."""
    if stringWidth(text, font, size) <= width:
        return text
    ellipsis = first_drawable(font, "\u2026", "...")
    words = text.split(" ")
    while words and stringWidth(" ".join(words) + ellipsis, font, size) > width:
        words.pop()
    return " ".join(words).rstrip(" \u00b7|,;:-\u2013") + ellipsis


def _tricolour(canvas: Canvas, ctx: Context, x: float, y: float, width: float = 24,
               height: float = 4) -> None:
    """The brand's three flag colours side by side: accent, primary, highlight."""
    canvas.saveState()
    for i, role in enumerate(("accent", "primary", "highlight")):
        canvas.setFillColor(ctx.palette[role])
        canvas.rect(x + i * width / 3, y, width / 3, height, stroke=0, fill=1)
    canvas.restoreState()
