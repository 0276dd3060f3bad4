"""Photographs (issue 12): images cropped to fill a box around a focal point (``fit: cover``) or
whole inside one (``contain``), full-bleed images, cover and section opener photos under a washed
overlay whose text contrast is checked, and credits. Read as a printer and a reader would: where
each image is placed against the page boxes, its pixels, its colour space, the tagged structure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from PIL import Image
from reportlab.lib.units import mm

from brochure_builder.builder import build_all
from brochure_builder.errors import ContentError
from brochure_builder.source.loading import load
from brochure_builder.source.photos import cover_crop, part_of

from .conftest import MINIMAL, photo_project
from .content_marks import page_marks
from .verapdf import Report, failures

GREEN, GREEN_CMYK = (0x00, 0x6A, 0x44), (100, 0, 78, 45)  # the Lithuania brand's primary
TOLERANCE = 0.01  # points


@dataclass(frozen=True)
class Placed:
    """An image on a page: where (points, PDF coordinates, y up), its pixels and colour space."""

    x0: float
    y0: float
    x1: float
    y1: float
    pixels: tuple[int, int]
    colour_space: str
    tag: str | None
    mcid: int | None


@dataclass(frozen=True)
class Boxes:
    media: tuple[float, ...]
    trim: tuple[float, ...]
    bleed: tuple[float, ...]


def placed(path: Path) -> list[list[Placed]]:
    """Every image of every page, as pdfplumber reads its placement from the content."""
    with pdfplumber.open(path) as pdf:
        return [[Placed(i["x0"], i["y0"], i["x1"], i["y1"], tuple(i["srcsize"]), str(i["colorspace"]),
                        i.get("tag"), i.get("mcid")) for i in page.images] for page in pdf.pages]


def boxes(path: Path) -> list[Boxes]:
    with pikepdf.open(path) as pdf:
        found = []
        for page in pdf.pages:
            media = tuple(float(v) for v in page.obj.MediaBox)
            trim = tuple(float(v) for v in page.obj.get("/TrimBox", page.obj.MediaBox))
            bleed = tuple(float(v) for v in page.obj.get("/BleedBox", page.obj.get("/TrimBox", page.obj.MediaBox)))
            found.append(Boxes(media, trim, bleed))
        return found


def widest(images: list[Placed]) -> Placed:
    return max(images, key=lambda i: i.x1 - i.x0)


def edge(path: Path, profile: str) -> list[tuple[float, ...]]:
    """What a picture that runs off the page must reach: the BleedBox in print, the page in
    the screen file."""
    return [b.bleed if profile == "print" else b.media for b in boxes(path)]


def assert_reaches(image: Placed, box: tuple[float, ...], sides: str) -> None:
    for side in sides.split():
        index = {"left": 0, "bottom": 1, "right": 2, "top": 3}[side]
        value = (image.x0, image.y0, image.x1, image.y1)[index]
        assert value == pytest.approx(box[index], abs=TOLERANCE), f"{side}: {value} against {box[index]}"


TOPPED = ("Asectionthatopens", "Wholepicturesinboxes", "Startingapage")
"""Text (above the foot) of the pages where a photo runs off the top: two openers' titles, and
the caption of a full-bleed image that starts a page."""


def check_bleeds(pdfs: tuple[Path, Path]) -> None:
    """The photos brochure's pictures that run off the page reach its edge (screen) or the
    BleedBox (print) on every side they touch, and only those: the cover all round; openers,
    and a full-bleed image that starts a page, across and up; one in the flow, across."""
    for path, profile in zip(pdfs, ("screen", "print")):
        images, edges, pages = placed(path), edge(path, profile), boxes(path)
        with pdfplumber.open(path) as pdf:
            texts = ["".join((page.crop((0, 0, page.width, page.height - box.trim[1] - 20 * mm)).extract_text()
                              or "").split()) for page, box in zip(pdf.pages, pages)]  # the foot names sections too
        across = [(n, image) for n, page in enumerate(images) for image in page
                  if image.x1 - image.x0 > pages[n].trim[2] - pages[n].trim[0] - 1]
        assert len(across) == 5
        assert_reaches(across[0][1], edges[0], "left bottom right top")
        for number, image in across[1:]:
            assert_reaches(image, edges[number], "left right")
            assert image.y0 > edges[number][1] + 100  # never off the foot
        topped = {n for n, image in across[1:] if image.y1 == pytest.approx(edges[n][3], abs=TOLERANCE)}
        assert topped == {n for n, text in enumerate(texts) if any(words in text for words in TOPPED)}
        assert len(topped) == 3


def test_the_crop_fills_the_box_around_the_focus_as_far_as_the_edges_allow() -> None:
    assert cover_crop((400, 300), 2.0, (0.5, 0.5)) == (0, 50, 400, 250)  # wider box: top and bottom go
    assert cover_crop((400, 300), 1.0, (0.5, 0.5)) == (50, 0, 350, 300)  # taller box: the sides go
    assert cover_crop((400, 300), 1.0, (0.0, 0.0)) == (0, 0, 300, 300)  # the focus near an edge: the edge
    assert cover_crop((400, 300), 1.0, (0.9, 0.1)) == (100, 0, 400, 300)
    assert cover_crop((400, 300), 1.0, (0.6, 0.5)) == (90, 0, 390, 300)  # centred on the focus
    crop, box = (100.0, 0.0, 400.0, 300.0), (0.0, 0.0, 30.0, 30.0)  # a 30 pt box: 10 px a point
    assert part_of(crop, box, (0, 0, 30, 30)) == crop
    assert part_of(crop, box, (10, 0, 30, 10)) == (200, 200, 400, 300)  # the lower right: y runs down in pixels


@pytest.mark.parametrize("written", ["16:9", '"16:9"', "1.7777777777777777"])
def test_an_aspect_is_read_as_written_quoted_or_not(written: str, project: Path,
                                                    write_brochure: Callable[..., Path]) -> None:
    """YAML 1.1 reads 16:9 without quotes as 969 (base 60): it is taken back apart."""
    Image.new("RGB", (300, 200)).save(project / "assets" / "dark.png")
    block = CORNER.replace("corner.png", "dark.png").replace('"4:1"', written).replace("        focus: FOCUS\n", "")
    text = MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n", block.lstrip("\n"))
    image = load(write_brochure(text)).brochure.sections[0].blocks[0]
    assert image.aspect == pytest.approx(16 / 9)  # type: ignore[union-attr]


def test_pictures_that_run_off_the_page_reach_the_bleed_box_in_print_and_the_page_edge_on_screen(
        photos_pdfs: tuple[Path, Path]) -> None:
    check_bleeds(photos_pdfs)


@pytest.mark.slow
@pytest.mark.parametrize("size", ["A5", "Letter"])
def test_on_a5_and_letter_too(size: str, tmp_path: Path) -> None:
    source = photo_project(tmp_path, size)
    screen, printed = build_all(source, tmp_path / "out" / "photos.pdf")
    check_bleeds((screen.path, printed.path))


def test_print_embeds_the_full_resolution_crop_in_cmyk_and_screen_a_downsampled_one(
        photos_pdfs: tuple[Path, Path]) -> None:
    """The cover: the crop of the (enlarged) rocket that fills the BleedBox, every pixel of it in
    print, converted to CMYK; on screen the page's part of it at 150 ppi."""
    screen, printed = (widest(placed(path)[0]) for path in photos_pdfs)
    bleed = 3 * mm
    box = (-bleed, -bleed, 210 * mm + bleed, 297 * mm + bleed)
    crop = cover_crop((2800, 1868), (box[2] - box[0]) / (box[3] - box[1]), (0.5, 0.4))
    assert printed.pixels == (round(crop[2] - crop[0]), round(crop[3] - crop[1]))
    assert "DeviceCMYK" in printed.colour_space
    assert screen.pixels == (round(210 / 25.4 * 150), round(297 / 25.4 * 150))
    assert "DeviceRGB" in screen.colour_space
    page = part_of(crop, box, (0, 0, 210 * mm, 297 * mm))  # the crops of both files are the same picture
    assert (page[2] - page[0]) / (page[3] - page[1]) == pytest.approx(screen.pixels[0] / screen.pixels[1], rel=0.01)


