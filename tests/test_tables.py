"""The table block, read as a reader and a printer would: text, positions, fonts, colours."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from brochure_builder.builder import build
from brochure_builder.cli import main

from .conftest import FIXTURES

TABLES = FIXTURES / "tables"
HEADER = "Municipality Population Area (km²) Growth"


def page_lines(pdf: Path) -> list[list[str]]:
    with pdfplumber.open(pdf) as document:
        return [(page.extract_text() or "").splitlines() for page in document.pages]


def brochure(blocks: str, *, size: str = "") -> str:
    """A brochure of one section holding ``blocks`` (YAML, indented for a block list)."""
    return f"""
meta: {{ title: T, author: A }}
brand: brand.yaml
cover: {{ title: T }}
sections:
  - title: S
    blocks:
{blocks}
back_cover: {{ heading: H }}
"""


@pytest.fixture
def tables_folder(project: Path) -> Path:
    shutil.copytree(TABLES, project / "brochure", dirs_exist_ok=True)
    return project / "brochure"


def test_a_budget_from_csv_reads_row_by_row(tables_pdfs: tuple[Path, Path]) -> None:
    page = page_lines(tables_pdfs[0])[1]
    for line in ("Area Budget (€ m) Share Change on 2024", "Education €412.5m 31.8% +4.2%",
                 "Transport €187.4m 14.5% −2.1%", "Administration €57.9m 4.5% −3.1%",
                 "Total €1,297.0m 100.0% +2.1%", "Eight areas; shares of the whole budget.",
                 "Source: City of Example, adopted budget 2025"):
        assert line in page, line


def test_numbers_of_a_column_share_their_decimal_point(tables_pdfs: tuple[Path, Path]) -> None:
    """12.5, 3, 100.25 and 7.125 (written without a format): the points stand one above the
    other, and the whole number 3 ends where they stand; in the budget, the total's point too."""
    with pdfplumber.open(tables_pdfs[0]) as pdf:
        words = pdf.pages[1].extract_words()
        chars = pdf.pages[1].chars

    def point_of(word: str) -> float:
        (found,) = [w for w in words if w["text"] == word]
        dot = next(c for c in chars if c["text"] == "." and found["x0"] <= c["x0"] < found["x1"]
                   and abs(c["top"] - found["top"]) < 1)
        return float(dot["x0"])

    points = [point_of(w) for w in ("12.5", "100.25", "7.125")]
    assert max(points) - min(points) < 0.05
    (three,) = [w for w in words if w["text"] == "3"]
    assert abs(three["x1"] - points[0]) < 0.05
    budget = [point_of(w) for w in ("€412.5m", "€57.9m", "€1,297.0m")]
    assert max(budget) - min(budget) < 0.05
    shares = [point_of(w) for w in ("31.8%", "9.4%", "100.0%")]
    assert max(shares) - min(shares) < 0.05


def test_a_long_table_repeats_its_header_on_every_page(tables_pdfs: tuple[Path, Path]) -> None:
    pages = page_lines(tables_pdfs[0])
    text = [" ".join(lines) for lines in pages]
    spanned = [n for n, page in enumerate(text) if "Vilnius" in page and HEADER in page]
    assert spanned == [1, 2, 3], "the table runs over three pages, each with the header"
    for number in (2, 3):
        assert pages[number][0] == HEADER, "a continued table starts with its header"
    assert sum(page.count("Municipalities") for page in text[1:4]) == 1, "the title is not repeated"
    rows = re.findall(r"(?:Vilnius|Kaunas|Visaginas)[^\n]*?\d[\d,]* [\d,.]+ [+−]\d", "\n".join(text[1:4]))
    assert len(rows) == 12, "every row of the three names appears once"


def test_a_row_of_two_lines_is_never_split(tables_pdfs: tuple[Path, Path]) -> None:
    pages = page_lines(tables_pdfs[0])
    seen = 0
    for number in (1, 2, 3):
        lines = pages[number]
        for index, line in enumerate(lines):
            if line.startswith("Panevėžys district") and "river" not in line:
                assert lines[index + 1] == "river", "the row's second line follows it on its page"
                seen += 1
    assert seen == 3


