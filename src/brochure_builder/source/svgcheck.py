"""How much an SVG will draw, counted before anything draws it: every element, and for each
``<use>`` the elements it repeats (nested ``<use>`` multiply: nine levels of ten make a
billion); and its ``<style>`` sheets, whose every selector svglib tries on every element.
Raster images inside an SVG are refused: the print file converts every raster image to CMYK,
and an image block does that; a drawing's images would stay RGB."""

from __future__ import annotations

from typing import Any

HREFS = ("{http://www.w3.org/1999/xlink}href", "href")


def check_svg_tree(root: Any, limit: int, work_limit: int) -> int:
    """Raise ``ValueError`` if the tree under ``root`` draws more than ``limit`` elements, or
    more than ``work_limit`` element-levels (svglib looks each attribute up through every
    ancestor: twenty thousand shapes fifty groups deep took a minute); the elements drawn if not."""
    targets = {element.get("id"): element for element in root.iter() if element.get("id")}
    counted: dict[Any, tuple[int, int]] = {}
    open_now: set[Any] = set()

    def count(element: Any) -> tuple[int, int]:
        """Elements drawn for ``element`` and their depths summed, from ``element`` down."""
        if element in counted:
            return counted[element]
        if element in open_now:
            raise ValueError(f"an SVG <use> repeats an element that contains it (line {element.sourceline})")
        _refuse_images(element)
        open_now.add(element)
        below = [count(child) for child in element]
        href = next((element.get(name) for name in HREFS if element.get(name)), "")
        if _name(element) == "use" and href.startswith("#") and href[1:] in targets:
            below.append(count(targets[href[1:]]))
        open_now.discard(element)
        total = 1 + sum(n for n, _work in below)
        work = sum(child_work + n for n, child_work in below)  # each one level deeper
        if total > limit or work > work_limit:
            raise ValueError(f"draws more than {limit} elements, or nests them too deeply for their number "
                             f"(counting what each <use> repeats); simplify the drawing")
        counted[element] = (total, work)
        return total, work

    try:
        return count(root)[0]
    except RecursionError:
        raise ValueError("nests <use> and groups too deeply to draw") from None


def check_svg_styles(root: Any, elements: int, byte_limit: int, work_limit: int) -> None:
    """Raise ``ValueError`` if the ``<style>`` sheets under ``root`` hold more than
    ``byte_limit`` bytes, or more selectors than ``work_limit`` allows on ``elements`` elements
    (counted as svglib reads them, with tinycss2)."""
    sheets = ["".join(element.itertext()) for element in root.iter() if _name(element) == "style"]
    size = sum(len(sheet.encode()) for sheet in sheets)
    if size > byte_limit:
        raise ValueError(f"has {size} bytes of CSS in <style>; an SVG may have at most {byte_limit}: "
                         "export it with presentation attributes, or fewer style rules")
    selectors = sum(_selectors(sheet) for sheet in sheets)
    if selectors * elements > work_limit:
        raise ValueError(f"has {selectors} CSS selectors for {elements} elements; each selector is tried on "
                         f"each element, and an SVG may have at most {work_limit} such pairs: export it with "
                         "presentation attributes, or fewer style rules")


def _selectors(sheet: str) -> int:
    """Selectors in the style rules of ``sheet`` (svglib skips at-rules and their contents)."""
    import tinycss2

    rules = tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True)
    return sum(1 + sum(1 for token in rule.prelude if token.type == "literal" and token.value == ",")
               for rule in rules if rule.type == "qualified-rule")


def _name(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _refuse_images(element: Any) -> None:
    if _name(element) in ("image", "feImage"):
        raise ValueError(f"embeds a raster image (<{_name(element)}> on line {element.sourceline} of the SVG); "
                         "images inside an SVG are not supported: use an image block for a photo")
