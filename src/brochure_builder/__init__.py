"""Brochure builder: YAML content and data-driven charts into branded PDF brochures.

The names below are imported when first used, so ``brochure --help`` or a test of one
module does not pay for ReportLab and pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .builder import BuildResult, build
    from .errors import BrochureError, ContentError, ExitStatus
    from .source.loading import Document, load

_HOMES = {"BuildResult": "builder", "build": "builder", "BrochureError": "errors", "ContentError": "errors",
          "ExitStatus": "errors", "Document": "source.loading", "load": "source.loading"}
__all__ = ["BrochureError", "BuildResult", "ContentError", "Document", "ExitStatus", "build", "load"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{home}", __name__), name)
