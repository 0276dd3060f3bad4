"""The print file is PDF/X-4: read its output intent, profile, identification, dates and
overprint from the PDF itself."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from brochure_builder.builder import build_all
from brochure_builder.pdf.metadata import Description, describe, read_description
from brochure_builder.pdf.pdfx import make_pdfx

from .conftest import BUNDLED
from .test_preflight import FOGRA39, register_lato


def test_one_output_intent_with_an_embedded_cmyk_printer_profile(outputs: dict[str, Path]) -> None:
    for kind in ("print", "booklet"):
        with pikepdf.open(outputs[kind]) as pdf:
            intents = list(pdf.Root.OutputIntents)
            assert len(intents) == 1
            intent = intents[0]
            assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
            assert "ISO 12647-2" in str(intent.OutputCondition)
            profile = intent.DestOutputProfile
            assert int(profile.N) == 4
            header = profile.read_bytes()[:128]
        assert header[36:40] == b"acsp" and header[12:16] == b"prtr" and header[16:20] == b"CMYK"


def test_pdfx_identification_in_info_and_xmp(outputs: dict[str, Path]) -> None:
    data = outputs["print"].read_bytes()
    assert data.startswith(b"%PDF-1.6")
    with pikepdf.open(outputs["print"]) as pdf:
        info = pdf.docinfo
        meta = pdf.open_metadata()
        assert str(info.GTS_PDFXVersion) == meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert info.Trapped == "/False" and meta["pdf:Trapped"] == "False"
        assert meta["xmpMM:DocumentID"].startswith("uuid:") and meta["xmpMM:InstanceID"].startswith("uuid:")
        assert meta["xmpMM:VersionID"] == "1" and meta["xmpMM:RenditionClass"] == "default"
        assert meta["dc:title"] == str(info.Title)
        assert len(pdf.trailer.ID) == 2
        described = read_description(pdf)
        assert datetime.fromisoformat(meta["xmp:CreateDate"]) == described.created
        assert datetime.fromisoformat(meta["xmp:ModifyDate"]) == described.modified


def test_links_are_for_screens_only(outputs: dict[str, Path]) -> None:
    with pikepdf.open(outputs["screen"]) as pdf:
        assert any("/Annots" in page.obj for page in pdf.pages)
    for kind in ("print", "booklet"):
        with pikepdf.open(outputs[kind]) as pdf:
            assert not any("/Annots" in page.obj for page in pdf.pages)
            assert "/OpenAction" not in pdf.Root


def text_overprint(stream: Any, resources: pikepdf.Dictionary) -> list[tuple[tuple[float, ...], float, bool, int]]:
    """(fill colour, type size, fill overprint, overprint mode) in force at each text shown."""
    state = {"fill": (0.0,), "size": 0.0, "op": False, "opm": 0}
    stack, shown = [], []
    for operands, operator in pikepdf.parse_content_stream(stream):
        op = str(operator)
        if op == "q":
            stack.append(dict(state))
        elif op == "Q":
            state = stack.pop()
        elif op in ("k", "g", "rg"):
            state["fill"] = tuple(float(v) for v in operands)
        elif op == "Tf":
            state["size"] = float(operands[1])
        elif op == "gs":
            entry = resources.ExtGState[operands[0]]
            state["op"] = bool(entry.get("/op", entry.get("/OP", state["op"])))
            state["opm"] = int(entry.get("/OPM", state["opm"]))
        elif op in ("Tj", "TJ"):
            shown.append((state["fill"], state["size"], state["op"], state["opm"]))
    return shown  # type: ignore[return-value]


def test_black_body_text_overprints_in_the_built_file(outputs: dict[str, Path]) -> None:
    with pikepdf.open(outputs["print"]) as pdf:
        page = pdf.pages[2]
        shown = text_overprint(page, page.Resources)
    body = [s for s in shown if s[0] == (0, 0, 0, 1) and s[1] == 10]
    coloured = [s for s in shown if s[0] != (0, 0, 0, 1)]
    assert body and all(op and opm == 1 for _f, _s, op, opm in body)
    assert coloured and not any(op for _f, _s, op, _m in coloured)


def test_large_type_rich_black_and_heavy_rules_knock_out() -> None:
    buffer = io.BytesIO()
    register_lato()
    canvas = Canvas(buffer, pagesize=(200 * mm, 200 * mm), invariant=1, initialFontName="PreflightLato")
    black, rich = CMYKColor(0, 0, 0, 1), CMYKColor(0.6, 0.4, 0.4, 1)
    for y, colour, size in ((20, black, 10), (60, black, 30), (100, rich, 10)):
        canvas.setFillColor(colour)
        canvas.setFont("PreflightLato", size)
        canvas.drawString(20 * mm, y * mm, "Text")
    canvas.setStrokeColor(black)
    for y, width in ((140, 0.5), (160, 5)):
        canvas.setLineWidth(width)
        canvas.line(20 * mm, y * mm, 100 * mm, y * mm)
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(make_pdfx(buffer.getvalue(), FOGRA39))) as pdf:
        page = pdf.pages[0]
        shown = text_overprint(page, page.Resources)
        strokes = stroke_overprint(page, page.Resources)
    assert [(size, op) for _fill, size, op, _opm in shown] == [(10, True), (30, False), (10, False)]
    assert strokes == [(0.5, True), (5.0, False)]


def stroke_overprint(stream: Any, resources: pikepdf.Dictionary) -> list[tuple[float, bool]]:
    width, op, found = 1.0, False, []
    for operands, operator in pikepdf.parse_content_stream(stream):
        name = str(operator)
        if name == "w":
            width = float(operands[0])
        elif name == "gs":
            entry = resources.ExtGState[operands[0]]
            op = bool(entry.get("/OP", op)) and int(entry.get("/OPM", 0)) == 1
        elif name == "S":
            found.append((width, op))
    return found


def test_the_same_input_gives_the_same_bytes(tmp_path: Path, outputs: dict[str, Path]) -> None:
    again = build_all(BUNDLED, tmp_path / "again" / "lithuania.pdf", profiles=("print",), impositions=("booklet",))
    assert [r.path.read_bytes() for r in again] == [outputs["print"].read_bytes(), outputs["booklet"].read_bytes()]


def test_the_document_keeps_its_own_dates() -> None:
    """make_pdfx reads the date the document carries; it never reads the clock."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    describe(pdf, Description(title="Dated", created=datetime.fromisoformat("2024-03-15T12:00:00+01:00"),
                              modified=datetime.fromisoformat("2024-03-16T08:30:00+01:00")))
    buffer = io.BytesIO()
    pdf.save(buffer)
    with pikepdf.open(io.BytesIO(make_pdfx(buffer.getvalue(), FOGRA39))) as out:
        meta = out.open_metadata()
        assert meta["xmp:CreateDate"] == "2024-03-15T12:00:00+01:00"
        assert meta["xmp:ModifyDate"] == "2024-03-16T08:30:00+01:00"
        assert str(out.docinfo.CreationDate) == "D:20240315120000+01'00'"
        assert str(out.docinfo.ModDate) == "D:20240316083000+01'00'"
    assert make_pdfx(buffer.getvalue(), FOGRA39) == make_pdfx(buffer.getvalue(), FOGRA39)


