"""Every chart kind, as a reader and a printer see it: vector, in the brand font, literal text,
numbers in the document's language, a picture that matches its reference, a quiet build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from brochure_builder.builder import build, build_all
from brochure_builder.charts.numbers import Symbols, format_value, ordinal, symbols, tick_text
from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus
from brochure_builder.layout.blocks import chart_spec
from brochure_builder.source.loading import load

from .conftest import FIXTURES, MINIMAL, ROOT
from .test_pdf import _fonts
from .test_visual import FAILURES, MAX_CHANGED_SHARE, REFERENCES, changed_share, render

CHARTS = FIXTURES / "charts"


@pytest.fixture
def every_chart(project: Path) -> Path:
    for file in CHARTS.iterdir():
        shutil.copy(file, project / "brochure" / file.name)
    return project / "brochure" / "every-chart.yaml"


@pytest.fixture(scope="module")
def every_chart_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The chart brochure, screen and print, built once for the tests that read it."""
    project = tmp_path_factory.mktemp("charts")
    shutil.copytree(ROOT / "assets", project / "assets")
    (project / "brochure").mkdir()
    shutil.copy(ROOT / "brochure" / "lithuania-brand.yaml", project / "brochure" / "brand.yaml")
    for file in CHARTS.iterdir():
        shutil.copy(file, project / "brochure" / file.name)
    results = build_all(project / "brochure" / "every-chart.yaml", project / "out" / "charts.pdf")
    return [result.path for result in results]


def _words(pdf: Path) -> str:
    """The text of a PDF (a no-break space is extracted as a space)."""
    with pdfplumber.open(pdf) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages).replace("\u00a0", " ")


def _painted(document: pikepdf.Pdf) -> int:
    """Filled and stroked paths of a document, inside form XObjects too."""
    count, seen = 0, set()
    stack = [page.obj for page in document.pages]
    while stack:
        node = stack.pop()
        count += sum(str(op) in ("f", "f*", "S", "B", "B*") for _operands, op in pikepdf.parse_content_stream(node))
        for xobject in node.get("/Resources", {}).get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                stack.append(xobject)
    return count


def test_every_kind_draws_in_both_profiles_as_vector_in_the_brand_font_only(every_chart_pdfs: list[Path]) -> None:
    for pdf in every_chart_pdfs:
        with pikepdf.open(pdf) as document:
            kinds = {str(x.get("/Subtype")) for page in document.pages
                     for x in page.obj.Resources.get("/XObject", {}).values()}
            assert "/Image" not in kinds
            assert _painted(document) > 80  # bars, slices, lines and rules: vector shapes
            fonts = {str(f.get("/BaseFont")).split("+")[-1] for page in document.pages for f in _fonts(page)}
        assert fonts and all(name.startswith("Lato-") for name in fonts), fonts
        text = _words(pdf)
        for expected in ("City museum", "Gallery", "Schools 38.5%", "Health 21%", "140.8", "2023", "46%",
                         "Walk", "Car", "€7.00", "12th", "3rd", "of 42"):
            assert expected in text, expected
    with pikepdf.open(every_chart_pdfs[1]) as document:  # print: what was RGB is CMYK now
        assert document.pages[1].obj.get("/TrimBox") is not None


def test_chart_text_is_text_never_mathematics(every_chart_pdfs: list[Path]) -> None:
    """Tick labels and annotations with dollar signs draw literally, in the brand font."""
    with pdfplumber.open(every_chart_pdfs[0]) as document:
        words = [w for page in document.pages for w in page.extract_words(extra_attrs=["fontname"])]
    text = " ".join(w["text"] for w in words)
    assert "costs $5 or $7" in text and "$\\frac{$" in text and "Castle, $1 to $3" in text
    dollars = [w for w in words if "$" in w["text"]]
    assert dollars and all("Lato" in w["fontname"] for w in dollars)


@pytest.mark.parametrize("number", [2, 3, 4])
def test_chart_pages_match_their_references(every_chart_pdfs: list[Path], number: int) -> None:
    actual = render(every_chart_pdfs[0])[number - 1]
    reference = REFERENCES / f"every-chart-page-{number}.png"
    if os.environ.get("UPDATE_REFERENCES") == "1":
        actual.save(reference, optimize=True)
        pytest.skip("reference updated")
    expected = Image.open(reference).convert("RGB")
    assert actual.size == expected.size
    share, mask = changed_share(actual, expected)
    if share > MAX_CHANGED_SHARE:
        FAILURES.mkdir(exist_ok=True)
        actual.save(FAILURES / f"every-chart-page-{number}-actual.png")
        mask.save(FAILURES / f"every-chart-page-{number}-diff.png")
    assert share <= MAX_CHANGED_SHARE, f"every-chart page {number}: {share:.2%} of pixels differ"


