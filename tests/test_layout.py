"""Layout on content the bundled brochure never has: columns, anchors, long titles, lists,
images, dates and spaces, as a reader sees them on the page (issue 11's defects)."""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from brochure_builder.builder import build_all
from brochure_builder.cli import main
from brochure_builder.errors import ContentError

from .conftest import FIXTURES, ROOT

Write = Callable[..., Path]
HEAD = """
meta: {title: Layout, author: Tests}
brand: brand.yaml
cover: {title: Layout}
back_cover: {heading: End}
sections:
"""
WORDS = "Reading along, a sentence of ordinary words goes on to fill the column with text."


@pytest.fixture
def brochure(write_brochure: Callable[[str], Path], project: Path) -> Write:
    """Write a brochure whose sections are given as YAML (indented under ``sections:``)."""
    for image in (FIXTURES / "assets").iterdir():
        shutil.copy(image, project / "assets" / image.name)

    def write(sections: str, *, size: str = "A4") -> Path:
        brand = project / "brochure" / "brand.yaml"
        brand.write_text(brand.read_text().replace("size: A4", f"size: {size}"))
        return write_brochure(HEAD + textwrap.indent(textwrap.dedent(sections).strip("\n"), "  ") + "\n")

    return write


def screen(source: Path) -> Path:
    return build_all(source, source.with_suffix(".pdf"), profiles=("screen",))[0].path


def pages(pdf: Path) -> list[Any]:
    with pdfplumber.open(pdf) as document:
        return [(page.width, page.height, page.extract_words(keep_blank_chars=False), page.chars,
                 page.curves + page.rects, page.images) for page in document.pages]


def column_lines(pdf: Path, count: int) -> list[str]:
    """The lines of text of every column of every page (a page cut into ``count`` strips)."""
    found = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            step = page.width / count
            for column in range(count):
                strip = page.crop((column * step, 0, (column + 1) * step, page.height))
                found += (strip.extract_text() or "").splitlines()
    return found


def test_bullets_are_drawn_discs_not_glyphs(brochure: Write) -> None:
    pdf = screen(brochure("""
        - title: Lists
          blocks:
            - kind: bullets
              items: [First point, Second point, Third point that is a little longer]
    """))
    _w, _h, words, chars, shapes, _images = pages(pdf)[1]
    assert not [c for c in chars if c["text"] in "\u25cf\u2022\u25a0"]
    items = [w for w in words if w["text"] in ("First", "Second", "Third")]
    discs = [s for s in shapes if s["x1"] < min(w["x0"] for w in items) and (s["x1"] - s["x0"]) < 6]
    assert len(discs) == 3
    for disc, item in zip(sorted(discs, key=lambda s: s["top"]), sorted(items, key=lambda w: w["top"])):
        assert item["top"] < (disc["top"] + disc["bottom"]) / 2 < item["bottom"]  # beside its first line


def test_no_break_spaces_hold_and_no_line_starts_with_a_dash(brochure: Write) -> None:
    text = " ".join(f"About {n}\u00a0km, from 19{n} – 20{n} and more words." for n in range(10, 60))
    pdf = screen(brochure(f"""
        - title: Spaces
          blocks:
            - kind: columns
              count: 3
              blocks:
                - kind: paragraph
                  text: "{text}"
    """))
    found = column_lines(pdf, 3)
    assert len([line for line in found if "km" in line]) >= 40
    assert not [line for line in found if line.startswith(("km", "–"))]


def test_a_long_section_title_grows_its_band_and_keeps_its_kicker(brochure: Write) -> None:
    title = "A very long section title that goes on and on, far longer than any designer would like"
    pdf = screen(brochure(f"""
        - title: "{title}"
          kicker: Kicker above
          blocks:
            - kind: paragraph
              text: {WORDS}
    """))
    width, height, words, _chars, _shapes, _images = pages(pdf)[1]
    kicker = next(w for w in words if w["text"] == "KICKER")
    first = next(w for w in words if w["text"] == "very")
    last = next(w for w in words if w["text"] == "like")
    body = next(w for w in words if w["text"] == "Reading")
    assert 0 < kicker["top"] and kicker["bottom"] <= first["top"]  # on the page, above the title
    assert last["bottom"] < body["top"]  # the band ends before the text begins
    assert all(0 <= w["x0"] and w["x1"] <= width for w in words)


