"""Every limit on reading a PDF, in one place (the README lists them).

A PDF past any of them is not examined: ``brochure check`` and ``brochure preview`` stop with a
message naming the limit and exit 1, in bounded time and memory, whatever the file holds.
"""

from __future__ import annotations

MAX_INPUT_BYTES = 200_000_000
"""Size of a PDF file read by ``check`` or ``preview`` (200 MB)."""

MAX_PAGES = 500
"""Pages in one PDF (a brochure is far under; every page is rendered four times for ink)."""

MAX_TREE_DEPTH = 64
"""Levels of the page tree (/Pages inside /Pages)."""

MAX_FORM_DEPTH = 32
"""Levels of form XObjects, patterns and soft masks drawn inside each other."""

MAX_OBJECTS_WALKED = 200_000
"""Objects visited when following a PDF's references (pages, resources, annotations)."""

MAX_STREAM_BYTES = 64_000_000
"""Decoded bytes of any one stream (an image, a font, a content stream)."""

MAX_CONTENT_BYTES = 8_000_000
"""Decoded bytes of the content streams of one page, its forms and annotation appearances."""

MAX_OPERATORS = 1_000_000
"""Content-stream operators interpreted for one page, forms included."""

MAX_IMAGE_PIXELS = 100_000_000
"""Pixels of one image (width x height) that preflight decodes."""

MAX_EXPANSION = {"/RunLengthDecode": 128, "/LZWDecode": 4096, "/CCITTFaxDecode": 4096}
"""How far a filter this tool cannot decode under a bound may expand its input, at most: a
stream whose worst case is over ``MAX_STREAM_BYTES`` is refused without being decoded."""
