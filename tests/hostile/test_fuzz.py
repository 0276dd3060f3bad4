"""Property: whatever the content, the brand or an asset file says, a build ends in a PDF
(exit 0) or in errors that each name their place (exit 1), in bounded time, never a bug.

``HYPOTHESIS_PROFILE=long`` runs 600 examples of each strategy (about twenty minutes); CI
runs the ``ci`` profile, a few dozen each.
"""

from __future__ import annotations

import os
import re
import struct
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import makers as m
from .harness import Case, Outcome, doc, prepare

COMMON = {"deadline": None, "suppress_health_check": list(HealthCheck), "database": None}
settings.register_profile("ci", max_examples=20, **COMMON)
settings.register_profile("long", max_examples=600, **COMMON)
HOSTILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")
                               if os.environ.get("HYPOTHESIS_PROFILE") in ("ci", "long") else "ci")
PLACE = re.compile(r"^error: (?P<file>/[^:]+):(?P<line>\d+):(?P<col>\d+): ")


def run_case(case: Case) -> Outcome:
    from .harness import _in_process

    with tempfile.TemporaryDirectory(prefix="hostile-fuzz-") as folder:
        root = Path(folder)
        os.environ["XDG_DATA_HOME"] = str(root / "data")
        ws, _brochure, _brand = prepare(case, root)
        outcome = _in_process(ws, [ws.expand(arg) for arg in case.argv])
        _check(ws.source, ws.brand, ws.out, outcome)
        return outcome


def _check(source: Path, brand: Path, out: Path, outcome: Outcome) -> None:
    said = outcome.err + outcome.out
    assert outcome.code in (0, 1), f"exit {outcome.code}:\n{said[-3000:]}"
    assert "Traceback" not in said and "internal error" not in said, said[-3000:]
    if outcome.code == 0:
        assert out.read_bytes().startswith(b"%PDF-")
        return
    errors = [line for line in outcome.err.splitlines() if line.startswith("error:") and "more problems" not in line]
    assert errors, said
    for line in errors:
        match = PLACE.match(line)
        assert match, f"no place in: {line}"
        assert match["file"] in (str(source), str(brand)), f"the place is not in a YAML file: {line}"


# ---------------------------------------------------------------- content: YAML scalars as written
SCALARS = st.one_of(
    st.sampled_from(["no", "yes", "on", "off", "~", "null", "1:20", "010", "0x1F", "0b11", "1_000", ".inf", "-.inf",
                     ".nan", "1e308", "1.7e308", "-1e-300", "2001-02-30", "2024-05-01", "2001-12-14t21:59:43.10-05:00",
                     "23,6", "1,320", "'\\u200b'", '"\\u202e"', '"\\e[31m"', "''", '""', "[]", "{}", "[a, b]", "*a",
                     "&a x", "!!binary aGk=", "!!str 5", "!!float 3", "'{:.1f%}'", "'{0.__class__}'", "'{:,.0f}'",
                     "'[x](pdf:a.pdf)'", "'[x](#nowhere)'", "'[x](https://example.com)'", "'x[^missing]'",
                     "'x[^n]'", "0", "-5", "3", "0.0000001", "1" * 50, "9" * 5000]),
    st.integers(-10**30, 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30).map(lambda t: repr(t).replace("\\", "\\\\")),
)
FIELDS = {
    # where a scalar goes: (argument of doc(), YAML with {v} for the value)
    "cover-subtitle": ("cover", "subtitle: {v}"),
    "cover-kicker": ("cover", "kicker: {v}"),
    "meta-language": ("meta", "language: {v}"),
    "meta-keywords": ("meta", "keywords: [{v}, x]"),
    "section-kicker": ("section", "kicker: {v}"),
    "section-new-page": ("section", "new_page: {v}"),
    "paragraph": ("blocks", "- kind: paragraph\n  text: {v}"),
    "heading-level": ("blocks", "- kind: heading\n  text: H\n  level: {v}"),
    "stat-value": ("blocks", "- kind: stats\n  items:\n    - value: {v}\n      label: L\n      source: S"),
    "chart-value": ("blocks", "- kind: chart\n  chart: bar\n  title: T\n  alt: A\n  source: S\n  height: 40\n"
                              "  data:\n    - label: A\n      value: {v}"),
    "chart-format": ("blocks", "- kind: chart\n  chart: bar\n  title: T\n  alt: A\n  source: S\n  height: 40\n"
                               "  value_format: {v}\n  data: [{{ label: A, value: 3 }}]"),
    "image-width": ("blocks", "- kind: image\n  path: ../assets/icons/innovation.svg\n  alt: A\n  width: {v}"),
    "timeline-when": ("blocks", "- kind: timeline\n  items:\n    - when: {v}\n      text: T"),
    "page-break": ("blocks", "- kind: paragraph\n  text: P\n- kind: page_break\n  unless_space: {v}"),
    "columns-count": ("blocks", "- kind: columns\n  count: {v}\n  blocks:\n    - kind: paragraph\n      text: P"),
    "back-note": ("back", "note: {v}"),
}
NOTES = "\n- kind: sources\n  items:\n    - { id: n, text: A note }"


