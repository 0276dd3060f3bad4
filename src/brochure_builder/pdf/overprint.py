"""Black overprint for the press: 100% K text and thin 100% K rules print on top of whatever
is under them (fill or stroke overprint on, overprint mode 1), so that a plate that shifts
shows no white gap around them. Large type and rich blacks knock out as everything else does.

The content streams are rewritten after layout: before each painting operator the overprint
state it needs is set with an ExtGState, if it is not already in force.
"""

from __future__ import annotations

from typing import Any

from .content import Machine, Paint, instructions

LARGE_TYPE_PT = 24.0
"""100% K type this size and larger knocks out (it would show what is printed under it)."""
THIN_RULE_PT = 2.0
"""100% K strokes up to this width, and fills no thicker, overprint."""
STATES = {(False, False): "/BBOverprintOff", (True, False): "/BBOverprintFill",
          (False, True): "/BBOverprintStroke", (True, True): "/BBOverprintBoth"}


def is_solid_black(colour: Any) -> bool:
    """100% K and nothing else, in DeviceCMYK (a rich black is not)."""
    if colour.space.family != "cmyk" or not colour.space.device_cmyk or len(colour.values) != 4:
        return False
    c, m, y, k = colour.values
    return bool(max(c, m, y) < 0.0005 and k > 0.9995)


def wanted(paint: Paint) -> tuple[bool, bool]:
    """(fill overprint, stroke overprint) for ``paint``."""
    s = paint.state
    if paint.kind == "text":
        small = paint.text_size < LARGE_TYPE_PT
        return (small and paint.fills and is_solid_black(s.fill),
                small and paint.strokes and is_solid_black(s.stroke))
    if paint.kind in ("fill", "stroke", "fill+stroke"):
        box = paint.box
        thin = box is not None and min(box[2] - box[0], box[3] - box[1]) <= THIN_RULE_PT
        return (paint.fills and thin and is_solid_black(s.fill),
                paint.strokes and paint.line_width <= THIN_RULE_PT and is_solid_black(s.stroke))
    return (False, False)


def overprint_black(pdf: Any) -> None:
    """Rewrite every page (and each form XObject, once) of ``pdf`` for black overprint."""

    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = _child(page.obj, "/Resources")
        page.obj.Contents = pdf.make_stream(_rewrite(pdf, page, resources, done))


def _rewrite(pdf: Any, stream: Any, resources: Any, done: set[tuple[int, int]]) -> bytes:
    import pikepdf

    machine = Machine(resources)
    out: list[Any] = []
    for instruction in instructions(stream):
        op = str(instruction.operator)
        paint = machine.step(list(instruction.operands), op)
        if paint is not None:
            target = (False, False) if paint.kind == "form" else wanted(paint)
            state = machine.state
            if target != (state.fill_overprint, state.stroke_overprint) or (any(target) and state.overprint_mode != 1):
                out.append(pikepdf.ContentStreamInstruction([_state(pdf, resources, target)], pikepdf.Operator("gs")))
                state.fill_overprint, state.stroke_overprint = target
                state.overprint_mode = 1
            if paint.kind == "form" and paint.obj.objgen not in done:
                done.add(paint.obj.objgen)
                form_resources = _child(paint.obj, "/Resources")
                paint.obj.write(_rewrite(pdf, paint.obj, form_resources, done))
        out.append(instruction)
    return pikepdf.unparse_content_stream(out)


def _state(pdf: Any, resources: Any, target: tuple[bool, bool]) -> Any:
    import pikepdf

    name = pikepdf.Name(STATES[target])
    states = _child(resources, "/ExtGState")
    if name not in states:
        fill, stroke = target
        states[name] = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.ExtGState, op=fill, OP=stroke, OPM=1))
    return name


def _child(dictionary: Any, key: str) -> Any:
    """``dictionary[key]``, made an empty dictionary first if it is missing."""
    import pikepdf

    if key not in dictionary:
        dictionary[key] = pikepdf.Dictionary()
    return dictionary[key]
