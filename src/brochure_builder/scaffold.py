"""``brochure new DIR``: a brochure project that builds as it is and shows every block kind.

The project is written into a temporary folder beside ``DIR`` and renamed into place, so a
failure (a read-only folder, a full disk) leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from .errors import OutputError, UsageError
from .source.editor_schema import schema_text

TEMPLATE = ("brochure.yaml", "brand.yaml", "README.md", "shares.csv", "assets/logo.svg", "assets/icon.svg",
            "assets/picture.png", "assets/photo.jpg")


def scaffold(folder: Path) -> list[Path]:
    """Write a new brochure project into ``folder`` (which must be empty or new)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder; give a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{folder}: not empty; give a new or empty folder")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name[:40]}.", suffix=".new", dir=folder.parent))
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror}") from None
    try:
        written = _write_project(staging)
        staging.chmod(0o755)
        os.replace(staging, folder)  # onto a new or empty folder, in one step
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / path.relative_to(staging) for path in written]


def _write_project(folder: Path) -> list[Path]:
    package = resources.files("brochure_builder")
    written = []
    for name in TEMPLATE:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(package.joinpath("scaffold", name).read_bytes())
        written.append(target)
    fonts = folder / "assets" / "fonts" / "lato"
    with resources.as_file(package.joinpath("data", "fonts", "lato")) as source:
        shutil.copytree(source, fonts)
    written.append(fonts)
    for which in ("brochure", "brand"):
        target = folder / "schema" / f"{which}.schema.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(schema_text(which), encoding="utf-8")
        written.append(target)
    return written
