"""Cross-checks by other tools. Ghostscript renders the print file's separations with its output
intent (``-dUsePDFX3Profile``, ``tiffsep``, overprint simulated): the summed inks must agree with
preflight's own renders (skipped where Ghostscript is not installed: CI installs only what the
project installs). veraPDF validates the print file and the press booklet under a PDF/A-2b intent
that shares their output profile: the colour rules (DeviceCMYK under a CMYK intent, one
definition per separation, blending spaces) and the rest of PDF/A-2b's file rules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from brochure_builder.pdf.checks import PageView, page_boxes
from brochure_builder.pdf.ink import INK_DPI, ink_maps

from .test_broken_copies import broken_copy, rich_black_under_overprinting_text

ghostscript = pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript (gs) is not installed")
INKS = ("Cyan", "Magenta", "Yellow", "Black")


def ghostscript_inks(pdf: Path, folder: Path, views: list[PageView]) -> list[np.ndarray]:
    """Each page's inks (0 to 1) from Ghostscript's separations, cut to the BleedBox."""
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUsePDFX3Profile", "-sDEVICE=tiffsep",
                    f"-r{INK_DPI}", f"-sOutputFile={folder}/p%d.tif", str(pdf)], check=True, timeout=120)
    pages = []
    for view in views:
        planes = [np.asarray(Image.open(folder / f"p{view.number}({ink}).tif"), dtype="float32") for ink in INKS]
        inks = 1 - np.stack(planes, axis=2) / 255
        scale = INK_DPI / 72
        left, top = int((view.printed[0] - view.media[0]) * scale), int((view.media[3] - view.printed[3]) * scale)
        pages.append(inks[top:, left:])
    return pages


def compare(pdf: Path, folder: Path) -> list[tuple[float, float, float, float]]:
    """(Ghostscript's highest total, ours, Ghostscript's mean total, ours) per page, in percent."""
    data = pdf.read_bytes()
    with pikepdf.open(pdf) as document:
        views = [PageView(i, page.obj, *page_boxes(page.obj), []) for i, page in enumerate(document.pages, start=1)]
        ours, _notes = ink_maps(data, views, pdf.name)
    theirs = ghostscript_inks(pdf, folder, views)
    found = []
    for mine, gs in zip(ours, theirs):
        rows, columns = mine.inks.shape[:2]
        gs = gs[:rows, :columns]
        mine_total, gs_total = mine.inks.sum(axis=2) * 100, gs.sum(axis=2) * 100
        found.append((float(gs_total.max()), float(mine_total.max()), float(gs_total.mean()), float(mine_total.mean())))
    return found


@ghostscript
def test_ghostscript_and_preflight_measure_the_same_ink(outputs: dict[str, Path], tmp_path: Path) -> None:
    for gs_max, our_max, gs_mean, our_mean in compare(outputs["print"], tmp_path):
        assert abs(gs_max - our_max) <= 3
        assert abs(gs_mean - our_mean) <= 3  # text edges fall on pixels a little differently


@ghostscript
def test_ghostscript_also_adds_up_overprinted_ink(outputs: dict[str, Path], tmp_path: Path) -> None:
    copy = broken_copy(outputs["print"], tmp_path, "overprint", rich_black_under_overprinting_text)
    (tmp_path / "gs").mkdir()
    gs_max, our_max, _gs_mean, _our_mean = compare(copy, tmp_path / "gs")[2]
    assert gs_max > 300 and abs(gs_max - our_max) <= 3


def as_pdfa_2b(pdf: Path, target: Path) -> Path:
    """The file with a GTS_PDFA1 output intent sharing its GTS_PDFX one (and so its profile), and
    PDF/A-2b identification; the PDF/X properties PDF/A has no schema for are left out."""
    with pikepdf.open(pdf) as document:
        pdfx = document.Root.OutputIntents[0]
        pdfa = pikepdf.Dictionary({key: value for key, value in pdfx.items()})
        pdfa.S = pikepdf.Name.GTS_PDFA1
        document.Root.OutputIntents.append(document.make_indirect(pdfa))
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfaid:part"], meta["pdfaid:conformance"] = "2", "B"
            del meta["pdf:Trapped"], meta["pdfxid:GTS_PDFXVersion"]
        document.save(target)
    return target


def test_verapdf_passes_the_press_files_under_a_pdfa_2b_intent(verapdf, outputs: dict[str, Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from .verapdf import failures

    files = [as_pdfa_2b(outputs[kind], tmp_path / f"{kind}-2b.pdf") for kind in ("print", "booklet")]
    reports = verapdf(files, "2b")
    assert not failures(reports), failures(reports)
