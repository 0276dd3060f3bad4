"""Translations: the catalogue template, updating a catalogue, and building with one."""

from __future__ import annotations

import io
import math
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import pdfplumber
import pikepdf
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from pydantic import BaseModel

from brochure_builder.cli import main
from brochure_builder.errors import ContentError, ExitStatus
from brochure_builder.source import content
from brochure_builder.source.loading import load
from brochure_builder.source.schema import NotProse
from brochure_builder.source.textfields import NOT_TEXT
from brochure_builder.source.theme import Brand
from brochure_builder.source.translation.catalogue import template
from brochure_builder.source.translation.fields import FOLLOWS
from brochure_builder.source.yamlsource import MarkedDocument

from .conftest import ROOT

TEXTS_A_READER_SEES = {
    "meta.title", "meta.subject", "meta.keywords", "cover.kicker", "cover.title", "cover.subtitle",
    "cover.pillars", "sections.title", "sections.kicker", "heading.text", "paragraph.text", "bullets.items",
    "quote.text", "quote.attribution", "stats.items.value", "stats.items.label", "stats.items.source",
    "cards.items.title", "cards.items.text", "chart.title", "chart.alt", "chart.source", "chart.data.label",
    "chart.data.note", "image.alt", "image.caption", "callout.title", "callout.text", "timeline.items.when",
    "timeline.items.text", "sources.title", "sources.items.text", "back_cover.heading", "back_cover.text",
    "back_cover.note",
}
"""The text fields the issue names, by the context their entries get."""


class Sample:
    """A brochure's data made from the schema alone: every field filled, every block kind present
    (inside columns too), each string a distinct marker; and which markers sit in text fields."""

    def __init__(self) -> None:
        self.count = 0
        self.texts: dict[str, str] = {}  # marker -> context

    def model(self, model: type[BaseModel], context: str, depth: int = 0) -> dict[str, Any]:
        if "kind" in model.model_fields:
            context = str(model.model_fields["kind"].default)
        data: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            is_text = name not in NOT_TEXT and name not in FOLLOWS and not any(
                getattr(item, "pattern", None) for item in info.metadata) and not _not_prose(info.metadata)
            data[name] = self.value(info.annotation, f"{context}.{name}" if context else name, is_text, depth)
        return data

    def value(self, annotation: Any, context: str, is_text: bool, depth: int) -> Any:
        origin, args = get_origin(annotation), get_args(annotation)
        if origin is Annotated:
            return self.value(args[0], context, is_text and not _not_prose(args[1:]), depth)
        if annotation is str:
            self.count += 1
            marker = f"Text number {self.count}"
            if is_text:
                self.texts[marker] = context
            return marker
        if origin is list:
            item = self.value(args[0], context, is_text, depth)
            return item if _is_block_union(args[0]) else [item]
        if origin is Literal:
            return args[0]
        if type(None) in args:  # optional
            return self.value(next(a for a in args if a is not type(None)), context, is_text, depth)
        if _is_block_union(annotation):  # a block of each kind
            return [self.model(a, context, depth + 1) for a in args] if depth < 2 else []
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.model(annotation, context, depth)
        return 1


def _not_prose(metadata: Any) -> bool:
    return any(isinstance(item, NotProse) for item in metadata)


