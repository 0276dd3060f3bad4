"""Checks on the files a brochure names (SVG, PNG, JPEG, TrueType), made when the YAML is
loaded so that every problem is reported with the line that names the file."""

from __future__ import annotations

from pathlib import Path

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg")
PROFILE_SUFFIXES = (".icc", ".icm")
MAX_PROFILE_BYTES = 4_000_000


def verify_asset(path: Path) -> None:
    """Raise ``ValueError`` saying what is wrong if ``path`` is not a usable asset of its kind.

    A file whose exact bytes passed before is not parsed again (the cache remembers it), so a
    warm build does not import lxml or fontTools just to look at unchanged files.
    """
    from ..cache import cache_key, cached, digest_of

    suffix = path.suffix.lower()
    if suffix in (".svg", ".ttf", *RASTER_SUFFIXES, *PROFILE_SUFFIXES):
        cached(cache_key({"verified": digest_of(path), "suffix": suffix}), lambda: _verify(path, suffix))
    elif suffix != ".yaml":
        raise ValueError(f"'{path.name}': unsupported file type; expected SVG, PNG, JPEG, TTF or ICC")


def _verify(path: Path, suffix: str) -> bool:
    if suffix == ".svg":
        _parse_svg(path.read_bytes())
    elif suffix in RASTER_SUFFIXES:
        _verify_raster(path)
    elif suffix == ".ttf":
        _verify_font(path)
    elif suffix in PROFILE_SUFFIXES:
        verify_output_profile(path.read_bytes()[: MAX_PROFILE_BYTES + 1])
    return True


def _parse_svg(data: bytes):  # type: ignore[no-untyped-def]
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


def _verify_raster(path: Path) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, SyntaxError) as exc:
        raise ValueError(f"not a readable image: {exc}") from None


def _verify_font(path: Path) -> None:
    """A TrueType font with outlines and a character map (its table directory is enough)."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            tables = set(font.reader.keys())
    except (TTLibError, OSError, KeyError, AssertionError) as exc:
        raise ValueError(f"not a usable TrueType font: {exc}") from None
    if "glyf" not in tables:
        raise ValueError("not a TrueType font with glyph outlines (CFF fonts cannot be embedded)")
    if "cmap" not in tables:
        raise ValueError("not a usable TrueType font: it has no character map")


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