def test_a_title_shrunk_to_fit_its_band_stays_tagged(brochure: Write) -> None:
    """A title too long for the band at its size is set smaller, and is still the section's
    heading in the structure tree: every word of it marked, nothing painted unmarked."""
    from .content_marks import page_marks
    from .test_accessibility import tagged_words

    title = " ".join(["Shrinking"] * 30)
    pdf = screen(brochure(f"""
        - title: "{title}"
          blocks:
            - kind: paragraph
              text: {WORDS}
        - title: Shrinking
          blocks:
            - kind: paragraph
              text: {WORDS}
    """, size="A5"))
    with pdfplumber.open(pdf) as opened:
        shrunk, normal = ({round(c["size"], 1) for c in page.chars if c["text"] == "S"} for page in opened.pages[1:3])
    assert max(shrunk) < max(normal) * 0.9
    assert [page.unmarked for page in page_marks(pdf)] == [[] for _ in page_marks(pdf)]
    assert sum(1 for _page, word in tagged_words(pdf) if word == "Shrinking") == 31


def test_display_titles_shrink_to_fit_a_long_word_rather_than_hyphenate_it(brochure: Write) -> None:
    """A cover or section title whose longest word is wider than its column is set smaller
    until the word fits (a designer does not hyphenate a display title); the text reads whole."""
    source = brochure(f"""
        - title: Internationalisation
          blocks:
            - kind: paragraph
              text: {WORDS}
    """, size="A5")
    source.write_text(source.read_text().replace("cover: {title: Layout}", "cover: {title: Counterrevolutionaries}")
                      .replace("title: Internationalisation", "title: Internationalisationsprozesse"))
    pdf = screen(source)
    with pdfplumber.open(pdf) as opened:
        cover, opener = (" ".join((page.extract_text() or "").split()) for page in opened.pages[:2])
    assert "Counterrevolutionaries" in cover and "Internationalisationsprozesse" in opener
    assert "\u00ad" not in cover + opener and "-" not in cover + opener


def test_display_titles_break_a_compound_at_its_hyphens_before_they_shrink(brochure: Write) -> None:
    """Oder-Neiße-Radweg is too wide for an A5 cover in one piece: it breaks after a hyphen
    and keeps the title's full size (it was set at half size)."""
    source = brochure(f"""
        - title: Stadt-Land-Fluss-Wettbewerbe
          blocks:
            - kind: paragraph
              text: {WORDS}
    """, size="A5")
    source.write_text(source.read_text().replace("cover: {title: Layout}", "cover: {title: Oder-Neiße-Radweg}"))
    pdf = screen(source)
    with pdfplumber.open(pdf) as opened:
        for page, whole in ((opened.pages[0], "Oder-Neiße-Radweg"), (opened.pages[1], "Stadt-Land-Fluss-Wettbewerbe")):
            lines = (page.extract_text() or "").splitlines()
            assert whole in "".join(lines) and whole not in lines, lines  # over lines, each ending at a hyphen
            assert "\u00ad" not in "".join(lines) and all(not line.endswith("--") for line in lines), lines
        cover_size = max(c["size"] for c in opened.pages[0].chars if c["text"] == "R")
        foot = " ".join((opened.pages[1].extract_text() or "").split())
    display = float(re.search(r"display: ([\d.]+)\n", (source.parent / "brand.yaml").read_text()).group(1))
    assert cover_size >= display * 0.95, (cover_size, display)  # not shrunk (it was set at half size)
    assert "Layout · Stadt-Land-Fluss-Wettbewerbe" in foot  # the running foot as written, no soft hyphens


