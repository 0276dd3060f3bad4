"""Load and validate a brochure and its brand, before anything is rendered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from ..errors import ContentError, Location, Problem
from .chartchecks import chart_warnings, csv_glyph_problems, series_name_problems
from .chartdata import ChartTable
from .checks import brand_problems, document_problems, link_problems, yaml_surprises
from .content import Brochure, blocks_in
from .glyphs import missing_glyphs, summarised
from .includes import expand_includes
from .photochecks import photo_problems
from .schema import PATTERN_WORDS, Model, ScreenOptions, project_root
from .tables import undrawable_csv_cells
from .theme import Brand
from .yamlsource import DocPath, MarkedDocument, read_yaml

M = TypeVar("M", bound=Model)
MAX_SHOWN = 60
"""Characters of a wrong value quoted in a message."""


@dataclass(frozen=True)
class Document:
    """A validated brochure with its brand and the sources they came from."""

    brochure: Brochure
    brand: Brand
    source: MarkedDocument
    brand_source: MarkedDocument
    warnings: tuple[Problem, ...] = ()
    """What the build may go on with but the author should know (an error with --strict)."""
    edition: str | None = None
    """The language of the catalogue the texts were translated with (None: as written)."""
    untranslated: tuple[Problem, ...] = ()
    """Texts the catalogue has no usable translation for, left as written: warnings."""

    @property
    def name(self) -> str:
        return self.source.file.stem

    @property
    def screen(self) -> ScreenOptions:
        """The brochure's screen options, or else the brand's."""
        return self.brochure.screen or self.brand.screen

    def input_files(self) -> list[Path]:
        """Every file the output depends on: the brochure, its brand, the files they include
        or were translated with, their assets and data files."""
        elsewhere = {place.file for source in (self.source, self.brand_source) for place in source.elsewhere.values()}
        elsewhere |= {file for source in (self.source, self.brand_source) for file, _path in source.origins.values()}
        known = [self.source.file, self.brand_source.file, *sorted(elsewhere), *_paths(self.brochure),
                 *_paths(self.brand)]
        return list(dict.fromkeys(known))

    def places_of(self, asset: Path) -> list[Location]:
        """Where the brochure or its brand names the file ``asset``, in order (a path is read
        from the folder of the file it is written in, an included one's too)."""
        found = []
        for source in (self.source, self.brand_source):
            for path, value in _texts(source.data, ()):
                if value.replace("\\", "/").rsplit("/", 1)[-1] != asset.name:
                    continue
                place = source.locate(path)
                try:
                    if (place.file.parent / value).resolve() == asset.resolve():
                        found.append(place)
                except (OSError, ValueError):  # a value that only looks like the name
                    continue
        return found

    @property
    def date(self) -> datetime:
        from .dates import document_date

        return document_date(self.brochure.meta.date, self.input_files())


def _texts(node: Any, path: DocPath) -> Iterator[tuple[DocPath, str]]:
    """Every text of loaded YAML, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, (*path, index))
    elif isinstance(node, str):
        yield path, node


def _paths(node: Any) -> Iterator[Path]:
    if isinstance(node, Path):
        yield node
    elif isinstance(node, Model):
        for name in type(node).model_fields:
            yield from _paths(getattr(node, name))
    elif isinstance(node, ChartTable):  # a chart's data_from, read at load
        yield node.file
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _paths(item)


def load(path: str | Path, *, allow_outside: bool = False, language: str | None = None,
         template: bool = False) -> Document:
    """Read, validate and cross-check a brochure file and the brand it names; with ``language``,
    its texts translated with its catalogue for that language first (``NAME.LANG.po``).

    Placeholders are filled with their defaults unless the document is a ``template`` for
    personalised copies (see merge.py).
    """
    source = expand_includes(read_yaml(Path(path)), allow_outside=allow_outside)
    translator = None
    if language is not None:
        from .translation.apply import Translator

        translator = Translator.open(source.file, language)
        source = translator.brochure(source)
    broken = translator.problems if translator else []  # reported with the rest, in one pass
    unfilled: list[Problem] = []
    if not template:
        source, unfilled = _defaults_filled(source)
    try:
        brochure = validate(source, Brochure, allow_outside=allow_outside)
    except ContentError as exc:
        raise ContentError(broken + exc.problems) from None
    brand_source = read_yaml(brochure.brand)
    if translator:
        brand_source = translator.brand(brand_source)
    brand = validate(brand_source, Brand, allow_outside=allow_outside)
    problems = list(_brand_problems(brand_source, brand)) + series_name_problems(brand_source, brand)
    problems += list(yaml_surprises(brand_source)) + brand_problems(brand_source, brand)
    if not problems:
        problems += contrast_problems(brand_source, brand) + photo_problems(source, brochure, brand)
    problems = broken + problems
    problems += _colour_problems(source, brochure, brand)
    problems += document_problems(source, brochure, brand)
    glyphs = missing_glyphs(source, brand.fonts) + csv_glyph_problems(source, brochure, brand)
    glyphs += undrawable_csv_cells(source, blocks_in(brochure), brand.fonts)
    problems += summarised(glyphs, brand.fonts, brand_source.locate(("fonts", "family")))
    if problems:
        raise ContentError(problems)
    warnings = unfilled + chart_warnings(source, brochure, brand, brand_source)
    untranslated = tuple(translator.untranslated.values()) if translator else ()
    return Document(brochure, brand, source, brand_source, tuple(warnings), language, untranslated)


def _defaults_filled(source: MarkedDocument) -> tuple[MarkedDocument, list[Problem]]:
    """Placeholders take their defaults when there is no data; the others are warned of."""
    from dataclasses import replace

    from .merge import fill_defaults, has_placeholders, unfilled

    if not has_placeholders(source):
        return source, []
    return replace(source, data=fill_defaults(source.data)), unfilled(source)


def personalise(document: Document, row: dict[str, str]) -> Document:
    """The document with its placeholders filled from ``row`` (the brand is reused as is)."""
    from dataclasses import replace

    from .merge import fill

    source = replace(document.source, data=fill(document.source.data, row))
    brochure = validate(source, Brochure)
    problems = summarised(missing_glyphs(source, document.brand.fonts), document.brand.fonts)
    problems += list(link_problems(source, brochure))
    if problems:
        raise ContentError(problems)
    return replace(document, brochure=brochure, source=source)


def validate(source: MarkedDocument, model: type[M], *, allow_outside: bool = False) -> M:
    """Validate marked data against ``model``; every problem reported with its line."""
    if not isinstance(source.data, dict):
        raise ContentError.at(source.locate(()), "expected a mapping of keys to values at the top")
    real = source.file.resolve()
    context = {
        "base": real.parent,
        "root": project_root(real),
        "allow_outside": allow_outside,
    }
    for _attempt in range(3):
        try:
            return model.model_validate(source.data, context=context)
        except ValidationError as exc:
            errors = exc.errors()
        if not _as_written(source, errors):
            break
    raise ContentError([_problem(source, err) for err in errors])


def _as_written(source: MarkedDocument, errors: list[Any]) -> bool:
    """Put back, as the text they were written as, the values YAML read as numbers, dates or
    true/false where a text field wants text (``title: 1.10`` is "1.10", ``no`` is "no").
    Changes ``source.data`` in place; whether anything changed."""
    changed = False
    for error in errors:
        if error["type"] != "string_type" or error.get("input") is None:
            continue
        path = _data_path(source.data, error["loc"])
        if path in source.written and path:
            parent = yaml_value(source.data, path[:-1])
            if isinstance(parent, (dict, list)):
                parent[path[-1]] = source.written[path]  # type: ignore[index]
                changed = True
    return changed


def yaml_value(data: Any, path: DocPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _problem(source: MarkedDocument, error: Any) -> Problem:
    path = _data_path(source.data, error["loc"])
    kind = error["type"]
    if kind == "missing":  # point at the key of the mapping it is missing from
        parent = source.locate(path[:-1], key=True)
        return Problem(Location(parent.file, parent.line, parent.column, source.locate(path).path),
                       "required but missing")
    if kind == "extra_forbidden":
        return Problem(source.locate(path, key=True), f"unknown key '{path[-1]}'{_suggestion(path)}")
    if kind == "union_tag_invalid":
        return _unknown_kind(source, path, error["ctx"])
    reword = REWORDED.get(kind)
    message = reword(error) if reword else error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if value is None:
        written = source.written.get(path, "")
        message = f"is empty: YAML reads {written or 'a key with no value'} as nothing (null); write a value"
    elif path in source.written:
        message += f" ({yaml_reading(source.written[path], value)})"
    elif isinstance(value, str) and re.fullmatch(r"[-+]?[0-9][0-9 ]*(,[0-9]+)+", value.strip()):
        message += f" (found the text {_shown(value)}: {_comma_advice(value.strip())})"
    elif not isinstance(value, (dict, list)) and not message.startswith("file not found"):  # which names it
        message += f" (found {_shown(value)})"
    return Problem(source.locate(path), message)


def _expected_pattern(error: Any) -> str:
    """A pattern in words (``schema.pattern``), never the regular expression."""
    regex = str(error.get("ctx", {}).get("pattern", ""))
    return f"expected {PATTERN_WORDS[regex]}" if regex in PATTERN_WORDS else str(error["msg"])


def _expected_choice(error: Any) -> str:
    """One of a field's choices; a choice written in another case, or nearly, is named."""
    import difflib

    expected = str(error.get("ctx", {}).get("expected", ""))
    choices = re.findall(r"'([^']*)'", expected)
    value = error.get("input")
    if not isinstance(value, str) or not choices:
        return f"expected {expected}"
    same = [choice for choice in choices if choice.casefold() == value.strip().casefold()]
    close = same or difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"expected {expected}{hint}"


REWORDED = {"string_pattern_mismatch": _expected_pattern, "literal_error": _expected_choice}
"""Pydantic's messages that name a regular expression or a choice, put as a reader needs them."""


def _comma_advice(text: str) -> str:
    """``23,6`` is a decimal comma; ``1,320`` may be a thousands separator or a decimal comma."""
    digits = text.replace(" ", "")
    grouped = re.fullmatch(r"[-+]?[0-9]{1,3}(,[0-9]{3})+", digits)
    decimal = digits.replace(",", ".", 1).replace(",", "") if digits.count(",") == 1 else None
    if grouped and decimal:
        return f"write numbers without a thousands separator ({digits.replace(',', '')}), and with a decimal " \
               f"point ({decimal}) if the comma marks decimals"
    if grouped:
        return f"write numbers without a thousands separator: {digits.replace(',', '')}"
    return f"write numbers with a decimal point: {decimal}" if decimal else "write numbers with a decimal point, no commas"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}… ({len(text)} characters)"


