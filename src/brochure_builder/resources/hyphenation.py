"""Hyphenation dictionaries (pyphen), parsed once and kept in the cache.

ReportLab asks pyphen for a dictionary by language; pyphen parses the ``.dic`` file on first
use in each process (about 0.06 s). A parsed dictionary is kept in the cache, keyed by the
file's digest, and handed to pyphen before ReportLab asks.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..cache import cache_key, cached, digest_of


def preload(language: str) -> None:
    """Make ``language``'s dictionary ready in pyphen's own cache, if pyphen knows it."""
    import pyphen

    path = pyphen.LANGUAGES.get(language) or pyphen.LANGUAGES.get(pyphen.language_fallback(language) or "")
    if path is None or path in pyphen.hdcache:
        return
    key = cache_key({"pyphen": digest_of(path), "version": pyphen.__version__})
    pyphen.hdcache[path] = cached(key, lambda: pyphen.HyphDict(path), pyphen.HyphDict)



@lru_cache(maxsize=16)
def dictionary(language: str) -> Any:
    """pyphen's dictionary for a BCP 47 tag (en-GB, lt), or None if it has none."""
    import pyphen

    name = language.replace("-", "_")
    found = pyphen.LANGUAGES.get(name) and name or pyphen.language_fallback(name)
    if not found:
        return None
    preload(found)
    return pyphen.Pyphen(lang=found)
