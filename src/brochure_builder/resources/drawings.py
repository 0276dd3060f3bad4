"""Make a drawing from svglib plain and small before it is cached.

- svglib's own path classes become ReportLab's ``Path``, so a cached drawing unpickles
  without importing svglib (and lxml, cssselect2, tinycss2) on a warm build;
- groups that change nothing (no transform, no clipping, no state) are dissolved into their
  parent: a matplotlib chart arrives as about 90 groups around 30 shapes;
- a run of circles painted alike becomes one path: ReportLab's renderer costs some 30 µs
  per node, and a dot map of 137 circles took 6 ms to draw on every build.

What is drawn does not change: the same shapes, in the same order, with the same paint.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.renderbase import getStateDelta
from reportlab.graphics.shapes import Circle, Drawing, Group, Path
from reportlab.pdfgen.canvas import FILL_NON_ZERO

IDENTITY = (1, 0, 0, 1, 0, 0)
KAPPA = 0.5522847498  # a quarter circle as a cubic Bézier: control points at r * KAPPA
_SVGLIB_PATHS = {"NoStrokePath": {"strokeWidth": 0, "strokeColor": None},
                 "ClippingPath": {"fillColor": None, "strokeColor": None, "isClipPath": 1}}


def simplify(drawing: Drawing) -> Drawing:
    drawing.contents = _simplified(drawing.contents)
    return drawing


def _simplified(nodes: list[Any]) -> list[Any]:
    out: list[Any] = []
    for node in map(_plain, nodes):
        if isinstance(node, Group):
            node.contents = _simplified(node.contents)
            if _changes_nothing(node):
                out += node.contents
                continue
        out.append(node)
    return _merge_circles(out)


def _plain(node: Any) -> Any:
    """svglib's path subclasses as ReportLab Paths, with the paint their class implied."""
    forced = _SVGLIB_PATHS.get(type(node).__name__)
    if forced is None or not isinstance(node, Path) or not type(node).__module__.startswith("svglib"):
        return node
    path = Path.__new__(Path)
    path.__dict__.update(node.__dict__)
    for name, value in forced.items():
        setattr(path, name, value)
    return path


def _changes_nothing(group: Group) -> bool:
    if type(group) is not Group or tuple(group.transform) != IDENTITY:
        return False
    if any(getattr(child, "isClipPath", 0) for child in group.contents):
        return False  # a clip lasts until the group ends
    return set(getStateDelta(group)) <= {"transform"}


def _merge_circles(nodes: list[Any]) -> list[Any]:
    out: list[Any] = []
    run: list[Circle] = []
    for node in [*nodes, None]:
        if run and (node is None or not _mergeable(node) or _paint(node) != _paint(run[0])):
            out.append(_as_one_path(run) if len(run) > 1 else run[0])
            run = []
        if node is not None and _mergeable(node):
            run.append(node)
        elif node is not None:
            out.append(node)
    return out


def _mergeable(node: Any) -> bool:
    """A filled circle with no stroke and no transparency: its union is the same picture."""
    if type(node) is not Circle or node.fillColor is None:
        return False
    stroked = node.strokeColor is not None and (node.strokeWidth or 0) > 0
    return not stroked and getattr(node, "fillOpacity", None) in (None, 1)


def _paint(circle: Circle) -> dict[str, Any]:
    return {k: v for k, v in circle.getProperties().items() if k not in ("cx", "cy", "r")}


def _as_one_path(circles: list[Circle]) -> Path:
    paint = {k: v for k, v in _paint(circles[0]).items() if k in Path._attrMap}
    path = Path(**paint)
    path.fillMode = FILL_NON_ZERO  # every circle turns the same way: the union is filled
    for circle in circles:
        _add_circle(path, circle.cx, circle.cy, circle.r)
    return path


def _add_circle(path: Path, x: float, y: float, r: float) -> None:
    k = r * KAPPA
    path.moveTo(x + r, y)
    path.curveTo(x + r, y + k, x + k, y + r, x, y + r)
    path.curveTo(x - k, y + r, x - r, y + k, x - r, y)
    path.curveTo(x - r, y - k, x - k, y - r, x, y - r)
    path.curveTo(x + k, y - r, x + r, y - k, x + r, y)
    path.closePath()