@pytest.mark.parametrize("title", ["G7-Gipfel-Vorbereitungs-Kommissions-Sitzung", "Oder-Neiße-Radwegenetzkarte"])
def test_a_compound_title_breaks_only_with_a_hyphen(brochure: Write, title: str) -> None:
    """A compound ReportLab will not break at its hyphens (a digit in it) is shrunk and
    hyphenated as any long word; no line of the title ends inside a word without a hyphen."""
    source = brochure(f"""
        - title: Short
          blocks:
            - kind: paragraph
              text: {WORDS}
    """, size="A5")
    source.write_text(source.read_text().replace("cover: {title: Layout}", f"cover: {{title: {title}}}"))
    with pdfplumber.open(screen(source)) as opened:
        lines = (opened.pages[0].extract_text() or "").splitlines()
    title_lines = [line for line in lines if line and line.replace("\u00ad", "").replace("-", "") in title.replace("-", "")]
    assert "".join(line.replace("\u00ad", "") for line in title_lines).replace("--", "-") in (title, title.replace("-", ""))
    assert all(line[-1] in "-\u00ad" for line in title_lines[:-1]), title_lines


def test_a_cover_too_full_for_any_type_size_is_an_error_at_its_title(brochure: Write) -> None:
    """Said at the cover title's line in our words (ReportLab re-raises an error in a page's
    drawing with its own words and without the place)."""
    source = brochure(f"""
        - title: Section
          blocks:
            - kind: paragraph
              text: {WORDS}
    """, size="A5")
    long = " ".join(["Endless words"] * 60)
    source.write_text(source.read_text().replace("cover: {title: Layout}", f"cover: {{title: {long}, subtitle: {long}}}"))
    with pytest.raises(ContentError) as error:
        screen(source)
    assert ":3:" in str(error.value) and "cover.title: the cover's text does not fit" in str(error.value)
    assert "handle_" not in str(error.value)


def test_a_title_too_long_for_any_band_is_an_error_with_its_place(brochure: Write) -> None:
    title = " ".join(["Endless"] * 400)
    with pytest.raises(ContentError) as error:
        screen(brochure(f"""
            - title: "{title}"
              blocks:
                - kind: paragraph
                  text: Short.
        """))
    assert ":6:" in str(error.value) and "sections[0].title" in str(error.value)
    assert "section title" in str(error.value) and "Flowable" not in str(error.value)


def test_the_running_foot_stays_inside_the_page(brochure: Write, project: Path) -> None:
    source = brochure(f"""
        - title: {" ".join(["Lengthy"] * 30)}
          blocks:
            - kind: paragraph
              text: {WORDS}
    """, size="A5")
    source.write_text(source.read_text().replace("title: Layout,", f"title: {'Very long brochure title ' * 6},"))
    for width, _height, words, _chars, _shapes, _images in pages(screen(source))[1:-1]:
        foot = [w for w in words if w["top"] > _height * 0.9]
        assert foot and all(20 < w["x0"] and w["x1"] < width - 20 for w in foot)


@pytest.mark.parametrize("first", [True, False])
def test_images_anywhere_in_columns_build(brochure: Write, first: bool) -> None:
    image = "- kind: image\n  path: ../assets/photo.jpg\n  alt: A photo\n"
    text = f"- kind: paragraph\n  text: {WORDS}\n"
    quote = "- kind: quote\n  text: A quote set in a column of its own.\n  attribution: Someone\n"
    blocks = (image + text + quote) if first else (text + image + quote)
    pdf = screen(brochure("- title: Images\n  blocks:\n    - kind: columns\n      blocks:\n"
                          + textwrap.indent(blocks, "        ")))
    assert len(pages(pdf)[1][5]) == 1


def test_a_caption_stays_under_its_image_in_columns(brochure: Write) -> None:
    filler = "".join(f"        - kind: paragraph\n          text: {WORDS} {n}\n" for n in range(9))
    pdf = screen(brochure("- title: Captions\n  blocks:\n    - kind: columns\n      count: 3\n      blocks:\n"
                          + filler + "        - kind: image\n          path: ../assets/photo.jpg\n"
                          "          alt: A photo\n          caption: The caption under the photo\n" + filler))
    for _w, _h, words, _chars, _shapes, images in pages(pdf):
        caption = [w for w in words if w["text"] == "caption"]
        if caption:
            assert len(images) == 1
            image = images[0]
            assert image["x0"] - 1 <= caption[0]["x0"] <= image["x1"]
            assert 0 < caption[0]["top"] - image["bottom"] < 20


