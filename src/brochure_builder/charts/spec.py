"""What a chart kind draws: the data and the choices that change the picture, nothing else.

Plain frozen dataclasses, so the chart worker receives them without importing pydantic and the
content models (0.1 s), and so the cache key holds only what changes the drawing: a new title
or alt text, drawn by the page around the chart, does not redraw it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    note: str | None = None


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ChartSpec:
    """One chart: ``points`` for the single-series kinds (rank, bar, donut), ``categories``
    and ``series`` for the others (line, column, stacked)."""

    kind: str
    points: tuple[Point, ...] = ()
    highlight: str | None = None
    value_format: str = "{:g}"
    categories: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    stacking: str = "absolute"
    axis_label: str | None = None
    language: str = "en"
    """The document's language: numbers and ordinals are written in it."""

    def plain(self) -> dict[str, Any]:
        """Everything that decides the drawing, as plain data (for the cache key)."""
        return {**vars(self), "points": [vars(p) for p in self.points],
                "series": [vars(s) for s in self.series]}
