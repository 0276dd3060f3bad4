"""Checks on photographs under text (the cover's, section openers'), made when the brochure loads:
overlay colours the brand has, an opener to go under, and WCAG contrast of the text on them.

Text on a photo reads against the overlay colour blended over the photo, which varies across
it. The check is conservative: it reads every 2 mm patch of the photo that can lie under
text (what the photo covers inside the page's safe zone, where all text must be; for an
opener, over the band as short and as tall as a title can make it) and holds the text colour
to WCAG 2 against the patch that gives the least contrast: where the photo is lightest for
light text, darkest for dark text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .contrast import more_readable, relative_luminance
from .photos import OPENER_BAND, Box, Photo, aspect_of, cover_crop, part_of
from .theme import PAGE_SIZES_MM, Brand
from .yamlsource import DocPath, MarkedDocument

PATCH_MM = 2.0
"""The size of the patches of a photo whose average colour the text is read against: about a
letter of body text. A single bright pixel does not stop text reading; a bright letter-sized
patch does."""
MAX_PATCHES = 40_000
"""At most this many patches are read (a larger area takes larger patches)."""
OPACITY_STEP = 0.05


@dataclass(frozen=True)
class TextOnPhoto:
    """Text of one colour set on a photo, and the contrast it needs."""

    role: str
    """The brand role that colours the text (on_primary, accent, paper, ink)."""
    minimum: float


def photo_problems(source: MarkedDocument, brochure: object, brand: Brand) -> list[Problem]:
    """Every problem of the cover's and the sections' photographs, with its place."""
    from .content import Brochure

    assert isinstance(brochure, Brochure)
    problems: list[Problem] = []
    cover = brochure.cover
    if cover.image is not None:
        texts = [TextOnPhoto("on_primary", 4.5)] + ([TextOnPhoto("accent", 3.0)] if cover.kicker else [])
        problems += _check(source, ("cover", "image"), cover.image, "primary", texts, brand, [_page_box(brand)])
    for index, section in enumerate(brochure.sections):
        if section.image is None:
            continue
        where: DocPath = ("sections", index, "image")
        if index and not section.new_page:
            problems.append(Problem(source.locate(where), "an opening image goes under the section's opening "
                                    "band, which only a section that starts a page has: set new_page: true"))
            continue
        colour = section.image.overlay.colour or section.colour or "primary"
        known = _hex(brand, colour)
        text = [TextOnPhoto(more_readable(known, _role_hexes(brand)), 4.5)] if known else []
        problems += _check(source, where, section.image, colour, text, brand, _band_boxes(brand))
    return problems


def _check(source: MarkedDocument, where: DocPath, photo: Photo, colour: str, texts: list[TextOnPhoto],
           brand: Brand, boxes: list[tuple[Box, Box]]) -> list[Problem]:
    """The overlay colour is the brand's, and each text reads on the photo under it."""
    overlay = photo.overlay
    back = _hex(brand, overlay.colour or colour)
    if back is None:
        known = ", ".join([*sorted(brand.colours), *brand.roles.model_dump()])
        return [Problem(source.locate((*where, "overlay", "colour")),
                        f"'{overlay.colour}' is not a colour of the brand (known: {known})")]
    from PIL import Image

    try:
        patches = photo_patches(photo.path, photo.focus, boxes)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:  # its header was checked
        return [Problem(source.locate((*where, "path")), f"not a readable image: {exc}")]
    problems = []
    for text in texts:
        fore = _hex(brand, text.role)
        assert fore is not None  # roles name brand colours (checked with the brand)
        ratio, lightest = worst_contrast(patches, fore, back, overlay.opacity)
        if ratio >= text.minimum:
            continue
        place = (*where, "overlay", "opacity") if "opacity" in overlay.model_fields_set else where
        problems.append(Problem(source.locate(place), _message(text, fore, overlay.colour or colour, back,
                                                               overlay.opacity, ratio, lightest, patches)))
    return problems


def _message(text: TextOnPhoto, fore: str, name: str, back: str, opacity: float, ratio: float, lightest: bool,
             patches: list[tuple[int, int, int]]) -> str:
    where = "lightest" if lightest else "darkest"
    said = (f"{text.role} text ({fore}) on this photo under an overlay of {name} at {opacity:g} has contrast "
            f"{ratio:.2f}:1 where the photo is {where}; WCAG 2 asks for at least {text.minimum:g}:1")
    steps = round((1 - opacity) / OPACITY_STEP)
    for step in range(1, steps + 1):
        enough = round(opacity + step * OPACITY_STEP, 2)
        if worst_contrast(patches, fore, back, enough)[0] >= text.minimum:
            darker = "darker" if lightest else "lighter"
            raise_to = "to 1 (the colour alone: the photo no longer shows)" if enough >= 1 else f"to {enough:g} or more"
            return f"{said}: raise overlay.opacity {raise_to}, or crop to a {darker} part (focus)"
    return f"{said}, even with the overlay opaque: choose another overlay colour"


