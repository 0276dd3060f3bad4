"""The screen file as a screen reader's software reads it: PDF/UA-1 and PDF/A-2a by veraPDF,
every painted thing tagged or an artifact, marks nested properly with text objects, a
structure tree in reading order, and tagged text that reads word for word."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest

from brochure_builder.builder import build_all
from brochure_builder.source.markup import to_reportlab

from .conftest import BUNDLED, FIXTURES
from .content_marks import page_marks
from .verapdf import Report, failures

Reports = dict[tuple[Path, str], Report]


@pytest.fixture(scope="module")
def every_block(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The every-block brochure on A5, in Lithuanian, built once."""
    from .conftest import ROOT

    project = tmp_path_factory.mktemp("every")
    shutil.copytree(ROOT / "assets", project / "assets")
    for image in (FIXTURES / "assets").iterdir():
        shutil.copy(image, project / "assets" / image.name)
    (project / "brochure").mkdir()
    brand = (ROOT / "brochure" / "lithuania-brand.yaml").read_text().replace("size: A4", "size: A5")
    (project / "brochure" / "brand.yaml").write_text(brand)
    shutil.copy(FIXTURES / "every-block.yaml", project / "brochure" / "every-block.yaml")
    return build_all(project / "brochure" / "every-block.yaml", project / "every.pdf", profiles=("screen",))[0].path


@pytest.fixture(scope="module")
def broken(bundled_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of the bundled screen file each broken in one way a screen reader would notice."""
    folder = tmp_path_factory.mktemp("broken")
    return {"foot": _foot_unmarked(bundled_pdf, folder / "foot.pdf"),
            "alt": _figure_without_alt(bundled_pdf, folder / "alt.pdf"),
            "lang": _without_lang(bundled_pdf, folder / "lang.pdf")}


@pytest.fixture(scope="module")
def test_brochures(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The screen files of the test brochures that look nothing like Lithuania."""
    out = tmp_path_factory.mktemp("others")
    brochures = Path(__file__).resolve().parent / "brochures"
    return [build_all(brochures / name / f"{name}.yaml", out / f"{name}.pdf", profiles=("screen",))[0].path
            for name in ("museum", "university", "energy")]


@pytest.fixture(scope="module")
def good_files(bundled_pdf: Path, bundled_lt_pdf: Path, every_block: Path, test_brochures: list[Path]) -> list[Path]:
    return [bundled_pdf, bundled_lt_pdf, every_block, *test_brochures]


@pytest.fixture(scope="module")
def reports(verapdf: Callable[..., Reports], good_files: list[Path], broken: dict[str, Path]) -> Reports:
    """One veraPDF run for every file of this module (the JVM takes seconds to start)."""
    return verapdf([*good_files, *broken.values()], "ua1", "2a")


@pytest.mark.slow
def test_the_screen_files_are_pdf_ua_1_and_pdf_a_2a(reports: Reports, good_files: list[Path]) -> None:
    good = {key: report for key, report in reports.items() if key[0] in good_files}
    assert len(good) == 2 * len(good_files) == 12
    assert not failures(good), failures(good)


@pytest.mark.slow
@pytest.mark.parametrize(("how", "rule"), [("foot", "7.1-3"), ("alt", "7.3-1"), ("lang", "7.2-")])
def test_veraPDF_catches_each_way_of_breaking_it(reports: Reports, broken: dict[str, Path], how: str,
                                                 rule: str) -> None:
    report = reports[broken[how], "ua1"]
    assert not report.compliant
    assert any(found.startswith(rule) for found in report.rules), report.rules


def test_everything_painted_is_tagged_or_an_artifact(good_files: list[Path]) -> None:
    for pdf in good_files:
        for page in page_marks(pdf):
            assert page.unmarked == [], f"{pdf.name} page {page.page}"
            assert page.misnested == [], f"{pdf.name} page {page.page}"
            assert len(page.mcids) == len(set(page.mcids)) and page.mcids, f"{pdf.name} page {page.page}"


def test_the_walk_catches_untagged_and_misnested_content(bundled_pdf: Path, tmp_path: Path) -> None:
    """Guard against a walk that cannot fail."""
    marks = page_marks(_foot_unmarked(bundled_pdf, tmp_path / "foot.pdf"))
    assert marks[1].unmarked
    with pikepdf.open(bundled_pdf) as pdf:
        page = pdf.pages[1]
        code = page.obj.Contents.read_bytes()
        assert b"EMC ET" in code
        page.obj.Contents = pdf.make_stream(code.replace(b"EMC ET", b"ET EMC", 1))
        pdf.save(tmp_path / "nested.pdf")
    assert page_marks(tmp_path / "nested.pdf")[1].misnested


def structure(pdf_path: Path) -> list[tuple[int, str, Any]]:
    """The structure tree in reading order: (depth, role, element)."""
    found: list[tuple[int, str, Any]] = []

    def visit(element: Any, depth: int) -> None:
        found.append((depth, str(element.S)[1:], element))
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                visit(kid, depth + 1)

    with pikepdf.open(pdf_path) as pdf:
        visit(pdf.Root.StructTreeRoot.K[0], 0)
        return [(depth, role, _plain(element)) for depth, role, element in found]


def _plain(element: Any) -> dict[str, str]:
    return {key: str(element[key]) for key in ("/Alt", "/ID") if key in element}


def test_the_structure_reads_like_the_brochure(bundled_pdf: Path) -> None:
    tree = structure(bundled_pdf)
    roles = [role for _depth, role, _e in tree]
    assert roles[0] == "Document" and roles.count("Sect") == 7  # cover, five sections, back cover
    headings = [int(role[1]) for role in roles if re.fullmatch(r"H\d", role)]
    assert headings[0] == 1 and all(b <= a + 1 for a, b in zip(headings, headings[1:]))
    assert roles.count("H1") == 7  # the cover's title, each section's, the back cover's
    alts = [element["/Alt"] for _d, role, element in tree if role == "Figure"]
    assert any(alt.startswith("Slope chart of Lithuania's rank") for alt in alts)
    assert any(alt.startswith("Bar chart of the four highest scores") for alt in alts)
    assert any(alt.startswith("Illustration: three overlapping discs") for alt in alts)
    assert {"BlockQuote", "L", "LI", "LBody", "Lbl", "Caption", "Note", "Reference", "Link"} <= set(roles)
    notes = [element["/ID"] for _d, role, element in tree if role == "Note"]
    assert notes == ["note-baltic-way", "note-freedom-way", "note-gci"]


def test_links_are_tagged_with_their_annotations(every_block: Path) -> None:
    with pikepdf.open(every_block) as pdf:
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                assert "/StructParent" in annotation and str(annotation.Contents)
                assert int(annotation.F) & 4
            assert "/Annots" not in page.obj or page.obj.Tabs == "/S"
        assert pdf.Root.Lang == "lt" and pdf.Root.MarkInfo.Marked


def tagged_words(pdf_path: Path) -> Iterator[tuple[int, str]]:
    """The words of the tagged text, as text extraction by MCID gives them: not artifacts, and
    not the text inside figures (a screen reader reads a figure's alt text instead)."""
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            runs: dict[int, str] = {}
            for char in page.chars:
                if char.get("mcid") is not None and char.get("tag") != "Figure":
                    runs[char["mcid"]] = runs.get(char["mcid"], "") + char["text"]
            for text in runs.values():
                for word in text.replace("\u00ad", "").split():
                    yield page.page_number, word


def vocabulary(source: Path) -> set[str]:
    """Every word the brochure's YAML text gives, as it is set: typographic quotes and dashes,
    upper-cased kickers, without the markup."""
    import yaml

    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            text = re.sub(r"<[^>]+>", " ", to_reportlab(re.sub(r"\[\^[\w-]+\]", " ", node), language="en-GB"))
            text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            words.update(_core(w) for w in text.split())
            words.update(_core(w).upper() for w in text.split())
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(source.read_text(encoding="utf-8")))
    return words


