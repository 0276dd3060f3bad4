"""Build a brochure file into PDF files on disk: one per profile, and imposed booklets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm

from .errors import ContentError, Location, PreflightError, Problem, SizeBudgetError
from .layout.profiles import PROFILES, SCREEN, Profile
from .pdf.imposition import A4_LANDSCAPE, impose_booklet
from .pdf.output import write_atomically
from .source.loading import Document, load

if TYPE_CHECKING:
    from .charts.ahead import ChartJob
    from .layout.story import Rendered

DEFAULT_OUTPUT_DIR = Path("output")
IMPOSITIONS: dict[str, tuple[float, float] | None] = {"booklet": None, "booklet-a4": A4_LANDSCAPE}
"""``booklet``: sheets twice the page width; ``booklet-a4``: spreads fitted on A4 (office)."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    size: int
    warnings: list[str] = field(default_factory=list)


def output_path(document: Document, suffix: str, output: Path | None) -> Path:
    """``output/NAME.pdf`` or the path asked for, with a suffix such as ``-print``; a translated
    edition has its language first: ``NAME-lt.pdf``, ``NAME-lt-print.pdf``."""
    base = output or DEFAULT_OUTPUT_DIR / f"{document.name}.pdf"
    edition = f"-{document.edition}" if document.edition else ""
    return base.with_name(f"{base.stem}{edition}{suffix}{base.suffix or '.pdf'}")


def build(source: str | Path, output: str | Path | None = None, **options: Any) -> BuildResult:
    """Load, validate and lay out ``source``; write the screen PDF atomically."""
    return build_all(source, output, profiles=("screen",), **options)[0]


def build_all(
    source: str | Path, output: str | Path | None = None, *,
    profiles: Sequence[str] = ("screen", "print"), impositions: Sequence[str] = (),
    strict: bool = False, allow_outside: bool = False, language: str | None = None,
) -> list[BuildResult]:
    """Build every profile asked for (print files pass preflight first), then the booklets.

    ``strict`` turns warnings into errors; ``allow_outside`` lets asset paths leave the project;
    ``language`` builds the edition translated with the catalogue ``NAME.LANG.po``.
    """
    from .charts import ahead

    try:
        document = load(source, allow_outside=allow_outside, language=language)
        untranslated = _untranslated(document, strict)
        ahead.draw_ahead(document.source.file, _chart_jobs(document, profiles, impositions))
        results = _write_all(document, output, profiles, impositions, strict)
    finally:
        ahead.finish()
    results[0].warnings[:0] = untranslated
    return results


def _untranslated(document: Document, strict: bool) -> list[str]:
    """One warning listing the texts left untranslated; with ``strict``, an error for each."""
    if not document.untranslated or document.edition is None:
        return []
    if strict:
        raise ContentError([Problem(p.location, f"{p.message} (an error with --strict)")
                            for p in document.untranslated])
    from .source.translation.apply import summary

    return [summary(list(document.untranslated), document.edition)]


def _chart_jobs(document: Document, profiles: Sequence[str], impositions: Sequence[str]) -> list[ChartJob]:
    from .layout.story import chart_jobs

    laid_out = [*profiles, *(["screen"] if impositions and "screen" not in profiles else [])]
    return [job for name in laid_out for job in chart_jobs(document, PROFILES[name])]


def _write_all(document: Document, output: str | Path | None, profiles: Sequence[str],
               impositions: Sequence[str], strict: bool) -> list[BuildResult]:
    """Make and check every file first; write them only when all are good (a failure in one
    leaves every earlier file as it was)."""
    from .pdf.produce import produce

    target = Path(output) if output else None
    if strict and document.warnings:
        raise ContentError([Problem(w.location, f"{w.message} (an error with --strict)") for w in document.warnings])
    renders = {}
    made: list[tuple[BuildResult, bytes]] = []
    for name in profiles:
        profile = PROFILES[name]
        rendered = renders[name] = produce(document, profile)
        path = output_path(document, profile.suffix, target)
        _check_budget(document, profile, rendered, path)
        warnings = rendered.warnings + _preflight(document, profile, rendered.pdf, path)
        if not made:  # the document's own warnings, once
            warnings = [str(w) for w in document.warnings] + warnings
        made.append((BuildResult(path, rendered.pages, len(rendered.pdf), warnings), rendered.pdf))
    for kind in impositions:
        finished = renders.get("screen") or produce(document, SCREEN)
        imposed = impose_booklet(finished.pdf, sheet=IMPOSITIONS[kind])
        path = output_path(document, f"-{kind}", target)
        padded = [f"added {imposed.blanks_added} blank page(s) to make a multiple of 4"] if imposed.blanks_added else []
        made.append((BuildResult(path, imposed.sheets * 2, len(imposed.pdf), padded), imposed.pdf))
    warnings = [w for result, _pdf in made for w in result.warnings]
    if strict and warnings:
        raise ContentError([Problem(Location(document.source.file), f"{w} (an error with --strict)")
                            for w in warnings])
    for result, pdf in made:
        write_atomically(result.path, pdf)
    return [result for result, _pdf in made]


def _check_budget(document: Document, profile: Profile, rendered: Rendered, path: Path) -> None:
    """A screen file over its size budget fails, naming what takes the space."""
    budget = document.screen.max_size
    if profile.name != "screen" or budget is None or len(rendered.pdf) <= budget:
        return
    from .pdf.sizes import human, largest_parts

    parts = "; ".join(str(p) for p in largest_parts(rendered.pdf, rendered.images))
    where = document.source.file if document.brochure.screen else document.brand_source.file
    raise SizeBudgetError(
        f"{path} would be {human(len(rendered.pdf))}, over the {human(budget)} budget set in {where} "
        f"(screen.max_size); largest parts: {parts}"
    )


def _preflight(document: Document, profile: Profile, pdf: bytes, path: Path) -> list[str]:
    """Errors stop the build before anything is written; warnings come back to be shown."""
    if not profile.preflight:
        return []
    from .pdf.preflight import check

    report = check(pdf, safe_zone=document.brand.page.safe_zone * mm)
    if report.errors:
        raise PreflightError(path, [str(f) for f in report.errors])
    return [f"preflight: {f}" for f in report.warnings]