def test_data_from_a_csv_file_draws_what_the_same_data_inline_draws(every_chart: Path) -> None:
    text = every_chart.read_text(encoding="utf-8").replace("        data_from: spending.csv\n", """\
        categories: [2020, 2021, 2022, 2023]
        series:
          - { name: Schools, values: [120.5, 125.0, 131.2, 140.8] }
          - { name: Health, values: [80.2, 95.3, 90.0, 92.4] }
          - { name: Roads, values: [45.0, 40.1, 52.3, 48.7] }
""")
    inline = every_chart.with_name("inline.yaml")
    inline.write_text(text, encoding="utf-8")

    def column(path: Path):  # type: ignore[no-untyped-def]
        return next(chart_spec(b, "en") for b in load(path).brochure.sections[0].blocks
                    if getattr(b, "chart", "") == "column")

    assert column(every_chart) == column(inline)
    assert column(every_chart).series[2].values == (45.0, 40.1, 52.3, 48.7)


def test_numbers_are_written_in_the_documents_language() -> None:
    lithuanian = symbols("lt")
    assert format_value("{:.3f}", 0.908, lithuanian) == "0,908"
    assert format_value("{:,.0f} km.", 12500, lithuanian) == "12\u00a0500 km."  # literal text stays
    assert format_value("{:.1f}", -2.5, lithuanian) == "\u22122,5"
    assert format_value("{:.3f}", 0.908, symbols("en-GB")) == "0.908"
    assert format_value("{:,.1f}%", 1234.5, symbols("de")) == "1.234,5%"
    assert tick_text(0.4, [0, 0.2, 0.4], lithuanian) == "0,4" and tick_text(2000, [0, 500, 2000], symbols("en")) == "2,000"
    english, quarters = symbols("en"), [0, 0.25, 0.5, 0.75]
    assert [tick_text(t, quarters, english) for t in quarters] == ["0.00", "0.25", "0.50", "0.75"]
    assert [tick_text(t, [2.5e-7, 5e-7], english) for t in (2.5e-7, 5e-7)] == ["2.5e-07", "5e-07"]
    assert tick_text(-1e-17, [-0.2, 0, 0.2], english) == "0.0" and tick_text(3e16, [0, 3e16], english) == "3e+16"
    assert [ordinal(n, "en-GB") for n in (1, 2, 3, 4, 11, 22)] == ["1st", "2nd", "3rd", "4th", "11th", "22nd"]
    assert ordinal(4, "lt") == "4-oji" and ordinal(4, "de") == "4."


def test_a_symbol_the_font_lacks_falls_back_to_one_it_has() -> None:
    no_narrow_space = frozenset(map(ord, "0123456789,.-\u00a0"))
    assert symbols("fr", no_narrow_space).group == "\u00a0"  # French groups with U+202F
    assert symbols("lt", no_narrow_space).minus == "-"  # no U+2212 in this font
    assert Symbols().localise("-1,234.5") == "-1,234.5"


LITHUANIAN = """
      - kind: chart
        chart: bar
        title: Balai
        alt: Stulpelinė diagrama
        source: "Šaltinis: bandymai"
        height: 40
        value_format: "{:.3f}"
        data: [{ label: Lietuva, value: 0.908 }, { label: Prancūzija, value: 0.918 }]
      - kind: chart
        chart: column
        title: Lankytojai
        alt: Stulpelių diagrama
        source: "Šaltinis: bandymai"
        height: 40
        value_format: "{:,.0f}"
        categories: [2022, 2023]
        series: [{ name: Muziejus, values: [12500, 14250] }]
      - kind: chart
        chart: rank
        title: Vieta
        alt: Vietos diagrama
        source: "Šaltinis: bandymai"
        height: 60
        data: [{ label: "2017", value: 57 }, { label: "2018", value: 4 }]
"""


def test_a_lithuanian_document_draws_lithuanian_numbers(write_brochure: Callable[..., Path], tmp_path: Path) -> None:
    source = write_brochure(MINIMAL.replace("  author: Tests\n", "  author: Tests\n  language: lt\n")
                            .replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                                     LITHUANIAN.lstrip("\n")))
    text = _words(build(source, tmp_path / "lt.pdf").path)
    for expected in ("0,908", "0,918", "0,0 0,2 0,4", "12 500", "14 250", "10 000", "4-oji", "57-oji", "10-oji"):
        assert expected in text, expected
    assert "0.908" not in text and "4th" not in text
    rank = load(source).brochure.sections[0].blocks[2]
    assert chart_spec(rank, "lt").axis_label == "Vieta (1-oji yra geriausia)"  # type: ignore[arg-type]
    assert chart_spec(rank, "en-GB").axis_label == "Rank (1st is best)"  # type: ignore[arg-type]
    english = write_brochure(source.read_text(encoding="utf-8").replace("  language: lt\n", ""), "en.yaml")
    assert "0.908" in (text := _words(build(english, tmp_path / "en.pdf").path)) and "12,500" in text


