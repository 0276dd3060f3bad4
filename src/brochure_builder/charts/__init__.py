"""Charts: chart spec + theme -> matplotlib Figure -> SVG -> ReportLab vector Drawing.

Charts know nothing of pages. matplotlib and svglib are imported only when a chart is drawn.
"""

from .kinds import CHART_DRAWERS
from .render import ChartStyle, render_chart

__all__ = ["CHART_DRAWERS", "ChartStyle", "render_chart"]
