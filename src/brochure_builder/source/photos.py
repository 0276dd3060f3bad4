"""Photographs: what a cover, a section opener or an image block asks of one (its box, the
point to keep in view, an overlay, a credit), and the crop that fills a box around that point.

The crop is decided here, before any layout, so that the contrast check of text on a photo
(``photochecks.py``) reads the same pixels the layout later embeds.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from .schema import ImagePath, Model

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1: a rectangle on the page (y up) or in an image's pixels (y down)."""

OPENER_BAND = (78 / 297, 0.5)
"""The least and the most share of the page height a section's opening band takes (it grows
with a long title): the layout draws it so, and the photo under it is checked over both."""

RASTER = (".png", ".jpg", ".jpeg")
"""What a photograph is (and what can be cropped): PNG or JPEG."""
MIN_ASPECT, MAX_ASPECT = 0.25, 8.0
"""A box from four times taller than wide to eight times wider than tall."""

Share = Annotated[float, Field(ge=0, le=1)]
Focus = Annotated[tuple[Share, Share], WithJsonSchema({
    "type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1}, "minItems": 2, "maxItems": 2,
    "description": "the point kept in view when the photo is cropped: [x, y] from the left and the top, 0 to 1",
})]


SEXAGESIMAL = 60
"""YAML 1.1 reads 16:9 without quotes as a number in base 60 (16 * 60 + 9 = 969); a box is
never 60 times wider than tall, so such a number is taken back apart."""


def _ratio(value: object) -> object:
    """``"16:9"`` (width to height, with or without quotes) or a number."""
    if isinstance(value, bool):
        raise ValueError("expected a ratio such as \"16:9\" or a number, not true or false")
    if isinstance(value, (int, float)) and value >= SEXAGESIMAL:
        width, height = divmod(value, SEXAGESIMAL)
        if not height:
            raise ValueError("expected a ratio of width to height such as \"16:9\"")
        return width / height
    if isinstance(value, str):
        parts = value.split(":")
        try:
            width, height = (float(part) for part in parts) if len(parts) == 2 else (float(value), 1.0)
        except ValueError:
            raise ValueError("expected a ratio of width to height such as \"16:9\" or \"3:2\"") from None
        if not (width > 0 and height > 0):
            raise ValueError(f"both sides of the ratio must be above 0 (found {value!r})")
        return width / height
    return value


Aspect = Annotated[
    float, BeforeValidator(_ratio), Field(ge=MIN_ASPECT, le=MAX_ASPECT, allow_inf_nan=False),
    WithJsonSchema({"type": ["string", "number"], "pattern": r"^\d+(\.\d+)?:\d+(\.\d+)?$",
                    "description": "width to height, such as \"16:9\" (in quotes) or 1.5"}),
]


class Overlay(Model):
    """A brand colour laid over a photo so that text on it reads."""

    colour: str | None = Field(default=None, description=(
        "a brand colour or role (default: primary on the cover, the section's colour on its opener)"))
    opacity: Share = Field(default=0.6, description="0 (none) to 1 (the colour alone)")


class Photo(Model):
    """A photograph under text: the cover's, or a section opener's (under its colour band)."""

    path: ImagePath
    alt: str = Field(default="", description="what the photo shows (required unless decorative)")
    decorative: bool = Field(default=False, description="decoration only: no alt text, not read aloud")
    focus: Focus = (0.5, 0.5)
    overlay: Overlay = Overlay()
    credit: str | None = Field(default=None, description="printed small at the foot of the photo")

    @model_validator(mode="after")
    def _a_photograph_with_alt_text(self) -> Photo:
        if self.path.suffix.lower() not in RASTER:
            raise ValueError("a photograph under text is a PNG or JPEG file (an SVG drawing cannot be cropped "
                             "to the page)")
        problem = alt_problem(self.alt, self.decorative, "photo")
        if problem:
            raise ValueError(problem)
        return self


def alt_problem(alt: str, decorative: bool, what: str) -> str | None:
    """What is wrong with a picture's alt text, if anything: required unless it is decoration."""
    if decorative and alt.strip():
        return f"a decorative {what} has no alt text: give alt: \"\" with decorative: true"
    if not decorative and not alt.strip():
        return (f"alt text is required: say what the {what} shows, or mark it decorative: true "
                "with alt: \"\"")
    return None


def cover_crop(pixels: tuple[int, int], aspect: float, focus: tuple[float, float]) -> Box:
    """The part of an image (pixels, y down) that fills a box of ``aspect`` (width over
    height): as much of the image as that shape holds, centred on ``focus`` (shares of the
    width and height from the top-left corner) as far as the image's edges allow."""
    width, height = pixels
    crop_w, crop_h = (height * aspect, float(height)) if width / height > aspect else (float(width), width / aspect)
    left = min(max(focus[0] * width - crop_w / 2, 0.0), width - crop_w)
    top = min(max(focus[1] * height - crop_h / 2, 0.0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def part_of(crop: Box, box: Box, part: Box) -> Box:
    """The pixels of ``crop`` (y down) that fall in ``part`` of the page ``box`` it fills (y up)."""
    scale_x = (crop[2] - crop[0]) / (box[2] - box[0])
    scale_y = (crop[3] - crop[1]) / (box[3] - box[1])
    return (crop[0] + (part[0] - box[0]) * scale_x, crop[1] + (box[3] - part[3]) * scale_y,
            crop[0] + (part[2] - box[0]) * scale_x, crop[1] + (box[3] - part[1]) * scale_y)


def intersection(first: Box, second: Box) -> Box:
    return (max(first[0], second[0]), max(first[1], second[1]), min(first[2], second[2]), min(first[3], second[3]))


def aspect_of(box: Box) -> float:
    return (box[2] - box[0]) / (box[3] - box[1])
