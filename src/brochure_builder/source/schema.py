"""Building blocks shared by the content and brand schemas: strict models and asset paths."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ByteSize,
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
)

from .limits import MAX_BUDGET


class Model(BaseModel):
    """A frozen model that refuses keys it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


def output_folder(file: Path) -> Path:
    """Where a brochure's files go unless ``-o`` says otherwise: ``output/`` of its project
    (relative to the working folder when it is inside it, as it is shown to the user)."""
    root = project_root(file.absolute())
    try:
        root = root.relative_to(Path.cwd())
    except ValueError:
        pass
    return root / "output"


def project_root(file: Path) -> Path:
    """The folder a document's assets must stay inside: the nearest one holding ``assets/``."""
    for folder in [file.parent, *file.parent.parents]:
        if (folder / "assets").is_dir():
            return folder
    return file.parent


def shown_path(file: Path) -> Path:
    """A file as messages name it: relative to the working folder when it is inside it."""
    here = Path.cwd()
    return file.relative_to(here) if file.is_relative_to(here) else file


class IncludedText(str):
    """A string read from an included file: a file path in it is relative to that file."""

    folder: Path

    def __new__(cls, text: str, folder: Path) -> IncludedText:
        made = super().__new__(cls, text)
        made.folder = folder
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return IncludedText, (str(self), self.folder)


