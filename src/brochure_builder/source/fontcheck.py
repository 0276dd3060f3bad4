"""A TrueType file checked as its readers will read it, when the brand loads rather than when
a page or a chart is drawn: its table directory against the file (every table the embedding
reads is there, inside the file, with its checksum), the counts that size its tables against
their lengths (a font whose bytes are intact can still lie in its fields: a unitsPerEm of 0,
more glyphs than its ``loca`` holds), then parsed by ReportLab (the layout) and FreeType (the
charts), whose errors become the font's."""

from __future__ import annotations

import io
import struct

TRUETYPE = (b"\0\1\0\0", b"true")
UNITS_PER_EM = (16, 16384)
"""The range the OpenType specification allows, and FreeType accepts."""
Tables = dict[str, tuple[int, int, int]]
"""Tag: checksum, offset and length."""


def check_table_directory(data: bytes, required: tuple[str, ...]) -> Tables:
    kind = data[:4]
    if kind == b"OTTO":
        raise ValueError("not a usable TrueType font: it has CFF (PostScript) outlines, which cannot be "
                         "embedded; use the TrueType (.ttf with glyf outlines) version of the font")
    if kind == b"ttcf":
        raise ValueError("not a usable TrueType font: it is a font collection; give a single font file")
    if kind not in TRUETYPE or len(data) < 12:
        raise ValueError("not a usable TrueType font: not a TrueType file")
    count = struct.unpack_from(">H", data, 4)[0]
    if 12 + 16 * count > len(data):
        raise ValueError("not a usable TrueType font: the file is cut short (its table directory is incomplete)")
    tables = {}
    for index in range(count):
        raw_tag, checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        tag = raw_tag.decode("latin-1")
        if offset + length > len(data):
            raise ValueError(f"not a usable TrueType font: its '{tag}' table lies past the end of the file "
                             "(the file is cut short or damaged)")
        tables[tag] = (checksum, offset, length)
    missing = [tag for tag in required if tag not in tables]
    if missing:
        raise ValueError(f"not a usable TrueType font: it has no {', '.join(missing)} table"
                         + (" (CFF fonts cannot be embedded)" if "glyf" in missing else ""))
    for tag in required:
        if table_checksum(data, *tables[tag][1:], head=tag == "head") != tables[tag][0]:
            raise ValueError(f"not a usable TrueType font: its '{tag}' table is damaged (checksum mismatch)")
    return tables


def check_counts(data: bytes, tables: Tables) -> None:
    """The header fields that size the other tables, each in its range and each table as long
    as they make it (ReportLab reads past a short table into the next one)."""
    head, hhea, maxp = (_table(data, tables, tag, size) for tag, size in (("head", 54), ("hhea", 36), ("maxp", 6)))
    per_em, loca_format = struct.unpack_from(">H", head, 18)[0], struct.unpack_from(">h", head, 50)[0]
    glyphs, metrics = struct.unpack_from(">H", maxp, 4)[0], struct.unpack_from(">H", hhea, 34)[0]
    low, high = UNITS_PER_EM
    if not low <= per_em <= high:
        _refuse(f"its unitsPerEm is {per_em} (head table); it must be from {low} to {high}")
    if loca_format not in (0, 1):
        _refuse(f"its indexToLocFormat is {loca_format} (head table); it must be 0 or 1")
    if glyphs < 1 or not 1 <= metrics <= glyphs:
        _refuse(f"it has {glyphs} glyphs (maxp) and {metrics} horizontal metrics (hhea); it needs at least one "
                "glyph and from 1 to as many metrics as glyphs")
    _table(data, tables, "hmtx", 4 * metrics + 2 * (glyphs - metrics))
    loca = _table(data, tables, "loca", (glyphs + 1) * (2 << loca_format))
    offsets = struct.unpack_from(f">{glyphs + 1}{'HI'[loca_format]}", loca)
    if any(b < a for a, b in zip(offsets, offsets[1:], strict=False)) \
            or offsets[-1] * (2 - loca_format) > tables["glyf"][2]:
        _refuse("its 'loca' table points outside its 'glyf' table (the glyph outlines)")
    if "OS/2" in tables:
        version = struct.unpack_from(">H", _table(data, tables, "OS/2", 2))[0]
        _table(data, tables, "OS/2", 96 if version >= 2 else 78)
    if "name" in tables:
        _table(data, tables, "name", 6 + 12 * struct.unpack_from(">H", _table(data, tables, "name", 6), 2)[0])


def _table(data: bytes, tables: Tables, tag: str, needed: int) -> bytes:
    """The table ``tag``, refused if shorter than the ``needed`` bytes its fields say it has."""
    _checksum, offset, length = tables[tag]
    if length < needed:
        _refuse(f"its '{tag}' table is {length} bytes long; its fields say it has {needed}")
    return data[offset:offset + length]


def _refuse(reason: str) -> None:
    raise ValueError(f"not a usable TrueType font: {reason}")


def check_readers(data: bytes) -> None:
    """Raise ``ValueError`` saying what is wrong if ReportLab or FreeType cannot use the font."""
    _parse_as_reportlab(data)
    _parse_as_freetype(data)


def _parse_as_reportlab(data: bytes) -> None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        TTFontFile(io.BytesIO(data), validate=0)
    except Exception as exc:  # ReportLab raises TTFError, and arithmetic and struct errors alike
        raise ValueError(f"not a font ReportLab can use: {type(exc).__name__}: {exc}") from None


def _parse_as_freetype(data: bytes) -> None:
    """FreeType (through matplotlib, which draws the charts) opens it and finds every glyph its
    character map names."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(io.BytesIO(data))
        glyphs = font.num_glyphs
        beyond = [code for code, glyph in font.get_charmap().items() if glyph >= glyphs]
    except Exception as exc:  # FreeType's errors come as RuntimeError, ValueError or OSError
        raise ValueError(f"not a font FreeType (the charts) can use: {type(exc).__name__}: {exc}") from None
    if beyond:
        _refuse(f"its character map names glyphs past its last ({glyphs - 1}), for example for U+{beyond[0]:04X}")


def table_checksum(data: bytes, offset: int, length: int, head: bool = False) -> int:
    table = data[offset:offset + length]
    if head:  # its checksumAdjustment (bytes 8 to 12) counts as zero
        table = table[:8] + b"\0\0\0\0" + table[12:]
    table += b"\0" * (-len(table) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(table) // 4}I", table)
    return sum(words) & 0xFFFFFFFF
