"""Walk a PDF's page content as a screen reader's software sees it: which painting operators
are outside marked content, and whether marked content nests properly with text objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "BI", "INLINE IMAGE"}


@dataclass
class PageMarks:
    page: int
    unmarked: list[str] = field(default_factory=list)
    """Painting operators neither in tagged content nor in an artifact."""
    misnested: list[str] = field(default_factory=list)
    """Marked content that crosses a text object's boundary, or nests inside other marks."""
    mcids: list[int] = field(default_factory=list)


def page_marks(pdf_path: Path) -> list[PageMarks]:
    found = []
    with pikepdf.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            found.append(_walk(page.obj, number))
    return found


def _walk(stream: Any, number: int) -> PageMarks:
    marks = PageMarks(number)
    stack: list[tuple[str, bool]] = []  # ("mark", tagged or artifact) / ("text", False)
    for operands, operator in pikepdf.parse_content_stream(stream):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tagged = op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]
            artifact = str(operands[0]) == "/Artifact"
            if any(kind == "mark" and meaning for kind, meaning in stack):
                marks.misnested.append(f"{operands[0]} inside other marked content")
            if tagged:
                marks.mcids.append(int(operands[1].MCID))
            stack.append(("mark", tagged or artifact))
        elif op == "EMC":
            if not stack or stack[-1][0] != "mark":
                marks.misnested.append("EMC closes a text object's content or nothing")
            else:
                stack.pop()
        elif op == "BT":
            stack.append(("text", False))
        elif op == "ET":
            if not stack or stack[-1][0] != "text":
                marks.misnested.append("ET inside marked content opened in the text object")
                while stack and stack[-1][0] != "text":
                    stack.pop()
            if stack:
                stack.pop()
        elif op in PAINTING and not any(kind == "mark" and meaning for kind, meaning in stack):
            marks.unmarked.append(op)
    return marks
