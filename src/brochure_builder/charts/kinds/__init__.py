"""The chart kinds, in a registry: each draws one chart spec onto a matplotlib Axes.

A drawer may return a function to call once the figure is laid out (to place what depends on
the final size, such as labels nudged apart). matplotlib is imported only inside the drawers:
the layout imports this registry whether or not a chart needs drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..spec import ChartSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..render import ChartStyle

Finish = Callable[[], None]
Drawer = Callable[["Axes", ChartSpec, "ChartStyle"], "Finish | None"]
CHART_DRAWERS: dict[str, Drawer] = {}


def chart_kind(name: str) -> Callable[[Drawer], Drawer]:
    def register(drawer: Drawer) -> Drawer:
        CHART_DRAWERS[name] = drawer
        return drawer

    return register


from . import bar, column, donut, line, rank, stacked  # noqa: E402, F401  (each registers itself)