def yaml_reading(written: str, value: Any) -> str:
    """What YAML made of a value written as ``written``, in words, with what to do about it."""
    from .checks import surprise

    if isinstance(value, bool):
        return (f"YAML 1.1 reads {written} as {str(value).lower()}; put it in quotes (\"{written}\") if you "
                "mean the text")
    what = surprise(written)
    if what and isinstance(value, (int, float)):
        return f"YAML 1.1 reads {written} as {value:g}, {what}; put it in quotes if it is text"
    return f"found {written}" if len(written) <= MAX_SHOWN else f"found {_shown(written)}"


def _unknown_kind(source: MarkedDocument, path: DocPath, ctx: dict[str, Any]) -> Problem:
    import difflib

    from .content import BLOCK_MODELS

    found = str(ctx.get("tag"))
    close = difflib.get_close_matches(found, list(BLOCK_MODELS), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(BLOCK_MODELS)}"
    return Problem(source.locate((*path, "kind")), f"unknown block kind '{found}'{hint}")


def _data_path(data: Any, loc: tuple[Any, ...]) -> DocPath:
    """Drop the discriminator tags pydantic puts into error locations."""
    path: list[str | int] = []
    node = data
    tag_dropped = -1
    for part in loc:
        if (isinstance(node, dict) and path and isinstance(path[-1], int) and node.get("kind") == part
                and tag_dropped != len(path)):  # once: a chart's field "chart" follows its tag "chart"
            tag_dropped = len(path)
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            node = None
        path.append(part)
    return tuple(path)


