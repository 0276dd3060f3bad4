"""Everything a copy is made from, as bytes: the brochure, its brand and its assets.

Workers of a cluster get this once (not once per row) and unpack it into a folder of their own,
laid out as on the client, so the brochure's relative paths still name the same files. Its
digest decides, with the row, whether a copy made earlier is still up to date.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..errors import ContentError, Location
from ..source.loading import Document
from ..source.schema import IncludedText, project_root

MAX_PROJECT_BYTES = 256 * 1024 * 1024
LIBRARIES = ("brochure-builder", "reportlab", "matplotlib", "svglib", "pikepdf")
"""Whose versions go into the digest: another version may draw another PDF."""


@dataclass(frozen=True)
class Project:
    files: dict[str, bytes]
    """Posix paths relative to a common folder, and their bytes."""
    source: str
    """The brochure file among ``files``."""
    times: dict[str, float]
    """Each file's modification time, given back to it where it is unpacked."""
    folders: tuple[str, ...]
    """Folders that decide where the project ends (``assets/``), made even when empty."""
    allow_outside: bool
    language: str | None
    """The edition: texts translated with the catalogue ``NAME.LANG.po`` (one of ``files``)."""
    date: datetime
    """The date every copy carries, decided once (see ``Document.date``)."""
    versions: str
    digest: str


def gather(document: Document, allow_outside: bool = False) -> Project:
    """The files ``document`` reads, each under the path its YAML names it by."""
    brochure = Path(os.path.normpath(document.source.file.resolve()))
    paths = {brochure}
    if document.edition is not None:
        from ..source.translation.catalogue import catalogue_path

        paths.add(catalogue_path(brochure, document.edition))
    brand = _named_files(document.source.data, brochure.parent, paths)
    brand_file = next((p for p in brand if p.resolve() == document.brand_source.file.resolve()), None)
    if brand_file is not None:
        _named_files(document.brand_source.data, brand_file.parent, paths)
    paths |= {_absolute(file) for file, _path in document.source.origins.values()}  # includes
    named = {p.resolve() for p in paths}
    paths |= {_absolute(p) for p in map(Path, document.input_files()) if p.resolve() not in named}  # any missed
    paths = {_absolute(p) for p in paths}  # an included file may be named relative to the working folder
    common = Path(os.path.commonpath([str(p) for p in paths]))
    root = project_root(brochure)
    files = {p.relative_to(common).as_posix(): _read(p) for p in sorted(paths)}
    times = {p.relative_to(common).as_posix(): p.stat().st_mtime for p in paths}
    if sum(len(data) for data in files.values()) > MAX_PROJECT_BYTES:
        raise ContentError.at(Location(brochure), f"the brochure and its assets are over "
                                                  f"{MAX_PROJECT_BYTES // 2**20} MiB together")
    folders = (((root / "assets").relative_to(common).as_posix(),)
               if (root / "assets").is_dir() and root.is_relative_to(common) else ())
    versions = library_versions()
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(f"{name}\0{hashlib.sha256(data).hexdigest()}\0".encode())
    date = document.date
    digest.update(f"{versions}\0{allow_outside}\0{document.edition}\0{date.isoformat()}".encode())
    return Project(files, brochure.relative_to(common).as_posix(), times, folders, allow_outside,
                   document.edition, date, versions, digest.hexdigest())


def _absolute(path: Path | str) -> Path:
    """The path made absolute without following symbolic links (a worker has the file where
    the YAML says it is)."""
    return Path(os.path.normpath(Path(path).absolute()))


def _named_files(data: Any, base: Path, found: set[Path]) -> list[Path]:
    """Every string in ``data`` that names a file relative to ``base`` (or to the included file
    it was written in), added to ``found``, under the path it is named by (a symbolic link on
    the way is kept: a worker has the file where the YAML says it is)."""
    named = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and 0 < len(node) < 4096 and "\n" not in node:
            folder = node.folder if isinstance(node, IncludedText) else base  # relative to its own file
            path = Path(os.path.normpath(folder / node))
            if path.is_file():
                named.append(path)
                found.add(path)
    return named


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ContentError.at(Location(path), f"cannot be read: {exc.strerror}") from None


def library_versions() -> str:
    return " ".join(f"{name}={_version(name)}" for name in LIBRARIES)


def _version(name: str) -> str:
    try:
        return version(name)
    except Exception:  # a library without metadata still builds; it then counts as unknown
        return "unknown"


def unpack(project: Project, folder: Path) -> Path:
    """Write the project's files under ``folder``; return the brochure's path there."""
    for name in project.folders:
        (folder / name).mkdir(parents=True, exist_ok=True)
    for name, data in project.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.utime(target, (project.times[name], project.times[name]))
    return folder / project.source
