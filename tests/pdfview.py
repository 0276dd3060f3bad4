"""What a reader and a printer see in a built PDF: characters and where they sit, fonts, pictures.

Shared by the tests of the test brochures and the random-document properties. Coordinates are
pdfplumber's: points from the top-left corner of the sheet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
from fontTools.ttLib import TTFont

BULLET_MARKS = set("•●◦▪■‣⁃○◆◼►▸▶–-*·")
"""Characters that read as a list bullet when drawn left of an item."""
IGNORED = set(" \t\n\r\u00a0\u00ad-‐‑–—'\"‘’“”„«»‹›")
"""Left out when comparing text: spaces, hyphens (line breaks add them) and quotes (typography
changes them). En and em dashes are kept apart from hyphens only where a test says so."""
QUOTES = set("'\"‘’“”„«»‹›")


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return other.x0 < self.x1 and other.x1 > self.x0 and other.top < self.bottom and other.bottom > self.top

    def contains(self, other: Box, tolerance: float = 0.5) -> bool:
        return (other.x0 >= self.x0 - tolerance and other.x1 <= self.x1 + tolerance
                and other.top >= self.top - tolerance and other.bottom <= self.bottom + tolerance)


@dataclass
class PageView:
    number: int
    width: float
    height: float
    trim: Box
    chars: list[dict[str, Any]]
    images: list[Box]
    shapes: list[Box]
    words: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.chars and not self.images and not self.shapes

    def content_above(self, y: float) -> bool:
        """Anything drawn (text, picture, shape) whose top is above ``y``."""
        return any(c["top"] < y for c in self.chars) or any(b.top < y for b in [*self.images, *self.shapes])


def char_box(char: dict[str, Any]) -> Box:
    return Box(char["x0"], char["top"], char["x1"], char["bottom"])


def read_pdf(path: Path) -> list[PageView]:
    """Every page of ``path``: its trim box, characters in drawing order, images and shapes."""
    trims = _trim_boxes(path)
    pages = []
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            height = float(page.height)
            x0, y0, x1, y1 = trims[index]
            trim = Box(x0, height - y1, x1, height - y0)
            shapes = [Box(o["x0"], o["top"], o["x1"], o["bottom"])
                      for o in [*page.rects, *page.curves, *page.lines]]
            pages.append(PageView(
                number=index + 1, width=float(page.width), height=height, trim=trim,
                chars=[dict(c) for c in page.chars],
                images=[Box(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images],
                shapes=[s for s in shapes if trim.overlaps(s)],  # crop marks sit outside the trim
                words=page.extract_words(keep_blank_chars=False, use_text_flow=True),
            ))
    return pages


def _trim_boxes(path: Path) -> list[tuple[float, float, float, float]]:
    with pikepdf.open(path) as pdf:
        return [tuple(float(v) for v in (page.obj.get("/TrimBox") or page.mediabox))  # type: ignore[misc]
                for page in pdf.pages]


def fonts_in(path: Path) -> dict[str, bool]:
    """Every font the PDF uses (subset prefix removed) and whether its program is embedded."""
    found: dict[str, bool] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in _fonts_of(page.obj.get("/Resources")):
                name = str(font.get("/BaseFont", "?")).lstrip("/").split("+", 1)[-1]
                descriptor = font.get("/FontDescriptor")
                if font.get("/Subtype") == "/Type0":
                    descriptor = font["/DescendantFonts"][0].get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[name] = found.get(name, True) and embedded
    return found


def _fonts_of(resources: Any, seen: set[int] | None = None) -> Iterator[Any]:
    seen = set() if seen is None else seen
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    yield from (resources.get("/Font") or {}).values()
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts_of(xobject.get("/Resources"), seen)


def font_faces(paths: Iterable[Path]) -> dict[str, set[int]]:
    """PostScript name of each font file -> the code points it can draw."""
    faces = {}
    for path in paths:
        font = TTFont(path, lazy=True)
        faces[font["name"].getDebugName(6)] = set(font.getBestCmap())
        font.close()
    return faces


def undrawable_chars(pages: list[PageView], faces: dict[str, set[int]]) -> list[str]:
    """Characters drawn with a face that has no glyph for them (they show as .notdef, or not at
    all). ReportLab extracts such a character as U+0000."""
    bad = []
    for page in pages:
        for char in page.chars:
            face = char["fontname"].split("+", 1)[-1]
            text = char["text"]
            if face not in faces:
                continue
            if "\x00" in text or any(ord(ch) not in faces[face] for ch in text if not ch.isspace()):
                bad.append(f"page {page.number}: {text!r} (U+{ord(text[0]):04X}) in {face} at "
                           f"x={char['x0']:.0f}, y={char['top']:.0f}")
    return bad


def outside_trim(pages: list[PageView]) -> list[str]:
    return [f"page {p.number}: {c['text']!r} at x={c['x0']:.1f}..{c['x1']:.1f}, y={c['top']:.1f}..{c['bottom']:.1f}"
            for p in pages for c in p.chars if not p.trim.contains(char_box(c))]


def folio_problems(pages: list[PageView], footer_height: float) -> list[str]:
    """Body pages (all but the first and last, blank ones skipped): the page number must sit in
    the foot at the outer edge, right of the centre on odd (right-hand) pages, left on even."""
    problems = []
    for page in pages[1:-1]:
        if page.is_empty:
            continue
        foot = page.trim.bottom - footer_height
        numbers = [w for w in page.words if w["top"] >= foot and w["text"].isdigit()
                   and int(w["text"]) == page.number]
        if not numbers:
            problems.append(f"page {page.number}: no page number in the foot")
            continue
        middle = (numbers[0]["x0"] + numbers[0]["x1"]) / 2
        centre = (page.trim.x0 + page.trim.x1) / 2
        right = middle > centre
        if right != (page.number % 2 == 1):
            side = "right" if right else "left"
            problems.append(f"page {page.number}: page number on the {side} (spine side)")
    return problems


def blank_pages(pages: list[PageView]) -> list[int]:
    return [p.number for p in pages if p.is_empty]


def footer_only_pages(pages: list[PageView], footer_height: float) -> list[int]:
    """Pages with something on them, but nothing above the running foot."""
    return [p.number for p in pages
            if not p.is_empty and not p.content_above(p.trim.bottom - footer_height)]


def top_empty_pages(pages: list[PageView], top: float, share: float = 0.4) -> list[int]:
    """Body pages whose frame is empty from its top down to ``share`` of its height: what is left
    is a block set at the foot with nothing above it, or a stray line."""
    found = []
    for page in pages[1:-1]:
        if page.is_empty:
            continue
        frame_top = page.trim.top + top
        limit = frame_top + (page.trim.bottom - frame_top) * share
        if not page.content_above(limit):
            found.append(page.number)
    return found


# ---- text -----------------------------------------------------------------------------------

_NOTE = re.compile(r"\[\^[^\]]+\]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain(text: str) -> str:
    """The words of a YAML text field as a reader sees them: markup and note marks removed."""
    text = _NOTE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    return text.replace("**", "").replace("*", "")


def squeeze(text: str) -> str:
    """Text without spaces, hyphens and quotes, in one case (kickers are set in capitals)."""
    return "".join(ch for ch in unicodedata.normalize("NFC", text) if ch not in IGNORED).casefold()


def page_text(page: PageView) -> str:
    """The page's characters in drawing order, squeezed (a column's lines stay together)."""
    return squeeze("".join(c["text"] for c in page.chars))


def missing_words(pages: list[PageView], texts: Iterable[str]) -> list[str]:
    """Words of ``texts`` that are not drawn on any page (checked word by word, in full)."""
    drawn = "\n".join(page_text(p) for p in pages)
    missing = []
    for text in texts:
        for word in plain(text).split():
            if "{{" in word or "}}" in word:
                continue
            squeezed = squeeze(word)
            if squeezed and squeezed not in drawn:
                missing.append(word)
    return missing


def find_runs(page: PageView, text: str) -> list[list[dict[str, Any]]]:
    """Each run of characters that draws ``text`` on ``page`` (spaces, hyphens, quotes skipped)."""
    target = squeeze(text)
    chars = [c for c in page.chars if squeeze(c["text"])]
    joined = "".join(squeeze(c["text"]) for c in chars)  # one code point per drawn character
    runs, start = [], joined.find(target) if target else -1
    while start >= 0:
        runs.append(chars[start:start + len(target)])
        start = joined.find(target, start + 1)
    return runs


def locate(pages: list[PageView], text: str) -> tuple[PageView, list[dict[str, Any]]] | None:
    """The first place ``text`` is drawn."""
    for page in pages:
        runs = find_runs(page, text)
        if runs:
            return page, runs[0]
    return None


def broken_runs(pages: list[PageView], text: str) -> list[int]:
    """Pages where ``text`` (meant to stay on one line) is drawn over more than one line."""
    return [page.number for page in pages for run in find_runs(page, text) if lines_of(run) > 1]


def lines_of(run: list[dict[str, Any]]) -> int:
    """How many lines a run of characters takes (by baseline)."""
    tops: list[float] = []
    for char in run:
        if not any(abs(char["bottom"] - t) < 1.5 for t in tops):
            tops.append(char["bottom"])
    return len(tops)


def has_bullet(page: PageView, first: dict[str, Any], faces: dict[str, set[int]]) -> bool:
    """A drawable bullet glyph, or a small shape, left of the item's first character, on its line."""
    left, top, bottom = first["x0"], first["top"], first["bottom"]
    for char in page.chars:
        face = char["fontname"].split("+", 1)[-1]
        drawable = face not in faces or all(ord(ch) in faces[face] for ch in char["text"])
        if (char["text"] in BULLET_MARKS and drawable and left - 24 <= char["x0"] and char["x1"] <= left + 0.5
                and char["top"] < bottom and char["bottom"] > top):
            return True
    return any(left - 24 <= s.x0 and s.x1 <= left + 0.5 and s.top < bottom and s.bottom > top
               and (s.x1 - s.x0) < 10 and (s.bottom - s.top) < 10 for s in page.shapes)
