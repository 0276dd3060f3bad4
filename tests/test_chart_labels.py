"""Chart labels as a reader sees them in the PDF: axis ticks written exactly, rank labels clear
of their line, donut labels apart and inside their column, every chart's text inside its box."""

from __future__ import annotations

import io
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm

from brochure_builder.charts.spec import ChartSpec, Point, Series

from .chartview import Run, chart_pdf, runs, sizes
from .conftest import BUNDLED, MINIMAL, ROOT
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


def thick_lines(pdf: bytes, width: float) -> list[list[tuple[float, float]]]:
    """The points of each stroked path of this line width (pdfplumber's coordinates)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [[(float(x), float(y)) for x, y in curve["pts"]] for curve in document.pages[0].curves
                if curve["stroke"] and abs((curve.get("linewidth") or 0) - width) < 0.01]


def crosses(box: Box, points: list[tuple[float, float]]) -> bool:
    """Whether the polyline through ``points`` passes through ``box`` (checked every 0.25 pt)."""
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        steps = max(1, int(math.hypot(x1 - x0, y1 - y0) * 4))
        for i in range(steps + 1):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
            if box.x0 < x < box.x1 and box.top < y < box.bottom:
                return True
    return False


ORDINAL = re.compile(r"(\d+)(st|nd|rd|th)")


@pytest.mark.parametrize("height", [55, 70])
def test_rank_labels_stand_clear_of_the_line_and_the_axis_reaches_the_worst_rank(height: float) -> None:
    """The trial's 17th, 11th, 6th: no label under the slope, a tick at or past 17th."""
    chart = ChartSpec("rank", tuple(Point(str(year), rank) for year, rank in zip((2022, 2023, 2024), (17, 11, 6))),
                      axis_label="Rank (1st is best)")
    pdf = chart_pdf(chart, sizes().a4_full, height * mm)
    found = runs(pdf)
    labels = {run.text: run.box for run in found if run.size > 12}
    assert set(labels) == {"17th", "11th", "6th"}
    [line] = thick_lines(pdf, 4.0)
    assert len(line) == 3
    for text, box in labels.items():
        assert not crosses(Box(box.x0 - 1, box.top - 1, box.x1 + 1, box.bottom + 1), line), f"the line runs through {text}"
    ticks = [int(match[1]) for run in found if run.size < 12 and (match := ORDINAL.fullmatch(run.text))]
    assert 1 in ticks and max(ticks) >= 17 and len(ticks) >= 3, ticks


WATER = (("Nevėžis river intake", 52), ("Groundwater wells", 33), ("Bought from neighbours", 11), ("Rainwater", 4))


def test_a_donut_in_a_column_is_large_its_labels_whole_apart_and_inside() -> None:
    """The trial's donut: a column of two on A4, 60 mm high, long labels, 4% beside 11%."""
    from brochure_builder.layout.columns import column_width

    width, height = column_width(sizes().a4_full, 2, 8 * mm), 60 * mm
    chart = ChartSpec("donut", tuple(Point(label, value) for label, value in WATER), value_format="{:g}%")
    pdf = chart_pdf(chart, width, height)
    found = runs(pdf)
    inside = Box(0, 0, width, height)
    assert [run.text for run in found if not inside.contains(run.box, tolerance=0)] == []
    assert overlapping(found) == []
    text = " ".join(run.text for run in found)
    for label, value in WATER:
        assert all(word in text for word in label.split()) and f"{value}%" in text, label
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        slices = [c for c in document.pages[0].curves if c["fill"] and c["x1"] - c["x0"] > 10]
    ring = max(s["bottom"] for s in slices) - min(s["top"] for s in slices)
    assert ring >= 0.6 * min(width, height), f"a ring {ring / mm:.0f} mm across in a {height / mm:.0f} mm box"


def test_a_donut_in_a_column_of_a_brochure_keeps_its_text_in_its_column(write_brochure: Callable[..., Path],
                                                                          tmp_path: Path) -> None:
    from brochure_builder.builder import build

    data = "\n".join(f"              - {{ label: {label}, value: {value} }}" for label, value in WATER)
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n", f"""\
      - kind: columns
        count: 2
        blocks:
          - kind: chart
            chart: donut
            title: Where the water comes from
            alt: A donut chart of four sources of water.
            source: "Source: the water company"
            height: 60
            value_format: "{{:g}}%"
            data:
{data}
          - kind: column_break
          - kind: paragraph
            text: Text in the second column.
"""))
    pdf = build(source, tmp_path / "donut.pdf").path
    with pdfplumber.open(pdf) as document:
        page = next(p for p in document.pages if "Where the water" in (p.extract_text() or ""))
        words = page.extract_words()
    title = next(w for w in words if w["text"] == "Where")
    second = next(w for w in words if w["text"] == "Text")
    right = second["x0"] - 8 * mm  # the gutter
    chart = [w for w in words if title["bottom"] < w["top"] and not w["text"].startswith("Source")
             and w["x0"] < second["x0"] - 1]
    assert {"52%", "33%", "11%", "4%"} <= {w["text"] for w in chart}
    assert [w["text"] for w in chart if w["x0"] < title["x0"] - 0.5 or w["x1"] > right + 0.5] == []


INCOME = (("Institutional grants", 80.2), ("Private donations", 16.4), ("Membership fees", 3.4))


BRANDS: dict[str, str | None] = {"lato": None, **{name: f"tests/brochures/{name}/{name}.yaml" for name in ("museum", "university", "energy")}}


@pytest.mark.parametrize("height", [40, 45, 50, 55, 60, 70])
@pytest.mark.parametrize("brand", sorted(BRANDS))
def test_a_donut_draws_every_label(brand: str, height: float) -> None:
    """A donut's labels are its data: none is left out (two small slices' labels beside each
    other, set exactly a clearance apart, were taken for too near and one was hidden), in
    faces of any line height."""
    written = BRANDS[brand]
    brochure = ROOT / written if written else BUNDLED
    chart = ChartSpec("donut", tuple(Point(label, value) for label, value in INCOME), value_format="{:.1f}%")
    text = " ".join(run.text for run in runs(chart_pdf(chart, sizes().a4_full, height * mm, brochure)))
    for label, value in INCOME:
        assert f"{value:.1f}%" in text and label.split()[0] in text, (label, text)


def test_a_stacked_charts_values_share_one_size() -> None:
    """White values out of dark parts must be at least 9 pt for the press; dark values on light
    parts were set at 7.5 pt beside them, and read as another kind of number."""
    chart = ChartSpec("stacked", categories=("Training", "Grants"), stacking="percent",
                      series=(Series("Good", (55, 57)), Series("Fair", (33, 31)), Series("Poor", (12, 12))))
    found = [run for run in runs(chart_pdf(chart, sizes().a4_full, 60 * mm))
             if run.text in {"55", "57", "33", "31", "12"}]
    assert len(found) >= 4 and len({round(run.size, 1) for run in found}) == 1, [(r.text, r.size) for r in found]
