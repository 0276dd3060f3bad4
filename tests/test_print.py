"""The print file and the booklets, read from the PDF itself."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm

from brochure_builder.builder import build_all
from brochure_builder.pdf.imposition import booklet_order, impose_booklet

A4 = (595.28, 841.89)
BLEED = 3 * mm


def boxes(page: pikepdf.Page) -> dict[str, list[float]]:
    return {name: [float(v) for v in page.obj[f"/{name}"]] for name in ("MediaBox", "TrimBox", "BleedBox")}


def test_every_page_has_true_bleed_and_room_for_marks(outputs: dict[str, Path]) -> None:
    with pikepdf.open(outputs["print"]) as pdf:
        assert len(pdf.pages) == 8
        for page in pdf.pages:
            b = boxes(page)
            trim, bleed, media = b["TrimBox"], b["BleedBox"], b["MediaBox"]
            assert (round(trim[2] - trim[0], 2), round(trim[3] - trim[1], 2)) == A4
            assert bleed == pytest.approx([trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED, trim[3] + BLEED])
            assert media[0] <= bleed[0] - 5 * mm and media[2] >= bleed[2] + 5 * mm


def _operators(pdf: pikepdf.Pdf) -> set[str]:
    found: set[str] = set()

    def walk(stream: object, resources: pikepdf.Dictionary) -> None:
        for _operands, operator in pikepdf.parse_content_stream(stream):
            found.add(str(operator))
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form":
                walk(xobject, xobject.get("/Resources", pikepdf.Dictionary()))

    for page in pdf.pages:
        walk(page, page.Resources)
    return found


def test_print_file_is_cmyk_throughout(outputs: dict[str, Path]) -> None:
    with pikepdf.open(outputs["print"]) as pdf:
        operators = _operators(pdf)
        spaces = [space for page in pdf.pages for space in page.Resources.get("/ColorSpace", {}).values()]
    assert not operators & {"rg", "RG", "g", "G", "sc", "SC"}
    assert {"k", "K"} <= operators
    assert all(str(s[0]) == "/Separation" and str(s[1]) == "/All" for s in spaces)  # registration only
    with pikepdf.open(outputs["screen"]) as pdf:
        assert "rg" in _operators(pdf)


def test_body_text_is_100_percent_black(outputs: dict[str, Path]) -> None:
    with pdfplumber.open(outputs["print"]) as pdf:
        body = [c for c in pdf.pages[2].chars if c["fontname"].endswith("Lato-Regular") and 9.5 < c["size"] < 10.5]
    assert body and {tuple(c["non_stroking_color"]) for c in body} == {(0, 0, 0, 1)}


def test_backgrounds_run_into_the_bleed_on_the_cover(outputs: dict[str, Path]) -> None:
    with pikepdf.open(outputs["print"]) as pdf:
        trim = boxes(pdf.pages[0])["TrimBox"]
        height = float(pdf.pages[0].mediabox[3])
    image = pdfium.PdfDocument(outputs["print"])[0].render(scale=1).to_pil().convert("RGB")
    middle_y = int(height / 2)
    in_bleed = image.getpixel((int(trim[0] - BLEED / 2), middle_y))
    in_slug = image.getpixel((int(trim[0] - BLEED - 3 * mm), middle_y))
    assert in_bleed[1] > in_bleed[0] + 40  # the cover's green
    assert in_slug == (255, 255, 255)  # artwork stops at the bleed edge


def test_crop_marks_stay_outside_the_bleed(outputs: dict[str, Path]) -> None:
    with pdfplumber.open(outputs["print"]) as pdf:
        page = pdf.pages[3]
        marks = [line for line in page.lines if abs(line["linewidth"] - 0.25) < 0.01]
        with pikepdf.open(outputs["print"]) as raw:
            bleed = boxes(raw.pages[3])["BleedBox"]
    assert len(marks) == 8
    for line in marks:
        x0, x1 = line["x0"], line["x1"]
        y0, y1 = page.height - line["bottom"], page.height - line["top"]
        outside = x1 <= bleed[0] or x0 >= bleed[2] or y1 <= bleed[1] or y0 >= bleed[3]
        assert outside, line


def test_glyphs_sit_at_the_same_place_relative_to_the_trim(outputs: dict[str, Path]) -> None:
    def words(path: Path, offset: float) -> list[tuple[str, float, float]]:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[1]
            return [(w["text"], round(w["x0"] - offset, 1), round(page.height - w["bottom"] - offset, 1))
                    for w in page.extract_words()]

    with pikepdf.open(outputs["print"]) as pdf:
        offset = boxes(pdf.pages[1])["TrimBox"][0]
    screen, printed = words(outputs["screen"], 0), words(outputs["print"], offset)
    assert len(screen) > 100 and screen == printed


def _halves(path: Path) -> list[tuple[str, str]]:
    sides = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            w, h = page.width, page.height
            left = page.crop((0, 0, w / 2, h)).extract_text() or ""
            right = page.crop((w / 2, 0, w, h)).extract_text() or ""
            sides.append((" ".join(left.split()), " ".join(right.split())))
    return sides


MARKERS = {1: "An open platform", 2: "A partner the", 3: "Always on the side", 4: "Tackling global",
           5: "From 57th to 4th in the Global", 6: "What made the rise possible", 7: "Milestones",
           8: "There is more"}


def _page_of(text: str) -> int:
    found = [n for n, marker in MARKERS.items() if marker in text]
    assert len(found) == 1, text[:80]
    return found[0]


@pytest.mark.parametrize("kind", ["booklet", "booklet-a4"])
def test_booklet_sheets_are_in_folding_order(outputs: dict[str, Path], kind: str) -> None:
    sides = [(_page_of(left), _page_of(right)) for left, right in _halves(outputs[kind])]
    assert sides == [(8, 1), (2, 7), (6, 3), (4, 5)]
    with pikepdf.open(outputs[kind]) as pdf:
        size = [round(float(v), 1) for v in pdf.pages[0].mediabox[2:]]
    assert size == ([1275.6, 907.1] if kind == "booklet" else [841.9, 595.3])  # SRA3 for the press


def test_booklet_pads_to_a_multiple_of_four_before_the_back_cover() -> None:
    assert booklet_order(6) == [(6, 1), (2, None), (None, 3), (4, 5)]
    assert booklet_order(4) == [(4, 1), (2, 3)]
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 300))
    for _ in range(5):
        canvas.showPage()
    canvas.save()
    imposed = impose_booklet(buffer.getvalue())
    assert (imposed.sheets, imposed.blanks_added) == (2, 3)


def test_a_print_build_that_fails_preflight_writes_nothing(write_brochure, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every file of a build is made and checked before any is written: the screen file of a
    build whose print file fails stays as the last good build left it, byte for byte."""
    from brochure_builder.errors import PreflightError

    from .conftest import MINIMAL

    target = tmp_path / "out" / "out.pdf"
    build_all(write_brochure(MINIMAL), target, profiles=("screen", "print"))
    before = {p.name: p.read_bytes() for p in target.parent.iterdir()}
    assert sorted(before) == ["out-print.pdf", "out.pdf"]
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace("cmyk: [100, 0, 78, 45]", "cmyk: [100, 90, 90, 45]"))
    changed = write_brochure(MINIMAL.replace("Hello", "Hi"))  # a different screen file, if it were written
    with pytest.raises(PreflightError) as error:
        build_all(changed, target, profiles=("screen", "print"))
    message = str(error.value)
    assert "out-print.pdf: page 1: ink coverage 325% (C100 M90 Y90 K45) is over 300% under a filled path" in message
    assert "error" not in message  # the command line adds 'error:' once
    assert {p.name: p.read_bytes() for p in target.parent.iterdir()} == before  # no temporary files either
    assert error.value.problems[-1].startswith(f"nothing of this build was written ({target} included")


