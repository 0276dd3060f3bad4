"""Open any PDF, however hostile, in bounded time and memory, or say clearly why not.

Before anything interprets or renders a PDF, its page tree and every stream reachable from its
pages are walked under the limits of ``limits.py``: loops, deep nesting, too many pages and
streams that would inflate past the limit are refused without being decoded.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ContentError, Location
from . import limits
from .objects import is_dict, is_stream

CHUNK = 1 << 20


class Unreadable(ContentError):
    """A PDF that cannot be examined: not a PDF, encrypted, damaged or past a limit."""

    @classmethod
    def of(cls, name: str, message: str) -> Unreadable:
        return cls.at(Location(Path(name)), message)  # type: ignore[return-value]


def read_pdf_file(path: Path) -> bytes:
    """The bytes of a PDF file on disk: a regular file, not empty, under the size limit."""
    try:
        if not path.is_file():
            raise Unreadable.of(str(path), "not a regular file (a folder, a device or a pipe?)")
        size = path.stat().st_size
        if size > limits.MAX_INPUT_BYTES:
            raise Unreadable.of(str(path), f"{size:,} bytes: over the {limits.MAX_INPUT_BYTES:,}-byte limit for PDFs")
        with path.open("rb") as stream:
            data = stream.read(limits.MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise Unreadable.of(str(path), f"cannot be read: {exc.strerror}") from None
    if len(data) > limits.MAX_INPUT_BYTES:
        raise Unreadable.of(str(path), f"over the {limits.MAX_INPUT_BYTES:,}-byte limit for PDFs")
    return data


def open_pdf(data: bytes, name: str = "PDF", *, walk: bool = True) -> Any:
    """A ``pikepdf.Pdf`` whose pages, resources and streams are known to be within the limits
    (``walk=False``: bytes this tool has just made, which need no walk)."""
    import pikepdf

    if not data:
        raise Unreadable.of(name, "empty file: not a PDF")
    if len(data) > limits.MAX_INPUT_BYTES:
        raise Unreadable.of(name, f"over the {limits.MAX_INPUT_BYTES:,}-byte limit for PDFs")
    if b"%PDF-" not in data[:1024]:
        raise Unreadable.of(name, "not a PDF file (no %PDF- header)")
    try:  # qpdf would visit every page to push inherited attributes down: walked here first
        pdf = pikepdf.open(io.BytesIO(data), inherit_page_attributes=False)
    except pikepdf.PasswordError:
        raise Unreadable.of(name, "encrypted with a password: it cannot be examined "
                                  "(a print file must not be encrypted)") from None
    except pikepdf.PdfError as exc:
        raise Unreadable.of(name, _damaged(exc)) from None
    try:
        if walk:
            Walk(pdf, name).run()
    except BaseException:
        pdf.close()
        raise
    return pdf


def _first_line(exc: BaseException) -> str:
    """qpdf's message without the name of the in-memory stream it read from."""
    line = (str(exc).strip().splitlines() or ["unknown error"])[0]
    return re.sub(r"^stream <[^>]*>(?: \(object \d+ \d+\))?: ", "", line)[:200]


def _damaged(exc: BaseException) -> str:
    if "loop detected" in str(exc).lower():
        return "the page tree has a loop (a page or /Pages node is its own ancestor)"
    return f"damaged PDF that cannot be read: {_first_line(exc)}"


