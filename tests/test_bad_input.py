"""A corpus of bad inputs: each file's first line says the exit code and the message expected.

    # expect: CODE MESSAGE   (MESSAGE follows the file's path: ":line:col: path: message")
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from brochure_builder.cli import main

from .conftest import FIXTURES, MINIMAL

BAD = FIXTURES / "bad"
CASES = sorted(BAD.glob("*.yaml"))
LONG_TEXT = " ".join(["This sentence repeats until no page could hold it."] * 300)


@pytest.fixture
def scratch(project: Path) -> Path:
    for asset in (BAD / "assets").iterdir():
        shutil.copy(asset, project / "assets" / asset.name)
    return project


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_input_is_reported_with_its_place(
    case: Path, scratch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    match = re.match(r"# expect: (\d+) (.*)", case.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{case.name} must start with '# expect: CODE MESSAGE'"
    code, message = int(match.group(1)), match.group(2)
    source = scratch / "brochure" / case.name
    source.write_text(case.read_text(encoding="utf-8").replace("LONG_TEXT", LONG_TEXT), encoding="utf-8")
    output = tmp_path / "out" / "never.pdf"
    assert main(["build", str(source), "-o", str(output)]) == code
    err = capsys.readouterr().err
    assert f"error: {source}{message}" in err
    assert "Traceback" not in err
    assert not output.parent.exists() or not list(output.parent.iterdir())


def test_not_utf8_is_reported_with_its_line(write_brochure, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    source = write_brochure(MINIMAL)
    source.write_bytes(source.read_bytes().replace(b"Tests", b"T\xe9sts"))
    assert main(["build", str(source)]) == 1
    assert f"error: {source}:3:1: is not UTF-8 text" in capsys.readouterr().err


def test_external_entities_in_svg_are_not_resolved(scratch: Path, write_brochure, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = scratch / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    (scratch / "assets" / "xxe.svg").write_text(
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
        '<text x="5" y="20">&x;</text></svg>'
    )
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                                            "      - kind: image\n        path: ../assets/xxe.svg\n        alt: x\n"))
    output = tmp_path / "xxe.pdf"
    assert main(["build", str(source), "-o", str(output), "--profile", "screen"]) == 0
    import pdfplumber

    with pdfplumber.open(output) as pdf:
        assert "TOP-SECRET" not in "".join(p.extract_text() or "" for p in pdf.pages)


def test_allow_outside_lets_an_absolute_asset_in(write_brochure, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from .conftest import ROOT

    icon = ROOT / "assets" / "icons" / "innovation.svg"
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                                            f"      - kind: image\n        path: {icon}\n        alt: x\n"))
    output = tmp_path / "abs.pdf"
    assert main(["build", str(source), "-o", str(output), "--profile", "screen"]) == 1
    assert main(["build", str(source), "-o", str(output), "--profile", "screen", "--allow-outside"]) == 0


def test_strict_turns_warnings_into_errors(write_brochure, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    photo = FIXTURES / "assets" / "photo.jpg"  # about 200 ppi at half the column: a preflight warning
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                                            f"      - kind: image\n        path: {photo}\n        alt: x\n        width: 0.45\n"))
    output = tmp_path / "strict.pdf"
    assert main(["build", str(source), "-o", str(output), "--allow-outside"]) == 0
    output.unlink()
    # a preflight warning made an error: the print shop would reject the file (exit 4)
    assert main(["build", str(source), "-o", str(output), "--strict", "--allow-outside"]) == 4
    assert "under 300" in capsys.readouterr().err and not output.exists()


def test_an_unreasonably_large_file_is_refused(write_brochure, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    source = write_brochure(MINIMAL + "# " + "x" * (3 * 1024 * 1024) + "\n")
    assert main(["build", str(source)]) == 1
    assert "a brochure file may be at most 2097152" in capsys.readouterr().err


def test_a_file_that_is_not_a_font_is_named_at_its_brand_line(
    project: Path, write_brochure, capsys: pytest.CaptureFixture[str]  # type: ignore[no-untyped-def]
) -> None:
    (project / "assets" / "fake.ttf").write_text("not a font")
    brand = project / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace("regular: ../assets/fonts/lato/Lato-Regular.ttf",
                                               "regular: ../assets/fake.ttf"))
    assert main(["build", str(write_brochure(MINIMAL))]) == 1
    assert f"error: {brand}:30:12: fonts.regular: not a usable TrueType font" in capsys.readouterr().err


def test_an_image_taller_than_a_page_is_scaled_to_fit(project: Path, write_brochure, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    Image.new("RGB", (300, 3000), "#006A44").save(project / "assets" / "tall.png")
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                                            "      - kind: image\n        path: ../assets/tall.png\n        alt: Tall\n"))
    output = tmp_path / "tall.pdf"
    assert main(["build", str(source), "-o", str(output), "--profile", "screen"]) == 0
    import pikepdf

    with pikepdf.open(output) as pdf:
        assert len(pdf.pages) == 4
