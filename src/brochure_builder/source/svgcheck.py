"""How much an SVG will draw, counted before anything draws it: every element, and for each
``<use>`` the elements it repeats (nested ``<use>`` multiply: nine levels of ten make a
billion). Raster images inside an SVG are refused: the print file converts every raster
image to CMYK, and an image block does that; a drawing's images would stay RGB."""

from __future__ import annotations

from typing import Any

HREFS = ("{http://www.w3.org/1999/xlink}href", "href")


def check_svg_tree(root: Any, limit: int) -> None:
    """Raise ``ValueError`` if the tree under ``root`` draws more than ``limit`` elements."""
    targets = {element.get("id"): element for element in root.iter() if element.get("id")}
    counted: dict[Any, int] = {}
    open_now: set[Any] = set()

    def count(element: Any) -> int:
        if element in counted:
            return counted[element]
        if element in open_now:
            raise ValueError(f"an SVG <use> repeats an element that contains it (line {element.sourceline})")
        _refuse_images(element)
        open_now.add(element)
        total = 1 + sum(count(child) for child in element)
        href = next((element.get(name) for name in HREFS if element.get(name)), "")
        if _name(element) == "use" and href.startswith("#") and href[1:] in targets:
            total += count(targets[href[1:]])
        open_now.discard(element)
        if total > limit:
            raise ValueError(f"draws more than {limit} elements (counting what each <use> repeats); "
                             "simplify the drawing")
        counted[element] = total
        return total

    try:
        count(root)
    except RecursionError:
        raise ValueError("nests <use> and groups too deeply to draw") from None


def _name(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _refuse_images(element: Any) -> None:
    if _name(element) in ("image", "feImage"):
        raise ValueError(f"embeds a raster image (<{_name(element)}> on line {element.sourceline} of the SVG); "
                         "images inside an SVG are not supported: use an image block for a photo")
