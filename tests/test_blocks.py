"""Every block kind, on A5 and in Lithuanian, through the whole pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from brochure_builder import build

from .conftest import FIXTURES, MINIMAL


@pytest.fixture
def every_block(project: Path) -> Path:
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace("size: A4", "size: A5"))
    for image in (FIXTURES / "assets").iterdir():
        shutil.copy(image, project / "assets" / image.name)
    target = project / "brochure" / "every-block.yaml"
    shutil.copy(FIXTURES / "every-block.yaml", target)
    return target


def test_every_block_kind_renders(every_block: Path, tmp_path: Path) -> None:
    build(every_block, tmp_path / "every.pdf")
    with pdfplumber.open(tmp_path / "every.pdf") as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
        assert [round(float(v), 1) for v in pdf.pages[0].mediabox] == [0, 0, 419.5, 595.3]
    for expected in ("Visi blokai", "Ąčęėįšųūž", "Pirmas punktas", "„kabutėmis“", "Bandymų komanda",
                     "7 km", "Kortelė", "Stulpeliai", "JPEG nuotrauka", "Langelis su tekstu",
                     "Trečias stulpelis", "Bandymo šaltinis", "Pabaiga", "Iš viso 710,6 100%"):
        assert expected in text, expected
    with pikepdf.open(tmp_path / "every.pdf") as pdf:
        uris = [str(a.A.URI) for p in pdf.pages for a in p.obj.get("/Annots", []) if "/A" in a and "/URI" in a.A]
        images = [x for p in pdf.pages for x in p.obj.Resources.get("/XObject", {}).values()
                  if x.get("/Subtype") == "/Image"]
    assert uris == ["https://example.org/lt"]
    assert len(images) == 2  # the JPEG and the PNG; charts and SVG stay vector


def test_letter_pages(write_brochure, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace("size: A4", "size: Letter"))
    build(write_brochure(MINIMAL), tmp_path / "letter.pdf")
    with pikepdf.open(tmp_path / "letter.pdf") as pdf:
        assert [round(float(v), 1) for v in pdf.pages[0].mediabox] == [0, 0, 612.0, 792.0]


def test_a_first_section_that_does_not_ask_for_a_new_page_still_starts_after_the_cover(
    write_brochure, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    source = write_brochure(MINIMAL.replace("  - title: Only section\n", "  - title: Only section\n    new_page: false\n"))
    build(source, tmp_path / "flow.pdf")
    with pdfplumber.open(tmp_path / "flow.pdf") as pdf:
        assert "Hello" not in (pdf.pages[0].extract_text() or "")
        assert "Only section" in pdf.pages[1].extract_text()


def test_a_paragraph_rewrapped_at_another_width_breaks_its_lines_again() -> None:
    """Line breaks are kept per width: the same width reuses them, a new width breaks again."""
    from reportlab.lib.styles import ParagraphStyle

    from brochure_builder.layout.paragraph import Paragraph

    para = Paragraph("word " * 60, ParagraphStyle("t", fontSize=10, leading=12))
    wide = para.wrap(400, 1000)
    lines = len(para.blPara.lines)
    narrow = para.wrap(100, 1000)
    assert narrow[1] > wide[1] and len(para.blPara.lines) > lines
    assert para.wrap(400, 1000) == wide and len(para.blPara.lines) == lines
    assert para.wrap(0, 1000) == (0, 0x7FFFFFFF)  # too narrow: nothing is kept
    assert para.wrap(100, 1000) == narrow


def test_a_long_word_fits_each_width_it_is_wrapped_at() -> None:
    """A word wider than the line is broken as often as the width needs: a paragraph wrapped
    first in a wide column and then in a narrow one is broken for the narrow one too."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from brochure_builder.layout.paragraph import Paragraph

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, language="en-GB")
    word = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 3  # no dictionary breaks it: cut where it must be
    para = Paragraph(f"The {word} came.", style)
    for width in (stringWidth(word, "Helvetica", 10) * 0.8, 60.0, 200.0, 40.0):
        para.wrap(width, 1000)
        lines = [" ".join(line[1]).replace("\u00ad", "-") for line in para.blPara.lines]
        assert max(stringWidth(line, "Helvetica", 10) for line in lines) <= width + 0.01, width
        inside = [line for line, after in zip(lines, lines[1:]) if not (line == "The" or after.startswith("came"))]
        assert all(line.endswith("-") for line in inside), (width, lines)  # each break shows
    assert para.getPlainText().replace("\u00ad", "") == f"The {word} came."


