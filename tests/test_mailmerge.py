"""Mail merge as a user meets it: file names, row numbers, placeholders with defaults, bad rows."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from brochure_builder.cli import main
from brochure_builder.source.merge import safe_name

from .conftest import MINIMAL

PERSONAL = MINIMAL.replace("heading: The end", 'heading: "Thank you, {{ name }}"')


def write_csv(folder: Path, text: str, name: str = "rows.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_names_keep_their_letters() -> None:
    assert safe_name("Jürgen Weiß") == "Jurgen-Weiss"
    assert safe_name("Małgorzata Łęcka") == "Malgorzata-Lecka"
    assert safe_name("Ona Žemaitė") == "Ona-Zemaite"
    assert safe_name("Δημήτρης") == "Dimitris"


def test_row_numbers_are_the_same_in_errors_file_names_and_manifest(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows are counted as a spreadsheet shows them: the header is row 1."""
    source = write_brochure(PERSONAL)
    data = write_csv(project, "name,city\nAna,Vilnius\n,Kaunas\nBad ✓,Riga\n")
    out = project / "out"
    assert main(["build", str(source), "--data", str(data), "-o", str(out)]) == 1
    assert sorted(p.name for p in out.glob("*.pdf")) == ["Ana.pdf", "row-3.pdf"]
    assert f"{data} row 4: " in capsys.readouterr().err
    rows = {entry["row"]: entry for entry in manifest(out)}
    assert rows["3"]["file"] == "row-3.pdf"
    assert rows["4"]["status"] == "failed" and "✓" in rows["4"]["error"]


def test_a_placeholder_without_data_is_a_warning_naming_its_line(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It prints as it is (a template is often built before its data exists), but never silently;
    with --strict it is an error and nothing is written."""
    source = write_brochure(PERSONAL.replace("title: Small", "title: Small {{ city }}"))
    command = ["build", str(source), "-o", str(project / "x.pdf"), "--profile", "screen"]
    assert main(command) == 0
    err = capsys.readouterr().err
    assert f"{source}:6:10: cover.title: placeholder '{{{{ city }}}}' has no value without --data" in err
    assert "back_cover.heading: placeholder '{{ name }}'" in err
    with pdfplumber.open(project / "x.pdf") as pdf:
        assert "Thank you, {{ name }}" in pdf.pages[-1].extract_text()
    (project / "x.pdf").unlink()
    assert main([*command, "--strict"]) == 1
    assert "(an error with --strict)" in capsys.readouterr().err
    assert not (project / "x.pdf").exists()


def test_a_default_fills_in_without_data_and_for_an_empty_cell(
    write_brochure: Callable[[str], Path], project: Path
) -> None:
    source = write_brochure(MINIMAL.replace("heading: The end", 'heading: Thank you, {{ name or "friend" }}'))
    assert main(["build", str(source), "-o", str(project / "plain.pdf"), "--profile", "screen"]) == 0
    with pdfplumber.open(project / "plain.pdf") as pdf:
        assert "Thank you, friend" in pdf.pages[-1].extract_text()
    data = write_csv(project, "name\nAna\n\"\"\n")
    assert main(["build", str(source), "--data", str(data), "-o", str(project / "out")]) == 0
    with pdfplumber.open(project / "out" / "row-3.pdf") as pdf:
        assert "Thank you, friend" in pdf.pages[-1].extract_text()
    with pdfplumber.open(project / "out" / "Ana.pdf") as pdf:
        assert "Thank you, Ana" in pdf.pages[-1].extract_text()


def test_a_placeholder_that_is_not_understood_is_an_error(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL.replace("{{ name }}", "{{ name | upper }}"))
    data = write_csv(project, "name\nAna\n")
    assert main(["validate", str(source), "--data", str(data)]) == 1
    assert "placeholder '{{ name | upper }}' is not understood" in capsys.readouterr().err


def test_validate_checks_placeholders_against_the_header(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL)
    good, bad = write_csv(project, "name,city\n"), write_csv(project, "nmae,city\n", "bad.csv")
    assert main(["validate", str(source), "--data", str(good)]) == 0
    assert main(["validate", str(source), "--data", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"back_cover.heading: placeholder '{{{{ name }}}}' is not a column of {bad} (columns: nmae, city)" in err


def test_one_bad_row_does_not_stop_the_batch(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link from a placeholder that leads nowhere fails its own row, named, and no other."""
    source = write_brochure(PERSONAL.replace("Hello **world** & <friends>.", "See [our page]({{ link }})."))
    data = write_csv(project, "name,link\nAna,https://example.org\nBen,#nowhere\nCid,https://example.org\n")
    out = project / "out"
    code = main(["build", str(source), "--data", str(data), "-o", str(out), "--jobs", "1"])
    assert code != 0
    assert sorted(p.name for p in out.glob("*.pdf")) == ["Ana.pdf", "Cid.pdf"]
    assert f"{data} row 3: " in capsys.readouterr().err
    assert [entry["status"] for entry in manifest(out)] == ["ok", "failed", "ok"]


def test_an_output_folder_that_cannot_be_written_exits_3(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL)
    data = write_csv(project, "name\nAna\nBen\n")
    blocker = project / "a-file"
    blocker.write_text("not a folder")
    assert main(["build", str(source), "--data", str(data), "-o", str(blocker / "out")]) == 3
    assert "a-file/out" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_as_data_is_refused_without_waiting(write_brochure: Callable[[str], Path], project: Path) -> None:
    source = write_brochure(PERSONAL)
    fifo = project / "rows.csv"
    os.mkfifo(fifo)
    for command in (["build", str(source), "--data", str(fifo)], ["validate", str(source), "--data", str(fifo)]):
        done = subprocess.run([sys.executable, "-m", "brochure_builder", *command], capture_output=True,
                              text=True, timeout=120, cwd=project)  # the timeout only bounds a hang
        assert done.returncode == 1
        assert f"{fifo}: not a regular file" in done.stderr


def test_a_broken_row_is_reported_and_the_others_built(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL)
    data = write_csv(project, "name,city\nAna,Vilnius\nBen,Kaunas,extra\n\nCid,Riga\n")
    out = project / "out"
    assert main(["build", str(source), "--data", str(data), "-o", str(out)]) == 1
    assert sorted(p.name for p in out.glob("*.pdf")) == ["Ana.pdf", "Cid.pdf"]
    assert f"{data} row 3: 3 cells but the header names 2 columns" in capsys.readouterr().err
    assert [entry["row"] for entry in manifest(out)] == ["2", "3", "5"]


def test_a_quote_never_closed_is_an_error_before_anything_is_built(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read leniently, the quote would swallow every row after it into one cell."""
    source = write_brochure(PERSONAL)
    data = write_csv(project, 'name,city\nAna,Vilnius\nBen,"Kaunas\nCid,Riga\nDan,Alytus\n')
    out = project / "out"
    assert main(["build", str(source), "--data", str(data), "-o", str(out)]) == 1
    assert f"{data}:3:1: row 3: not a readable UTF-8 CSV row: unexpected end of data" in capsys.readouterr().err
    assert not list(out.glob("*.pdf"))
