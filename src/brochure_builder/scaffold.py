"""``brochure new DIR``: a brochure project that builds as it is and shows every block kind."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from .errors import UsageError
from .source.editor_schema import schema_text

TEMPLATE = ("brochure.yaml", "brand.yaml", "README.md", "shares.csv", "assets/logo.svg", "assets/icon.svg",
            "assets/picture.png", "assets/photo.jpg")


def scaffold(folder: Path) -> list[Path]:
    """Write a new brochure project into ``folder`` (which must be empty or new)."""
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder}: not empty; give a new or empty folder")
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
