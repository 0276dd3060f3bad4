"""Drawings are simplified before they are cached: the same picture, fewer nodes, no svglib."""

from __future__ import annotations

import pickle

import pypdfium2 as pdfium
from PIL import ImageChops
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Rect
from reportlab.graphics.shapes import Path as RLPath
from reportlab.lib import colors

from brochure_builder.resources.drawings import simplify
from brochure_builder.resources.images import _load_svg

from .conftest import ROOT

DOTS = ROOT / "assets" / "illustrations" / "travel-bubble.svg"


def _pixels(drawing: Drawing):  # type: ignore[no-untyped-def]
    page = pdfium.PdfDocument(renderPDF.drawToString(drawing))[0]
    return page.render(scale=2).to_pil().convert("RGB")


def _same_picture(a: Drawing, b: Drawing) -> bool:
    return ImageChops.difference(_pixels(a), _pixels(b)).convert("L").point(lambda v: v > 40).getbbox() is None


def _count(node: object) -> int:
    return 1 + sum(_count(c) for c in getattr(node, "contents", []))


def _sample() -> Drawing:
    drawing = Drawing(200, 100)
    plain = Group(*(Circle(20 + 15 * i, 50, 8, fillColor=colors.red, strokeColor=None) for i in range(5)))
    clipped = Group(RLPath(points=[0, 0, 100, 0, 100, 60, 0, 60], operators=[0, 1, 1, 1, 3]),
                    Rect(0, 0, 200, 100, fillColor=colors.blue, strokeColor=None))
    clipped.contents[0].isClipPath = 1
    drawing.add(Group(plain, clipped, Circle(150, 20, 9, fillColor=colors.green, strokeColor=colors.black)))
    return drawing


def test_simplifying_keeps_the_picture_and_drops_nodes() -> None:
    before, after = _sample(), simplify(_sample())
    assert _same_picture(before, after)
    assert _count(after) < _count(before)
    runs = [n for n in after.contents if isinstance(n, RLPath) and not getattr(n, "isClipPath", 0)]
    assert len(runs) == 1  # the five red circles, one path
    assert any(isinstance(n, Group) for n in after.contents)  # the clipped group is kept


def test_a_stroked_or_transparent_circle_is_not_merged() -> None:
    drawing = Drawing(100, 100)
    for x in (20, 40):
        drawing.add(Circle(x, 50, 15, fillColor=colors.red, fillOpacity=0.5, strokeColor=None))
    assert [type(n) for n in simplify(drawing).contents] == [Circle, Circle]


def test_a_cached_svg_drawing_needs_no_svglib() -> None:
    drawing = _load_svg(DOTS)
    assert b"svglib" not in pickle.dumps(drawing)
    from svglib.svglib import svg2rlg

    assert _same_picture(svg2rlg(str(DOTS)), drawing)


def test_drawings_of_one_svg_at_two_sizes_keep_their_own_size() -> None:
    from brochure_builder.resources.images import svg_drawing

    small, large = svg_drawing(DOTS, width=100), svg_drawing(DOTS, width=300)
    assert (small.width, large.width) == (100, 300)
    assert small.transform[0] * 3 == large.transform[0]  # neither was scaled again by the other
    assert small.contents is large.contents  # the shapes themselves are shared, read only
