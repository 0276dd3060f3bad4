"""Hostile asset files made at test time (nothing large is committed): images whose headers
lie, decompression bombs, truncated and corrupted files, SVGs and fonts that are not sane."""

from __future__ import annotations

import io
import struct
import zlib
from functools import lru_cache

from ..conftest import ROOT

LATO = ROOT / "src" / "brochure_builder" / "data" / "fonts" / "lato" / "Lato-Regular.ttf"


def chunk(kind: bytes, data: bytes, *, crc: int | None = None) -> bytes:
    """One PNG chunk: length, type, data, CRC (a given ``crc`` may lie)."""
    checksum = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum & 0xFFFFFFFF)


def png_header(width: int, height: int, *, depth: int = 8, colour: int = 2, idat: bytes = b"") -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels and carries ``idat`` (little or nothing)."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat or zlib.compress(b"\0" * 16)) \
        + chunk(b"IEND", b"")


def png_bomb(width: int, height: int) -> bytes:
    """A real 1-bit PNG of ``width`` x ``height`` black pixels: tiny on disk, huge decoded."""
    row = b"\0" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    parts = [packer.compress(row * 256) for _ in range(height // 256)]
    parts += [packer.compress(row * (height % 256)), packer.flush()]
    return png_header(width, height, depth=1, colour=0, idat=b"".join(parts))


def raster(width: int, height: int, fmt: str = "PNG", mode: str = "RGB", **save: object) -> bytes:
    """A genuine image made with Pillow (a gradient, so that JPEG has something to encode)."""
    from PIL import Image

    image = Image.linear_gradient("L").resize((width, height)).convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small genuine JPEG whose frame header (SOF0) claims another size."""
    data = bytearray(raster(64, 48, "JPEG"))
    at = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


def cut(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def flip(data: bytes, at: float, count: int = 64) -> bytes:
    """``count`` bytes inverted from ``at`` (a fraction of the length) on."""
    start = int(len(data) * at)
    return data[:start] + bytes(b ^ 0xFF for b in data[start:start + count]) + data[start + count:]


def svg(width: str | None = "40", height: str | None = "30", body: str = '<rect width="10" height="10"/>',
        viewbox: str | None = None, extra: str = "") -> bytes:
    attributes = "".join(f' {name}="{value}"' for name, value in
                         (("width", width), ("height", height), ("viewBox", viewbox)) if value is not None)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            f'{attributes}{extra}>{body}</svg>').encode()


def svg_elements(count: int) -> bytes:
    return svg(body='<rect x="1" y="1" width="1" height="1"/>' * count)


def svg_css(rules: int, elements: int, selector: str = "[x{i}]") -> bytes:
    """``rules`` CSS rules in a ``<style>`` sheet over ``elements`` shapes (attribute selectors
    are the ones cssselect2 cannot index: each is tried on every element)."""
    css = "".join(selector.format(i=i) + "{fill:red}" for i in range(rules))
    return svg(body=f"<style>{css}</style>" + "<rect width='1' height='1'/>" * elements)


def svg_illustrator(classes: int = 40, elements: int = 400) -> bytes:
    """An SVG as Illustrator exports it: class rules in a ``<style>`` inside ``<defs>``."""
    css = "".join(f".cls-{i}{{fill:#{i * 6:02x}6a44;stroke:#fdb913;stroke-miterlimit:10;stroke-width:0.5px;}}"
                  for i in range(1, classes + 1))
    shapes = "".join(f'<rect class="cls-{1 + i % classes}" x="{i % 20 * 2}" y="{i // 20 * 1.5}" width="1.5" '
                     'height="1"/>' for i in range(elements))
    return svg(body=f"<defs><style>{css}</style></defs>{shapes}", viewbox="0 0 40 30")


def svg_use_bomb(levels: int = 9, fan: int = 10) -> bytes:
    """``<use>`` elements that each repeat the level below ten times: 10^9 shapes once expanded."""
    defs = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}"/>' for _ in range(fan))
        defs.append(f'<g id="l{level}">{uses}</g>')
    return svg(body=f"<defs>{''.join(defs)}</defs><use xlink:href=\"#l{levels}\"/>")


def svg_with_image(data: bytes, mime: str) -> bytes:
    import base64

    href = f"data:{mime};base64,{base64.b64encode(data).decode()}"
    return svg(body=f'<image width="20" height="20" xlink:href="{href}"/>')


def svg_nested_groups(depth: int) -> bytes:
    return svg(body="<g>" * depth + "<rect width='1' height='1'/>" + "</g>" * depth)


@lru_cache(maxsize=1)
def lato() -> bytes:
    return LATO.read_bytes()


def font_with_table_entry(tag: bytes, *, offset: int | None = None, length: int | None = None) -> bytes:
    """Lato with one table directory entry lying about where its table is or how long."""
    data = bytearray(lato())
    tables = struct.unpack_from(">H", data, 4)[0]
    for index in range(tables):
        at = 12 + 16 * index
        if data[at:at + 4] == tag:
            _tag, checksum, old_offset, old_length = struct.unpack_from(">4sIII", data, at)
            struct.pack_into(">4sIII", data, at, tag, checksum,
                             old_offset if offset is None else offset, old_length if length is None else length)
    return bytes(data)


def cff_font() -> bytes:
    """An OpenType font with CFF outlines (no ``glyf`` table), made with fontTools."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({65: "A"})
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 700))
    pen.lineTo((0, 700))
    pen.closePath()
    strings = {".notdef": pen.getCharString(), "A": pen.getCharString()}
    builder.setupCFF("Test", {"FullName": "Test"}, strings, {})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    buffer = io.BytesIO()
    builder.save(buffer)
    return buffer.getvalue()


def malicious_pickle(marker: str) -> bytes:
    """A pickle that, if ever loaded, creates the file ``marker``."""
    import pickle

    class Plant:
        def __reduce__(self) -> tuple[object, tuple[str, ...]]:
            import os

            return (os.system, (f"touch {marker}",))

    return pickle.dumps(Plant())


def font_with_field(tag: bytes, at: int, fmt: str, value: int, *, length: int | None = None) -> bytes:
    """Lato with the field at ``at`` of its table ``tag`` set to ``value`` (packed as ``fmt``),
    or the table said to be ``length`` bytes long, and the table's checksum made right again,
    so that only what the field means can refuse it."""
    from brochure_builder.source.fontcheck import table_checksum

    data = bytearray(lato())
    for index in range(struct.unpack_from(">H", data, 4)[0]):
        entry = 12 + 16 * index
        if data[entry:entry + 4] == tag:
            offset, old_length = struct.unpack_from(">II", data, entry + 8)
            struct.pack_into(fmt, data, offset + at, value)
            new_length = old_length if length is None else length
            checksum = table_checksum(bytes(data), offset, new_length, head=tag == b"head")
            struct.pack_into(">III", data, entry + 4, checksum, offset, new_length)
            return bytes(data)
    raise KeyError(tag)
