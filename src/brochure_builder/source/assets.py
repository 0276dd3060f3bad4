"""Checks on the files a brochure names (SVG, PNG, JPEG, TrueType), made when the YAML is
loaded so that every problem is reported with the line that names the file.

Every file is read within a limit of bytes, and decoded within limits of pixels and elements
checked from its header before it is decoded: a file that lies about itself costs no more
than its limits. The limits are here, together, and listed in the README.
"""

from __future__ import annotations

import io
import math
import re
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .files import check_regular, read_limited
from .limits import (
    MAX_FONT_BYTES,
    MAX_IMAGE_ASPECT,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_IMAGE_SIDE,
    MAX_PROFILE_BYTES,
    MAX_SVG_BYTES,
    MAX_SVG_CSS_WORK,
    MAX_SVG_ELEMENTS,
    MAX_SVG_STYLE_BYTES,
    MAX_SVG_WORK,
    MAX_YAML_BYTES,
    SVG_SIZE_PT,
)

FORMATS = {b"GIF8": "a GIF", b"II*\0": "a TIFF", b"MM\0*": "a TIFF", b"BM": "a BMP", b"RIFF": "a WebP",
           b"\0\0\0\x0cjP": "a JPEG 2000", b"%PDF": "a PDF", b"\x00\x01\x00\x00": "a TrueType font"}
"""What a file that is not PNG or JPEG is, by its first bytes (for the message)."""
RASTER_FORMATS = ("PNG", "JPEG")
"""Pillow's decoders we use (its JPEG decoder reads multi-picture JPEGs too); no other is tried."""
FONT_TABLES = ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp")
"""The tables ReportLab reads to embed a TrueType font."""
CHECKS_VERSION = 2
"""Part of the key under which a file that passed is remembered: raised when a check gets
stricter, so that a file passed by a laxer one is checked again."""


def verify_asset(path: Path, kind: str) -> None:
    """Raise ``ValueError`` saying what is wrong if ``path`` is not a usable file of ``kind``.

    A file whose exact bytes passed before is not parsed again (the cache remembers it), so a
    warm build does not import lxml or fontTools just to look at unchanged files.
    """
    from ..cache import cache_key, cached, digest_of

    check = _verifier(path, kind)
    limit, what, verify = check
    check_regular(path, limit, what)
    if verify is not None:
        limits = [MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, MAX_IMAGE_ASPECT, MAX_SVG_ELEMENTS, MAX_SVG_WORK, SVG_SIZE_PT, limit,
                  MAX_SVG_STYLE_BYTES, MAX_SVG_CSS_WORK]
        key = cache_key({"verified": digest_of(path), "as": verify.__name__, "limits": limits,
                         "checks": CHECKS_VERSION})
        cached(key, lambda: verify(path) or True, bool)


Verifier = Callable[[Path], Any]


def _verifier(path: Path, kind: str) -> tuple[int, str, Verifier | None]:
    suffix = path.suffix.lower()
    if kind == "brand":
        return MAX_YAML_BYTES, "brand file", None
    if kind == "font":
        return MAX_FONT_BYTES, "font file", _verify_font
    if kind == "profile":
        return MAX_PROFILE_BYTES, "ICC profile", _verify_profile
    if suffix == ".svg":
        return MAX_SVG_BYTES, "SVG file", _verify_svg
    return MAX_IMAGE_BYTES, "image file", _verify_raster


