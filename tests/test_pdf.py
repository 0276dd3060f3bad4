"""The built Lithuania brochure, read the way a reader, a printer and an email client read it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from .conftest import BUNDLED, ROOT

STANDARD_14 = re.compile(r"Helvetica|Times|Courier|Symbol|ZapfDingbats")


@pytest.fixture(scope="session")
def text(bundled_pdf: Path) -> str:
    with pdfplumber.open(bundled_pdf) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.fixture(scope="session")
def flat_text(text: str) -> str:
    """The text with line breaks and hyphenation at line ends undone."""
    return " ".join(re.sub(r"-\n", "", text).split())


def test_eight_pages_so_it_folds_into_a_booklet(bundled_pdf: Path) -> None:
    with pikepdf.open(bundled_pdf) as pdf:
        assert len(pdf.pages) == 8
        for page in pdf.pages:
            assert [round(float(v), 2) for v in page.mediabox] == [0, 0, 595.28, 841.89]


@pytest.mark.parametrize(
    "fact",
    [
        "An open platform for public sector transformation",
        "Openness to innovation", "International cooperation", "Smart city solutions",
        "NATO and the European Union", "2004",
        "11 March 1990", "first Soviet republic to declare",
        "23 August 1989", "more than a million people", "about 600 km long", "Tallinn",
        "more than 50,000 people", "32 km from Vilnius to Medininkai",
        "travel bubble", "May 2020", "Latvia and Estonia",
        "ITU Global Cybersecurity Index", "57th place in the 2017 edition", "4th in the 2018 edition",
        "behind only the United Kingdom, the United States and France",
        "cyber rapid response teams", "public and private sectors", "young professionals",
        "0.931", "0.926", "0.918", "0.908", "of 165", "of 175",
        "Source: ITU Global Cybersecurity Index 2017 and 2018",
        "UNESCO Memory of the World", "LRT; Associated Press",
        "Learn more about the other areas",
    ],
)
def test_every_fact_is_in_the_text(flat_text: str, fact: str) -> None:
    assert fact in flat_text


def test_the_correction_is_made(flat_text: str) -> None:
    assert "Global Cybersecurity Index" in flat_text
    assert "National Cyber Security Index" in flat_text  # named only to say it is a different index
    assert "National Cyber Security Index, behind" not in flat_text
    for sentence in re.findall(r"[^.]*National Cyber Security Index[^.]*\.", flat_text):
        assert "different" in sentence


def test_markup_characters_are_literal_and_lithuanian_renders(tmp_path: Path, write_brochure) -> None:  # type: ignore[no-untyped-def]
    from brochure_builder import build

    from .conftest import MINIMAL

    source = write_brochure(MINIMAL.replace("Hello", "Ąžuolas, ščiūžė ir ęė"))
    build(source, tmp_path / "t.pdf")
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        page_text = pdf.pages[1].extract_text()
    assert "Ąžuolas, ščiūžė ir ęė world & <friends>." in page_text


def test_every_font_is_embedded_and_none_is_standard_14(bundled_pdf: Path) -> None:
    seen = set()
    with pikepdf.open(bundled_pdf) as pdf:
        for page in pdf.pages:
            for font in _fonts(page):
                name = str(font.get("/BaseFont"))
                seen.add(name)
                assert not STANDARD_14.search(name), name
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor, f"{name} is not embedded"
                assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not subset"
    assert {"Lato-Black", "Lato-Regular", "Lato-Bold", "Lato-Light"} <= {n.split("+")[-1] for n in seen}


def _fonts(page: pikepdf.Page):  # type: ignore[no-untyped-def]
    """Fonts of a page, including those inside form XObjects (charts, icons)."""
    stack = [page.obj.get("/Resources", {})]
    while stack:
        resources = stack.pop()
        yield from resources.get("/Font", {}).values()
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form":
                stack.append(xobject.get("/Resources", {}))


def test_charts_are_vector_with_text_in_the_brand_font(bundled_pdf: Path) -> None:
    with pikepdf.open(bundled_pdf) as pdf:
        for page in pdf.pages:
            images = [x for x in page.obj.Resources.get("/XObject", {}).values() if x.get("/Subtype") == "/Image"]
            assert images == []
    with pdfplumber.open(bundled_pdf) as pdf:
        chart_words = {w["text"]: w for w in pdf.pages[4].extract_words(extra_attrs=["fontname"])}
        assert {"57th", "4th", "GCI", "2017", "2018"} <= set(chart_words)
        assert "Lato" in chart_words["57th"]["fontname"]
        bars = {w["text"] for w in pdf.pages[5].extract_words()}
        assert {"United", "Kingdom", "France", "Lithuania", "0.908"} <= bars


def test_metadata_comes_from_the_brochure(bundled_pdf: Path) -> None:
    with pikepdf.open(bundled_pdf) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "Lithuania: an open platform for public sector transformation"
        assert str(info["/Author"]) == "brochure-builder project"
        assert "Global Cybersecurity Index" in str(info["/Keywords"])
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle


def test_outline_lists_every_section(bundled_pdf: Path) -> None:
    with pikepdf.open(bundled_pdf) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    assert titles == [
        "A partner the region can count on",
        "Always on the side of freedom and democracy",
        "Tackling global challenges together",
        "Leaders in cyber security",
        "Milestones",
    ]


def test_same_input_gives_a_byte_identical_pdf(bundled_pdf: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    subprocess.run(
        [sys.executable, "-m", "brochure_builder", "build", str(BUNDLED), "-o", str(again)],
        check=True, cwd=ROOT, capture_output=True,
    )
    assert again.read_bytes() == bundled_pdf.read_bytes()


@pytest.mark.parametrize("page_number", [2, 3, 4, 5, 7])
def test_section_titles_read_on_their_colour_band(bundled_pdf: Path, page_number: int) -> None:
    """Title text on each opening band, against the band itself, meets WCAG large-text contrast."""
    import pypdfium2 as pdfium

    from brochure_builder.source.contrast import contrast_ratio

    with pdfplumber.open(bundled_pdf) as pdf:
        title = [c for c in pdf.pages[page_number - 1].chars if c["size"] > 30 and c["top"] < 78 * 2.835]
    assert title
    text_rgb = {tuple(round(v * 255) for v in c["non_stroking_color"]) for c in title}
    assert len(text_rgb) == 1
    band = pdfium.PdfDocument(bundled_pdf)[page_number - 1].render(scale=1).to_pil().convert("RGB").getpixel((5, 5))
    as_hex = "#{:02X}{:02X}{:02X}".format
    assert contrast_ratio(as_hex(*text_rgb.pop()), as_hex(*band)) >= 4.5
