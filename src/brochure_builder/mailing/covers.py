"""Faster copies when only the covers are personal: the body is laid out once, each copy gets
its own cover and back cover.

The cover and back cover are drawn whole on their pages, outside the flow of the text, so when
every placeholder is on them (checked on the template, not assumed) no row can move a line of
the body. A copy is then the template's own PDF with the content and resources of its first and
last page replaced by those of a PDF of the covers alone laid out for the row. The page
objects stay, so everything that points at them (the opening view, bookmarks, page labels, a
structure tree's parent tree) still holds. The copy renders pixel for pixel like a full build
and has the same text, bookmarks and metadata; its bytes differ (its covers carry their own font
subsets).

Anything this cannot vouch for gets ``None``, and the caller builds the copy in full: a
placeholder elsewhere, a link or a source note on a cover, pages whose marked content (tagging)
does not match, an annotation on a cover, a page count or size that differs.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from ..source.loading import Document, personalise
from ..source.merge import PLACEHOLDER
from ..source.textfields import text_fields

COVERS = ("cover", "back_cover")
NOT_ON_COVERS = ("](", "[^")
COVER_TAG = "CV"
"""The first letters of the covers' font subset tags (``CVAAAA+Lato-Bold``)."""
"""Links and source notes: they point into the body, which a covers-only PDF does not have."""


def covers_only(document: Document) -> bool:
    """Whether every placeholder is on the cover or back cover, with no link or note there."""
    data = document.source.data
    for path, text in text_fields(data):
        on_cover = bool(path) and path[0] in COVERS
        if PLACEHOLDER.search(text) and not on_cover:
            return False
        if on_cover and any(mark in text for mark in NOT_ON_COVERS):
            return False
    return True


class CoverCopies:
    """Copies of one template made from its body, laid out once, and a row's covers."""

    def __init__(self, template: Document) -> None:
        self.template = template
        self.usable = covers_only(template)
        self._body: bytes | None = None

    def copy(self, row: dict[str, str]) -> tuple[bytes, int] | None:
        """The row's PDF and page count, or None when it must be built in full."""
        if not self.usable:
            return None
        from ..layout.profiles import SCREEN
        from ..layout.story import render
        from ..pdf.produce import produce

        document = personalise(self.template, row)  # the same checks and errors as a full build
        if self._body is None:
            self._body = produce(personalise(self.template, {}), SCREEN).pdf  # finished: tagged, dated
        brochure = document.brochure.model_copy(update={"sections": []})
        covers = render(replace(document, brochure=brochure), SCREEN)  # its pages' content is all we take
        return splice(self._body, covers.pdf)


def splice(body: bytes, covers: bytes) -> tuple[bytes, int] | None:
    """``body`` with its first and last page drawn as the first and last page of ``covers``."""
    import pikepdf

    with pikepdf.open(io.BytesIO(body)) as pdf, pikepdf.open(io.BytesIO(covers)) as new:
        if len(new.pages) < 2:  # cover, a body page left empty, back cover
            return None
        tagged = "/StructTreeRoot" in pdf.Root
        for target, source in ((pdf.pages[0], new.pages[0]), (pdf.pages[-1], new.pages[-1])):
            if not _same_frame(target, source) or (tagged and _marks(target) != _marks(source)):
                return None
            for key in ("/Contents", "/Resources"):
                value = source.obj[key]
                target.obj[key] = pdf.copy_foreign(value if value.is_indirect else new.make_indirect(value))
            _retag_fonts(target)
        output = io.BytesIO()
        # every stream comes compressed from ReportLab: passed through as it is (9 ms of 12 otherwise)
        pdf.save(output, deterministic_id=True, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return output.getvalue(), len(pdf.pages)


def _retag_fonts(page: Any) -> None:
    """The covers' font subsets get a tag of their own: a subset tag names one set of glyphs, and
    both PDFs tagged theirs ``AAAAAA+``."""
    import pikepdf

    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    for font in fonts.values():
        name = str(font.get("/BaseFont", ""))
        if len(name) > 8 and name[7] == "+" and not name.startswith(f"/{COVER_TAG}"):
            font.BaseFont = pikepdf.Name(f"/{COVER_TAG}{name[3:]}")
            if "/FontDescriptor" in font:
                font.FontDescriptor.FontName = font.BaseFont


def _same_frame(target: Any, source: Any) -> bool:
    boxes = ("/MediaBox", "/TrimBox", "/BleedBox", "/CropBox", "/Rotate")
    return ("/Annots" not in target.obj and "/Annots" not in source.obj
            and all(repr(target.obj.get(box)) == repr(source.obj.get(box)) for box in boxes))


def _marks(page: Any) -> list[tuple[str, Any]]:
    """The marked-content sequences of a page, in order: tag and properties (MCID) of each."""
    import pikepdf

    marks = []
    for instruction in pikepdf.parse_content_stream(page, "BDC BMC"):
        operands = list(getattr(instruction, "operands", []))
        marks.append((str(operands[0]), repr(operands[1]) if len(operands) > 1 else None))
    return marks
