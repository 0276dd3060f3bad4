"""Languages beyond English and Lithuanian: quotation marks, capitals, hyphenation, scripts
the tool cannot set, fonts that lack a whole script, the words the tool adds itself."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from brochure_builder import build
from brochure_builder.errors import ContentError
from brochure_builder.source.loading import load
from brochure_builder.source.markup import to_reportlab

NBSP = "\u00a0"


def page_text(pdf: Path, page: int = 1) -> str:
    with pdfplumber.open(pdf) as document:
        return document.pages[page].extract_text()


def subset_font(project: Path, keep: Callable[[int], bool]) -> None:
    """Make the project's brand use a cut of Lato with only the characters ``keep`` allows."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = project / "assets" / "fonts" / "lato" / "Lato-Regular.ttf"
    with TTFont(source) as font:
        unicodes = [code for code in font.getBestCmap() if keep(code)]
        subsetter = subset.Subsetter(subset.Options())
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        font.save(project / "assets" / "fonts" / "Cut.ttf")
    brand = project / "brochure" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    for face in ("Regular", "Bold", "Italic", "BoldItalic", "Black", "Light"):
        text = text.replace(f"../assets/fonts/lato/Lato-{face}.ttf", "../assets/fonts/Cut.ttf")
    brand.write_text(text.replace("family: Lato", "family: Cut"), encoding="utf-8")


def one_paragraph(language: str, text: str, kicker: str = "Kicker") -> str:
    return f"""
        meta: {{ title: Test, author: Test, language: {language} }}
        brand: brand.yaml
        cover: {{ kicker: "{kicker}", title: Test }}
        sections:
          - title: Text
            kicker: "{kicker}"
            blocks:
              - kind: paragraph
                text: '{text}'
        back_cover: {{ heading: End }}
        """


@pytest.mark.parametrize(("language", "written", "printed"), [
    ("uk", 'Він сказав: "закон \'так\' і ні"', "Він сказав: «закон „так“ і ні»"),
    ("el", 'Είπε: "νόμος \'ναι\'"', "Είπε: «νόμος “ναι”»"),
    ("ru", 'Он сказал: "закон"', "Он сказал: «закон»"),
], ids=["uk", "el", "ru"])
def test_quotation_marks_are_the_languages_own(write_brochure: Callable[[str], Path], tmp_path: Path,
                                               language: str, written: str, printed: str) -> None:
    """CLDR's marks (uk and el set «…», not the English “…” they got)."""
    pdf = build(write_brochure(one_paragraph(language, written.replace("'", "''"))), tmp_path / "q.pdf").path
    assert printed in page_text(pdf)


def test_quotation_marks_of_the_languages_set_before() -> None:
    assert to_reportlab('"burbulas"', language="lt") == "„burbulas“"
    assert to_reportlab("\"Wort 'Wort'\"", language="de-AT") == "„Wort ‚Wort‘“"
    assert to_reportlab('"mot"', language="fr") == f"«{NBSP}mot{NBSP}»"  # a space that never breaks
    assert to_reportlab('"bubble"', language="en-GB") == "“bubble”"


def test_the_quotation_marks_the_tool_adds_must_be_in_the_font(project: Path,
                                                                write_brochure: Callable[[str], Path]) -> None:
    """A font with straight quotes but no guillemets: the Ukrainian edition would draw empty boxes."""
    subset_font(project, lambda code: code not in (0xAB, 0xBB))
    with pytest.raises(ContentError) as caught:
        load(write_brochure(one_paragraph("uk", 'Так: "закон"')))
    messages = [problem.message for problem in caught.value.problems]
    assert any(message.startswith("character '«' (U+00AB") for message in messages), messages


def test_greek_capitals_drop_their_accents_and_keep_the_diaeresis(
        write_brochure: Callable[[str], Path], tmp_path: Path) -> None:
    """Kickers are set in capitals: ΕΤΗΣΙΑ ΕΚΘΕΣΗ, not ΕΤΉΣΙΑ ΈΚΘΕΣΗ; Μάιος is ΜΑΪΟΣ."""
    pdf = build(write_brochure(one_paragraph("el", "Κείμενο.", kicker="Ετήσια έκθεση, Μάιος")),
                tmp_path / "el.pdf").path
    for page in (0, 1):  # the cover's kicker and the section's
        assert "ΕΤΗΣΙΑ ΕΚΘΕΣΗ, ΜΑΪΟΣ" in page_text(pdf, page)


