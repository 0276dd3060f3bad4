"""Kinds of pikepdf objects: every pikepdf object answers ``get`` and ``read_raw_bytes``, so
kinds are told by type, never by the methods an object seems to have."""

from __future__ import annotations

from typing import Any


def is_dict(value: Any) -> bool:
    """A dictionary or a stream (whose dictionary is read the same way)."""
    import pikepdf

    return isinstance(value, (pikepdf.Dictionary, pikepdf.Stream))


def is_stream(value: Any) -> bool:
    import pikepdf

    return isinstance(value, pikepdf.Stream)
