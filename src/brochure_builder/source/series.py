"""The colours of chart series: brand colours in a fixed order that stays distinguishable for
colour-blind readers and in greyscale.

The order is the brand's ``charts.series`` list, else primary, accent, highlight, muted, ink and
then the brand's other colours (not paper, tint, rule or on_primary) as it lists them. Each
colour in turn joins the series if it differs from every series before it, and from the paper,
by at least ``MIN_DELTA_E`` (CAM02-UCS Delta E) as seen with normal vision, with each of
deuteranopia, protanopia and tritanopia (Machado et al. 2009, full severity, by colorspacious)
and in greyscale. A colour that does not is separated automatically: the first of its tints
(mixed with the paper) or shades (mixed with the ink) that does joins instead, mixed in RGB and
CMYK alike so print stays in the brand's inks; one that has none is left out. Loading warns
when the brand's own ``charts.series`` list had to be changed, and at a chart that has more
series than the brand gives colours that differ enough (its series repeat them).

Choosing needs colorspacious and numpy, which the chart worker has loaded anyway: charts carry
the inputs (``SeriesInputs``) and choose when they are drawn; every candidate tint and shade is
known without them, so print can give each its CMYK value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .theme import Brand  # not at run time: the chart worker imports this, never pydantic

MAX_SERIES = 6
MIN_DELTA_E = 10.0
"""CAM02-UCS Delta E between any two series colours in every view."""
MIN_FROM_PAPER = 15.0
"""CAM02-UCS Delta E between a series colour and the paper in every view."""
MIXES: tuple[tuple[str, float], ...] = (
    ("paper", 1.0), *(("paper", share / 100) for share in range(90, 15, -10)),
    *(("ink", share / 100) for share in range(85, 35, -15)),
)
"""The variants of a colour tried in turn: itself, tints, then shades (the colour's share)."""
DERIVED_ROLES = ("primary", "accent", "highlight", "muted", "ink")
BACKGROUND_ROLES = ("paper", "tint", "rule", "on_primary")
VIEWS = ("normal vision", "deuteranopia", "protanopia", "tritanopia", "greyscale")
CMYK = tuple[float, float, float, float]


@dataclass(frozen=True)
class SeriesColour:
    name: str
    """The brand colour, with its tint or shade if any: ``red``, ``red 80% tint``."""
    rgb: str
    cmyk: CMYK


@dataclass(frozen=True)
class SeriesInputs:
    """What decides a brand's series colours: the colours to try in order, paper and ink."""

    wanted: tuple[tuple[str, str, CMYK], ...]
    """Name, RGB and CMYK of each colour, in the order they are tried."""
    fill: tuple[tuple[str, str, CMYK], ...]
    """The colours that fill up the series when ``wanted`` gives too few (the derived order)."""
    paper: tuple[str, CMYK]
    ink: tuple[str, CMYK]
    listed: bool
    """Whether ``wanted`` is the brand's own ``charts.series`` list."""
    rule: str = f"{MIN_DELTA_E} {MIN_FROM_PAPER} {MIXES} {VIEWS}"
    """How they are chosen (in the charts' cache key, so a new rule draws them again)."""


@dataclass(frozen=True)
class SeriesPalette:
    colours: tuple[SeriesColour, ...]
    """Fewer than ``MAX_SERIES`` when the brand has no more colours that differ enough: a
    chart with more series repeats them (and loading warns at that chart)."""
    notes: tuple[tuple[int, str], ...] = ()
    """What had to change in the brand's ``charts.series``: the index in it and why."""


def series_inputs(brand: Brand) -> SeriesInputs:
    roles = brand.roles.model_dump()

    def entry(name: str) -> tuple[str, str, CMYK]:
        colour = brand.colours[name]
        return name, colour.rgb.upper(), tuple(colour.cmyk)  # type: ignore[return-value]

    derived = [entry(name) for name in _derived_order(brand)]
    listed = brand.charts.series
    wanted = [entry(roles.get(name, name)) for name in listed if roles.get(name, name) in brand.colours] \
        if listed else derived
    paper, ink = entry(roles["paper"]), entry(roles["ink"])
    return SeriesInputs(tuple(wanted), tuple(derived), paper[1:], ink[1:], bool(listed))


def _derived_order(brand: Brand) -> list[str]:
    roles = brand.roles.model_dump()
    background = {roles[role] for role in BACKGROUND_ROLES}
    order = [roles[role] for role in DERIVED_ROLES] + list(brand.colours)
    return [name for name in dict.fromkeys(order) if name not in background]


def variants(inputs: SeriesInputs, colour: tuple[str, str, CMYK]) -> Iterator[SeriesColour]:
    """A colour, then its tints and shades, in the order they are tried."""
    name, rgb, cmyk = colour
    for toward, share in MIXES:
        other_rgb, other_cmyk = inputs.paper if toward == "paper" else inputs.ink
        if share == 1.0:
            yield SeriesColour(name, rgb, cmyk)
        else:
            kind = "tint" if toward == "paper" else "shade"
            yield SeriesColour(f"{name} {share:.0%} {kind}", _mix_rgb(rgb, other_rgb, share),
                               _mix_cmyk(cmyk, other_cmyk, share))


def every_variant(brand: Brand) -> list[SeriesColour]:
    """Every colour a chart series of this brand can have (for giving each its CMYK)."""
    inputs = series_inputs(brand)
    return [v for colour in dict.fromkeys((*inputs.wanted, *inputs.fill)) for v in variants(inputs, colour)]


@lru_cache(maxsize=16)
def series_palette(inputs: SeriesInputs) -> SeriesPalette:
    """Up to ``MAX_SERIES`` colours, each far enough from the others in every view."""
    chosen: list[SeriesColour] = []
    notes: list[tuple[int, str]] = []
    seen = _Views(inputs.paper[0])
    for index, colour in enumerate(inputs.wanted):
        if len(chosen) == MAX_SERIES:
            break
        variant = next((v for v in variants(inputs, colour) if seen.fits(v, chosen)), None)
        if inputs.listed:
            notes += _note(index, colour, variant, chosen, seen)
        if variant is not None:
            chosen.append(variant)
    for fill_all in (False, True):  # first one variant of each colour, then any
        for colour in inputs.fill:
            for variant in variants(inputs, colour):
                if len(chosen) < MAX_SERIES and seen.fits(variant, chosen):
                    chosen.append(variant)
                    if not fill_all:
                        break
    return SeriesPalette(tuple(chosen), tuple(notes))


def _note(index: int, colour: tuple[str, str, CMYK], variant: SeriesColour | None,
          chosen: list[SeriesColour], seen: _Views) -> list[tuple[int, str]]:
    name = colour[0]
    if variant is None:
        return [(index, f"'{name}' cannot be told apart from the series before it in any tint or "
                        "shade: charts leave it out")]
    if variant.name == name:
        return []
    if any(other.rgb == colour[1] for other in chosen):
        return [(index, f"'{name}' is an earlier series already: charts draw it as {variant.name}")]
    view, other, delta = seen.closest(SeriesColour(*colour), chosen)
    return [(index, f"'{name}' is too close to '{other}' in {view} (Delta E {delta:.1f}, under "
                    f"{MIN_DELTA_E:g}): charts draw it as {variant.name}")]


class _Views:
    """Colours as seen in each view, in CAM02-UCS coordinates."""

    def __init__(self, paper: str) -> None:
        self.paper = paper
        self._seen: dict[str, Any] = {}

    def coordinates(self, rgb: str) -> NDArray[Any]:
        if rgb not in self._seen:
            self._seen[rgb] = _in_every_view(rgb)
        found: NDArray[Any] = self._seen[rgb]
        return found

    def distances(self, first: str, second: str) -> NDArray[Any]:
        import numpy as np

        return np.linalg.norm(self.coordinates(first) - self.coordinates(second), axis=1)  # type: ignore[no-any-return]

    def fits(self, variant: SeriesColour, chosen: Sequence[SeriesColour]) -> bool:
        if self.distances(variant.rgb, self.paper).min() < MIN_FROM_PAPER:
            return False
        return all(self.distances(variant.rgb, other.rgb).min() >= MIN_DELTA_E for other in chosen)

    def closest(self, colour: SeriesColour, chosen: Sequence[SeriesColour]) -> tuple[str, str, float]:
        """The view, series and Delta E at which ``colour`` comes closest to the series."""
        found = [(float(d), VIEWS[i], other.name) for other in chosen
                 for i, d in enumerate(self.distances(colour.rgb, other.rgb))]
        found.append(min((float(d), VIEWS[i], "the paper")
                         for i, d in enumerate(self.distances(colour.rgb, self.paper))))
        delta, view, other = min(found)
        return view, other, delta


def _in_every_view(rgb: str) -> NDArray[Any]:
    """CAM02-UCS J'a'b' of an sRGB colour in each of ``VIEWS`` (rows)."""
    import numpy as np
    from colorspacious import cspace_convert

    colour = np.array([int(rgb[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    seen = [colour]
    for deficiency in ("deuteranomaly", "protanomaly", "tritanomaly"):
        space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        seen.append(np.clip(cspace_convert(colour, space, "sRGB1"), 0, 1))
    luminance = cspace_convert(colour, "sRGB1", "XYZ1")[1]
    grey = cspace_convert(np.array([0.9505, 1.0, 1.089]) * luminance, "XYZ1", "sRGB1")
    seen.append(np.clip(grey, 0, 1))
    return cspace_convert(np.array(seen), "sRGB1", "CAM02-UCS")  # type: ignore[no-any-return]


def _mix_rgb(first: str, second: str, share: float) -> str:
    channels = (round(int(first[i:i + 2], 16) * share + int(second[i:i + 2], 16) * (1 - share)) for i in (1, 3, 5))
    return "#" + "".join(f"{c:02X}" for c in channels)


def _mix_cmyk(first: CMYK, second: CMYK, share: float) -> CMYK:
    c, m, y, k = (round(a * share + b * (1 - share), 1) for a, b in zip(first, second))
    return c, m, y, k
