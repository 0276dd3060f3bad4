"""Turn a validated document into a laid-out PDF (bytes)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer
from reportlab.platypus.doctemplate import LayoutError as ReportLabLayoutError

from ..charts.ahead import ChartJob
from ..charts.render import ChartStyle, chart_key
from ..errors import ContentError, Problem
from ..resources.fonts import FontNames, font_names, register_fonts
from ..resources.hyphenation import preload
from ..resources.palette import Palette, make_palette, readable_on
from ..resources.wording import NOTE_LINK, words
from ..source.content import Chart, Section
from ..source.content import Columns as ColumnsBlock
from ..source.loading import Document
from ..source.photos import Box, Photo
from ..source.schema import Model
from ..source.series import series_inputs
from ..source.theme import Brand
from .anchors import FootAnchor, PageTurn, SectionEnd
from .blocks import build_blocks, chart_height, chart_spec, number_notes
from .columns import column_width
from .context import Context
from .covers import draw_back_cover, draw_cover
from .flowables import BandPhoto, LayoutTooBig, SectionOpener
from .geometry import Geometry, make_geometry
from .pages import BrochureDocument
from .paragraph import Paragraph
from .photos import credit_paragraph, paint_photo, wash_of
from .problems import BlockLayoutError
from .profiles import SCREEN, Profile
from .styles import hyphenation_language, make_styles
from .tagging import Element, TaggingCanvas, Tree


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    images: dict[str, list[Path]] = field(default_factory=dict)
    """The asset file of each embedded raster image, by ``context.image_key``."""
    tree: Tree | None = None
    """The logical structure, for the PDF's structure tree."""


def make_context(document: Document, profile: Profile, geometry: Geometry) -> Context:
    brand = document.brand
    fonts = register_fonts(brand.fonts)
    palette = make_palette(brand, profile.colour)
    language = document.brochure.meta.language
    preload(hyphenation_language(language))
    styles = make_styles(brand.type_scale, fonts, palette, language)
    return Context(brand, document.brochure.meta, palette, fonts, styles, geometry,
                   chart_style(brand, palette, fonts), profile, document.screen)


def chart_style(brand: Brand, palette: Palette, fonts: FontNames) -> ChartStyle:
    return ChartStyle(
        family=brand.fonts.family, regular=brand.fonts.regular, bold=brand.fonts.bold,
        italic=brand.fonts.path("italic"), bold_italic=brand.fonts.path("bold_italic"),
        regular_name=fonts.regular, bold_name=fonts.bold, italic_name=fonts.italic,
        bold_italic_name=fonts.bold_italic,
        primary=palette.hex_of("primary"), ink=palette.hex_of("ink"), muted=palette.hex_of("muted"),
        neutral=palette.hex_of("rule"), rule=palette.hex_of("rule"), paper=palette.hex_of("paper"),
        tint=palette.hex_of("tint"), series_inputs=series_inputs(brand),
    )


def chart_jobs(document: Document, profile: Profile) -> list[ChartJob]:
    """The charts ``document`` will draw, at the sizes the layout will ask for them."""
    brand = document.brand
    geometry = make_geometry(brand.page, bleed=profile.bleed, slug=profile.slug)
    style = chart_style(brand, make_palette(brand, profile.colour), font_names(brand.fonts))
    jobs: list[ChartJob] = []

    def visit(blocks: Sequence[Model], width: float) -> None:
        for block in blocks:
            if isinstance(block, Chart):
                spec, height = chart_spec(block, document.brochure.meta.language), chart_height(block, geometry)
                jobs.append(ChartJob(chart_key(spec, style, width, height), spec, style, width, height))
            elif isinstance(block, ColumnsBlock):
                visit(block.blocks, column_width(width, block.count, geometry.gutter))

    for section in document.brochure.sections:
        visit(section.blocks, geometry.text_width)
    return jobs


def render(document: Document, profile: Profile = SCREEN) -> Rendered:
    """Lay out the brochure into PDF bytes: as many pages as the content takes (booklets pad
    to a multiple of 4 when they are imposed, and say so)."""
    rl_config.useA85 = 0  # ASCII85 makes every image and font a quarter larger, for nothing
    geometry = make_geometry(document.brand.page, bleed=profile.bleed, slug=profile.slug)
    ctx = make_context(document, profile, geometry)
    brochure = document.brochure
    buffer = io.BytesIO()
    cover, back = ctx.element("Sect"), Element("Sect")  # filled as they are drawn
    doc = BrochureDocument(
        buffer, ctx,
        cover=lambda canvas, c: draw_cover(canvas, c, brochure.cover, cover),
        back=lambda canvas, c: draw_back_cover(canvas, c, brochure.back_cover, back),
    )
    number_notes(brochure, ctx.notes)
    story: list[Flowable] = [Spacer(1, 1), PageBreak()]  # the cover page holds no flowing content
    for index, section in enumerate(brochure.sections):
        with ctx.inside(ctx.element("Sect")):
            story += _section(section, index, ctx)
    ctx.tree.root.kids.append(back)
    story = _without_idle_breaks([*story, NextPageTemplate("back"), PageBreak(), Spacer(1, 1)])
    try:
        doc.build(story, canvasmaker=partial(TaggingCanvas, note_link=words(NOTE_LINK, ctx.meta.language)))
        doc.anchors.all_placed()
    except ReportLabLayoutError as exc:
        raise _layout_problem(document, doc, exc) from None
    warnings = [f"page {page} holds only blocks set at its foot (place: bottom): the section before "
                "it runs a little long; shorten it, or let the block flow" for page in doc.anchors.lonely_pages]
    warnings += _short_last_pages(doc)
    return Rendered(buffer.getvalue(), doc.page, warnings, images=ctx.images, tree=ctx.tree)


