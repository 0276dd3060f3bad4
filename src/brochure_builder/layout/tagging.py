"""The logical structure of a brochure (a tagged PDF's structure tree), made while laying out.

Elements are made as the story is built, so that their order is the reading order: the order
of each element's ``kids``, not the order of drawing (the cover, drawn on the first page, is
filled into an element made before the sections). While pages are drawn, content that belongs
to an element is wrapped in marked content with an MCID (``BDC ... EMC``) and recorded in the
element; decoration is wrapped as an artifact. ``pdf/structure.py`` writes the tree into the PDF.

Marked content never nests in other marked content here: text of a paragraph is marked inside
its text object (``BT``/``ET``), and a link in it closes the paragraph's mark, opens its own
and reopens the paragraph's afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

Attributes = dict[str, Any]
HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


@dataclass(frozen=True)
class Content:
    """A marked-content sequence on a page (0-based), by its MCID."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """An annotation on a page (0-based), by its position in the page's annotation list."""

    page: int
    index: int
    contents: str


@dataclass(eq=False)
class Element:
    role: str
    kids: list[Element | Content | Annotation] = field(default_factory=list)
    alt: str | None = None
    element_id: str | None = None
    attributes: Attributes = field(default_factory=dict)
    """Attributes by owner, e.g. ``{"List": {"ListNumbering": "Disc"}}``."""

    def add(self, role: str, **options: Any) -> Element:
        element = Element(role, **options)
        self.kids.append(element)
        return element


class Tree:
    """The structure of one rendering: a Document element and what it holds."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self._heading = 0

    def heading(self, parent: Element, level: int) -> Element:
        """A heading element that never skips a level (an H3 straight after an H1 is an H2)."""
        level = max(1, min(level, self._heading + 1))
        self._heading = level
        return parent.add(HEADINGS[level - 1])


ArtifactKind = Literal["Pagination", "Layout", "Page"]
"""What an artifact is, as PDF 1.7 (14.8.2.2.2) names the kinds."""


class Marker:
    """Writes marked content into a canvas's page content, and records it in the elements."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._mcids: dict[int, int] = {}
        self._links: list[tuple[Element, str]] = []
        """Link elements, with where they lead, whose annotations ReportLab has yet to make (it
        makes them after the line's text), in the order they will come."""

    @property
    def page(self) -> int:
        return int(self.canvas.getPageNumber()) - 1

    def open(self, element: Element) -> str:
        """The operator that begins ``element``'s next piece of content on this page."""
        mcid = self._mcids.get(self.page, 0)
        self._mcids[self.page] = mcid + 1
        element.kids.append(Content(self.page, mcid))
        return f"/{element.role} <</MCID {mcid}>> BDC"

    def cancel(self, element: Element) -> None:
        """Take back the mark just opened for ``element`` (nothing was drawn in it)."""
        content = element.kids.pop()
        assert isinstance(content, Content) and self._mcids[content.page] == content.mcid + 1
        self._mcids[content.page] = content.mcid

    @contextmanager
    def marked(self, element: Element | None) -> Iterator[None]:
        """Mark what is drawn inside as ``element``'s content (or as an artifact for None)."""
        code = self.canvas._code
        code.append(self.open(element) if element is not None else "/Artifact BMC")
        yield
        code.append("EMC")

    @contextmanager
    def artifact(self, kind: ArtifactKind = "Layout") -> Iterator[None]:
        """Mark what is drawn inside as decoration or pagination, not content."""
        code = self.canvas._code
        code.append(f"/Artifact <</Type /{kind}>> BDC")
        yield
        code.append("EMC")

    def link_opened(self, element: Element, href: str) -> None:
        self._links.append((element, href))

    def annotation_added(self, index: int, contents: str, target: str) -> bool:
        """Give the annotation just made to the first waiting Link element that leads where it
        does (those before it got none: ReportLab made no annotation for them); False if none
        waits."""
        found = next((number for number, (_e, href) in enumerate(self._links) if href == target), None)
        if found is None:
            return False
        self._links[found][0].kids.append(Annotation(self.page, index, contents))
        del self._links[: found + 1]
        return True

    def text_ended(self) -> None:
        """A text object is written: any link still waiting will get no annotation."""
        self._links.clear()


def decoration_as_artifact(table: Any, event: str, *_args: Any) -> None:
    """A ReportLab Table's render callback: its backgrounds and rules are artifacts."""
    marker = marker_of(table.canv)
    if marker is None:
        return
    if event in ("startBG", "startLines"):
        table.canv._code.append("/Artifact <</Type /Layout>> BDC")
    elif event in ("endBG", "endLines"):
        table.canv._code.append("EMC")


DECORATION_EVENTS = ("startBG", "startLines", "endBG", "endLines")
"""A table's render events around its backgrounds and rules."""


def marker_of(canvas: Canvas) -> Marker | None:
    return getattr(canvas, "marker", None)


@contextmanager
def marked(canvas: Canvas, element: Element | None) -> Iterator[None]:
    """``element``'s content (an artifact for None), on a canvas that tags; else nothing."""
    marker = marker_of(canvas)
    if marker is None:
        yield
        return
    with marker.marked(element):
        yield


