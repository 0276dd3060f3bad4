"""Preflight: check a PDF the way a print shop does, and report each problem with its page.

Errors fail (non-embedded fonts, missing or wrong page boxes, non-CMYK colour, ink over 300%,
text in the safe zone, images under 150 ppi); warnings are listed (images under 300 ppi, text
under 6 pt, DeviceGray, spot colours).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib.units import mm

Severity = Literal["error", "warning"]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)

MAX_INK = 300.0
MIN_PPI, GOOD_PPI = 150.0, 300.0
MIN_TEXT_PT = 6.0
DEFAULT_SAFE_ZONE = 5 * mm
BOX_TOLERANCE = 0.5


@dataclass(frozen=True)
class Finding:
    severity: Severity
    page: int
    message: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Report:
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


PageCheck = Callable[[Any, int, float], Iterator[Finding]]
CHECKS: list[PageCheck] = []


def check(pdf: bytes, *, safe_zone: float = DEFAULT_SAFE_ZONE) -> Report:
    """Run every check on every page of ``pdf``."""
    import pikepdf

    findings: list[Finding] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            for page_check in CHECKS:
                findings += page_check(page, number, safe_zone)
    findings += _text_findings(pdf, safe_zone)
    return Report(findings)


def page_check(function: PageCheck) -> PageCheck:
    CHECKS.append(function)
    return function


def _box(page: Any, name: str) -> list[float] | None:
    value = page.obj.get(f"/{name}")
    return [float(v) for v in value] if value is not None else None


def _contains(outer: list[float], inner: list[float]) -> bool:
    t = BOX_TOLERANCE
    return (outer[0] <= inner[0] + t and outer[1] <= inner[1] + t
            and outer[2] >= inner[2] - t and outer[3] >= inner[3] - t)


@page_check
def boxes(page: Any, number: int, _safe: float) -> Iterator[Finding]:
    media = [float(v) for v in page.mediabox]
    trim, bleed = _box(page, "TrimBox"), _box(page, "BleedBox")
    if trim is None:
        yield Finding("error", number, "no TrimBox: the finished size is not set")
    if bleed is None:
        yield Finding("error", number, "no BleedBox: the bleed is not set")
    if trim is None or bleed is None:
        return
    if not _contains(bleed, trim):
        yield Finding("error", number, "the BleedBox does not contain the TrimBox")
    elif min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]) < 3 * mm - 0.5:
        yield Finding("error", number, "bleed under 3 mm on at least one side")
    if not _contains(media, bleed):
        yield Finding("error", number, "the MediaBox does not contain the BleedBox")


@page_check
def fonts(page: Any, number: int, _safe: float) -> Iterator[Finding]:
    for name, font in _fonts(page.obj.get("/Resources", {})):
        if font.get("/Subtype") == "/Type3":
            continue
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        embedded = descriptor is not None and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        if not embedded:
            yield Finding("error", number, f"font {font.get('/BaseFont', name)} is not embedded")


def _fonts(resources: Any, seen: set[int] | None = None) -> Iterator[tuple[str, Any]]:
    seen = set() if seen is None else seen
    yield from ((str(k), v) for k, v in resources.get("/Font", {}).items())
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts(xobject.get("/Resources", {}), seen)


@page_check
def colours_and_images(page: Any, number: int, _safe: float) -> Iterator[Finding]:
    reported: set[str] = set()
    for finding in _walk(page.obj, page.obj.get("/Resources", {}), IDENTITY, number, set()):
        if finding.message not in reported:
            reported.add(finding.message)
            yield finding


def _walk(stream: Any, resources: Any, ctm: Matrix, number: int, seen: set[Any]) -> Iterator[Finding]:
    import pikepdf

    stack: list[Matrix] = []
    for instruction in pikepdf.parse_content_stream(stream):
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif op in ("rg", "RG"):
            yield Finding("error", number, "RGB colour (DeviceRGB) in page content")
        elif op in ("g", "G"):
            yield Finding("warning", number, "grey colour (DeviceGray): prints on black only")
        elif op in ("k", "K"):
            yield from _ink(number, [float(v) for v in operands])
        elif op in ("cs", "CS"):
            yield from _colour_space(resources, operands[0], number)
        elif op == "Do":
            xobject = resources.get("/XObject", {}).get(operands[0])
            if xobject is not None:
                yield from _xobject(xobject, ctm, number, seen)


def _xobject(xobject: Any, ctm: Matrix, number: int, seen: set[Any]) -> Iterator[Finding]:
    if xobject.get("/Subtype") == "/Image":
        yield from _image(xobject, ctm, number)
    elif xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        yield from _walk(xobject, xobject.get("/Resources", {}), _multiply(matrix, ctm), number,  # type: ignore[arg-type]
                         seen | {xobject.objgen})


def _ink(number: int, values: list[float]) -> Iterator[Finding]:
    total = sum(values) * 100
    if total > MAX_INK + 0.5:
        yield Finding("error", number, f"ink coverage {total:.0f}% is over {MAX_INK:.0f}%")


def _colour_space(resources: Any, name: Any, number: int) -> Iterator[Finding]:
    space = resources.get("/ColorSpace", {}).get(name, name)
    kind = _space_kind(space)
    if kind == "rgb":
        yield Finding("error", number, f"RGB colour space {name}")
    elif kind == "gray":
        yield Finding("warning", number, f"grey colour space {name}: prints on black only")
    elif kind == "spot":
        yield Finding("warning", number, f"spot colour {space[1]}: an extra plate")


def _space_kind(space: Any) -> str:
    import pikepdf

    if isinstance(space, pikepdf.Name):
        return {"/DeviceRGB": "rgb", "/CalRGB": "rgb", "/DeviceGray": "gray", "/CalGray": "gray"}.get(
            str(space), "cmyk"
        )
    family = str(space[0])
    if family == "/ICCBased":
        return {3: "rgb", 1: "gray"}.get(int(space[1].get("/N", 4)), "cmyk")
    if family == "/Separation":
        return "cmyk" if str(space[1]) in ("/All", "/None") else "spot"
    if family == "/Indexed":
        return _space_kind(space[1])
    if family in ("/CalRGB", "/Lab"):
        return "rgb"
    return "cmyk"


def _image(image: Any, ctm: Matrix, number: int) -> Iterator[Finding]:
    if image.get("/ImageMask"):
        return
    kind = _space_kind(image.get("/ColorSpace", "/DeviceGray"))
    if kind == "rgb":
        yield Finding("error", number, "RGB image")
    width_pt = math.hypot(ctm[0], ctm[1])
    height_pt = math.hypot(ctm[2], ctm[3])
    if width_pt <= 0 or height_pt <= 0:
        return
    ppi = min(int(image.Width) / (width_pt / 72), int(image.Height) / (height_pt / 72))
    if ppi < MIN_PPI:
        yield Finding("error", number, f"image at {ppi:.0f} ppi (under {MIN_PPI:.0f}) at its printed size")
    elif ppi < GOOD_PPI:
        yield Finding("warning", number, f"image at {ppi:.0f} ppi (under {GOOD_PPI:.0f}) at its printed size")


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _text_findings(pdf: bytes, safe_zone: float) -> list[Finding]:
    """Text under 6 pt, and text inside the safe zone (or outside the trim)."""
    import pdfplumber

    findings: list[Finding] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            findings += _page_text(page, number, safe_zone)
    return findings


def _page_text(page: Any, number: int, safe_zone: float) -> list[Finding]:
    trim = page.page_obj.attrs.get("TrimBox")
    safe = None
    if trim is not None:
        x0, y0, x1, y1 = (float(v) for v in _resolve(trim))
        safe = (x0 + safe_zone, y0 + safe_zone, x1 - safe_zone, y1 - safe_zone)
    small = min((_size(c) for c in page.chars if c["text"].strip()), default=None)
    findings = []
    if small is not None and small < MIN_TEXT_PT - 0.05:
        findings.append(Finding("warning", number, f"text at {small:.1f} pt (under {MIN_TEXT_PT:g} pt)"))
    if safe is not None:
        outside = [c for c in page.chars if c["text"].strip() and not _inside(c, page.height, safe)]
        if outside:
            sample = "".join(c["text"] for c in outside[:24])
            findings.append(Finding(
                "error", number, f"text inside the {safe_zone / mm:g} mm safe zone: '{sample}'"))
    return findings


def _size(char: dict[str, Any]) -> float:
    """The type size of a character; for turned text, its extent across the baseline."""
    return float(char["size"] if char["upright"] else char["x1"] - char["x0"])


def _resolve(value: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return [resolve1(v) for v in resolve1(value)]


def _inside(char: dict[str, Any], height: float, safe: tuple[float, float, float, float]) -> bool:
    bottom, top = height - char["bottom"], height - char["top"]
    return bool(char["x0"] >= safe[0] - 0.01 and char["x1"] <= safe[2] + 0.01
            and bottom >= safe[1] - 0.01 and top <= safe[3] + 0.01)