def test_a_photo_too_small_for_print_is_named_with_the_size_it_needs(write_brochure, project: Path,  # type: ignore[no-untyped-def]
                                                                    tmp_path: Path) -> None:
    from PIL import Image

    from brochure_builder.errors import PreflightError

    from .conftest import MINIMAL

    Image.new("RGB", (120, 80), (200, 120, 40)).save(project / "assets" / "small.png")
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n", "      - kind: image\n"
                                            "        path: ../assets/small.png\n        alt: A small picture.\n"
                                            "      - kind: paragraph\n", 1))
    with pytest.raises(PreflightError) as error:
        build_all(source, tmp_path / "small.pdf", profiles=("print",))
    message = str(error.value)
    assert f"the image small.png at {source}:11:15 (120 x 80 px) has " in message, message  # its place
    assert "px would print at 300" in message


def test_of_two_photos_of_one_size_the_one_too_small_is_named(write_brochure: Callable[[str], Path], project: Path,
                                                                tmp_path: Path) -> None:
    """Found by the bytes embedded, not by the size in pixels they share."""
    from PIL import Image

    from brochure_builder.errors import PreflightError

    from .conftest import MINIMAL

    Image.new("RGB", (300, 200), (200, 120, 40)).save(project / "assets" / "wide.png")
    Image.new("RGB", (300, 200), (40, 120, 200)).save(project / "assets" / "narrow.png")
    blocks = ("      - kind: image\n        path: ../assets/wide.png\n        alt: Wide.\n"
              "      - kind: image\n        path: ../assets/narrow.png\n        alt: Narrow.\n        width: 0.1\n"
              "      - kind: paragraph\n")
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n", blocks, 1))
    with pytest.raises(PreflightError) as error:
        build_all(source, tmp_path / "two.pdf", profiles=("print",))
    message = str(error.value)
    assert "the image wide.png at " in message and "narrow.png" not in message, message



def test_a_photo_is_placed_by_its_path_not_its_name(write_brochure: Callable[[str], Path], project: Path,
                                                     tmp_path: Path) -> None:
    """Two files called pic.png in two folders: the small one is named at its own line."""
    from PIL import Image

    from brochure_builder.errors import PreflightError

    from .conftest import MINIMAL

    for folder, size in (("a", (2600, 1700)), ("b", (60, 40))):
        (project / "assets" / folder).mkdir()
        Image.new("RGB", size, (200, 120, 40)).save(project / "assets" / folder / "pic.png")
    blocks = ("      - kind: image\n        path: ../assets/a/pic.png\n        alt: Big.\n"
              "      - kind: image\n        path: ../assets/b/pic.png\n        alt: Small.\n        width: 0.5\n"
              "      - kind: paragraph\n")
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n", blocks, 1))
    with pytest.raises(PreflightError) as error:
        build_all(source, tmp_path / "pic.pdf", profiles=("print",))
    line = next(n for n, text in enumerate(source.read_text().splitlines(), 1) if "b/pic.png" in text)
    assert f"the image pic.png at {source}:{line}:15 (60 x 40 px)" in str(error.value), str(error.value)
