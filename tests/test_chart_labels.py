"""Chart labels as a reader sees them in the PDF: axis ticks written exactly, rank labels clear
of their line, donut labels apart and inside their column, every chart's text inside its box."""

from __future__ import annotations

import itertools
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm

from brochure_builder.charts.spec import ChartSpec, Point, Series

from .chartview import Run, chart_pdf, runs, sizes
from .pdfview import Box

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


HAIR = 0.5
"""Points two labels may overlap by (a descender over the next line's cap height, no more)."""
MIN_TEXT = 7.0
"""The smallest type a chart may shrink its labels to."""
LETTERS = st.characters(codec="latin-1", categories=("L", "N")) | st.sampled_from(" ąčęėįšųūž€%-()/.,")
WORDS = st.text(LETTERS, min_size=1, max_size=60).map(str.strip).filter(bool)


@st.composite
def values(draw: st.DrawFn, kind: str, count: int) -> tuple[float, ...]:
    """Values a kind accepts, at one random scale (1e-9 to 1e15) or mixed."""
    if kind == "rank":
        return tuple(float(v) for v in draw(st.lists(st.integers(1, 1000), min_size=count, max_size=count)))
    scale = 10.0 ** draw(st.integers(-9, 15))
    low = 0.0 if kind in ("bar", "stacked") else -1.0 if kind in ("line", "column") else 0.01
    mantissas = st.floats(low, 1.0) if kind != "donut" else st.floats(0.01, 1.0)
    return tuple(m * scale for m in draw(st.lists(mantissas, min_size=count, max_size=count)))


@st.composite
def charts(draw: st.DrawFn) -> ChartSpec:
    kind = draw(st.sampled_from(["rank", "bar", "line", "column", "stacked", "donut"]))
    value_format = draw(st.sampled_from(["{:g}", "{:.1f}", "{:,.0f}", "{:.0%}", "{:g}%", "{:.2f} km"]))
    axis_label = draw(st.none() | WORDS)
    language = draw(st.sampled_from(["en", "lt"]))
    if kind in ("rank", "bar", "donut"):
        count = draw(st.integers(1, {"rank": 24, "bar": 24, "donut": 6}[kind]))
        labels = draw(st.lists(WORDS, min_size=count, max_size=count))
        notes = draw(st.lists(st.none() | WORDS, min_size=count, max_size=count))
        points = tuple(Point(label, value, note if kind == "rank" else None)
                       for label, value, note in zip(labels, draw(values(kind, count)), notes))
        highlight = draw(st.none() | st.sampled_from(labels))
        return ChartSpec(kind, points, highlight, value_format, axis_label=axis_label, language=language)
    count = draw(st.integers(1, {"line": 60, "column": 24, "stacked": 24}[kind]))
    categories = draw(st.lists(WORDS, min_size=count, max_size=count))
    names = draw(st.lists(WORDS, min_size=1, max_size=6))
    series = tuple(Series(name, draw(values(kind, count))) for name in names)
    highlight = draw(st.none() | st.sampled_from(names if kind == "line" else categories))
    return ChartSpec(kind, (), highlight, value_format, tuple(categories), series,
                     draw(st.sampled_from(["absolute", "percent"])) if kind == "stacked" else "absolute",
                     axis_label, language)


def overlapping(found: list[Run]) -> list[tuple[str, str]]:
    return [(a.text, b.text) for a, b in itertools.combinations(found, 2)
            if min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0) > HAIR
            and min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top) > HAIR]


def assert_readable(chart: ChartSpec, width: float, height: float) -> None:
    """All text inside the drawing, no label over another, none under the smallest type."""
    found = runs(chart_pdf(chart, width, height))
    box = Box(0, 0, width, height)
    assert [run.text for run in found if not box.contains(run.box)] == [], f"outside the {width:.0f} pt box"
    assert overlapping(found) == []
    assert [run.text for run in found if run.size < MIN_TEXT - 0.01] == []


@pytest.mark.slow
@settings(max_examples=30, deadline=None, derandomize=True)
@given(chart=charts(), where=st.sampled_from(["a4_full", "a5_third"]), height=st.sampled_from([25, 55, 90]))
def test_any_chart_keeps_its_text_inside_its_box_and_apart(chart: ChartSpec, where: str, height: float) -> None:
    assert_readable(chart, getattr(sizes(), where), height * mm)
