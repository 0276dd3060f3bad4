"""Draw a chart with matplotlib's Figure API and bring it back as a vector Drawing."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..source.series import SeriesInputs, series_palette
from .kinds import CHART_DRAWERS
from .room import make_room, tidy
from .spec import ChartSpec
from .text import MIN_SIZE, Measure

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

POINTS_PER_INCH = 72.0
SIZE_DIGITS = 2
"""Chart sizes are rounded to 1/100 pt: the screen and print layouts differ in the last bits."""
NARROW = 180.0
"""Charts narrower than this many points (half an A5 page's text, a third of an A4's) set
their text a size smaller."""


@dataclass(frozen=True)
class ChartStyle:
    """What a chart needs of the brand: colours as hex, the font family and its files."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    regular_name: str
    bold_name: str
    italic_name: str
    bold_italic_name: str
    primary: str
    ink: str
    muted: str
    neutral: str
    rule: str
    paper: str
    tint: str
    series_inputs: SeriesInputs | None = None
    """What decides the series colours (chosen when a chart with series is drawn)."""
    normal: float = 8.5
    small: float = 7.5
    big: float = 15

    @property
    def series(self) -> tuple[str, ...]:
        """The series colours, in order (see source/series.py)."""
        if self.series_inputs is None:
            return (self.primary, self.muted)
        return tuple(colour.rgb for colour in series_palette(self.series_inputs).colours)

    @property
    def face_family(self) -> str:
        """The name matplotlib and svglib know the brand faces by: one of our own per set of
        face files, so no lookup can miss and no two brands can collide."""
        import hashlib

        from ..cache import digest_of

        faces = "".join(digest_of(path) for path, *_ in _faces(self))
        return "brochure-" + hashlib.sha256(faces.encode()).hexdigest()[:16]


def sized_for(style: ChartStyle, width: float) -> ChartStyle:
    """The style with its type a size smaller in a chart narrower than ``NARROW`` points."""
    from dataclasses import replace

    if width >= NARROW:
        return style
    return replace(style, normal=max(MIN_SIZE, style.normal - 1), small=max(MIN_SIZE, style.small - 0.5),
                   big=style.big * 0.8)


def chart_key(chart: ChartSpec, style: ChartStyle, width: float, height: float) -> str:
    """The cache key of a chart drawing: its spec, style, size, fonts and the library versions."""
    from ..cache import cache_key, digest_of

    spec = chart.plain()
    size = [round(width, SIZE_DIGITS), round(height, SIZE_DIGITS)]
    return cache_key({"chart": spec, "style": vars(style), "size": size, "code": drawing_code(),
                      "fonts": [digest_of(style.regular), digest_of(style.bold)]})


@lru_cache(maxsize=1)
def drawing_code() -> str:
    """A digest of the code that draws charts: a drawing cached by an earlier version of a
    drawer is never taken for this one's (the package's version number changes too rarely)."""
    import hashlib

    folder = Path(__file__).parent
    digest = hashlib.sha256()
    for source in sorted([*folder.glob("*.py"), *folder.glob("kinds/*.py")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def render_chart(chart: ChartSpec, style: ChartStyle, width: float, height: float) -> Drawing:
    """The chart as a ReportLab Drawing of ``width`` x ``height`` points (cached, shared and
    read-only; perhaps drawn ahead by the chart worker)."""
    from reportlab.graphics.shapes import Drawing

    from ..cache import shared
    from .ahead import collect

    key = chart_key(chart, style, width, height)
    drawn_ahead = collect(key)
    make = lambda: svg_to_drawing(drawn_ahead or chart_svg(chart, style, width, height), style)  # noqa: E731
    return shared(key, make, Drawing)


def chart_svg(chart: ChartSpec, style: ChartStyle, width: float, height: float) -> bytes:
    """The chart drawn by matplotlib, as SVG text (the chart worker's part: no ReportLab)."""
    from matplotlib.figure import Figure

    width, height = round(width, SIZE_DIGITS), round(height, SIZE_DIGITS)
    _teach_matplotlib(style)
    style = sized_for(style, width)
    with _rc(style):
        figure = Figure(figsize=(width / POINTS_PER_INCH, height / POINTS_PER_INCH))
        ax = figure.add_subplot()
        _style_axes(ax, style)
        finish = CHART_DRAWERS[chart.kind](ax, chart, style)
        with warnings.catch_warnings():  # a cramped chart still draws; the page shows it
            warnings.simplefilter("ignore", UserWarning)
            figure.tight_layout(pad=0.4)
            fonts = Measure(style.regular, style.bold)
            make_room(figure, fonts)
            if finish is not None:  # what needs the final layout: labels nudged apart
                finish()
            tidy(figure, fonts)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    return buffer.getvalue()


def svg_to_drawing(svg: bytes, style: ChartStyle) -> Drawing:
    """A chart's SVG as a simplified ReportLab Drawing, its text in the brand's faces."""
    from svglib.svglib import svg2rlg

    from ..resources.drawings import simplify

    _teach_svglib(style)
    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None:
        raise RuntimeError("svglib could not read the chart SVG")
    return simplify(drawing)


def _rc(style: ChartStyle):  # type: ignore[no-untyped-def]
    from matplotlib import rc_context

    return rc_context(
        {
            "font.family": style.face_family,
            "font.size": style.normal,
            "text.parse_math": False,  # chart text is text: "$5 or $7" is not mathematics
            "svg.fonttype": "none",
            "svg.hashsalt": "brochure-builder",
            "axes.edgecolor": style.rule,
            "axes.labelcolor": style.muted,
            "xtick.color": style.muted,
            "ytick.color": style.muted,
            "xtick.labelcolor": style.ink,
            "ytick.labelcolor": style.muted,
        }
    )


def _style_axes(ax, style: ChartStyle) -> None:  # type: ignore[no-untyped-def]
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_facecolor("none")
    ax.tick_params(length=0, pad=6)
    ax.set_axisbelow(True)


def _faces(style: ChartStyle) -> list[tuple[Path, str, str, str]]:
    """Each face: its file, ReportLab name, CSS weight and CSS style."""
    return [
        (style.regular, style.regular_name, "normal", "normal"),
        (style.bold, style.bold_name, "bold", "normal"),
        (style.italic, style.italic_name, "normal", "italic"),
        (style.bold_italic, style.bold_italic_name, "bold", "italic"),
    ]


@lru_cache(maxsize=8)
def _teach_matplotlib(style: ChartStyle) -> None:
    """matplotlib measures the brand faces under ``face_family``, each with its weight and
    style, whatever family name the font files give themselves: no lookup fails, none falls
    back to DejaVu, none logs "findfont: Font family ... not found"."""
    from dataclasses import replace

    from matplotlib import font_manager, ft2font

    manager = font_manager.fontManager
    for path, _name, weight, slant in _faces(style):
        entry = font_manager.ttfFontProperty(ft2font.FT2Font(str(path)))
        manager.ttflist.append(replace(entry, name=style.face_family, weight=700 if weight == "bold" else 400,
                                       style=slant, variant="normal", stretch="normal"))
    manager._findfont_cached.cache_clear()  # type: ignore[attr-defined]  # as addfont does


@lru_cache(maxsize=8)
def _teach_svglib(style: ChartStyle) -> None:
    """svglib maps the SVG's font-family and weight to the registered ReportLab faces (no
    chart text falls back to Helvetica)."""
    from svglib.fonts import register_font

    for path, name, weight, slant in _faces(style):
        for svg_weight in (weight, "700") if weight == "bold" else (weight, "400"):
            register_font(style.face_family, str(path), weight=svg_weight, style=slant, rlgFontName=name)
