"""Numbers and ordinals in the document's language.

``value_format`` is the author's choice of precision, percent and literal text (a Python format
string such as ``"{:.1f} km"``); the number is formatted by Python, then its decimal point,
thousands separator and minus sign become the language's (CLDR, through Babel): 0.908 is
"0.908" in English and "0,908" in Lithuanian, 12,500 is "12,500" and "12 500". A symbol the
brand's font cannot draw falls back to a plain one (a narrow no-break space to a no-break space,
then a space; a minus sign to a hyphen). The percent sign and any literal text stay as written.

Ordinals: English "1st, 2nd, 3rd, 4th"; Lithuanian "1-oji" (the feminine form that agrees with
*vieta*, place); any other language "1." (as German, Danish or Czech write them).
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

FALLBACKS = {"\u202f": "\u00a0\u0020", "\u00a0": "\u0020", "\u2212": "-", "\u2019": "'"}
"""Stand-ins for a symbol the font lacks, in order of preference."""


@dataclass(frozen=True)
class Symbols:
    decimal: str = "."
    group: str = ","
    minus: str = "-"

    def localise(self, number: str) -> str:
        """A number written by Python (``-1,234.5``) in these symbols."""
        return number.translate({ord("."): self.decimal, ord(","): self.group, ord("-"): self.minus})


def primary_language(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=32)
def symbols(language: str, drawable: frozenset[int] = frozenset()) -> Symbols:
    """The language's number symbols, each one the font can draw (``drawable``, if given)."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    found = (get_decimal_symbol(locale), get_group_symbol(locale), get_minus_sign_symbol(locale))
    decimal, group, minus = (_drawable(symbol, drawable) for symbol in found)
    return Symbols(decimal, group, minus)


def _drawable(symbol: str, drawable: Collection[int]) -> str:
    if not drawable or all(ord(c) in drawable for c in symbol):
        return symbol
    for stand_in in FALLBACKS.get(symbol, ""):
        if ord(stand_in) in drawable or stand_in == " ":
            return stand_in
    return symbol


def format_value(value_format: str, value: float, symbols: Symbols) -> str:
    """``value`` in the author's format, its number in the language's symbols."""
    parts = []
    for literal, field, spec, _conversion in string.Formatter().parse(value_format):
        parts.append(literal)
        if field is not None:
            parts.append(symbols.localise(format(value, spec or "")))
    return "".join(parts)


MAX_TICK_DECIMALS = 6
MAX_PLAIN_TICK = 1e15
"""Ticks finer than 6 decimals or beyond 10^15 are written in scientific form (4e-05, 2e+16):
in plain digits a tick label of a tiny or huge scale was hundreds of characters long."""
MAX_TICK_DIGITS = 15
"""Significant digits a tick can need (a float carries 15 to 17)."""
TICK_TOLERANCE = 1e-6
"""A tick is written exactly when its text is off by less than this share of the tick step
(the float error of a step times a count, never a rounding a reader would see)."""


@dataclass(frozen=True)
class TickFormat:
    """How the ticks of one axis are written: all alike, each exactly, each told apart."""

    spec: str
    """A Python format spec: ``,.1f`` for 27.5, 30, 32.5; ``.2g`` for 2.5e-07."""
    tolerance: float
    """Ticks nearer zero than this are zero (no "-0")."""

    @classmethod
    def of(cls, ticks: Sequence[float], *, grouped: bool = True, longest: int = 100) -> TickFormat:
        """The fewest decimals that write every tick exactly (2.5 needs one, 0.25 two), else
        (or when a tick would take more than ``longest`` characters) the fewest significant
        digits in scientific form."""
        finite = sorted({t for t in ticks if math.isfinite(t)})
        steps = [b - a for a, b in zip(finite, finite[1:]) if b > a]
        step = min(steps) if steps else max((abs(t) for t in finite), default=1.0) or 1.0
        tolerance = step * TICK_TOLERANCE
        largest = max((abs(t) for t in finite), default=0.0)
        if largest < MAX_PLAIN_TICK:
            for decimals in range(MAX_TICK_DECIMALS + 1):
                if all(abs(round(t, decimals) - t) <= tolerance for t in finite):
                    spec = f"{',' if grouped else ''}.{decimals}f"
                    if all(len(format(t, spec)) <= longest for t in finite):
                        return cls(spec, tolerance)
                    break
        for digits in range(1, MAX_TICK_DIGITS + 1):
            if all(abs(float(format(t, f".{digits}g")) - t) <= tolerance for t in finite):
                break
        return cls(f".{digits}g", tolerance)

    def text(self, value: float, symbols: Symbols) -> str:
        if abs(value) <= self.tolerance:
            value = 0.0  # no "-0"
        return symbols.localise(format(value, self.spec))


def tick_text(value: float, ticks: Sequence[float], symbols: Symbols, *, grouped: bool = True,
              longest: int = 100) -> str:
    """One tick of an axis whose ticks are ``ticks``, written as all of them are."""
    return TickFormat.of(ticks, grouped=grouped, longest=longest).text(value, symbols)


def _english(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


ORDINALS: dict[str, Callable[[int], str]] = {
    "en": _english,
    "lt": lambda n: f"{n}-oji",
}


def ordinal(n: float, language: str) -> str:
    value = int(n)
    rule = ORDINALS.get(primary_language(language))
    return rule(value) if rule else f"{value}."
