"""Build a brochure file into PDF files on disk: one per profile, and imposed booklets.

Every file of a build is made in memory and preflighted for its purpose first; only when all of
them pass is any written (each atomically), so a failure leaves every earlier output as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm

from .errors import ContentError, Location, PreflightError, Problem, SizeBudgetError
from .layout.profiles import PROFILES, Profile
from .pdf.output import check_output, write_all_atomically
from .source.loading import Document, load
from .source.schema import output_folder

if TYPE_CHECKING:
    from .charts.ahead import ChartJob
    from .layout.story import Rendered



@dataclass(frozen=True)
class Imposition:
    """A booklet: which profile's file it is imposed from, how, and what it is for."""

    source: str
    purpose: str
    impose: Callable[[bytes], Any]


def _office(pdf: bytes) -> Any:
    from .pdf.imposition import A4_LANDSCAPE, impose_booklet

    return impose_booklet(pdf, sheet=A4_LANDSCAPE)


def _press(pdf: bytes) -> Any:
    from .pdf.imposition import impose_press_booklet

    return impose_press_booklet(pdf)


IMPOSITIONS = {
    "booklet": Imposition("print", "press", _press),
    "booklet-a4": Imposition("screen", "office", _office),
}
"""``booklet``: the press (from the print file, with bleed and marks, on a press sheet);
``booklet-a4``: an office printer (from the screen file, spreads fitted on A4)."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    size: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Product:
    """One file of a build, made in memory and not yet checked or written."""

    path: Path
    pdf: bytes
    pages: int
    purpose: str
    warnings: list[str] = field(default_factory=list)
    images: Mapping[str, list[Path]] = field(default_factory=dict)
    """The asset each embedded image came from (``layout.context.image_key``)."""


def output_path(document: Document, suffix: str, output: Path | None) -> Path:
    """``output/NAME.pdf`` or the path asked for, with a suffix such as ``-print``; a translated
    edition has its language first: ``NAME-lt.pdf``, ``NAME-lt-print.pdf``."""
    base = output or output_folder(document.source.file) / f"{document.name}.pdf"
    edition = f"-{document.edition}" if document.edition else ""
    return base.with_name(f"{base.stem}{edition}{suffix}{base.suffix or '.pdf'}")


def build(source: str | Path, output: str | Path | None = None, **options: Any) -> BuildResult:
    """Load, validate and lay out ``source``; write the screen PDF atomically."""
    return build_all(source, output, profiles=("screen",), **options)[0]


def build_all(
    source: str | Path, output: str | Path | None = None, *,
    profiles: Sequence[str] = ("screen", "print"), impositions: Sequence[str] = (),
    strict: bool = False, allow_outside: bool = False, language: str | None = None, every: bool = False,
    languages: Sequence[str | None] | None = None,
) -> list[BuildResult]:
    """Make every profile and booklet asked for, preflight each for its purpose, then write them.

    ``strict`` turns warnings into errors; ``allow_outside`` lets asset paths leave the project;
    ``language`` builds the edition translated with the catalogue ``NAME.LANG.po`` (``languages``:
    several editions, None the brochure as written, all written or none); ``every`` lists every
    untranslated text, not only the first.
    """
    edition = Edition(source, output, profiles, impositions, strict, allow_outside, every)
    made = [edition.make(each) for each in (languages if languages is not None else [language])]
    checked = [product for products, _warnings in made for product in products]
    write_all_atomically([(p.path, p.pdf) for p in checked])
    results = []
    for products, warnings in made:
        files = [BuildResult(p.path, p.pages, len(p.pdf), list(p.warnings)) for p in products]
        _say_once(files)
        files[0].warnings[:0] = warnings  # the document's own, once
        results += files
    return results


@dataclass(frozen=True)
class Edition:
    """What every edition of one build shares: the files and options asked for."""

    source: str | Path
    output: str | Path | None
    profiles: Sequence[str]
    impositions: Sequence[str]
    strict: bool
    allow_outside: bool
    every: bool

    def make(self, language: str | None) -> tuple[list[Product], list[str]]:
        """The edition's files, made and preflighted (not written), and the document's warnings;
        an error names the edition it stopped."""
        stopped = f"the '{language}' edition stopped here: nothing of this build was written"
        try:
            return self._make(language)
        except ContentError as exc:
            if language is None:
                raise
            raise ContentError([*exc.problems, Problem(Location(Path(self.source)), stopped)]) from None
        except PreflightError as exc:
            if language is not None:
                exc.problems.append(stopped)
            raise

    def _make(self, language: str | None) -> tuple[list[Product], list[str]]:
        from .charts import ahead

        try:
            document = load(self.source, allow_outside=self.allow_outside, language=language)
            output = check_output(self.output, document, [*(PROFILES[p].suffix for p in self.profiles),
                                                          *(f"-{i}" for i in self.impositions)])
            untranslated = _untranslated(document, self.strict, self.every)
            if self.strict and document.warnings:
                raise ContentError([Problem(w.location, f"{w.message} (an error with --strict)")
                                    for w in document.warnings])
            ahead.draw_ahead(document.source.file, _chart_jobs(document, self.profiles, self.impositions))
            products = Products(document, Path(output) if output else None).make(self.profiles, self.impositions)
        finally:
            ahead.finish()
        try:
            checked = [_checked(document, product, self.strict) for product in products]
        except PreflightError as exc:
            others = [str(p.path) for p in products if p.path != exc.file]
            if others:  # say why the files that passed were not written either
                exc.problems.append(f"nothing of this build was written ({', '.join(others)} included; files from "
                                    "earlier builds are kept): fix what is named above, or leave this file out "
                                    "(--profile screen builds the screen file alone)")
            raise
        return checked, untranslated + [str(w) for w in document.warnings]


def _say_once(results: list[BuildResult]) -> None:
    """The screen and print files share one layout: a warning about it is said once."""
    seen: set[str] = set()
    for result in results:
        fresh = [w for w in result.warnings if w not in seen]
        seen.update(fresh)
        result.warnings[:] = fresh


def _untranslated(document: Document, strict: bool, every: bool) -> list[str]:
    """One warning listing the texts left untranslated; with ``strict``, an error for each."""
    if not document.untranslated or document.edition is None:
        return []
    if strict:
        raise ContentError([Problem(p.location, f"{p.message} (an error with --strict)")
                            for p in document.untranslated])
    from .source.translation.apply import summary

    return [summary(list(document.untranslated), document.edition, every=every)]


def _chart_jobs(document: Document, profiles: Sequence[str], impositions: Sequence[str]) -> list[ChartJob]:
    from .layout.story import chart_jobs

    laid_out = {*profiles, *(IMPOSITIONS[kind].source for kind in impositions)}
    return [job for name in sorted(laid_out) for job in chart_jobs(document, PROFILES[name])]


class Products:
    """The files of one build, in memory; each profile laid out at most once."""

    def __init__(self, document: Document, target: Path | None) -> None:
        self.document, self.target = document, target
        self.finished: dict[str, tuple[Rendered, bytes]] = {}

    def make(self, profiles: Sequence[str], impositions: Sequence[str]) -> list[Product]:
        products = []
        for name in profiles:
            profile = PROFILES[name]
            rendered, pdf = self.profile(name)
            path = output_path(self.document, profile.suffix, self.target)
            _check_budget(self.document, profile, rendered, pdf, path)
            products.append(Product(path, pdf, rendered.pages, profile.purpose, list(rendered.warnings),
                                    rendered.images))
        for kind in impositions:
            products.append(self.booklet(kind))
        return products

    def profile(self, name: str) -> tuple[Rendered, bytes]:
        """The laid-out file of a profile; for the press, made PDF/X-4."""
        if name not in self.finished:
            from .pdf.produce import produce

            profile = PROFILES[name]
            rendered = produce(self.document, profile)
            pdf = rendered.pdf
            if profile.pdfx:
                from .pdf.pdfx import make_pdfx
                from .resources.colour import output_intent

                pdf = make_pdfx(pdf, output_intent(self.document.brand))
            self.finished[name] = (rendered, pdf)
        return self.finished[name]

    def booklet(self, kind: str) -> Product:
        imposition = IMPOSITIONS[kind]
        rendered, pdf = self.profile(imposition.source)
        imposed = imposition.impose(pdf)
        result = imposed.pdf
        if imposition.purpose == "press":
            from .pdf.pdfx import make_pdfx
            from .resources.colour import output_intent

            result = make_pdfx(result, output_intent(self.document.brand), overprint=False, rendition="booklet")
        path = output_path(self.document, f"-{kind}", self.target)
        padded = [f"added {imposed.blanks_added} blank page(s) to make a multiple of 4"] if imposed.blanks_added else []
        return Product(path, result, imposed.sheets * 2, imposition.purpose, padded, rendered.images)


class _ImageNames(Mapping[str, str]):
    """The assets behind a product's images, each named with where the brochure sets it, found
    only for the images a finding names (finding a place walks the brochure)."""

    def __init__(self, document: Document, images: Mapping[str, list[Path]]) -> None:
        self.document, self.images = document, images
        self.named: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self.named:
            self.named[key] = " or ".join(_placed(self.document, path) for path in self.images[key])
        return self.named[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.images)

    def __len__(self) -> int:
        return len(self.images)


def _placed(document: Document, path: Path) -> str:
    """An asset's name and where the brochure sets it: 'tiny.png at brochure.yaml:103:15'."""
    name, places = path.name, document.places_of(path)
    if not places:
        return name
    first = places[0]
    more = f" and {len(places) - 1} more place(s)" if len(places) > 1 else ""
    return f"{name} at {first.file}:{first.line}:{first.column}{more}"