def test_a_table_in_columns_repeats_its_header_in_the_next_column(tables_pdfs: tuple[Path, Path]) -> None:
    with pdfplumber.open(tables_pdfs[0]) as pdf:
        page = pdf.pages[4]
        heads = sorted((w for w in page.extract_words() if w["text"] == "Population"), key=lambda w: w["x0"])
        middle = float(page.width) / 2
    assert len(heads) == 2
    assert heads[0]["x0"] < middle < heads[1]["x0"]


def test_cells_take_the_inline_markup_of_paragraphs(tables_pdfs: tuple[Path, Path]) -> None:
    with pdfplumber.open(tables_pdfs[0]) as pdf:
        chars = pdf.pages[1].chars
        page_text = pdf.pages[1].extract_text() or ""
    def starting(word: str) -> dict[str, object]:
        """The first character of ``word`` on the page."""
        def rest_of_line(c: dict[str, object]) -> str:
            same = [d for d in chars if abs(d["top"] - c["top"]) < 0.5 and d["x0"] >= c["x0"]]
            return "".join(d["text"] for d in sorted(same, key=lambda d: d["x0"]))
        return next(c for c in chars if c["text"] == word[0] and rest_of_line(c).startswith(word))

    def font_of(word: str) -> str:
        return str(starting(word)["fontname"])

    assert "Bold" in font_of("Bold and")
    assert "Italic" in font_of("italic")
    assert "Fourth 7.125 “Quoted”" in page_text, "quotes become typographic quotes"
    cited = starting("Cited")
    note = [c for c in chars if c["text"] == "1" and c["x0"] > cited["x0"] and abs(c["top"] - cited["top"]) < 4]
    assert note and note[0]["size"] < cited["size"], "the note number is set small and raised"
    with pikepdf.open(tables_pdfs[0]) as pdf:
        annots = list(pdf.pages[1].obj.get("/Annots", []))
        uris = [str(a.A.URI) for a in annots if "/A" in a and "/URI" in a.A]
        internal = [a for a in annots if "/Dest" in a or ("/A" in a and "/D" in a.A)]
    assert uris == ["https://example.org/table"]
    assert internal, "the note number links to its source"


def test_print_rules_and_tint_come_from_the_palette_in_cmyk(tables_pdfs: tuple[Path, Path]) -> None:
    """The print file passed preflight when it was built (no RGB); its rules are the brand's
    rule colour (K 20) and its tint the brand's mist (C 6 Y 5), as CMYK operators."""
    with pikepdf.open(tables_pdfs[1]) as pdf:
        content = pdf.pages[1].Contents.read_bytes().decode("latin-1")
    assert re.search(r"\b0 0 0 \.2 K\b", content), "rules in the rule colour"
    assert re.search(r"\.06 0 \.05 0 k\b", content), "tinted rows in the tint colour"
    assert " rg" not in content and " RG" not in content


