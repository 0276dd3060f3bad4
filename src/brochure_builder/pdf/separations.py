"""Content rewritten to paint one process ink as grey: four copies of every page, form, image
and shading, each painting the amount of cyan, magenta, yellow or black of every object (white:
none, black: 100%). Overprint is honoured (an object that overprints with 0% of an ink leaves that
plate alone, as overprint mode 1 says); knockout everywhere else. ``ink.py`` renders the copies.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field
from typing import Any

from .checks import describe
from .colourspace import CMYK, Space, evaluator, resolve
from .content import MALFORMED, Budget, Colour, Machine, Paint, instructions
from .findings import Finding
from .objects import is_dict

MAX_INK_IMAGE_SIDE = 1024
"""Images are reduced to at most this many pixels a side before they are separated."""
SHADING_SAMPLES = 32
TEXT_MODES = {(True, False): 0, (False, True): 1, (True, True): 2, (False, False): 3}


@dataclass
class Separator:
    """Rewrites content so that each of four copies paints one process ink as grey."""

    pdf: Any
    findings: list[Finding] = field(default_factory=list)
    page: int = 0
    forms: dict[Any, list[Any]] = field(default_factory=dict)
    images: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    counter: int = 0

    def stream(self, stream: Any, resources: Any, machine: Machine, budget: Budget) -> list[tuple[bytes, Any]]:
        """Four (content, resources) pairs: ``stream`` painting C, M, Y and K as grey."""
        import pikepdf

        outs: list[list[Any]] = [[], [], [], []]
        res = [self._resources(resources) for _ in range(4)]
        listing = instructions(stream)
        budget.spend(len(listing), self.page)
        for instruction in listing:
            op = str(instruction.operator)
            paint = machine.step(list(instruction.operands), op)
            if op in SETTERS:
                continue
            if paint is None or paint.kind == "annotation":
                for out in outs:
                    out.append(instruction)
                continue
            try:
                drawn = [self._paint(paint, instruction, ink, res[ink], machine, budget) for ink in range(4)]
            except MALFORMED as exc:
                self.findings.append(Finding("warning", self.page, f"ink coverage of {describe(paint)} not "
                                             f"measured: {str(exc)[:100]}"))
                continue
            for out, instructions_for_ink in zip(outs, drawn):
                out += instructions_for_ink
        return [(pikepdf.unparse_content_stream(out), r) for out, r in zip(outs, res)]

    def _resources(self, resources: Any) -> Any:
        import pikepdf

        copy = pikepdf.Dictionary()
        if resources is not None and is_dict(resources):
            for key in ("/ExtGState", "/Font", "/Properties"):
                if key in resources:
                    copy[key] = resources[key]
        for key in ("/XObject", "/Shading", "/Pattern"):
            copy[key] = pikepdf.Dictionary()
        return copy

    def _paint(self, paint: Paint, instruction: Any, ink: int, res: Any, machine: Machine,
               budget: Budget) -> list[Any]:
        kind = paint.kind
        if kind in ("fill", "stroke", "fill+stroke"):
            return self._path(paint, instruction, ink, res)
        if kind == "text":
            return self._text(paint, instruction, ink, res)
        if kind in ("image", "inline image"):
            return self._image(paint, instruction, ink, res)
        if kind == "shading":
            return self._shading(paint, ink, res)
        return self._form(paint, instruction, ink, res, machine, budget)

    def _colour(self, colour: Colour, ink: int, res: Any, stroking: bool, paint: Paint) -> list[Any] | None:
        """Instructions setting ``colour``'s amount of ``ink`` as grey; None if it leaves this
        plate alone (overprint mode 1, 0% of this ink)."""
        import pikepdf

        s = paint.state
        overprint = s.stroke_overprint if stroking else s.fill_overprint
        if colour.space.nothing:
            return None
        if colour.space.family == "pattern":
            return self._pattern_colour(colour, ink, res, stroking, paint)
        amount = inks_of(colour)[ink]
        if overprint and s.overprint_mode == 1 and colour.space.device_cmyk and amount == 0:
            return None
        operator = "G" if stroking else "g"
        return [pikepdf.ContentStreamInstruction([round(1 - amount, 4)], pikepdf.Operator(operator))]

    def _path(self, paint: Paint, instruction: Any, ink: int, res: Any) -> list[Any]:
        import pikepdf

        fill = self._colour(paint.state.fill, ink, res, False, paint) if paint.fills else None
        stroke = self._colour(paint.state.stroke, ink, res, True, paint) if paint.strokes else None
        op = str(instruction.operator)
        if fill is not None and stroke is not None:
            return [*fill, *stroke, instruction]
        if fill is not None:
            return [*fill, pikepdf.ContentStreamInstruction([], pikepdf.Operator("f*" if "*" in op else "f"))]
        if stroke is not None:
            return [*stroke, pikepdf.ContentStreamInstruction([], pikepdf.Operator("s" if op in ("b", "b*", "s") else "S"))]
        return [pikepdf.ContentStreamInstruction([], pikepdf.Operator("n"))]

    def _text(self, paint: Paint, instruction: Any, ink: int, res: Any) -> list[Any]:
        import pikepdf

        fill = self._colour(paint.state.fill, ink, res, False, paint) if paint.fills else None
        stroke = self._colour(paint.state.stroke, ink, res, True, paint) if paint.strokes else None
        mode = paint.state.render_mode
        new = TEXT_MODES[(fill is not None, stroke is not None)] + (4 if mode >= 4 else 0)
        out = [*(fill or []), *(stroke or [])]
        if new == mode:
            return [*out, instruction]
        tr = pikepdf.Operator("Tr")
        return [*out, pikepdf.ContentStreamInstruction([new], tr), instruction,
                pikepdf.ContentStreamInstruction([mode], tr)]

    def _image(self, paint: Paint, instruction: Any, ink: int, res: Any) -> list[Any]:
        import pikepdf

        image = paint.obj.obj if paint.kind == "inline image" else paint.obj
        if image.get("/ImageMask") or image.get("/IM"):
            fill = self._colour(paint.state.fill, ink, res, False, paint)
            return [*fill, instruction] if fill is not None else []
        separated = self._separated_image(paint)
        if separated is None:
            return []
        name = pikepdf.Name(paint.name if paint.kind == "image" else self._fresh("/BBInline"))
        res.XObject[name] = separated[ink]
        return [pikepdf.ContentStreamInstruction([name], pikepdf.Operator("Do"))]

    def _separated_image(self, paint: Paint) -> list[Any] | None:
        key = paint.obj.objgen if paint.kind == "image" else (id(paint.obj), -1)
        if key not in self.images:
            try:
                self.images[key] = separate_image(self.pdf, paint)
            except (ValueError, OSError, NotImplementedError) as exc:
                self.findings.append(Finding("warning", self.page, f"ink coverage of {describe(paint)} not "
                                             f"measured: {str(exc)[:100]}"))
                self.images[key] = []
        return self.images[key] or None

    def _shading(self, paint: Paint, ink: int, res: Any) -> list[Any]:
        import pikepdf

        separated = self._separated_shading(paint.obj, paint)
        if separated is None:
            return []
        res.Shading[pikepdf.Name(paint.name)] = separated[ink]
        return [pikepdf.ContentStreamInstruction([pikepdf.Name(paint.name)], pikepdf.Operator("sh"))]

    def _separated_shading(self, shading: Any, paint: Paint) -> list[Any] | None:
        key = ("shading", shading.objgen if shading.objgen != (0, 0) else id(shading))
        if key not in self.forms:
            try:
                self.forms[key] = separate_shading(self.pdf, shading, paint.resources)
            except ValueError as exc:
                self.findings.append(Finding("warning", self.page, f"ink coverage of {describe(paint)} not "
                                             f"measured: {exc}"))
                self.forms[key] = []
        return self.forms[key] or None

    def _pattern_colour(self, colour: Colour, ink: int, res: Any, stroking: bool, paint: Paint) -> list[Any] | None:
        import pikepdf

        pattern = colour.pattern
        if pattern is None or not is_dict(pattern) or pattern.get("/Shading") is None:
            if pattern is not None:
                self.findings.append(Finding("warning", self.page, f"ink coverage of a tiling pattern in "
                                             f"{describe(paint)} not measured"))
            return None
        shading = self._separated_shading(pattern.Shading, paint)
        if shading is None:
            return None
        name = self._fresh("/BBPattern")
        res.Pattern[pikepdf.Name(name)] = self.pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Pattern, PatternType=2, Shading=shading[ink],
            Matrix=pattern.get("/Matrix", pikepdf.Array([1, 0, 0, 1, 0, 0]))))
        space, op = ("/CS", "SCN") if stroking else ("/cs", "scn")
        return [pikepdf.ContentStreamInstruction([pikepdf.Name.Pattern], pikepdf.Operator(space[1:])),
                pikepdf.ContentStreamInstruction([pikepdf.Name(name)], pikepdf.Operator(op))]

    def _form(self, paint: Paint, instruction: Any, ink: int, res: Any, machine: Machine,
              budget: Budget) -> list[Any]:
        import pikepdf

        from . import limits

        if machine.depth >= limits.MAX_FORM_DEPTH:
            return []
        s = paint.state
        key = (paint.obj.objgen, inks_of(s.fill), inks_of(s.stroke), s.fill_overprint, s.stroke_overprint,
               s.overprint_mode)
        if key not in self.forms:
            self.forms[key] = self.separate_form(paint.obj, machine.enter(paint.obj), budget)
        res.XObject[pikepdf.Name(paint.name)] = self.forms[key][ink]
        return [instruction]

    def separate_form(self, form: Any, machine: Machine, budget: Budget) -> list[Any]:
        import pikepdf

        copies = []
        for content, resources in self.stream(form, form.get("/Resources"), machine, budget):
            copy = self.pdf.make_stream(content)
            for key in ("/BBox", "/Matrix", "/Group"):
                if key in form:
                    copy[pikepdf.Name(key)] = form[key]
            copy.Type, copy.Subtype, copy.Resources = pikepdf.Name.XObject, pikepdf.Name.Form, resources
            if "/Group" in copy:
                copy.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency,
                                                **{k[1:]: v for k, v in form.Group.items() if k in ("/I", "/K")})
            copies.append(copy)
        return copies

    def _fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"


SETTERS = {"CS", "cs", "SC", "SCN", "sc", "scn", "G", "g", "RG", "rg", "K", "k"}


def inks_of(colour: Colour) -> CMYK:
    """The inks ``colour`` stands for; a colour whose inks cannot be known counts as its tint in K."""
    inks = colour.cmyk
    if inks is None:
        return (0.0, 0.0, 0.0, max(colour.values, default=1.0))
    return inks


def separate_image(pdf: Any, paint: Paint) -> list[Any]:
    """Four DeviceGray images of the image's C, M, Y and K (white: no ink), reduced in size."""
    import numpy as np
    import pikepdf

    image = paint.obj.obj if paint.kind == "inline image" else paint.obj
    pixels = decoded_image(pdf, paint)
    inks = image_inks(pixels, paint)
    mask = image.get("/SMask") if paint.kind == "image" else None
    out = []
    for index in range(4):
        grey = (255 - np.clip(inks[:, :, index] * 255 + 0.5, 0, 255)).astype("uint8")
        stream = pdf.make_stream(zlib.compress(grey.tobytes(), 6), Type=pikepdf.Name.XObject,
                                 Subtype=pikepdf.Name.Image, Width=grey.shape[1], Height=grey.shape[0],
                                 ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                                 Filter=pikepdf.Name.FlateDecode)
        if mask is not None:
            stream.SMask = mask
        out.append(stream)
    return out


