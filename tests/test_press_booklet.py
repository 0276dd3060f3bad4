"""The press booklet, for A4, A5 and Letter brochures: imposed from the print file, each spread
with its bleed on the outside edges, crop and fold marks outside the bleed, on a press sheet."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from brochure_builder.builder import build_all
from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus
from brochure_builder.pdf.imposition import press_sheet

MM = 72 / 25.4
LEAFLET = """
meta:
  title: A leaflet
  author: Tests
brand: brand.yaml
cover:
  title: Leaflet
  subtitle: Four pages
sections:
  - title: Inside
    blocks:
      - kind: paragraph
        text: Body text in black, which overprints on the press.
back_cover:
  heading: The end
"""
SIZES = {"A4": ("SRA3", (450, 320), (210, 297)), "A5": ("SRA4", (320, 225), (148, 210)),
         "Letter": ("12 x 18 in", (457.2, 304.8), (215.9, 279.4))}


@pytest.fixture(params=list(SIZES))
def booklet(request: pytest.FixtureRequest, write_brochure, project: Path, tmp_path: Path) -> tuple[str, Path, Path]:  # type: ignore[no-untyped-def]
    size = request.param
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace("  size: A4", f"  size: {size}"))
    results = build_all(write_brochure(LEAFLET), tmp_path / "leaflet.pdf", profiles=("print",),
                        impositions=("booklet",))
    return size, results[0].path, results[1].path


def mm_box(values: pikepdf.Array) -> list[float]:
    return [round(float(v) / MM, 1) for v in values]


def test_the_sheet_holds_the_spread_its_bleed_and_marks(booklet: tuple[str, Path, Path]) -> None:
    size, _print, imposed = booklet
    name, (sheet_w, sheet_h), (page_w, page_h) = SIZES[size]
    assert press_sheet((2 * page_w * MM, page_h * MM), 3 * MM).name == name
    with pikepdf.open(imposed) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            media, trim, bleed = (mm_box(page.obj[k]) for k in ("/MediaBox", "/TrimBox", "/BleedBox"))
            assert media == [0, 0, sheet_w, sheet_h]
            assert round(trim[2] - trim[0], 1) == round(2 * page_w, 1) and round(trim[3] - trim[1], 1) == page_h
            assert bleed == pytest.approx([trim[0] - 3, trim[1] - 3, trim[2] + 3, trim[3] + 3], abs=0.1)


def sheet_lines(page: pikepdf.Page) -> list[tuple[str, float, tuple[float, ...], bool]]:
    """(colour space, line width, (x0, y0, x1, y1), dashed) of each line the sheet draws itself
    (the pages' own crop marks inside their forms are clipped away by the forms' BBox)."""
    space, width, dashed, start, lines = "", 1.0, False, (0.0, 0.0), []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "CS":
            space = str(operands[0])
        elif op == "w":
            width = float(operands[0])
        elif op == "d":
            dashed = len(operands[0]) > 0
        elif op == "m":
            start = (float(operands[0]), float(operands[1]))
        elif op == "l":
            lines.append((space, width, (*start, float(operands[0]), float(operands[1])), dashed))
    return lines


def test_marks_sit_outside_the_bleed_in_registration_colour(booklet: tuple[str, Path, Path]) -> None:
    _size, _print, imposed = booklet
    with pikepdf.open(imposed) as pdf:
        page = pdf.pages[0]
        bleed = [float(v) for v in page.obj.BleedBox]
        trim = [float(v) for v in page.obj.TrimBox]
        marks = sheet_lines(page)
        registration = page.Resources.ColorSpace.Registration
        assert registration[0] == "/Separation" and registration[1] == "/All"
    folds = [m for m in marks if m[3]]
    assert len(marks) == 10 and len(folds) == 2  # 2 at each corner, a fold mark above and below the spine
    for space, width, (x0, y0, x1, y1), _dashed in marks:
        assert space == "/Registration" and width == 0.25
        assert max(x0, x1) <= bleed[0] or min(x0, x1) >= bleed[2] or max(y0, y1) <= bleed[1] or min(y0, y1) >= bleed[3]
    spine = (trim[0] + trim[2]) / 2
    assert all(abs(x0 - spine) < 0.01 and abs(x1 - spine) < 0.01 for _s, _w, (x0, _y0, x1, _y1), _d in folds)
    verticals = {round(x0, 2) for _s, _w, (x0, _y0, x1, _y1), d in marks if x0 == x1 and not d}
    assert verticals == {round(trim[0], 2), round(trim[2], 2)}


def test_bleed_on_the_outside_edges_and_none_at_the_spine(booklet: tuple[str, Path, Path]) -> None:
    """The cover spread (back cover | cover) is green into the bleed on every outer edge,
    continuous across the spine, and white outside the bleed."""
    _size, _print, imposed = booklet
    with pikepdf.open(imposed) as pdf:
        trim = [float(v) for v in pdf.pages[0].obj.TrimBox]
        height = float(pdf.pages[0].mediabox[3])
    image = pdfium.PdfDocument(imposed)[0].render(scale=2).to_pil().convert("RGB")

    def at(x: float, y: float) -> tuple[int, int, int]:
        return image.getpixel((int(x * 2), int((height - y) * 2)))  # type: ignore[return-value]

    def green(pixel: tuple[int, int, int]) -> bool:
        return pixel[1] > pixel[0] + 40 and pixel[1] > pixel[2]

    middle_y = (trim[1] + trim[3]) / 2
    spine = (trim[0] + trim[2]) / 2
    assert green(at(trim[0] - 1.5 * MM, middle_y)) and green(at(spine + 30 * MM, trim[3] + 1.5 * MM))
    assert green(at(trim[0] + 30 * MM, trim[1] - 1.5 * MM)) and green(at(trim[2] + 1.5 * MM, middle_y))
    assert green(at(spine - 0.5, middle_y + 30 * MM)) and green(at(spine + 0.5, middle_y + 30 * MM))
    assert at(trim[0] - 4 * MM, middle_y) == (255, 255, 255)


def test_the_booklet_passes_preflight_for_the_press(booklet: tuple[str, Path, Path],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _size, _print, imposed = booklet
    assert main(["check", "--strict", str(imposed)]) == ExitStatus.SUCCESS, capsys.readouterr().out
