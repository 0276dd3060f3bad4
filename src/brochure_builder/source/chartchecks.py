"""Checks on a brochure's charts that need more than one block: text from CSV files that the
brand's fonts cannot draw or that is right-to-left (errors), shares that do not add up, series colours the brand's own
list had to change and charts with more series than the brand has distinct colours (warnings)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..errors import Location, Problem
from .chartdata import SINGLE_SERIES, shares_problem
from .content import Brochure, Chart, Columns
from .glyphs import character_problems
from .schema import Model
from .theme import Brand
from .yamlsource import DocPath, MarkedDocument

SERIES_KINDS = ("line", "column", "stacked", "donut")
"""Kinds coloured by the brand's series colours."""


def charts(brochure: Brochure) -> Iterator[tuple[DocPath, Chart]]:
    """Every chart block with its place in the document."""
    def visit(blocks: Sequence[Model], path: DocPath) -> Iterator[tuple[DocPath, Chart]]:
        for index, block in enumerate(blocks):
            if isinstance(block, Chart):
                yield (*path, index), block
            elif isinstance(block, Columns):
                yield from visit(block.blocks, (*path, index, "blocks"))

    for number, section in enumerate(brochure.sections):
        yield from visit(section.blocks, ("sections", number, "blocks"))


def csv_glyph_problems(source: MarkedDocument, brochure: Brochure, brand: Brand) -> list[Problem]:
    """Labels read from ``data_from`` files, checked against the fonts like the YAML's text."""
    problems = []
    for path, chart in charts(brochure):
        table = chart.data_from
        if table is None:
            continue
        texts = [(p.label, line) for p, line in zip(table.points, table.lines)]
        texts += [(p.note, line) for p, line in zip(table.points, table.lines) if p.note]
        texts += [(c, line) for c, line in zip(table.categories, table.lines)]
        texts += [(s.name, table.header_line) for s in table.series]
        for text, line in texts:
            problems += character_problems(source.locate((*path, "data_from")), text, brand.fonts,
                                           f"{table.file.name}:{line}: ")
    return problems


def chart_warnings(source: MarkedDocument, brochure: Brochure, brand: Brand,
                   brand_source: MarkedDocument) -> list[Problem]:
    warnings = []
    coloured = []
    for path, chart in charts(brochure):
        where = source.locate((*path, "data_from" if chart.data_from else "data" if chart.chart in SINGLE_SERIES
                               else "series"))
        warnings += [Problem(where, message) for message in _share_problems(chart)]
        if chart.chart in SERIES_KINDS:
            coloured.append((where, chart))
    if coloured:
        warnings += _series_warnings(brand, brand_source, coloured)
    return warnings


def _series_warnings(brand: Brand, brand_source: MarkedDocument,
                     coloured: list[tuple[Location, Chart]]) -> list[Problem]:
    """The brand's own series colours that had to change, and each chart that needs more
    colours than the brand gives distinctly (where two of its series would share one)."""
    from .series import series_inputs, series_palette

    palette = series_palette(series_inputs(brand))
    warnings = [Problem(brand_source.locate(("charts", "series", index)), message)
                for index, message in palette.notes] if brand.charts.series else []
    distinct = len(palette.colours)
    for where, chart in coloured:
        parts = "slices" if chart.chart == "donut" else "series"
        needed = len(chart.points) if chart.chart == "donut" else len(chart.all_series)
        if needed > distinct:
            warnings.append(Problem(where, f"this {chart.chart} chart has {needed} {parts}, but the brand's "
                                           f"colours give only {distinct} that differ enough for colour-blind "
                                           f"readers and in greyscale: {parts} 1 and {distinct + 1} share a "
                                           "colour"))
    return warnings


def _share_problems(chart: Chart) -> Iterator[str]:
    if chart.chart == "donut":
        problem = shares_problem([p.value for p in chart.points], chart.value_format)
        if problem:
            yield problem
    if chart.chart == "stacked" and chart.stacking == "percent":
        rows = zip(chart.labels, zip(*(s.values for s in chart.all_series)))
        for category, row in rows:
            problem = shares_problem(row, chart.value_format)
            if problem:
                yield f"category '{category}': {problem}"


def series_name_problems(source: MarkedDocument, brand: Brand) -> list[Problem]:
    """Each ``charts.series`` entry names a brand colour or a role."""
    roles = brand.roles.model_dump()
    known = ", ".join([*sorted(brand.colours), *roles])
    return [Problem(source.locate(("charts", "series", index)),
                    f"'{name}' is not a colour of this brand or a role (known: {known})")
            for index, name in enumerate(brand.charts.series or [])
            if name not in brand.colours and name not in roles]

