"""Every limit on the input, in one place: past one, loading stops with an error naming the
place and the limit (the README's Limits table lists them with what happens)."""

from __future__ import annotations

# files
MAX_YAML_BYTES = 2 * 1024 * 1024
"""Bytes of one YAML file (brochure or brand); a bigger file is refused unread."""

# YAML
MAX_NODES = 200_000
"""Values after alias expansion (an alias bomb ends here)."""
MAX_DEPTH = 40
"""Nesting of mappings and lists (the formats need under ten levels)."""
MAX_TEXT_CHARS = 50_000
"""Characters of one text value: some fifteen pages of body text."""
MAX_UNBROKEN_CHARS = 1_000
"""Characters of one text with no space between them: a line breaks such a run only by cutting
it, and ReportLab's cutting costs the square of its length (50,000 characters took 189 s); a
web address of 300 characters is well within it."""
MAX_TOTAL_CHARS = 4_000_000
"""Characters of all text values after alias expansion (twice what a 2 MB file can hold)."""
MAX_NUMBER_CHARS = 40
"""A number written with more characters is kept as its text (no number field takes it)."""

# translations
MAX_CATALOGUE_BYTES = 4 * 1024 * 1024
"""Bytes of one PO catalogue (the bundled brochure's is 30 KB)."""

# raster images (PNG, JPEG)
MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000
"""60 megapixels: a 50-megapixel camera's photo; decoded, at most 240 MB."""
MAX_IMAGE_SIDE = 20_000
MAX_IMAGE_ASPECT = 20
"""An image at most 20 times wider than tall (or taller than wide)."""

# SVG
MAX_SVG_BYTES = 5 * 1024 * 1024
MAX_SVG_ELEMENTS = 10_000
"""Elements of an SVG, counting each ``<use>`` as the elements it repeats."""
MAX_SVG_WORK = 50_000
"""Elements times their depth, summed: svglib's cost (10,000 shapes five groups deep, or 1,000
fifty deep, take about a second to read)."""
MAX_SVG_STYLE_BYTES = 128 * 1024
"""Bytes of an SVG's ``<style>`` sheets together (an Illustrator export's few dozen class rules
take a few kilobytes)."""
MAX_SVG_CSS_WORK = 2_000_000
"""CSS selectors times the elements drawn: svglib tries every rule on every element (10,000
selectors on 5,000 elements took 33 s; two million pairs, about a second)."""
SVG_SIZE_PT = (0.5, 14_400.0)
"""An SVG's size in points, each side: from half a point to 200 inches (PDF's own limit)."""

# fonts, colour profiles
MAX_FONT_BYTES = 30 * 1024 * 1024
MAX_PROFILE_BYTES = 4_000_000

# values
MAX_VALUE = 1e15
"""Largest size of a chart value (a trillion euros is 1e12): past it, charts lose their digits."""
MIN_IMAGE_WIDTH = 0.05
"""An image narrower than a twentieth of its column would be a speck."""
MAX_FORMAT_WIDTH = 40
MAX_FORMAT_PRECISION = 12
"""Of a ``value_format``: ``{:.20000000f}`` would write twenty million digits."""
MAX_BUDGET = 10**12
"""A screen size budget (``screen.max_size``) in bytes."""

# page geometry
MIN_FRAME_MM = (80.0, 120.0)
"""The text frame (page less margins), width and height: a section opener and a few lines."""
MIN_COLUMN_MM = 25.0