@pytest.mark.parametrize(("align", "where"), [("left", 0.0), ("centre", 0.5), ("right", 1.0)])
def test_images_narrower_than_the_column_align(brochure: Write, align: str, where: float) -> None:
    pdf = screen(brochure(f"""
        - title: Align
          blocks:
            - kind: image
              path: ../assets/photo.jpg
              alt: A photo
              width: 0.4
              align: {align}
    """))
    width, _h, _words, _chars, _shapes, images = pages(pdf)[1]
    image = images[0]
    left, right = 20 * 72 / 25.4, width - 20 * 72 / 25.4  # the margins of the bundled brand
    spare = (right - left) - (image["x1"] - image["x0"])
    assert image["x0"] == pytest.approx(left + spare * where, abs=1)


def test_timeline_dates_are_never_broken_inside_a_word(brochure: Write) -> None:
    items = "".join(f"          - {{when: \"Feb–Mar {y}\", text: Something happened that year.}}\n"
                    for y in range(2001, 2005))
    pdf = screen(brochure("- title: Dates\n  blocks:\n    - kind: columns\n      count: 3\n      blocks:\n"
                          "        - kind: timeline\n          items:\n" + items))
    words = [w["text"] for w in pages(pdf)[1][2]]
    assert words.count("Feb–Mar") == 4


@pytest.mark.parametrize("word", ["September", "Wednesday", "Rugsėjis"])
def test_a_word_set_to_fill_its_line_exactly_is_not_broken(word: str) -> None:
    """A timeline sets its dates just small enough to fill the date column; measured again at
    that size a word came out a rounding error wider than the line and was broken (Septem-ber)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from brochure_builder.layout.paragraph import soften_words

    broken = []
    for step in range(200):
        column = 60 + step * 0.37
        size = 30 * column / stringWidth(word, "Helvetica-Bold", 30)
        style = ParagraphStyle("when", fontName="Helvetica-Bold", fontSize=size, language="en")
        if soften_words(word, style, column) != word:
            broken.append(column)
    assert not broken, broken


def test_flow_after_a_foot_block_fills_the_room_above_it(brochure: Write) -> None:
    pdf = screen(brochure(f"""
        - title: Anchors
          blocks:
            - kind: paragraph
              text: Before the stats.
            - kind: stats
              place: bottom
              items: [{{value: "42", label: The answer, source: Tests}}]
            - kind: paragraph
              text: After the stats, on the same page, above them. {WORDS}
    """))
    found = pages(pdf)
    assert len(found) == 3  # cover, one page, back cover
    words = found[1][2]
    after = next(w for w in words if w["text"] == "After")
    answer = next(w for w in words if w["text"] == "42")
    assert after["bottom"] < answer["top"]


@pytest.mark.parametrize("count", range(40, 60, 4))
def test_a_foot_block_sits_at_a_page_foot_with_the_following_text_above(brochure: Write, count: int) -> None:
    """Whether it fits on the first page or goes to the foot of the next, the block sits at a
    page's foot, the text that follows it is above it, and no page holds the block alone."""
    pdf = screen(brochure(f"""
        - title: Anchors
          blocks:
            - kind: paragraph
              text: {" ".join([WORDS] * count)}
            - kind: stats
              place: bottom
              items: [{{value: "42", label: The answer, source: Tests}}]
            - kind: paragraph
              text: Following text.
    """))
    result = build_all(pdf.with_suffix(".yaml"), pdf, profiles=("screen",))[0]
    for number, (_width, height, words, _chars, _shapes, _images) in enumerate(pages(pdf)[1:-1], start=2):
        answer = [w for w in words if w["text"] == "42"]
        if answer:
            assert answer[0]["top"] > height * 0.75
            assert all(w["bottom"] < answer[0]["top"] for w in words if w["text"] == "Following")
            alone = not [w for w in words if height * 0.1 < w["top"] < answer[0]["top"]]
            assert alone == (result.warnings == [f"page {number} holds only blocks set at its foot (place: "
                                                 "bottom): the section before it runs a little long; shorten "
                                                 "it, or let the block flow"])