def test_fit_cover_fills_its_box_and_contain_keeps_the_whole_picture(photos_pdfs: tuple[Path, Path]) -> None:
    text_width = 170 * mm
    coins = next(i for i in placed(photos_pdfs[0])[1] if i.y1 - i.y0 == pytest.approx(45 * mm, abs=0.01))
    assert coins.x1 - coins.x0 == pytest.approx(0.7 * text_width, abs=0.01)
    assert (coins.x0 + coins.x1) / 2 == pytest.approx(20 * mm + text_width / 2, abs=0.01)  # centred
    assert coins.pixels[0] / coins.pixels[1] == pytest.approx(0.7 * 170 / 45, rel=0.01)  # cropped, not squashed
    column = (text_width - 8 * mm) / 2
    camera = placed(photos_pdfs[0])[2][1]
    assert camera.y1 - camera.y0 == pytest.approx(column * 3 / 4, abs=0.01)  # as tall as its 4:3 box
    assert camera.x1 - camera.x0 == pytest.approx(camera.y1 - camera.y0, abs=0.01)  # square, as it is
    assert (camera.x0 + camera.x1) / 2 == pytest.approx(20 * mm + column / 2, abs=0.01)  # centred in the box


def _pixels(path: Path, page: int) -> Iterator[Image.Image]:
    with pikepdf.open(path) as pdf:
        for image in pdf.pages[page].get_images().values():
            yield pikepdf.PdfImage(image).as_pil_image()


