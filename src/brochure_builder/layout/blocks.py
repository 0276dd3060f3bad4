"""Block builders: one function per content block kind, found through a registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from ..charts.render import render_chart
from ..charts.spec import ChartSpec, Point
from ..source import content as c
from ..source.markup import cited_notes
from ..source.schema import Model
from ..source.textfields import text_fields
from .context import Context
from .flowables import BottomAnchor, Columns, Figure, RasterImage
from .geometry import Geometry
from .paragraph import Paragraph
from .recolour import recolour

B = TypeVar("B", bound=Model)
Builder = Callable[[Any, Context], list[Flowable]]
BUILDERS: dict[type[Model], Builder] = {}


def builds(kind: type[B]) -> Callable[[Callable[[B, Context], list[Flowable]]], Builder]:
    def register(builder: Callable[[B, Context], list[Flowable]]) -> Builder:
        BUILDERS[kind] = builder
        return builder

    return register


def _table(rows: list[list[Any]], ctx: Context, commands: list[tuple[Any, ...]],
           col_widths: list[Any] | None = None) -> Table:
    """A table whose base font is the brand's (ReportLab's default would be Helvetica)."""
    table = Table(rows, colWidths=col_widths)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), ctx.fonts.regular), *commands]))
    return table


def build_blocks(blocks: Sequence[Model], ctx: Context) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks:
        flowables = BUILDERS[type(block)](block, ctx)
        if getattr(block, "place", "flow") == "bottom":
            flowables = [BottomAnchor(flowables)]
        story += flowables
    return story


@builds(c.Heading)
def heading(block: c.Heading, ctx: Context) -> list[Flowable]:
    return [ctx.para(block.text, f"h{block.level}")]


@builds(c.Paragraph)
def paragraph(block: c.Paragraph, ctx: Context) -> list[Flowable]:
    return [ctx.para(block.text, block.style)]


@builds(c.Bullets)
def bullets(block: c.Bullets, ctx: Context) -> list[Flowable]:
    style = ctx.styles.body
    items = [ListItem(ctx.para(text), spaceAfter=2) for text in block.items]
    return [ListFlowable(
        items, bulletType="bullet", start="●", bulletFontName=ctx.fonts.regular,
        bulletFontSize=style.fontSize * 0.7, bulletColor=ctx.palette["primary"], leftIndent=14,
        bulletOffsetY=-style.fontSize * 0.05, spaceAfter=style.spaceAfter,
    )]


@builds(c.Quote)
def quote(block: c.Quote, ctx: Context) -> list[Flowable]:
    cell: list[Flowable] = [ctx.para(block.text, "quote")]
    if block.attribution:
        cell.append(ctx.para(block.attribution, "attribution"))
    table = _table([[cell]], ctx, [
        ("LINEBEFORE", (0, 0), (0, 0), 3, ctx.palette["accent"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ], ["100%"])
    return [Spacer(1, 4), table, Spacer(1, 14)]


@builds(c.Stats)
def stats(block: c.Stats, ctx: Context) -> list[Flowable]:
    value_style = _fitted_style(ctx.styles.stat_value, [s.value for s in block.items],
                                _cell_width(len(block.items), ctx))
    cells = [
        [Paragraph(ctx.markup(s.value), value_style), ctx.para(s.label, "stat_label"),
         ctx.para(s.source, "source")]
        for s in block.items
    ]
    table = _gapped_row(cells, ctx, [
        ("LINEABOVE", (0, 0), (-1, 0), 2.5, ctx.palette["accent"]),
        ("TOPPADDING", (0, 0), (-1, -1), 10),
    ])
    return [Spacer(1, 6), KeepTogether([table]), Spacer(1, 16)]


@builds(c.Cards)
def cards(block: c.Cards, ctx: Context) -> list[Flowable]:
    cells = [_card(card, ctx) for card in block.items]
    table = _gapped_row(cells, ctx, [
        ("BACKGROUND", (0, 0), (-1, -1), ctx.palette["tint"]),
        ("LINEABOVE", (0, 0), (-1, 0), 3, ctx.palette["primary"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 14),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 16),
    ])
    return [Spacer(1, 4), table, Spacer(1, 18)]


def _card(card: c.Card, ctx: Context) -> list[Flowable]:
    cell: list[Flowable] = []
    if card.icon:
        cell += [_image(card.icon, 0.0, ctx, alt=card.title, height=40), Spacer(1, 12)]
    return [*cell, ctx.para(card.title, "card_title"), ctx.para(card.text, "card_text")]


def _fitted_style(style: ParagraphStyle, texts: list[str], width: float) -> ParagraphStyle:
    """One size for a row of big figures: the brand's size, shrunk (to 60% at most) to fit."""
    widest = max(stringWidth(text, style.fontName, style.fontSize) for text in texts)
    scale = max(0.6, min(1.0, width * 0.96 / widest))
    size = style.fontSize * scale
    return ParagraphStyle(f"{style.name}-fitted", parent=style, fontSize=size, leading=size * 1.05)


ROW_GUTTER = 0.75
"""Cells of a stats or cards row sit closer than columns of text: a share of the gutter."""


def _cell_width(count: int, ctx: Context) -> float:
    gutter = ctx.geometry.gutter * ROW_GUTTER
    return (ctx.geometry.text_width - gutter * (count - 1)) / count


def _gapped_row(cells: list[list[Flowable]], ctx: Context, styles: list[tuple[Any, ...]]) -> Table:
    """A one-row table of equal cells with gutters between them (gutters take no style)."""
    gutter = ctx.geometry.gutter * ROW_GUTTER
    width = _cell_width(len(cells), ctx)
    row: list[Any] = []
    widths: list[float] = []
    for i, cell in enumerate(cells):
        if i:
            row.append("")
            widths.append(gutter)
        row.append(cell)
        widths.append(width)
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    for col in range(0, len(row), 2):
        commands += [(name, (col, 0), (col, 0), *rest) for name, _a, _b, *rest in styles]
    return _table([row], ctx, commands, widths)


