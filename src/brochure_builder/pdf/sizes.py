"""What a PDF's bytes are spent on: fonts and images, largest first."""

from __future__ import annotations

import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    label: str
    size: int

    def __str__(self) -> str:
        return f"{self.label}: {human(self.size)}"


def human(size: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1000 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} MB"


def largest_parts(pdf: bytes, image_names: dict[str, str], count: int = 6) -> list[Part]:
    """Each embedded font and image with the bytes it takes, largest first; an image by the
    asset it came from (``layout.context.image_key``) and the first page it is on."""
    import pikepdf

    from ..layout.context import image_key

    parts: dict[tuple[int, int], Part] = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            for image in page.get_images().values():
                raw, pixels = image.read_raw_bytes(), (int(image.Width), int(image.Height))
                name = image_names.get(image_key(raw)) or image_names.get(image_key(pixels), image_key(pixels))
                parts.setdefault(image.objgen, Part(f"image {name} (page {number})", len(raw)))
            for font in page.Resources.get("/Font", {}).values():
                descriptor = font.get("/FontDescriptor")
                stream = descriptor.get("/FontFile2") if descriptor is not None else None
                if stream is not None:
                    label = f"font {str(font.BaseFont).split('+')[-1]}"
                    parts.setdefault(stream.objgen, Part(label, len(stream.read_raw_bytes())))
    return sorted(parts.values(), key=lambda p: -p.size)[:count]
