"""Chart series colours stay apart for colour-blind readers and in greyscale, checked the way
such a reader would see them: colour-vision simulation (colorspacious, Machado 2009 at full
severity) and CAM02-UCS Delta E between every pair, for the bundled brand and another."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from brochure_builder.source.loading import load
from brochure_builder.source.series import MAX_SERIES, MIN_DELTA_E, series_inputs, series_palette
from brochure_builder.source.theme import Brand

from .conftest import MINIMAL

HARBOUR = {  # a second brand: navy, orange and teal, a grey and a near-black
    'yellow: { rgb: "#FDB913", cmyk: [0, 28, 100, 0] }': 'orange: { rgb: "#E0701B", cmyk: [0, 62, 95, 5] }',
    'green:  { rgb: "#006A44", cmyk: [100, 0, 78, 45] }': 'navy:   { rgb: "#1B3A5C", cmyk: [95, 70, 30, 40] }',
    'red:    { rgb: "#C1272D", cmyk: [0, 92, 82, 20] }': 'teal:   { rgb: "#14857A", cmyk: [85, 20, 55, 5] }',
    'ink:    { rgb: "#1D2528", cmyk: [0, 0, 0, 100] }': 'ink:    { rgb: "#1A1A1A", cmyk: [0, 0, 0, 95] }',
    'slate:  { rgb: "#56636A", cmyk: [0, 0, 0, 72] }': 'slate:  { rgb: "#5F6B73", cmyk: [20, 5, 0, 65] }',
    "primary: green": "primary: navy", "accent: yellow": "accent: orange", "highlight: red": "highlight: teal",
}
VIEWS = ("normal", "deuteranopia", "protanopia", "tritanopia", "greyscale")


def seen(colours: list[str], view: str) -> np.ndarray:  # type: ignore[type-arg]
    """The colours (sRGB, 0 to 1) as a reader with this view sees them."""
    rgb = np.array([[int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)] for c in colours])
    if view == "normal":
        return rgb
    if view == "greyscale":  # the grey of the same luminance, as a greyscale print gives
        luminance = cspace_convert(rgb, "sRGB1", "XYZ1")[:, 1:2]
        return np.clip(cspace_convert(luminance * np.array([0.9505, 1.0, 1.089]), "XYZ1", "sRGB1"), 0, 1)
    deficiency = {"deuteranopia": "deuteranomaly", "protanopia": "protanomaly", "tritanopia": "tritanomaly"}[view]
    return np.clip(cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}, "sRGB1"), 0, 1)


def smallest_differences(colours: list[str]) -> dict[str, float]:
    """The smallest CAM02-UCS Delta E between two of ``colours`` in each view."""
    found = {}
    for view in VIEWS:
        points = seen(colours, view)
        found[view] = min(float(deltaE(a, b, input_space="sRGB1")) for a, b in itertools.combinations(points, 2))
    return found


def brand_of(project: Path, changes: dict[str, str], extra: str = "") -> tuple[Path, Brand]:
    path = project / "brochure" / "brand.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text + extra, encoding="utf-8")
    brochure = project / "brochure" / "series.yaml"
    brochure.write_text(MINIMAL.lstrip("\n"), encoding="utf-8")
    return brochure, load(brochure).brand


@pytest.mark.parametrize("changes", [{}, HARBOUR], ids=["lithuania", "harbour"])
def test_series_colours_stay_apart_in_every_view(project: Path, changes: dict[str, str]) -> None:
    _source, brand = brand_of(project, changes)
    palette = series_palette(series_inputs(brand))
    colours = [c.rgb for c in palette.colours]
    assert len(colours) == MAX_SERIES and palette.notes == ()
    differences = smallest_differences(colours)
    figures = ", ".join(f"{view} {value:.1f}" for view, value in differences.items())
    assert min(differences.values()) >= MIN_DELTA_E, f"{[c.name for c in palette.colours]}: {figures}"


def test_the_brand_colours_alone_would_collapse(project: Path) -> None:
    """What the separation is for: Lithuania's green and red are nearly one colour to a
    protanope and in greyscale."""
    _source, brand = brand_of(project, {})
    green, red = brand.colours["green"].rgb, brand.colours["red"].rgb
    assert smallest_differences([green, red])["protanopia"] < MIN_DELTA_E
    assert smallest_differences([green, red])["greyscale"] < MIN_DELTA_E


def test_a_brand_list_that_collapses_is_separated_with_a_warning(project: Path,
                                                                   write_brochure: Callable[..., Path]) -> None:
    brand_of(project, {}, extra="charts:\n  series: [green, red, primary]\n")
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n", """\
      - kind: chart
        chart: line
        title: T
        alt: A
        source: S
        categories: [a, b]
        series: [{ name: One, values: [1, 2] }, { name: Two, values: [2, 1] }]
