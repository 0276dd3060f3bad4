"""Where output goes, and writing it: a temporary file in the same folder, then a rename.

- ``check_output`` turns ``-o`` into the screen PDF's path (a folder gets ``NAME.pdf`` in it)
  and refuses, before anything is built, a path that would replace an input of the build (for
  any of the suffixes the files of a build get), that is not a regular file, or whose name
  is too long for the file system.
- ``write_all_atomically`` writes every file of a build or none, never a half-written one,
  and removes the temporary files of earlier writes of the same output that were killed
  (SIGKILL, power loss): those of ours only, whose process is gone or that are older than
  ``STALE_AFTER_S``.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import stat
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import process_alive
from ..errors import OutputError, UsageError

if TYPE_CHECKING:
    from ..source.loading import Document

SUFFIXES = ("", "-print", "-booklet", "-booklet-a4")
"""What the files of a build add to the screen PDF's name."""
MAX_NAME_BYTES = 255
TEMPORARY_PREFIX_CHARS = 40
"""Of the output's name in its temporary file's name (a 250-character name must still fit)."""
STALE_AFTER_S = 600
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.(?P<token>[0-9a-f]{8})\.tmp$", re.DOTALL)


def check_output(output: str | Path | None, document: Document, suffixes: Iterable[str]) -> Path | None:
    """The screen PDF to write for ``-o output`` (None without one: the builder's default).

    ``UsageError`` if a file of the build would replace an input (whatever the suffix: ``-o``
    naming the brochure, its brand, a font or an image), would replace what is not a regular
    file, or would have a name too long for the file system."""
    if output is None:
        return None
    if str(output) == "":
        raise UsageError("-o: an empty path; give a PDF file or a folder")
    target = Path(output)
    if str(output).endswith(("/", os.sep)) or target.is_dir():
        target = target / f"{document.name}.pdf"
    known = {_identity(path) for path in document.input_files()} - {None}
    edition = f"-{document.edition}" if document.edition else ""  # NAME-lt.pdf, NAME-lt-print.pdf
    for suffix in SUFFIXES:
        path = target.with_name(f"{target.stem}{edition}{suffix}{target.suffix or '.pdf'}")
        if _identity(path) in known:
            raise UsageError(f"-o {output}: {path} is an input of this build; it would be replaced by a PDF. "
                             "Choose another output path")
    for suffix in suffixes:
        path = target.with_name(f"{target.stem}{edition}{suffix}{target.suffix or '.pdf'}")
        if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
            raise UsageError(f"-o {output}: the name {path.name[:40]}… is too long ({len(os.fsencode(path.name))} "
                             f"bytes with '{suffix}'); a file name may have at most {MAX_NAME_BYTES} bytes")
        if path.exists() and not path.is_file():
            raise UsageError(f"-o {output}: {path} is not a regular file; give a PDF file or a folder")
    return target


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode (a hard link or a symbolic link is the same file)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on failure the old file is untouched."""
    write_all_atomically([(path, data)])


def write_all_atomically(files: list[tuple[Path, bytes]]) -> None:
    """Write every file or none: each goes to a temporary file beside its target first, and only
    when all are on disk are they renamed into place (a rename does not fail for want of space)."""
    for path, _data in files:  # what a rename would fail on, found before the first rename
        if os.path.lexists(path) and not path.is_file():
            raise OutputError(f"{path}: cannot write: it is not a regular file (a folder, say); nothing of this "
                              "build was written")
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
        with _signals_held():  # Ctrl-C or SIGTERM waits for the last rename
            for temporary, path in staged:
                try:
                    os.replace(temporary, path)
                except OSError as exc:
                    raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        for temporary, _path in staged:
            temporary.unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (delivered on leaving) while files are renamed into place:
    renames take microseconds, and a build cut between two would be half written."""
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``path``, named so that it is known as ours
    (``.NAME.PID.TOKEN.tmp``, NAME cut to fit a 255-byte name), synced to disk."""
    folder = path.parent
    temporary = folder / f".{path.name[:TEMPORARY_PREFIX_CHARS]}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale(folder, path.name)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)  # less the umask
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def remove_stale(folder: Path, name: str) -> None:
    """Remove temporary files of earlier writes of ``name`` whose process is gone or that are old."""
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match or match.group("name") != name[:TEMPORARY_PREFIX_CHARS]:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and (not process_alive(int(match.group("pid")))
                                               or now - info.st_mtime > STALE_AFTER_S):
                os.unlink(entry.path)
        except OSError:
            continue
