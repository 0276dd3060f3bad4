"""A Paragraph that parses its markup once per process and breaks its lines once per width.

ReportLab parses a paragraph's markup whenever one is made, and breaks its lines again on
every ``wrap``. A rebuild in the same process (``watch``, mail merge) makes the same
paragraphs again, and a frame wraps one paragraph at the same width several times (to place
it, to try a split, to keep it with the next block, to balance columns). Both results depend
only on what they are kept by: the markup and the style's attributes, and the width. A
paragraph gets its own copy of the parsed fragments, as line breaking marks them.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportLabParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from .tagging import SOFT_HYPHEN, Element, LineEnd, TaggedText, link_element, link_href, marker_of, same_glyph

_parsed: dict[tuple[str, str], list[Any]] = {}
_fingerprints: WeakKeyDictionary[ParagraphStyle, str] = WeakKeyDictionary()


class Paragraph(ReportLabParagraph):
    _broken: tuple[float, Any, list[float], float] | None = None
    tag: Element | None = None
    """The structure element this paragraph's text belongs to, in a tagged PDF."""
    _ends: list[LineEnd] | None = None
    base_style: ParagraphStyle | None = None
    """The style a paragraph scaled to fit was first given."""
    _written: str | None = None
    """The text as written, before soft hyphens were added for a width."""
    _ends_kept = False
    """A part split off a paragraph keeps the line ends worked out on the whole."""
    _rest: str | None = None
    """The text a part split off the end of a paragraph has left to set."""

    def __init__(self, text: Any, style: Any = None, bulletText: Any = None, frags: Any = None,  # noqa: N803
                 **options: Any) -> None:
        if frags is None and isinstance(text, str) and isinstance(style, ParagraphStyle) and not (
                bulletText or getattr(style, "bulletText", None)):
            frags = _fragments(text, style)
        super().__init__(text, style, bulletText, frags, **options)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        broken = self._broken
        if broken is not None and broken[0] == availWidth:
            self.width, self.blPara, self._wrapWidths, self.height = broken
            return self.width, self.height
        self._soften_overlong_words(availWidth)
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if getattr(self, "width", None) == availWidth:  # not set when the width is too narrow
            self._broken = (availWidth, self.blPara, self._wrapWidths, self.height)
        if not self._ends_kept:
            self._ends = None
        return size

    def _soften_overlong_words(self, width: float) -> None:
        """Words wider than the line get soft hyphens at every point the language allows.

        ReportLab hyphenates a word once per line, and breaks a word it cannot fit without a
        hyphen at any letter (or not at all, once it has hyphenated it): a long compound in a
        narrow column ran out of its frame. Soft hyphens let it break as often as needed, each
        break with a hyphen; a word the dictionary cannot break is still broken where it must.
        The text is softened afresh from what was written for each width (a narrower column
        needs more breaks than a wider one was given)."""
        if not isinstance(self.text, str):
            return
        written = self._written if self._written is not None else self.text
        softened = soften_words(written, self.style, width)
        if softened != self.text:
            self.__init__(softened, self.style, caseSensitive=self.caseSensitive)  # type: ignore[misc]
            self._written = written

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) > 1 and self.tag is not None:
            first = parts[0].blPara.lines
            ends, used = _follow_lines(self._source_text(), first)
            for part in parts:
                part.tag = self.tag
            parts[0]._ends, parts[0]._ends_kept = ends, True
            parts[1]._rest = self._source_text()[used:].lstrip(" ")  # broken again where it lands
        return parts

    def beginText(self, x: float, y: float) -> Any:  # noqa: N802 (ReportLab's name)
        marker = marker_of(self.canv)
        if marker is None or self.tag is None:
            return super().beginText(x, y)
        ends = self.line_ends()
        for line, end in zip(self.blPara.lines, ends):
            if end.hyphen:
                _soften_hyphen(line, self.style.fontName)
        whole = _whole_link(self)
        if whole is None:
            return TaggedText(self.canv, x, y, self.tag, marker, ends)
        link = link_element(self.tag, whole)  # one link is the whole paragraph
        return TaggedText(self.canv, x, y, link, marker, ends, whole_link=link_href(whole))

    def _source_text(self) -> str:
        """The paragraph's text as written, before line breaking added hyphens to its words
        (ReportLab's plain text has them): the markup without its tags; for the part of a
        paragraph split over frames, what the earlier parts left."""
        if self._rest is not None:
            return self._rest
        if not isinstance(self.text, str):
            return str(self.getPlainText()).replace(SOFT_HYPHEN, "")
        plain = html.unescape(_TAG.sub("", self.text)).replace(SOFT_HYPHEN, "")
        return _SPACES.sub(" ", plain).strip(" ")

    def line_ends(self) -> list[LineEnd]:
        """How each line ends: with a space before the next line's first word, or inside a
        word broken by a hyphen that line breaking added (or neither)."""
        if self._ends is None:
            self._ends = _follow_lines(self._source_text(), self.blPara.lines)[0]
        return self._ends