def pillow() -> Any:
    """Pillow's Image module, refusing to decode more than our limit (its own default is 89
    megapixels with a warning, and an error only past twice that)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    return Image


def _verify_raster(path: Path) -> None:
    data = read_limited(path, MAX_IMAGE_BYTES, "image file")
    check_pixels(*_opened(data, lambda image: image.size))
    _opened(data, lambda image: image.verify())  # chunk checksums (PNG)
    _opened(data, lambda image: image.load())  # every pixel: a truncated or corrupt file fails here


def _opened(data: bytes, use: Callable[[Any], Any]) -> Any:
    """What ``use`` makes of the image in ``data``; any failure is the image's, said plainly."""
    import warnings

    from PIL import UnidentifiedImageError

    Image = pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit says it
            with Image.open(io.BytesIO(data), formats=RASTER_FORMATS) as image:
                return use(image)
    except UnidentifiedImageError:
        raise ValueError(_not_an_image(data)) from None
    except Image.DecompressionBombError as exc:
        claimed = re.search(r"\((\d+) pixels\)", str(exc))
        size = f"{int(claimed.group(1)) / 1e6:.0f}" if claimed else f"over {2 * MAX_IMAGE_PIXELS // 1_000_000}"
        raise ValueError(f"claims {size} megapixels; an image may have at most "
                         f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels") from None
    except (OSError, SyntaxError, ValueError, struct.error, IndexError, EOFError, MemoryError) as exc:
        raise ValueError(f"not a readable image: {exc}") from None


def check_pixels(width: int, height: int) -> None:
    """Refuse an image size before a single pixel is decoded."""
    if width < 1 or height < 1:
        raise ValueError(f"not a readable image: it is {width} x {height} pixels")
    if width * height > MAX_IMAGE_PIXELS:
        raise ValueError(f"is {width} x {height} pixels ({width * height / 1e6:.0f} megapixels); an image may "
                         f"have at most {MAX_IMAGE_PIXELS // 1_000_000} megapixels")
    if max(width, height) > MAX_IMAGE_SIDE:
        raise ValueError(f"is {width} x {height} pixels; an image may be at most {MAX_IMAGE_SIDE} pixels "
                         "wide or tall")
    if max(width, height) > MAX_IMAGE_ASPECT * min(width, height):
        raise ValueError(f"is {width} x {height} pixels; an image may be at most {MAX_IMAGE_ASPECT} times "
                         "as wide as it is tall, or as tall as it is wide")


def _not_an_image(data: bytes) -> str:
    found = next((name for magic, name in FORMATS.items() if data.startswith(magic)), None)
    if found:
        return f"is {found} file; images must be PNG or JPEG (or SVG)"
    return "not a readable image: cannot identify image file (expected PNG or JPEG)"


def _verify_svg(path: Path) -> None:
    """Parse safely, count the elements (with what ``<use>`` repeats) and the CSS rules tried
    on them, refuse raster images, then read it as the layout will (svglib) and check the size
    it comes out at."""
    data = read_limited(path, MAX_SVG_BYTES, "SVG file")
    from .svgcheck import check_svg_styles, check_svg_tree

    root = parse_svg(data)
    elements = check_svg_tree(root, MAX_SVG_ELEMENTS, MAX_SVG_WORK)
    check_svg_styles(root, elements, MAX_SVG_STYLE_BYTES, MAX_SVG_CSS_WORK)
    _check_svg_size(data)


def parse_svg(data: bytes) -> Any:
    """Parse SVG text safely: no entity expansion, no network, no external files."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not a readable SVG file: {exc}") from None
    if root is None or not str(root.tag).endswith("svg"):
        raise ValueError("not an SVG file (no <svg> root element)")
    return root


def _check_svg_size(data: bytes) -> None:
    import logging

    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.CRITICAL)  # what it cannot draw, it says on stderr
    try:
        drawing = svg2rlg(io.BytesIO(data), resolve_entities=False)
    except Exception as exc:  # svglib raises lxml, value and recursion errors alike
        raise ValueError(f"not a readable SVG file: {type(exc).__name__}: {exc}") from None
    if drawing is None:
        raise ValueError("not a readable SVG file")
    low, high = SVG_SIZE_PT
    width, height = drawing.width, drawing.height
    if not all(math.isfinite(side) and low <= side <= high for side in (width, height)):
        raise ValueError(f"has no usable size ({width:g} x {height:g} pt): give the <svg> a width and height "
                         f"(or a viewBox) from {low:g} to {high:g} pt")


def _verify_font(path: Path) -> None:
    """A TrueType font whose tables are all inside the file, intact, as long as its counts make
    them, with outlines (``glyf``) and a character map that can be read, and that ReportLab and
    FreeType both read."""
    from fontTools.ttLib import TTFont, TTLibError

    data = read_limited(path, MAX_FONT_BYTES, "font file")
    from .fontcheck import check_counts, check_readers, check_table_directory

    check_counts(data, check_table_directory(data, FONT_TABLES))
    try:
        with TTFont(io.BytesIO(data), lazy=True) as font:
            if not font.getBestCmap():
                raise ValueError("not a usable TrueType font: its character map is empty")
    except (TTLibError, struct.error, KeyError, AssertionError, IndexError, EOFError, TypeError) as exc:
        raise ValueError(f"not a usable TrueType font: {type(exc).__name__}: {exc}") from None
    check_readers(data)


def _verify_profile(path: Path) -> None:
    verify_output_profile(read_limited(path, MAX_PROFILE_BYTES, "ICC profile"))


def verify_output_profile(data: bytes) -> None:
    """An ICC output profile for CMYK printing: the header says so, and the size is sane."""
    if len(data) > MAX_PROFILE_BYTES:
        raise ValueError(f"ICC profile over {MAX_PROFILE_BYTES // 1_000_000} MB")
    if len(data) < 132 or data[36:40] != b"acsp":
        raise ValueError("not an ICC profile (no 'acsp' signature in its header)")
    if int.from_bytes(data[:4], "big") != len(data):
        raise ValueError("ICC profile truncated or padded: its header gives another size")
    kind, space = data[12:16].decode("latin-1"), data[16:20].decode("latin-1")
    if kind != "prtr" or space != "CMYK":
        raise ValueError(f"not a CMYK printer profile: class '{kind}', colour space '{space}' "
                         "(expected 'prtr' and 'CMYK')")