class Walk:
    """One bounded pass over the page tree and everything the pages draw."""

    def __init__(self, pdf: Any, name: str) -> None:
        self.pdf, self.name = pdf, name
        self.visited = 0
        self.heights: dict[tuple[int, int], int] = {}
        self.active: set[tuple[int, int]] = set()
        self.sizes: dict[tuple[int, int], int] = {}

    def fail(self, message: str) -> Unreadable:
        return Unreadable.of(self.name, message)

    def run(self) -> None:
        import pikepdf

        try:
            pages = self.page_objects()
            for number, page in enumerate(pages, start=1):
                self.page(page, number)
        except (pikepdf.PdfError, RecursionError, ValueError, TypeError, AttributeError) as exc:
            raise self.fail(_damaged(exc)) from None

    def count(self) -> None:
        self.visited += 1
        if self.visited > limits.MAX_OBJECTS_WALKED:
            raise self.fail(f"more than {limits.MAX_OBJECTS_WALKED:,} objects referenced by its pages")

    def page_objects(self) -> list[Any]:
        """Leaves of the page tree, each once; loops, depth and count refused."""
        root = self.pdf.Root.get("/Pages")
        if root is None:
            raise self.fail("no page tree: not a usable PDF")
        pages: list[Any] = []
        seen: set[tuple[int, int]] = set()
        stack: list[tuple[Any, int]] = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            self.count()
            key = node.objgen
            if key != (0, 0):
                if key in seen:
                    raise self.fail("the page tree has a loop (a page or /Pages node is its own ancestor "
                                    "or appears twice)")
                seen.add(key)
            if depth > limits.MAX_TREE_DEPTH:
                raise self.fail(f"page tree deeper than {limits.MAX_TREE_DEPTH} levels")
            kids = node.get("/Kids")
            if kids is None:
                pages.append(node)
                if len(pages) > limits.MAX_PAGES:
                    raise self.fail(f"more than {limits.MAX_PAGES} pages: over the limit for one PDF")
                continue
            if len(kids) > limits.MAX_PAGES:  # every kid holds a page at least: no need to list them
                raise self.fail(f"more than {limits.MAX_PAGES} pages: over the limit for one PDF")
            stack.extend((kid, depth + 1) for kid in reversed(list(kids)))
        if not pages:
            raise self.fail("no pages")
        return pages

    def page(self, page: Any, number: int) -> None:
        for stream in _as_list(page.get("/Contents")):
            self.stream(stream, limits.MAX_CONTENT_BYTES, f"page {number} content")
        self.resources(inherited(page, "/Resources"), 0)
        for annotation in _as_list(page.get("/Annots")):
            self.count()
            appearance = annotation.get("/AP") if is_dict(annotation) else None
            for state in _appearance_streams(appearance):
                self.form(state, 1)

    def resources(self, resources: Any, depth: int) -> int:
        """Walk what ``resources`` draws; return the deepest nesting level reached."""
        deepest = depth
        if resources is None or not is_dict(resources):
            return deepest
        for xobject in _values(resources.get("/XObject")):
            deepest = max(deepest, self.xobject(xobject, depth))
        for pattern in _values(resources.get("/Pattern")):
            deepest = max(deepest, self.pattern(pattern, depth))
        for shading in _values(resources.get("/Shading")):
            self.shading(shading)
        for font in _values(resources.get("/Font")):
            deepest = max(deepest, self.font(font, depth))
        for state in _values(resources.get("/ExtGState")):
            mask = state.get("/SMask") if is_dict(state) else None
            if mask is not None and is_dict(mask) and mask.get("/G") is not None:
                deepest = max(deepest, self.form(mask.G, depth + 1))
        return deepest

    def xobject(self, xobject: Any, depth: int) -> int:
        self.count()
        subtype = xobject.get("/Subtype") if is_dict(xobject) else None
        if subtype == "/Form":
            return self.form(xobject, depth + 1)
        if subtype == "/Image":
            self.image(xobject)
        return depth

    def image(self, image: Any) -> None:
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        if width < 0 or height < 0 or width * height > limits.MAX_IMAGE_PIXELS:
            raise self.fail(f"an image of {width} x {height} pixels: over the "
                            f"{limits.MAX_IMAGE_PIXELS:,}-pixel limit")
        self.stream(image, limits.MAX_STREAM_BYTES, "an image")
        for key in ("/SMask", "/Mask"):
            mask = image.get(key)
            if mask is not None and is_stream(mask) and mask.objgen != image.objgen:
                self.image(mask)

    def form(self, form: Any, depth: int) -> int:
        """A content stream drawn inside another: its size, its nesting, loops; the deepest
        level it reaches (each form is walked once: its height below it is remembered)."""
        key = form.objgen
        if key in self.active:
            raise self.fail("a form XObject draws itself (a loop of forms)")
        if depth + self.heights.get(key, 0) > limits.MAX_FORM_DEPTH:
            raise self.fail(f"form XObjects nested more than {limits.MAX_FORM_DEPTH} levels deep")
        if key in self.heights:
            return depth + self.heights[key]
        self.count()
        self.stream(form, limits.MAX_CONTENT_BYTES, "a form XObject")
        self.active.add(key)
        deepest = self.resources(form.get("/Resources"), depth)
        self.active.discard(key)
        self.heights[key] = deepest - depth
        return deepest

    def pattern(self, pattern: Any, depth: int) -> int:
        self.count()
        if not is_dict(pattern):
            return depth
        if pattern.get("/PatternType") == 1:
            return self.form(pattern, depth + 1)
        if pattern.get("/Shading") is not None:
            self.shading(pattern.Shading)
        return depth

    def shading(self, shading: Any) -> None:
        self.count()
        if is_stream(shading):
            self.stream(shading, limits.MAX_STREAM_BYTES, "a shading")

    def font(self, font: Any, depth: int) -> int:
        self.count()
        if not is_dict(font):
            return depth
        deepest = depth
        for descendant in _as_list(font.get("/DescendantFonts"))[:1]:
            deepest = max(deepest, self.font(descendant, depth))
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and is_dict(descriptor):
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if descriptor.get(key) is not None:
                    self.stream(descriptor[key], limits.MAX_STREAM_BYTES, "an embedded font")
        for procedure in _values(font.get("/CharProcs")):
            self.stream(procedure, limits.MAX_CONTENT_BYTES, "a Type 3 glyph")
        if font.get("/Resources") is not None:
            deepest = max(deepest, self.resources(font.Resources, depth + 1))
        return deepest

    def stream(self, stream: Any, limit: int, what: str) -> int:
        """The decoded size of ``stream``, found without holding more than a chunk of it."""
        if not is_stream(stream):
            raise self.fail(f"{what} is not a stream")
        key = stream.objgen
        if key in self.sizes and key != (0, 0):
            size = self.sizes[key]
        else:
            size = self.sizes[key] = decoded_size(stream, limits.MAX_STREAM_BYTES, self.fail)
        if size > limit:
            raise self.fail(f"{what} decodes to more than {limit:,} bytes: over the limit")
        return size