SHORT_PAGE = 0.25
"""A section's last page holding less than this share of a page is worth a warning."""


def _short_last_pages(doc: BrochureDocument) -> list[str]:
    """A section that spills a few lines onto a page of its own: the author can cut them."""
    warnings = []
    fills = doc.page_fill
    for previous, fill, following in zip([None, *fills], fills, [*fills[1:], None]):
        last_of_section = following is None or following.section != fill.section
        if (last_of_section and previous is not None and previous.section == fill.section
                and 0 < fill.used < SHORT_PAGE * doc.ctx.geometry.text_height):
            cut = max(1.0, (fill.used - previous.free) / mm)
            warnings.append(f"page {fill.page} holds only the last {fill.used / mm:.0f} mm of a section: about "
                            f"{cut:.0f} mm less text or pictures in it would keep it on page {previous.page}")
    return warnings


def _without_idle_breaks(story: list[Flowable]) -> list[Flowable]:
    """The story without page breaks that another break follows (a page break at the end of a
    section that is followed by a new page, say): each would leave a page empty."""
    kept: list[Flowable] = []
    next_is_break = False
    for flowable in reversed(story):
        breaks = isinstance(flowable, (PageBreak, NextPageTemplate, PageTurn))
        if isinstance(flowable, PageTurn) and next_is_break:
            continue
        if breaks:
            next_is_break = True
        elif not isinstance(flowable, SectionEnd):
            next_is_break = False
        kept.append(flowable)
    return kept[::-1]


def _layout_problem(document: Document, doc: BrochureDocument, exc: Exception) -> ContentError:
    """Name the block that could not be placed, with its line, in the user's terms."""
    named = BlockLayoutError.cause_in(exc)
    if named is not None:  # a block that names itself (also inside columns), and the row
        return ContentError([named.problem(document.brochure, document.source)])
    g = doc.ctx.geometry
    origin = doc.current_origin
    path, kind = origin if origin else ((), "")
    too_big = LayoutTooBig.first_in(exc)
    if too_big is not None:
        message, path = str(too_big), too_big.where or path
    else:
        height = getattr(doc.current, "height", 0) or 0
        size = f" ({height / mm:.0f} mm tall)" if 0 < height < 1e5 else ""
        what = f"this {kind} block" if kind else "a block"
        message = (f"{what} does not fit on a page{size}; a page holds {g.text_width / mm:.0f} x "
                   f"{g.text_height / mm:.0f} mm of content: shorten it or split it into several blocks")
    return ContentError([Problem(document.source.locate(path), message)])


def _section(section: Section, section_index: int, ctx: Context) -> list[Flowable]:
    story: list[Flowable] = []
    if section.new_page or section_index == 0:
        story += [PageTurn()] if section_index else []
        opener = _opener(section, ctx)
        opener.brochure_origin = (("sections", section_index, "title"), "section title")
        story.append(opener)
    else:
        if section.kicker:
            kicker = ctx.para(ctx.markup(section.kicker, upper=True), markup=False,
                              style=_recolour(ctx.styles.kicker, ctx.palette["primary"]))
            kicker.keepWithNext = 1
            story.append(kicker)
        story.append(ctx.heading(section.title, 1, style=ctx.styles.h2))
    for index, block in enumerate(section.blocks):
        flowables = build_blocks([block], ctx)
        for flowable in flowables:
            flowable.brochure_origin = (("sections", section_index, "blocks", index), block.kind)
        story += flowables
    return [*_anchors_before_headings(story), SectionEnd()]


def _anchors_before_headings(story: list[Flowable]) -> list[Flowable]:
    """A block set at the foot takes no room where it stands: one that follows a heading goes
    before it, so that the heading is kept with the text after the block (not with the block,
    which left it alone at the foot of a page)."""
    for position, flowable in enumerate(story):
        at = position
        while (isinstance(flowable, FootAnchor) and at and isinstance(story[at - 1], Paragraph)
               and story[at - 1].getKeepWithNext()):
            story[at - 1], story[at] = flowable, story[at - 1]
            at -= 1
    return story


def _opener(section: Section, ctx: Context) -> SectionOpener:
    band = section.colour or "primary"  # a colour name or a role; the palette resolves both
    if section.image is not None:
        band = section.image.overlay.colour or band  # the text reads on the colour washed over the photo
    colour, text = ctx.palette[band], ctx.palette[readable_on(ctx.palette, band)]
    # a Paragraph takes its colours when it is made, so the style is made for the band first
    kicker = None
    if section.kicker:
        kicker = ctx.para(ctx.markup(section.kicker, upper=True, ground=band),
                          style=_recolour(ctx.styles.kicker, text), markup=False)
    title = ctx.heading(section.title, 1, style=_recolour(ctx.styles.h1, text), ground=band)
    photo = _band_photo(section.image, band, text, ctx) if section.image is not None else None
    return SectionOpener(kicker, title, colour, ctx.geometry, space_below=24, photo=photo)


def _band_photo(photo: Photo, band: str, text: Any, ctx: Context) -> BandPhoto:
    """The opener's photo, read after its title (a Figure, or decoration), and its credit."""
    figure = None if photo.decorative else ctx.element("Figure", alt=photo.alt)
    wash = wash_of(ctx, photo.overlay, band)

    def paint(canvas: Canvas, box: Box, at: tuple[float, float]) -> None:
        paint_photo(canvas, ctx, photo.path, box, photo.focus, figure, at=at, wash=wash)

    credit = None
    if photo.credit:
        credit = credit_paragraph(ctx, photo.credit, text, figure.add("Caption") if figure else ctx.element("P"))
    return BandPhoto(paint, ctx.brand.page.bleed * mm, credit)


def _recolour(style: ParagraphStyle, colour: Any) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-on", parent=style, textColor=colour)
