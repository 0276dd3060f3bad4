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
import yaml

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


def link_texts(pdf_path: Path) -> list[tuple[str, str]]:
    """For each link annotation, the text under its rectangle and the text of the marked
    content of the structure element the annotation's StructParent names."""
    found = []
    with pikepdf.open(pdf_path) as pdf, pdfplumber.open(pdf_path) as plumbed:
        parents = dict(pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree).items())
        for page, plumbed_page in zip(pdf.pages, plumbed.pages):
            height = float(page.MediaBox[3])
            for annotation in page.obj.get("/Annots", []):
                element = parents[int(annotation.StructParent)]
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                mcids = {int(kid) for kid in kids if isinstance(kid, int)}
                x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
                under = "".join(c["text"] for c in plumbed_page.chars
                                if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1
                                and height - y1 - 1 <= (c["top"] + c["bottom"]) / 2 <= height - y0 + 1)
                marked = "".join(c["text"] for c in plumbed_page.chars if c.get("mcid") in mcids)
                found.append((under.strip(), marked))
    return found


def test_each_link_annotation_belongs_to_the_link_it_covers(tmp_path: Path) -> None:
    """Each annotation's structure element is the Link whose text lies under it: a link over
    two lines (an annotation for each), links after it, a note mark, a paragraph that is one
    link. (A link ReportLab made no annotation for, an empty address, once shifted every later
    one; it is refused at load now, and annotations are matched to links by where they lead.)"""
    from .conftest import make_project

    project = make_project(tmp_path)
    source = project / "brochure" / "links.yaml"
    source.write_text(yaml.safe_dump({
        "meta": {"title": "Links", "author": "Tests"}, "brand": "brand.yaml",
        "cover": {"title": "Links"}, "back_cover": {"heading": "The end"},
        "sections": [{"title": "Links", "blocks": [
            {"kind": "paragraph", "text": "First " + "words before the link, " * 3 + "[a link whose text is long "
                                          "enough to run over the end of a line](https://long.example) then "
                                          "[alpha](https://alpha.example) and [beta](https://beta.example), cited.[^n]"},
            {"kind": "paragraph", "text": "[A whole paragraph that is one link](https://whole.example)"},
            {"kind": "sources", "items": [{"id": "n", "text": "A note"}]}]}]}), encoding="utf-8")
    pdf = build_all(source, tmp_path / "links.pdf", profiles=("screen",))[0].path
    pairs = link_texts(pdf)
    assert [under for under, _marked in pairs] == [
        "a link whose text is long enough to", "run over the end of a line", "alpha", "beta", "1",
        "A whole paragraph that is one link"]
    assert all(under.replace(" ", "") in marked.replace(" ", "") for under, marked in pairs), pairs


def tagged_words(pdf_path: Path) -> Iterator[tuple[int, str]]:
    """The words of the tagged text, as text extraction by MCID gives them: not artifacts, and
    not the text inside figures (a screen reader reads a figure's alt text instead). A run of
    marked text that ends in a soft hyphen goes on in the next run (a word broken at the foot
    of a column or page); other runs are apart."""
    runs: list[tuple[int, str]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            marked: dict[int, str] = {}
            for char in page.chars:
                if char.get("mcid") is not None and char.get("tag") != "Figure":
                    marked[char["mcid"]] = marked.get(char["mcid"], "") + char["text"]
            runs += [(page.page_number, marked[mcid]) for mcid in sorted(marked)]
    word, start = "", 0
    for number, text in runs:
        for piece in re.split(r"(\s+)", text):
            if piece.isspace() or not piece:
                if word and piece:
                    yield start, word.replace("\u00ad", "")
                    word = ""
                continue
            word, start = word + piece, start if word else number
        if word and not word.endswith("\u00ad"):
            yield start, word.replace("\u00ad", "")
            word = ""
    if word:
        yield start, word.replace("\u00ad", "")


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
    bare = word.strip("„“”‘’\"'.,;:!?()[]^")
    return bare if bare.isdigit() else re.sub(r"\d+$", "", bare) or bare


def catalogue_vocabulary(catalogue: Path, language: str) -> set[str]:
    """Every word of a translation catalogue, as the brochure sets it (both sides: a text may
    be left untranslated)."""
    from babel.messages.pofile import read_po

    with catalogue.open("rb") as file:
        texts = [text for message in read_po(file) if message.id for text in (message.id, message.string)]
    return _words_of(texts, language)


def _words_of(texts: list[str], language: str) -> set[str]:
    words: set[str] = set()
    for text in texts:
        set_text = re.sub(r"<[^>]+>", " ", to_reportlab(re.sub(r"\[\^[\w-]+\]", " ", text), language=language))
        for word in set_text.replace("&amp;", "&").split():
            words.update((_core(word), _core(word).upper()))
    return words


def strange_words(pdf_path: Path, known: set[str]) -> list[tuple[int, str]]:
    return [(page, word) for page, word in tagged_words(pdf_path)
            if _core(word) not in known and not re.fullmatch(r"[\d.,%]+", _core(word)) and "\u00b7" not in word]


def test_the_tagged_text_reads_word_for_word(bundled_pdf: Path) -> None:
    assert strange_words(bundled_pdf, vocabulary(BUNDLED) | {"Lithuania"}) == []


def test_words_held_by_no_break_spaces_read_whole_where_a_line_hyphenates_them(bundled_lt_pdf: Path) -> None:
    """Lithuanian text has no-break spaces (after short words, in numbers) in lines that end
    in a hyphen added by line breaking: the word so broken reads whole ("Vil- niaus" was
    read as two words when the no-break space threw the line-following off)."""
    known = catalogue_vocabulary(BUNDLED.with_suffix(".lt.po"), "lt") | vocabulary(BUNDLED)
    assert strange_words(bundled_lt_pdf, known) == []


def test_every_block_reads_word_for_word(every_block: Path) -> None:
    known = vocabulary(FIXTURES / "every-block.yaml") | {"Lithuania", "Šaltiniai"}  # the notes' title in lt
    found = strange_words(every_block, known)
    assert found == [], repr(found)[:3000]


def test_hyphenated_words_in_narrow_columns_read_whole(tmp_path: Path) -> None:
    """Three columns of long words, dashes and no-break spaces on A5: many lines end in a
    hyphen line breaking added, and some lines end after a dash that needs none."""
    from .conftest import make_project

    project = make_project(tmp_path)
    text = ("Decentralisation – the interoperability of telecommunications infrastructure – "
            "needs 2\u00a0000 internationalisation specialists; 1989–1991 counterrevolutionary "
            "characterisations of institutionalisation. ") * 6
    source = project / "brochure" / "narrow.yaml"
    source.write_text(yaml.safe_dump({
        "meta": {"title": "Narrow columns", "author": "Tests", "language": "en-GB"}, "brand": "brand.yaml",
        "cover": {"title": "Narrow columns"},
        "sections": [{"title": "Words", "blocks": [{"kind": "columns", "count": 3, "blocks": [
            {"kind": "paragraph", "text": text}]}]}],
        "back_cover": {"heading": "The end"}}, allow_unicode=True), encoding="utf-8")
    brand = (project / "brochure" / "brand.yaml")
    brand.write_text(brand.read_text().replace("size: A4", "size: A5"))
    pdf = build_all(source, tmp_path / "narrow.pdf", profiles=("screen",))[0].path
    hyphened = sum(1 for _page, word in tagged_words(pdf) if word.endswith("-"))
    found = strange_words(pdf, _words_of([text, "Narrow columns Words Lithuania The end"], "en-GB"))
    assert found == [], repr(found)[:3000]
    assert hyphened == 0


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