def scaled(paragraph: Paragraph, scale: float) -> Paragraph:
    """The paragraph as written, its type and leading ``scale`` times its first style's, in
    the same structure element."""
    base: ParagraphStyle = paragraph.base_style or paragraph.style
    smaller = ParagraphStyle(f"{base.name}-{scale:.2f}", parent=base, fontSize=base.fontSize * scale,
                             leading=base.leading * scale)
    made = Paragraph(paragraph._written if paragraph._written is not None else paragraph.text, smaller)
    made.tag, made.base_style = paragraph.tag, base
    return made


_TAG = re.compile(r"<[^>]*>")
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_TOKEN = re.compile(r"[^\s<>]{8,}")
"""A run of eight or more non-space characters: a word or an address that may not fit a line."""
_LETTERS = re.compile(r"[^\W\d_]{6,}")
ADDRESS_BREAKS = "/.?&=_@#"
"""After these, an address (a URL, an e-mail, a path) may break: without a hyphen."""
_ADDRESS_BREAK = re.compile("([" + re.escape(ADDRESS_BREAKS) + "]+)(?=.)")
DASHES = "\u2013\u2014/"
"""After these, any word may break when it must: without a hyphen (1989–|1991)."""
_DASH_BREAK = re.compile("([" + DASHES + "])(?=.)")
_BOUND = re.compile(r"[^\s<>]+(?:\u00a0[^\s<>]+)+")
"""Words held together by no-break spaces."""


FIT_TOLERANCE = 0.01
"""Points a word may exceed its line and still fit: a word set to fill it exactly (a timeline's
date) measures a rounding error wider, and was broken (Septem-ber)."""