def _is_block_union(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return _is_block_union(get_args(annotation)[0])
    args = get_args(annotation)
    return bool(args) and all(isinstance(a, type) and issubclass(a, BaseModel) for a in args)


def test_extract_finds_every_text_field_of_the_schema() -> None:
    sample = Sample()
    catalog = template(MarkedDocument(Path("sample.yaml"), sample.model(content.Brochure, "")))
    found = {(m.context, m.id) for m in catalog if m.id}
    assert {(context, marker) for marker, context in sample.texts.items()} - found == set()
    assert {m.id for m in catalog if m.id} <= set(sample.texts)  # no settings, names or paths
    assert TEXTS_A_READER_SEES <= {context for context, _ in found}
    assert any(re.search(r"blocks\[\d+\]\.blocks\[", c) for m in catalog for c in m.auto_comments)  # columns


def test_extract_offers_the_brands_name_and_none_of_its_names_and_codes() -> None:
    """Colour names (``charts.series``), a printing condition's identifier, name and registry are
    for the machine and the press, never read in the brochure: a translated one would break it."""
    sample = Sample()
    brand = MarkedDocument(Path("brand.yaml"), sample.model(Brand, "brand"))
    catalog = template(MarkedDocument(Path("sample.yaml"), {}), brand)
    assert sorted(m.context for m in catalog if m.id) == ["brand.name"]


BROCHURE = """
meta:
  title: A small brochure
  author: Tests
brand: brand.yaml
cover:
  title: Small
sections:
  - title: Facts
    blocks:
      - kind: paragraph
        text: >
          Hello **world**, dear {{ name }}.[^a]
      - kind: chart
        chart: bar
        title: Two bars
        alt: Two bars, one highlighted
        source: Our own count
        highlight: Lithuania
        data:
          - { label: Lithuania, value: 2 }
          - { label: Latvia, value: 1 }
      - kind: sources
        items:
          - id: a
            text: A source.
back_cover:
  heading: The end
"""

LITHUANIAN = {
    "A small brochure": "Maža brošiūra", "Tests": "Testai", "Small": "Maža", "Facts": "Faktai",
    "Hello **world**, dear {{ name }}.[^a]": "Sveikas, **pasauli**, mielas {{ name }}.[^a]",
    "Two bars": "Du stulpeliai", "Two bars, one highlighted": "Du stulpeliai, vienas paryškintas",
    "Our own count": "Mūsų skaičiavimas", "Lithuania": "Lietuva", "Latvia": "Latvija",
    "A source.": "Šaltinis.", "Sources": "Šaltiniai", "The end": "Pabaiga",
}


@pytest.fixture
def brochure(write_brochure: Callable[[str], Path]) -> Path:
    return write_brochure(BROCHURE)


def po_entries(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def translate(path: Path, translations: dict[str, str], *, fuzzy: frozenset[str] = frozenset()) -> None:
    """Fill the catalogue ``path`` the way a translator would."""
    catalog = po_entries(path)
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
            if message.id in fuzzy:
                message.flags.add("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    path.write_bytes(buffer.getvalue())


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def msgid_line(catalogue: Path, english: str) -> int:
    return line_of(catalogue, f'msgid "{english}')


def test_extract_writes_a_template_with_contexts_and_places(brochure: Path) -> None:
    assert main(["translate", "extract", str(brochure)]) == ExitStatus.SUCCESS
    pot = brochure.with_suffix(".pot").read_text(encoding="utf-8")
    assert f'#. sections[0].blocks[0].text\n#: test.yaml:{line_of(brochure, "Hello") - 1}\nmsgctxt "paragraph.text"\n' \
           'msgid "Hello **world**, dear {{ name }}.[^a]"' in pot  # folded: no trailing newline
    assert 'msgctxt "chart.data.label"\nmsgid "Lithuania"' in pot
    assert 'msgctxt "brand.name"\nmsgid "Lithuania"' in pot  # same English, another field: its own entry
    assert "#: brand.yaml:" in pot
    assert 'msgctxt "sources.title"\nmsgid "Sources"' in pot  # the English default a reader sees
    assert 'msgctxt "chart.highlight"' not in pot  # it follows its label


def test_build_with_a_catalogue(brochure: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "update", str(brochure), "--lang", "lt"]) == ExitStatus.SUCCESS
    catalogue = brochure.with_name("test.lt.po")
    translate(catalogue, LITHUANIAN)
    output = tmp_path / "out" / "test.pdf"
    assert main(["build", str(brochure), "--lang", "all", "-o", str(output), "--imposition", "booklet"]) == 0
    assert sorted(p.name for p in output.parent.iterdir()) == [
        "test-booklet.pdf", "test-lt-booklet.pdf", "test-lt-print.pdf", "test-lt.pdf", "test-print.pdf", "test.pdf"]
    with pdfplumber.open(output.with_name("test-lt.pdf")) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    for word in ("Maža brošiūra", "Sveikas, pasauli", "Du stulpeliai", "Šaltiniai", "Pabaiga", "Lietuva"):
        assert word in text
    assert "Hello" not in text and "Sources" not in text
    with pikepdf.open(output.with_name("test-lt.pdf")) as pdf:
        assert str(pdf.Root.Lang) == "lt"
        assert str(pdf.docinfo["/Title"]) == "Maža brošiūra"
    assert load(brochure, language="lt").brochure.sections[0].blocks[1].highlight == "Lietuva"  # type: ignore[union-attr]
    assert "translation yet" not in capsys.readouterr().err


def test_missing_and_fuzzy_translations_are_one_warning_and_errors_with_strict(
    brochure: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["translate", "update", str(brochure), "--lang", "lt"])
    catalogue = brochure.with_name("test.lt.po")
    translate(catalogue, {k: v for k, v in LITHUANIAN.items() if k != "Facts"}, fuzzy=frozenset({"The end"}))
    capsys.readouterr()
    output = tmp_path / "test.pdf"
    assert main(["build", str(brochure), "--lang", "lt", "-o", str(output), "--profile", "screen"]) == 0
    err = capsys.readouterr().err
    assert err.count("translation yet") == 1
    assert "2 text(s) have no Lithuanian translation yet; the original is used for them:" in err
    assert f"{catalogue}:{msgid_line(catalogue, 'Facts')}:1: sections[0].title: 'Facts' is not translated yet" in err
    assert f"{catalogue}:{msgid_line(catalogue, 'The end')}:1: back_cover.heading: the translation of " \
           "'The end' is fuzzy" in err
    with pdfplumber.open(output.with_name("test-lt.pdf")) as pdf:
        assert "Facts" in pdf.pages[1].extract_text()
    assert main(["build", str(brochure), "--lang", "lt", "-o", str(output), "--strict"]) == 1
    assert err.count("(an error with --strict)") == 0 and capsys.readouterr().err.count("--strict)") == 2


def test_a_text_missing_from_the_catalogue_points_at_the_yaml(brochure: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["translate", "update", str(brochure), "--lang", "lt"])
    translate(brochure.with_name("test.lt.po"), LITHUANIAN)
    brochure.write_text(brochure.read_text(encoding="utf-8").replace("title: Facts", "title: New facts"),
                        encoding="utf-8")
    document = load(brochure, language="lt")
    assert [str(p) for p in document.untranslated] == [
        f"{brochure}:{line_of(brochure, 'New facts')}:12: sections[0].title: 'New facts' is not in test.lt.po: "
        f"run brochure translate update {brochure} --lang lt"]


@pytest.mark.parametrize(("translation", "complaint"), [
    ("Sveikas, **pasauli, mielas {{ name }}.[^a]", "it has 0 bold (**…**) span(s) where the original has 1"),
    ("Sveikas, **pasauli**, mielas.[^a]", "it drops the placeholder {{ name }}"),
    ("Sveikas, **pasauli**, mielas {{ vardas }}.[^a]",
     "it drops the placeholder {{ name }}; it adds the placeholder {{ vardas }}, which the original does not have"),
    ("Sveikas, **pasauli**, mielas {{ name }}.", "it drops the source note [^a]"),
])
def test_a_translation_that_breaks_markup_or_placeholders_is_an_error_at_its_po_line(
    brochure: Path, translation: str, complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["translate", "update", str(brochure), "--lang", "lt"])
    catalogue = brochure.with_name("test.lt.po")
    translate(catalogue, {**LITHUANIAN, "Hello **world**, dear {{ name }}.[^a]": translation})
    capsys.readouterr()
    assert main(["validate", str(brochure), "--lang", "lt"]) == ExitStatus.CONTENT_ERROR
    err = capsys.readouterr().err
    line = msgid_line(catalogue, "Hello **world**")
    assert f"error: {catalogue}:{line}:1: sections[0].blocks[0].text: the translation breaks the original " \
           f"'Hello **world**, dear {{{{ name }}}}.[^a]': {complaint}" in err


DEFAULTED = 'Hello **world**, dear {{ name or "friend" }}.[^a]'


@pytest.mark.parametrize(("translation", "outcome"), [
    ('Sveikas, **pasauli**, mielas {{ name or "drauge" }}.[^a]', "mielas drauge."),
    ("Sveikas, **pasauli**, mielas {{ name }}.[^a]", "mielas {{ name }}."),
    ("Sveikas, **pasauli**, mielas.[^a]", "it drops the placeholder {{ name }}"),
    ('Sveikas, **pasauli**, mielas {{ vardas or "drauge" }}.[^a]',
     "it drops the placeholder {{ name }}; it adds the placeholder {{ vardas }}, which the original does not have"),
])
def test_a_placeholders_default_is_translated_and_its_column_kept(
    write_brochure: Callable[[str], Path], tmp_path: Path, translation: str, outcome: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    brochure = write_brochure(BROCHURE.replace("dear {{ name }}", 'dear {{ name or "friend" }}'))
    main(["translate", "update", str(brochure), "--lang", "lt"])
    catalogue = brochure.with_name("test.lt.po")
    translate(catalogue, {**LITHUANIAN, DEFAULTED: translation})
    capsys.readouterr()
    output = tmp_path / "test.pdf"
    status = main(["build", str(brochure), "--lang", "lt", "-o", str(output), "--profile", "screen"])
    err = capsys.readouterr().err
    if outcome.startswith("it "):
        assert status == ExitStatus.CONTENT_ERROR
        assert f"{catalogue}:{msgid_line(catalogue, 'Hello **world**')}:1: sections[0].blocks[0].text: the " \
               f"translation breaks the original '{DEFAULTED}': {outcome}" in err
        return
    assert status == ExitStatus.SUCCESS, err
    with pdfplumber.open(output.with_name("test-lt.pdf")) as pdf:
        assert f"Sveikas, pasauli, {outcome}" in pdf.pages[1].extract_text()


CSV_CHART = """      - kind: chart
        chart: donut
        title: Land
        alt: Two kinds of land
        source: Our own count
        data_from: land.csv
"""


def test_labels_from_a_data_file_print_as_written_and_the_readme_says_so(
    write_brochure: Callable[[str], Path], tmp_path: Path
) -> None:
    """The README's promise (Translations): a CSV file's labels are not in the catalogue and are
    printed as the file has them in every edition."""
    brochure = write_brochure(BROCHURE.replace("      - kind: sources\n", CSV_CHART + "      - kind: sources\n"))
    brochure.with_name("land.csv").write_text("label,value\nForests,60\nFields,40\n", encoding="utf-8")
    assert main(["translate", "update", str(brochure), "--lang", "lt"]) == ExitStatus.SUCCESS
    catalogue = brochure.with_name("test.lt.po")
    assert "Forests" not in catalogue.read_text(encoding="utf-8")  # nor its chart.data.label
    translate(catalogue, {**LITHUANIAN, "Land": "Žemė"})
    output = tmp_path / "test.pdf"
    assert main(["build", str(brochure), "--lang", "lt", "-o", str(output), "--profile", "screen"]) == 0
    with pdfplumber.open(output.with_name("test-lt.pdf")) as pdf:
        text = pdf.pages[1].extract_text()
    assert "Žemė" in text and "Forests" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    translations = readme.split("\n## Translations\n")[1].split("\n## ")[0]
    assert "**Data files are not translated**" in translations and "`data_from`" in translations


def test_a_character_the_font_lacks_in_a_translation_points_at_the_po_file(brochure: Path) -> None:
    main(["translate", "update", str(brochure), "--lang", "lt"])
    catalogue = brochure.with_name("test.lt.po")
    translate(catalogue, {**LITHUANIAN, "Facts": "Faktai ✓"})
    with pytest.raises(ContentError) as caught:
        load(brochure, language="lt")
    assert str(caught.value.problems[0]).startswith(
        f"{catalogue}:{msgid_line(catalogue, 'Facts')}:1: sections[0].title: character '✓'")


def test_update_keeps_translations_marks_changed_ones_fuzzy_and_drops_obsolete_ones(
    brochure: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["translate", "update", str(brochure), "--lang", "lt"])
    catalogue = brochure.with_name("test.lt.po")
    translate(catalogue, LITHUANIAN)
    text = brochure.read_text(encoding="utf-8")
    brochure.write_text(text.replace("Two bars, one highlighted", "Two bars, one of them highlighted")
                        .replace("heading: The end", "heading: Something else entirely"), encoding="utf-8")
    capsys.readouterr()
    assert main(["translate", "update", str(brochure), "--lang", "lt"]) == ExitStatus.SUCCESS
    assert "(12 translated, 1 fuzzy, 1 untranslated, 1 obsolete dropped)" in capsys.readouterr().out
    catalog = po_entries(catalogue)
    assert catalog.get("Facts", context="sections.title").string == "Faktai"
    changed = catalog.get("Two bars, one of them highlighted", context="chart.alt")
    assert changed.fuzzy and changed.string == "Du stulpeliai, vienas paryškintas"
    assert catalog.get("Something else entirely", context="back_cover.heading").string == ""
    assert "The end" not in catalogue.read_text(encoding="utf-8")  # no #~ leftovers either
    before = catalogue.read_bytes()
    assert main(["translate", "update", str(brochure), "--lang", "all"]) == ExitStatus.SUCCESS
    assert "is up to date" in capsys.readouterr().out
    assert catalogue.read_bytes() == before


def test_catalogue_problems_are_reported_with_their_place(brochure: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(brochure), "--lang", "lt"]) == ExitStatus.CONTENT_ERROR
    assert f"{brochure.with_name('test.lt.po')}: no catalogue for 'lt' (catalogues: none); start one with: " \
           f"brochure translate update {brochure} --lang lt" in capsys.readouterr().err
    brochure.with_name("test.lt.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstrr "b"\n', encoding="utf-8")
    assert main(["build", str(brochure), "--lang", "lt"]) == ExitStatus.CONTENT_ERROR
    assert f"{brochure.with_name('test.lt.po')}:5:1: not a valid PO file: Unknown or misformatted keyword" \
           in capsys.readouterr().err
    assert main(["build", str(brochure), "--lang", "x!"]) == ExitStatus.USAGE_ERROR
    assert "'x!' is not a language tag Babel knows" in capsys.readouterr().err


def test_a_new_language_starts_from_the_template(brochure: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "update", str(brochure), "--lang", "lt-LT"]) == ExitStatus.SUCCESS
    catalogue = brochure.with_name("test.lt-LT.po")
    assert "(0 translated, 0 fuzzy, 14 untranslated)" in capsys.readouterr().out
    text = catalogue.read_text(encoding="utf-8")
    assert '"Language: lt_LT\\n"' in text and "# Lithuanian (Lithuania) translations of test.yaml" in text
    translate(catalogue, LITHUANIAN)
    assert load(brochure, language="lt-LT").brochure.meta.language == "lt-LT"


PSEUDO_ACCENTS = str.maketrans("aceiouszAEIOUSZ", "ąčęįõųšžĄĘĮÕŲŠŽ")
KEPT = re.compile(r"(\{\{.*?\}\}|\[\^[^\]]+\]|\]\([^)]*\)|\*+|\[)")
"""What a pseudo-translation keeps as it is: placeholders, notes, link targets and markup."""


def pseudo(text: str) -> str:
    """Every word accented and half as long again (the text some 40% longer), marked ‹…›."""
    def lengthen(match: re.Match[str]) -> str:
        word = match.group(0)
        return (word + word.lower() * 2)[: len(word) + math.ceil(len(word) / 2)].translate(PSEUDO_ACCENTS)

    parts = KEPT.split(text)
    return "‹" + "".join(p if i % 2 else re.sub(r"[A-Za-z]+", lengthen, p) for i, p in enumerate(parts)) + "›"


@pytest.fixture(scope="module")
def pseudo_brochure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled brochure whose Lithuanian catalogue is a pseudo-translation."""
    from brochure_builder.pdf.output import write_atomically
    from brochure_builder.source.translation.catalogue import merge, po_bytes

    root = tmp_path_factory.mktemp("pseudo")
    for folder in ("brochure", "assets"):
        shutil.copytree(ROOT / folder, root / folder)
    source = root / "brochure" / "lithuania.yaml"
    source.with_name("lithuania.lt.po").unlink()
    document = load(source)
    catalog = merge(document.source, document.brand_source, "lt").catalog
    for message in catalog:
        if message.id:
            message.string = pseudo(message.id)
    write_atomically(source.with_name("lithuania.lt.po"), po_bytes(catalog))
    return source


def test_a_pseudo_translation_keeps_markup_and_is_40_percent_longer(pseudo_brochure: Path) -> None:
    catalog = read_po(pseudo_brochure.with_name("lithuania.lt.po").open("rb"))
    english = sum(len(m.id) for m in catalog if m.id)
    assert sum(len(m.string) for m in catalog if m.id) >= 1.4 * english
    assert pseudo("**A clear** [x](https://e.eu) {{ name }}[^gci]") == \
        "‹**Ąą člęąrčlę** [xx](https://e.eu) {{ name }}[^gci]›"


@pytest.mark.slow
def test_a_pseudo_translation_reaches_every_text_on_the_page(pseudo_brochure: Path, bundled_pdf: Path,
                                                            tmp_path: Path) -> None:
    from brochure_builder.builder import build

    result = build(pseudo_brochure, tmp_path / "pseudo.pdf", language="lt")
    assert result.path.name == "pseudo-lt.pdf"
    english = set(re.findall(r"[A-Za-z]{2,}", text_of(bundled_pdf)))
    left = english & set(re.findall(r"[^\W\d_]{2,}", text_of(result.path)))
    assert left <= CHART_WORDS


CHART_WORDS = {"Rank", "st", "is", "best", "th", "km"}
"""English the charts draw that is not the brochure's text: the rank chart's axis title and
ordinals (charts/kinds.py), and the unit in a chart's ``value_format`` (a setting)."""


@pytest.mark.slow
def test_a_pseudo_translation_fits_its_frames(pseudo_brochure: Path, tmp_path: Path) -> None:
    from brochure_builder.builder import build_all

    results = build_all(pseudo_brochure, tmp_path / "pseudo.pdf", language="lt")  # print: preflight
    assert overflow(results[0].path, margin=20 * MM, safe_zone=5 * MM) == []


def test_the_overflow_check_sees_text_out_of_its_frame_and_text_over_text(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "overflow.pdf"
    canvas = Canvas(str(path), pagesize=(595, 842))
    canvas.drawString(100, 400, "Inside the frame")
    canvas.drawString(100, 400, "Over the other text")
    canvas.drawString(5, 100, "Outside")
    canvas.save()
    found = overflow(path, margin=20 * MM, safe_zone=5 * MM)
    assert any("outside" in f and "Outside" in f for f in found)
    assert any("over other text" in f for f in found)


MM = 72 / 25.4


def text_of(pdf_path: Path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text(use_text_flow=True) or "" for page in pdf.pages)


def overflow(pdf_path: Path, *, margin: float, safe_zone: float) -> list[str]:
    """Text outside the page's frame (the side margins, and the safe zone at top and foot), and
    text drawn over other text (a quarter of the smaller glyph box or more), page by page."""
    found = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            chars = [c for c in page.chars if c["text"].strip()]
            outside = "".join(c["text"] for c in chars if c["x0"] < margin - 1 or c["x1"] > page.width - margin + 1
                              or c["top"] < safe_zone or c["bottom"] > page.height - safe_zone)
            if outside:
                found.append(f"page {number}: outside the frame: {outside[:60]}")
            found += [f"page {number}: over other text: {pair}" for pair in _overlapping(chars)[:3]]
    return found


def _overlapping(chars: list[dict[str, Any]]) -> list[str]:
    grid: dict[tuple[int, int], list[int]] = {}
    for index, char in enumerate(chars):
        for x in range(int(char["x0"] // 20), int(char["x1"] // 20) + 1):
            for y in range(int(char["top"] // 20), int(char["bottom"] // 20) + 1):
                grid.setdefault((x, y), []).append(index)
    pairs = set()
    for cell in grid.values():
        pairs.update((a, b) for a in cell for b in cell if a < b and _covers(chars[a], chars[b]))
    return [f"{chars[a]['text']!r} and {chars[b]['text']!r} at {chars[a]['x0']:.0f}, {chars[a]['top']:.0f}"
            for a, b in sorted(pairs)]


def _covers(one: dict[str, Any], other: dict[str, Any]) -> bool:
    width = min(one["x1"], other["x1"]) - max(one["x0"], other["x0"])
    height = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
    smaller = min((c["x1"] - c["x0"]) * (c["bottom"] - c["top"]) for c in (one, other))
    return width > 0 and height > 0 and width * height >= 0.25 * smaller


def test_personalised_copies_of_a_translated_edition(brochure: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    main(["translate", "update", str(brochure), "--lang", "lt"])
    translate(brochure.with_name("test.lt.po"), LITHUANIAN)
    data = brochure.parent / "people.csv"
    data.write_text("name\nOna\n", encoding="utf-8")
    monkeypatch.chdir(brochure.parent)
    assert main(["build", str(brochure), "--data", str(data), "--lang", "lt", "--jobs", "1"]) == 0
    with pdfplumber.open(brochure.parent.parent / "output" / "test-lt" / "Ona.pdf") as pdf:  # the project's output/
        assert "Sveikas, pasauli, mielas Ona." in " ".join(pdf.pages[1].extract_text().split())
    assert main(["build", str(brochure), "--data", str(data), "--lang", "all"]) == ExitStatus.USAGE_ERROR


@pytest.mark.parametrize("line", ['msgstr "Faktai', 'msgstr Faktai"', '"Fak"tai"'])
def test_a_string_not_quoted_whole_is_an_error_at_its_line(brochure: Path, line: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Babel reads ``msgstr "Faktai`` as "Fakta" (the last letter taken for the quote)."""
    catalogue = brochure.with_name("test.lt.po")
    lines = ['msgid ""', 'msgstr ""', "", "msgid \"Facts\"", line if line.startswith("msgstr") else f"msgstr {line}"]
    catalogue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["build", str(brochure), "--lang", "lt"]) == ExitStatus.CONTENT_ERROR
    assert f"{catalogue}:5:1: not a valid PO file: expected a text in double quotes" in capsys.readouterr().err


@pytest.mark.parametrize(("chart", "named"), [
    ("line", "categories: ['2023', '2024']\n        series:\n          - { name: Lithuania, values: [1, 2] }\n"
             "          - { name: Latvia, values: [2, 1] }\n"),
    ("column", "categories: [Lithuania, Latvia]\n        series:\n          - { name: Budget, values: [1, 2] }\n"),
])
def test_a_highlight_follows_the_translation_of_the_series_or_category_it_names(
    write_brochure: Callable[[str], Path], chart: str, named: str
) -> None:
    """A line chart's highlight names a series, a column chart's a category: each takes the
    translation of what it names (the edition failed: 'Lithuania' is not one of the series)."""
    bars = "        data:\n          - { label: Lithuania, value: 2 }\n          - { label: Latvia, value: 1 }\n"
    brochure = write_brochure(BROCHURE.replace("chart: bar", f"chart: {chart}").replace(bars, "        " + named))
    assert main(["translate", "update", str(brochure), "--lang", "lt"]) == ExitStatus.SUCCESS
    translate(brochure.with_name("test.lt.po"), {**LITHUANIAN, "Budget": "Biudžetas"})
    block = load(brochure, language="lt").brochure.sections[0].blocks[1]
    assert block.highlight == "Lietuva"  # type: ignore[union-attr]


def test_all_editions_are_written_or_none_and_a_failing_one_is_named(
    brochure: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--lang all: an edition that fails leaves no file of any edition (the English ones were
    written before the Lithuanian failed), and the message names it."""
    assert main(["translate", "update", str(brochure), "--lang", "lt"]) == ExitStatus.SUCCESS
    translate(brochure.with_name("test.lt.po"), {**LITHUANIAN, "Hello **world**, dear {{ name }}.[^a]": "Sveikas."})
    output = tmp_path / "out" / "test.pdf"
    assert main(["build", str(brochure), "--lang", "all", "-o", str(output)]) == ExitStatus.CONTENT_ERROR
    assert "the 'lt' edition stopped here: nothing of this build was written" in capsys.readouterr().err
    assert not output.parent.exists() or not list(output.parent.iterdir())


def test_a_translation_with_a_run_too_long_to_set_is_broken() -> None:
    from brochure_builder.source.translation.checks import broken

    assert broken("A word.", "Žodis " + "x" * 1_001) == [
        "it has 1,001 characters with no space between them; a text may run at most 1,000 without one"]
    assert broken("A word.", "Žodis " + "x" * 1_000) == []