def _suggestion(path: DocPath) -> str:
    import difflib

    close = difflib.get_close_matches(str(path[-1]), _known_keys(), n=1, cutoff=0.7)
    return f"; did you mean '{close[0]}'?" if close else ""


@lru_cache(maxsize=1)
def _known_keys() -> list[str]:
    """Every key the content and brand formats know, for "did you mean" suggestions."""
    from .content import BLOCK_MODELS

    known: set[str] = set()
    for model in (*BLOCK_MODELS.values(), Brochure, Brand):
        known.update(_field_names(model, set()))
    return sorted(known)


def _field_names(annotation: Any, seen: set[Any]) -> Iterator[str]:
    """Every field name of a model and of the models inside it (lists, unions, optionals)."""
    from typing import get_args

    if annotation in seen:
        return
    seen.add(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Model):
        for name, info in annotation.model_fields.items():
            yield name
            yield from _field_names(info.annotation, seen)
    for argument in get_args(annotation):
        yield from _field_names(argument, seen)


def _brand_problems(source: MarkedDocument, brand: Brand) -> Iterator[Problem]:
    known = ", ".join(sorted(brand.colours))
    for role, name in brand.roles.model_dump().items():
        if name not in brand.colours:
            where = source.locate(("roles", role))
            yield Problem(where, f"'{name}' is not a colour of this brand (known: {known})")


