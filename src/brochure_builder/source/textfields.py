"""The text of a document: every string a reader will see, with its path in the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .yamlsource import DocPath

NOT_TEXT = {"kind", "path", "icon", "brand", "chart", "id", "style", "place", "colour", "language",
            "value_format", "level", "count", "width", "height", "unless_space", "new_page", "data_from",
            "stacking", "roles", "align", "format", "rows_from", "csv_column", "csv_header", "header", "zebra",
            "include", "fit", "aspect"}
"""Keys whose values are settings, names or file paths, not text for the page."""


def text_fields(node: Any, path: DocPath = ()) -> Iterator[tuple[DocPath, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_TEXT:
                yield from text_fields(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from text_fields(value, (*path, index))
