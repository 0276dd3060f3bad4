"""Inline markup: a small Markdown subset (bold, italic, links, source notes) to ReportLab.

markdown-it-py parses; everything else in the text is shown literally (``<``, ``&`` and
friends are escaped), and typographic quotes and dashes follow the document's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from html import escape as _html_escape

from markdown_it import MarkdownIt
from markdown_it.token import Token

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
"""White space to fold: not the no-break space (U+00A0), which keeps words on one line."""
_SPACED_DASH = re.compile(r" ([\u2013\u2014\u00b7\u2022|/-]) ")
"""A dash or a separator (middle dot, bullet, bar) between spaces: the space before it does
not break, so no line starts with one."""
_PHONE = re.compile(r"\+\d{1,3}(?:[ \u00a0/().-]{0,3}\d{1,6}){1,6}(?!\d|[.,]\d)")
"""An international phone number (+49 3581 000000, +44 (0)20 7946 0000, +49 3581 / 000000):
kept on one line."""
_NOTE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
_SPACED_QUOTES = {"fr": "\u00a0"}
"""Languages whose quotation marks take a space inside: French sets « mot », with a space that
neither breaks nor stretches (a guillemet never starts or ends a line alone). The no-break space
(U+00A0), which every text font has, rather than the narrow one (U+202F) many lack."""
_TAGS = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>", "em_close": "</i>"}


def quotation_marks(language: str) -> list[str]:
    """The language's quotation marks (CLDR's): opening, closing, inner opening, inner closing,
    each with the space the language sets inside it."""
    from .quotedata import QUOTES

    tag = language.replace("_", "-")
    while tag not in QUOTES and "-" in tag:
        tag = tag.rsplit("-", 1)[0]
    marks = QUOTES.get(tag, QUOTES["en"])
    space = _SPACED_QUOTES.get(language.split("-")[0].lower(), "")
    return [marks[0] + space, space + marks[1], marks[2] + space, space + marks[3]]


@lru_cache(maxsize=8)
def _parser(language: str) -> MarkdownIt:
    md = MarkdownIt("zero", {"typographer": True, "quotes": quotation_marks(language)})
    return md.enable(["emphasis", "link", "escape", "replacements", "smartquotes", "newline"])


def clean(text: str) -> str:
    """Remove control characters and fold runs of white space (no-break spaces stay)."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip(" ")


@lru_cache(maxsize=8192)
def drawn_text(text: str, language: str = "en", *, upper: bool = False) -> str:
    """The characters ``text`` is drawn with: the language's quotation marks and dashes in, the
    markup (and links' addresses) out, in capitals if ``upper``. Kept per process: a mailing
    checks the same texts for every copy."""
    tokens = _parser(language).parseInline(clean(text))
    children = tokens[0].children or [] if tokens else []
    shown = "".join(token.content for token in children if token.type == "text")
    return capitals(shown, language) if upper else shown


def capitals(text: str, language: str) -> str:
    """``text`` in capitals by the rules of ``language`` (Greek drops its accents, Turkish
    dots its capital i); Unicode's default capitals for any other."""
    rule = _CAPITALS.get(language.split("-")[0].lower())
    return rule(text) if rule else text.upper()


_GREEK_ACCENTS = frozenset("\u0300\u0301\u0342\u0313\u0314\u0343")
"""Marks Greek capitals drop (tonos, grave, circumflex, breathings); the diaeresis stays."""
_DIAERESIS = "\u0308"
_DIPHTHONGS = {"ι": "αεου", "υ": "αεηο"}
"""A second vowel and the first vowels it makes a diphthong with (αι, ευ...)."""
_CLUSTER = re.compile(r"(.)([\u0300-\u036f]*)", re.DOTALL)
_GREEK_OR = re.compile(r"(?<![^\W\d_])[ήΉ](?![^\W\d_])")
"""The word ή ('or') keeps its accent in capitals, to tell it from the article η."""
_KEPT = "\ue000"  # stands for it meanwhile (a private use character)


def _greek_capitals(text: str) -> str:
    """Greek all-capitals: accents dropped (Ετήσια έκθεση: ΕΤΗΣΙΑ ΕΚΘΕΣΗ), the diaeresis kept,
    and added where a dropped accent kept two vowels apart (Μάιος: ΜΑΪΟΣ), as ICU does."""
    out, parted = [], ""
    for base, marks in _CLUSTER.findall(unicodedata.normalize("NFD", _GREEK_OR.sub(_KEPT, text))):
        greek = "\u0370" <= base <= "\u03ff" or "\u1f00" <= base <= "\u1fff"
        if greek and parted and parted in _DIPHTHONGS.get(base.lower(), "") and _DIAERESIS not in marks:
            marks += _DIAERESIS
        accented = greek and any(mark in _GREEK_ACCENTS for mark in marks)
        if greek:
            marks = "".join(mark for mark in marks if mark not in _GREEK_ACCENTS)
        parted = base.lower() if accented else ""
        out.append(base + marks)
    return unicodedata.normalize("NFC", "".join(out).upper()).replace(_KEPT, "\u0389")


_CAPITALS: dict[str, Callable[[str], str]] = {
    "el": _greek_capitals,
    "tr": lambda text: text.replace("i", "\u0130").upper(),
    "az": lambda text: text.replace("i", "\u0130").upper(),
}