@builds(c.Chart)
def chart(block: c.Chart, ctx: Context) -> list[Flowable]:
    height = chart_height(block, ctx.geometry)

    def make(width: float):  # type: ignore[no-untyped-def]
        return recolour(render_chart(chart_spec(block), ctx.chart_style, width, height), ctx.palette)

    figure = Figure(make, block.alt, ctx.fonts.regular, annotate=ctx.profile.annotations)
    source = ctx.para(block.source, "source")
    return [KeepTogether([ctx.para(block.title, "caption"), Spacer(1, 4), figure, Spacer(1, 4), source]),
            Spacer(1, 14)]


def chart_spec(block: c.Chart) -> ChartSpec:
    points = tuple(Point(p.label, p.value, p.note) for p in block.data)
    return ChartSpec(block.chart, points, block.highlight, block.value_format)


def chart_height(block: c.Chart, geometry: Geometry) -> float:
    return float(min(block.height * mm, geometry.text_height * 0.8))  # a chart never outgrows a page


@builds(c.Image)
def image(block: c.Image, ctx: Context) -> list[Flowable]:
    story: list[Flowable] = [_image(block.path, block.width, ctx, alt=block.alt)]
    if block.caption:
        story += [Spacer(1, 10), ctx.para(block.caption, "source")]
    return [KeepTogether(story), Spacer(1, 10)]


def _image(path: Any, fraction: float, ctx: Context, *, alt: str, height: float | None = None) -> Flowable:
    from ..resources.images import svg_drawing

    if path.suffix.lower() == ".svg":
        def make(width: float):  # type: ignore[no-untyped-def]
            drawing = svg_drawing(path, width=width if height is None else None, height=height)
            return recolour(drawing, ctx.palette)

        return Figure(make, alt, ctx.fonts.regular, fraction=fraction or 1.0, annotate=False)
    return RasterImage(path, ctx.prepare_raster, alt if ctx.profile.annotations else None,
                       fraction or 1.0, max_height=ctx.geometry.text_height * 0.9)


@builds(c.Callout)
def callout(block: c.Callout, ctx: Context) -> list[Flowable]:
    cell: list[Flowable] = []
    if block.title:
        cell.append(ctx.para(block.title, "callout_title"))
    cell.append(ctx.para(block.text, "card_text"))
    table = _table([[cell]], ctx, [
        ("BACKGROUND", (0, 0), (-1, -1), ctx.palette["tint"]),
        ("LINEBEFORE", (0, 0), (0, 0), 3, ctx.palette["primary"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 12), ("BOTTOMPADDING", (0, 0), (-1, -1), 13),
    ], ["100%"])
    return [Spacer(1, 4), KeepTogether([table]), Spacer(1, 14)]


@builds(c.Timeline)
def timeline(block: c.Timeline, ctx: Context) -> list[Flowable]:
    when, text = ctx.styles.when, ctx.styles.lead
    rows = [[ctx.para(m.when, "when"), ctx.para(m.text, "lead")] for m in block.items]
    # align the first baselines of the two columns
    shift = (when.leading - when.fontSize) / 2 + when.fontSize * 0.8 - text.fontSize * 0.8 - (
        text.leading - text.fontSize) / 2
    table = _table(rows, ctx, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.5, ctx.palette["rule"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, -1), 12), ("TOPPADDING", (1, 0), (1, -1), 12 + shift),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ], [34 * mm, None])
    return [table, Spacer(1, 14)]


@builds(c.Sources)
def sources(block: c.Sources, ctx: Context) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 12), ctx.para(block.title, "h3")]
    for note in sorted(block.items, key=lambda n: ctx.notes[n.id]):  # numbered by number_notes
        text = f'<a name="note-{note.id}"/>{ctx.notes[note.id]}. {ctx.markup(note.text)}'
        story.append(Paragraph(text, ctx.styles.source))
    return story


@builds(c.PageBreak)
def page_break(block: c.PageBreak, ctx: Context) -> list[Flowable]:
    if block.unless_space is None:
        return [PageBreak()]
    return [CondPageBreak(block.unless_space * mm)]


@builds(c.Columns)
def columns(block: c.Columns, ctx: Context) -> list[Flowable]:
    inner = build_blocks(block.blocks, ctx)
    body = ctx.styles.body
    flow = Columns(inner, block.count, ctx.geometry.gutter, body.leading)
    return [flow, Spacer(1, body.fontSize)]


def number_notes(brochure: c.Brochure, notes: dict[str, int]) -> None:
    """Number source notes as a reader meets them: in the order the text first cites them
    (cover, sections, back cover), then any note nothing cites, in the order it is listed."""
    listed = [note.id for note in _source_notes(brochure)]
    reading = brochure.model_dump(include={"cover", "sections", "back_cover"})
    for _path, text in text_fields(reading):
        for note_id in cited_notes(text):
            if note_id in listed:
                notes.setdefault(note_id, len(notes) + 1)
    for note_id in listed:
        notes.setdefault(note_id, len(notes) + 1)


def _source_notes(brochure: c.Brochure) -> Iterator[c.SourceNote]:
    def visit(blocks: Sequence[Model]) -> Iterator[c.SourceNote]:
        for block in blocks:
            if isinstance(block, c.Sources):
                yield from block.items
            elif isinstance(block, c.Columns):
                yield from visit(block.blocks)

    for section in brochure.sections:
        yield from visit(section.blocks)
