"""Page checks a print shop runs, on what each page paints (``content.Paint``): boxes, fonts,
colour spaces everywhere colour can hide, registration colour, hairlines, artwork that stops at
the trim, annotations, image resolution. Each check is registered for the purposes it serves."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .colourspace import Space, resolve
from .content import Box, Paint, overlaps
from .findings import IMAGE_NAMES, MM, Finding, under
from .objects import is_dict

MIN_BLEED_MM = 3.0
BOX_TOLERANCE = 0.5
MIN_PPI, GOOD_PPI = 150.0, 300.0
HAIRLINE_PT = 0.25
TRIM_TOUCH = 0.5
"""How close (points) to the trim an edge counts as stopping at it."""
ALLOWED_ANNOTATIONS = {"/PrinterMark", "/TrapNet"}


@dataclass
class PageView:
    """A page as the checks see it."""

    number: int
    page: Any
    media: Box
    trim: Box | None
    bleed: Box | None
    paints: list[Paint]
    problems: list[str] = field(default_factory=list)
    """Operators of the page's content that could not be followed (and were skipped)."""

    def where(self, box: Box | None) -> str:
        """'at x,y mm' from the trim's (else the page's) top-left corner to the box's."""
        if box is None:
            return ""
        origin = self.trim or self.media
        return f"at {(box[0] - origin[0]) / MM:.0f},{(origin[3] - box[3]) / MM:.0f} mm"

    @property
    def printed(self) -> Box:
        """What reaches paper: the BleedBox, else the TrimBox, else the MediaBox."""
        return self.bleed or self.trim or self.media


PageCheck = Callable[[PageView], Iterator[Finding]]
CHECKS: dict[str, PageCheck] = {}


def page_check(function: PageCheck) -> PageCheck:
    CHECKS[function.__name__] = function
    return function


def describe(paint: Paint) -> str:
    """The object in a reader's words: 'text (10 pt)', 'a filled path', 'image /Im1 (800 x 600 px)'."""
    kind = paint.kind
    if kind == "text":
        what = f"text ({paint.text_size:.1f} pt)"
    elif kind in ("fill", "fill+stroke"):
        what = "a filled path"
    elif kind == "stroke":
        what = f"a line ({paint.line_width:.2f} pt)"
    elif kind in ("image", "inline image"):
        name = _asset_name(paint)
        what = f"{'an inline image' if kind == 'inline image' else 'an image'} ({_pixels(paint)} px)"
        what = f"the image {name} ({_pixels(paint)} px)" if name else what
    elif kind == "shading":
        what = f"shading {paint.name}"
    else:
        what = f"form XObject {paint.name}"
    return f"{what} in {paint.within}" if paint.within else what


def _asset_name(paint: Paint) -> str | None:
    """The asset an image came from: by the digest of its bytes (as embedded), else by its
    size in pixels (``layout.context.image_key``)."""
    from ..layout.context import image_key

    names = IMAGE_NAMES.get() or {}
    image = _image_dict(paint)
    pixels = (int(image.get("/Width", 0)), int(image.get("/Height", 0)))
    by_bytes = names.get(image_key(paint.obj.read_raw_bytes())) if paint.kind == "image" else None
    return by_bytes or names.get(image_key(pixels))


def _pixels(paint: Paint) -> str:
    image = _image_dict(paint)
    return f"{int(image.get('/Width', 0))} x {int(image.get('/Height', 0))}"


def _image_dict(paint: Paint) -> Any:
    return paint.obj.obj if paint.kind == "inline image" else paint.obj


def _inherited_box(page: Any, name: str) -> Box | None:
    from .reader import inherited

    value = inherited(page, f"/{name}")
    if value is None:
        return None
    numbers = [float(v) for v in value]
    return (min(numbers[0], numbers[2]), min(numbers[1], numbers[3]),
            max(numbers[0], numbers[2]), max(numbers[1], numbers[3]))


