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
    return words(SOURCES, language)


RANK_AXIS = {
    "en": "Rank (1st is best)", "lt": "Vieta (1-oji yra geriausia)", "lv": "Vieta (1. ir labākā)",
    "et": "Koht (1. on parim)", "pl": "Miejsce (1. jest najlepsze)", "de": "Rang (1. ist am besten)",
    "fr": "Rang (1 = le meilleur)", "es": "Posición (1 = la mejor)", "it": "Posizione (1 = la migliore)",
    "pt": "Posição (1 = a melhor)", "nl": "Rang (1 = de beste)", "sv": "Placering (1 = bäst)",
    "da": "Placering (1. er bedst)", "nb": "Plassering (1. er best)", "nn": "Plassering (1. er best)",
    "fi": "Sija (1. on paras)", "uk": "Місце (1 — найкраще)", "cs": "Pořadí (1. je nejlepší)",
}
"""The rank chart's value axis title when the chart sets none; where the charts write ordinals
as "1." (``charts/numbers.py``) the title does too, elsewhere it says "1 =" (1st, 1er, 1.º...
would differ from the ticks)."""


def rank_axis_title(language: str) -> str:
    """The rank chart's axis title in ``language`` (English where the language is not listed)."""
    return words(RANK_AXIS, language)


COVER = {
    "en": "Cover", "lt": "Viršelis", "lv": "Vāks", "et": "Kaas", "pl": "Okładka", "de": "Umschlag",
    "fr": "Couverture", "es": "Portada", "it": "Copertina", "pt": "Capa", "nl": "Omslag", "sv": "Omslag",
    "da": "Omslag", "nb": "Omslag", "nn": "Omslag", "fi": "Kansi", "uk": "Обкладинка", "cs": "Obálka",
}
"""The page label of the cover (what a viewer shows for its page number)."""
BACK_COVER = {
    "en": "Back cover", "lt": "Galinis viršelis", "lv": "Aizmugurējais vāks", "et": "Tagakaas",
    "pl": "Tylna okładka", "de": "Rückseite", "fr": "Quatrième de couverture", "es": "Contraportada",
    "it": "Quarta di copertina", "pt": "Contracapa", "nl": "Achterkant", "sv": "Baksida", "da": "Bagside",
    "nb": "Bakside", "nn": "Bakside", "fi": "Takakansi", "uk": "Задня обкладинка", "cs": "Zadní strana obálky",
}
"""The page label of the back cover."""
NOTE_LINK = {
    "en": "Go to the source note", "lt": "Eiti į šaltinio pastabą", "lv": "Pāriet uz avota piezīmi",
    "et": "Mine allika märkuse juurde", "pl": "Przejdź do przypisu źródłowego", "de": "Zur Quellenangabe",
    "fr": "Aller à la note de source", "es": "Ir a la nota de fuente", "it": "Vai alla nota della fonte",
    "pt": "Ir para a nota da fonte", "nl": "Naar de bronvermelding", "sv": "Gå till källhänvisningen",
    "da": "Gå til kildehenvisningen", "nb": "Gå til kildehenvisningen", "nn": "Gå til kjeldetilvisinga",
    "fi": "Siirry lähdeviitteeseen", "uk": "Перейти до примітки про джерело", "cs": "Přejít na poznámku o zdroji",
}
"""What a screen reader says of a note mark's link (its annotation's /Contents)."""


def words(table: dict[str, str], language: str) -> str:
    """``table``'s words in ``language`` (a BCP 47 tag; English where the language is not listed)."""
    return table.get(language.split("-")[0].lower(), table["en"])
