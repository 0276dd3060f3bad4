"""Language codes: ``lt``, ``en-GB``: the language must be one Babel's locale data knows."""

from __future__ import annotations


def check_language(code: str) -> str:
    language = code.split("-")[0]
    if not _known(language):
        raise ValueError(f"'{language}' is not a known language code; use an ISO 639-1 code such as "
                         "en, lt, de or no, with a region if you like: en-GB")
    return code


def _known(language: str) -> bool:
    """Asked of Babel once and remembered in the cache (importing Babel costs 25 ms)."""
    from ..cache import cache_key, cached

    def ask() -> bool:
        from babel import localedata

        return bool(localedata.exists(language))

    return cached(cache_key({"language": language}), ask, bool)
