"""``brochure check`` and ``brochure preview`` on hostile PDFs: each ends with a clear message and
exit 1 (the file cannot be examined) or 4 (examined and rejected), in bounded time and memory."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus
from brochure_builder.pdf import limits


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF made of ``objects`` (numbered from 1) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.6\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(content: bytes, resources: bytes = b"<< >>") -> list[bytes]:
    return [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources %s >>" % resources,
            content]


def page_tree_loop() -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"])


def nested_forms(depth: int = 3000) -> bytes:
    objects = one_page(stream(b"/F Do"), b"<< /XObject << /F 5 0 R >> >>")
    for level in range(depth):
        child = b"/XObject << /F %d 0 R >>" % (6 + level) if level < depth - 1 else b""
        objects.append(stream(b"/F Do" if child else b"0 0 10 10 re f",
                              b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << %s >>" % child))
    return raw_pdf(objects)


def many_pages(count: int = 200_000) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * count
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
                    *pages])


def inflating_stream(gigabytes: int = 2) -> bytes:
    """A content stream of a few MB that inflates to ``gigabytes`` GB (blocks flushed so that one
    compressed block can be repeated; its checksum is wrong, which only shows at the very end)."""
    squeeze = zlib.compressobj(9)
    chunk = bytes(1 << 24)
    first = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
    body = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
    data = first + body * (64 * gigabytes - 1) + squeeze.flush()
    return raw_pdf(one_page(stream(data, b"/Filter /FlateDecode")))


def huge_image() -> bytes:
    image = stream(b"\0" * 16, b"/Type /XObject /Subtype /Image /Width 65000 /Height 65000 /ColorSpace /DeviceGray "
                               b"/BitsPerComponent 8")
    return raw_pdf([*one_page(stream(b"q 100 0 0 100 0 0 cm /I Do Q"), b"<< /XObject << /I 5 0 R >> >>"), image])


def encrypted(user: str) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    buffer = io.BytesIO()
    pdf.save(buffer, encryption=pikepdf.Encryption(owner="owner", user=user))
    return buffer.getvalue()


UNREADABLE: dict[str, tuple[Callable[[], bytes], str]] = {
    "not a PDF": (lambda: b"name,value\nLithuania,1\n", "not a PDF file (no %PDF- header)"),
    "empty": (lambda: b"", "empty file: not a PDF"),
    "damaged": (lambda: b"%PDF-1.6\n" + bytes(range(256)) * 40, "damaged PDF that cannot be read"),
    "encrypted": (lambda: encrypted("secret"), "encrypted with a password: it cannot be examined"),
    "page-tree loop": (page_tree_loop, "the page tree has a loop"),
    "3,000 nested forms": (nested_forms, f"form XObjects nested more than {limits.MAX_FORM_DEPTH} levels deep"),
    "huge image": (huge_image, "an image of 65000 x 65000 pixels: over the 100,000,000-pixel limit"),
}


@pytest.mark.parametrize("command", ["check", "preview"])
@pytest.mark.parametrize("name", list(UNREADABLE))
def test_unreadable_pdfs_end_with_a_message_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: str) -> None:
    make, message = UNREADABLE[name]
    path = tmp_path / "hostile.pdf"
    path.write_bytes(make())
    options = ["-o", str(tmp_path / "preview")] if command == "preview" else []
    assert main([command, str(path), *options]) == ExitStatus.CONTENT_ERROR
    err = capsys.readouterr().err
    assert f"error: {path}: {message}" in err
    assert "Traceback" not in err and not (tmp_path / "preview").exists()


def test_an_empty_user_password_is_read_and_rejected_for_the_press(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted(""))
    assert main(["check", str(path)]) == ExitStatus.PREFLIGHT_FAILED
    out = capsys.readouterr().out
    assert "FAIL  not encrypted" in out and "the file is encrypted" in out


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.pdf"
    with path.open("wb") as f:
        f.write(b"%PDF-1.6\n")
        f.truncate(limits.MAX_INPUT_BYTES + 1)  # sparse: no disk used
    assert main(["check", str(path)]) == ExitStatus.CONTENT_ERROR
    assert f"{limits.MAX_INPUT_BYTES + 1:,} bytes: over the {limits.MAX_INPUT_BYTES:,}-byte limit" in capsys.readouterr().err


def test_a_pipe_is_not_waited_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    assert main(["check", str(fifo)]) == ExitStatus.CONTENT_ERROR
    assert "not a regular file" in capsys.readouterr().err


RESOURCE_HUNGRY: dict[str, tuple[Callable[[], bytes], str]] = {
    "200,000 pages": (many_pages, f"more than {limits.MAX_PAGES} pages: over the limit for one PDF"),
    "2 GB inflating stream": (inflating_stream, f"decodes to more than {limits.MAX_CONTENT_BYTES:,} bytes"),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check", "preview"])
@pytest.mark.parametrize("name", list(RESOURCE_HUNGRY))
def test_resource_hungry_pdfs_are_refused_in_bounded_memory(tmp_path: Path, name: str, command: str) -> None:
    make, message = RESOURCE_HUNGRY[name]
    path = tmp_path / "hungry.pdf"
    path.write_bytes(make())
    options = ["-o", str(tmp_path / "preview")] if command == "preview" else []
    # VmHWM, the peak resident memory of this program (ru_maxrss would count the forked parent's)
    code = ("import sys\nfrom brochure_builder.cli import main\nstatus = main(sys.argv[1:])\n"
            "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])\n"
            "sys.exit(status)\n")
    done = subprocess.run([sys.executable, "-c", code, command, str(path), *options], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == ExitStatus.CONTENT_ERROR, done.stderr
    assert f"error: {path}: " in done.stderr and message in done.stderr
    peak_mb = int(done.stdout.split()[-1]) / 1024
    assert peak_mb < 300, f"{peak_mb:.0f} MB"




def test_a_page_of_odd_proportions_previews_at_a_bounded_size(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "sliver.pdf"
    path.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 14400] >>"]))
    assert main(["preview", str(path), "-o", str(tmp_path / "preview")]) == ExitStatus.SUCCESS
    with Image.open(tmp_path / "preview" / "sliver-cover.png") as cover:
        assert cover.height <= 4 * 1200 + 1