def page_boxes(page: Any) -> tuple[Box, Box | None, Box | None]:
    media = _inherited_box(page, "MediaBox") or (0.0, 0.0, 612.0, 792.0)
    return media, _inherited_box(page, "TrimBox"), _inherited_box(page, "BleedBox")


def _contains(outer: Box, inner: Box) -> bool:
    t = BOX_TOLERANCE
    return (outer[0] <= inner[0] + t and outer[1] <= inner[1] + t
            and outer[2] >= inner[2] - t and outer[3] >= inner[3] - t)


@page_check
def boxes(view: PageView) -> Iterator[Finding]:
    n, trim, bleed = view.number, view.trim, view.bleed
    if trim is None:
        yield Finding("error", n, "no TrimBox: the finished size is not set")
    if bleed is None:
        yield Finding("error", n, "no BleedBox: the bleed is not set")
    if trim is None or bleed is None:
        return
    if not _contains(bleed, trim):
        yield Finding("error", n, "the BleedBox does not contain the TrimBox")
    elif min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]) < MIN_BLEED_MM * MM - 0.5:
        yield Finding("error", n, f"bleed under {MIN_BLEED_MM:g} mm on at least one side")
    if not _contains(view.media, bleed):
        yield Finding("error", n, "the MediaBox does not contain the BleedBox")


@page_check
def fonts(view: PageView) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    for paint in view.paints:
        font = paint.state.font if paint.kind == "text" else None
        if font is None or not is_dict(font) or font.objgen in seen:
            continue
        seen.add(font.objgen)
        if font.get("/Subtype") != "/Type3" and not embedded(font):
            yield Finding("error", view.number, f"font {str(font.get('/BaseFont', '(unnamed)'))} is not embedded")


def embedded(font: Any) -> bool:
    descriptor = font.get("/FontDescriptor")
    descendants = font.get("/DescendantFonts")
    if descriptor is None and descendants is not None and len(descendants):
        descriptor = descendants[0].get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def used_colours(paint: Paint) -> Iterator[tuple[str, Space]]:
    """Each colour space ``paint`` marks the page with, and the role it plays there."""
    s = paint.state
    if paint.kind in ("text", "fill", "stroke", "fill+stroke"):
        if paint.fills:
            yield from _with_pattern("", s.fill.space, s.fill.pattern)
        if paint.strokes:
            yield from _with_pattern("", s.stroke.space, s.stroke.pattern)
    elif paint.kind in ("image", "inline image"):
        image = _image_dict(paint)
        if image.get("/ImageMask") or image.get("/IM"):
            yield from _with_pattern("", s.fill.space, s.fill.pattern)
        else:
            space = image.get("/ColorSpace", image.get("/CS"))
            if space is not None:
                yield ("", _space(space, paint))
    elif paint.kind == "shading":
        yield ("", _space(paint.obj.ColorSpace, paint))


def _with_pattern(role: str, space: Space, pattern: Any) -> Iterator[tuple[str, Space]]:
    if space.family != "pattern":
        yield (role, space)
    elif pattern is not None and is_dict(pattern) and pattern.get("/Shading") is not None:
        yield ("shading pattern ", resolve(pattern.Shading.ColorSpace))
    elif space.base is not None:
        yield (role, space.base)


def _space(space: Any, paint: Paint) -> Space:
    return resolve(space, paint.resources)


@page_check
def colours(view: PageView) -> Iterator[Finding]:
    """RGB is an error wherever it paints; grey and spot colours are warnings (one finding per
    colour space and page, naming the first object and counting the others)."""
    for paint in view.paints:
        for role, space in used_colours(paint):
            where = f"in {role}{describe(paint)} {view.where(paint.visible_box)}".rstrip()
            if space.is_rgb:
                yield Finding("error", view.number, f"RGB colour ({space.label})", where)
            elif space.family == "gray":
                yield Finding("warning", view.number, f"grey colour ({space.label}) prints on the black "
                              "plate only", where)
            elif space.spot:
                yield Finding("warning", view.number, f"spot colour {space.spot} needs an extra plate", where)


