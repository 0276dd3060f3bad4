"""Brochure builder: YAML content and data-driven charts into branded PDF brochures."""

from .builder import BuildResult, build
from .errors import BrochureError, ContentError, ExitStatus
from .loading import Document, load

__all__ = ["BrochureError", "BuildResult", "ContentError", "Document", "ExitStatus", "build", "load"]
__version__ = "0.1.0"