def test_the_glyph_check_reads_capitals_as_they_are_drawn(project: Path,
                                                         write_brochure: Callable[[str], Path]) -> None:
    """Μάιος in capitals is ΜΑΪΟΣ: a font without Ϊ (U+03AA) cannot set it."""
    subset_font(project, lambda code: code != 0x3AA)
    with pytest.raises(ContentError) as caught:
        load(write_brochure(one_paragraph("el", "Κείμενο.", kicker="Μάιος")))
    assert {problem.location.path for problem in caught.value.problems} == {"cover.kicker", "sections[0].kicker"}
    assert all("'Ϊ' (U+03AA" in problem.message for problem in caught.value.problems)


LONG_WORDS = {
    "el": "Η χρηματοοικονομική διαχείριση των ανθρωπιστικών οργανώσεων απαιτεί διαφάνεια, λογοδοσία "
          "και επαγγελματισμό. Οι αντιπροσωπευτικότεροι εκπρόσωποι συμμετείχαν στις διαβουλεύσεις.",
    "uk": "Адміністрування інформаційних ініціатив міжнародних організацій і підзвітності і прозорості; "
          "адміністрування інформаційних ініціатив міжнародних організацій і підзвітності і прозорості.",
}
"""Every Ukrainian word that may break has an і, which ReportLab did not count as a letter."""


@pytest.mark.parametrize("language", ["el", "uk"])
def test_greek_and_ukrainian_words_are_hyphenated(write_brochure: Callable[[str], Path], tmp_path: Path,
                                                  language: str) -> None:
    """In three columns on A4 a word must break: Greek never did, nor a Ukrainian word with і."""
    source = write_brochure(f"""
        meta: {{ title: Test, author: Test, language: {language} }}
        brand: brand.yaml
        cover: {{ title: Test }}
        sections:
          - title: Text
            blocks:
              - kind: columns
                count: 3
                blocks:
                  - kind: paragraph
                    text: "{LONG_WORDS[language]}"
        back_cover: {{ heading: End }}
        """)
    text = page_text(build(source, tmp_path / "h.pdf").path)
    assert re.search(r"[^\W\d_][\u00ad-](\s|$)", text), text  # a word broken at a line's end


@pytest.mark.parametrize(("language", "dictionary"), [
    ("el", "el"), ("el-GR", "el_GR"), ("uk", "uk"), ("pt", "pt"), ("pt-BR", "pt_BR"), ("nb", "nb"),
    ("no", "nb"), ("sr-Latn", "sr_Latn"), ("de-CH", "de_CH"), ("zh", ""), ("he", ""),
])
def test_each_language_finds_its_hyphenation_dictionary(language: str, dictionary: str) -> None:
    from brochure_builder.layout.styles import hyphenation_language

    assert hyphenation_language(language) == dictionary


def test_a_language_with_a_script_is_a_language(write_brochure: Callable[[str], Path]) -> None:
    assert load(write_brochure(one_paragraph("sr-Latn", "Tekst."))).brochure.meta.language == "sr-Latn"


def use_dejavu(project: Path) -> None:
    """The brand set in DejaVu Sans (matplotlib's copy), which has Hebrew and Arabic letters."""
    import matplotlib

    shutil.copy(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf",
                project / "assets" / "fonts" / "DejaVu.ttf")
    brand = project / "brochure" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    for face in ("Regular", "Bold", "Italic", "BoldItalic", "Black", "Light"):
        text = text.replace(f"../assets/fonts/lato/Lato-{face}.ttf", "../assets/fonts/DejaVu.ttf")
    brand.write_text(text.replace("family: Lato", "family: DejaVu Sans"), encoding="utf-8")


RTL = "right-to-left text ({}) is not supported yet"


def test_right_to_left_text_is_refused_at_its_line(project: Path, write_brochure: Callable[[str], Path]) -> None:
    """The font has the letters, so ReportLab drew them left to right: every word reversed."""
    use_dejavu(project)
    source = write_brochure(one_paragraph("en", "Our partners wrote: שלום לכל השותפים. And: مرحبا بكم."))
    with pytest.raises(ContentError) as caught:
        load(source)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{source}:9:15: sections[0].blocks[0].text: " + RTL.format("Arabic, Hebrew")]


def test_right_to_left_text_in_a_csv_file_is_refused_at_its_line(project: Path,
                                                                  write_brochure: Callable[[str], Path]) -> None:
    use_dejavu(project)
    (project / "brochure" / "cells.csv").write_text("Place,People\nVilnius,10\nחיפה,5\n", encoding="utf-8")
    (project / "brochure" / "chart.csv").write_text("label,value\nVilnius,10\nעכו,5\n", encoding="utf-8")
    source = write_brochure("""
        meta: { title: Test, author: Test, language: en }
        brand: brand.yaml
        cover: { title: Test }
        sections:
          - title: Text
            blocks:
              - kind: table
                rows_from: cells.csv
                columns: [{ title: Place }, { title: People }]
              - kind: chart
                chart: bar
                title: People
                alt: Two bars.
                source: "Source: test"
                data_from: chart.csv
        back_cover: { heading: End }
        """)
    with pytest.raises(ContentError) as caught:
        load(source)
    messages = {problem.location.path: problem.message for problem in caught.value.problems}
    assert messages["sections[0].blocks[0].rows_from"].endswith("cells.csv:3: " + RTL.format("Hebrew"))
    assert messages["sections[0].blocks[1].data_from"] == "chart.csv:3: " + RTL.format("Hebrew")
    assert len(caught.value.problems) == 2


