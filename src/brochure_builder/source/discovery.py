"""Which brochure a command means when none is named: the one in the folder it runs in."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError

_TOP_KEY = re.compile(rb"^(cover|sections):", re.MULTILINE)
MAX_PEEK = 256 * 1024
"""Bytes of each candidate read to see whether it is a brochure (its top-level keys)."""


def find_brochure(folder: Path) -> Path:
    """The one brochure file (a YAML file with ``cover:`` and ``sections:`` at its top level)
    in ``folder`` or its ``brochure/`` subfolder; a usage error naming the candidates if there
    is none or more than one."""
    candidates = sorted(path for path in _yaml_files(folder) if _is_brochure(path))
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise UsageError(f"no brochure file in {folder} or {folder / 'brochure'}: name one "
                         "(brochure build FILE.yaml), or start one with brochure new FOLDER")
    named = ", ".join(str(path) for path in candidates)
    raise UsageError(f"more than one brochure file here ({named}): name the one you mean")


def _yaml_files(folder: Path) -> list[Path]:
    found = []
    for place in (folder, folder / "brochure"):
        if place.is_dir():
            found += [path for path in place.iterdir() if path.suffix in (".yaml", ".yml") and path.is_file()]
    return found


def _is_brochure(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(MAX_PEEK)
    except OSError:
        return False
    return {match.group(1) for match in _TOP_KEY.finditer(head)} == {b"cover", b"sections"}
