"""Copies made from the body laid out once look and read exactly like full builds of the row."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest

from brochure_builder.layout.profiles import SCREEN
from brochure_builder.layout.story import render
from brochure_builder.mailing.covers import CoverCopies
from brochure_builder.pdf.produce import produce
from brochure_builder.source.loading import Document, load, personalise

from .conftest import BUNDLED, MINIMAL

ROWS = [{"name": "Jürgen Weiß"}, {"name": ""},
        {"name": "Małgorzata Łęcka-Brzęczyszczykiewicz, Director of Public Sector Transformation"}]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """The bundled brochure with a name on its cover and its back cover."""
    folder = tmp_path_factory.mktemp("covers")
    (folder / "brochure").mkdir()
    shutil.copytree(BUNDLED.parent.parent / "assets", folder / "assets")
    for file in BUNDLED.parent.glob("*-brand.yaml"):
        (folder / "brochure" / file.name).write_bytes(file.read_bytes())
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace("  kicker: Lithuania\n", '  kicker: For {{ name or "you" }}\n', 1)
    text = text.replace("heading: There is more to discover", "heading: \"{{ name or 'Friend' }}, there is more\"")
    assert text.count("{{") == 2
    source = folder / "brochure" / BUNDLED.name
    source.write_text(text, encoding="utf-8")
    return load(source, template=True)


def pixels(pdf: bytes) -> list[Any]:
    document = pdfium.PdfDocument(pdf)
    return [np.asarray(page.render(scale=1).to_pil().convert("RGB")) for page in document]


def outline(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    with pdf.open_outline() as tree:
        return [(item.title, pages[item.destination[0].objgen]) for item in tree.root]


def structure(node: Any, pages: dict[Any, int]) -> Any:
    """The structure tree as a reader meets it: each element's type, alt text and page, and its
    kids: marked-content ids, link annotations and elements, in order."""
    if isinstance(node, int):
        return node
    if isinstance(node, pikepdf.Array):
        return [structure(kid, pages) for kid in node]
    if node.get("/Type") == "/OBJR":
        return ("OBJR", pages.get(node.Pg.objgen))
    if node.get("/Type") == "/MCR":
        return ("MCR", pages.get(node.Pg.objgen), int(node.MCID))
    kids = node.get("/K")
    page = node.get("/Pg")
    return (str(node.get("/S")), str(node.get("/Alt", "")), pages.get(page.objgen) if page is not None else None,
            structure(kids, pages) if kids is not None else None)


def reading(pdf: bytes) -> dict[str, Any]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = {page.objgen: index for index, page in enumerate(document.pages)}
        opens = document.Root.OpenAction
        tree = document.Root.get("/StructTreeRoot")
        facts = {
            "structure": structure(tree.K, pages) if tree is not None else None,
            "parents": [page.obj.get("/StructParents") for page in document.pages],
            "metadata": str(document.open_metadata()),
            "info": {str(k): str(v) for k, v in document.docinfo.items()},
            "outline": outline(document),
            "labels": repr(document.Root.get("/PageLabels")),
            "opens": (pages[opens[0].objgen], str(opens[1])),
            "viewer": repr(document.Root.get("/ViewerPreferences")),
            "mode": repr(document.Root.get("/PageMode")),
        }
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        facts["text"] = [page.extract_text() for page in document.pages]
        facts["links"] = [[link["uri"] for link in page.hyperlinks] for page in document.pages]
    return facts


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=["accents", "defaults", "long"])
def test_a_copy_looks_and_reads_like_a_full_build(template: Document, row: dict[str, str]) -> None:
    spliced = CoverCopies(template).copy(row)
    assert spliced is not None, "the covers are all that change: the body is laid out once"
    full = produce(personalise(template, row), SCREEN)
    assert spliced[1] == full.pages
    facts = reading(spliced[0])
    assert facts["structure"] is not None, "the copies are tagged"
    assert facts == reading(full.pdf)
    for page, (mine, theirs) in enumerate(zip(pixels(spliced[0]), pixels(full.pdf), strict=True)):
        assert np.array_equal(mine, theirs), f"page {page + 1} differs"
    if row["name"]:
        assert row["name"].split()[0] in reading(spliced[0])["text"][-1]


def test_a_placeholder_in_the_body_gets_a_full_build(write_brochure: Any, project: Path) -> None:
    source = write_brochure(MINIMAL.replace("Hello **world**", "Hello {{ name }}"))
    template = load(source, template=True)
    assert CoverCopies(template).copy({"name": "Ana"}) is None


@pytest.mark.parametrize("cover", ["title: Small [link](https://example.org) {{ name }}",
                                   "title: Small {{ name }}\n  subtitle: see[^a]"])
def test_a_link_or_a_note_on_a_cover_gets_a_full_build(write_brochure: Any, cover: str) -> None:
    notes = "      - kind: sources\n        items: [{ id: a, text: A note }]\nback_cover:"  # a note cited is defined
    source = write_brochure(MINIMAL.replace("title: Small", cover).replace("back_cover:", notes))
    assert CoverCopies(load(source, template=True)).copy({"name": "Ana"}) is None


def test_covers_whose_marked_content_differs_are_not_spliced(template: Document) -> None:
    """A tagged body whose cover has other marked content than the row's: a full build."""
    from brochure_builder.mailing.covers import splice

    body = produce(personalise(template, {}), SCREEN).pdf
    covers = CoverCopies(template)
    document = personalise(template, {"name": "Ana"})
    brochure = document.brochure.model_copy(update={"sections": []})
    from dataclasses import replace

    row_covers = render(replace(document, brochure=brochure)).pdf
    assert splice(body, row_covers) is not None
    with pikepdf.open(io.BytesIO(body)) as pdf:
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        first = pdf.pages[0]
        first.contents_add(pikepdf.Stream(pdf, b"/P <</MCID 0>> BDC EMC"), prepend=True)
        tagged = io.BytesIO()
        pdf.save(tagged)
    assert splice(tagged.getvalue(), row_covers) is None
    assert covers.usable


@pytest.mark.slow
def test_a_copy_is_still_pdf_ua_and_pdf_a(template: Document, tmp_path: Path, verapdf: Any) -> None:
    from .verapdf import failures

    spliced = CoverCopies(template).copy(ROWS[0])
    assert spliced is not None
    path = tmp_path / "copy.pdf"
    path.write_bytes(spliced[0])
    reports = verapdf([path], "ua1", "2a")
    assert not failures(reports), failures(reports)
