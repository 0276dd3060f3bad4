"""The screen file as PDF/UA-1 (accessible) and PDF/A-2a (archivable): what the standards ask
beyond the tagged content itself, and the XMP metadata that says which standards are met."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from html import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .metadata import pdf_date

SRGB = "sRGB IEC61966-2.1"

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>A</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 standard</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
"""PDF/A allows only its predefined XMP schemas unless others are described: ``pdfuaid`` is
not one of them, so its schema is described in ``pdfaExtension``."""


def make_accessible(pdf: pikepdf.Pdf, *, date: datetime, language: str) -> None:
    """Declare PDF/UA-1 and PDF/A-2a: language, title shown, an sRGB output intent, XMP
    metadata agreeing with the document information, dates set to ``date``."""
    pdf.Root.Lang = String(language)
    preferences = pdf.Root.get("/ViewerPreferences", Dictionary())
    preferences.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = preferences
    pdf.Root.OutputIntents = Array([_srgb_intent(pdf)])
    stamp = pdf_date(date)
    pdf.docinfo[Name.CreationDate] = String(stamp)
    pdf.docinfo[Name.ModDate] = String(stamp)
    info = {key: str(pdf.docinfo.get(f"/{key}", "")) for key in
            ("Title", "Author", "Subject", "Keywords", "Producer", "Creator")}
    xmp = XMP.format(
        title=escape(info["Title"]), author=escape(info["Author"]), subject=escape(info["Subject"]),
        keywords=escape(info["Keywords"]), producer=escape(info["Producer"]), creator=escape(info["Creator"]),
        language=escape(language), date=date.isoformat(),
    )
    pdf.Root.Metadata = pdf.make_stream(xmp.encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)


def _srgb_intent(pdf: pikepdf.Pdf) -> Dictionary:
    profile = pdf.make_stream(_srgb_profile(), N=3)
    return Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String(SRGB),
                      Info=String(SRGB), DestOutputProfile=profile)


ICC_DATE = slice(24, 36)
ICC_PROFILE_ID = slice(84, 100)


@lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    """Little CMS's sRGB profile, made the same in every process: its header's creation time
    is set to 2000-01-01 and its profile ID (an MD5 that would differ with it) left unset."""
    import struct

    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[ICC_DATE] = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)
    profile[ICC_PROFILE_ID] = bytes(16)
    return bytes(profile)
