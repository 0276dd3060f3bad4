"""Paragraph styles derived from the brand's type scale, fonts and colours."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph as _reportlab_paragraph

from ..resources.fonts import FontNames
from ..resources.hyphenation import pyphen_language
from ..resources.palette import Palette
from ..source.theme import TypeScale


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    lead: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    kicker: ParagraphStyle
    stat_value: ParagraphStyle
    stat_label: ParagraphStyle
    source: ParagraphStyle
    card_title: ParagraphStyle
    card_text: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    callout_title: ParagraphStyle
    caption: ParagraphStyle
    footer: ParagraphStyle
    when: ParagraphStyle
    table: ParagraphStyle
    table_head: ParagraphStyle


def hyphenation_language(language: str) -> str:
    """pyphen's name for a BCP 47 tag ('en-GB' -> 'en_GB'), or '' (no hyphenation) for a
    language pyphen has no dictionary for (ReportLab would fail on it)."""
    return pyphen_language(language)


def _hyphenate_every_script() -> None:
    """ReportLab asks pyphen to hyphenate a word only if its letters are in a list of Latin
    and basic Russian letters: Greek was never hyphenated, nor a Ukrainian word with і, ї, є
    or ґ. Any letter will do (pyphen knows its language's), and a word may stand in guillemets."""
    letters = r"[^\W\d_]"
    shy = _reportlab_paragraph._hy_shy
    _reportlab_paragraph._hy_letters_pat = re.compile(f"^{letters}+$")
    _reportlab_paragraph._hy_shy_letters_pat = re.compile(f"^(?:[{shy}]|{letters})+$")
    _reportlab_paragraph._hy_pfx_pat = re.compile(_reportlab_paragraph._hy_pfx_pat.pattern.replace("]", "\u00ab\u2039\u00bb]", 1))
    _reportlab_paragraph._hy_sfx_pat = re.compile(_reportlab_paragraph._hy_sfx_pat.pattern.replace("]+$", "\u00bb\u203a\u00ab\u201c]+$"))


_hyphenate_every_script()


def make_styles(scale: TypeScale, fonts: FontNames, palette: Palette, language: str) -> Styles:
    ink, muted, primary = palette["ink"], palette["muted"], palette["primary"]
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=scale.body, leading=scale.body * scale.leading,
        textColor=ink, alignment=TA_LEFT, spaceAfter=scale.body * 0.8,
        hyphenationLang=hyphenation_language(language), embeddedHyphenation=1,
        hyphenationMinWordLength=6, allowWidows=0, allowOrphans=0, splitLongWords=1, uriWasteReduce=0.3,
        language=language,
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **changes)

    def heading(name: str, size: float, font: str, **changes: object) -> ParagraphStyle:
        settings: dict[str, object] = {"leading": size * 1.15, "hyphenationLang": "", "keepWithNext": 1}
        return derive(name, fontName=font, fontSize=size, **{**settings, **changes})

    table_size = max(scale.body - 1, scale.small)  # tables set a little smaller than the text

    return Styles(
        body=body,
        lead=derive("lead", fontName=fonts.light, fontSize=scale.lead, leading=scale.lead * 1.4,
                    spaceAfter=scale.lead * 0.9, hyphenationLang=""),
        h1=heading("h1", scale.h1, fonts.display, textColor=palette["on_primary"]),
        h2=heading("h2", scale.h2, fonts.bold, spaceBefore=scale.h2 * 0.7, spaceAfter=scale.h2 * 0.45),
        h3=heading("h3", scale.h3, fonts.bold, textColor=primary, spaceBefore=scale.h3 * 0.6,
                   spaceAfter=scale.h3 * 0.3),
        kicker=heading("kicker", scale.small + 2.5, fonts.bold, leading=(scale.small + 2.5) * 1.3,
                       textColor=palette["on_primary"], spaceAfter=6),
        stat_value=heading("stat_value", scale.stat, fonts.display, textColor=primary,
                           leading=scale.stat * 1.05, spaceAfter=4),
        stat_label=derive("stat_label", fontName=fonts.bold, fontSize=scale.body,
                          leading=scale.body * 1.3, spaceAfter=3, hyphenationLang=""),
        source=derive("source", fontSize=scale.small, leading=scale.small * 1.35, textColor=muted,
                      spaceAfter=0, hyphenationLang=""),
        card_title=heading("card_title", scale.h3, fonts.bold, spaceAfter=4),
        card_text=derive("card_text", fontSize=scale.body - 0.5, leading=(scale.body - 0.5) * 1.42,
                         spaceAfter=0),
        quote=derive("quote", fontName=fonts.light, fontSize=scale.h2, leading=scale.h2 * 1.3,
                     textColor=primary, spaceAfter=4, hyphenationLang=""),
        attribution=derive("attribution", fontName=fonts.bold, fontSize=scale.small + 0.5,
                           textColor=muted, spaceAfter=0),
        callout_title=heading("callout_title", scale.body + 1, fonts.bold, spaceAfter=3),
        caption=derive("caption", fontName=fonts.bold, fontSize=scale.body, leading=scale.body * 1.3,
                       spaceAfter=4, keepWithNext=1, hyphenationLang=""),
        footer=derive("footer", fontSize=scale.small, leading=scale.small * 1.2, textColor=muted,
                      hyphenationLang=""),
        when=heading("when", scale.h2 * 1.4, fonts.display, textColor=primary, spaceAfter=0),
        table=derive("table", fontSize=table_size, leading=table_size * 1.3, spaceAfter=0,
                     hyphenationLang=""),
        table_head=derive("table_head", fontName=fonts.bold, fontSize=table_size,
                          leading=table_size * 1.3, spaceAfter=0, hyphenationLang=""),
    )