def _checked(document: Document, product: Product, strict: bool) -> Product:
    """The product with its preflight warnings, or a PreflightError naming every problem."""
    from .pdf.preflight import check

    report = check(product.pdf, purpose=product.purpose, safe_zone=document.brand.page.safe_zone * mm,
                   name=str(product.path), strict=strict, made_here=True,
                   image_names=_ImageNames(document, product.images))
    failed = [f"PDF/X-4: {r.name}: {problem}" for r in report.conformance for problem in r.problems]
    if report.errors or failed:
        raise PreflightError(product.path, [f.describe() for f in report.errors] + failed)
    if strict and product.warnings:
        raise ContentError([Problem(Location(document.source.file), f"{w} (an error with --strict)")
                            for w in product.warnings])
    warnings = product.warnings + [f"preflight: {f.describe()}" for f in report.warnings]
    return replace(product, warnings=warnings)


def _check_budget(document: Document, profile: Profile, rendered: Rendered, pdf: bytes, path: Path) -> None:
    """A screen file over its size budget fails, naming what takes the space."""
    budget = document.screen.max_size
    if profile.name != "screen" or budget is None or len(pdf) <= budget:
        return
    from .pdf.sizes import human, largest_parts

    names = {key: " or ".join(path.name for path in paths) for key, paths in rendered.images.items()}
    parts = "; ".join(str(p) for p in largest_parts(pdf, names))
    where = document.source.file if document.brochure.screen else document.brand_source.file
    raise SizeBudgetError(
        f"{path} would be {human(len(pdf))}, over the {human(budget)} budget set in {where} "
        f"(screen.max_size); largest parts: {parts}"
    )
