"""The folders are a picture of the flow: a module imports only from rooms earlier in it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "brochure_builder"
ROOMS = ["base", "source", "resources", "charts", "layout", "pdf", "mailing", "top"]
BASE = {"errors", "cache"}
"""Modules every room may use: the one exception hierarchy and the on-disk cache."""


def room_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] in BASE and len(parts) == 1:
        return "base"
    return parts[0] if parts[0] in ROOMS else "top"


def imported_modules(file: Path) -> list[str]:
    """Modules of this package that ``file`` imports, as dotted names relative to the package."""
    here = file.relative_to(PACKAGE).with_suffix("").parts
    package = list(here[:-1]) if here[-1] != "__init__" else list(here[:-1])
    found = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = [*base, *(node.module.split(".") if node.module else [])]
            if node.module is None:  # from .. import content
                found += [".".join([*target, alias.name]) for alias in node.names]
            else:
                found.append(".".join(target))
    return [name for name in found if name]


def test_each_room_imports_only_from_earlier_rooms() -> None:
    wrong = []
    for file in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(file.relative_to(PACKAGE).with_suffix("").parts)
        mine = ROOMS.index(room_of(module))
        for target in imported_modules(file):
            theirs = ROOMS.index(room_of(target))
            if theirs > mine:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_check_reads_imports_and_rooms() -> None:
    """Guard against a check that cannot fail: it must see real imports across rooms."""
    assert "source.yamlsource" in imported_modules(PACKAGE / "source" / "loading.py")
    assert "layout.story" in imported_modules(PACKAGE / "builder.py")
    assert "source.markup" in imported_modules(PACKAGE / "layout" / "blocks.py")
    assert ROOMS.index(room_of("layout.story")) > ROOMS.index(room_of("source.content"))
