"""Checks on text as a reader sees it (pdfplumber: characters with their size, colour and
place): small type, text in the safe zone, small reversed text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from pdfminer.psexceptions import PSException

from ..resources.colour import REVERSED_TEXT_MIN_PT
from .findings import MM, Finding, under
from .ink import InkMap

UNREADABLE_TEXT = (PSException, ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError,
                   RecursionError, ZeroDivisionError, OverflowError)
"""What pdfminer raises on content it cannot read."""
MIN_TEXT_PT = 6.0
REVERSED_MIN_PT = REVERSED_TEXT_MIN_PT
PLATE_INK = 0.15
"""An ink counts as a plate under reversed text from 15%."""
SAMPLE_CHARACTERS = 40


def text_findings(pdf: bytes, safe_zone: float, maps: dict[int, InkMap]) -> list[Finding]:
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return _text_findings(pdf, safe_zone, maps)
    except (PdfminerException, *UNREADABLE_TEXT) as exc:
        return [Finding("warning", 0, f"pdfplumber could not read the text, so its size and place were not "
                        f"checked: {str(exc)[:100]}")]


def _text_findings(pdf: bytes, safe_zone: float, maps: dict[int, InkMap]) -> list[Finding]:
    import pdfplumber

    findings: list[Finding] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            try:
                everything = page.chars
            except UNREADABLE_TEXT as exc:
                findings.append(Finding("warning", number, f"the text of this page could not be read, so its "
                                        f"size and place were not checked: {str(exc)[:100]}"))
                continue
            chars = [c for c in everything if c["text"].strip()]
            findings += _small(chars, number)
            findings += _safe_zone(page, chars, everything, number, safe_zone)
            if number in maps:
                findings += _reversed(page, chars, everything, number, maps[number])
    return findings


def _small(chars: list[dict[str, Any]], number: int) -> Iterator[Finding]:
    smallest = min((size_of(c) for c in chars), default=None)
    if smallest is not None and smallest < MIN_TEXT_PT - 0.05:
        yield Finding("warning", number, f"text at {under(smallest, MIN_TEXT_PT, 1)} pt (under {MIN_TEXT_PT:g} pt)")


def size_of(char: dict[str, Any]) -> float:
    """The type size of a character; for turned text, its extent across the baseline."""
    return float(char["size"] if char["upright"] else char["x1"] - char["x0"])


def _trim(page: Any) -> tuple[float, float, float, float] | None:
    from pdfminer.pdftypes import resolve1

    trim = page.page_obj.attrs.get("TrimBox")
    if trim is None:
        return None
    x0, y0, x1, y1 = (float(resolve1(v)) for v in resolve1(trim))
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _safe_zone(page: Any, chars: list[dict[str, Any]], everything: list[dict[str, Any]], number: int,
               safe_zone: float) -> Iterator[Finding]:
    trim = _trim(page)
    if trim is None:
        return
    safe = (trim[0] + safe_zone, trim[1] + safe_zone, trim[2] - safe_zone, trim[3] - safe_zone)
    outside = [c for c in chars if not _inside(c, page.height, safe)]
    if outside:
        yield Finding("error", number, f"text inside the {safe_zone / MM:g} mm safe zone: "
                      f"'{words(outside, everything)}'")


def words(chosen: list[dict[str, Any]], everything: list[dict[str, Any]]) -> str:
    """The chosen characters as words, split where the page has a space between two of them
    (pdfplumber's word extraction; ReportLab's spaces are narrower than its gap tolerance)."""
    from pdfplumber.utils.text import extract_words

    picked = {id(c) for c in chosen}
    kept = [c for i, c in enumerate(everything) if id(c) in picked or (
        not c["text"].strip() and 0 < i < len(everything) - 1
        and id(everything[i - 1]) in picked and id(everything[i + 1]) in picked)]
    text = " ".join(w["text"] for w in extract_words(kept))
    return text if len(text) <= SAMPLE_CHARACTERS else text[:SAMPLE_CHARACTERS].rstrip() + "…"


def _inside(char: dict[str, Any], height: float, safe: tuple[float, float, float, float]) -> bool:
    bottom, top = height - char["bottom"], height - char["top"]
    return bool(char["x0"] >= safe[0] - 0.01 and char["x1"] <= safe[2] + 0.01
                and bottom >= safe[1] - 0.01 and top <= safe[3] + 0.01)


def _white(char: dict[str, Any]) -> bool:
    colour = char.get("non_stroking_color")
    if colour is None:
        return False
    values = [float(v) for v in (colour if isinstance(colour, (list, tuple)) else [colour])]
    if len(values) == 4:
        return max(values) < 0.02
    return bool(values) and min(values) > 0.98


def _reversed(page: Any, chars: list[dict[str, Any]], everything: list[dict[str, Any]], number: int,
              ink_map: InkMap) -> Iterator[Finding]:
    """White text under 9 pt on a background printed with two or more inks."""
    small = [c for c in chars if _white(c) and size_of(c) < REVERSED_MIN_PT - 0.05]
    flagged: list[dict[str, Any]] = []
    for char in small:
        box = (char["x0"], page.height - char["bottom"], char["x1"], page.height - char["top"])
        plates = (ink_map.region(box).reshape(-1, 4).max(axis=0) >= PLATE_INK).sum()
        if plates >= 2:
            flagged.append(char)
    if flagged:
        size = min(size_of(c) for c in flagged)
        yield Finding("warning", number, f"reversed text at {size:.1f} pt (white out of a colour on two plates "
                      f"or more; under {REVERSED_MIN_PT:g} pt it may fill in): '{words(flagged, everything)}'")