def test_paragraphs_of_the_same_markup_share_the_parse_not_the_fragments() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as ReportLabParagraph

    from brochure_builder.layout.paragraph import Paragraph

    style = ParagraphStyle("t", fontSize=10, leading=12)
    markup = 'Some <b>bold</b> &amp; <i>italic</i> text, <a href="https://example.org">a link</a>.'
    first, second = Paragraph(markup, style), Paragraph(markup, ParagraphStyle("t", fontSize=10, leading=12))
    plain = ReportLabParagraph(markup, style)
    assert [vars(f) for f in first.frags] == [vars(f) for f in second.frags] == [vars(f) for f in plain.frags]
    assert not {id(f) for f in first.frags} & {id(f) for f in second.frags}
    bigger = Paragraph(markup, ParagraphStyle("t", fontSize=14, leading=16))
    assert {f.fontSize for f in bigger.frags} == {14}  # another style: parsed again
    child = Paragraph(markup, ParagraphStyle("child", parent=style, fontSize=7))  # after its parent's
    assert {f.fontSize for f in child.frags} == {7}


def test_notes_are_numbered_as_the_reader_meets_them(write_brochure, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from .conftest import MINIMAL

    source = write_brochure(MINIMAL.replace("text: Hello **world** & <friends>.\n", """text: First cites alpha.[^alpha]
      - kind: paragraph
        text: Then beta.[^beta] And alpha again.[^alpha]
      - kind: sources
        items:
          - { id: beta, text: Beta source }
          - { id: gamma, text: "Gamma source, cited nowhere" }
          - { id: alpha, text: Alpha source }
"""))
    build(source, tmp_path / "notes.pdf")
    with pdfplumber.open(tmp_path / "notes.pdf") as pdf:
        page = pdf.pages[1]
        text = " ".join((page.extract_text() or "").split())
        body = max(c["size"] for c in page.chars if c["text"] == "F")
        above_sources = page.search("Sources")[0]["top"]
        marks = sorted((round(c["top"]), c["x0"], c["text"]) for c in page.chars
                       if c["text"].isdigit() and c["size"] < body * 0.9 and c["top"] < above_sources)
    assert [mark for _top, _x, mark in marks] == ["1", "2", "1"]  # alpha, beta, alpha again
    assert text.index("1. Alpha source") < text.index("2. Beta source") < text.index("3. Gamma source")


def test_what_one_process_remembers_changes_no_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared drawings, parses, line breaks and balanced widths: a second build in the same
    process, and a build with the memories off, give the bytes of the first, screen and print."""
    from brochure_builder import cache
    from brochure_builder.builder import build_all
    from brochure_builder.layout import flowables, paragraph

    from .conftest import BUNDLED

    def pdfs(name: str) -> list[bytes]:
        return [r.path.read_bytes() for r in build_all(BUNDLED, tmp_path / f"{name}.pdf")]

    first, again = pdfs("first"), pdfs("again")
    monkeypatch.setattr(paragraph, "_fragments", lambda _text, _style: None)
    monkeypatch.setattr(paragraph.Paragraph, "wrap", paragraph.ReportLabParagraph.wrap)
    monkeypatch.setattr(flowables, "_balanced", {})
    monkeypatch.setattr(cache, "shared", cache.cached)
    assert first == again == pdfs("plain")