def test_the_language_is_part_of_the_chart_key(write_brochure: Callable[..., Path]) -> None:
    from brochure_builder.layout.profiles import SCREEN
    from brochure_builder.layout.story import chart_jobs

    def keys(text: str) -> set[str]:
        return {job.key for job in chart_jobs(load(write_brochure(text)), SCREEN)}

    source = MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                             LITHUANIAN.lstrip("\n"))
    assert keys(source) != keys(source.replace("  author: Tests\n", "  author: Tests\n  language: lt\n"))


def test_shares_that_do_not_add_up_are_a_warning_and_an_error_with_strict(
    every_chart: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = every_chart.with_name("budget-shares.csv")
    csv.write_text(csv.read_text(encoding="utf-8").replace("Schools,38.5", "Schools,36.5"), encoding="utf-8")
    assert main(["validate", str(every_chart)]) == ExitStatus.SUCCESS
    err = capsys.readouterr().err
    assert re.search(r"warning: .*every-chart.yaml:\d+:\d+: sections\[0\]\.blocks\[1\]\.data_from: the shares add up "
                     r"to 98%, not 100%", err), err
    assert main(["build", str(every_chart), "-o", str(tmp_path / "x.pdf"), "--strict"]) == ExitStatus.CONTENT_ERROR
    assert "(an error with --strict)" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
    stacked = every_chart.read_text(encoding="utf-8").replace("[46, 30, 18, 12]", "[46, 30, 18, 2]")
    every_chart.write_text(stacked, encoding="utf-8")
    assert main(["validate", str(every_chart)]) == ExitStatus.SUCCESS
    assert "category 'North': the shares add up to 90%, not 100%" in capsys.readouterr().err


def test_a_csv_label_the_font_cannot_draw_is_named_with_its_line(every_chart: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    csv = every_chart.with_name("spending.csv")
    csv.write_text(csv.read_text(encoding="utf-8").replace("2022,", "2022 ✓,"), encoding="utf-8")
    assert main(["validate", str(every_chart)]) == ExitStatus.CONTENT_ERROR
    assert "data_from: spending.csv:4: character '✓' (U+2713 CHECK MARK) cannot be drawn" in capsys.readouterr().err


RENAMED_FAMILY = {"family: Lato": "family: Brand"}


def test_a_build_with_a_font_family_matplotlib_does_not_know_prints_only_its_result(
    every_chart: Path, project: Path, tmp_path: Path
) -> None:
    """The brand calls Lato "Brand": matplotlib must never look for a family named Brand."""
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("family: Lato", "family: Brand"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "brochure_builder", "build", str(every_chart), "-o", str(tmp_path / "b.pdf"),
         "--profile", "screen"], capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, "BROCHURE_CACHE_DIR": str(tmp_path / "fresh-cache")},
    )
    assert done.returncode == 0, done.stderr
    assert "findfont" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if "is not a multiple of 4" not in line]
    assert lines == [], done.stderr
    assert [line.split(" ")[0] for line in done.stdout.splitlines()] == ["wrote", "built"]


def test_chart_text_keeps_the_brand_faces_whatever_the_family_is_called(tmp_path: Path) -> None:
    """A family name with a space (a serif's "Noto Serif", say) reaches svglib as our own name."""
    from dataclasses import replace

    from reportlab.graphics.shapes import Group, String

    from brochure_builder.charts.render import chart_svg, svg_to_drawing
    from brochure_builder.charts.spec import ChartSpec, Point
    from brochure_builder.layout.geometry import make_geometry
    from brochure_builder.layout.profiles import SCREEN
    from brochure_builder.layout.story import make_context
    from brochure_builder.resources.fonts import register_fonts

    document = load(ROOT / "brochure" / "lithuania.yaml")
    ctx = make_context(document, SCREEN, make_geometry(document.brand.page))
    register_fonts(document.brand.fonts)
    style = replace(ctx.chart_style, family="Noto Serif")
    spec = ChartSpec("bar", (Point("Bold one", 2.0), Point("Plain", 1.0)), highlight="Bold one")
    svg = chart_svg(spec, style, 300, 120)
    assert b"Noto Serif" not in svg and style.face_family.encode() in svg
    fonts: set[str] = set()

    def visit(node: object) -> None:
        if isinstance(node, String):
            fonts.add(node.fontName)
        if isinstance(node, Group):
            for child in node.contents:
                visit(child)

    visit(svg_to_drawing(svg, style))
    assert fonts == {ctx.fonts.regular, ctx.fonts.bold}
