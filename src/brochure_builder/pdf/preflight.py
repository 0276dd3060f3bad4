"""Preflight: check a PDF for its purpose and report each problem with its page and place.

``press`` (the print file and the press booklet) runs everything: the page checks of
``checks.py``, ink coverage by rendering (``ink.py``), the text checks (``textchecks.py``) and
the PDF/X-4 rules (``conformance.py``). ``screen`` and ``office`` (the email file and the office
booklet) check that the file opens within the limits and embeds its fonts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .findings import IMAGE_NAMES, Finding, Report, merged
from .objects import is_dict

if TYPE_CHECKING:
    from .checks import PageView

DEFAULT_SAFE_ZONE = 5 * 72 / 25.4
MAX_INK = 300.0


@dataclass(frozen=True)
class Purpose:
    """What a file is for, and so which checks it must pass."""

    name: str
    full: bool
    """Every check (the press); otherwise the file opens and embeds its fonts."""


PURPOSES = {name: Purpose(name, full=name == "press") for name in ("press", "screen", "office")}


def check(pdf: bytes, *, purpose: str = "press", safe_zone: float = DEFAULT_SAFE_ZONE, name: str = "PDF",
          strict: bool = False, made_here: bool = False, image_names: Mapping[str, str] | None = None) -> Report:
    """Every check of ``purpose`` on every page of ``pdf``; ``strict`` makes warnings errors;
    ``made_here``: bytes a build has just made, not walked under the limits for hostile files;
    ``image_names``: the asset of each image, by its size in pixels, for the findings."""
    token = IMAGE_NAMES.set(image_names)
    try:
        return _checked(pdf, purpose, safe_zone, name, strict, made_here)
    finally:
        IMAGE_NAMES.reset(token)


def _checked(pdf: bytes, purpose: str, safe_zone: float, name: str, strict: bool, made_here: bool) -> Report:
    chosen = PURPOSES[purpose]
    if made_here and not chosen.full and b"/ObjStm" not in pdf:
        return Report(list(_own_fonts(pdf)))  # no pikepdf to import: a screen build stays fast
    from .reader import open_pdf

    with open_pdf(pdf, name, walk=not made_here) as document:
        if chosen.full:
            report = _full(document, pdf, safe_zone, name)
        else:
            report = Report(list(_embedded_fonts(document)))
    return report.strict() if strict else report


def _full(document: Any, pdf: bytes, safe_zone: float, name: str) -> Report:
    """The page checks, ink coverage, the text checks and the PDF/X-4 rules."""
    from .checks import CHECKS
    from .conformance import conformance, made_for_screen
    from .content import MALFORMED
    from .ink import coverage_findings, ink_maps
    from .textchecks import text_findings

    views = [_view(page.obj, number, name) for number, page in enumerate(document.pages, start=1)]
    findings: list[Finding] = []
    for view in views:
        for check_name, page_check in CHECKS.items():
            try:
                findings += [replace(f, check=check_name) for f in page_check(view)]
            except MALFORMED as exc:  # what cannot be checked does not pass
                findings.append(Finding("error", view.number, f"the {check_name} check could not run on "
                                        f"malformed objects: {str(exc)[:100]}", check=check_name))
    try:
        ink, notes = ink_maps(pdf, views, name)
    except (*MALFORMED, RuntimeError) as exc:  # PDFium's errors are RuntimeErrors
        ink, notes = [], [Finding("error", 0, f"ink coverage could not be measured: {str(exc)[:100]}")]
    findings += [replace(f, check="ink") for f in coverage_findings(ink, views, MAX_INK) + notes]
    findings += [replace(f, check="text") for f in text_findings(pdf, safe_zone, {m.page: m for m in ink})]
    findings = merged(sorted(findings, key=lambda f: f.page))
    return Report(findings, conformance(document, pdf, views, findings), made_for_screen(document))


def _view(page: Any, number: int, name: str) -> PageView:
    from .checks import PageView, page_boxes
    from .content import Budget, page_paints

    media, trim, bleed = page_boxes(page)
    problems: list[str] = []
    try:
        paints = list(page_paints(page, Budget(name=name), number, problems))
    except ValueError as exc:  # a content stream that cannot be parsed at all
        from .reader import Unreadable

        raise Unreadable.of(name, f"page {number}: {exc}") from None
    return PageView(number, page, media, trim, bleed, paints, problems)


FONT_DICTIONARY = re.compile(rb"<<((?:(?!<<|>>).)*?/Type\s*/Font\b(?:(?!<<|>>).)*)>>", re.S)


def _own_fonts(pdf: bytes) -> Iterator[Finding]:
    """Fonts of a file a build has just made: ReportLab writes font dictionaries as plain text
    (never in object streams, which send the check to pikepdf), and a Type 1 font without a
    descriptor is one of the 14 standard fonts, which it does not embed."""
    for match in FONT_DICTIONARY.finditer(pdf):
        body = match.group(1)
        if b"/FontDescriptor" not in body and re.search(rb"/Subtype\s*/Type1\b", body):
            name = re.search(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", body)
            label = name.group(1).decode("latin-1") if name else "(unnamed)"
            yield Finding("error", 0, f"font /{label} is not embedded", check="fonts")


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
