"""The cover and back cover: full-page compositions drawn straight onto the canvas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..resources.colour import REVERSED_TEXT_MIN_PT
from ..resources.images import svg_drawing
from ..source.content import BackCover, Cover
from ..source.photos import Photo
from .context import Context
from .figures import draw_drawing
from .flowables import CREDIT_SHARE, TITLE_MIN_SCALE, LayoutTooBig, balanced_width, words_fitted
from .paragraph import Paragraph, scaled
from .photos import credit_foot, credit_paragraph, paint_photo, wash_of
from .recolour import recolour
from .tagging import Element, artifact, marked


def _fill_page(canvas: Canvas, ctx: Context, role: str) -> None:
    """Fill the trim and the bleed around it."""
    g = ctx.geometry
    with artifact(canvas):
        canvas.setFillColor(ctx.palette[role])
        canvas.rect(g.slug, g.slug, g.trim_width + 2 * g.bleed, g.trim_height + 2 * g.bleed, stroke=0, fill=1)


def _sun(canvas: Canvas, ctx: Context, corner: str = "top") -> None:
    with artifact(canvas):
        _draw_sun(canvas, ctx, corner)


def _draw_sun(canvas: Canvas, ctx: Context, corner: str) -> None:
    """The brand motif: a yellow disc cut by a corner of the page, a small red one beside it."""
    g = ctx.geometry
    unit = g.trim_width / (210 * mm)  # proportions drawn on A4, scaled to the page
    cx = g.offset + g.trim_width
    cy = g.offset + g.trim_height if corner == "top" else g.offset
    flip = 1 if corner == "top" else -1
    canvas.setFillColor(ctx.palette["accent"])
    canvas.circle(cx - 18 * mm * unit, cy - flip * 8 * mm * unit, 88 * mm * unit, stroke=0, fill=1)
    canvas.setFillColor(ctx.palette["highlight"])
    canvas.circle(cx - 112 * mm * unit, cy - flip * 64 * mm * unit, 17 * mm * unit, stroke=0, fill=1)


def _signature(canvas: Canvas, ctx: Context, x: float, y: float, tag: Element | None) -> float:
    """Logo and brand name side by side (the name only with a ``tag`` to read it as); return
    the width they take. The logo is decoration: the name beside it says whose it is."""
    height = 12 * mm
    width = _logo(canvas, ctx, x, y, height)
    if tag is None:
        return width
    size = ctx.brand.type_scale.body + 3
    canvas.setFont(ctx.fonts.bold, size)
    canvas.setFillColor(ctx.palette["on_primary"])
    with marked(canvas, tag):
        canvas.drawString(x + width + 4 * mm, y + (height - size * 0.7) / 2, ctx.brand.name)
    return float(width + 4 * mm + canvas.stringWidth(ctx.brand.name, ctx.fonts.bold, size))


def _logo(canvas: Canvas, ctx: Context, x: float, y: float, height: float) -> float:
    """Draw the brand logo with its bottom-left at (x, y); return its width."""
    if ctx.brand.logo is None:
        return 0.0
    drawing = recolour(svg_drawing(ctx.brand.logo, height=height), ctx.palette)
    with artifact(canvas):
        draw_drawing(drawing, canvas, x, y, ctx.fonts.regular)
    return float(drawing.width)


OVERRUN = 0.5
"""Points a line of a cover's text may run past its width (rounding) before it is an error."""
COVER_CEILING = 0.7
"""The cover's text stays under this share of the page's height: the motif is above it."""


@dataclass
class _Line:
    """One paragraph of a cover's text block, with the room below it."""

    paragraph: Paragraph
    width: float
    gap: float
    shrinks: bool = False


def _set_block(canvas: Canvas, lines: list[_Line], x: float, start: float, ceiling: float, floor: float,
               where: tuple[str, ...]) -> None:
    """Set ``lines`` hanging from ``start``; moved up (to ``ceiling`` at most) if they would
    reach ``floor``, the shrinking one set smaller if that is not enough, an error naming
    ``where`` if even that is not."""
    scale = 1.0
    for line in lines:
        if line.shrinks:
            line.paragraph, scale = words_fitted(line.paragraph, line.width)
    while True:
        heights = [line.paragraph.wrap(balanced_width(line.paragraph, line.width), 10_000)[1] + line.gap
                   for line in lines]
        total = sum(heights) - (lines[-1].gap if lines else 0)
        if total <= ceiling - floor:
            break
        scale -= 0.05
        if scale < TITLE_MIN_SCALE:
            raise LayoutTooBig("the cover's text does not fit between its top and its foot even with the "
                               "title at half its size: shorten the title or subtitle", where)
        for line in lines:
            if line.shrinks:
                line.paragraph = scaled(line.paragraph, scale)
    if any(max(line.paragraph.getActualLineWidths0(), default=0.0) > line.width + OVERRUN for line in lines):
        raise LayoutTooBig("a word of the cover's text is wider than the cover even with the title at half its "
                           "size (a web address, or a word that cannot be broken): shorten it", where)
    top = min(ceiling, max(start, floor + total))
    for line, height in zip(lines, heights):
        line.paragraph.drawOn(canvas, x, top - (height - line.gap))
        top -= height


