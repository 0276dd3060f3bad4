"""PDF colour spaces as a print shop sees them: which family, and which process inks a colour in
it stands for (for ink coverage; CMYK as fractions 0 to 1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .objects import is_dict

CMYK = tuple[float, float, float, float]
NO_INK: CMYK = (0.0, 0.0, 0.0, 0.0)
PROCESS = {"/Cyan": 0, "/Magenta": 1, "/Yellow": 2, "/Black": 3}
MAX_SPACE_DEPTH = 4
"""Colour spaces inside colour spaces (Indexed of ICCBased, Separation's alternate...)."""


@dataclass(frozen=True)
class Space:
    """A resolved colour space."""

    family: str
    """'cmyk', 'gray', 'rgb', 'lab', 'separation', 'devicen', 'indexed' or 'pattern'."""
    label: str
    components: int
    to_cmyk: Callable[[tuple[float, ...]], CMYK | None]
    """The process inks a colour stands for; None when it cannot be known (no tint transform)."""
    initial: tuple[float, ...]
    registration: bool = False
    """A Separation or DeviceN of /All: prints on every plate."""
    nothing: bool = False
    """A Separation /None: never marks the page."""
    spot: str = ""
    device_cmyk: bool = False
    """Overprint mode 1 applies (zero components leave the plates below alone)."""
    base: Space | None = None

    @property
    def is_rgb(self) -> bool:
        return self.family in ("rgb", "lab") or (self.base is not None and self.base.is_rgb)


def _cmyk(values: tuple[float, ...]) -> CMYK:
    c, m, y, k = (list(values) + [0.0, 0.0, 0.0, 0.0])[:4]
    return (_unit(c), _unit(m), _unit(y), _unit(k))


def _gray(values: tuple[float, ...]) -> CMYK:
    return (0.0, 0.0, 0.0, 1 - _unit(values[0] if values else 0.0))


def rgb_to_cmyk(values: tuple[float, ...]) -> CMYK:
    """The textbook conversion (for measuring a file that should not hold RGB at all)."""
    r, g, b = (_unit(v) for v in (list(values) + [0.0, 0.0, 0.0])[:3])
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)


def _all_plates(values: tuple[float, ...]) -> CMYK:
    tint = _unit(values[0] if values else 1.0)
    return (tint, tint, tint, tint)


def _lab(values: tuple[float, ...]) -> CMYK:
    return (0.0, 0.0, 0.0, 1 - _unit((values[0] if values else 0.0) / 100))


def _unit(value: float) -> float:
    return min(max(float(value), 0.0), 1.0)


DEVICE = {
    "/DeviceCMYK": Space("cmyk", "DeviceCMYK", 4, _cmyk, (0.0, 0.0, 0.0, 1.0), device_cmyk=True),
    "/DeviceGray": Space("gray", "DeviceGray", 1, _gray, (0.0,)),
    "/DeviceRGB": Space("rgb", "DeviceRGB", 3, rgb_to_cmyk, (0.0, 0.0, 0.0)),
    "/Pattern": Space("pattern", "Pattern", 0, lambda _v: None, ()),
}
ABBREVIATIONS = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}


def resolve(space: Any, resources: Any = None, depth: int = 0) -> Space:
    """The Space a colour space operand or object stands for (names looked up in ``resources``)."""
    import pikepdf

    if depth > MAX_SPACE_DEPTH:
        raise ValueError("colour spaces nested too deeply")
    if isinstance(space, pikepdf.Name):
        name = ABBREVIATIONS.get(str(space), str(space))
        if name in DEVICE:
            return DEVICE[name]
        named = resources.get("/ColorSpace", {}).get(name) if resources is not None else None
        if named is None:
            raise ValueError(f"colour space {name} is not defined in the resources")
        return resolve(named, None, depth + 1)
    if isinstance(space, pikepdf.Array) and len(space) >= 1:
        family = str(space[0])
        maker = FAMILIES.get(ABBREVIATIONS.get(family, family))
        if maker is not None:
            return maker(space, depth)
        if len(space) == 1:
            return resolve(space[0], resources, depth + 1)
    raise ValueError(f"unknown colour space {str(space)[:60]}")


def _icc(space: Any, depth: int) -> Space:
    count = int(space[1].get("/N", 0))
    kind = {1: "gray", 3: "rgb", 4: "cmyk"}.get(count, "rgb")
    base = {"gray": DEVICE["/DeviceGray"], "rgb": DEVICE["/DeviceRGB"], "cmyk": DEVICE["/DeviceCMYK"]}[kind]
    return Space(kind, f"ICCBased ({count} components)", count, base.to_cmyk, base.initial,
                 device_cmyk=kind == "cmyk")


def _calibrated(kind: str) -> Callable[[Any, int], Space]:
    def make(space: Any, _depth: int) -> Space:
        if kind == "lab":
            return Space("lab", "Lab", 3, _lab, (0.0, 0.0, 0.0))
        base = DEVICE["/DeviceGray" if kind == "gray" else "/DeviceRGB"]
        return Space(kind, f"Cal{kind.upper() if kind == 'rgb' else 'Gray'}", base.components,
                     base.to_cmyk, base.initial)
    return make