def test_a_foot_block_taller_than_a_page_is_an_error_with_its_place(brochure: Write) -> None:
    """No page can hold it at its foot: said at its line, not left out of the PDF."""
    with pytest.raises(ContentError) as error:
        screen(brochure(f"""
            - title: Anchors
              blocks:
                - kind: paragraph
                  text: Before.
                - kind: quote
                  place: bottom
                  text: {" ".join([WORDS] * 60)}
        """))
    assert "sections[0].blocks[1]" in str(error.value) and "place: bottom" in str(error.value)


def test_a_heading_before_a_foot_block_stays_with_the_text_after_it(brochure: Write) -> None:
    """A heading followed by a block set at the foot is kept with the text after the block
    (the block takes no room where it stands): never alone at the foot of a page."""
    for count in range(24, 44):
        pdf = screen(brochure(f"""
            - title: Anchors
              blocks:
                - kind: paragraph
                  text: {" ".join([WORDS] * count)}
                - kind: heading
                  text: Stranded heading
                - kind: stats
                  place: bottom
                  items: [{{value: "42", label: The answer, source: Tests}}]
                - kind: paragraph
                  text: Following text. {WORDS}
        """))
        for _width, _height, words, _chars, _shapes, _images in pages(pdf)[1:-1]:
            texts = [w["text"] for w in words]
            if "Stranded" in texts:
                assert "Following" in texts, count
                heading = next(w for w in words if w["text"] == "Stranded")
                following = next(w for w in words if w["text"] == "Following")
                assert heading["bottom"] < following["top"]


def test_a_block_that_exactly_fills_a_page_is_not_followed_by_an_empty_page(brochure: Write) -> None:
    """Quotes of growing length: at some length the quote ends at the foot of the page; no
    length may leave a page holding only its running foot."""
    for count in range(30, 45):
        pdf = screen(brochure(f"""
            - title: Full
              blocks:
                - kind: paragraph
                  text: {" ".join([WORDS] * count)}
                - kind: quote
                  text: A closing quote.
            - title: Next
              blocks:
                - kind: paragraph
                  text: Next section.
        """))
        for _w, height, words, _c, _s, _images in pages(pdf)[1:-1]:
            assert [w for w in words if w["top"] < height * 0.9], f"{count}: a page holds only its foot"


def test_a_brand_without_light_display_or_italic_faces_builds(brochure: Write, project: Path) -> None:
    source = brochure(f"""
        - title: Faces
          blocks:
            - kind: paragraph
              style: lead
              text: A lead in the light face, and *italic* words. {WORDS}
    """)
    brand = project / "brochure" / "brand.yaml"
    text = "\n".join(line for line in brand.read_text().splitlines()
                     if not line.strip().startswith(("italic:", "bold_italic:", "display:", "light:")))
    brand.write_text(text.replace("family: Lato", "family: Lato Sans"))
    with pdfplumber.open(screen(source)) as pdf:
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts == {"Lato-Regular", "Lato-Bold"}


def test_a_layout_error_names_the_block_in_the_users_words(brochure: Write, capsys: pytest.CaptureFixture[str]) -> None:
    source = brochure("""
        - title: Too tall
          blocks:
            - kind: callout
              text: "{}"
    """.format(" ".join([WORDS] * 120)))
    assert main(["build", str(source), "--profile", "screen"]) == 1
    error = capsys.readouterr().err
    assert "sections[0].blocks[0]: this callout block does not fit on a page" in error
    assert ":9:" in error and " mm" in error and "Flowable" not in error and "0x" not in error


