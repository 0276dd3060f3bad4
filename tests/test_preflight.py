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
from brochure_builder.pdf.preflight import check

from .conftest import ROOT

TRIM = (210 * mm, 297 * mm)
OFFSET = 10 * mm


def make_pdf(draw: Callable[[Canvas], None], *, bleed: float = 3 * mm, boxes: bool = True) -> bytes:
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
    return buffer.getvalue()


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
    assert messages(make_pdf(clean)) == []


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
    assert "page 1: error: RGB colour (DeviceRGB) in page content" in found


def test_ink_over_300_percent() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(CMYKColor(1, 1, 1, 0.5))
        canvas.rect(40 * mm, 40 * mm, 20 * mm, 20 * mm, stroke=0, fill=1)

    assert messages(make_pdf(draw)) == ["page 1: error: ink coverage 350% is over 300%"]


@pytest.mark.parametrize(
    ("pixels", "mode", "expected"),
    [
        (60, "CMYK", ["page 1: error: image at 30 ppi (under 150) at its printed size"]),
        (400, "CMYK", ["page 1: warning: image at 200 ppi (under 300) at its printed size"]),
        (800, "CMYK", []),
        (800, "RGB", ["page 1: error: RGB image"]),
    ],
)
def test_images_colour_and_resolution(pixels: int, mode: str, expected: list[str]) -> None:
    image = ImageReader(Image.new(mode, (pixels, pixels)))

    def draw(canvas: Canvas) -> None:
        canvas.drawImage(image, 40 * mm, 40 * mm, 2 * 72, 2 * 72)  # two inches square

    assert messages(make_pdf(draw)) == expected


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


def test_check_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(make_pdf(clean))
    bad.write_bytes(make_pdf(clean, boxes=False))
    assert main(["check", str(good)]) == ExitStatus.SUCCESS
    assert main(["check", str(bad)]) == ExitStatus.PREFLIGHT_FAILED
    out = capsys.readouterr().out
    assert f"{bad}: page 1: error: no TrimBox" in out and f"{bad}: 2 error(s), 0 warning(s)" in out