"""))
    document = load(source)
    palette = series_palette(series_inputs(document.brand))
    assert [c.name for c in palette.colours][:2] == ["green", "red 70% tint"]
    assert min(smallest_differences([c.rgb for c in palette.colours]).values()) >= MIN_DELTA_E
    warnings = [str(w) for w in document.warnings]
    assert warnings[0].startswith(f"{project / 'brochure' / 'brand.yaml'}:")
    assert warnings[0].endswith("charts.series[1]: 'red' is too close to 'green' in greyscale (Delta E 3.7, "
                                "under 10): charts draw it as red 70% tint")
    assert "charts.series[2]: 'green' is an earlier series already: charts draw it as green 50% tint" in warnings[1]


def test_a_series_colour_must_be_a_brand_colour(project: Path) -> None:
    from brochure_builder.errors import ContentError

    with pytest.raises(ContentError, match=r"charts\.series\[1\]: 'purple' is not a colour of this brand"):
        brand_of(project, {}, extra="charts:\n  series: [green, purple]\n")


TWO_CHARTS = """\
      - kind: chart
        chart: line
        title: Three lines
        alt: A
        source: S
        categories: [a, b]
        series: [{ name: One, values: [1, 2] }, { name: Two, values: [2, 1] }, { name: Three, values: [1, 1] }]
      - kind: columns
        blocks:
          - kind: chart
            chart: donut
            title: Four slices
            alt: A
            source: S
            value_format: "{:g}%"
            data: [{ label: a, value: 40 }, { label: b, value: 30 }, { label: c, value: 20 }, { label: d, value: 10 }]
"""
SIX_SERIES = """\
      - kind: chart
        chart: column
        title: Six series
        alt: A
        source: S
        categories: [a]
        series: [{ name: S1, values: [1] }, { name: S2, values: [2] }, { name: S3, values: [3] },
                 { name: S4, values: [4] }, { name: S5, values: [5] }, { name: S6, values: [6] }]
"""


def test_a_brand_short_of_colours_warns_only_at_a_chart_that_needs_more(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The new project's brand lists three colours and gives five that differ enough: charts
    of three and four series are no one's problem; a chart of six is named where it is."""
    from brochure_builder.cli import main
    from brochure_builder.errors import ExitStatus
    from brochure_builder.scaffold import scaffold

    scaffold(tmp_path)
    brand = tmp_path / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "charts:\n  series: [navy, teal, amber]\n", encoding="utf-8")
    source = tmp_path / "few.yaml"
    minimal = MINIMAL.lstrip("\n").replace("      - kind: paragraph\n        text: Hello **world** & <friends>.\n",
                                           TWO_CHARTS)
    source.write_text(minimal, encoding="utf-8")
    document = load(source)
    assert len(series_palette(series_inputs(document.brand)).colours) == 5
    assert document.warnings == ()
    assert main(["build", str(source), "-o", str(tmp_path / "few.pdf"), "--strict", "--profile", "screen"]) == 0
    source.write_text(minimal.replace(TWO_CHARTS, TWO_CHARTS + SIX_SERIES), encoding="utf-8")
    warnings = [str(w) for w in load(source).warnings]
    assert len(warnings) == 1 and warnings[0].startswith(f"{source}:32:17:"), warnings
    assert warnings[0].endswith("sections[0].blocks[2].series: this column chart has 6 series, but the brand's "
                                "colours give only 5 that differ enough for colour-blind readers and in "
                                "greyscale: series 1 and 6 share a colour")
    assert main(["build", str(source), "-o", str(tmp_path / "six.pdf"), "--strict"]) == ExitStatus.CONTENT_ERROR
    assert "(an error with --strict)" in capsys.readouterr().err