CONTRAST_PAIRS = (
    # text role, background role, minimum ratio (WCAG 2: 4.5 body text, 3 large text)
    ("ink", "paper", 4.5), ("muted", "paper", 4.5), ("ink", "tint", 4.5), ("muted", "tint", 4.5),
    ("primary", "paper", 4.5), ("on_primary", "primary", 4.5), ("accent", "primary", 3.0),
)


def contrast_problems(source: MarkedDocument, brand: Brand) -> list[Problem]:
    """Text and background pairs of the brand checked against WCAG 2 contrast."""
    from .contrast import contrast_ratio

    roles = brand.roles.model_dump()
    problems = []
    for text, background, minimum in CONTRAST_PAIRS:
        fore, back = brand.colours[roles[text]].rgb, brand.colours[roles[background]].rgb
        ratio = contrast_ratio(fore, back)
        if ratio < minimum:
            problems.append(Problem(
                source.locate(("roles", text)),
                f"{text} text {roles[text]} ({fore}) on {background} {roles[background]} ({back}) has "
                f"contrast {ratio:.2f}:1; WCAG 2 asks for at least {minimum:g}:1",
            ))
    return problems


def _colour_problems(source: MarkedDocument, brochure: Brochure, brand: Brand) -> list[Problem]:
    """A section colour is a brand colour or a role (``primary``, ``highlight``...), and its
    band's kicker and title (in paper or ink, whichever reads better) meet WCAG 2's 4.5:1."""
    from .contrast import contrast_ratio

    roles = brand.roles.model_dump()
    known = ", ".join(dict.fromkeys([*sorted(brand.colours), *roles]))
    problems = []
    for i, section in enumerate(brochure.sections):
        if section.colour is None:
            continue
        name = roles.get(section.colour, section.colour)
        if name not in brand.colours:
            problems.append(Problem(source.locate(("sections", i, "colour")),
                                    f"'{section.colour}' is not a colour of the brand (known: {known})"))
            continue
        texts = [brand.colours[roles[role]].rgb for role in ("paper", "ink") if roles[role] in brand.colours]
        band = brand.colours[name].rgb
        best = max((contrast_ratio(text, band) for text in texts), default=21.0)
        if best < BAND_CONTRAST:
            problems.append(Problem(source.locate(("sections", i, "colour")),
                                    f"text on a {section.colour} ({band}) band has contrast {best:.2f}:1 at best "
                                    f"(paper or ink); WCAG 2 asks for at least {BAND_CONTRAST:g}:1"))
    return problems


BAND_CONTRAST = 4.5
"""A section band carries a small kicker: body-text contrast, not large-text."""