@page_check
def transparency(view: PageView) -> Iterator[Finding]:
    """Transparency groups and soft masks must blend in CMYK (or grey), not RGB."""
    group = view.page.get("/Group")
    if _rgb_group(group):
        yield Finding("error", view.number, "the page's transparency group blends in RGB "
                      f"({_group_label(group)})")
    for paint in view.paints:
        if paint.kind == "form" and _rgb_group(paint.obj.get("/Group")):
            yield Finding("error", view.number, f"{describe(paint)} has a transparency group that blends "
                          f"in RGB ({_group_label(paint.obj.Group)})", view.where(paint.visible_box))
    for name, state in ext_states(view):
        mask = state.get("/SMask")
        if mask is not None and is_dict(mask) and mask.get("/G") is not None:
            if _rgb_group(mask.G.get("/Group")):
                yield Finding("error", view.number, f"soft mask of graphics state {name} blends in RGB "
                              f"({_group_label(mask.G.Group)})")


def _rgb_group(group: Any) -> bool:
    if group is None or not is_dict(group) or group.get("/CS") is None:
        return False
    try:
        return resolve(group.CS).is_rgb
    except ValueError:
        return True


def _group_label(group: Any) -> str:
    try:
        return resolve(group.CS).label
    except ValueError:
        return "an unknown colour space"


def ext_states(view: PageView) -> Iterator[tuple[str, Any]]:
    from .reader import inherited

    resources = [inherited(view.page, "/Resources")]
    resources += [p.obj.get("/Resources") for p in view.paints if p.kind == "form" and is_dict(p.obj)]
    seen: set[tuple[int, int]] = set()
    for r in resources:
        states = r.get("/ExtGState") if r is not None and is_dict(r) else None
        for name, state in (states.items() if states is not None and is_dict(states) else []):
            key = state.objgen if state.objgen != (0, 0) else (id(state), -1)
            if key not in seen and is_dict(state):
                seen.add(key)
                yield str(name), state


@page_check
def registration(view: PageView) -> Iterator[Finding]:
    """Registration colour (/All) prints on every plate: marks only, outside the trim."""
    if view.trim is None:
        return
    inner = (view.trim[0] + 0.1, view.trim[1] + 0.1, view.trim[2] - 0.1, view.trim[3] - 0.1)
    for paint in view.paints:
        box = paint.visible_box
        if box is None or not overlaps(box, inner):
            continue
        if any(space.registration for _role, space in used_colours(paint)):
            yield Finding("error", view.number, f"registration colour (/All: ink on every plate) inside the "
                          f"trim: {describe(paint)}", view.where(box))


@page_check
def hairlines(view: PageView) -> Iterator[Finding]:
    """Lines under 0.25 pt may not print; 0 pt means 'thinnest the device can do': invisible."""
    for paint in view.paints:
        if not paint.strokes or paint.kind == "text":
            continue
        box = paint.visible_box
        if box is None or not overlaps(box, view.printed):
            continue
        width = paint.line_width
        if paint.state.line_width == 0:
            yield Finding("error", view.number, "0 pt line (the thinnest the device can draw: invisible on "
                          f"a press){_in(paint)}", view.where(box))
        elif width < HAIRLINE_PT - 1e-6:
            yield Finding("warning", view.number, f"line of {under(width, HAIRLINE_PT, 2)} pt (under "
                          f"{HAIRLINE_PT:g} pt: may not print){_in(paint)}", view.where(box))


def _in(paint: Paint) -> str:
    return f" in {paint.within}" if paint.within else ""


