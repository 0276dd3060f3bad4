"""Hyphenation dictionaries (pyphen), parsed once and kept in the cache.

ReportLab asks pyphen for a dictionary by language; pyphen parses the ``.dic`` file on first
use in each process (about 0.06 s). A parsed dictionary is kept in the cache, keyed by the
file's digest, and handed to pyphen before ReportLab asks.
"""

from __future__ import annotations

from ..cache import cache_key, cached, digest_of


def preload(language: str) -> None:
    """Make ``language``'s dictionary ready in pyphen's own cache, if pyphen knows it."""
    import pyphen

    path = pyphen.LANGUAGES.get(language) or pyphen.LANGUAGES.get(pyphen.language_fallback(language) or "")
    if path is None or path in pyphen.hdcache:
        return
    key = cache_key({"pyphen": digest_of(path), "version": pyphen.__version__})
    pyphen.hdcache[path] = cached(key, lambda: pyphen.HyphDict(path))