def test_a_table_too_wide_for_its_column_is_an_error_naming_it(
    write_brochure: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(brochure("""
      - kind: columns
        count: 3
        blocks:
          - { kind: paragraph, text: First column. }
          - kind: table
            columns: [{title: Municipality}, {title: Population}, {title: Area}, {title: Density}]
            rows:
              - [Marijampolė, 1234567, 1234.5, 12.5]
"""), "wide.yaml")
    assert main(["build", str(source), "--profile", "screen"]) == 1
    err = capsys.readouterr().err
    assert f"error: {source}:12:13: sections[0].blocks[0].blocks[1]: this table is too wide for its column: " \
           "its 4 columns need at least" in err
    assert "Traceback" not in err


def test_a_row_taller_than_a_page_is_an_error_naming_the_row(
    write_brochure: Callable[[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    long_text = "words and more words " * 600
    source = write_brochure(brochure(f"""
      - kind: table
        columns: [{{title: Name}}, {{title: Text}}]
        rows:
          - [a, short]
          - [b, "{long_text}"]
"""), "tall.yaml")
    assert main(["build", str(source), "--profile", "screen"]) == 1
    assert (f"error: {source}:12:13: sections[0].blocks[0].rows[1]: this table row is"
            in capsys.readouterr().err)


def test_a_short_table_moves_whole_rather_than_split(write_brochure: Callable[[str, str], Path],
                                                    tmp_path: Path) -> None:
    filler = "\n".join(f"      - {{ kind: paragraph, text: Line {n} of text that fills the page. }}"
                       for n in range(49))  # room left on page 3 for the header and four rows
    rows = "\n".join(f"          - [Row {n}, {n}]" for n in range(6))
    source = write_brochure(brochure(f"""{filler}
      - kind: table
        columns: [{{title: Name}}, {{title: Value}}]
        rows:
{rows}
"""), "short.yaml")
    build(source, tmp_path / "short.pdf")
    pages = page_lines(tmp_path / "short.pdf")
    holding = [n for n, lines in enumerate(pages) if any(line.startswith("Row ") for line in lines)]
    assert len(holding) == 1 and "Name Value" in pages[holding[0]]
    assert "Line 48 of text that fills the page." in pages[holding[0] - 1]


@pytest.mark.parametrize("size", ["A5", "Letter"])
def test_tables_stay_inside_the_text_column_on_every_page_size(tables_folder: Path, tmp_path: Path,
                                                              size: str) -> None:
    brand = tables_folder / "brand.yaml"
    brand.write_text(brand.read_text().replace("size: A4", f"size: {size}"))
    build(tables_folder / "tables.yaml", tmp_path / "sized.pdf")
    from brochure_builder.source.loading import load

    page = load(tables_folder / "tables.yaml").brand.page
    inner, outer = page.margins.inner * 72 / 25.4, page.margins.outer * 72 / 25.4
    with pdfplumber.open(tmp_path / "sized.pdf") as pdf:
        for number, body in enumerate(pdf.pages[1:-1], start=2):
            left, right = (inner, outer) if number % 2 else (outer, inner)
            chars = [c for c in body.chars if c["top"] > 60 and c["bottom"] < float(body.height) - 50]
            assert chars
            assert min(c["x0"] for c in chars) >= left - 0.5, f"page {number}"
            assert max(c["x1"] for c in chars) <= float(body.width) - right + 0.5, f"page {number}"
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert text.count("Municipality") >= 4


def test_header_off_and_the_total_from_the_last_csv_row(tables_folder: Path, tmp_path: Path) -> None:
    (tables_folder / "data" / "totalled.csv").write_text("Area,Amount\nRoads,10\nParks,5\nAll,15\n")
    source = tables_folder / "totalled.yaml"
    source.write_text(brochure("""
      - kind: table
        rows_from: data/totalled.csv
        header: false
        total: true
        columns: [{title: Area}, {title: Amount, format: "{:.2f}"}]
"""))
    build(source, tmp_path / "t.pdf")
    lines = page_lines(tmp_path / "t.pdf")[1]
    assert "Area Amount" not in lines
    assert lines[1:4] == ["Roads 10.00", "Parks 5.00", "All 15.00"]
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        total = [c for c in pdf.pages[1].chars if c["text"] == "A" and c["top"] > 100]
    assert "Bold" in total[-1]["fontname"]


def csv_error(tables_folder: Path, csv_text: str | bytes, capsys: pytest.CaptureFixture[str],
              columns: str = '[{title: Area}, {title: Amount, format: "{:,.0f}"}]') -> str:
    data = tables_folder / "data" / "broken.csv"
    if isinstance(csv_text, bytes):
        data.write_bytes(csv_text)
    else:
        data.write_text(csv_text, encoding="utf-8")
    source = tables_folder / "broken.yaml"
    source.write_text(brochure(f"""
      - kind: table
        rows_from: data/broken.csv
        columns: {columns}
"""))
    assert main(["validate", str(source)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    prefix = f"error: {source}:10:20: sections[0].blocks[0].rows_from: {data}:"
    assert prefix in err, err
    return err.split(prefix, 1)[1]


def test_a_ragged_csv_row_names_the_file_line_and_the_yaml_place(
    tables_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert csv_error(tables_folder, "Area,Amount\nRoads,10\nParks,5,extra\n", capsys).startswith(
        "3: this row has 3 cells; line 1 has 2")


def test_a_csv_cell_that_is_not_a_number_names_its_line(tables_folder: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    message = csv_error(tables_folder, "Area,Amount\nRoads,10\n\nParks,\"1,200\"\n", capsys)
    assert message.startswith("4: column 'Amount' holds numbers (it has a format), not '1,200'")


def test_a_csv_header_that_does_not_name_a_column(tables_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = csv_error(tables_folder, "Area,Sum\nRoads,10\n", capsys)
    assert message.startswith("1: no column 'Amount' in the header row (Area, Sum)")


def test_a_csv_file_that_is_not_utf8(tables_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert csv_error(tables_folder, b"Area,Amount\nR\xe9seau,10\n", capsys).startswith("2: not UTF-8 text")


def test_csv_files_are_bounded_in_rows_and_bytes(tables_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from brochure_builder.source.csvdata import MAX_CSV_BYTES
    from brochure_builder.source.tables import MAX_TABLE_ROWS

    rows = "".join(f"R{n},{n}\n" for n in range(MAX_TABLE_ROWS + 1))
    assert csv_error(tables_folder, "Area,Amount\n" + rows, capsys).startswith(
        f"{MAX_TABLE_ROWS + 2}: more than {MAX_TABLE_ROWS + 1} rows")
    huge = "Area,Amount\n" + "x" * MAX_CSV_BYTES + ",1\n"
    assert csv_error(tables_folder, huge, capsys).startswith(f" larger than {MAX_CSV_BYTES} bytes")


def test_the_brand_font_has_tabular_figures() -> None:
    """Lato's digits are all one width in the faces tables use, so columns of figures line up
    digit by digit as well as on their decimal point (ReportLab applies no OpenType tnum)."""
    from fontTools.ttLib import TTFont

    for face in ("Regular", "Bold"):
        font = TTFont(Path(__file__).parent.parent / "assets" / "fonts" / "lato" / f"Lato-{face}.ttf")
        cmap, metrics = font.getBestCmap(), font["hmtx"]
        assert len({metrics[cmap[ord(d)]][0] for d in "0123456789"}) == 1, face


def test_a_split_leaves_at_least_two_rows_on_either_side(write_brochure: Callable[[str, str], Path]) -> None:
    from brochure_builder.layout.geometry import make_geometry
    from brochure_builder.layout.profiles import SCREEN
    from brochure_builder.layout.story import make_context
    from brochure_builder.layout.tables import table_flowable
    from brochure_builder.source.loading import load

    rows = "\n".join(f"          - [Row {n}, {n}]" for n in range(40))
    document = load(write_brochure(brochure(f"""
      - kind: table
        columns: [{{title: Name}}, {{title: Value}}]
        rows:
{rows}
"""), "split.yaml"))
    geometry = make_geometry(document.brand.page)
    table = table_flowable(document.brochure.sections[0].blocks[0], make_context(document, SCREEN, geometry))
    width = geometry.text_width
    _w, height = table.wrap(width, 1e6)
    heights = table._rowHeights
    first, rest = table.split(width, height - heights[-1] + 0.1)  # room for all but the last row
    assert [info.role for info in rest.infos] == ["head", "body", "body"]
    assert rest.infos[0].repeated and not first.infos[0].repeated
    assert table.split(width, sum(heights[:2]) + 0.1) == [], "a header and one row wait for the next page"
    assert len(table.split(width, sum(heights[:3]) + 0.1)) == 2


def test_a_csv_character_the_font_lacks_names_its_line(tables_folder: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    message = csv_error(tables_folder, "Area,Amount\nRoads,10\nParks ✓,5\n", capsys)
    assert message.startswith("3: character '✓' (U+2713 CHECK MARK) cannot be drawn by the brand's font Lato")


def test_tables_are_tagged_as_tables(tables_pdfs: tuple[Path, Path]) -> None:
    """Table, its title as Caption, THead/TBody/TFoot of TR rows, TH with a column scope, TD; the
    caption and source follow as paragraphs."""
    from .test_accessibility import structure

    tree = structure(tables_pdfs[0])
    roles = [role for _depth, role, _element in tree]
    assert roles.count("Table") == 4
    first = roles.index("Table")
    budget = roles[first:roles.index("Table", first + 1)]
    assert budget[:5] == ["Table", "Caption", "THead", "TR", "TH"]
    assert budget.count("TH") == 4 and budget.count("TR") == 1 + 8 + 1
    assert budget.count("TD") == 4 * 9 and {"TBody", "TFoot"} <= set(budget)
    assert budget[-2:] == ["P", "P"], "caption and source after the table"
    tables = [i for i, role in enumerate(roles) if role == "Table"]
    municipalities = roles[tables[2]:tables[3]]
    assert municipalities.count("TH") == 4, "the header repeated on later pages is read once"
    assert municipalities.count("TR") == 1 + 60
    with pikepdf.open(tables_pdfs[0]) as pdf:
        scopes = {str(e.A.Scope) for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/TH"}
    assert scopes == {"/Column"}


def _elements(node: object) -> list[pikepdf.Dictionary]:
    found = []
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None  # type: ignore[union-attr]
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            found += [kid, *_elements(kid)]
    return found


def test_everything_a_table_paints_is_tagged_or_an_artifact(tables_pdfs: tuple[Path, Path]) -> None:
    from .content_marks import page_marks

    for page in page_marks(tables_pdfs[0]):
        assert page.unmarked == [] and page.misnested == [], f"page {page.page}"
        assert len(page.mcids) == len(set(page.mcids)), f"page {page.page}"
    with pikepdf.open(tables_pdfs[0]) as pdf:
        first, continued = (pdf.pages[n].Contents.read_bytes().count(b"/Artifact <</Type /Pagination>> BDC")
                            for n in (1, 2))
    assert continued == first + 1, "the header repeated on page 3 is pagination, as the running foot is"


@pytest.mark.slow
def test_the_tables_pass_pdf_ua_1_and_pdf_a_2a(verapdf: Callable[..., dict[tuple[Path, str], object]],
                                               tables_pdfs: tuple[Path, Path]) -> None:
    from .verapdf import failures

    reports = verapdf([tables_pdfs[0]], "ua1", "2a")
    assert not failures(reports), failures(reports)


def test_a_translated_table_reads_its_csv_file_and_writes_numbers_as_the_language_does(
    tables_folder: Path, tmp_path: Path
) -> None:
    """Titles and cells are translated (the catalogue's contexts table.columns.title and
    table.rows); a translated title still finds its CSV column; numbers take the language's
    decimal sign and grouping (the format's literal text stays as written)."""
    source = tables_folder / "budget.yaml"
    source.write_text(brochure("""
      - kind: table
        rows_from: data/budget.csv
        columns:
          - { title: Area }
          - { title: Budget (€ m), format: "€{:,.1f}m" }
      - kind: table
        columns: [{ title: Road }, { title: Length }]
        rows: [[Ring road, 1234.5]]
"""))
    (tables_folder / "budget.lt.po").write_text("""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: lt\\n"

msgctxt "table.columns.title"
msgid "Area"
msgstr "Sritis"

msgctxt "table.rows"
msgid "Ring road"
msgstr "Žiedinis kelias"
""", encoding="utf-8")
    build(source, tmp_path / "budget.pdf", language="lt")
    lines = page_lines(tmp_path / "budget-lt.pdf")[1]
    assert "Sritis Budget (€ m)" in lines
    assert "Education €412,5m" in lines
    assert "Žiedinis kelias 1234,5" in lines, "a number without a format: as written, its decimal sign the language's"
