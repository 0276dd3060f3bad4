"""Build a brochure file into PDF files on disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .loading import Document, load
from .output import write_atomically

DEFAULT_OUTPUT_DIR = Path("output")


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    size: int
    warnings: list[str]


def default_output(document: Document) -> Path:
    return DEFAULT_OUTPUT_DIR / f"{document.name}.pdf"


def build(source: str | Path, output: str | Path | None = None) -> BuildResult:
    """Load, validate and lay out ``source``; write the screen PDF atomically."""
    from .layout.story import render

    document = load(source)
    target = Path(output) if output else default_output(document)
    rendered = render(document)
    write_atomically(target, rendered.pdf)
    return BuildResult(target, rendered.pages, len(rendered.pdf), rendered.warnings)
