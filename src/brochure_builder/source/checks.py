"""Cross-checks of a validated brochure and its brand, each problem with its place: what the
schema of one field cannot see (columns in columns, a page too small for its margins, links
and source notes, numbers YAML 1.1 read in a way nobody means)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import Problem
from .content import Brochure, Columns, Sources
from .limits import MIN_COLUMN_MM, MIN_FRAME_MM
from .markup import allowed_link, cited_notes, link_targets
from .schema import Model
from .textfields import text_fields
from .theme import PAGE_SIZES_MM, Brand, Page
from .yamlsource import DocPath, MarkedDocument

READ_AS_RATIOS = {"aspect"}
"""Fields that take 16:9 back apart themselves (photos.py): base 60 is what they expect."""
SURPRISES = {
    # how YAML 1.1 reads a number written like this -> what to say
    r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?": "a number in base 60 (sexagesimal)",
    r"[-+]?0[0-7_]+": "an octal number (a leading 0)",
    r"[-+]?0x[0-9a-fA-F_]+": "a hexadecimal number",
    r"[-+]?0b[01_]+": "a binary number",
}


def brand_problems(source: MarkedDocument, brand: Brand) -> list[Problem]:
    width, height = frame_mm(brand.page)
    if width >= MIN_FRAME_MM[0] and height >= MIN_FRAME_MM[1]:
        return []
    return [Problem(source.locate(("page", "margins")), (
        f"the margins leave a text frame of {width:g} x {height:g} mm on a {brand.page.size} page; it must be "
        f"at least {MIN_FRAME_MM[0]:g} x {MIN_FRAME_MM[1]:g} mm: make the margins smaller"))]


def frame_mm(page: Page) -> tuple[float, float]:
    width, height = PAGE_SIZES_MM[page.size]
    margins = page.margins
    return width - margins.inner - margins.outer, height - margins.top - margins.bottom


def document_problems(source: MarkedDocument, brochure: Brochure, brand: Brand) -> list[Problem]:
    return [*_columns_problems(source, brochure, brand), *link_problems(source, brochure),
            *yaml_surprises(source)]


def _blocks(brochure: Brochure) -> Iterator[tuple[DocPath, Model]]:
    for i, section in enumerate(brochure.sections):
        for j, block in enumerate(section.blocks):
            yield ("sections", i, "blocks", j), block


def _columns_problems(source: MarkedDocument, brochure: Brochure, brand: Brand) -> Iterator[Problem]:
    frame = frame_mm(brand.page)[0]
    for path, block in _blocks(brochure):
        if not isinstance(block, Columns):
            continue
        column = (frame - (block.count - 1) * brand.page.gutter) / block.count
        if column < MIN_COLUMN_MM:
            yield Problem(source.locate((*path, "count")), (
                f"{block.count} columns with the brand's {brand.page.gutter:g} mm gutter would be {column:.0f} mm "
                f"wide; a column must be at least {MIN_COLUMN_MM:g} mm: use fewer columns"))
        for k, inner in enumerate(block.blocks):  # (a page_break inside is refused by the model)
            if isinstance(inner, Columns):
                yield Problem(source.locate((*path, "blocks", k)), "columns cannot be inside columns: put these "
                              "blocks in the outer columns block, or end it and start another")


def _note_ids(blocks: Sequence[Model]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Sources):
            yield from (note.id for note in block.items)
        elif isinstance(block, Columns):
            yield from _note_ids(block.blocks)


def link_problems(source: MarkedDocument, brochure: Brochure) -> Iterator[Problem]:
    """Links to what is not allowed or not there, and notes cited but not defined (also after a
    mail-merge row fills a placeholder inside a link)."""
    notes = {note for section in brochure.sections for note in _note_ids(section.blocks)}
    known = f"the notes are {', '.join(sorted(notes))}" if notes else "no sources block lists any"
    for path, text in text_fields(source.data):
        if "[" not in text:
            continue
        for note in dict.fromkeys(cited_notes(text)):
            if note not in notes:
                yield Problem(source.locate(path), f"cites the source note [^{note}], which no sources block "
                                                   f"defines ({known})")
        for target in link_targets(text):
            if not allowed_link(target, notes):
                yield Problem(source.locate(path), (
                    f"the link to '{target}' is not allowed: a link goes to an http:, https:, mailto: or tel: "
                    "address, or to #note-ID of a source note"))


def yaml_surprises(source: MarkedDocument) -> Iterator[Problem]:
    """Numbers YAML 1.1 read in a way the writer hardly meant (``1:20`` is 80), where a number
    field took them (a text field takes them as written)."""
    for path, written in source.written.items():
        if path and path[-1] in READ_AS_RATIOS:
            continue
        value = _value_at(source.data, path)
        what = surprise(written)
        if what and isinstance(value, (int, float)) and not isinstance(value, bool):
            yield Problem(source.locate(path), (
                f"YAML 1.1 reads {written} as {value:g}, {what}; write the number you mean, or put "
                f'it in quotes ("{written}") if it is text'))


def surprise(written: str) -> str | None:
    """How YAML 1.1 read a number written like this, if it is not what most people mean."""
    return next((what for pattern, what in SURPRISES.items() if re.fullmatch(pattern, written)), None)


def _value_at(data: Any, path: DocPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
