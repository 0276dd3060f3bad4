"""The machine-checkable rules of PDF/X-4 (ISO 15930-7), each with what breaks it.

No certified PDF/X validator is available offline; these are the rules that can be decided from
the file alone. Rules about what pages paint reuse the page checks' findings (fonts, colour,
annotations, boxes); the rest read the catalog, the trailer, Info and XMP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from .checks import PageView
from .findings import Finding, Rule
from .metadata import read_description

PDFX = "PDF/X-4"
MAX_VERSION = (1, 6)
DATE_SLACK_SECONDS = 1.0
DocumentRule = Callable[["Facts"], Iterator[str]]


class Facts:
    """What the rules read, gathered once."""

    def __init__(self, pdf: Any, data: bytes, views: list[PageView], findings: list[Finding]) -> None:
        from .content import MALFORMED

        self.pdf, self.data, self.views, self.findings = pdf, data, views, findings
        try:
            self.xmp = _xmp(pdf)
        except MALFORMED:  # an XMP packet that does not parse: the rules that read it fail
            self.xmp = {}
        self.info = pdf.docinfo


def _xmp(pdf: Any) -> dict[str, Any]:
    if "/Metadata" not in pdf.Root:
        return {}
    meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    keys = ("pdfxid:GTS_PDFXVersion", "xmp:CreateDate", "xmp:ModifyDate", "xmpMM:DocumentID",
            "xmpMM:VersionID", "xmpMM:RenditionClass", "pdf:Trapped", "dc:title")
    found = {}
    for key in keys:
        try:
            if key in meta:
                found[key] = meta[key]
        except (KeyError, ValueError):
            continue
    return found


RULES: list[tuple[str, DocumentRule]] = []


def rule(name: str) -> Callable[[DocumentRule], DocumentRule]:
    def register(function: DocumentRule) -> DocumentRule:
        RULES.append((name, function))
        return function
    return register


def conformance(pdf: Any, data: bytes, views: list[PageView], findings: list[Finding]) -> list[Rule]:
    facts = Facts(pdf, data, views, findings)
    return [_decide(name, check, facts) for name, check in RULES]


def _decide(name: str, check: DocumentRule, facts: Facts) -> Rule:
    """A rule whose objects are malformed (a name where a dictionary belongs...) fails."""
    from .content import MALFORMED

    try:
        return Rule(name, tuple(check(facts)))
    except MALFORMED as exc:
        return Rule(name, (f"malformed where this rule looks: {str(exc)[:100] or type(exc).__name__}",))


def _from_pages(facts: Facts, check: str, severity: str = "error") -> Iterator[str]:
    found = [f for f in facts.findings if f.check == check and f.severity == severity]
    if found:
        pages = sorted({f.page for f in found})
        yield f"{len(found)} finding(s) on page(s) {', '.join(map(str, pages))} (listed above)"


@rule("header version PDF 1.6 or earlier")
def version(facts: Facts) -> Iterator[str]:
    header = facts.data[:1024]
    start = header.find(b"%PDF-")
    text = header[start + 5:start + 8].decode("latin-1", "replace")
    try:
        major, minor = (int(part) for part in text.split("."))
    except ValueError:
        yield f"unreadable header version '{text}'"
        return
    if (major, minor) > MAX_VERSION:
        yield f"the header says PDF {major}.{minor}"
    catalog = str(facts.pdf.Root.get("/Version", "")).lstrip("/")
    if catalog and tuple(int(p) for p in catalog.split(".")[:2] if p.isdigit()) > MAX_VERSION:
        yield f"the catalog says PDF {catalog}"


@rule("not encrypted")
def encryption(facts: Facts) -> Iterator[str]:
    if facts.pdf.is_encrypted or "/Encrypt" in facts.pdf.trailer:
        yield "the file is encrypted"


@rule("file identifier (/ID) in the trailer")
def identifier(facts: Facts) -> Iterator[str]:
    ids = facts.pdf.trailer.get("/ID")
    if ids is None or len(ids) != 2:
        yield "no /ID with two strings in the trailer"


def made_for_screen(pdf: Any) -> bool:
    """Whether a file looks made for a screen: no PDF/X output intent, and none at all or an
    RGB one (a PDF/A file's sRGB intent)."""
    from .content import MALFORMED

    try:
        intents = list(pdf.Root.get("/OutputIntents", []))
        if any(intent.get("/S") == "/GTS_PDFX" for intent in intents):
            return False
        profiles = [intent.get("/DestOutputProfile") for intent in intents]
        return all(profile is not None and int(profile.get("/N", 0)) == 3 for profile in profiles)
    except MALFORMED:
        return False


@rule("one GTS_PDFX output intent, with its condition named")
def output_intent(facts: Facts) -> Iterator[str]:
    intents = [i for i in facts.pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        yield f"{len(intents)} GTS_PDFX output intents (exactly one is needed)"
        return
    if not str(intents[0].get("/OutputConditionIdentifier", "")).strip():
        yield "the output intent has no OutputConditionIdentifier"


@rule("embedded output profile: ICC, printer class, CMYK")
def output_profile(facts: Facts) -> Iterator[str]:
    from ..source.assets import verify_output_profile

    intents = [i for i in facts.pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if not intents:
        yield "no output intent"
        return
    profile = intents[0].get("/DestOutputProfile")
    if profile is None:
        yield "no DestOutputProfile: the profile is not embedded"
        return
    if int(profile.get("/N", 0)) != 4:
        yield f"the profile stream says /N {profile.get('/N')}, not 4 (CMYK)"
    try:
        verify_output_profile(profile.read_bytes())
    except ValueError as exc:
        yield str(exc)


@rule("GTS_PDFXVersion PDF/X-4 in XMP (pdfxid), and in Info if given")
def pdfx_version(facts: Facts) -> Iterator[str]:
    xmp = str(facts.xmp.get("pdfxid:GTS_PDFXVersion", ""))
    if xmp != PDFX:
        yield f"XMP pdfxid:GTS_PDFXVersion is '{xmp}'" if xmp else "no pdfxid:GTS_PDFXVersion in XMP"
    info = facts.info.get("/GTS_PDFXVersion")
    if info is not None and str(info) != xmp:
        yield f"Info GTS_PDFXVersion '{info}' differs from XMP '{xmp}'"


@rule("Trapped is True or False, the same in Info and XMP")
def trapped(facts: Facts) -> Iterator[str]:
    xmp = str(facts.xmp.get("pdf:Trapped", ""))
    info = str(facts.info.get("/Trapped", "")).lstrip("/")
    if xmp not in ("True", "False"):
        yield f"XMP pdf:Trapped is '{xmp or 'missing'}'"
    if info and info != xmp:
        yield f"Info Trapped '{info}' differs from XMP '{xmp}'"


@rule("XMP identifies the document (DocumentID, VersionID, RenditionClass) and its title")
def identification(facts: Facts) -> Iterator[str]:
    if not facts.xmp and "/Metadata" not in facts.pdf.Root:
        yield "no XMP metadata"
        return
    for key in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "dc:title"):
        if not str(facts.xmp.get(key, "")).strip():
            yield f"no {key}"
    title = str(facts.info.get("/Title", ""))
    if title and str(facts.xmp.get("dc:title", "")) != title:
        yield f"Info Title '{title[:40]}' differs from dc:title"


@rule("creation and modification dates in Info agree with XMP")
def dates(facts: Facts) -> Iterator[str]:
    info = read_description(facts.pdf)
    for key, name, value in (("xmp:CreateDate", "CreationDate", info.created),
                             ("xmp:ModifyDate", "ModDate", info.modified)):
        text = str(facts.xmp.get(key, ""))
        if not text:
            yield f"no {key} in XMP"
            continue
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            yield f"{key} '{text}' is not a date"
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if f"/{name}" not in facts.info:
            yield f"no {name} in Info"
        elif abs((moment - value).total_seconds()) > DATE_SLACK_SECONDS:
            yield f"Info {name} and {key} differ ({value.isoformat()} and {text})"


@rule("every page has a TrimBox (or ArtBox) inside its BleedBox and MediaBox")
def page_boxes(facts: Facts) -> Iterator[str]:
    yield from _from_pages(facts, "boxes")


@rule("fonts embedded")
def fonts(facts: Facts) -> Iterator[str]:
    yield from _from_pages(facts, "fonts")


@rule("no RGB or Lab colour without an ICC profile; transparency blends in CMYK")
def device_colour(facts: Facts) -> Iterator[str]:
    found = [f for f in facts.findings if f.check in ("colours", "transparency") and f.severity == "error"
             and ("DeviceRGB" in f.message or "CalRGB" in f.message or "Lab" in f.message or "blends" in f.message)]
    if found:
        pages = sorted({f.page for f in found})
        yield f"{len(found)} finding(s) on page(s) {', '.join(map(str, pages))} (listed above)"


@rule("no annotations inside the BleedBox (but printer's marks and trap networks)")
def no_annotations(facts: Facts) -> Iterator[str]:
    yield from _from_pages(facts, "annotations_in_bleed")


@rule("no transfer functions")
def transfer(facts: Facts) -> Iterator[str]:
    from .checks import ext_states

    for view in facts.views:
        for name, state in ext_states(view):
            for key in ("/TR", "/TR2"):
                value = state.get(key)
                if value is not None and str(value) not in ("/Identity", "/Default"):
                    yield f"page {view.number}: graphics state {name} sets {key[1:]}"
