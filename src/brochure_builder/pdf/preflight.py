"""Preflight: check a PDF for its purpose and report each problem with its page and place.

``press`` (the print file and the press booklet) runs everything: the page checks of
``checks.py``, ink coverage by rendering (``ink.py``), the text checks (``textchecks.py``) and
the PDF/X-4 rules (``conformance.py``). ``screen`` and ``office`` (the email file and the office
booklet) check that the file opens within the limits and embeds its fonts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.units import mm

from .checks import CHECKS, PageView, page_boxes
from .content import Budget, page_paints
from .findings import Finding, Report, Rule, merged
from .objects import is_dict
from .reader import open_pdf

DEFAULT_SAFE_ZONE = 5 * mm
MAX_INK = 300.0


@dataclass(frozen=True)
class Purpose:
    """What a file is for, and so which checks it must pass."""

    name: str
    checks: tuple[str, ...]
    ink: bool = False
    text: bool = False
    conformance: bool = False


PURPOSES = {
    "press": Purpose("press", tuple(CHECKS), ink=True, text=True, conformance=True),
    "screen": Purpose("screen", ()),
    "office": Purpose("office", ()),
}


def check(pdf: bytes, *, purpose: str = "press", safe_zone: float = DEFAULT_SAFE_ZONE, name: str = "PDF",
          strict: bool = False) -> Report:
    """Every check of ``purpose`` on every page of ``pdf``; ``strict`` makes warnings errors."""
    chosen = PURPOSES[purpose]
    with open_pdf(pdf, name) as document:
        if not chosen.checks:
            report = Report(list(_embedded_fonts(document)))
        else:
            report = _full(document, pdf, chosen, safe_zone, name)
    return report.strict() if strict else report


def _full(document: Any, pdf: bytes, purpose: Purpose, safe_zone: float, name: str) -> Report:
    views = [_view(page.obj, number, name) for number, page in enumerate(document.pages, start=1)]
    findings: list[Finding] = []
    for view in views:
        for check_name in purpose.checks:
            findings += [replace(f, check=check_name) for f in CHECKS[check_name](view)]
    maps = {}
    if purpose.ink:
        from .ink import coverage_findings, ink_maps

        ink, notes = ink_maps(pdf, views, name)
        maps = {m.page: m for m in ink}
        findings += [replace(f, check="ink") for f in coverage_findings(ink, views, MAX_INK) + notes]
    if purpose.text:
        from .textchecks import text_findings

        findings += [replace(f, check="text") for f in text_findings(pdf, safe_zone, maps)]
    findings = merged(sorted(findings, key=lambda f: f.page))
    rules: list[Rule] = []
    if purpose.conformance:
        from .conformance import conformance

        rules = conformance(document, pdf, views, findings)
    return Report(findings, rules)


def _view(page: Any, number: int, name: str) -> PageView:
    media, trim, bleed = page_boxes(page)
    try:
        paints = list(page_paints(page, Budget(name=name), number))
    except ValueError as exc:
        from .reader import Unreadable

        raise Unreadable.of(name, f"page {number}: {exc}") from None
    return PageView(number, page, media, trim, bleed, paints)


def _embedded_fonts(document: Any) -> Iterator[Finding]:
    """Fonts of every page, its forms and appearances, each embedded (a resource walk: cheap)."""
    from .checks import embedded
    from .reader import inherited

    for number, page in enumerate(document.pages, start=1):
        for font in _fonts(inherited(page.obj, "/Resources"), set()):
            if font.get("/Subtype") != "/Type3" and not embedded(font):
                yield Finding("error", number, f"font {font.get('/BaseFont', '(unnamed)')} is not embedded",
                              check="fonts")


def _fonts(resources: Any, seen: set[tuple[int, int]]) -> Iterator[Any]:
    if resources is None or not is_dict(resources):
        return
    for font in (resources.get("/Font") or {}).values():
        if is_dict(font):
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        if is_dict(xobject) and xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts(xobject.get("/Resources"), seen)