def soften_words(markup: str, style: ParagraphStyle, width: float) -> str:
    """``markup`` with soft hyphens where each token wider than ``width`` in ``style`` may
    break: a word where its language's dictionary allows, an address after its separators."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    language = getattr(style, "language", "") or ""
    size = float(style.fontSize)

    def width_of(text: str) -> float:
        return float(stringWidth(html.unescape(text), style.fontName, size))

    def too_wide(text: str) -> bool:
        return width_of(text) > width + FIT_TOLERANCE

    def soften(match: re.Match[str]) -> str:
        token = match.group(0)
        if not too_wide(token):
            return token
        if is_address(token):
            token = SOFT_HYPHEN.join(address_pieces(token))
        elif breaks_at_hyphens(token):  # a compound breaks after its own hyphens first
            return "".join(soften_part(part) for part in _COMPOUND_PARTS.split(token))
        else:
            return soften_part(token)
        return cut_pieces(token.split(SOFT_HYPHEN))

    def soften_part(part: str) -> str:
        if not too_wide(part):
            return part
        part = _DASH_BREAK.sub(lambda m: m.group(1) + SOFT_HYPHEN, part)
        part = _LETTERS.sub(lambda m: hyphenated(m.group(0), language), part)
        return cut_pieces(part.split(SOFT_HYPHEN))

    def cut_pieces(pieces: list[str]) -> str:
        """Pieces joined by soft hyphens, each cut to fit a line with the hyphen that ends it
        (the last has none): a piece that fitted only without its hyphen ran out of the line."""
        hyphen = width_of("-")
        return SOFT_HYPHEN.join(_cut(piece, width_of, width - (hyphen if i < len(pieces) - 1 else 0.0))
                                for i, piece in enumerate(pieces))

    def unbind(match: re.Match[str]) -> str:  # held together, yet wider than the line: let go
        return match.group(0).replace("\u00a0", " ") if too_wide(match.group(0)) else match.group(0)

    def text(piece: str) -> str:
        return _TOKEN.sub(soften, _BOUND.sub(unbind, piece))

    pieces = _TAG_SPLIT.split(markup)  # text, tag, text, tag...: only the text is touched
    return "".join(piece if index % 2 else text(piece) for index, piece in enumerate(pieces))


def is_address(token: str) -> bool:
    """Whether a run of text with no space is a web or mail address or a path."""
    return any(mark in token for mark in ("://", "www.", "@")) or token.count("/") >= 2


def address_pieces(token: str) -> list[str]:
    """An address cut after each run of its separators (where it may break, with no hyphen)."""
    return _ADDRESS_BREAK.sub(lambda m: m.group(1) + "\0", token).split("\0")


def _cut(piece: str, width_of: Callable[[str], float], width: float) -> str:
    """A piece with no break point that is still wider than the line, cut where it must be
    (ReportLab would let it run out of its frame once it has broken the word elsewhere).
    Linear in the piece's length: letters are measured one by one."""
    if width_of(piece) <= width:
        return piece
    room = width - width_of("-")
    cuts, current, used = [], "", 0.0
    for char in piece:
        advance = width_of(char)
        if current and used + advance > room:
            cuts.append(current)
            current, used = "", 0.0
        current += char
        used += advance
    return SOFT_HYPHEN.join([*cuts, current])


def hyphenated(word: str, language: str) -> str:
    """``word`` with a soft hyphen at every point the language's dictionary allows."""
    from ..resources.hyphenation import dictionary

    found = dictionary(language)
    return str(found.inserted(word, hyphen=SOFT_HYPHEN)) if found is not None else word


_COMPOUND_PARTS = re.compile(r"(?<=\w[-\u2010])(?=\w)")
"""Where ReportLab may break a compound written with hyphens: after each hyphen between letters."""


def breaks_at_hyphens(word: str) -> bool:
    """Whether ReportLab's embedded hyphenation breaks ``word`` after its own hyphens: it does
    only for a word of letters it knows (``resources/hyphenation.py`` widens them to every
    script; a digit, as in G7-Gipfel, still stops it), with no hyphen at an end or doubled."""
    from reportlab.platypus import paragraph as reportlab_paragraph

    core = reportlab_paragraph._hy_sfx_pat.sub("", reportlab_paragraph._hy_pfx_pat.sub("", word))
    parts = reportlab_paragraph._hy_shy_pat.split(core)
    return len(parts) >= 3 and "" not in parts and bool(reportlab_paragraph._hy_shy_letters_pat.match(core))
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
"""The spaces line breaking breaks at (not a no-break space, which stays inside a word)."""


def _soften_hyphen(line: Any, font: str) -> None:
    """Write the hyphen that line breaking added at the end of ``line`` as a soft hyphen
    (U+00AD), where the font draws both with one glyph: the text then reads as the whole word
    it is. An address broken after its separator gets no hyphen at all."""
    if isinstance(line, tuple):
        words = line[1]
        if words and words[-1].endswith("-"):
            words[-1] = _ended(str(words[-1]), font)  # its own class would strip a soft hyphen
        return
    frags = [frag for frag in line.words if getattr(frag, "text", "")]
    if frags and frags[-1].text.endswith("-"):
        frags[-1].text = _ended(frags[-1].text, frags[-1].fontName)