def _tagged(text: str, style: ParagraphStyle, tag: Element) -> Paragraph:
    paragraph = Paragraph(text, style)
    paragraph.tag = tag
    return paragraph


def _cover_style(name: str, **settings: Any) -> ParagraphStyle:
    """A style of the covers' text: it breaks a compound after its hyphens and a web address
    after its separators, as the body does (the body's style is not their parent)."""
    return ParagraphStyle(name, embeddedHyphenation=1, uriWasteReduce=0.3, **settings)


def draw_cover(canvas: Canvas, ctx: Context, cover: Cover, tag: Element) -> None:
    """The cover, its text read as ``tag``'s: brand name (unless a kicker stands in for it),
    kicker, title (the document's first heading), subtitle and pillars (a list). The text
    block hangs from a little above the middle, moved up or set smaller when it is long."""
    g, s, fonts, p = ctx.geometry, ctx.brand.type_scale, ctx.fonts, ctx.palette
    canvas.saveState()
    figure = _cover_photo(canvas, ctx, cover.image) if cover.image else None
    if cover.image is None:
        _fill_page(canvas, ctx, "primary")
        _sun(canvas, ctx)
    x, width = g.offset + g.outer, g.trim_width - g.inner - g.outer
    signature_y = g.offset + g.trim_height - g.top - 12 * mm
    _signature(canvas, ctx, x, signature_y, None if cover.kicker else tag.add("P"))
    white = p["on_primary"]
    title = _cover_style("cover-title", fontName=fonts.display, fontSize=s.display,
                           leading=s.display * 1.04, textColor=white, language=ctx.meta.language)
    kicker = _cover_style("cover-kicker", fontName=fonts.display, fontSize=s.h2,
                            leading=s.h2 * 1.3, textColor=p["accent"], language=ctx.meta.language)
    subtitle = _cover_style("cover-subtitle", fontName=fonts.light, fontSize=s.lead + 3,
                              leading=(s.lead + 3) * 1.35, textColor=white, language=ctx.meta.language)
    ground = (cover.image.overlay.colour if cover.image else None) or "primary"
    lines = []
    if cover.kicker:
        lines.append(_Line(_tagged(ctx.markup(cover.kicker, upper=True, ground=ground), kicker, tag.add("P")),
                           width, 10))
    lines.append(_Line(_tagged(ctx.markup(cover.title, ground=ground), title, ctx.tree.heading(tag, 1)),
                       width * 0.86, 24, shrinks=True))
    if cover.subtitle:
        lines.append(_Line(_tagged(ctx.markup(cover.subtitle, ground=ground), subtitle, tag.add("P")),
                           width * 0.8, 0))
    floor = _pillars(canvas, ctx, cover.pillars, (x, width), ground, tag.add("L")) if cover.pillars \
        else g.offset + g.bottom
    ceiling = min(signature_y - 10 * mm, g.offset + g.trim_height * COVER_CEILING)  # clear of the motif
    _set_block(canvas, lines, x, g.offset + g.trim_height * 0.56, ceiling, floor + 12 * mm, ("cover", "title"))
    if cover.image is not None:
        _credited(canvas, ctx, cover.image, figure, tag, x + width)
    canvas.restoreState()


def _cover_photo(canvas: Canvas, ctx: Context, photo: Photo) -> Element | None:
    """The photo over the whole cover and its bleed, the overlay's colour washed over it; its
    Figure element (None for decoration) is read after the cover's text."""
    g, bleed = ctx.geometry, ctx.brand.page.bleed * mm  # the brand's bleed: screen files crop alike
    figure = None if photo.decorative else Element("Figure", alt=photo.alt)
    paint_photo(canvas, ctx, photo.path, (-bleed, -bleed, g.trim_width + bleed, g.trim_height + bleed),
                photo.focus, figure, wash=wash_of(ctx, photo.overlay, "primary"))
    return figure