@contextmanager
def artifact(canvas: Canvas, kind: ArtifactKind = "Layout") -> Iterator[None]:
    marker = marker_of(canvas)
    if marker is None:
        yield
        return
    with marker.artifact(kind):
        yield


@dataclass(frozen=True)
class LineEnd:
    space: bool = False
    """A space separates this line's last word from the next line's first."""
    hyphen: bool = False
    """The line ends in a hyphen that line breaking added (the word goes on)."""


SOFT_HYPHEN = "\u00ad"


class TaggedText(PDFTextObject):
    """A paragraph's text object: its text marked as its element's content, each link in it as
    a Link element's, and a space at each line end where the words are apart (ReportLab writes
    none, so extracted text would read "platformfor")."""

    def __init__(self, canvas: Canvas, x: float, y: float, element: Element, marker: Marker,
                 line_ends: list[LineEnd], *, whole_link: str | None = None) -> None:
        super().__init__(canvas, x, y)
        self.element, self.marker, self.line_ends = element, marker, line_ends
        self.whole_link = whole_link
        """Where the element leads, if it is a Link that ReportLab makes an annotation for after
        each line."""
        self._line = 0
        self._open: Element | None = None
        """The element whose marked content is open, if one is."""

    def _mark(self, element: Element | None) -> None:
        if self._open is not None:
            self._code.append("EMC")
        if element is not None:
            self._code.append(self.marker.open(element))
        self._open = element

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N802, N803 (ReportLab's names)
        if self._open is None:
            self._mark(self.element)
        if TStar:
            text = self._line_end(text)
            self._line += 1
            if self.whole_link is not None:
                self.marker.link_opened(self.element, self.whole_link)
        super()._textOut(text, TStar)

    def _line_end(self, text: str) -> str:
        end = self.line_ends[self._line] if self._line < len(self.line_ends) else LineEnd()
        if end.space and not text.endswith(" "):
            return text + " "
        return text

    def _linkRecord(self, link: Any, event: str) -> None:  # noqa: N802 (ReportLab's name)
        """ReportLab calls this after a link's first text operator, and when the link ends."""
        if event == "start":
            first_text = self._code.pop()
            if self._code[-1].endswith("BDC") and self._open is self.element:
                self._code.pop()  # the paragraph's mark was opened for this text only: drop it
                self.marker.cancel(self.element)
                self._open = None
            element = link_element(self.element, link)
            self.marker.link_opened(element, link_href(link))
            self._mark(element)
            self._code.append(first_text)
        else:
            self._mark(None)

    def getCode(self) -> str:  # noqa: N802 (ReportLab's name)
        self._mark(None)
        self.marker.text_ended()
        code: str = super().getCode()
        return code


def same_glyph(font_name: str, first: str, second: str) -> bool:
    from reportlab.pdfbase.pdfmetrics import getFont

    glyphs = getattr(getFont(font_name), "face", None)
    mapping = getattr(glyphs, "charToGlyph", {})
    return mapping.get(ord(first)) is not None and mapping.get(ord(first)) == mapping.get(ord(second))


NOTE_ANCHOR = "#note-"
"""Links to source notes start so (``source/markup.py`` makes them); their marks are
References."""


def link_href(link: Any) -> str:
    """The target of a link as ReportLab's paragraph keeps it: (index, href)."""
    return str(link[-1]) if isinstance(link, tuple) and link else str(link)


def link_element(parent: Element, link: Any) -> Element:
    """A Link element in ``parent`` for ReportLab's ``link``; a source note's inside a Reference."""
    holder = parent.add("Reference") if link_href(link).startswith(NOTE_ANCHOR) else parent
    return holder.add("Link")


class TaggingCanvas(Canvas):
    """A canvas that marks content for the structure tree and tells it of link annotations."""

    def __init__(self, *args: Any, note_link: str = "Go to the source note", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.marker = Marker(self)
        self.note_link = note_link
        """What a note mark's link says to a screen reader, in the document's language."""

    def _addAnnotation(self, annotation: Any, name: Any = None, addtopage: int = 1) -> None:  # noqa: N802
        index = len(self._annotationrefs)
        super()._addAnnotation(annotation, name, addtopage)
        if addtopage:
            self.marker.annotation_added(index, _contents(annotation) or self.note_link, _target(annotation))


def _target(annotation: Any) -> str:
    """Where a link annotation leads, written as the paragraph's link was: a web address, or
    ``#`` and a destination's name."""
    destination = getattr(annotation, "Destination", None)
    if destination is not None:
        return "#" + str(getattr(destination, "name", ""))
    return _contents(annotation) or ""


def _contents(annotation: Any) -> str | None:
    """What a link annotation says to a screen reader: its web address (None for a link
    within the document)."""
    action = getattr(annotation, "dict", {}).get("A") if hasattr(annotation, "dict") else None
    uri = getattr(action, "dict", {}).get("URI") if action is not None else None
    if uri is not None:
        return str(getattr(uri, "s", uri))
    return None
