"""The print file's colour: its output intent (an ICC profile and the condition it describes) and
raster images converted into it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageCms

    from ..source.theme import Brand

BUNDLED_PROFILE = Path(__file__).resolve().parent.parent / "data" / "icc" / "FOGRA39-300.icc"
BUNDLED_IDENTIFIER = "FOGRA39"
BUNDLED_CONDITION = ("Offset commercial printing, coated paper type 1 or 2, 115 g/m2 "
                     "(ISO 12647-2:2004/Amd 1, FOGRA39); 300% total ink")
REVERSED_TEXT_MIN_PT = 9.0
"""White type out of a colour printed on two plates or more is at least this size (a print shop
warns below it: the plates never sit exactly on each other, and thin letters fill in)."""
PAPER_WHITE = (255, 255, 255)
"""What transparent pixels of an image are flattened onto: CMYK images carry no alpha here."""


@dataclass(frozen=True)
class OutputIntent:
    """What a PDF/X OutputIntent says: the profile and the printing condition it stands for."""

    profile: Path
    identifier: str
    condition: str
    registry: str

    @property
    def profile_bytes(self) -> bytes:
        return _read(self.profile, self.profile.stat().st_mtime_ns)

    @property
    def description(self) -> str:
        """The profile's own name (its 'desc' tag), or the file name."""
        return _description(self.profile_bytes) or self.profile.name


def output_intent(brand: Brand) -> OutputIntent:
    """The brand's printing condition, or the bundled FOGRA39 (coated offset, 300% ink)."""
    intent = brand.print.output_intent
    if intent.profile is None:
        return OutputIntent(BUNDLED_PROFILE, intent.identifier or BUNDLED_IDENTIFIER,
                            intent.condition or BUNDLED_CONDITION, intent.registry)
    return OutputIntent(intent.profile, intent.identifier or intent.profile.stem,
                        intent.condition or intent.identifier or "", intent.registry)


@lru_cache(maxsize=8)
def _read(path: Path, _modified_ns: int) -> bytes:
    return path.read_bytes()


def _description(profile: bytes) -> str:
    """The text of an ICC v2 'desc' tag (ASCII part), or '' if there is none."""
    count = int.from_bytes(profile[128:132], "big")
    for index in range(min(count, 100)):
        entry = profile[132 + 12 * index: 144 + 12 * index]
        if entry[:4] == b"desc":
            offset = int.from_bytes(entry[4:8], "big")
            if profile[offset:offset + 4] == b"desc":
                length = int.from_bytes(profile[offset + 8:offset + 12], "big")
                return profile[offset + 12:offset + 12 + length].split(b"\0")[0].decode("latin-1")
    return ""


def to_cmyk(image: Image.Image, profile: Path) -> Image.Image:
    """``image`` converted to CMYK through the output profile (perceptual, black point
    compensation) from its embedded profile, else sRGB: black becomes a black built on K within
    the profile's ink limit, not 100/100/100/0. CMYK images are taken as made for the press."""
    from PIL import ImageCms

    if image.mode == "CMYK":
        return image
    source = image.info.get("icc_profile") or b""
    image = flattened(image)
    converted = ImageCms.applyTransform(image, _transform(source, profile, profile.stat().st_mtime_ns))
    assert converted is not None  # not converted in place, so a new image
    return converted


def flattened(image: Image.Image) -> Image.Image:
    """``image`` in RGB, transparent pixels made paper."""
    from PIL import Image as PILImage

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = PILImage.new("RGB", rgba.size, PAPER_WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image if image.mode == "RGB" else image.convert("RGB")


@lru_cache(maxsize=8)
def _transform(source: bytes, profile: Path, _modified_ns: int) -> ImageCms.ImageCmsTransform:
    """sRGB (or the image's own RGB profile, if it is one Little CMS can read) to the output."""
    import io

    from PIL import ImageCms

    start = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    if source:
        try:
            embedded = ImageCms.ImageCmsProfile(io.BytesIO(source))
            if embedded.profile.xcolor_space.strip() == "RGB":
                start = embedded
        except (OSError, ImageCms.PyCMSError):
            pass  # an unreadable embedded profile: the image is taken as sRGB
    return ImageCms.buildTransform(
        start, ImageCms.ImageCmsProfile(str(profile)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