def worst_contrast(patches: list[tuple[int, int, int]], fore: str, back: str, opacity: float) -> tuple[float, bool]:
    """The least contrast of ``fore`` against ``back`` at ``opacity`` over any patch, and
    whether it is where the photo is lightest (the text is the lighter of the two there)."""
    text = relative_luminance(fore)
    overlay = [int(back[i:i + 2], 16) for i in (1, 3, 5)]
    tables = [[_linear((opacity * overlay[c] + (1 - opacity) * value) / 255) for value in range(256)] for c in range(3)]
    red, green, blue = tables
    worst, lightest = 21.0, False
    for r, g, b in patches:
        luminance = 0.2126 * red[r] + 0.7152 * green[g] + 0.0722 * blue[b]
        light, dark = (luminance, text) if luminance > text else (text, luminance)
        ratio = (light + 0.05) / (dark + 0.05)
        if ratio < worst:
            worst, lightest = ratio, luminance < text
    return worst, lightest


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else float(((channel + 0.055) / 1.055) ** 2.4)


def photo_patches(path: Path, focus: tuple[float, float], boxes: list[tuple[Box, Box]]) -> list[tuple[int, int, int]]:
    """The average colour of each patch of the photo under the regions of ``boxes``: (box the
    photo fills, region of it that text may take), in mm on the trimmed page."""
    from ..cache import cache_key, cached, digest_of

    key = cache_key({"photo patches": digest_of(path), "focus": focus, "boxes": boxes, "patch": PATCH_MM})
    return cached(key, lambda: list(_patches(path, focus, boxes)), list)


def _patches(path: Path, focus: tuple[float, float], boxes: list[tuple[Box, Box]]) -> Iterator[tuple[int, int, int]]:
    from PIL import Image

    with Image.open(path) as image:
        pixels = image.size
        regions, patch = [], float("inf")
        for box, region in boxes:
            crop = cover_crop(pixels, aspect_of(box), focus)
            regions.append(part_of(crop, box, region))
            patch = min(patch, PATCH_MM * (crop[2] - crop[0]) / (box[2] - box[0]))  # the finest
        area = _bounds(regions)
        size = (area[2] - area[0], area[3] - area[1])
        patch = max(patch, (size[0] * size[1] / MAX_PATCHES) ** 0.5, 1.0)
        grid = (max(1, round(size[0] / patch)), max(1, round(size[1] / patch)))
        shrink = max(1, int(patch // 2))  # a JPEG decodes at 1/2, 1/4 or 1/8 for less: patches stay 2 px
        drafted = image.draft(None, (max(1, pixels[0] // shrink), max(1, pixels[1] // shrink)))
        scale = drafted[1][2] / pixels[0] if drafted else 1.0
        scaled = (area[0] * scale, area[1] * scale, area[2] * scale, area[3] * scale)
        data = image.convert("RGB").resize(grid, Image.Resampling.BOX, box=scaled).tobytes()
    for start in range(0, len(data), 3):
        yield data[start], data[start + 1], data[start + 2]


def _bounds(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _page_box(brand: Brand) -> tuple[Box, Box]:
    """The cover: the photo fills the page and its bleed; text keeps to the safe zone."""
    width, height = PAGE_SIZES_MM[brand.page.size]
    bleed, safe = brand.page.bleed, brand.page.safe_zone
    return (-bleed, -bleed, width + bleed, height + bleed), (safe, safe, width - safe, height - safe)


def _band_boxes(brand: Brand) -> list[tuple[Box, Box]]:
    """An opener: the photo fills the band from the top edge (and its bleed), as short and as
    tall as the band gets; text keeps to the band inside the safe zone."""
    width, height = PAGE_SIZES_MM[brand.page.size]
    bleed, safe = brand.page.bleed, brand.page.safe_zone
    boxes = []
    for share in OPENER_BAND:
        bottom = height * (1 - share)
        boxes.append(((-bleed, bottom, width + bleed, height + bleed), (safe, bottom, width - safe, height - safe)))
    return boxes


def _hex(brand: Brand, name: str) -> str | None:
    """The screen colour of a brand colour or role, or None if the brand has neither."""
    roles = brand.roles.model_dump()
    colour = brand.colours.get(roles.get(name, name))
    return colour.rgb if colour is not None else None


def _role_hexes(brand: Brand) -> dict[str, str]:
    roles = brand.roles.model_dump()
    return {role: brand.colours[roles[role]].rgb for role in ("paper", "ink")}

