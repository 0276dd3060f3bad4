"""Document metadata written once into both places a PDF keeps it: the XMP packet and the Info
dictionary, so that the two agree (PDF/X, PDF/A and PDF/UA validators compare them).

``describe`` sets title, author, subject, keywords, tools, dates and the XMP media-management
identifiers, plus any extra XMP properties (``pdfxid:GTS_PDFXVersion``, ``pdfaid:part``...) and
extra Info keys. Nothing in it reads the clock: the dates are the ones the document carries.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
"""The date of a document that carries none (ReportLab's invariant date)."""


@dataclass(frozen=True)
class Description:
    """What a PDF says about itself."""

    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""
    creator: str = ""
    producer: str = ""
    created: datetime = EPOCH
    modified: datetime = EPOCH
    document_id: str = ""
    """``uuid:...``, the same for every rendition of one document (``stable_id``)."""
    instance_id: str = ""
    """``uuid:...``, different for each file (``stable_id`` of its content)."""


def stable_id(*parts: str | bytes) -> str:
    """A ``uuid:`` identifier derived from ``parts``: the same inputs give the same id."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return f"uuid:{uuid.UUID(bytes=digest.digest()[:16], version=4)}"


def read_description(pdf: Any) -> Description:
    """What the Info dictionary says now (dates parsed; missing ones are ``EPOCH``)."""
    info = pdf.docinfo
    text = {key: str(info.get(f"/{key}", "")) for key in ("Title", "Author", "Subject", "Keywords",
                                                         "Creator", "Producer")}
    created = _date(info.get("/CreationDate"))
    modified = _date(info.get("/ModDate")) if "/ModDate" in info else created
    return Description(text["Title"], text["Author"], text["Subject"], text["Keywords"], text["Creator"],
                       text["Producer"], created, modified)


def _date(value: Any) -> datetime:
    from pikepdf.models.metadata import decode_pdf_date

    if value is None:
        return EPOCH
    try:
        parsed = decode_pdf_date(str(value))
    except ValueError:
        return EPOCH
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def describe(pdf: Any, description: Description, *, xmp: Mapping[str, str] | None = None,
             info: Mapping[str, Any] | None = None) -> None:
    """Write ``description`` into the XMP packet and the Info dictionary of ``pdf``, consistently;
    ``xmp`` adds properties by prefixed name, ``info`` adds Info keys (names without slash)."""
    import pikepdf

    d = description
    if not d.document_id or not d.instance_id:
        d = replace(d, document_id=d.document_id or stable_id(d.title, d.author, d.created.isoformat()),
                    instance_id=d.instance_id or stable_id("instance", d.title, d.modified.isoformat()))
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
        properties: dict[str, Any] = {
            "dc:title": d.title, "dc:creator": [d.author] if d.author else None,
            "dc:description": d.subject, "pdf:Keywords": d.keywords, "xmp:CreatorTool": d.creator,
            "pdf:Producer": d.producer, "xmp:CreateDate": d.created.isoformat(),
            "xmp:ModifyDate": d.modified.isoformat(), "xmp:MetadataDate": d.modified.isoformat(),
            "xmpMM:DocumentID": d.document_id, "xmpMM:InstanceID": d.instance_id, "dc:format": "application/pdf",
            **(xmp or {}),
        }
        for key, value in properties.items():
            if value:
                meta[key] = value
            elif key in meta:
                del meta[key]
    for key, value in (info or {}).items():
        pdf.docinfo[pikepdf.Name(f"/{key}")] = value
    # pikepdf writes Info dates from the XMP text; write them exactly, in PDF's own form
    pdf.docinfo[pikepdf.Name.CreationDate] = pdf_date(d.created)
    pdf.docinfo[pikepdf.Name.ModDate] = pdf_date(d.modified)


def pdf_date(moment: datetime) -> str:
    """``D:YYYYMMDDHHmmSS+HH'mm'`` as PDF 1.7 writes it (UTC as +00'00')."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    offset = aware.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"D:{aware.year:04d}{aware:%m%d%H%M%S}{sign}{minutes // 60:02d}'{minutes % 60:02d}'"
