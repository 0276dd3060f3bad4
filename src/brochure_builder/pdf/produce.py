"""One output file made whole: laid out (``layout.story``), then finished for its purpose
(structure tree, the standards it meets, its date), in one pass through pikepdf."""

from __future__ import annotations

import io
from dataclasses import replace

import pikepdf

from ..layout.profiles import Profile
from ..layout.story import Rendered, render
from ..source.loading import Document
from .accessible import make_accessible
from .metadata import pdf_date
from .structure import write_structure


def produce(document: Document, profile: Profile) -> Rendered:
    """The PDF of ``document`` for ``profile``, finished."""
    return finish(render(document, profile), document, profile)


def finish(rendered: Rendered, document: Document, profile: Profile) -> Rendered:
    date = document.date
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        if rendered.tree is not None:
            write_structure(pdf, rendered.tree)
        if profile.accessible:
            make_accessible(pdf, date=date, language=document.brochure.meta.language)
        else:
            pdf.docinfo[pikepdf.Name.CreationDate] = pdf.docinfo[pikepdf.Name.ModDate] = pdf_date(date)
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True, compress_streams=True,  # ReportLab's streams stay as
                 stream_decode_level=pikepdf.StreamDecodeLevel.none,   # they are: not inflated again
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return replace(rendered, pdf=buffer.getvalue())