def decoded_image(pdf: Any, paint: Paint) -> Any:
    """The image as a Pillow image, at most ``MAX_INK_IMAGE_SIDE`` a side (JPEGs decoded small)."""
    import pikepdf
    from PIL import Image

    if paint.kind == "inline image":
        picture = pikepdf.PdfImage(inline_as_xobject(pdf, paint)).as_pil_image()
    else:
        image = paint.obj
        if filters(image) == ["/DCTDecode"]:
            picture = Image.open(io.BytesIO(image.read_raw_bytes()))
            picture.draft(picture.mode, (MAX_INK_IMAGE_SIDE, MAX_INK_IMAGE_SIDE))
        else:
            picture = pikepdf.PdfImage(image).as_pil_image()
    if max(picture.size) > MAX_INK_IMAGE_SIDE:
        picture.thumbnail((MAX_INK_IMAGE_SIDE, MAX_INK_IMAGE_SIDE), Image.Resampling.BOX)
    return picture


def inline_as_xobject(pdf: Any, paint: Paint) -> Any:
    """An inline image as an image XObject of ``pdf`` (pikepdf's own conversion refuses
    images under 3 or over 14,400 pixels a side); a named colour space is taken from the
    resources in force."""
    import math

    import pikepdf

    inline = paint.obj
    data = bytes(inline._data.unparse())
    stream = pdf.make_stream(b"")
    for key, value in inline.obj.items():
        stream[key] = value
    space = stream.get("/ColorSpace")
    named = paint.resources.get("/ColorSpace", {}) if is_dict(paint.resources) else {}
    if isinstance(space, pikepdf.Name) and space in named:
        stream.ColorSpace = named[space]
    if not filters(stream):  # raw samples: cut the separator the parser kept after them
        components = 1 if stream.get("/ImageMask") else resolve(stream.get("/ColorSpace", pikepdf.Name.DeviceGray)).components
        row = math.ceil(int(stream.Width) * int(stream.get("/BitsPerComponent", 1)) * max(components, 1) / 8)
        data = data[:row * int(stream.Height)]
    stream.write(data, filter=stream.get("/Filter"), decode_parms=stream.get("/DecodeParms"))
    stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    return stream


