"""``value_format``: how a chart writes its numbers, checked when the brochure loads.

Exactly one replacement field for the number, with a format spec of Python's mini-language
for numbers (``{:,.1f}``, ``{:.0%}``), and literal text around it (``{:.1f} km``). No field
names or attributes (``{0.__class__}`` would read the number's attributes), no conversions,
no nested fields, and widths and precisions small enough to draw.
"""

from __future__ import annotations

import re
import string

from .limits import MAX_FORMAT_PRECISION as MAX_PRECISION
from .limits import MAX_FORMAT_WIDTH as MAX_WIDTH

EXAMPLE = "for example '{:,.1f} km' or '{:.0%}'"
SPEC = re.compile(r"(?:(?P<fill>.)?[<>=^])?[-+ ]?z?#?0?(?P<width>\d+)?[,_]?(?:\.(?P<precision>\d+))?[eEfFgGn%]?",
                  re.DOTALL)
SAMPLES = (1234.5678, -0.5, 0.0, 1e15)


def check_value_format(text: str) -> str:
    """``text`` if it formats one number sanely, else ``ValueError`` saying what is wrong."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"not a format: {exc} (write {{{{ and }}}} for a literal brace); {EXAMPLE}") from None
    fields = [(name, spec, conversion) for _literal, name, spec, conversion in parts if name is not None]
    if len(fields) != 1:
        raise ValueError(f"needs exactly one {{}} field for the number, found {len(fields)}; {EXAMPLE}")
    name, spec, conversion = fields[0]
    if name not in ("", "0") or conversion:
        raise ValueError(f"the field for the number takes a format only, as in {{:.1f}}, not a name, an "
                         f"attribute or a conversion; {EXAMPLE}")
    _check_spec(spec or "")
    return text


def _check_spec(spec: str) -> None:
    match = SPEC.fullmatch(spec)
    if match is None:
        raise ValueError(f"'{spec}' is not a format for a number: use the types f, e, g, n or %, with a "
                         f"width, a precision and , or _ to group digits; {EXAMPLE}")
    if int(match.group("width") or 0) > MAX_WIDTH or int(match.group("precision") or 0) > MAX_PRECISION:
        raise ValueError(f"'{spec}': a width may be at most {MAX_WIDTH} and a precision at most {MAX_PRECISION}")
    for sample in SAMPLES:
        try:
            format(sample, spec)
        except ValueError as exc:
            raise ValueError(f"'{spec}' cannot format a number: {exc}; {EXAMPLE}") from None


def drawn_characters(text: str) -> str:
    """The characters of a valid format that end up on the page besides the digits."""
    literal = "".join(part[0] for part in string.Formatter().parse(text))
    fill = "".join(spec[0] for _l, _n, spec, _c in string.Formatter().parse(text)
                   if spec and len(spec) > 1 and spec[1] in "<>=^")
    return literal + fill
