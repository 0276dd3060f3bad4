"""Visual regression: every page of each edition (English and the Lithuanian translation)
rendered to pixels and compared with a committed reference.

On a difference the actual page and a difference image are written to tests/visual-failures/.
To accept a deliberate change of the pages: ``UPDATE_REFERENCES=1 pytest tests/test_visual.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

REFERENCES = Path(__file__).resolve().parent / "references"
FAILURES = Path(__file__).resolve().parent / "visual-failures"
SCALE = 0.5  # 36 dpi: enough to see layout, small enough to keep in git
MAX_CHANNEL_DELTA = 48  # per-pixel difference that counts as "changed"
MAX_CHANGED_SHARE = 0.004  # at most 0.4% of the page's pixels may change


def render(pdf: Path) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].render(scale=SCALE).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def changed_share(actual: Image.Image, expected: Image.Image) -> tuple[float, Image.Image]:
    diff = ImageChops.difference(actual, expected).convert("L")
    mask = diff.point(lambda v: 255 if v > MAX_CHANNEL_DELTA else 0)
    histogram = mask.histogram()
    return histogram[255] / (actual.width * actual.height), mask


EDITIONS = ("lithuania", "lithuania-lt")


@pytest.fixture(scope="module")
def pages(bundled_pdf: Path, bundled_lt_pdf: Path) -> dict[str, list[Image.Image]]:
    return {"lithuania": render(bundled_pdf), "lithuania-lt": render(bundled_lt_pdf)}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("number", range(1, 9))
def test_page_matches_reference(pages: dict[str, list[Image.Image]], edition: str, number: int) -> None:
    compare(pages[edition][number - 1], f"{edition}-page-{number}")


@pytest.fixture(scope="module")
def table_pages(tables_pdfs: tuple[Path, Path]) -> list[Image.Image]:
    return render(tables_pdfs[0])


@pytest.mark.parametrize("number", range(1, 8))
def test_table_page_matches_reference(table_pages: list[Image.Image], number: int) -> None:
    """The test brochure of tables: a budget from CSV, a long table, a table in columns."""
    compare(table_pages[number - 1], f"tables-page-{number}")


@pytest.fixture(scope="module")
def photo_pages(photos_pdfs: tuple[Path, Path]) -> dict[str, list[Image.Image]]:
    return {"photos": render(photos_pdfs[0]), "photos-print": render(photos_pdfs[1])}


@pytest.mark.parametrize(("edition", "number"), [*(("photos", n) for n in range(1, 5)),
                                                 ("photos-print", 1), ("photos-print", 2)])
def test_photo_page_matches_reference(photo_pages: dict[str, list[Image.Image]], edition: str, number: int) -> None:
    """The test brochure of photographs: a cover photo, openers on photos, a full-bleed image in
    the flow and one starting a page, crops and letterboxes, credits; print pages with the bleed
    and crop marks."""
    compare(photo_pages[edition][number - 1], f"{edition}-page-{number}")


def compare(actual: Image.Image, name: str) -> None:
    reference = REFERENCES / f"{name}.png"
    if os.environ.get("UPDATE_REFERENCES") == "1":
        REFERENCES.mkdir(exist_ok=True)
        actual.save(reference, optimize=True)
        pytest.skip("reference updated")
    assert reference.exists(), f"no reference image; run with UPDATE_REFERENCES=1 to create {reference}"
    expected = Image.open(reference).convert("RGB")
    assert actual.size == expected.size
    share, mask = changed_share(actual, expected)
    if share > MAX_CHANGED_SHARE:
        FAILURES.mkdir(exist_ok=True)
        actual.save(FAILURES / f"{name}-actual.png")
        mask.save(FAILURES / f"{name}-diff.png")
    assert share <= MAX_CHANGED_SHARE, f"{name}: {share:.2%} of pixels differ; see {FAILURES}/{name}-*.png"


def test_the_comparison_notices_a_real_change(pages: dict[str, list[Image.Image]]) -> None:
    """Guard against a comparison that cannot fail: moving a block must be caught."""
    original = pages["lithuania"][1]
    moved = original.copy()
    moved.paste(original.crop((20, 200, 280, 300)), (20, 212))
    assert changed_share(moved, original)[0] > MAX_CHANGED_SHARE
    assert changed_share(original, original)[0] == 0