def _separation(space: Any, depth: int) -> Space:
    name = str(space[1])
    alternate = resolve(space[2], None, depth + 1)
    transform = evaluator(space[3])
    if name == "/All":
        return Space("separation", "Separation /All (registration)", 1, _all_plates, (1.0,),
                     registration=True, base=alternate)
    if name == "/None":
        return Space("separation", "Separation /None", 1, lambda _v: NO_INK, (1.0,), nothing=True)
    return Space("separation", f"Separation {name}", 1, _through(transform, alternate), (1.0,),
                 spot=name[1:], base=alternate)


def _device_n(space: Any, depth: int) -> Space:
    names = [str(n) for n in space[1]]
    alternate = resolve(space[2], None, depth + 1)
    transform = evaluator(space[3])
    via = _through(transform, alternate)

    def to_cmyk(values: tuple[float, ...]) -> CMYK | None:
        if all(n in PROCESS or n == "/None" for n in names):
            inks = [0.0, 0.0, 0.0, 0.0]
            for n, v in zip(names, values):
                if n in PROCESS:
                    inks[PROCESS[n]] = _unit(v)
            return (inks[0], inks[1], inks[2], inks[3])
        return via(values)

    spots = [n[1:] for n in names if n not in PROCESS and n not in ("/All", "/None")]
    return Space("devicen", f"DeviceN {' '.join(names)}", len(names), to_cmyk, (1.0,) * len(names),
                 registration="/All" in names, spot=", ".join(spots), base=alternate)


def _indexed(space: Any, depth: int) -> Space:
    import pikepdf

    base = resolve(space[1], None, depth + 1)
    lookup = space[3]
    table = lookup.read_bytes() if isinstance(lookup, pikepdf.Stream) else bytes(lookup)
    n = base.components

    def to_cmyk(values: tuple[float, ...]) -> CMYK | None:
        index = int(values[0]) if values else 0
        entry = table[index * n:(index + 1) * n]
        if len(entry) < n:
            return None
        return base.to_cmyk(tuple(b / 255 for b in entry))

    return Space("indexed", f"Indexed {base.label}", 1, to_cmyk, (0.0,), base=base,
                 spot=base.spot, registration=base.registration)


def _pattern(space: Any, depth: int) -> Space:
    base = resolve(space[1], None, depth + 1) if len(space) > 1 else None
    return Space("pattern", "Pattern", base.components if base else 0, lambda _v: None, (),
                 base=base)


FAMILIES: dict[str, Callable[[Any, int], Space]] = {
    "/ICCBased": _icc, "/CalRGB": _calibrated("rgb"), "/CalGray": _calibrated("gray"),
    "/Lab": _calibrated("lab"), "/Separation": _separation, "/DeviceN": _device_n,
    "/Indexed": _indexed, "/Pattern": _pattern,
    "/DeviceCMYK": lambda _s, _d: DEVICE["/DeviceCMYK"], "/DeviceGray": lambda _s, _d: DEVICE["/DeviceGray"],
    "/DeviceRGB": lambda _s, _d: DEVICE["/DeviceRGB"],
}


def _through(transform: Callable[[tuple[float, ...]], tuple[float, ...]] | None,
             alternate: Space) -> Callable[[tuple[float, ...]], CMYK | None]:
    def to_cmyk(values: tuple[float, ...]) -> CMYK | None:
        if transform is None:
            return None
        return alternate.to_cmyk(transform(values))
    return to_cmyk


def evaluator(function: Any, depth: int = 0) -> Callable[[tuple[float, ...]], tuple[float, ...]] | None:
    """A PDF function as Python, for the two kinds tint transforms use in practice: exponential
    (type 2) and stitching (type 3). Others (sampled, PostScript) give None."""
    if depth > MAX_SPACE_DEPTH or not is_dict(function):
        return None
    kind = int(function.get("/FunctionType", -1))
    if kind == 2:
        c0 = [float(v) for v in function.get("/C0", [0.0])]
        c1 = [float(v) for v in function.get("/C1", [1.0])]
        exponent = float(function.get("/N", 1))

        def exponential(values: tuple[float, ...]) -> tuple[float, ...]:
            x = _unit(values[0] if values else 0.0) ** exponent
            return tuple(a + x * (b - a) for a, b in zip(c0, c1))
        return exponential
    if kind == 3:
        return _stitching(function, depth)
    return None


def _stitching(function: Any, depth: int) -> Callable[[tuple[float, ...]], tuple[float, ...]] | None:
    parts = [evaluator(f, depth + 1) for f in function.get("/Functions", [])]
    if not parts or any(p is None for p in parts):
        return None
    domain = [float(v) for v in function.get("/Domain", [0, 1])]
    bounds = [domain[0], *[float(v) for v in function.get("/Bounds", [])], domain[1]]
    encode = [float(v) for v in function.get("/Encode", [0, 1] * len(parts))]

    def stitched(values: tuple[float, ...]) -> tuple[float, ...]:
        x = min(max(values[0] if values else 0.0, bounds[0]), bounds[-1])
        index = next((i for i in range(len(parts)) if x < bounds[i + 1]), len(parts) - 1)
        low, high = bounds[index], bounds[index + 1]
        e0, e1 = encode[2 * index], encode[2 * index + 1]
        t = e0 if high == low else e0 + (x - low) * (e1 - e0) / (high - low)
        return parts[index]((t,))  # type: ignore[misc]
    return stitched