@HOSTILE
@given(field=st.sampled_from(sorted(FIELDS)), value=SCALARS, also=st.sampled_from(sorted(FIELDS)), other=SCALARS)
def test_any_scalar_in_any_field_ends_in_a_pdf_or_placed_errors(field: str, value: str, also: str, other: str) -> None:
    parts: dict[str, str] = {}
    for name, scalar in ((field, value), (also, other)):
        where, template = FIELDS[name]
        parts[where] = (parts[where] + "\n" if where in parts else "") + template.format(v=scalar)
    parts["blocks"] = parts.get("blocks", "- kind: paragraph\n  text: Hello.") + NOTES
    run_case(Case("fuzz", "fuzz", 0, brochure=doc(**parts)))


# ---------------------------------------------------------------- brand: numbers and choices
BRAND_NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers(-100, 400).map(str),
                          st.sampled_from(["yes", "~", "1:20", "010", "'8'", "[1]", "1e308", "-0.0"]))
BRAND_EDITS = {
    "margins": ("margins: { top: 22, bottom: 24, inner: 20, outer: 20 }",
                "margins: {{ top: {a}, bottom: {b}, inner: {c}, outer: {d} }}"),
    "gutter": ("gutter: 8", "gutter: {a}"),
    "bleed": ("bleed: 3", "bleed: {a}"),
    "body": ("body: 10", "body: {a}"),
    "leading": ("leading: 1.5", "leading: {a}"),
    "h1": ("h1: 34", "h1: {a}"),
    "cmyk": ("cmyk: [0, 28, 100, 0]", "cmyk: [{a}, {b}, {c}, {d}]"),
    "size": ("size: A4", "size: {choice}"),
    "logo": ("logo: ../assets/logos/lithuania-mark.svg", "logo: {path}"),
    "font": ("regular: ../assets/fonts/lato/Lato-Regular.ttf", "regular: {path}"),
}
PATHS = ["../assets/logos/lithuania-mark.svg", "../assets/fonts/lato/Lato-Bold.ttf", "../assets/icons", "brand.yaml",
         "test.yaml", "/etc/passwd", "../../x", "''", "~", "../assets/illustrations/travel-bubble.svg"]


@HOSTILE
@given(edits=st.lists(st.sampled_from(sorted(BRAND_EDITS)), min_size=1, max_size=3, unique=True),
       numbers=st.lists(BRAND_NUMBERS, min_size=4, max_size=4),
       choice=st.sampled_from(["A4", "A5", "Letter", "A3", "a4", "yes", "~"]), path=st.sampled_from(PATHS),
       columns=st.sampled_from([2, 3]))
def test_any_brand_ends_in_a_pdf_or_placed_errors(edits: list[str], numbers: list[str], choice: str, path: str,
                                                    columns: int) -> None:
    def edit(text: str) -> str:
        for name in edits:
            old, new = BRAND_EDITS[name]
            text = text.replace(old, new.format(a=numbers[0], b=numbers[1], c=numbers[2], d=numbers[3],
                                                choice=choice, path=path))
        return text

    blocks = f"- kind: columns\n  count: {columns}\n  blocks:\n    - kind: paragraph\n      text: {'Words ' * 80}"
    run_case(Case("fuzz", "fuzz", 0, brand=edit, brochure=doc(blocks)))


# ---------------------------------------------------------------- assets with random header values


def _png(width: int, height: int, depth: int, colour: int, lie: int, body: bytes) -> bytes:
    data = m.png_header(width, height, depth=depth, colour=colour, idat=body or zlib.compress(b"\0" * 64))
    if lie:  # a chunk length that is not the chunk's
        data = data[:33] + struct.pack(">I", lie) + data[37:]
    return data


