"""Block builders: one function per content block kind, found through a registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from ..charts.render import render_chart
from ..charts.spec import ChartSpec, Point, Series
from ..resources.wording import rank_axis_title, sources_title
from ..source import content as c
from ..source.markup import cited_notes
from ..source.schema import Model
from ..source.textfields import text_fields
from .anchors import FootAnchor, PageTurn
from .columns import ColumnBreak, Columns, column_width, ends_column
from .context import Context
from .figures import Figure, RasterImage
from .geometry import Geometry
from .lists import BulletItem
from .paragraph import Paragraph, plain_text
from .photos import MIDDLE, BleedImage, CroppedImage, Letterbox, Shape
from .recolour import recolour
from .tables import table_flowable
from .tagging import Element, decoration_as_artifact
from .timeline import TimelineEntry

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
    """A table used for a block's frame, its base font the brand's (ReportLab's default would
    be Helvetica); its backgrounds and rules are decoration (artifacts in a tagged PDF)."""
    table = Table(rows, colWidths=col_widths)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), ctx.fonts.regular), *commands]))
    table._renderCB = decoration_as_artifact
    return table


def spaced(flowables: list[Flowable], before: float = 0, after: float = 0) -> list[Flowable]:
    """Space above and below a block, as ReportLab's frames keep it: none above at the top of
    a page or column, and none carried below onto the next page (a spacer would be)."""
    first, last = _outer(flowables[0], 0), _outer(flowables[-1], -1)
    first.spaceBefore = max(before, float(first.getSpaceBefore()))
    last.spaceAfter = max(after, float(last.getSpaceAfter()))
    return flowables


def _outer(flowable: Flowable, end: int) -> Flowable:
    """The flowable whose space counts at one end of a group kept together."""
    while isinstance(flowable, KeepTogether):
        flowable = flowable._content[end]
    return flowable


def build_blocks(blocks: Sequence[Model], ctx: Context) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks:
        flowables = BUILDERS[type(block)](block, ctx)
        if getattr(block, "place", "flow") == "bottom":
            flowables = [FootAnchor(flowables)]
        story += flowables
    return story


@builds(c.Heading)
def heading(block: c.Heading, ctx: Context) -> list[Flowable]:
    return [ctx.heading(block.text, block.level, f"h{block.level}")]


@builds(c.Paragraph)
def paragraph(block: c.Paragraph, ctx: Context) -> list[Flowable]:
    return [ctx.para(block.text, block.style)]


@builds(c.Bullets)
def bullets(block: c.Bullets, ctx: Context) -> list[Flowable]:
    body = ctx.styles.body
    items: list[Flowable] = []
    with ctx.inside(ctx.element("L", attributes={"List": {"ListNumbering": "Disc"}})) as bulleted:
        for text in block.items:
            with ctx.inside(bulleted.add("LI").add("LBody")):
                items.append(BulletItem(ctx.para(text), body.fontSize * 1.4, ctx.palette["primary"]))
    for item in items:
        item.spaceBefore, item.spaceAfter = 0, body.fontSize * 0.2
    return spaced(items, after=body.spaceAfter)


@builds(c.Quote)
def quote(block: c.Quote, ctx: Context) -> list[Flowable]:
    with ctx.inside(ctx.element("BlockQuote")):
        cell: list[Flowable] = [ctx.para(block.text, "quote")]
        if block.attribution:
            cell.append(ctx.para(block.attribution, "attribution"))
    table = _table([[cell]], ctx, [
        ("LINEBEFORE", (0, 0), (0, 0), 3, ctx.palette["accent"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ], ["100%"])
    return spaced([table], before=4, after=14)


@builds(c.Stats)
def stats(block: c.Stats, ctx: Context) -> list[Flowable]:
    values = [plain_text(ctx.markup(s.value)) for s in block.items]
    across, value_style = _stat_shape(ctx.styles.stat_value, values, ctx)
    cells = []
    for stat in block.items:
        with ctx.inside(ctx.element("Div")):
            cells.append([ctx.para(stat.value, style=value_style), ctx.para(stat.label, "stat_label"),
                          ctx.para(stat.source, "source")])
    table = _gapped_grid(cells, ctx, [
        ("LINEABOVE", (0, 0), (-1, 0), 2.5, ctx.palette["accent"]),
        ("TOPPADDING", (0, 0), (-1, -1), 10),
    ], MIN_STAT, across)
    return spaced([KeepTogether([table])], before=6, after=16)


@builds(c.Cards)
def cards(block: c.Cards, ctx: Context) -> list[Flowable]:
    cells = [_card(card, ctx) for card in block.items]
    table = _gapped_grid(cells, ctx, [
        ("BACKGROUND", (0, 0), (-1, -1), ctx.palette["tint"]),
        ("LINEABOVE", (0, 0), (-1, 0), 3, ctx.palette["primary"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 14),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 16),
    ], MIN_CARD)
    return spaced([table], before=4, after=18)


def _card(card: c.Card, ctx: Context) -> list[Flowable]:
    cell: list[Flowable] = []
    if card.icon:  # decoration: the card's title says what it stands for
        cell += [_image(card.icon, 0.0, ctx, alt=None, height=40), Spacer(1, 12)]
    with ctx.inside(ctx.element("Div")):
        return [*cell, ctx.para(card.title, "card_title"), ctx.para(card.text, "card_text")]


STAT_MIN_SCALE, STAT_LEAST_SCALE = 0.6, 0.4
"""A stat's figure is set at least the first share of the brand's size before the row gives it
more room; a figure too wide even alone in the row is set down to the second, then broken."""


def _stat_shape(style: ParagraphStyle, values: list[str], ctx: Context) -> tuple[int, ParagraphStyle]:
    """How many stats go side by side, and one size for their figures: the brand's size, shrunk
    until the widest figure fits its cell on one line; when it would be under 60 % of the
    brand's size, fewer stats to a row (a figure is not broken: "€1,234,567,8-90")."""
    widest = max(stringWidth(value, style.fontName, style.fontSize) for value in values)
    across, width = _grid_shape(len(values), ctx, MIN_STAT)
    while across > 1 and width * 0.96 / widest < STAT_MIN_SCALE:
        across, width = _grid_shape(len(values), ctx, MIN_STAT, most=across - 1)
    scale = max(STAT_LEAST_SCALE, min(1.0, width * 0.96 / widest))
    size = style.fontSize * scale
    return across, ParagraphStyle(f"{style.name}-fitted", parent=style, fontSize=size, leading=size * 1.05)


