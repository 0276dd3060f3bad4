"""The one exception hierarchy of the brochure builder.

Rule: anything the user can fix (content, brand, assets, paths) raises a subclass of
``BrochureError`` with a location; anything else is a bug and surfaces as a traceback only
with ``--traceback``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitStatus(IntEnum):
    """Exit codes of the ``brochure`` command (documented in the README)."""

    SUCCESS = 0
    CONTENT_ERROR = 1
    USAGE_ERROR = 2
    OUTPUT_ERROR = 3
    PREFLIGHT_FAILED = 4
    INTERNAL_ERROR = 70
    INTERRUPTED = 130
    """128 + SIGINT (Ctrl-C)."""
    TERMINATED = 143
    """128 + SIGTERM."""


@dataclass(frozen=True)
class Location:
    """A place in a source file: 1-based line and column, and the path in the document."""

    file: Path
    line: int = 0
    column: int = 0
    path: str = ""

    def __str__(self) -> str:
        where = str(self.file)
        if self.line:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.path}" if self.path else where


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class BrochureError(Exception):
    """Base of every error the user can act on."""

    exit_status = ExitStatus.CONTENT_ERROR


class ContentError(BrochureError):
    """Content, brand or asset problems, all collected in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def at(cls, location: Location, message: str) -> ContentError:
        return cls([Problem(location, message)])


class UsageError(BrochureError):
    """The command line asks for something that cannot be done."""

    exit_status = ExitStatus.USAGE_ERROR


class OutputError(BrochureError):
    """The PDF could not be written where it was asked for."""

    exit_status = ExitStatus.OUTPUT_ERROR


class PreflightError(BrochureError):
    """A PDF that a print shop would reject; each problem with its page."""

    exit_status = ExitStatus.PREFLIGHT_FAILED

    def __init__(self, file: Path, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        super().__init__("\n".join(f"{file}: {p}" for p in problems))


class SizeBudgetError(BrochureError):
    """The screen file is larger than the budget set for it."""
