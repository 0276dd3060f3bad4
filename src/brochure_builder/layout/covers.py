"""The cover and back cover: full-page compositions drawn straight onto the canvas."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..resources.images import svg_drawing
from ..source.content import BackCover, Cover
from .context import Context
from .figures import draw_drawing
from .flowables import balanced_width
from .paragraph import Paragraph
from .recolour import recolour
from .tagging import Element, artifact, marked


def _fill_page(canvas: Canvas, ctx: Context, role: str) -> None:
    """Fill the trim and the bleed around it."""
    g = ctx.geometry
    with artifact(canvas):
        canvas.setFillColor(ctx.palette[role])
        canvas.rect(g.slug, g.slug, g.trim_width + 2 * g.bleed, g.trim_height + 2 * g.bleed, stroke=0, fill=1)


def _paragraph(canvas: Canvas, text: str, style: ParagraphStyle, x: float, top: float,
               width: float, tag: Element) -> float:
    """Draw a paragraph hanging from ``top``, as ``tag``'s content; return its bottom."""
    para = Paragraph(text, style)
    para.tag = tag
    height = para.wrap(balanced_width(para, width), 10_000)[1]
    para.drawOn(canvas, x, top - height)
    return float(top - height)


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


def draw_cover(canvas: Canvas, ctx: Context, cover: Cover, tag: Element) -> None:
    """The cover, its text read as ``tag``'s: brand name (unless a kicker stands in for it),
    kicker, title (the document's first heading), subtitle and pillars (a list)."""
    g, s, fonts, p = ctx.geometry, ctx.brand.type_scale, ctx.fonts, ctx.palette
    canvas.saveState()
    _fill_page(canvas, ctx, "primary")
    _sun(canvas, ctx)
    x, width = g.offset + g.outer, g.trim_width - g.inner - g.outer
    _signature(canvas, ctx, x, g.offset + g.trim_height - g.top - 12 * mm, None if cover.kicker else tag.add("P"))
    white = p["on_primary"]
    title = ParagraphStyle("cover-title", fontName=fonts.display, fontSize=s.display,
                           leading=s.display * 1.04, textColor=white)
    kicker = ParagraphStyle("cover-kicker", fontName=fonts.display, fontSize=s.h2,
                            leading=s.h2 * 1.3, textColor=p["accent"])
    subtitle = ParagraphStyle("cover-subtitle", fontName=fonts.light, fontSize=s.lead + 3,
                              leading=(s.lead + 3) * 1.35, textColor=white)
    top = g.offset + g.trim_height * 0.56
    if cover.kicker:
        top = _paragraph(canvas, ctx.markup(cover.kicker).upper(), kicker, x, top, width, tag.add("P")) - 10
    top = _paragraph(canvas, ctx.markup(cover.title), title, x, top, width * 0.86,
                     ctx.tree.heading(tag, 1)) - 24
    if cover.subtitle:
        _paragraph(canvas, ctx.markup(cover.subtitle), subtitle, x, top, width * 0.8, tag.add("P"))
    if cover.pillars:
        _pillars(canvas, ctx, cover.pillars, x, width, tag.add("L"))
    canvas.restoreState()


def _pillars(canvas: Canvas, ctx: Context, pillars: list[str], x: float, width: float, tag: Element) -> None:
    """The pillars along the foot of the cover, each under a short yellow rule."""
    g, s, fonts, p = ctx.geometry, ctx.brand.type_scale, ctx.fonts, ctx.palette
    style = ParagraphStyle("cover-pillar", fontName=fonts.bold, fontSize=s.body + 1,
                           leading=(s.body + 1) * 1.3, textColor=p["on_primary"])
    gap = g.gutter
    column = (width - gap * (len(pillars) - 1)) / len(pillars)
    top = g.offset + g.bottom + 16 * mm
    for i, pillar in enumerate(pillars):
        left = x + i * (column + gap)
        with artifact(canvas):
            canvas.setFillColor(p["accent"])
            canvas.rect(left, top + 6, 18, 2.5, stroke=0, fill=1)
        _paragraph(canvas, ctx.markup(pillar), style, left, top, column * 0.9, tag.add("LI").add("LBody"))


def draw_back_cover(canvas: Canvas, ctx: Context, back: BackCover, tag: Element) -> None:
    g, s, fonts, p = ctx.geometry, ctx.brand.type_scale, ctx.fonts, ctx.palette
    canvas.saveState()
    _fill_page(canvas, ctx, "primary")
    x, width = g.offset + g.outer, g.trim_width - g.inner - g.outer
    white = p["on_primary"]
    heading = ParagraphStyle("back-heading", fontName=fonts.display, fontSize=s.h1,
                             leading=s.h1 * 1.08, textColor=white)
    text = ParagraphStyle("back-text", fontName=fonts.light, fontSize=s.lead,
                          leading=s.lead * 1.45, textColor=white)
    note = ParagraphStyle("back-note", fontName=fonts.regular, fontSize=s.small,
                          leading=s.small * 1.4, textColor=white)
    _sun(canvas, ctx, corner="bottom")
    signature_top = g.offset + g.trim_height - g.top - 12 * mm
    _signature(canvas, ctx, x, signature_top, tag.add("P"))
    top = g.offset + g.trim_height - g.top - 40 * mm
    with artifact(canvas):
        canvas.setFillColor(p["accent"])
        canvas.rect(x, top + 14, 36, 4, stroke=0, fill=1)
    top = _paragraph(canvas, ctx.markup(back.heading), heading, x, top, width * 0.8, ctx.tree.heading(tag, 1)) - 16
    if back.text:
        _paragraph(canvas, ctx.markup(back.text), text, x, top, width * 0.72, tag.add("P"))
    if back.note:
        _paragraph(canvas, ctx.markup(back.note), note, x, g.offset + g.bottom + 8 * mm, width * 0.45, tag.add("P"))
    canvas.restoreState()
