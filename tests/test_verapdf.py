"""The veraPDF harness can say both "fail" and "pass": an untagged screen file fails PDF/UA-1 and
PDF/A-2a; a minimal PDF/A-2b file passes 2b and fails without its output intent; a minimal tagged
file passes PDF/UA-1 and fails without the figure's alt text or with a skipped heading level."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import ImageCms

from .verapdf import Report, VeraPDFUnavailable, missing, validate

Reports = dict[tuple[Path, str], Report]


def write_pdfa_2b(path: Path, *, output_intent: bool = True) -> Path:
    """One page, a red square in DeviceRGB, no fonts; XMP says PDF/A-2b; sRGB output intent."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.pages[0].Contents = pdf.make_stream(b"0.8 0.2 0.1 rg 20 20 160 160 re f")
    if output_intent:
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        intent = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
                                    OutputConditionIdentifier="sRGB", DestOutputProfile=pdf.make_stream(srgb, N=3))
        pdf.Root.OutputIntents = pikepdf.Array([intent])
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
    pdf.save(path, deterministic_id=True)
    return path


def write_pdfua_1(path: Path, *, alt: bool = True, headings: tuple[str, ...] = ()) -> Path:
    """One page: a square tagged as a Figure, a rule as an artifact, no fonts; what PDF/UA-1
    asks of the catalog (MarkInfo, Lang, DisplayDocTitle) and of the XMP (pdfuaid, dc:title)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    page.Contents = pdf.make_stream(b"/Figure <</MCID 0>> BDC 0.8 0.2 0.1 rg 20 20 160 160 re f EMC "
                                    b"/Artifact BMC 0 0 0 RG 0 1 m 200 1 l S EMC")
    Name = pikepdf.Name
    root = pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
    figure = pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name.Figure, P=document,
                                                  Pg=page.obj, K=0))
    if alt:
        figure.Alt = "A red square"
    empty_headings = [pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name("/" + level), P=document))
                      for level in headings]
    document.K = pikepdf.Array([*empty_headings, figure])
    root.K = document
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array([figure])])))
    root.ParentTreeNextKey = 1
    page.obj.StructParents = 0
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("en")
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfuaid:part"] = "1"
        meta["dc:title"] = "A square"
    pdf.save(path, deterministic_id=True)
    return path


def without_structure(source: Path, target: Path) -> Path:
    """The screen file with any structure tree taken out: untagged, whatever the builder does."""
    with pikepdf.open(source) as pdf:
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in pdf.Root:
                del pdf.Root[key]
        pdf.save(target)
    return target


@pytest.fixture(scope="module")
def files(bundled_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("verapdf")
    (folder / "garbage.pdf").write_bytes(b"not a PDF at all")
    return {"untagged": without_structure(bundled_pdf, folder / "untagged.pdf"),
            "pdfa": write_pdfa_2b(folder / "pdfa-2b.pdf"),
            "no intent": write_pdfa_2b(folder / "no-intent.pdf", output_intent=False),
            "tagged": write_pdfua_1(folder / "tagged.pdf"),
            "no alt": write_pdfua_1(folder / "no-alt.pdf", alt=False),
            "H1 H3": write_pdfua_1(folder / "h1-h3.pdf", headings=("H1", "H3")),
            "garbage": folder / "garbage.pdf"}


@pytest.fixture(scope="module")
def reports(verapdf: Callable[..., Reports], files: dict[str, Path]) -> Reports:
    """Every file in every flavour, in one JVM."""
    return verapdf(files.values(), "ua1", "2a", "2b")


@pytest.mark.slow
def test_untagged_screen_file_fails_pdf_ua(reports: Reports, files: dict[str, Path]) -> None:
    report = reports[files["untagged"], "ua1"]
    assert not report.compliant
    assert {"6.2-1", "7.1-11"} <= report.rules, report  # no MarkInfo, no StructTreeRoot
    for failed in report.failed_rules:
        assert failed.specification == "ISO 14289-1:2014"
        assert failed.failed_checks >= 1 and failed.description and failed.message and failed.context


@pytest.mark.slow
def test_untagged_screen_file_fails_pdf_a_2a(reports: Reports, files: dict[str, Path]) -> None:
    report = reports[files["untagged"], "2a"]
    assert not report.compliant
    assert {"6.7.2.2-1", "6.7.3.3-1"} <= report.rules, report  # no MarkInfo, no StructTreeRoot


@pytest.mark.slow
def test_minimal_pdfa_2b_file_passes(reports: Reports, files: dict[str, Path]) -> None:
    report = reports[files["pdfa"], "2b"]
    assert report.compliant and not report.failed_rules and report.error is None, report


@pytest.mark.slow
def test_device_rgb_without_output_intent_fails_2b(reports: Reports, files: dict[str, Path]) -> None:
    report = reports[files["no intent"], "2b"]
    assert report.rules == {"6.2.4.3-2"}, report


@pytest.mark.slow
def test_minimal_tagged_file_passes_pdf_ua(reports: Reports, files: dict[str, Path]) -> None:
    report = reports[files["tagged"], "ua1"]
    assert report.compliant and not report.failed_rules, report


@pytest.mark.slow
@pytest.mark.parametrize(("name", "rule"), [("no alt", "7.3-1"), ("H1 H3", "7.4.2-1")])
def test_structure_rules_are_checked(reports: Reports, files: dict[str, Path], name: str, rule: str) -> None:
    assert reports[files[name], "ua1"].rules == {rule}, reports[files[name], "ua1"]


@pytest.mark.slow
def test_unreadable_file_is_reported_and_the_batch_goes_on(reports: Reports, files: dict[str, Path]) -> None:
    report = reports[files["garbage"], "ua1"]
    assert not report.compliant and report.error
    assert reports[files["pdfa"], "ua1"].error is None


def test_without_java_it_says_how_to_enable_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert missing() == "no `java` on PATH"
    with pytest.raises(VeraPDFUnavailable, match="apt-get install default-jre-headless libjaxb-java"):
        validate([write_pdfa_2b(tmp_path / "a.pdf")], "2b")
