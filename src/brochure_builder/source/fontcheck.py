"""A TrueType file's table directory checked against the file: every table the embedding
reads is there, lies inside the file and matches its checksum (a truncated or damaged font
is refused when the brand loads, not when a page is drawn)."""

from __future__ import annotations

import struct

TRUETYPE = (b"\0\1\0\0", b"true")


def check_table_directory(data: bytes, required: tuple[str, ...]) -> None:
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
        if _checksum(data, *tables[tag][1:], head=tag == "head") != tables[tag][0]:
            raise ValueError(f"not a usable TrueType font: its '{tag}' table is damaged (checksum mismatch)")


def _checksum(data: bytes, offset: int, length: int, head: bool = False) -> int:
    table = data[offset:offset + length]
    if head:  # its checksumAdjustment (bytes 8 to 12) counts as zero
        table = table[:8] + b"\0\0\0\0" + table[12:]
    table += b"\0" * (-len(table) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(table) // 4}I", table)
    return sum(words) & 0xFFFFFFFF
