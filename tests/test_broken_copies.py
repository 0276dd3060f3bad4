"""Copies of the real print file, each broken on purpose the way a print shop's audit found,
must each be rejected by ``brochure check`` (exit 4) with a message naming the page and object."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus

PAGE = 3
"""A body page: the copies draw on page 3 of the print file."""
Breaker = Callable[[pikepdf.Pdf, pikepdf.Page, list[float]], None]


def draw(pdf: pikepdf.Pdf, page: pikepdf.Page, content: str, **resources: pikepdf.Dictionary) -> None:
    """Append ``content`` to the page, with extra resources (each category a dictionary)."""
    page.contents_add(pdf.make_stream(content.encode("latin-1")), prepend=False)
    for category, entries in resources.items():
        key = pikepdf.Name(f"/{category}")
        if key not in page.Resources:
            page.Resources[key] = pikepdf.Dictionary()
        for name, value in entries.items():
            page.Resources[key][name] = value


def registration(pdf: pikepdf.Pdf) -> pikepdf.Object:
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return pdf.make_indirect(pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, tint]))


def hairline(width: float) -> Breaker:
    def breaker(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
        draw(pdf, page, f"q 0 0 0 1 K {width} w {trim[0] + 100} 400 m {trim[0] + 300} 400 l S Q")
    return breaker


def registration_fill(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    draw(pdf, page, f"q /BBReg cs 1 scn {trim[0] + 100} 300 60 40 re f Q",
         ColorSpace=pikepdf.Dictionary(BBReg=registration(pdf)))


def rgb_shading(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    function = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
    shading = pdf.make_indirect(pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB,
                                                   Coords=[0, 0, 100, 0], Function=function, Extend=[True, True]))
    x = trim[0] + 100
    draw(pdf, page, f"q {x} 300 100 60 re W n 1 0 0 1 {x} 300 cm /BBSh sh Q", Shading=pikepdf.Dictionary(BBSh=shading))


def rgb_inline_image(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    draw(pdf, page, f"q 144 0 0 144 {trim[0] + 100} 300 cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID "
                    + "\xff\x00\x00\x00\xff\x00\x00\x00\xff\xff\xff\x00" + " EI Q")


def inline_image_at_400_percent(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    draw(pdf, page, f"q 144 0 0 144 {trim[0] + 100} 300 cm BI /W 2 /H 2 /CS /CMYK /BPC 8 ID " + "\xff" * 16 + " EI Q")


def rgb_annotation(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    appearance = pdf.make_stream(b"1 0 0 rg 0 0 100 40 re f", Type=pikepdf.Name.XObject,
                                 Subtype=pikepdf.Name.Form, BBox=[0, 0, 100, 40])
    x = trim[0] + 100
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square, Rect=[x, 300, x + 100, 340], F=4,
        AP=pikepdf.Dictionary(N=appearance)))]))


def rgb_page_group(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    page.obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB)
    multiply = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Multiply)
    draw(pdf, page, f"q /BBMul gs 0 0 0 0.5 k {trim[0] + 100} 300 60 40 re f Q",
         ExtGState=pikepdf.Dictionary(BBMul=multiply))


def rgb_soft_mask(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    group = pdf.make_stream(b"0.5 g 0 0 100 100 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                            BBox=[0, 0, 100, 100],
                            Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB))
    state = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState,
                               SMask=pikepdf.Dictionary(S=pikepdf.Name.Luminosity, G=group))
    draw(pdf, page, f"q /BBMask gs 0 0 0 0.5 k {trim[0] + 100} 300 60 40 re f Q",
         ExtGState=pikepdf.Dictionary(BBMask=state))


def fill_to_the_trim(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    draw(pdf, page, f"q 0 0 0 0.5 k {trim[0]} 300 80 60 re f Q")


def unembedded_font(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    draw(pdf, page, f"BT /BBHelv 10 Tf 0 0 0 1 k {trim[0] + 100} 300 Td (Helvetica) Tj ET",
         Font=pikepdf.Dictionary(BBHelv=font))


def reversed_small_text(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    font = next(iter(page.Resources.Font.keys()))
    x = trim[0] + 100
    draw(pdf, page, f"q 0.6 0.6 0 0 k {x} 300 150 30 re f BT {font} 7 Tf 0 0 0 0 k {x + 5} 310 Td (abc abc) Tj ET Q")


def spot_colour(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[0, 0.5, 1, 0], N=1)
    space = pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/PANTONE 1235 C"), pikepdf.Name.DeviceCMYK, tint])
    draw(pdf, page, f"q /BBSpot cs 1 scn {trim[0] + 100} 300 60 40 re f Q",
         ColorSpace=pikepdf.Dictionary(BBSpot=space))


def no_output_intent(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    del pdf.Root["/OutputIntents"]


def rich_black_under_overprinting_text(pdf: pikepdf.Pdf, page: pikepdf.Page, trim: list[float]) -> None:
    """A 260% background under 100% K text that overprints: 360% where the letters are."""
    font = next(iter(page.Resources.Font.keys()))
    op = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=True, OPM=1)
    x = trim[0] + 100
    draw(pdf, page, f"q 0.8 0.7 0.6 0.1 k {x} 300 150 40 re f /BBOp gs BT {font} 30 Tf 0 0 0 1 k {x + 5} 310 Td "
                    "(MMMM) Tj ET Q", ExtGState=pikepdf.Dictionary(BBOp=op))


BROKEN: dict[str, tuple[Breaker, list[str]]] = {
    "0.1 pt hairline": (hairline(0.1), ["line of 0.10 pt (under 0.25 pt: may not print) at 35,"]),
    "0 pt line": (hairline(0), ["error: 0 pt line (the thinnest the device can draw: invisible on a press) at 35,"]),
    "registration colour fill inside the trim": (registration_fill, [
        "error: registration colour (/All: ink on every plate) inside the trim: a filled path at 35,",
        "error: ink coverage 400% (C100 M100 Y100 K100) is over 300% under a filled path at 3"]),
    "RGB shading": (rgb_shading, ["error: RGB colour (DeviceRGB) in shading /BBSh at 35,"]),
    "RGB inline image at 1 ppi": (rgb_inline_image, [
        "error: RGB colour (DeviceRGB) in an inline image (2 x 2 px) at 35,",
        "error: an inline image (2 x 2 px) has 1 ppi at its printed size (under 150; "]),
    "CMYK inline image at 400%": (inline_image_at_400_percent, [
        "error: ink coverage 400% (C100 M100 Y100 K100) is over 300% under an inline image (2 x 2 px) at 3"]),
    "printable annotation with an RGB appearance": (rgb_annotation, [
        "error: a /Square annotation inside the BleedBox (links and notes are for screens) at 35,",
        "error: RGB colour (DeviceRGB) in a filled path in the appearance of a /Square annotation at 35,"]),
    "page transparency group in RGB with Multiply": (rgb_page_group, [
        "error: the page's transparency group blends in RGB (DeviceRGB)"]),
    "soft mask in RGB": (rgb_soft_mask, ["error: soft mask of graphics state /BBMask blends in RGB (DeviceRGB)"]),
    "50% K fill that stops at the trim": (fill_to_the_trim, [
        "error: a filled path stops at the left trim edge instead of running into the bleed at 0,"]),
    "font not embedded": (unembedded_font, ["error: font /Helvetica is not embedded"]),
    "overprinting text on rich black": (rich_black_under_overprinting_text, [
        "error: ink coverage 3", "% (C80 M70 Y60 K100) is over 300% under text (30.0 pt) at"]),
    "no output intent": (no_output_intent, ["FAIL  one GTS_PDFX output intent, with its condition named",
                                            "0 GTS_PDFX output intents (exactly one is needed)"]),
}
WARNED: dict[str, tuple[Breaker, list[str]]] = {
    "small reversed text": (reversed_small_text, ["warning: reversed text at 7.0 pt (white out of a colour on two "
                                                  "plates or more; under 9 pt it may fill in): '"]),
    "spot colour": (spot_colour, ["warning: spot colour PANTONE 1235 C needs an extra plate in a filled path at 35,"]),
}


def broken_copy(original: Path, folder: Path, name: str, breaker: Breaker) -> Path:
    target = folder / f"{name.replace(' ', '-').replace('%', 'pc')}.pdf"
    with pikepdf.open(original) as pdf:
        page = pdf.pages[PAGE - 1]
        trim = [float(v) for v in page.obj.TrimBox]
        breaker(pdf, page, trim)
        pdf.save(target)
    return target


def run_check(path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    status = main(["check", *options, str(path)])
    return status, capsys.readouterr().out


@pytest.mark.parametrize("name", list(BROKEN))
def test_each_broken_copy_is_rejected_naming_page_and_object(
        outputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    breaker, expected = BROKEN[name]
    copy = broken_copy(outputs["print"], tmp_path, name, breaker)
    status, out = run_check(copy, capsys, "--strict")
    assert status == ExitStatus.PREFLIGHT_FAILED, out
    lines = out.splitlines()
    for text in expected:
        assert any(text in line for line in lines), (text, out)
    if not name.startswith("no output intent"):
        assert any(line.startswith(f"{copy}: page {PAGE}: ") and expected[0] in line for line in lines), out


@pytest.mark.parametrize("name", list(WARNED))
def test_warnings_fail_only_with_strict(
        outputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    breaker, expected = WARNED[name]
    copy = broken_copy(outputs["print"], tmp_path, name, breaker)
    status, out = run_check(copy, capsys)
    assert status == ExitStatus.SUCCESS, out
    assert any(line.startswith(f"{copy}: page {PAGE}: {expected[0]}") for line in out.splitlines()), out
    status, out = run_check(copy, capsys, "--strict")
    assert status == ExitStatus.PREFLIGHT_FAILED


def test_the_hairline_is_a_warning_and_fails_with_strict(
        outputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = broken_copy(outputs["print"], tmp_path, "hairline", hairline(0.1))
    assert run_check(copy, capsys)[0] == ExitStatus.SUCCESS
    assert run_check(copy, capsys, "--strict")[0] == ExitStatus.PREFLIGHT_FAILED


def test_the_unbroken_print_file_and_booklet_pass(outputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("print", "booklet"):
        status, out = run_check(outputs[kind], capsys)
        assert status == ExitStatus.SUCCESS, out
        assert "0 error(s)" in out and "PDF/X-4: 14 of 14 rules pass" in out
        assert "FAIL" not in out
