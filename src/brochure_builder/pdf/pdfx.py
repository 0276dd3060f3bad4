"""Make a laid-out CMYK PDF a PDF/X-4 file (ISO 15930-7) for the press.

One GTS_PDFX OutputIntent with the embedded CMYK output profile; GTS_PDFXVersion in Info and
pdfxid in XMP with the media-management identifiers; Trapped set; dates that agree; PDF 1.6
header and a file ID; no annotations (links are for screens); 100% K text and thin rules
overprint (``overprint.py``).
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from ..resources.colour import OutputIntent
from .metadata import describe, read_description, stable_id
from .objects import is_dict
from .overprint import overprint_black

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"
TRAPPED = "False"
"""No trapping has been applied; the press's RIP may trap (PDF/X wants True or False, not Unknown)."""


def make_pdfx(pdf_bytes: bytes, intent: OutputIntent, *, overprint: bool = True,
              rendition: str = "print") -> bytes:
    """``pdf_bytes`` as PDF/X-4 for the printing condition ``intent`` (the same input, the same
    bytes); ``overprint`` sets black overprint (a booklet imposed from a PDF/X file has it)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        drop_annotations(pdf)
        if overprint:
            overprint_black(pdf)
        blend_in_cmyk(pdf)
        set_output_intent(pdf, intent)
        identify(pdf, pdf_bytes, rendition)
        return save(pdf)


def drop_annotations(pdf: Any) -> None:
    """Links and notes are for screens: a PDF/X file has none inside the BleedBox."""
    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Annots"]
    for key in ("/AcroForm", "/OpenAction"):
        if key in pdf.Root:
            del pdf.Root[key]


def blend_in_cmyk(pdf: Any) -> None:
    """Pages with transparency get a page group that blends in DeviceCMYK, the output intent's
    space (otherwise a viewer or RIP picks one, often RGB)."""
    import pikepdf

    for page in pdf.pages:
        if "/Group" not in page.obj and uses_transparency(page.obj.get("/Resources"), set()):
            page.obj.Group = pikepdf.Dictionary(Type=pikepdf.Name.Group, S=pikepdf.Name.Transparency,
                                                CS=pikepdf.Name.DeviceCMYK)


def uses_transparency(resources: Any, seen: set[tuple[int, int]]) -> bool:
    """Whether what ``resources`` name can paint with transparency (alpha, soft masks, blend
    modes, transparency groups), forms followed once each."""
    if not is_dict(resources):
        return False
    for state in (resources.get("/ExtGState") or {}).values():
        if is_dict(state) and (
            float(state.get("/ca", 1)) < 1 or float(state.get("/CA", 1)) < 1
            or str(state.get("/SMask", "/None")) != "/None"
            or str(state.get("/BM", "/Normal")) not in ("/Normal", "/Compatible")
        ):
            return True
    for xobject in (resources.get("/XObject") or {}).values():
        if not is_dict(xobject) or xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        if xobject.get("/SMask") is not None or xobject.get("/Group") is not None:
            return True
        if xobject.get("/Subtype") == "/Form" and uses_transparency(xobject.get("/Resources"), seen):
            return True
    return False


def set_output_intent(pdf: Any, intent: OutputIntent) -> None:
    """The one OutputIntent of a PDF/X file: the printing condition, with its profile embedded."""
    import pikepdf

    profile = pdf.make_stream(intent.profile_bytes, N=4)
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(intent.identifier),
        OutputCondition=pikepdf.String(intent.condition),
        RegistryName=pikepdf.String(intent.registry),
        Info=pikepdf.String(intent.description),
        DestOutputProfile=profile,
    ))])


def identify(pdf: Any, content: bytes, rendition: str) -> None:
    """PDF/X identification in XMP and Info, with the dates the document already carries."""
    import pikepdf

    current = read_description(pdf)
    description = replace(
        current,
        document_id=stable_id("document", current.title, current.author, current.created.isoformat()),
        instance_id=stable_id("instance", rendition, content),
    )
    describe(pdf, description,
             xmp={"pdfxid:GTS_PDFXVersion": PDFX_VERSION, "xmpMM:VersionID": "1",
                  "xmpMM:RenditionClass": "default", "pdf:Trapped": TRAPPED},
             info={"GTS_PDFXVersion": pikepdf.String(PDFX_VERSION), "Trapped": pikepdf.Name(f"/{TRAPPED}")})


def save(pdf: Any) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True, force_version=PDF_VERSION,
             fix_metadata_version=False)
    return buffer.getvalue()
