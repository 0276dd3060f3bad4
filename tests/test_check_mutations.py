"""``brochure check`` and ``brochure preview`` on random mutations of a press file: whatever the
bytes, a clear message and exit 0, 1 or 4, never an internal error (70) or a traceback."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from brochure_builder.cli import main

from .test_preflight import clean, make_pdf

EXAMPLES = int(os.environ.get("BROCHURE_MUTATIONS", "60"))


def base() -> bytes:
    """A small press file with text, paths, an image and overprint, its streams left readable
    so that mutations land on operators and operands rather than on compressed bytes."""
    def draw(canvas: Canvas) -> None:
        clean(canvas)
        canvas.setFillColor(CMYKColor(0.2, 0.5, 0, 0.1))
        canvas.rect(20 * mm, 20 * mm, 60 * mm, 30 * mm, stroke=1, fill=1)
        canvas.setLineWidth(0.5)
        canvas.line(20 * mm, 60 * mm, 120 * mm, 60 * mm)

    with pikepdf.open(io.BytesIO(make_pdf(draw, pdfx=True))) as pdf:
        buffer = io.BytesIO()
        pdf.save(buffer, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
        return buffer.getvalue()


BASE = base()


TOKENS = [b" 0 0 cm ", b" /X Do ", b" q q Q ", b" 1e308 w ", b" BT ", b" (x) Tj ", b" /All cs ", b" -1 0 0 -1 0 0 cm ",
          b" 99999999999 ", b" [1 2] TJ ", b" /F1 0 Tf ", b" null ", b"]", b">>", b" /Pattern cs /P scn ", b" 0 g "]
Mutation = tuple[str, int, int]
mutations = st.lists(st.tuples(st.sampled_from(["byte", "delete", "insert", "token"]),
                               st.integers(0, len(BASE) - 1), st.integers(0, 255)), min_size=1, max_size=8)
"""(kind, position, value) each: set a byte, delete up to ``value`` % 40 bytes, insert a byte,
or insert an operator or operand (``value`` picks it); small to show when a case fails."""


def mutate(changes: list[Mutation]) -> bytes:
    data = bytearray(BASE)
    for kind, position, value in changes:
        position %= max(len(data), 1)
        if kind == "byte":
            data[position] = value
        elif kind == "delete":
            del data[position:position + 1 + value % 40]
        elif kind == "insert":
            data[position:position] = bytes([value])
        else:
            data[position:position] = TOKENS[value % len(TOKENS)]
    return bytes(data)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutations)
def test_check_never_fails_inside(tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: list[Mutation]) -> None:
    path = tmp_path / "mutated.pdf"
    path.write_bytes(mutate(changes))
    status = main(["check", str(path)])
    captured = capsys.readouterr()
    assert status in (0, 1, 4), captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err


@pytest.mark.slow
@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutations)
def test_preview_never_fails_inside(tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: list[Mutation]) -> None:
    path = tmp_path / "mutated.pdf"
    path.write_bytes(mutate(changes))
    status = main(["preview", str(path), "-o", str(tmp_path / "preview")])
    captured = capsys.readouterr()
    assert status in (0, 1), captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err
