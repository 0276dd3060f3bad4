"""The screen file as an email reader gets it: small, navigable, previewable, readable."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from brochure_builder import ContentError, load
from brochure_builder.builder import build_all
from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus, SizeBudgetError

from .conftest import BUNDLED, FIXTURES, MINIMAL

IMAGE_PAGE = MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n", """\
      - kind: image
        path: ../assets/large.jpg
        alt: A large photograph
        width: 0.5
""")


@pytest.fixture
def with_large_image(project: Path) -> Path:
    shutil.copy(FIXTURES / "assets" / "large.jpg", project / "assets" / "large.jpg")
    return project


def test_bundled_screen_file_is_small(bundled_pdf: Path) -> None:
    assert bundled_pdf.stat().st_size <= 500_000


def test_screen_file_has_no_bleed_or_marks(bundled_pdf: Path) -> None:
    with pikepdf.open(bundled_pdf) as pdf:
        for page in pdf.pages:
            assert list(page.mediabox) == list(page.obj.TrimBox)
            assert "/BleedBox" not in page.obj


def test_opens_on_the_cover_with_bookmarks_and_page_labels(bundled_pdf: Path) -> None:
    with pikepdf.open(bundled_pdf) as pdf:
        assert pdf.Root.OpenAction[0].objgen == pdf.pages[0].objgen
        assert str(pdf.Root.OpenAction[1]) == "/Fit"
        assert str(pdf.Root.PageMode) == "/UseOutlines"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.docinfo["/Creator"]) == "brochure-builder"
    labels = pypdf.PdfReader(bundled_pdf).page_labels
    assert labels == ["Cover", "2", "3", "4", "5", "6", "7", "Back cover"]


def test_two_column_text_extracts_column_by_column(bundled_pdf: Path) -> None:
    text = " ".join(pypdf.PdfReader(bundled_pdf).pages[2].extract_text().split())
    first_column_end = text.index("would not stop until")
    assert text.index("The Baltic Way, 1989") < first_column_end < text.index("The Freedom Way, 2020")
    page = pdfium.PdfDocument(bundled_pdf)[2].get_textpage()
    flow = " ".join(page.get_text_range().split())
    assert flow.index("would not stop until") < flow.index("The Freedom Way, 2020")


def test_raster_images_are_downsampled_for_the_screen_only(
    with_large_image: Path, write_brochure: Callable[[str], Path], tmp_path: Path
) -> None:
    source = write_brochure(IMAGE_PAGE)
    screen, printed = build_all(source, tmp_path / "img.pdf", profiles=("screen", "print"))
    with pikepdf.open(screen.path) as pdf:
        (image,) = pdf.pages[1].get_images().values()
        placed_inches = 0.5 * (595.28 - 2 * 56.69) / 72
        assert int(image.Width) <= round(placed_inches * 150) + 1
        assert [str(f) for f in pikepdf.Array(image.Filter)] == ["/DCTDecode"]
        assert "/Annots" not in pdf.pages[1].obj  # the alt text is the Figure element's
    with pikepdf.open(printed.path) as pdf:
        (image,) = pdf.pages[1].get_images().values()
        assert (int(image.Width), str(image.ColorSpace)) == (3000, "/DeviceCMYK")
    assert screen.size < 150_000


def test_size_budget_names_the_largest_parts(
    with_large_image: Path, write_brochure: Callable[[str], Path], tmp_path: Path
) -> None:
    source = write_brochure(IMAGE_PAGE + "screen:\n  max_size: 40KB\n  image_ppi: 300\n")
    with pytest.raises(SizeBudgetError) as error:
        build_all(source, tmp_path / "big.pdf", profiles=("screen",))
    message = str(error.value)
    assert "over the 40.0 KB budget set in" in message and "(screen.max_size)" in message
    assert "largest parts: image large.jpg (page 2):" in message and "font Lato-" in message
    assert not list(tmp_path.glob("big*"))


def test_low_contrast_brand_colours_are_an_error(project: Path, write_brochure: Callable[[str], Path]) -> None:
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace('slate:  { rgb: "#56636A"', 'slate:  { rgb: "#A9B2B6"'))
    with pytest.raises(ContentError) as error:
        load(write_brochure(MINIMAL))
    messages = [str(p) for p in error.value.problems]
    assert any(
        m.startswith(f"{brand}:") and "roles.muted: muted text slate (#A9B2B6) on paper white (#FFFFFF)"
        " has contrast 2.16:1; WCAG 2 asks for at least 4.5:1" in m
        for m in messages
    ), messages


def test_preview_writes_the_cover_and_a_contact_sheet(tmp_path: Path) -> None:
    assert main(["preview", str(BUNDLED), "-o", str(tmp_path)]) == ExitStatus.SUCCESS
    cover = Image.open(tmp_path / "lithuania-cover.png")
    sheet = Image.open(tmp_path / "lithuania-pages.png")
    assert cover.width == 1200 and 1650 < cover.height < 1750
    assert sheet.width > 1000 and sheet.height > 800
    assert cover.getpixel((600, 1200))[1] > 80  # the cover's green, not a blank page


def test_a_pdfs_preview_is_written_beside_it(tmp_path: Path) -> None:
    pdf = tmp_path / "sent" / "leaflet.pdf"
    assert main(["build", str(BUNDLED), "-o", str(pdf), "--profile", "screen"]) == ExitStatus.SUCCESS
    assert main(["preview", str(pdf)]) == ExitStatus.SUCCESS
    assert sorted(p.name for p in (pdf.parent / "preview").iterdir()) == ["leaflet-cover.png", "leaflet-pages.png"]


def test_size_budget_names_each_image_even_when_two_share_a_size(project: Path, write_brochure: Callable[[str], Path],
                                                                 tmp_path: Path) -> None:
    import random

    from PIL import Image

    for name, seed in (("first.jpg", 1), ("second.jpg", 2)):
        noise = random.Random(seed).randbytes(900 * 600 * 3)
        Image.frombytes("RGB", (900, 600), noise).save(project / "assets" / name, quality=90)
    blocks = "".join(f"      - kind: image\n        path: ../assets/{name}\n        alt: {name}\n        width: 0.5\n"
                     for name in ("first.jpg", "second.jpg"))
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                                            blocks) + "screen:\n  max_size: 40KB\n")
    with pytest.raises(SizeBudgetError) as error:
        build_all(source, tmp_path / "two.pdf", profiles=("screen",))
    message = str(error.value)
    assert "image first.jpg (page 2)" in message and "image second.jpg (page 2)" in message


def test_a_section_band_whose_text_cannot_read_is_an_error(project: Path, write_brochure: Callable[[str], Path]) -> None:
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace('  rule:   { rgb: "#CFD8D4"',
                                                '  reed:   { rgb: "#4E8A2B", cmyk: [60, 0, 100, 20] }\n  rule:   { rgb: "#CFD8D4"'))
    source = write_brochure(MINIMAL.replace("  - title: Only section\n", "  - title: Only section\n    colour: reed\n"))
    with pytest.raises(ContentError) as error:
        load(source)
    assert "sections[0].colour: text on a reed (#4E8A2B) band has contrast" in str(error.value)
    assert "WCAG 2 asks for at least 4.5:1" in str(error.value)
    load(write_brochure(MINIMAL.replace("  - title: Only section\n", "  - title: Only section\n    colour: red\n")))