def test_right_to_left_text_in_a_translation_is_refused_at_its_po_line(
        project: Path, write_brochure: Callable[[str], Path]) -> None:
    from babel.messages.pofile import read_po, write_po

    from brochure_builder.cli import main

    use_dejavu(project)
    source = write_brochure(one_paragraph("en", "Hello."))
    assert main(["translate", "update", str(source), "--lang", "he"]) == 0
    catalogue = source.with_name("test.he.po")
    with catalogue.open("rb") as stream:
        catalog = read_po(stream)
    catalog.get("Hello.", context="paragraph.text").string = "שלום."
    with catalogue.open("wb") as stream:
        write_po(stream, catalog)
    with pytest.raises(ContentError) as caught:
        load(source, language="he")
    (problem,) = caught.value.problems
    assert problem.location.file == catalogue and problem.message == RTL.format("Hebrew")


UKRAINIAN = "Фінансове адміністрування гуманітарних організацій потребує прозорості"


def test_a_font_without_a_script_is_one_error_naming_the_script(project: Path,
                                                                 write_brochure: Callable[[str], Path]) -> None:
    """Not one error for each character in each field (2,480 for a Ukrainian edition)."""
    subset_font(project, lambda code: code < 0x250)  # Latin only
    source = write_brochure(one_paragraph("uk", UKRAINIAN, kicker="Звіт"))
    with pytest.raises(ContentError) as caught:
        load(source)
    (problem,) = caught.value.problems
    brand = project / "brochure" / "brand.yaml"
    assert str(problem.location).startswith(f"{brand}:") and problem.location.path == "fonts.family"
    used = len(set(UKRAINIAN.replace(" ", "") + "Звіт" + "ЗВІТ"))
    assert problem.message == (f"the brand's font Cut has no Cyrillic letters ({used} used, first at "
                               f"{source}:3:18: cover.kicker); choose a font that covers Cyrillic")


def test_a_few_missing_characters_are_named_one_by_one(project: Path,
                                                       write_brochure: Callable[[str], Path]) -> None:
    subset_font(project, lambda code: code not in (0x17E, 0x16B))  # ž and ū
    with pytest.raises(ContentError) as caught:
        load(write_brochure(one_paragraph("lt", "Žalias ūkis, žalia šalis.")))
    assert sorted(problem.message[:14] for problem in caught.value.problems) == [
        "character 'ū' ", "character 'ž' "]


def upright(text: str) -> str:
    """The page's text without spaces, read bottom to top: the rank axis title stands upright."""
    return "".join(text.split())[::-1]


RANK = """
    meta: {{ title: Test, author: Test, language: {language} }}
    brand: brand.yaml
    cover: {{ title: Test }}
    sections:
      - title: Ranks
        blocks:
          - kind: chart
            chart: rank
            title: Where we stand
            alt: Our rank among three.
            source: "Source: test"
            data:
              - {{ label: Us, value: 2 }}
              - {{ label: Them, value: 1 }}
              - {{ label: Others, value: 3 }}
    back_cover: {{ heading: End }}
    """


def test_the_rank_charts_axis_title_is_in_the_language_and_in_the_catalogue(
        write_brochure: Callable[[str], Path], tmp_path: Path) -> None:
    from babel.messages.pofile import read_po, write_po

    from brochure_builder.cli import main

    ukrainian = write_brochure(RANK.format(language="uk"), "uk.yaml")
    assert "Місце(1—найкраще)" in upright(page_text(build(ukrainian, tmp_path / "uk.pdf").path))
    english = write_brochure(RANK.format(language="en"))
    assert main(["translate", "update", str(english), "--lang", "el"]) == 0
    catalogue = english.with_name("test.el.po")
    with catalogue.open("rb") as stream:
        catalog = read_po(stream)
    message = catalog.get("Rank (1st is best)", context="chart.axis_label")
    assert message is not None, "the default title a reader sees is offered to the translator"
    message.string = "Θέση (η 1η είναι η καλύτερη)"
    with catalogue.open("wb") as stream:
        write_po(stream, catalog)
    assert main(["build", str(english), "--lang", "el", "-o", str(tmp_path / "r.pdf"), "--profile", "screen"]) == 0
    assert "Θέση(η1ηείναιηκαλύτερη)" in upright(page_text(tmp_path / "r-el.pdf"))
