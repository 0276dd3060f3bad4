"""Follow a content stream's graphics state as a printer would: where each object is painted,
in which colour, with which line width and overprint, inside which clip.

``Machine.step`` takes one instruction and returns a ``Paint`` for each one that marks the page;
``paints`` walks a whole page, forms and annotation appearances included, under the limits of
``limits.py``. Boxes are in page space and conservative (curves by their control points, text
by an estimate from its size: no font metrics are read here).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from . import limits
from .colourspace import DEVICE, Space, resolve
from .objects import is_dict, is_stream
from .reader import Unreadable, inherited

MALFORMED = (ValueError, TypeError, IndexError, KeyError, AttributeError, ZeroDivisionError, OverflowError,
             pikepdf.PdfError)
"""What a content stream with wrong operands or undefined resources makes the handlers raise."""
Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
TEXT_SHOWS = {"Tj", "TJ", "'", '"'}
PATH_PAINTS = {"S": (False, True), "s": (False, True), "f": (True, False), "F": (True, False),
               "f*": (True, False), "B": (True, True), "B*": (True, True), "b": (True, True),
               "b*": (True, True), "n": (False, False)}
AVERAGE_ADVANCE = 0.5
"""Width of a glyph as a fraction of the type size, for text boxes (no metrics are read)."""


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def scale_of(m: Matrix) -> float:
    """How much a length grows under ``m`` (the square root of its area scale)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def box_of(points: list[tuple[float, float]]) -> Box | None:
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def transformed_box(box: Box, m: Matrix) -> Box:
    corners = [apply(m, x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    return box_of(corners)  # type: ignore[return-value]


def intersect(a: Box | None, b: Box | None) -> Box | None:
    if a is None:
        return b
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share a point (a box without area, a line, counts)."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


@dataclass(frozen=True)
class Colour:
    space: Space
    values: tuple[float, ...]
    pattern: Any = None

    @property
    def cmyk(self) -> tuple[float, float, float, float] | None:
        return self.space.to_cmyk(self.values)

    def describe(self) -> str:
        inks = self.cmyk
        if self.space.registration:
            return "registration colour (/All)"
        if self.space.family == "pattern":
            return "a pattern"
        if inks is None or self.space.family not in ("cmyk", "gray"):
            return self.space.label
        return " ".join(f"{n}{round(v * 100):g}" for n, v in zip("CMYK", inks) if v > 0.0005) or "white (no ink)"


BLACK = Colour(DEVICE["/DeviceGray"], (0.0,))


@dataclass
class State:
    """The parts of the graphics state preflight and ink measurement need."""

    ctm: Matrix = IDENTITY
    clip: Box | None = None
    fill: Colour = BLACK
    stroke: Colour = BLACK
    line_width: float = 1.0
    fill_overprint: bool = False
    stroke_overprint: bool = False
    overprint_mode: int = 0
    font: Any = None
    font_size: float = 0.0
    render_mode: int = 0
    leading: float = 0.0
    horizontal: float = 1.0
    rise: float = 0.0
    soft_mask: bool = False
    blend: str = "/Normal"
    fill_alpha: float = 1.0


@dataclass
class Paint:
    """One object that marks the page."""

    kind: str
    """'fill', 'stroke', 'fill+stroke', 'text', 'image', 'inline image', 'shading' or 'form'."""
    operator: str
    state: State
    box: Box | None
    name: str = ""
    obj: Any = None
    glyphs: int = 0
    depth: int = 0
    within: str = ""
    """'' for page content, else what it is drawn in (an annotation's appearance)."""
    resources: Any = None

    @property
    def visible_box(self) -> Box | None:
        box = intersect(self.box, self.state.clip)
        if box is None or box[0] > box[2] or box[1] > box[3]:  # a line may have no area
            return None
        return box

    @property
    def fills(self) -> bool:
        if self.kind == "text":
            return self.state.render_mode in (0, 2, 4, 6)
        return self.kind in ("fill", "fill+stroke")

    @property
    def strokes(self) -> bool:
        if self.kind == "text":
            return self.state.render_mode in (1, 2, 5, 6)
        return self.kind in ("stroke", "fill+stroke")

    @property
    def line_width(self) -> float:
        """The stroke's width on the page, in points."""
        return self.state.line_width * scale_of(self.state.ctm)

    @property
    def text_size(self) -> float:
        return self.state.font_size * _vertical_scale(self.text_matrix) if self.kind == "text" else 0.0

    text_matrix: Matrix = IDENTITY


def _vertical_scale(m: Matrix) -> float:
    return math.hypot(m[2], m[3])


@dataclass
class Budget:
    """Operators interpreted for one page, forms included."""

    operators: int = 0
    name: str = "PDF"

    def spend(self, count: int, page: int) -> None:
        self.operators += count
        if self.operators > limits.MAX_OPERATORS:
            raise Unreadable.of(self.name, f"page {page}: more than {limits.MAX_OPERATORS:,} drawing "
                                           "operators: over the limit")


@dataclass
class Machine:
    """The graphics state of one content stream, stepped an instruction at a time."""

    resources: Any
    state: State = field(default_factory=State)
    depth: int = 0
    stack: list[State] = field(default_factory=list)
    path: list[tuple[float, float]] = field(default_factory=list)
    pending_clip: bool = False
    text_matrix: Matrix = IDENTITY
    line_matrix: Matrix = IDENTITY
    within: str = ""
    problems: list[str] = field(default_factory=list)
    """Operators that could not be followed (wrong operands, undefined resources): viewers skip
    them, and so does this machine, saying so."""

    def step(self, operands: list[Any], op: str) -> Paint | None:
        handler = HANDLERS.get(op)
        if handler is None:
            return None
        try:
            result: Paint | None = handler(self, operands)
        except MALFORMED as exc:
            self.problems.append(f"{op}: {str(exc)[:100] or type(exc).__name__}")
            return None
        return result

    def enter(self, form: Any, matrix: Matrix | None = None) -> Machine:
        """The machine for a form XObject (or appearance) drawn in the current state."""
        state = copy.copy(self.state)
        m = matrix or tuple(float(v) for v in form.get("/Matrix", IDENTITY))
        state.ctm = multiply(m, self.state.ctm)  # type: ignore[arg-type]
        bbox = form.get("/BBox")
        if bbox is not None:
            state.clip = intersect(state.clip, transformed_box(_floats(bbox), state.ctm))
        resources = form.get("/Resources", self.resources)
        return Machine(resources, state, self.depth + 1, within=self.within, problems=self.problems)

    def paint(self, kind: str, op: str, box: Box | None, **extra: Any) -> Paint:
        paint = Paint(kind, op, copy.copy(self.state), box, depth=self.depth, within=self.within,
                      resources=self.resources, **extra)
        paint.text_matrix = multiply(self.text_matrix, self.state.ctm)
        return paint

    def colour_space(self, name: Any) -> Space:
        try:
            return resolve(name, self.resources)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ValueError(f"colour space {name}: {exc}") from None


def _floats(values: Any) -> Box:
    numbers = [float(v) for v in values]
    return (min(numbers[0], numbers[2]), min(numbers[1], numbers[3]),
            max(numbers[0], numbers[2]), max(numbers[1], numbers[3]))


def _numbers(operands: list[Any]) -> tuple[float, ...]:
    return tuple(float(v) for v in operands if not isinstance(v, pikepdf.Name))


def _save(m: Machine, _o: list[Any]) -> None:
    m.stack.append(copy.copy(m.state))


def _restore(m: Machine, _o: list[Any]) -> None:
    if m.stack:
        m.state = m.stack.pop()


def _concat(m: Machine, o: list[Any]) -> None:
    m.state.ctm = multiply(tuple(float(v) for v in o[:6]), m.state.ctm)  # type: ignore[arg-type]


def _width(m: Machine, o: list[Any]) -> None:
    m.state.line_width = float(o[0])


def _ext_state(m: Machine, o: list[Any]) -> None:
    states = m.resources.get("/ExtGState", {}) if m.resources is not None else {}
    entry = states.get(o[0]) if is_dict(states) else None
    if entry is None or not is_dict(entry):
        return
    s = m.state
    if "/LW" in entry:
        s.line_width = float(entry.LW)
    if "/OP" in entry:
        s.stroke_overprint = bool(entry.OP)
        s.fill_overprint = bool(entry.get("/op", entry.OP))
    if "/op" in entry:
        s.fill_overprint = bool(entry.op)
    if "/OPM" in entry:
        s.overprint_mode = int(entry.OPM)
    if "/SMask" in entry:
        s.soft_mask = str(entry.SMask) != "/None"
    if "/BM" in entry:
        blend = entry.BM
        s.blend = str(blend[0]) if isinstance(blend, pikepdf.Array) and len(blend) else str(blend)
    if "/ca" in entry:
        s.fill_alpha = float(entry.ca)


def _set_space(stroking: bool) -> Any:
    def handler(m: Machine, o: list[Any]) -> None:
        space = m.colour_space(o[0])
        _set(m, stroking, Colour(space, space.initial))
    return handler


def _set_values(stroking: bool) -> Any:
    def handler(m: Machine, o: list[Any]) -> None:
        current = m.state.stroke if stroking else m.state.fill
        pattern = None
        if o and isinstance(o[-1], pikepdf.Name):
            patterns = m.resources.get("/Pattern", {}) if m.resources is not None else {}
            pattern = patterns.get(o[-1]) if is_dict(patterns) else None
        _set(m, stroking, Colour(current.space, _numbers(o), pattern))
    return handler


def _set_device(space: str, stroking: bool) -> Any:
    def handler(m: Machine, o: list[Any]) -> None:
        _set(m, stroking, Colour(DEVICE[space], _numbers(o)))
    return handler


def _set(m: Machine, stroking: bool, colour: Colour) -> None:
    if stroking:
        m.state.stroke = colour
    else:
        m.state.fill = colour


def _path_point(m: Machine, x: Any, y: Any) -> None:
    m.path.append(apply(m.state.ctm, float(x), float(y)))


def _move_or_line(m: Machine, o: list[Any]) -> None:
    _path_point(m, o[0], o[1])


def _curve(m: Machine, o: list[Any]) -> None:
    for i in range(0, len(o) - 1, 2):
        _path_point(m, o[i], o[i + 1])


def _rectangle(m: Machine, o: list[Any]) -> None:
    x, y, w, h = (float(v) for v in o[:4])
    for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
        _path_point(m, px, py)


def _clip(m: Machine, _o: list[Any]) -> None:
    m.pending_clip = True


def _paint_path(op: str) -> Any:
    fills, strokes = PATH_PAINTS[op]
    kind = "fill+stroke" if fills and strokes else "fill" if fills else "stroke"

    def handler(m: Machine, _o: list[Any]) -> Paint | None:
        box = box_of(m.path)
        if strokes and box is not None:
            grow = m.state.line_width * scale_of(m.state.ctm) / 2
            box = (box[0] - grow, box[1] - grow, box[2] + grow, box[3] + grow)
        paint = m.paint(kind, op, box) if (fills or strokes) else None
        if m.pending_clip:
            m.state.clip = intersect(m.state.clip, box_of(m.path))
            m.pending_clip = False
        m.path = []
        return paint
    return handler


def _begin_text(m: Machine, _o: list[Any]) -> None:
    m.text_matrix = m.line_matrix = IDENTITY


def _font(m: Machine, o: list[Any]) -> None:
    fonts = m.resources.get("/Font", {}) if m.resources is not None else {}
    m.state.font = fonts.get(o[0]) if is_dict(fonts) else None
    m.state.font_size = float(o[1])


def _move_text(m: Machine, o: list[Any]) -> None:
    tx, ty = float(o[0]), float(o[1])
    m.line_matrix = m.text_matrix = multiply((1, 0, 0, 1, tx, ty), m.line_matrix)


def _move_text_leading(m: Machine, o: list[Any]) -> None:
    m.state.leading = -float(o[1])
    _move_text(m, o)


def _text_matrix(m: Machine, o: list[Any]) -> None:
    m.line_matrix = m.text_matrix = tuple(float(v) for v in o[:6])  # type: ignore[assignment]


def _next_line(m: Machine, _o: list[Any]) -> None:
    _move_text(m, [0, -m.state.leading])


def _text_state(attribute: str, convert: Any) -> Any:
    def handler(m: Machine, o: list[Any]) -> None:
        setattr(m.state, attribute, convert(o[0]))
    return handler


def _show(op: str) -> Any:
    def handler(m: Machine, o: list[Any]) -> Paint:
        if op in ("'", '"'):
            _next_line(m, [])
        glyphs = _glyph_count(m.state.font, o[-1] if o else b"")
        size, scale = m.state.font_size, m.state.horizontal
        width = glyphs * size * AVERAGE_ADVANCE * scale
        trm = multiply(m.text_matrix, m.state.ctm)
        corners = [apply(trm, x, y) for x in (0.0, width) for y in (m.state.rise - 0.2 * size, m.state.rise + size)]
        paint = m.paint("text", op, box_of(corners), glyphs=glyphs)
        m.text_matrix = multiply((1, 0, 0, 1, width, 0), m.text_matrix)
        return paint
    return handler


def _glyph_count(font: Any, operand: Any) -> int:
    two_byte = font is not None and is_dict(font) and font.get("/Subtype") == "/Type0"
    if isinstance(operand, pikepdf.Array):
        total = sum(len(bytes(item)) for item in operand if isinstance(item, pikepdf.String))
    else:
        total = len(bytes(operand)) if isinstance(operand, (pikepdf.String, bytes)) else 0
    return total // 2 if two_byte else total


def _unit_square(m: Machine) -> Box:
    return transformed_box((0.0, 0.0, 1.0, 1.0), m.state.ctm)


def _draw_object(m: Machine, o: list[Any]) -> Paint | None:
    xobjects = m.resources.get("/XObject", {}) if m.resources is not None else {}
    xobject = xobjects.get(o[0]) if is_dict(xobjects) else None
    if xobject is None or not is_dict(xobject):
        return None
    name = str(o[0])
    if xobject.get("/Subtype") == "/Image":
        return m.paint("image", "Do", _unit_square(m), name=name, obj=xobject)
    if xobject.get("/Subtype") == "/Form":
        bbox = xobject.get("/BBox")
        matrix = multiply(tuple(float(v) for v in xobject.get("/Matrix", IDENTITY)), m.state.ctm)  # type: ignore[arg-type]
        box = transformed_box(_floats(bbox), matrix) if bbox is not None else None
        return m.paint("form", "Do", box, name=name, obj=xobject)
    return None


def _inline_image(m: Machine, o: list[Any]) -> Paint:
    return m.paint("inline image", "BI", _unit_square(m), obj=o[0])


def _shade(m: Machine, o: list[Any]) -> Paint | None:
    shadings = m.resources.get("/Shading", {}) if m.resources is not None else {}
    shading = shadings.get(o[0]) if is_dict(shadings) else None
    if shading is None:
        return None
    box = transformed_box(_floats(shading.BBox), m.state.ctm) if "/BBox" in shading else None
    return m.paint("shading", "sh", box, name=str(o[0]), obj=shading)


HANDLERS: dict[str, Any] = {
    "q": _save, "Q": _restore, "cm": _concat, "w": _width, "gs": _ext_state,
    "CS": _set_space(True), "cs": _set_space(False), "SC": _set_values(True), "SCN": _set_values(True),
    "sc": _set_values(False), "scn": _set_values(False),
    "G": _set_device("/DeviceGray", True), "g": _set_device("/DeviceGray", False),
    "RG": _set_device("/DeviceRGB", True), "rg": _set_device("/DeviceRGB", False),
    "K": _set_device("/DeviceCMYK", True), "k": _set_device("/DeviceCMYK", False),
    "m": _move_or_line, "l": _move_or_line, "c": _curve, "v": _curve, "y": _curve, "re": _rectangle,
    "W": _clip, "W*": _clip, **{op: _paint_path(op) for op in PATH_PAINTS},
    "BT": _begin_text, "Tf": _font, "Td": _move_text, "TD": _move_text_leading, "Tm": _text_matrix,
    "T*": _next_line, "TL": _text_state("leading", float), "Tr": _text_state("render_mode", int),
    "Tz": _text_state("horizontal", lambda v: float(v) / 100), "Ts": _text_state("rise", float),
    **{op: _show(op) for op in TEXT_SHOWS},
    "Do": _draw_object, "INLINE IMAGE": _inline_image, "sh": _shade,
}


def instructions(stream: Any) -> list[Any]:
    try:
        return list(pikepdf.parse_content_stream(stream))
    except pikepdf.PdfError as exc:
        raise ValueError(f"unreadable content stream: {str(exc).splitlines()[0][:120]}") from None


def paints(machine: Machine, stream: Any, budget: Budget, page: int) -> Iterator[Paint]:
    """Every Paint of ``stream``, forms followed inside (each yields its own 'form' Paint first)."""
    listing = instructions(stream)
    budget.spend(len(listing), page)
    for instruction in listing:
        op = str(instruction.operator)
        paint = machine.step(list(instruction.operands), op)
        if paint is None:
            continue
        yield paint
        if paint.kind == "form" and machine.depth < limits.MAX_FORM_DEPTH:
            try:
                inner = machine.enter(paint.obj)
            except MALFORMED as exc:
                machine.problems.append(f"Do {paint.name}: {str(exc)[:100]}")
                continue
            yield from paints(inner, paint.obj, budget, page)


def page_paints(page: Any, budget: Budget, number: int, problems: list[str]) -> Iterator[Paint]:
    """Every Paint of a page's content, then of its annotations' normal appearances; operators
    that cannot be followed are listed in ``problems``."""
    machine = Machine(inherited(page, "/Resources"), problems=problems)
    yield from paints(machine, pikepdf.Page(page), budget, number)
    annotations = page.get("/Annots")
    for annotation in annotations if isinstance(annotations, pikepdf.Array) else []:
        appearance = _normal_appearance(annotation)
        if appearance is None or not is_dict(annotation) or "/Rect" not in annotation:
            continue
        try:
            rect = _floats(annotation.Rect)
            subtype = str(annotation.get("/Subtype", "/Annot"))
            outer = Machine(appearance.get("/Resources"), within=f"the appearance of a {subtype} annotation",
                            problems=problems)
            form = outer.enter(appearance, _appearance_matrix(appearance, rect))
        except MALFORMED as exc:
            problems.append(f"annotation: {str(exc)[:100]}")
            continue
        yield Paint("annotation", "Annots", State(), rect, name=subtype, obj=annotation)
        yield from paints(form, appearance, budget, number)


def _normal_appearance(annotation: Any) -> Any:
    appearance = annotation.get("/AP") if is_dict(annotation) else None
    normal = appearance.get("/N") if appearance is not None and is_dict(appearance) else None
    if normal is None:
        return None
    if is_stream(normal):
        return normal
    state = annotation.get("/AS")
    chosen = normal.get(state) if state is not None and is_dict(normal) else None
    return chosen if chosen is not None and is_stream(chosen) else None


def _appearance_matrix(form: Any, rect: Box) -> Matrix:
    """Maps the appearance's BBox (after its Matrix) onto the annotation's Rect (PDF 12.5.5)."""
    matrix: Matrix = tuple(float(v) for v in form.get("/Matrix", IDENTITY))  # type: ignore[assignment]
    box = transformed_box(_floats(form.get("/BBox", [0, 0, 1, 1])), matrix)
    sx = (rect[2] - rect[0]) / (box[2] - box[0]) if box[2] > box[0] else 1.0
    sy = (rect[3] - rect[1]) / (box[3] - box[1]) if box[3] > box[1] else 1.0
    fit: Matrix = (sx, 0.0, 0.0, sy, rect[0] - box[0] * sx, rect[1] - box[1] * sy)
    return multiply(matrix, fit)
