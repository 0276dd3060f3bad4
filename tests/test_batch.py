from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from brochure_builder.cli import main
from brochure_builder.source.merge import file_names, safe_name

from .conftest import MINIMAL

PERSONAL = MINIMAL.replace("heading: The end", 'heading: "Thank you, {{ name }}"').replace(
    "title: Small", "title: Small for {{ organisation }}"
)


def write_csv(folder: Path, text: str) -> Path:
    path = folder / "recipients.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_pdf_per_row_with_values_as_text(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL)
    data = write_csv(project, "name,organisation\nAna *Ž*,Team <b>&</b>\nBen [x](y),Lab\n")
    out = project / "personal"
    assert main(["build", str(source), "--data", str(data), "-o", str(out), "--jobs", "2"]) == 0
    assert sorted(p.name for p in out.glob('*.pdf')) == ["Ana-Z.pdf", "Ben-x-y.pdf"]
    with pdfplumber.open(out / "Ana-Z.pdf") as pdf:
        assert "Small for Team <b>&</b>" in " ".join(pdf.pages[0].extract_text().split())
        assert "Thank you, Ana *Ž*" in pdf.pages[-1].extract_text()
        assert not pdf.pages[-1].hyperlinks
    with pdfplumber.open(out / "Ben-x-y.pdf") as pdf:
        assert "Thank you, Ben [x](y)" in pdf.pages[-1].extract_text()
    assert "2 built, 0 up to date, 0 failed, of 2 rows" in capsys.readouterr().out


def test_a_bad_row_is_reported_and_the_rest_are_built(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL)
    data = write_csv(project, "name,organisation\nAna,A\nBad ✓,B\nCid,C\n")
    out = project / "personal"
    assert main(["build", str(source), "--data", str(data), "-o", str(out), "--jobs", "1"]) == 1
    assert sorted(p.name for p in out.glob('*.pdf')) == ["Ana.pdf", "Cid.pdf"]
    err = capsys.readouterr().err
    assert f"error: {data} row 3: {source}:" in err and "character '✓'" in err


def test_name_column_and_collisions(write_brochure: Callable[[str], Path], project: Path) -> None:
    source = write_brochure(PERSONAL)
    data = write_csv(project, "name,organisation\nAna,Same\nBen,Same\nCid,\n")
    out = project / "personal"
    assert main(["build", str(source), "--data", str(data), "-o", str(out), "--name-column", "organisation"]) == 0
    assert sorted(p.name for p in out.glob('*.pdf')) == ["Same-2.pdf", "Same.pdf", "row-4.pdf"]


def test_unknown_placeholder_and_column_are_errors(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL.replace("{{ name }}", "{{ nmae }}"))
    data = write_csv(project, "name,organisation\nAna,A\n")
    assert main(["build", str(source), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "back_cover.heading: placeholder '{{ nmae }}' is not a column of" in err
    source = write_brochure(PERSONAL)
    assert main(["build", str(source), "--data", str(data), "--name-column", "email"]) == 1
    assert "no column 'email' (columns: name, organisation)" in capsys.readouterr().err


def test_safe_file_names() -> None:
    assert safe_name("Ona Žemaitė / Vilnius") == "Ona-Zemaite-Vilnius"
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("   ") == ""
    assert file_names(["A", "a", "", "A"]) == ["A", "a-2", "row-4", "A-3"]