PNGS = st.builds(_png, st.integers(0, 70_000), st.integers(0, 70_000), st.sampled_from([1, 2, 4, 8, 16, 3, 0]),
                 st.sampled_from([0, 2, 3, 4, 6, 5]), st.sampled_from([0, 0, 1, 2**31 - 1, 10**6]),
                 st.binary(max_size=64))
JPEGS = st.builds(lambda w, h, cut: m.cut(m.jpeg_claiming(w, h), cut), st.integers(0, 65_535), st.integers(0, 65_535),
                  st.floats(0.05, 1.0))
REAL_RASTERS = st.builds(lambda w, h, kind, cut: m.cut(m.raster(w, h, kind[0], mode=kind[1]), cut),
                         st.integers(1, 400), st.integers(1, 400),
                         st.sampled_from([("PNG", "RGB"), ("PNG", "L"), ("PNG", "RGBA"), ("PNG", "P"), ("JPEG", "RGB"),
                                          ("JPEG", "L"), ("JPEG", "CMYK")]),
                         st.sampled_from([1.0, 1.0, 0.9, 0.5, 0.1]))
LENGTHS = st.one_of(st.sampled_from(["0", "-1", "NaN", "inf", "1e308", "1e-9", "100%", "10mm", "3in", "", "abc",
                                     "1e5", "0.5", "40"]), st.floats(-1e6, 1e6).map(repr))
SVGS = st.builds(
    lambda w, h, box, count, depth, use: m.svg(
        w, h, body="<g>" * depth + '<rect width="4" height="4"/>' * count + (use or "") + "</g>" * depth,
        viewbox=box),
    st.one_of(st.none(), LENGTHS), st.one_of(st.none(), LENGTHS),
    st.one_of(st.none(), st.lists(LENGTHS, min_size=0, max_size=5).map(" ".join)),
    st.integers(0, 30_000), st.integers(0, 300),
    st.sampled_from([None, '<use xlink:href="#nothing"/>', '<g id="s"><use xlink:href="#s"/></g>',
                     '<image width="3" height="3" xlink:href="data:image/png;base64,AAAA"/>']),
)


def _font(tag: bytes, offset: int | None, length: int | None, cut: float) -> bytes:
    return m.cut(m.font_with_table_entry(tag, offset=offset, length=length), cut)


FONTS = st.builds(_font, st.sampled_from([b"glyf", b"loca", b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name",
                                          b"post", b"OS/2", b"GPOS"]),
                  st.one_of(st.none(), st.integers(0, 2**32 - 1)), st.one_of(st.none(), st.integers(0, 2**32 - 1)),
                  st.sampled_from([1.0, 1.0, 1.0, 0.99, 0.5, 0.01]))


def _image_case(name: str, make: Callable[[], bytes]) -> Case:
    return Case("fuzz", "fuzz", 0, assets={name: make}, brochure=doc(
        f"- kind: image\n  path: ../assets/{name}\n  alt: A picture\n"
        f"- kind: cards\n  items:\n    - {{ title: T, text: X, icon: ../assets/{name} }}"))


@HOSTILE
@given(data=st.one_of(PNGS, JPEGS, REAL_RASTERS), suffix=st.sampled_from(["png", "jpg"]))
def test_any_raster_image_ends_in_a_pdf_or_placed_errors(data: bytes, suffix: str) -> None:
    run_case(_image_case(f"fuzz.{suffix}", lambda: data))


@HOSTILE
@given(data=SVGS)
def test_any_svg_ends_in_a_pdf_or_placed_errors(data: bytes) -> None:
    run_case(_image_case("fuzz.svg", lambda: data))


@HOSTILE
@given(data=FONTS, face=st.sampled_from(["regular", "bold", "display"]))
def test_any_font_ends_in_a_pdf_or_placed_errors(data: bytes, face: str) -> None:
    faces = {"regular": "Lato-Regular", "bold": "Lato-Bold", "display": "Lato-Black"}
    old = f"{face}: ../assets/fonts/lato/{faces[face]}.ttf"
    run_case(Case("fuzz", "fuzz", 0, assets={"fuzz.ttf": lambda: data},
                  brand=lambda text: text.replace(old, f"{face}: ../assets/fuzz.ttf")))
