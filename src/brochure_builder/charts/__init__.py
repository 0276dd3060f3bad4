"""Charts: chart spec + theme -> matplotlib Figure -> SVG -> ReportLab vector Drawing.

Charts know nothing of pages. matplotlib and svglib are imported only when a chart is drawn.
"""

from .render import ChartStyle, render_chart
from .kinds import CHART_DRAWERS

__all__ = ["CHART_DRAWERS", "ChartStyle", "render_chart"]