def filters(stream: Any) -> list[str]:
    import pikepdf

    value = stream.get("/Filter")
    if value is None:
        return []
    return [str(f) for f in value] if isinstance(value, pikepdf.Array) else [str(value)]


def image_inks(picture: Any, paint: Paint) -> Any:
    """Height x width x 4 inks (0 to 1) of a decoded image."""
    import numpy as np

    mode = picture.mode
    if mode == "CMYK":
        values = np.asarray(picture, dtype="float32") / 255
        image = paint.obj.obj if paint.kind == "inline image" else paint.obj
        decode = [float(v) for v in image.get("/Decode", [])]
        if decode[:2] == [1.0, 0.0] and "/DCTDecode" not in filters(image):  # Pillow reads JPEGs right
            values = 1 - values
        return values
    if mode in ("1", "L", "I;16", "I", "F"):
        grey = np.asarray(picture.convert("L"), dtype="float32") / 255
        return np.stack([np.zeros_like(grey)] * 3 + [1 - grey], axis=2)
    rgb = np.asarray(picture.convert("RGB"), dtype="float32") / 255
    k = 1 - rgb.max(axis=2)
    room = np.where(k < 1, 1 - k, 1)
    cmy = [(1 - rgb[:, :, i] - k) / room for i in range(3)]
    return np.stack([*cmy, k], axis=2)


