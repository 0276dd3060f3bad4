"""Building blocks shared by the content and brand schemas: strict models and asset paths."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ByteSize, ConfigDict, Field, ValidationInfo, WithJsonSchema


class Model(BaseModel):
    """A frozen model that refuses keys it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


def project_root(file: Path) -> Path:
    """The folder a document's assets must stay inside: the nearest one holding ``assets/``."""
    for folder in [file.parent, *file.parent.parents]:
        if (folder / "assets").is_dir():
            return folder
    return file.parent


def resolve_path(value: Path, info: ValidationInfo) -> Path:
    """``value`` relative to the YAML file being validated, refused if it leaves the project
    folder (unless allowed) or is not a file."""
    context = info.context or {}
    base: Path = context.get("base", Path.cwd())
    root: Path = context.get("root", base)
    if value.is_absolute() and not context.get("allow_outside"):
        raise ValueError("absolute paths are not allowed; give a path relative to this file")
    path = (base / value).resolve()
    if not context.get("allow_outside") and not path.is_relative_to(root.resolve()):
        raise ValueError(f"'{value}' leaves the project folder {root}")
    if not path.is_file():
        raise ValueError(f"file not found: {value} (looked for {path})")
    return path


def _resolve_asset(value: Path, info: ValidationInfo) -> Path:
    from .assets import verify_asset

    path = resolve_path(value, info)
    verify_asset(path)
    return path


AssetPath = Annotated[Path, AfterValidator(_resolve_asset)]
"""A file path relative to the YAML file that names it; checked to exist."""


class ScreenOptions(Model):
    """The screen (email) file: a size budget and how far raster images are downsampled."""

    max_size: Annotated[ByteSize | None, WithJsonSchema({"type": ["string", "integer", "null"]})] = Field(
        default=None, description="for example 500KB or 2MB")
    image_ppi: int = Field(default=150, ge=36, le=600)
    jpeg_quality: int = Field(default=82, ge=30, le=95)