CORNER = """
      - kind: image
        path: ../assets/corner.png
        alt: A red corner.
        fit: cover
        aspect: "4:1"
        focus: FOCUS
"""


@pytest.mark.parametrize(("focus", "red"), [("[0, 0]", True), ("[1, 1]", False), ("[0.2, 0.6]", False)])
def test_the_crop_keeps_the_focus_in_view(project: Path, write_brochure: Callable[..., Path], tmp_path: Path,
                                          focus: str, red: bool) -> None:
    corner = Image.new("RGB", (400, 400), (0, 0, 255))
    corner.paste((255, 0, 0), (0, 0, 200, 100))  # only the top quarter's left half is red
    corner.save(project / "assets" / "corner.png")
    text = MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                           CORNER.lstrip("\n").replace("FOCUS", focus))
    result = build_all(write_brochure(text), tmp_path / "corner.pdf", profiles=("screen",))[0]
    image = next(_pixels(result.path, 1)).convert("RGB")
    assert image.width / image.height == pytest.approx(4, rel=0.01)
    r, g, b = image.getpixel((5, image.height // 2))  # type: ignore[misc]
    assert (r > 200 and b < 60) is red


WASHED = """
  image:
    path: ../assets/white.png
    alt: A white wall.
    overlay: { opacity: 0.9 }
"""


def test_the_overlay_is_washed_into_the_photo_in_the_outputs_colours(
        project: Path, write_brochure: Callable[..., Path], tmp_path: Path) -> None:
    """A white photo under the primary colour at 0.9: on screen the RGB mix, in print the mix of
    the brand's own CMYK with paper: no transparency, no RGB on the press."""
    Image.new("RGB", (2000, 2600), (255, 255, 255)).save(project / "assets" / "white.png")
    source = write_brochure(MINIMAL.replace("  title: Small\n", "  title: Small\n" + WASHED.lstrip("\n")))
    screen, printed = build_all(source, tmp_path / "washed.pdf")
    rgb = next(_pixels(screen.path, 0)).convert("RGB").getpixel((50, 50))
    assert rgb == pytest.approx(tuple(0.9 * c + 0.1 * 255 for c in GREEN), abs=2)
    cmyk = next(_pixels(printed.path, 0)).getpixel((50, 50))
    assert [v / 2.55 for v in cmyk] == pytest.approx([0.9 * c for c in GREEN_CMYK], abs=1.5)  # type: ignore[union-attr]


def test_a_black_photo_prints_through_the_press_profile(project: Path, write_brochure: Callable[..., Path],
                                                       tmp_path: Path) -> None:
    """Cropped and washed photos go through the colour-managed transform as others do: black
    becomes a black built on K, not 100/100/100/0."""
    Image.new("RGB", (2000, 2600), (0, 0, 0)).save(project / "assets" / "white.png")
    source = write_brochure(MINIMAL.replace("  title: Small\n", "  title: Small\n"
                                            + WASHED.lstrip("\n").replace("0.9", "0")))
    printed = build_all(source, tmp_path / "black.pdf", profiles=("print",))[0]
    c, m, y, k = (v / 2.55 for v in next(_pixels(printed.path, 0)).getpixel((50, 50)))  # type: ignore[union-attr]
    assert k >= 85 and max(c, m, y) < k and 250 <= c + m + y + k <= 301


def _structure(path: Path) -> tuple[list[dict[str, Any]], dict[tuple[int, int], str]]:
    """The structure tree, and the text of each marked-content sequence (page, MCID)."""
    with pdfplumber.open(path) as pdf:
        texts: dict[tuple[int, int], str] = {}
        for page in pdf.pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (page.page_number, char["mcid"])
                    texts[key] = texts.get(key, "") + char["text"]
        return pdf.structure_tree, texts


def _elements(tree: list[dict[str, Any]], kind: str) -> Iterator[dict[str, Any]]:
    for element in tree:
        if element.get("type") == kind:
            yield element
        yield from _elements(element.get("children", []), kind)


def _text(element: dict[str, Any], texts: dict[tuple[int, int], str]) -> str:
    own = "".join(texts.get((element.get("page_number", 0), mcid), "") for mcid in element.get("mcids", []))
    return own + "".join(_text(kid, texts) for kid in element.get("children", []))


def test_credits_are_read_as_part_of_the_figures_caption(photos_pdfs: tuple[Path, Path]) -> None:
    tree, texts = _structure(photos_pdfs[0])
    captions = {figure["alt_text"].split(",")[0]: "".join(_text(figure, texts).split())
                for figure in _elements(tree, "Figure")}
    assert captions["A rocket stands on a floodlit launch pad at dusk between two lightning towers."] == \
        "Photo:SpaceX,publicdomain"  # the cover's credit, at its foot
    assert captions["A cup of espresso on a red saucer on a wooden table."] == "Photo:RachelMichetti,CC0"  # an opener
    assert captions["Thousands of faint galaxies of many colours scattered across a black sky."] == \
        "Afull-bleedimageintheflowrunsintothebleedonbothsides.Photo:NASA,publicdomain"
    assert captions["Silver and bronze coins laid out in rows on a dark cloth."].endswith("Photo:BrooklynMuseum")
    paragraphs = ["".join(_text(p, texts).split()) for p in _elements(tree, "P")]
    assert "Decoration:RachelMichetti,CC0" in paragraphs  # a decorative picture's credit is a paragraph


def test_credits_are_small_but_readable(photos_pdfs: tuple[Path, Path]) -> None:
    with pdfplumber.open(photos_pdfs[0]) as pdf:
        for number, credit in ((0, "SpaceX"), (1, "Michetti"), (1, "NASA")):
            words = pdf.pages[number].extract_words(extra_attrs=["size"])
            sizes = [w["size"] for w in words if credit in w["text"]]
            assert sizes and 6 <= min(sizes) <= 9.5, (credit, sizes)


def test_decorative_photos_are_artifacts_and_the_others_figures(photos_pdfs: tuple[Path, Path]) -> None:
    pages = placed(photos_pdfs[0])
    opener = max(pages[2], key=lambda i: i.y1)  # section 2 opens on a decorative photo
    assert opener.mcid is None
    decorative = widest([i for i in pages[2] if i is not opener])  # and has a decorative strip
    assert decorative.mcid is None
    tree, _texts = _structure(photos_pdfs[0])
    assert sorted(f["alt_text"].split()[0] for f in _elements(tree, "Figure")) == [
        "A", "A", "A", "Galaxies", "Silver", "Thousands", "Two"]
    assert all(image.mcid is not None for image in pages[1])


def test_everything_painted_is_tagged_or_an_artifact(photos_pdfs: tuple[Path, Path]) -> None:
    for page in page_marks(photos_pdfs[0]):
        assert page.unmarked == [], f"page {page.page}"
        assert page.misnested == [], f"page {page.page}"


@pytest.mark.slow
def test_the_screen_file_is_pdf_ua_1_and_pdf_a_2a(verapdf: Callable[..., dict[tuple[Path, str], Report]],
                                                  photos_pdfs: tuple[Path, Path]) -> None:
    reports = verapdf([photos_pdfs[0]], "ua1", "2a")
    assert len(reports) == 2 and not failures(reports), failures(reports)


def _cover(project: Path, write_brochure: Callable[..., Path], opacity: float) -> Path:
    Image.new("RGB", (300, 400), (250, 250, 250)).save(project / "assets" / "white.png")
    return write_brochure(MINIMAL.replace("  title: Small\n", "  title: Small\n"
                                          + WASHED.lstrip("\n").replace("0.9", str(opacity))))


def test_the_opacity_the_message_asks_for_is_enough_and_a_step_less_is_not(
        project: Path, write_brochure: Callable[..., Path]) -> None:
    with pytest.raises(ContentError) as raised:
        load(_cover(project, write_brochure, 0.5))
    (problem,) = raised.value.problems
    assert problem.location.path == "cover.image.overlay.opacity" and problem.location.line == 10
    assert "on_primary text (#FFFFFF)" in problem.message and "WCAG 2 asks for at least 4.5:1" in problem.message
    asked = float(problem.message.split("raise overlay.opacity to ")[1].split()[0])
    load(_cover(project, write_brochure, asked))
    with pytest.raises(ContentError):
        load(_cover(project, write_brochure, round(asked - 0.05, 2)))


def test_an_overlay_that_reads_only_opaque_is_said_so_not_raised_past_1() -> None:
    """#767676 carries white text at 4.54:1 alone; over a white photo it needs opacity 1."""
    from brochure_builder.source.photochecks import TextOnPhoto, _message

    said = _message(TextOnPhoto("on_primary", 4.5), "#FFFFFF", "grey", "#767676", 0.6, 2.0, True, [(255, 255, 255)])
    assert said.endswith("raise overlay.opacity to 1 (the colour alone: the photo no longer shows), "
                         "or crop to a darker part (focus)"), said


@pytest.mark.parametrize(("crop", "size"), [((0.55, 0.0, 2621.45, 3371.0), (2622, 3371)),
                                             ((0.0, 99.4, 2622.0, 1002.7), (2622, 904)),
                                             ((10.0, 20.0, 110.0, 70.0), (100, 50))])
def test_a_crop_keeps_every_pixel_it_spans(crop: tuple[float, float, float, float], size: tuple[int, int]) -> None:
    """2,620.9 pixels across become 2,621 (a photo made for 300 ppi printed at 299.9), and a
    crop on whole pixels gains none."""
    from PIL import Image

    from brochure_builder.resources.images import cropped

    assert cropped(Image.new("RGB", (2622, 3371)), crop).size == size
