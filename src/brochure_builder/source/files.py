"""Read input files within limits: regular files only (never a FIFO, a device or a folder,
even through a symbolic link), and never more than a limit's worth of bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .limits import MAX_YAML_BYTES as MAX_YAML_BYTES

KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a pipe (FIFO)", stat.S_IFCHR: "a device",
         stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}


class FileRefused(ValueError):
    """The file cannot be used as input; the message says why, in the user's terms."""


def read_limited(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, refused if it holds more than ``limit``."""
    descriptor = _open_regular(path)
    with os.fdopen(descriptor, "rb") as stream:
        size = os.fstat(descriptor).st_size
        if size > limit:
            raise FileRefused(f"larger than {limit} bytes ({size} bytes): a {what} may be at most {limit}")
        data = stream.read(limit + 1)  # the file may grow while it is read
    if len(data) > limit:
        raise FileRefused(f"larger than {limit} bytes: a {what} may be at most {limit}")
    return data


def check_regular(path: Path, limit: int, what: str = "file") -> None:
    """Refuse ``path`` unless it is a readable regular file of at most ``limit`` bytes."""
    descriptor = _open_regular(path)
    try:
        size = os.fstat(descriptor).st_size
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileRefused(f"larger than {limit} bytes ({size} bytes): a {what} may be at most {limit}")


def _open_regular(path: Path) -> int:
    """A descriptor open for reading; a FIFO is opened without waiting for a writer."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileRefused("file not found") from None
    except ValueError:  # a NUL character in the path
        raise FileRefused("the path contains a NUL character") from None
    except OSError as exc:
        raise FileRefused(f"cannot be read: {exc.strerror}") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise FileRefused(f"is not a regular file: it is {KINDS.get(stat.S_IFMT(mode), 'not a file')}")
    return descriptor
