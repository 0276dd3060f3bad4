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



ALIASES = {"no": "nb"}
"""Languages pyphen knows by another name: Norwegian is written as Bokmål unless it says nn."""


def pyphen_language(language: str) -> str:
    """pyphen's name for a BCP 47 tag (el -> el, el-GR -> el_GR, pt-BR -> pt_BR, sr-Latn ->
    sr_Latn, no -> nb), or '' if pyphen has no dictionary for its language (zh)."""
    import pyphen

    first, *rest = language.replace("_", "-").split("-")
    parts = [ALIASES.get(first.lower(), first.lower())]
    parts += [part.title() if len(part) == 4 else part.upper() for part in rest]
    return str(pyphen.language_fallback("_".join(parts)) or "")


@lru_cache(maxsize=16)
def dictionary(language: str) -> Any:
    """pyphen's dictionary for a BCP 47 tag (en-GB, lt), or None if it has none."""
    import pyphen

    found = pyphen_language(language)
    if not found:
        return None
    preload(found)
    return pyphen.Pyphen(lang=found)
