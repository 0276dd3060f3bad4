"""Shared fixtures: the bundled brochure built once per session, and small YAML cases."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from brochure_builder import build

from .verapdf import Report, how_to_enable, missing, validate

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Tests never touch the user's own cache: each run gets an empty one of its own."""
    import os
    import tempfile

    os.environ["BROCHURE_CACHE_DIR"] = tempfile.mkdtemp(prefix="brochure-test-cache-")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="brochure-test-data-")  # the cache's key
BUNDLED = ROOT / "brochure" / "lithuania.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def bundled_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lithuania brochure, built once for every test that reads it."""
    target = tmp_path_factory.mktemp("bundled") / "lithuania.pdf"
    build(BUNDLED, target)
    return target


@pytest.fixture(scope="session")
def verapdf() -> Callable[..., dict[tuple[Path, str], Report]]:
    """veraPDF's ``validate(paths, *flavours)``; skips where Java is missing, except in CI."""
    reason = missing()
    if reason and os.environ.get("CI"):
        pytest.fail(f"CI must run veraPDF, but {reason}; {how_to_enable()}", pytrace=False)
    if reason:
        pytest.skip(f"{reason}; {how_to_enable()}")
    return validate


@pytest.fixture(scope="session")
def bundled_lt_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lithuanian edition of the bundled brochure (its catalogue lithuania.lt.po), built once."""
    target = tmp_path_factory.mktemp("bundled-lt") / "lithuania.pdf"
    return build(BUNDLED, target, language="lt").path


def make_project(folder: Path) -> Path:
    """A project folder with the bundled brand and assets, for small brochures."""
    shutil.copytree(ROOT / "assets", folder / "assets")
    (folder / "brochure").mkdir()
    shutil.copy(ROOT / "brochure" / "lithuania-brand.yaml", folder / "brochure" / "brand.yaml")
    return folder


@pytest.fixture(scope="session")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every file of the bundled brochure (screen, print, both booklets), built once."""
    from brochure_builder.builder import build_all

    target = tmp_path_factory.mktemp("print") / "lithuania.pdf"
    results = build_all(BUNDLED, target, profiles=("screen", "print"),
                        impositions=("booklet", "booklet-a4"))
    return {p.path.stem.removeprefix("lithuania").lstrip("-") or "screen": p.path for p in results}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project folder with the bundled brand and assets, for small brochures."""
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def tables_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The test brochure of tables (tests/fixtures/tables), built once: screen and print."""
    from brochure_builder.builder import build_all

    folder = make_project(tmp_path_factory.mktemp("tables"))
    shutil.copytree(FIXTURES / "tables", folder / "brochure", dirs_exist_ok=True)
    screen, printed = build_all(folder / "brochure" / "tables.yaml", folder / "out" / "tables.pdf")
    return screen.path, printed.path


BROCHURE_PHOTOS = Path(__file__).resolve().parent / "brochures"
PHOTOS = {"rocket": "university", "coffee": "museum", "coins": "museum", "deep-field": "university",
          "camera": "university"}
"""The photos of the test brochures the photos fixture uses, and whose they are."""


def photo_project(folder: Path, size: str = "A4") -> Path:
    """A project with the photos brochure (tests/fixtures/photos) on pages of ``size``, its
    photos copied from the test brochures; the rocket enlarged twice over (Lanczos), so that it
    fills a cover at over 150 ppi."""
    from PIL import Image

    make_project(folder)
    shutil.copytree(FIXTURES / "photos", folder / "brochure", dirs_exist_ok=True)
    brand = folder / "brochure" / "brand.yaml"
    brand.write_text(brand.read_text().replace("size: A4", f"size: {size}"))
    photos = folder / "assets" / "photos"
    photos.mkdir()
    for name, owner in PHOTOS.items():
        shutil.copy(BROCHURE_PHOTOS / owner / "assets" / "photos" / f"{name}.jpg", photos / f"{name}.jpg")
    with Image.open(photos / "rocket.jpg") as rocket:
        rocket.resize((rocket.width * 2, rocket.height * 2), Image.Resampling.LANCZOS).save(
            photos / "rocket.jpg", quality=85)
    return folder / "brochure" / "photos.yaml"


@pytest.fixture(scope="session")
def photos_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The test brochure of photographs (tests/fixtures/photos), built once: screen and print."""
    from brochure_builder.builder import build_all

    source = photo_project(tmp_path_factory.mktemp("photos"))
    screen, printed = build_all(source, source.parent.parent / "out" / "photos.pdf")
    return screen.path, printed.path


@pytest.fixture
def write_brochure(project: Path) -> Callable[[str], Path]:
    """Write a brochure YAML (dedented) into the scratch project and return its path."""

    def write(text: str, name: str = "test.yaml") -> Path:
        path = project / "brochure" / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


MINIMAL = """
meta:
  title: A small brochure
  author: Tests
brand: brand.yaml
cover:
  title: Small
sections:
  - title: Only section
    blocks:
      - kind: paragraph
        text: Hello **world** & <friends>.
back_cover:
  heading: The end
"""


def brochure_command(cache_dir: Path, output: Path, before: str = "") -> subprocess.CompletedProcess[str]:
    """``brochure -v build`` of the bundled brochure in a fresh process (no threads yet, so the
    worker may fork), after running ``before`` there (to break something on purpose)."""
    code = (f"import sys\n{before}\nfrom brochure_builder.__main__ import run\n"
            f"sys.argv = ['brochure', '-v', 'build', {str(BUNDLED)!r}, '-o', {str(output)!r}, '--profile', 'screen']\n"
            "run()\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                          env={**os.environ, "BROCHURE_CACHE_DIR": str(cache_dir)}, timeout=120)