def separate_shading(pdf: Any, shading: Any, resources: Any) -> list[Any]:
    """Four copies of an axial or radial shading in DeviceGray, one per ink (its colour function
    sampled and rebuilt as linear pieces)."""
    import pikepdf

    kind = int(shading.get("/ShadingType", 0))
    if kind not in (2, 3):
        raise ValueError(f"type {kind} shadings are not separated")
    space = resolve(shading.ColorSpace, resources)
    function = _shading_function(shading.get("/Function"))
    if function is None:
        raise ValueError("its colour function is of a kind that is not evaluated")
    domain = [float(v) for v in shading.get("/Domain", [0, 1])]
    ts = [domain[0] + (domain[1] - domain[0]) * i / SHADING_SAMPLES for i in range(SHADING_SAMPLES + 1)]
    samples = [_sample_inks(space, function((t,))) for t in ts]
    out = []
    for ink in range(4):
        pieces = [pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], N=1, C0=[1 - a[ink]], C1=[1 - b[ink]])
                  for a, b in zip(samples, samples[1:])]
        stitched = pikepdf.Dictionary(FunctionType=3, Domain=domain, Functions=pikepdf.Array(pieces),
                                      Bounds=pikepdf.Array(ts[1:-1]), Encode=pikepdf.Array([0, 1] * len(pieces)))
        copy = pikepdf.Dictionary({k: v for k, v in shading.items() if k not in ("/ColorSpace", "/Function",
                                                                                   "/Background")})
        copy.ColorSpace, copy.Function = pikepdf.Name.DeviceGray, stitched
        out.append(pdf.make_indirect(copy))
    return out


def _shading_function(function: Any) -> Any:
    import pikepdf

    if isinstance(function, pikepdf.Array):
        parts = [evaluator(f) for f in function]
        if any(p is None for p in parts):
            return None
        return lambda values: tuple(p(values)[0] for p in parts)  # type: ignore[misc]
    return evaluator(function)


def _sample_inks(space: Space, values: tuple[float, ...]) -> CMYK:
    return inks_of(Colour(space, values))
