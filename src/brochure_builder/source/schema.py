"""Building blocks shared by the content and brand schemas: strict models and asset paths."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ByteSize,
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
)


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


def resolve_path(value: Path, info: ValidationInfo, written: object = None) -> Path:
    """``value`` relative to the YAML file that holds it (``written``, the value as read,
    knows when that is an included file), refused if it is absolute or leaves the project
    folder (unless allowed) or is not a file."""
    context = info.context or {}
    base: Path = getattr(written, "folder", None) or context.get("base", Path.cwd())
    root: Path = context.get("root", base)
    if value.is_absolute() and not context.get("allow_outside"):
        raise ValueError("absolute paths are not allowed; give a path relative to this file")
    try:
        path = (base / value).resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic link that points at itself
        raise ValueError(f"'{value}' cannot be followed: {exc}") from None
    if not context.get("allow_outside") and not path.is_relative_to(root.resolve()):
        raise ValueError(f"'{value}' leaves the project folder {root}")
    if not path.is_file():
        raise ValueError(f"file not found: {value} (looked for {path})")
    return path


def _resolve_asset(value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Path:
    from .assets import verify_asset

    path = resolve_path(handler(value), info, value)
    verify_asset(path)
    return path


AssetPath = Annotated[Path, WrapValidator(_resolve_asset)]
"""A file path relative to the YAML file that names it; checked to exist."""


class ScreenOptions(Model):
    """The screen (email) file: a size budget and how far raster images are downsampled."""

    max_size: Annotated[ByteSize | None, WithJsonSchema({"type": ["string", "integer", "null"]})] = Field(
        default=None, description="for example 500KB or 2MB")
    image_ppi: int = Field(default=150, ge=36, le=600)
    jpeg_quality: int = Field(default=82, ge=30, le=95)
