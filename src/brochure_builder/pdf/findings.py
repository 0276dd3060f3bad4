"""What preflight reports: findings with their page, severity and place, and the report."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Literal

IMAGE_NAMES: ContextVar[Mapping[str, str] | None] = ContextVar("image_names", default=None)
"""While a build checks its own file: the asset each image came from, by its size in pixels
(``layout.context.image_key``), so that a finding names the photo to replace."""

Severity = Literal["error", "warning"]
MM = 72 / 25.4


@dataclass(frozen=True)
class Finding:
    severity: Severity
    page: int
    """1-based; 0 for the document as a whole."""
    message: str
    where: str = ""
    """Where on the page, e.g. 'at 12,40 mm' (from the trim's top-left corner)."""
    check: str = ""
    """The check that found it (not shown)."""

    def describe(self) -> str:
        """Page, message and place, without the severity (the caller says error or warning)."""
        scope = f"page {self.page}" if self.page else "document"
        return f"{scope}: {self.message}" + (f" {self.where}" if self.where else "")

    def __str__(self) -> str:
        scope = f"page {self.page}" if self.page else "document"
        return f"{scope}: {self.severity}: {self.message}" + (f" {self.where}" if self.where else "")


@dataclass(frozen=True)
class Rule:
    """One machine-checkable rule of a standard, and what it found."""

    name: str
    problems: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    conformance: list[Rule] = field(default_factory=list)
    """PDF/X-4 rules, for files made for the press (empty for other purposes)."""
    screen_like: bool = False
    """Checked for the press, the file looks made for a screen (no PDF/X output intent)."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def strict(self) -> Report:
        """Every warning an error (``--strict``)."""
        note = "(a warning, an error with --strict)"
        return Report([f if f.severity == "error" else
                       replace(f, severity="error", where=f"{f.where} {note}" if f.where else note)
                       for f in self.findings], self.conformance, self.screen_like)


def merged(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per page and message: the first place, and how many more there are."""
    first: dict[tuple[str, int, str], Finding] = {}
    more: dict[tuple[str, int, str], int] = {}
    for finding in findings:
        key = (finding.severity, finding.page, finding.message)
        if key in first:
            more[key] = more.get(key, 0) + (first[key].where != finding.where)
        else:
            first[key] = finding
    return [replace(f, where=f.where + (f" (and {more[k]} more on this page)" if more.get(k) else ""))
            for k, f in first.items()]


def under(value: float, limit: float, decimals: int = 0) -> str:
    """``value`` (under ``limit``) rounded without appearing to reach it: 149.6 -> '149.6', not '150'."""
    text = f"{value:.{decimals}f}"
    while float(text) >= limit and decimals < 3:
        decimals += 1
        step = 10 ** decimals
        text = f"{math.floor(value * step) / step:.{decimals}f}"
    return text
