"""Pages and flow: right-hand pages are odd, no padding in the screen file, no empty pages."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from brochure_builder.builder import build_all

from .conftest import MINIMAL


def folio_sides(pdf: Path) -> dict[int, str]:
    """For each page with a running foot, the side its page number sits on (left or right).

    The folio is the page number in the foot: the word made of digits lowest on the page."""
    sides = {}
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            foot = [w for w in page.extract_words() if w["top"] > page.height * 0.9 and w["text"].isdigit()]
            if foot:
                folio = max(foot, key=lambda w: w["top"])
                sides[number] = "left" if folio["x0"] < page.width / 2 else "right"
    return sides


def test_odd_pages_are_right_hand_pages(bundled_pdf: Path) -> None:
    sides = folio_sides(bundled_pdf)
    assert sorted(sides) == [2, 3, 4, 5, 6, 7]
    assert sides == {n: "right" if n % 2 else "left" for n in sides}


def test_folios_read_their_page_numbers(bundled_pdf: Path) -> None:
    with pdfplumber.open(bundled_pdf) as document:
        for number in range(2, 8):
            words = document.pages[number - 1].extract_words()
            assert f"{number:02d}" in [w["text"] for w in words]


def test_sides_alternate_after_every_section_opener(write_brochure, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long = " ".join(["A sentence that fills the page with words."] * 120)
    sections = "".join(
        f"  - title: Section {i}\n    blocks:\n      - kind: paragraph\n        text: {long}\n" for i in range(4)
    )
    source = write_brochure(MINIMAL.replace(MINIMAL[MINIMAL.index("sections:"):MINIMAL.index("back_cover:")],
                                            "sections:\n" + sections))
    result = build_all(source, tmp_path / "sides.pdf", profiles=("screen",))[0]
    sides = folio_sides(result.path)
    assert len(sides) >= 6
    assert sides == {n: "right" if n % 2 else "left" for n in sides}


def test_the_screen_file_is_not_padded(write_brochure, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = build_all(write_brochure(MINIMAL), tmp_path / "short.pdf", impositions=("booklet-a4",))
    screen, print_file, booklet = results
    assert (screen.pages, screen.warnings) == (3, [])
    assert print_file.pages == 3
    assert booklet.warnings == ["added 1 blank page(s) to make a multiple of 4"]
    with pdfplumber.open(screen.path) as pdf:
        assert "The end" in (pdf.pages[2].extract_text() or "")


@pytest.mark.parametrize("size", ["A4", "A5", "Letter"])
def test_no_page_holds_only_its_running_foot(write_brochure, project: Path, tmp_path: Path, size: str) -> None:  # type: ignore[no-untyped-def]
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace("size: A4", f"size: {size}"))
    words = " ".join(["Words fill the page to its foot."] * 400)
    source = write_brochure(MINIMAL.replace("Hello **world** & <friends>.", words))
    result = build_all(source, tmp_path / "full.pdf", profiles=("screen",))[0]
    with pdfplumber.open(result.path) as pdf:
        for page in pdf.pages[1:-1]:
            body = [c for c in page.chars if c["top"] < page.height * 0.9]
            assert body, f"page {page.page_number} holds nothing but its foot"