def _ended(text: str, font: str) -> str:
    if text[-2:-1] and text[-2] in ADDRESS_BREAKS + DASHES:
        return text[:-1]
    return text[:-1] + SOFT_HYPHEN if same_glyph(font, "-", SOFT_HYPHEN) else text


def _whole_link(paragraph: Paragraph) -> Any:
    """The link a paragraph of one fragment is (ReportLab then draws it as plain lines, each
    with its annotation, and tells nobody), or None."""
    if paragraph.blPara.kind != 0 or not paragraph.frags:
        return None
    links = getattr(paragraph.frags[0], "link", None)
    return links[0] if links else None


def _line_text(line: Any) -> str:
    if isinstance(line, tuple):  # a line of plain words
        return " ".join(line[1])
    return "".join(getattr(frag, "text", "") for frag in line.words)


def _follow_lines(plain: str, lines: list[Any]) -> tuple[list[LineEnd], int]:
    """Follow the lines through the paragraph's own text: a line is followed by a space when
    the text has one where the line ends, or when the line ends in a forced break; a hyphen at
    a line's end that the text does not have was added by line breaking. Also how much of the
    text the lines have set."""
    text, position, ends = plain, 0, []
    for line in lines:
        added = False
        for char in _line_text(line):
            if char == " ":
                continue
            while position < len(text) and text[position] == " ":
                position += 1
            added = False
            if position < len(text) and text[position] == char:
                position += 1
            elif char in "-\xad":
                added = True
            else:
                return [LineEnd(space=True)] * len(lines), len(text)  # the text and the lines disagree
        space = getattr(line, "lineBreak", False) or (position < len(text) and text[position] == " ")
        ends.append(LineEnd(space=space, hyphen=added and not space))
    return ends, position


def _fragments(text: str, style: ParagraphStyle) -> list[Any] | None:
    """Fresh copies of the fragments ReportLab's parser makes of ``text`` in ``style``; None
    (parse as usual) when the markup changes the style or carries a bullet."""
    key = (text, style_fingerprint(style))
    if key not in _parsed:
        parser = ParaParser()
        parser.caseSensitive = 1
        parsed_style, frags, bullet = parser.parse(cleanBlockQuotedText(text), style)
        if frags is None or bullet or parsed_style is not style:
            return None
        textTransformFrags(frags, style)
        if len(_parsed) > 5000:
            _parsed.clear()
        _parsed[key] = frags
    return [copy.copy(frag) for frag in _parsed[key]]


def style_fingerprint(style: ParagraphStyle) -> str:
    """Every attribute of the style, worked out once per style object (kept beside it, not in
    it: a style made with ``parent=style`` copies its parent's attributes)."""
    found = _fingerprints.get(style)
    if found is None:
        found = _fingerprints[style] = repr(sorted((k, v) for k, v in vars(style).items()
                                                   if k not in ("name", "parent")))
    return found


def plain_text(markup: str) -> str:
    """The text of paragraph markup as a reader sees it: without its tags and entities."""
    return html.unescape(_TAG.sub("", markup))


def widest_word(paragraph: ReportLabParagraph) -> float:
    """The width of the paragraph's widest word in its style (no line can be narrower); where
    the style breaks at hyphens written in the text (``embeddedHyphenation``), the widest part
    of a compound up to its hyphen (Oder- Neiße- Radweg)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style = paragraph.style
    text = html.unescape(_TAG.sub(" ", paragraph.text)) if isinstance(paragraph.text, str) else ""
    words = [word.replace(SOFT_HYPHEN, "") for word in text.split()]
    if getattr(style, "embeddedHyphenation", 0):
        words = [part for word in words for part in (_COMPOUND_PARTS.split(word) if breaks_at_hyphens(word)
                                                      else [word])]
    return max((stringWidth(word, style.fontName, style.fontSize) for word in words), default=0.0)