@page_check
def bleed_edges(view: PageView) -> Iterator[Finding]:
    """Artwork that reaches the trim must run on into the bleed, or paper shows when cut."""
    trim, bleed = view.trim, view.bleed
    if trim is None or bleed is None:
        return
    for paint in view.paints:
        box = paint.visible_box
        if box is None or paint.kind not in ("fill", "fill+stroke", "image", "inline image", "shading"):
            continue
        if paint.kind in ("fill", "fill+stroke") and not _has_ink(paint.state.fill.cmyk):
            continue
        for edge in _stopped_edges(box, trim, bleed):
            yield Finding("error", view.number, f"{describe(paint)} stops at the {edge} trim edge instead of "
                          "running into the bleed", view.where(box))


def _has_ink(cmyk: tuple[float, float, float, float] | None) -> bool:
    return cmyk is None or sum(cmyk) > 0.001


def _stopped_edges(box: Box, trim: Box, bleed: Box) -> Iterator[str]:
    along_x = box[0] < trim[2] and box[2] > trim[0]
    along_y = box[1] < trim[3] and box[3] > trim[1]
    sides = (("left", along_y, trim[0] - box[0], trim[0] - bleed[0]),
             ("bottom", along_x, trim[1] - box[1], trim[1] - bleed[1]),
             ("right", along_y, box[2] - trim[2], bleed[2] - trim[2]),
             ("top", along_x, box[3] - trim[3], bleed[3] - trim[3]))
    for name, spans, beyond, room in sides:
        if spans and -TRIM_TOUCH <= beyond < min(room, MIN_BLEED_MM * MM) - TRIM_TOUCH:
            yield name


@page_check
def annotations_in_bleed(view: PageView) -> Iterator[Finding]:
    """Nothing but printer's marks and trap networks inside the BleedBox (PDF/X)."""
    for paint in view.paints:
        if paint.kind == "annotation" and paint.name not in ALLOWED_ANNOTATIONS and paint.box is not None \
                and overlaps(paint.box, view.printed):
            yield Finding("error", view.number, f"a {paint.name} annotation inside the BleedBox (links and "
                          "notes are for screens)", view.where(paint.box))
    for annotation in view.page.get("/Annots", []):
        if is_dict(annotation) and annotation.get("/Rect") is None:
            yield Finding("error", view.number, f"a {annotation.get('/Subtype', '/Annot')} annotation with no place "
                          "(no /Rect)")


@page_check
def resolution(view: PageView) -> Iterator[Finding]:
    """Images under 150 ppi at their printed size are errors, under 300 ppi warnings."""
    for paint in view.paints:
        if paint.kind not in ("image", "inline image"):
            continue
        image = _image_dict(paint)
        if image.get("/ImageMask") or image.get("/IM"):
            continue
        ctm = paint.state.ctm
        width_pt, height_pt = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
        box = paint.visible_box
        if width_pt <= 0 or height_pt <= 0 or box is None or not overlaps(box, view.printed):
            continue
        pixels = (int(image.get("/Width", image.get("/W", 0))), int(image.get("/Height", image.get("/H", 0))))
        ppi = min(pixels[0] / (width_pt / 72), pixels[1] / (height_pt / 72))
        for severity, limit in (("error", MIN_PPI), ("warning", GOOD_PPI)):
            if ppi < limit:
                wanted = " x ".join(str(math.ceil(side / 72 * GOOD_PPI)) for side in (width_pt, height_pt))
                yield Finding(severity, view.number, f"{describe(paint)} has {under(ppi, limit)} ppi at its "  # type: ignore[arg-type]
                              f"printed size (under {limit:.0f}; {wanted} px would print at {GOOD_PPI:.0f})",
                              view.where(box))
                break


@page_check
def malformed(view: PageView) -> Iterator[Finding]:
    """Content a viewer skips is content nobody can vouch for."""
    if view.problems:
        yield Finding("warning", view.number, f"{len(view.problems)} drawing operator(s) could not be "
                      f"followed and were skipped (the first: {view.problems[0]})")