def _core(word: str) -> str:
    """A word without the punctuation around it, and without a note number stuck to it."""
    bare = word.strip("“”‘’\"'.,;:!?()[]^")
    return bare if bare.isdigit() else re.sub(r"\d+$", "", bare) or bare


def test_the_tagged_text_reads_word_for_word(bundled_pdf: Path) -> None:
    known = vocabulary(BUNDLED) | {"Lithuania"}
    strange = [(page, word) for page, word in tagged_words(bundled_pdf)
               if _core(word) not in known and not _core(word).isdigit() and "\u00b7" not in word]
    assert strange == []


def test_the_word_check_catches_glued_and_split_words() -> None:
    known = vocabulary(BUNDLED)
    assert "platform" in known and "for" in known
    assert "platformfor" not in known and "transfor" not in known


def _foot_unmarked(pdf_path: Path, target: Path) -> Path:
    """The running foot of page 2 no longer marked as an artifact."""
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[1]
        code = page.obj.Contents.read_bytes()
        assert b"/Artifact <</Type /Pagination>> BDC" in code
        marked = code.replace(b"/Artifact <</Type /Pagination>> BDC", b"", 1)
        marked = marked[: marked.rindex(b"EMC")] + marked[marked.rindex(b"EMC") + 3:]
        page.obj.Contents = pdf.make_stream(marked)
        pdf.save(target)
    return target


def _figure_without_alt(pdf_path: Path, target: Path) -> Path:
    with pikepdf.open(pdf_path) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if element.get("/S") == "/Figure":
                del element["/Alt"]
                break
            kids = element.get("/K")
            stack += [k for k in (kids if isinstance(kids, pikepdf.Array) else [kids])
                      if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        pdf.save(target)
    return target


def _without_lang(pdf_path: Path, target: Path) -> Path:
    with pikepdf.open(pdf_path) as pdf:
        del pdf.Root["/Lang"]
        pdf.save(target)
    return target
