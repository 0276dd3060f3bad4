"""Charts: chart spec + theme -> matplotlib Figure -> SVG -> ReportLab vector Drawing.

Charts know nothing of pages. matplotlib and svglib are imported only when a chart is drawn.
``kinds`` holds the registry of chart kinds, ``render`` draws and caches, ``ahead`` draws in a
worker process while the pages are laid out. Nothing is imported here, so that starting the
worker costs nothing.
"""
