"""The few words the builder itself sets on a page, in the brochure's language.

A brochure written in a language gets these words in it; a brochure translated with a
catalogue gets the catalogue's (``brochure translate`` lists them with the author's texts).
"""

from __future__ import annotations

SOURCES = {
    "en": "Sources", "lt": "Šaltiniai", "lv": "Avoti", "et": "Allikad", "pl": "Źródła", "de": "Quellen",
    "fr": "Sources", "es": "Fuentes", "it": "Fonti", "pt": "Fontes", "nl": "Bronnen", "sv": "Källor",
    "da": "Kilder", "nb": "Kilder", "nn": "Kjelder", "fi": "Lähteet", "uk": "Джерела", "cs": "Zdroje",
}
"""The title of a list of source notes that has none of its own."""


def sources_title(language: str) -> str:
    """"Sources" in ``language`` (a BCP 47 tag; English where the language is not listed)."""
    return SOURCES.get(language.split("-")[0].lower(), SOURCES["en"])