def not_boolean(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")
    return value


Number = Annotated[float, BeforeValidator(not_boolean), Field(allow_inf_nan=False)]
"""A finite number; not true or false (YAML 1.1 reads ``yes`` as true). Text that reads as a
number is one: PyYAML takes ``1e6`` (no decimal point) for text."""

MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
UNIT_NAMES = {"mm": "millimetres", "pt": "points"}
WITH_UNIT = re.compile(r"\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z%]+)\s*")


def _no_unit(value: object, unit: str) -> object:
    """``20mm`` where a number of millimetres is meant: say so, and what to write."""
    written = WITH_UNIT.fullmatch(value) if isinstance(value, str) else None
    if written is None:
        return value
    number, given = written.group(1), written.group(2).lower()
    if given in MM_PER_UNIT and given != unit:
        number = f"{float(number) * MM_PER_UNIT[given] / MM_PER_UNIT[unit]:.4g}"
    raise ValueError(f"is a number of {UNIT_NAMES[unit]} ({unit}): write the number alone, {number.lstrip('+')}")


IN_MM = BeforeValidator(partial(_no_unit, unit="mm"))
Millimetres = Annotated[Number, IN_MM]
"""A length in mm, written as a bare number (``20``, not ``20mm``)."""
Points = Annotated[Number, BeforeValidator(partial(_no_unit, unit="pt"))]
"""A type size in points, written as a bare number."""

PATTERN_WORDS: dict[str, str] = {}
"""What a string held to a pattern must look like, in words, by the pattern (for messages)."""


def pattern(regex: str, expected: str) -> Any:
    """A field held to ``regex``; an error says it expected ``expected`` rather than the regex."""
    PATTERN_WORDS[regex] = expected
    return Field(pattern=regex)
Whole = Annotated[int, BeforeValidator(not_boolean)]


@dataclass(frozen=True)
class NotProse:
    """Marks a string that is a name, a code or an address (a colour name, a registry's URL):
    no reader reads it, so it is never offered for translation."""


Code = Annotated[str, NotProse()]
"""A name or code, not text for the page (see ``NotProse``)."""


BLANK = {"\u115f", "\u1160", "\u2800", "\u3164", "\uffa0"}
"""Letters and symbols that print as nothing (fillers, the blank Braille pattern)."""


def _visible(text: str) -> str:
    if all(char in BLANK or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp") for char in text):
        raise ValueError("has no visible character (only spaces or invisible characters)")
    return text


Text = Annotated[str, Field(min_length=1), AfterValidator(_visible)]
"""Text a reader will see: at least one visible character."""

ASSET_KINDS = {
    # kind: (suffixes, what it must be)
    "image": ((".svg", ".png", ".jpg", ".jpeg"), "an SVG, PNG or JPEG image"),
    "logo": ((".svg",), "an SVG file"),
    "font": ((".ttf",), "a TrueType font (.ttf)"),
    "brand": ((".yaml", ".yml"), "a YAML brand file (.yaml)"),
    "profile": ((".icc", ".icm"), "an ICC colour profile (.icc)"),
}


def resolve_path(value: Path, info: ValidationInfo, written: object = None) -> Path:
    """``value`` relative to the YAML file that holds it (``written``, the value as read,
    knows when that is an included file), refused if it is empty, cannot be followed, leaves
    the project folder (unless allowed) or does not exist (whether it is a regular file is the
    reader's check: it opens it without waiting on a FIFO)."""
    context = info.context or {}
    base: Path = getattr(written, "folder", None) or context.get("base", Path.cwd())
    root: Path = context.get("root", base)
    if str(value) in ("", "."):
        raise ValueError("an empty path; give a file relative to this file")
    if value.is_absolute() and not context.get("allow_outside"):
        raise ValueError("absolute paths are not allowed; give a path relative to this file")
    try:
        path = (base / value).resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # a symbolic link loop, a NUL character
        raise ValueError(f"'{value}' cannot be followed: {exc}") from None
    if not context.get("allow_outside") and not path.is_relative_to(root.resolve()):
        raise ValueError(f"'{value}' leaves the project folder {root}")
    try:
        found = path.exists()
    except OSError as exc:  # a name too long, say
        raise ValueError(f"'{value}' cannot be read: {exc.strerror}") from None
    if not found:
        raise ValueError(f"file not found: {value} (looked for {path}){_near_miss(value, path)}")
    return path


NEAR_MISS_ENTRIES = 2_000
"""Names of a folder compared with a path not found (a larger folder is not searched)."""


def _near_miss(value: Path, path: Path) -> str:
    """'; did you mean ...?' naming a file of the same folder whose name is close, or why the
    folder has none."""
    import difflib
    import itertools

    folder = path.parent
    if not folder.is_dir():
        return f"; there is no folder {value.parent}" if str(value.parent) not in ("", ".") else ""
    try:
        names = [entry.name for entry in itertools.islice(folder.iterdir(), NEAR_MISS_ENTRIES)]
    except OSError:
        return ""
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    return f"; did you mean {value.parent / close[0]}?" if close else ""


def _resolve_asset(value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo, kind: str) -> Path:
    suffixes, described = ASSET_KINDS[kind]
    given = handler(value)
    path = resolve_path(given, info, value)
    if given.suffix.lower() not in suffixes:  # as written: a link may be named for what it is
        raise ValueError(f"'{given}' is not {described}")
    from .assets import verify_asset
    from .files import FileRefused

    try:
        verify_asset(path, kind)
    except FileRefused as exc:
        if str(exc) == "file not found":
            raise ValueError(f"file not found: {given} (looked for {path}){_near_miss(given, path)}") from None
        raise ValueError(f"'{given}' {exc}") from None
    return path


def _asset(kind: str) -> WrapValidator:
    return WrapValidator(partial(_resolve_asset, kind=kind))


ImagePath = Annotated[Path, _asset("image")]
"""An SVG, PNG or JPEG file relative to the YAML file that names it, checked when it loads."""
LogoPath = Annotated[Path, _asset("logo")]
FontPath = Annotated[Path, _asset("font")]
BrandPath = Annotated[Path, _asset("brand")]
ProfilePath = Annotated[Path, _asset("profile")]


class ScreenOptions(Model):
    """The screen (email) file: a size budget and how far raster images are downsampled."""

    max_size: Annotated[ByteSize | None, WithJsonSchema({"type": ["string", "integer", "null"]})] = Field(
        default=None, le=MAX_BUDGET, description="for example 500KB or 2MB")
    image_ppi: Whole = Field(default=150, ge=36, le=600)
    jpeg_quality: Whole = Field(default=82, ge=30, le=95)