def to_reportlab(
    text: str, *, language: str = "en", notes: dict[str, int] | None = None, link_colour: str = "",
    underline_links: bool = False, upper: bool = False,
) -> str:
    """Turn inline Markdown into ReportLab paragraph markup; ``upper`` capitalises the text a
    reader sees, never a link's address, a note's id or the markup. Links take ``link_colour``
    (none: the text's own) and are underlined if asked."""
    look = (f" color={_attribute(link_colour)}" if link_colour else "") + (' underline="1"' if underline_links else "")
    return _converted(text, language, tuple(sorted((notes or {}).items())), look, upper)


@lru_cache(maxsize=4096)
def _converted(text: str, language: str, notes: tuple[tuple[str, int], ...], link_look: str,
               upper: bool) -> str:
    """Kept per process: rebuilds (``watch``, mail merge) convert the same texts again."""
    tokens = _parser(language).parseInline(clean(text))
    children = tokens[0].children or [] if tokens else []
    state = _Rendering(dict(notes), link_look, language if upper else "")
    return "".join(state.render(token) for token in children)


class _Rendering:
    """Renders one text's tokens; a link to an address not allowed is shown as its text only."""

    def __init__(self, notes: dict[str, int], link_look: str, capitals_of: str) -> None:
        """``capitals_of``: the language whose capitals the text is set in, if it is."""
        self.notes, self.link_look, self.capitals_of = notes, link_look, capitals_of
        self.dropped_links = 0
        self.phone = False  # inside a tel: link, whose text is kept on one line

    def render(self, token: Token) -> str:
        if token.type in _TAGS:
            return _TAGS[token.type]
        if token.type == "link_open":
            href = str(token.attrGet("href"))
            if not allowed_link(href, set(self.notes)):
                self.dropped_links += 1
                return ""
            self.phone = href.lower().startswith("tel:")
            return f"<a href={_attribute(href)}{self.link_look}>"
        if token.type == "link_close":
            self.phone = False
            return "</a>" if not self.dropped_links else self._drop_close()
        if token.type in ("softbreak", "hardbreak"):
            return " " if token.type == "softbreak" else "<br/>"
        return self._text(_bound(token.content, whole=self.phone))

    def _drop_close(self) -> str:
        self.dropped_links -= 1
        return ""

    def _text(self, content: str) -> str:
        """Escaped text with its source notes linked; capitals only outside the notes."""
        out, last = [], 0
        for match in _NOTE.finditer(content):
            out += [self._shown(content[last:match.start()]), _note(match.group(1), self.notes)]
            last = match.end()
        return "".join([*out, self._shown(content[last:])])

    def _shown(self, text: str) -> str:
        return escape(capitals(text, self.capitals_of) if self.capitals_of else text)


def _bound(text: str, *, whole: bool) -> str:
    """``text`` with the spaces that must not break made no-break: before a spaced dash or
    separator, inside a phone number, everywhere if ``whole`` (a phone link's text)."""
    if whole:
        return text.replace(" ", "\u00a0")
    text = _SPACED_DASH.sub("\u00a0\\1 ", text)
    return _PHONE.sub(lambda match: match.group(0).replace(" ", "\u00a0"), text)


ALLOWED_SCHEMES = ("http:", "https:", "mailto:", "tel:")
"""Where a link may go; ``#note-ID`` goes to a source note. Anything else (``pdf:`` opens a
local file, ``#anchor`` a place that does not exist) is refused when the brochure loads."""


def allowed_link(href: str, notes: set[str]) -> bool:
    if href.lower().startswith(ALLOWED_SCHEMES):
        return True
    return href.startswith("#note-") and href.removeprefix("#note-") in notes


def link_targets(text: str) -> list[str]:
    """The addresses of the links in ``text``, including those markdown-it would not link."""
    tokens = _link_parser().parseInline(clean(text))
    children = tokens[0].children or [] if tokens else []
    return [str(token.attrGet("href")) for token in children if token.type == "link_open"]


@lru_cache(maxsize=1)
def _link_parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(["link", "escape"])
    md.validateLink = _every_link  # type: ignore[method-assign,assignment]
    return md


def _every_link(_url: str) -> bool:
    """markdown-it leaves ``javascript:`` and the like as text; we want to name them."""
    return True


def _note(note_id: str, notes: dict[str, int]) -> str:
    if note_id not in notes:
        return escape(f"[^{note_id}]")
    return f'<super><a href="#note-{note_id}">{notes[note_id]}</a></super>'


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (xml.sax.saxutils would cost 10 ms of imports)."""
    return _html_escape(text, quote=False)


def _attribute(value: str) -> str:
    return '"' + escape(value).replace('"', "&quot;") + '"'


def cited_notes(text: str) -> list[str]:
    """The ids of the source notes ``text`` cites (``[^id]``), in order."""
    return _NOTE.findall(text)


def spans(text: str) -> list[str]:
    """The inline markup of ``text``, one name per span in order: 'strong', 'em' or 'link'."""
    tokens = _parser("en").parseInline(clean(text))
    children = tokens[0].children or [] if tokens else []
    return [token.type.removesuffix("_open") for token in children if token.type.endswith("_open")]