def test_a_section_spilling_a_few_lines_onto_a_page_says_how_much_to_cut(brochure: Write) -> None:
    """Paragraphs of growing length: whenever a section's last page holds only a few lines, the
    build warns and says by how much to shorten it; a full page gets no warning."""
    seen = 0
    for count in range(52, 64, 2):
        source = brochure(f"""
            - title: Spill
              blocks:
                - kind: paragraph
                  text: {" ".join([WORDS] * count)}
        """)
        result = build_all(source, source.with_suffix(".pdf"), profiles=("screen",))[0]
        _w, height, words, _c, _s, _i = pages(result.path)[-2]
        body = [w for w in words if w["top"] < height * 0.9]
        extent = max(w["bottom"] for w in body) - min(w["top"] for w in body)
        warned = [w for w in result.warnings if "holds only the last" in w and "mm less text" in w]
        if extent < height * 0.08:
            assert warned, (count, result.warnings)
            seen += 1
        elif extent > height * 0.5:
            assert not warned, (count, result.warnings)
    assert seen


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_a_stat_figure_is_never_broken_the_row_gives_it_room(brochure: Write, size: str) -> None:
    """A figure too wide for its cell at 60 % of the brand's size gets a row with fewer stats
    rather than a break inside it; each figure is one line, whole, inside the page."""
    pdf = screen(brochure("""
        - title: Figures
          blocks:
            - kind: stats
              items:
                - {value: "€1,234,567,890", label: Long, source: Tests}
                - {value: "12.5 million", label: Short, source: Tests}
                - {value: "99.99%", label: Percent, source: Tests}
            - kind: stats
              items:
                - {value: "1 000 000 000 000", label: Two, source: Tests}
                - {value: "3", label: Three, source: Tests}
    """, size=size))
    with pdfplumber.open(pdf) as opened:
        lines = [line for page in opened.pages[1:-1] for line in (page.extract_text() or "").splitlines()]
        width = opened.pages[1].width
        chars = [c for page in opened.pages[1:-1] for c in page.chars]
    for figure in ("€1,234,567,890", "12.5 million", "99.99%", "1 000 000 000 000"):
        assert any(figure in line.replace("\u00a0", " ") for line in lines), (figure, lines)
    assert all(0 <= c["x0"] and c["x1"] <= width for c in chars)


def _word_look(page: Any, text: str) -> tuple[Any, bool]:
    """The fill colour of a word's letters, and whether a line runs under it."""
    word = next(w for w in page.extract_words() if w["text"] == text)
    colour = next(c for c in page.chars if c["text"] == text[0] and abs(c["x0"] - word["x0"]) < 0.5)
    under = any(abs(line["top"] - word["bottom"]) < 4 and line["x0"] <= word["x0"] + 1 and line["x1"] >= word["x1"] - 1
                for line in page.lines + page.rects if line["height"] < 2)
    return colour["non_stroking_color"], under


def test_links_on_coloured_grounds_take_the_text_colour_and_an_underline(write_brochure: Callable[[str], Path]) -> None:
    """A link in the primary colour on a primary cover, back cover or band would vanish (1:1):
    there it takes the text's colour and is underlined; on paper it keeps the primary colour."""
    pdf = screen(write_brochure("""
        meta: {title: Links, author: Tests}
        brand: brand.yaml
        cover: {title: Links, subtitle: "Read [online](https://example.org) today"}
        sections:
          - title: "Along [rivers](https://example.org/r)"
            blocks:
              - {kind: paragraph, text: "See [paper](https://example.org/p) here."}
        back_cover: {heading: End, text: "Write to [us](mailto:us@example.org) soon"}
    """))
    with pdfplumber.open(pdf) as document:
        cover, section, back = document.pages[0], document.pages[1], document.pages[-1]
        for page, link, plain in ((cover, "online", "Read"), (section, "rivers", "Along"), (back, "us", "Write")):
            colour, under = _word_look(page, link)
            assert colour == _word_look(page, plain)[0] and under, (link, colour)
        colour, under = _word_look(section, "paper")
        assert colour != _word_look(section, "See")[0] and not under


def test_each_piece_of_a_softened_word_fits_its_line_with_its_hyphen() -> None:
    """A piece that fitted the line only without the hyphen that ends it could not be broken
    there, and the rest of the word ran out of a stats cell (a random document found it)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import TTFont

    from brochure_builder.layout.paragraph import soften_words

    font = ROOT / "tests/brochures/university/assets/fonts/noto-serif/NotoSerif-Bold.ttf"
    pdfmetrics.registerFont(TTFont("NotoSerif-Bold-softened", str(font)))
    style = ParagraphStyle("label", fontName="NotoSerif-Bold-softened", fontSize=10, language="en-GB")
    for width in (158.3, 150.0, 120.0, 90.0):
        word = soften_words("nebeprisikiškiakopūstlapiaujančiuosiuose", style, width)
        pieces = word.split("\u00ad")
        widths = [stringWidth(piece + "-", style.fontName, 10) for piece in pieces[:-1]]
        assert all(w <= width + 0.01 for w in widths), (width, pieces)
