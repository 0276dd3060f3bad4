"""Preflight catches each problem on small crafted PDFs, and passes a clean one."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus
from brochure_builder.pdf.findings import under
from brochure_builder.pdf.pdfx import make_pdfx
from brochure_builder.pdf.preflight import check
from brochure_builder.resources.colour import BUNDLED_CONDITION, BUNDLED_PROFILE, OutputIntent

from .conftest import ROOT

TRIM = (210 * mm, 297 * mm)
OFFSET = 10 * mm
FOGRA39 = OutputIntent(BUNDLED_PROFILE, "FOGRA39", BUNDLED_CONDITION, "http://www.color.org")


def make_pdf(draw: Callable[[Canvas], None], *, bleed: float = 3 * mm, boxes: bool = True,
             pdfx: bool = False) -> bytes:
    buffer = io.BytesIO()
    register_lato()
    canvas = Canvas(buffer, pagesize=(TRIM[0] + 2 * OFFSET, TRIM[1] + 2 * OFFSET), invariant=1,
                    initialFontName="PreflightLato")
    if boxes:
        trim = [OFFSET, OFFSET, OFFSET + TRIM[0], OFFSET + TRIM[1]]
        canvas.setTrimBox(trim)
        canvas.setBleedBox([trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed])
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return make_pdfx(buffer.getvalue(), FOGRA39) if pdfx else buffer.getvalue()


def register_lato() -> None:
    """An embeddable font, so that ReportLab's default Helvetica stays out of clean files."""
    if "PreflightLato" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PreflightLato", str(ROOT / "assets/fonts/lato/Lato-Regular.ttf")))


def lato(canvas: Canvas, size: float) -> None:
    canvas.setFont("PreflightLato", size)
    canvas.setFillColor(CMYKColor(0, 0, 0, 1))


def clean(canvas: Canvas) -> None:
    lato(canvas, 10)
    canvas.drawString(40 * mm, 100 * mm, "Clean CMYK text")


def messages(pdf: bytes) -> list[str]:
    return [str(f) for f in check(pdf).findings]


def test_a_clean_print_file_passes() -> None:
    report = check(make_pdf(clean, pdfx=True))
    assert report.findings == []
    assert report.conformance and all(rule.passed for rule in report.conformance)


def test_missing_boxes() -> None:
    found = messages(make_pdf(clean, boxes=False))
    assert "page 1: error: no TrimBox: the finished size is not set" in found
    assert "page 1: error: no BleedBox: the bleed is not set" in found


def test_too_little_bleed() -> None:
    assert messages(make_pdf(clean, bleed=1 * mm)) == ["page 1: error: bleed under 3 mm on at least one side"]


def test_font_not_embedded_and_rgb_colour() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.setFillColorRGB(1, 0, 0)
        canvas.drawString(40 * mm, 100 * mm, "Helvetica in red")

    found = messages(make_pdf(draw))
    assert "page 1: error: font /Helvetica is not embedded" in found
    assert "page 1: error: RGB colour (DeviceRGB) in text (10.0 pt) at 30,203 mm" in found


def test_ink_over_300_percent() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(CMYKColor(1, 1, 1, 0.5))
        canvas.rect(40 * mm, 40 * mm, 20 * mm, 20 * mm, stroke=0, fill=1)

    assert messages(make_pdf(draw)) == [
        "page 1: error: ink coverage 350% (C100 M100 Y100 K50) is over 300% under a filled path at 31,247 mm"]


def test_ink_is_summed_where_objects_overprint() -> None:
    """Each object is under 300%; where one overprints the other, the plates add up."""
    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(CMYKColor(0.9, 0.8, 0.7, 0))
        canvas.rect(40 * mm, 40 * mm, 40 * mm, 40 * mm, stroke=0, fill=1)
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(True)
        canvas.setFillColor(CMYKColor(0, 0, 0, 1))
        canvas.rect(60 * mm, 60 * mm, 40 * mm, 40 * mm, stroke=0, fill=1)

    found = messages(make_pdf(draw))
    assert len(found) == 1 and found[0].startswith("page 1: error: ink coverage 340% (C90 M80 Y70 K100)")


def test_knockout_does_not_add_up() -> None:
    """The same two objects without overprint: the top one replaces what is under it."""
    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(CMYKColor(0.9, 0.8, 0.7, 0))
        canvas.rect(40 * mm, 40 * mm, 40 * mm, 40 * mm, stroke=0, fill=1)
        canvas.setFillColor(CMYKColor(0, 0, 0, 1))
        canvas.rect(60 * mm, 60 * mm, 40 * mm, 40 * mm, stroke=0, fill=1)

    assert messages(make_pdf(draw)) == []