def _credited(canvas: Canvas, ctx: Context, photo: Photo, figure: Element | None, tag: Element,
              right: float) -> None:
    """The photo's Figure after the cover's text, and its credit at the foot, right-aligned."""
    if figure is not None:
        tag.kids.append(figure)
    if not photo.credit:
        return
    g = ctx.geometry
    credit = credit_paragraph(ctx, photo.credit, ctx.palette["on_primary"],
                              figure.add("Caption") if figure is not None else tag.add("P"))
    width = (g.trim_width - g.inner - g.outer) * CREDIT_SHARE
    credit.wrap(width, 10_000)
    credit.drawOn(canvas, right - width, g.offset + credit_foot(ctx))


def _pillars(canvas: Canvas, ctx: Context, pillars: list[str], span: tuple[float, float], ground: str,
             tag: Element) -> float:
    """The pillars along the foot of the cover (``span``: left edge and width), on the colour
    ``ground``, each under a short rule; return their top."""
    x, width = span
    g, s, fonts, p = ctx.geometry, ctx.brand.type_scale, ctx.fonts, ctx.palette
    style = _cover_style("cover-pillar", fontName=fonts.bold, fontSize=s.body + 1,
                           leading=(s.body + 1) * 1.3, textColor=p["on_primary"], language=ctx.meta.language)
    gap = g.gutter
    column = (width - gap * (len(pillars) - 1)) / len(pillars)
    paragraphs = [_tagged(ctx.markup(pillar, ground=ground), style, tag.add("LI").add("LBody")) for pillar in pillars]
    heights = [para.wrap(balanced_width(para, column * 0.9), 10_000)[1] for para in paragraphs]
    top = g.offset + g.bottom + max(16 * mm, max(heights))
    for i, para in enumerate(paragraphs):
        left = x + i * (column + gap)
        with artifact(canvas):
            canvas.setFillColor(p["accent"])
            canvas.rect(left, top + 6, 18, 2.5, stroke=0, fill=1)
        para.drawOn(canvas, left, top - heights[i])
    return float(top + 8.5)


def draw_back_cover(canvas: Canvas, ctx: Context, back: BackCover, tag: Element) -> None:
    """The back cover: signature, heading and text from the top, a note at the foot."""
    g, s, fonts, p = ctx.geometry, ctx.brand.type_scale, ctx.fonts, ctx.palette
    canvas.saveState()
    _fill_page(canvas, ctx, "primary")
    x, width = g.offset + g.outer, g.trim_width - g.inner - g.outer
    white = p["on_primary"]
    language = ctx.meta.language
    heading = _cover_style("back-heading", fontName=fonts.display, fontSize=s.h1,
                             leading=s.h1 * 1.08, textColor=white, language=language)
    text = _cover_style("back-text", fontName=fonts.light, fontSize=s.lead,
                          leading=s.lead * 1.45, textColor=white, language=language)
    note_size = max(s.small, REVERSED_TEXT_MIN_PT)  # white out of colour: small type fills in on press
    note = _cover_style("back-note", fontName=fonts.regular, fontSize=note_size,
                          leading=note_size * 1.4, textColor=white, language=language)
    _sun(canvas, ctx, corner="bottom")
    signature_top = g.offset + g.trim_height - g.top - 12 * mm
    _signature(canvas, ctx, x, signature_top, tag.add("P"))
    top = g.offset + g.trim_height - g.top - 40 * mm
    with artifact(canvas):
        canvas.setFillColor(p["accent"])
        canvas.rect(x, top + 14, 36, 4, stroke=0, fill=1)
    lines = [_Line(_tagged(ctx.markup(back.heading, ground="primary"), heading, ctx.tree.heading(tag, 1)),
                   width * 0.8, 16, shrinks=True)]
    if back.text:
        lines.append(_Line(_tagged(ctx.markup(back.text, ground="primary"), text, tag.add("P")), width * 0.72, 0,
                           shrinks=True))
    floor = g.offset + g.bottom
    if back.note:
        note_paragraph = _tagged(ctx.markup(back.note, ground="primary"), note, tag.add("P"))
        floor += note_paragraph.wrap(balanced_width(note_paragraph, width * 0.45), 10_000)[1] + 8 * mm
        note_paragraph.drawOn(canvas, x, g.offset + g.bottom)
    _set_block(canvas, lines, x, top, top, floor + 8 * mm, ("back_cover", "heading"))
    canvas.restoreState()
