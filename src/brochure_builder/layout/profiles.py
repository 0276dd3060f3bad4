"""Output profiles: what the screen file and the print file each need."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from ..resources.palette import ColourMode


@dataclass(frozen=True)
class Profile:
    """How one output file differs from the others; the layout itself never does."""

    name: str
    colour: ColourMode
    bleed: bool
    crop_marks: bool
    annotations: bool
    purpose: str
    """What the file is for, which decides its preflight: 'screen' or 'press'."""
    pdfx: bool
    """Made a PDF/X-4 file for the press after layout (output intent, overprint, no links)."""
    suffix: str
    accessible: bool = False
    """Made as PDF/UA-1 and PDF/A-2a (the screen file: what public bodies publish)."""

    @property
    def slug(self) -> float:
        """Room outside the bleed for crop marks, in points."""
        return MARK_OFFSET + MARK_LENGTH + 1 * mm if self.crop_marks else 0.0


MARK_OFFSET = 1.5 * mm  # gap between the bleed edge and the start of a crop mark
MARK_LENGTH = 5 * mm

SCREEN = Profile("screen", "rgb", bleed=False, crop_marks=False, annotations=True, purpose="screen",
                 pdfx=False, suffix="", accessible=True)
PRINT = Profile("print", "cmyk", bleed=True, crop_marks=True, annotations=False, purpose="press",
                pdfx=True, suffix="-print")
PROFILES = {profile.name: profile for profile in (SCREEN, PRINT)}
