"""Where personalised copies go: a folder, or any fsspec URL whose backend is installed.

Every file appears whole or not at all: it is written under a temporary name and renamed.
A store is small and picklable, so that the workers of a cluster write the copies themselves.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import OutputError
from ..pdf.output import write_atomically

TEMPORARY = ".tmp"


class Store(Protocol):
    """The few things the mailing needs of a place to write to."""

    def write(self, name: str, data: bytes) -> None: ...
    def read(self, name: str) -> bytes | None: ...
    def size(self, name: str) -> int | None: ...
    def lines(self, name: str) -> Iterator[bytes]: ...
    def append(self, name: str) -> Any: ...
    def replace_lines(self, name: str, lines: Iterable[bytes]) -> None: ...
    def where(self, name: str = "") -> str: ...


@dataclass(frozen=True)
class FolderStore:
    folder: Path

    def where(self, name: str = "") -> str:
        return str(self.folder / name) if name else str(self.folder)

    def write(self, name: str, data: bytes) -> None:
        write_atomically(self.folder / name, data)

    def read(self, name: str) -> bytes | None:
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def size(self, name: str) -> int | None:
        try:
            return (self.folder / name).stat().st_size
        except OSError:
            return None

    def lines(self, name: str) -> Iterator[bytes]:
        try:
            with (self.folder / name).open("rb") as stream:
                yield from stream
        except FileNotFoundError:
            return
        except OSError as exc:
            raise OutputError(f"{self.folder / name}: cannot be read: {exc.strerror}") from None

    def append(self, name: str) -> Any:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            return (self.folder / name).open("ab")
        except OSError as exc:
            raise OutputError(f"{self.folder / name}: cannot write here: {exc.strerror}") from None

    def replace_lines(self, name: str, lines: Iterable[bytes]) -> None:
        target = self.folder / name
        temporary = self.folder / f".{name}.{uuid.uuid4().hex}{TEMPORARY}"
        try:
            with temporary.open("wb") as stream:
                stream.writelines(lines)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def remove_stale_temporaries(self) -> None:
        """Temporary files of ours that a killed run left (only called while holding the lock)."""
        for path in self.folder.glob(f".*{TEMPORARY}"):
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class UrlStore:
    """A folder behind an fsspec URL (``s3://bucket/mailing``, ``file:///shared/out``...)."""

    url: str

    def _fs(self) -> tuple[Any, str]:
        try:
            from fsspec.core import url_to_fs
        except ImportError:
            raise OutputError(f"{self.url}: URLs need fsspec: pip install 'brochure-builder[cluster]'") from None
        try:
            fs, root = url_to_fs(self.url)
        except (ImportError, ValueError) as exc:
            raise OutputError(f"{self.url}: no fsspec backend for this URL: {exc}") from None
        return fs, str(root).rstrip("/")

    def where(self, name: str = "") -> str:
        return f"{self.url.rstrip('/')}/{name}" if name else self.url

    def write(self, name: str, data: bytes) -> None:
        fs, root = self._fs()
        temporary = f"{root}/.{name}.{uuid.uuid4().hex}{TEMPORARY}"
        try:
            fs.makedirs(root, exist_ok=True)
            fs.pipe_file(temporary, data)
            fs.mv(temporary, f"{root}/{name}")
        except OSError as exc:
            raise OutputError(f"{self.where(name)}: cannot write: {exc}") from None

    def read(self, name: str) -> bytes | None:
        fs, root = self._fs()
        try:
            return bytes(fs.cat_file(f"{root}/{name}"))
        except OSError:
            return None

    def size(self, name: str) -> int | None:
        fs, root = self._fs()
        try:
            return int(fs.size(f"{root}/{name}"))
        except OSError:
            return None

    def lines(self, name: str) -> Iterator[bytes]:
        fs, root = self._fs()
        if not fs.exists(f"{root}/{name}"):
            return
        with fs.open(f"{root}/{name}", "rb") as stream:
            yield from stream

    def append(self, name: str) -> Any:
        fs, root = self._fs()
        try:
            fs.makedirs(root, exist_ok=True)
            return fs.open(f"{root}/{name}", "ab")
        except (OSError, NotImplementedError, ValueError) as exc:
            raise OutputError(f"{self.where(name)}: cannot append to it here ({exc}); "
                              "write the mailing to a folder or a file system that can") from None

    def replace_lines(self, name: str, lines: Iterable[bytes]) -> None:
        fs, root = self._fs()
        temporary = f"{root}/.{name}.{uuid.uuid4().hex}{TEMPORARY}"
        try:
            with fs.open(temporary, "wb") as stream:
                for line in lines:
                    stream.write(line)
            fs.mv(temporary, f"{root}/{name}")
        except OSError as exc:
            raise OutputError(f"{self.where(name)}: cannot write: {exc}") from None


def open_store(where: str | Path) -> FolderStore | UrlStore:
    """A folder path, or a URL with a scheme (``s3://``, ``file://``)."""
    text = str(where)
    if "://" in text:
        return UrlStore(text)
    return FolderStore(Path(text).absolute())
