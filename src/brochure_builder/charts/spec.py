"""What a chart kind draws: the data and the choices that change the picture, nothing else.

Plain frozen dataclasses, so the chart worker receives them without importing pydantic and the
content models (0.1 s), and so the cache key holds only what changes the drawing: a new title
or alt text, drawn by the page around the chart, does not redraw it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    note: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    kind: str
    points: tuple[Point, ...]
    highlight: str | None = None
    value_format: str = "{:g}"