ROW_GUTTER = 0.75
"""Cells of a stats or cards row sit closer than columns of text: a share of the gutter."""
MIN_STAT, MIN_CARD = 30 * mm, 40 * mm
"""The narrowest a stat or a card gets: in a narrow column, the rest go to a row below."""


def _grid_shape(count: int, ctx: Context, least: float, most: int | None = None) -> tuple[int, float]:
    """How many cells go side by side in the width being built for (as many as fit, ``most`` at
    most, spread evenly over the rows they need: 4 in two rows are 2 and 2, not 3 and 1), and
    their width."""
    gutter = ctx.geometry.gutter * ROW_GUTTER
    fit = max(1, min(count, most or count, int((ctx.width + gutter) // (least + gutter))))
    rows = -(-count // fit)
    across = -(-count // rows)
    return across, (ctx.width - gutter * (across - 1)) / across


def _gapped_grid(cells: list[list[Flowable]], ctx: Context, styles: list[tuple[Any, ...]],
                 least: float, most: int | None = None) -> Table:
    """Equal cells in rows, gutters between them (gutters take no style), as many to a row
    as fit cells of at least ``least``; ``styles`` apply to each cell as if it were (0, 0)."""
    gutter = ctx.geometry.gutter * ROW_GUTTER
    across, width = _grid_shape(len(cells), ctx, least, most)
    rows: list[list[Any]] = []
    heights: list[float | None] = []
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    for start in range(0, len(cells), across):
        if rows:
            rows.append([""] * (2 * across - 1))
            heights.append(gutter)
        chunk = cells[start:start + across]
        row: list[Any] = []
        for i in range(across):
            row += ([""] if i else []) + [chunk[i] if i < len(chunk) else ""]
            if i < len(chunk):
                cell = (2 * i, len(rows))
                commands += [(name, cell, cell, *rest) for name, _a, _b, *rest in styles]
        rows.append(row)
        heights.append(None)
    widths = [width if i % 2 == 0 else gutter for i in range(2 * across - 1)]
    table = _table(rows, ctx, commands, widths)
    table._argH = heights
    return table


@builds(c.Chart)
def chart(block: c.Chart, ctx: Context) -> list[Flowable]:
    height = chart_height(block, ctx.geometry)
    spec = chart_spec(block, ctx.meta.language)

    def make(width: float):  # type: ignore[no-untyped-def]
        return recolour(render_chart(spec, ctx.chart_style, width, height), ctx.palette)

    element = ctx.element("Figure", alt=block.alt)
    with ctx.inside(element):
        title = ctx.para(block.title, "caption", role="Caption")
    figure = Figure(make, ctx.fonts.regular, element)
    source = ctx.para(block.source, "source")
    return spaced([KeepTogether([title, Spacer(1, 4), figure, Spacer(1, 4), source])], after=14)


def chart_spec(block: c.Chart, language: str) -> ChartSpec:
    """What the chart draws, inline data or from its CSV file, numbers in ``language``."""
    axis_label = block.axis_label or (rank_axis_title(language) if block.chart == "rank" else None)
    return ChartSpec(
        block.chart, tuple(Point(p.label, p.value, p.note) for p in block.points), block.highlight,
        block.value_format, categories=tuple(block.labels),
        series=tuple(Series(s.name, tuple(s.values)) for s in block.all_series),
        stacking=block.stacking, axis_label=axis_label, language=language,
    )


def chart_height(block: c.Chart, geometry: Geometry) -> float:
    return float(min(block.height * mm, geometry.text_height * 0.8))  # a chart never outgrows a page


@builds(c.Table)
def table(block: c.Table, ctx: Context) -> list[Flowable]:
    return spaced([table_flowable(block, ctx)], before=4, after=14)


CAPTION_ALIGNMENT = {"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT}


@builds(c.Image)
def image(block: c.Image, ctx: Context) -> list[Flowable]:
    picture = FITS["cover" if block.bleed else block.fit](block, ctx)
    below = _caption_and_credit(block, picture.tag, ctx)
    before = 8 if block.bleed else 0  # a picture across the page needs room from the text above it
    if not below:
        return spaced([picture], before=before, after=10)
    below[0].spaceBefore = 8
    return spaced([KeepTogether([picture, *below])], before=before, after=10)


def _caption_and_credit(block: c.Image, figure: Element | None, ctx: Context) -> list[Flowable]:
    """The caption, then the credit on a line of its own: together the Figure's Caption (or
    paragraphs, for a decorative image)."""
    texts = [text for text in (block.caption, block.credit) if text]
    if not texts:
        return []
    style = ParagraphStyle(f"caption-{block.align}", parent=ctx.styles.source,
                           alignment=CAPTION_ALIGNMENT["left" if block.bleed else block.align])
    caption = figure.add("Caption") if figure is not None else None
    lines: list[Flowable] = []
    for text in texts:
        line = Paragraph(ctx.markup(text), style)
        line.tag = caption or ctx.element("P")
        lines.append(line)
    return lines


def _fitted_to_width(block: c.Image, ctx: Context) -> Flowable:
    return _image(block.path, block.width, ctx, alt=None if block.decorative else block.alt, align=block.align)


def _cropped(block: c.Image, ctx: Context) -> Flowable:
    element = None if block.decorative else ctx.element("Figure", alt=block.alt)
    shape = Shape(block.height * mm if block.height else None, block.aspect)
    focus = block.focus or MIDDLE
    max_height = ctx.geometry.text_height * 0.9
    if block.bleed:
        return BleedImage(block.path, ctx, element, shape, focus, max_height)
    return CroppedImage(block.path, ctx.prepare_raster, element, shape, focus, block.width, block.align, max_height)


def _contained(block: c.Image, ctx: Context) -> Flowable:
    inner = _fitted_to_width(block, ctx)
    assert isinstance(inner, (Figure, RasterImage))
    shape = Shape(block.height * mm if block.height else None, block.aspect)
    return Letterbox(inner, shape, ctx.palette["tint"], block.width, block.align, ctx.geometry.text_height * 0.9)


FITS: dict[str, Callable[[c.Image, Context], Flowable]] = {
    "width": _fitted_to_width, "cover": _cropped, "contain": _contained}
"""How an image fills its place: ``fit`` (a full-bleed image is cropped to cover its box)."""


def _image(path: Any, fraction: float, ctx: Context, *, alt: str | None, height: float | None = None,
           align: str = "left") -> Figure | RasterImage:
    """A picture: a Figure element with ``alt`` for what it shows, or decoration (None)."""
    from ..resources.images import svg_drawing

    element = ctx.element("Figure", alt=alt) if alt is not None else None
    max_height = ctx.geometry.text_height * 0.9  # with a caption, a picture still fits a page
    if path.suffix.lower() == ".svg":
        def make(width: float):  # type: ignore[no-untyped-def]
            drawing = svg_drawing(path, width=width if height is None else None, height=height)
            return recolour(drawing, ctx.palette)

        return Figure(make, ctx.fonts.regular, element, fraction=fraction or 1.0, align=align,
                      max_height=max_height)
    return RasterImage(path, ctx.prepare_raster, element, fraction or 1.0, max_height=max_height, align=align)


@builds(c.Callout)
def callout(block: c.Callout, ctx: Context) -> list[Flowable]:
    cell: list[Flowable] = []
    with ctx.inside(ctx.element("Div")):
        if block.title:
            cell.append(ctx.para(block.title, "callout_title"))
        cell.append(ctx.para(block.text, "card_text"))
    table = _table([[cell]], ctx, [
        ("BACKGROUND", (0, 0), (-1, -1), ctx.palette["tint"]),
        ("LINEBEFORE", (0, 0), (0, 0), 3, ctx.palette["primary"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 12), ("BOTTOMPADDING", (0, 0), (-1, -1), 13),
    ], ["100%"])
    return spaced([KeepTogether([table])], before=4, after=14)


@builds(c.Timeline)
def timeline(block: c.Timeline, ctx: Context) -> list[Flowable]:
    dates = [plain_text(ctx.markup(m.when)) for m in block.items]  # measured as set
    entries: list[Flowable] = []
    with ctx.inside(ctx.element("L")) as listed:
        for i, m in enumerate(block.items):
            item = listed.add("LI")
            date = item.add("Lbl")
            with ctx.inside(item.add("LBody")):
                text = ctx.para(m.text, "lead")
            rule = ctx.palette["rule"] if i < len(block.items) - 1 else None
            entries.append(TimelineEntry(ctx.markup(m.when), date, text, ctx.styles.when, dates, rule))
    return spaced(entries, after=14)


@builds(c.Sources)
def sources(block: c.Sources, ctx: Context) -> list[Flowable]:
    given = "title" in block.model_fields_set  # else the word in the brochure's language
    title = ctx.heading(block.title if given else sources_title(ctx.meta.language), 3, "h3")
    story: list[Flowable] = spaced([title], before=12 + ctx.styles.h3.spaceBefore)
    for note in sorted(block.items, key=lambda n: ctx.notes[n.id]):  # numbered by number_notes
        text = f'<a name="note-{note.id}"/>{ctx.notes[note.id]}. {ctx.markup(note.text)}'
        with ctx.inside(ctx.element("Note", element_id=f"note-{note.id}")):
            story.append(ctx.para(text, "source", markup=False))
    return story


@builds(c.PageBreak)
def page_break(block: c.PageBreak, ctx: Context) -> list[Flowable]:
    return [PageTurn(block.unless_space * mm if block.unless_space is not None else None)]


@builds(c.ColumnBreak)
def column_break(block: c.ColumnBreak, ctx: Context) -> list[Flowable]:
    return [ColumnBreak()]


@builds(c.Columns)
def columns(block: c.Columns, ctx: Context) -> list[Flowable]:
    """Columns side by side; with more column breaks than columns, a new row of columns
    starts below after each ``count``-th one."""
    with ctx.narrower(column_width(ctx.width, block.count, ctx.geometry.gutter)):
        inner = build_blocks(block.blocks, ctx)
    body = ctx.styles.body
    groups: list[list[Flowable]] = [[]]
    breaks = 0
    for flowable in inner:
        if ends_column(flowable):
            breaks += 1
            if breaks % block.count == 0:
                groups.append([])
                continue
        groups[-1].append(flowable)
    flows: list[Flowable] = [Columns(group, block.count, ctx.geometry.gutter, body.leading)
                             for group in groups if group]
    for flow in flows:
        flow.spaceAfter = body.fontSize
    return flows


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
