"""WCAG 2 contrast of sRGB colours (brand colour pairs are checked when the brand loads)."""

from __future__ import annotations


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour given as #RRGGBB."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def more_readable(background: str, candidates: dict[str, str]) -> str:
    """The name of the candidate colour (#RRGGBB) that reads best on ``background``."""
    return max(candidates, key=lambda name: contrast_ratio(candidates[name], background))