@pytest.mark.parametrize("field", ["identifier", "profile"])
def test_a_brand_names_its_own_printing_condition(write_brochure, project: Path, tmp_path: Path, field: str) -> None:  # type: ignore[no-untyped-def]
    from brochure_builder.errors import ContentError
    from brochure_builder.resources.colour import BUNDLED_PROFILE

    from .conftest import MINIMAL

    (project / "assets" / "press.icc").write_bytes(BUNDLED_PROFILE.read_bytes())
    intent = "print:\n  output_intent:\n    profile: ../assets/press.icc\n"
    if field == "identifier":
        intent += "    identifier: FOGRA51\n    condition: PSO Coated v3 (our printer's)\n"
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text() + intent)
    if field == "profile":
        with pytest.raises(ContentError, match="print.output_intent: .*add identifier"):
            build_all(write_brochure(MINIMAL), tmp_path / "x.pdf", profiles=("print",))
        return
    result = build_all(write_brochure(MINIMAL), tmp_path / "x.pdf", profiles=("print",))[0]
    with pikepdf.open(result.path) as pdf:
        intent_dict = pdf.Root.OutputIntents[0]
        assert str(intent_dict.OutputConditionIdentifier) == "FOGRA51"
        assert str(intent_dict.OutputCondition) == "PSO Coated v3 (our printer's)"


def test_a_profile_that_is_not_for_cmyk_printing_is_refused(write_brochure, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import ImageCms

    from brochure_builder.errors import ContentError

    from .conftest import MINIMAL

    (project / "assets" / "srgb.icc").write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text() + "print:\n  output_intent:\n    profile: ../assets/srgb.icc\n"
                     "    identifier: sRGB\n")
    with pytest.raises(ContentError, match="not a CMYK printer profile: class 'mntr', colour space 'RGB '"):
        build_all(write_brochure(MINIMAL), tmp_path / "x.pdf", profiles=("print",))
