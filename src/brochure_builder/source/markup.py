"""Inline markup: a small Markdown subset (bold, italic, links, source notes) to ReportLab.

markdown-it-py parses; everything else in the text is shown literally (``<``, ``&`` and
friends are escaped), and typographic quotes and dashes follow the document's language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape as _html_escape

from markdown_it import MarkdownIt
from markdown_it.token import Token

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
"""White space to fold: not the no-break space (U+00A0), which keeps words on one line."""
_SPACED_DASH = re.compile(r" ([\u2013\u2014-]) ")
"""A dash between spaces: the space before it does not break, so no line starts with a dash."""
_NOTE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
_QUOTES = {"lt": "„“‚‘", "de": "„“‚‘", "fr": "«»‹›"}
_TAGS = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>", "em_close": "</i>"}


@lru_cache(maxsize=8)
def _parser(language: str) -> MarkdownIt:
    quotes = _QUOTES.get(language.split("-")[0], "“”‘’")
    md = MarkdownIt("zero", {"typographer": True, "quotes": quotes})
    return md.enable(["emphasis", "link", "escape", "replacements", "smartquotes", "newline"])


def clean(text: str) -> str:
    """Remove control characters and fold runs of white space (no-break spaces stay)."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip(" ")


def to_reportlab(
    text: str, *, language: str = "en", notes: dict[str, int] | None = None, link_colour: str = ""
) -> str:
    """Turn inline Markdown into ReportLab paragraph markup."""
    return _converted(text, language, tuple(sorted((notes or {}).items())), link_colour)


@lru_cache(maxsize=4096)
def _converted(text: str, language: str, notes: tuple[tuple[str, int], ...], link_colour: str) -> str:
    """Kept per process: rebuilds (``watch``, mail merge) convert the same texts again."""
    tokens = _parser(language).parseInline(clean(text))
    children = tokens[0].children or [] if tokens else []
    return "".join(_render(token, dict(notes), link_colour) for token in children)


def _render(token: Token, notes: dict[str, int], link_colour: str) -> str:
    if token.type in _TAGS:
        return _TAGS[token.type]
    if token.type == "link_open":
        colour = f" color={_attribute(link_colour)}" if link_colour else ""
        return f"<a href={_attribute(str(token.attrGet('href')))}{colour}>"
    if token.type == "link_close":
        return "</a>"
    if token.type in ("softbreak", "hardbreak"):
        return " " if token.type == "softbreak" else "<br/>"
    text = _SPACED_DASH.sub("\u00a0\\1 ", token.content)
    return _NOTE.sub(lambda m: _note(m.group(1), notes), escape(text))


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