def decoded_size(stream: Any, limit: int, fail: Any) -> int:
    """Bytes ``stream`` decodes to, counted as it inflates; past ``limit`` it stops counting."""
    import base64

    data = stream.read_raw_bytes()
    for name in (str(f) for f in _as_list(stream.get("/Filter"))):
        if name in ("/FlateDecode", "/Fl"):
            return _inflated_size(data, limit)
        if name in ("/ASCIIHexDecode", "/AHx"):
            digits = re.sub(rb"\s", b"", data.split(b">")[0])
            data = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("latin-1"))
        elif name in ("/ASCII85Decode", "/A85"):
            data = base64.a85decode(data.split(b"~>")[0].strip() + b"~>", adobe=True)
        elif name in limits.MAX_EXPANSION:
            return len(data) * limits.MAX_EXPANSION[name]
        else:  # images (DCT, JPX, JBIG2) are bounded by their pixel count
            return len(data)
    return len(data)


def _inflated_size(data: bytes, limit: int) -> int:
    inflater = zlib.decompressobj()
    size, pending = 0, data
    try:
        while pending and size <= limit:
            size += len(inflater.decompress(pending, CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return size  # a damaged stream decodes to what came before the damage
    return size


def inherited(page: Any, key: str) -> Any:
    """A page attribute, looked up through its /Parent nodes (bounded by the tree depth)."""
    node = page
    for _ in range(limits.MAX_TREE_DEPTH + 1):
        if node is None or not is_dict(node):
            return None
        value = node.get(key)
        if value is not None:
            return value
        node = node.get("/Parent")
    return None


def _as_list(value: Any) -> list[Any]:
    import pikepdf

    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _values(dictionary: Any) -> Iterator[Any]:
    if dictionary is not None and is_dict(dictionary):
        yield from dictionary.values()


def _appearance_streams(appearance: Any) -> Iterator[Any]:
    """The normal, rollover and down appearances, each a stream or a dictionary of states."""
    if appearance is None or not is_dict(appearance):
        return
    for key in ("/N", "/R", "/D"):
        value = appearance.get(key)
        if value is None:
            continue
        if is_stream(value):
            yield value
        else:
            yield from (v for v in _values(value) if is_stream(v))
