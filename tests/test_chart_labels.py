"""Chart labels as a reader sees them in the PDF: axis ticks written exactly, rank labels clear
of their line, donut labels apart and inside their column, every chart's text inside its box."""

from __future__ import annotations

from collections import defaultdict

import pytest
from reportlab.lib.units import mm

from brochure_builder.charts.spec import ChartSpec, Point, Series

from .chartview import Run, chart_pdf, runs, sizes

SPAN = {"line": 16.5, "column": 5.5, "bar": 6.6, "stacked": 6.6}
"""The largest value, in tick steps, that gives each kind's axis that step at full A4 width."""
VALUE_AXIS = {"line": "y", "column": "y", "bar": "x", "stacked": "x"}


def axis_ticks(found: list[Run], axis: str) -> list[tuple[float, float]]:
    """The value axis: the most numbers lined up on one edge (right-aligned beside a vertical
    axis, on one line under a horizontal one), each with its value and the middle of its run."""
    groups: dict[tuple[str, float], list[tuple[float, float]]] = defaultdict(list)
    for run in found:
        try:
            value = float(run.text.replace(",", "").rstrip("%"))
        except ValueError:
            continue
        groups["y", round(run.box.x1, 1)].append((value, run.middle[1]))
        groups["x", round(run.box.top, 1)].append((value, run.middle[0]))
    lined_up = [ticks for (along, _edge), ticks in groups.items() if along == axis]
    return sorted(max(lined_up, key=lambda ticks: len(ticks)))


def assert_exact_and_evenly_spaced(ticks: list[tuple[float, float]], step: float) -> None:
    """Ticks an equal distance apart read an equal difference apart: none was rounded."""
    assert len(ticks) >= 3, ticks
    (first, at_first), (last, at_last) = ticks[0], ticks[-1]
    per_unit = (at_last - at_first) / (last - first)
    for value, at in ticks:
        assert abs(at_first + (value - first) * per_unit - at) < 0.5, f"tick {value:g} is not where it says: {ticks}"
    assert {round(b[0] - a[0], 9) for a, b in zip(ticks, ticks[1:])} == {step}, ticks


def one_series(kind: str, values: list[float]) -> ChartSpec:
    labels = [f"Item {i + 1}" for i in range(len(values))]
    if kind == "bar":
        return ChartSpec(kind, tuple(Point(label, value) for label, value in zip(labels, values)))
    return ChartSpec(kind, categories=tuple(labels), series=(Series("Share", tuple(values)),))


def test_the_trial_line_chart_reads_its_half_steps() -> None:
    chart = ChartSpec("line", categories=tuple(str(year) for year in range(2019, 2025)), value_format="{:.1f}",
                      series=(Series("Ours", (41.2, 38.0, 35.1, 32.3, 30.0, 28.7)),
                              Series("Average", (40, 37.5, 34, 31, 29.5, 28))))
    ticks = axis_ticks(runs(chart_pdf(chart, sizes().a4_full, 55 * mm)), "y")
    assert [value for value, _at in ticks] == [27.5, 30, 32.5, 35, 37.5, 40]
    assert_exact_and_evenly_spaced(ticks, 2.5)


@pytest.mark.parametrize("step", [2.5, 0.25, 0.2, 5, 25, 250, 2500])
@pytest.mark.parametrize("kind", ["line", "column", "bar", "stacked"])
def test_every_value_axis_writes_its_ticks_exactly(kind: str, step: float) -> None:
    top = step * SPAN[kind]
    chart = one_series(kind, [top * (0.68 + 0.064 * i) for i in range(6)])
    found = runs(chart_pdf(chart, sizes().a4_full, 55 * mm))
    assert_exact_and_evenly_spaced(axis_ticks(found, VALUE_AXIS[kind]), step)