@pytest.mark.parametrize(
    ("pixels", "mode", "expected"),
    [
        (60, "CMYK", ["page 1: error: an image (60 x 60 px) has 30 ppi at its printed size (under 150; 600 x 600 px would print at 300) at 30,216 mm"]),
        (400, "CMYK", ["page 1: warning: an image (400 x 400 px) has 200 ppi at its printed size (under 300; 600 x 600 px would print at 300) at 30,216 mm"]),
        (800, "CMYK", []),
        (800, "RGB", ["page 1: error: RGB colour (DeviceRGB) in an image (800 x 800 px) at 30,216 mm"]),
    ],
)
def test_images_colour_and_resolution(pixels: int, mode: str, expected: list[str]) -> None:
    image = ImageReader(Image.new(mode, (pixels, pixels)))

    def draw(canvas: Canvas) -> None:
        canvas.drawImage(image, 40 * mm, 40 * mm, 2 * 72, 2 * 72)  # two inches square

    assert messages(make_pdf(draw)) == expected


def test_resolution_is_never_rounded_up_to_the_limit() -> None:
    """299 pixels over two inches is 149.5 ppi: under 150, and said so."""
    image = ImageReader(Image.new("CMYK", (299, 299)))

    def draw(canvas: Canvas) -> None:
        canvas.drawImage(image, 40 * mm, 40 * mm, 2 * 72, 2 * 72)

    assert messages(make_pdf(draw)) == [
        "page 1: error: an image (299 x 299 px) has 149.5 ppi at its printed size (under 150; 600 x 600 px would print at 300) at 30,216 mm"]
    assert under(149.6, 150) == "149.6" and under(149.96, 150) == "149.9" and under(120.4, 150) == "120"


def test_small_text_is_a_warning() -> None:
    def draw(canvas: Canvas) -> None:
        lato(canvas, 5)
        canvas.drawString(40 * mm, 100 * mm, "tiny print")

    assert messages(make_pdf(draw)) == ["page 1: warning: text at 5.0 pt (under 6 pt)"]


def test_text_in_the_safe_zone_is_an_error() -> None:
    def draw(canvas: Canvas) -> None:
        lato(canvas, 10)
        canvas.drawString(OFFSET + 2 * mm, 100 * mm, "too close")

    assert messages(make_pdf(draw)) == ["page 1: error: text inside the 5 mm safe zone: 'to'"]


def test_quoted_text_keeps_its_spaces() -> None:
    """pdfplumber's characters joined as they come read 'wordsgluedtogether'."""
    def draw(canvas: Canvas) -> None:
        lato(canvas, 7)
        canvas.drawString(60 * mm, OFFSET + 2 * mm, "words near the foot of the page")

    assert messages(make_pdf(draw)) == [
        "page 1: error: text inside the 5 mm safe zone: 'words near the foot of the page'"]


def test_check_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(make_pdf(clean, pdfx=True))
    bad.write_bytes(make_pdf(clean, boxes=False, pdfx=True))
    assert main(["check", str(good)]) == ExitStatus.SUCCESS
    assert main(["check", str(bad)]) == ExitStatus.PREFLIGHT_FAILED
    out = capsys.readouterr().out
    assert f"{bad}: page 1: error: no TrimBox" in out and f"{bad}: 2 error(s), 0 warning(s)" in out
    assert "PDF/X-4 conformance" in out and "FAIL  every page has a TrimBox" in out


def test_strict_turns_warnings_into_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def draw(canvas: Canvas) -> None:
        lato(canvas, 5)
        canvas.drawString(40 * mm, 100 * mm, "tiny print")

    small = tmp_path / "small.pdf"
    small.write_bytes(make_pdf(draw, pdfx=True))
    assert main(["check", str(small)]) == ExitStatus.SUCCESS
    assert main(["check", "--strict", str(small)]) == ExitStatus.PREFLIGHT_FAILED
    out = capsys.readouterr().out
    assert "page 1: error: text at 5.0 pt (under 6 pt) (a warning, an error with --strict)" in out


def test_a_file_for_the_screen_is_checked_for_the_screen(tmp_path: Path) -> None:
    """No boxes, no PDF/X: fine for the screen, not for the press."""
    screen = tmp_path / "screen.pdf"
    screen.write_bytes(make_pdf(clean, boxes=False))
    assert main(["check", "--for", "screen", str(screen)]) == ExitStatus.SUCCESS
    assert main(["check", str(screen)]) == ExitStatus.PREFLIGHT_FAILED


def test_a_file_a_build_made_is_checked_for_the_screen_without_pikepdf() -> None:
    """The fast check of a build's own screen file finds an unembedded font as the full one does,
    and a file in object streams (which hide font dictionaries) gets the full check."""
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(40 * mm, 100 * mm, "Helvetica")

    pdf = make_pdf(draw, boxes=False)
    assert [str(f) for f in check(pdf, purpose="screen", made_here=True).findings] == [
        "document: error: font /Helvetica is not embedded"]
    assert [str(f) for f in check(pdf, purpose="screen").findings] == [
        "page 1: error: font /Helvetica is not embedded"]
    import pikepdf

    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert b"/ObjStm" in buffer.getvalue()
    assert [str(f) for f in check(buffer.getvalue(), purpose="screen", made_here=True).findings] == [
        "page 1: error: font /Helvetica is not embedded"]
    assert check(make_pdf(clean, boxes=False), purpose="screen", made_here=True).findings == []
