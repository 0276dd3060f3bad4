"""Raster images go to CMYK through the output profile: black becomes a K-built black within the
ink limit, read back from the print file."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from PIL import Image

from brochure_builder.builder import build_all
from brochure_builder.pdf.checks import PageView, page_boxes
from brochure_builder.pdf.ink import ink_maps
from brochure_builder.resources.colour import BUNDLED_PROFILE, to_cmyk

PHOTO = """
meta:
  title: Photo
  author: Tests
brand: brand.yaml
cover:
  title: Photo
sections:
  - title: A photo
    blocks:
      - kind: image
        path: ../assets/photo.png
        alt: Black, green, white and yellow
        caption: Four colours
back_cover:
  heading: The end
"""


def percent(pixel: tuple[int, ...]) -> list[int]:
    return [round(v / 2.55) for v in pixel]


def test_srgb_black_becomes_a_black_built_on_k_within_300_percent() -> None:
    black = percent(to_cmyk(Image.new("RGB", (1, 1), (0, 0, 0)), BUNDLED_PROFILE).getpixel((0, 0)))  # type: ignore[arg-type]
    c, m, y, k = black
    assert k >= 85 and max(c, m, y) < k  # not 100/100/100/0, not CMY without K
    assert 250 <= sum(black) <= 300
    white = to_cmyk(Image.new("RGB", (1, 1), (255, 255, 255)), BUNDLED_PROFILE).getpixel((0, 0))
    assert white == (0, 0, 0, 0)


def test_transparent_pixels_become_paper_not_ink() -> None:
    image = Image.new("RGBA", (2, 1), (0, 0, 0, 0))
    image.putpixel((1, 0), (0, 0, 0, 255))
    converted = to_cmyk(image, BUNDLED_PROFILE)
    assert converted.getpixel((0, 0)) == (0, 0, 0, 0) and percent(converted.getpixel((1, 0)))[3] >= 85  # type: ignore[arg-type]


def test_a_photo_in_the_print_file_is_cmyk_through_the_profile(write_brochure, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    photo = Image.new("RGB", (1200, 800), (255, 255, 255))
    photo.paste((0, 0, 0), (0, 0, 600, 400))
    photo.paste((0, 106, 68), (600, 0, 1200, 400))
    photo.save(project / "assets" / "photo.png")
    result = build_all(write_brochure(PHOTO), tmp_path / "photo.pdf", profiles=("print",))[0]
    data = result.path.read_bytes()
    with pikepdf.open(result.path) as pdf:
        page = pdf.pages[1]
        image = next(iter(page.get_images().values()))
        assert image.ColorSpace == "/DeviceCMYK"
        pixels = pikepdf.PdfImage(image).as_pil_image()
        c, m, y, k = percent(pixels.getpixel((100, 100)))
        assert k >= 85 and max(c, m, y) < k
        media, trim, bleed = page_boxes(page.obj)
        view = PageView(2, page.obj, media, trim, bleed, [])
        maps, notes = ink_maps(data, [view], "photo")
    assert notes == []
    assert 280 <= maps[0].inks.sum(axis=2).max() * 100 <= 301  # the black, measured as printed
