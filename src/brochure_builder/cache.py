"""A cache of drawings (charts, SVG assets), font facts, asset checks and the charts each
brochure drew last, keyed by all that decides them.

Entries live in ``BROCHURE_CACHE_DIR`` (default: the user's cache directory) as a header line
with the SHA-256 of the payload, then the pickled value. An entry that is unreadable, fails
its checksum or does not unpickle is rebuilt, never trusted. The folder is the user's own:
like any cache of pickles, it must not be writable by others.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FORMAT = "brochure-chart-cache 2"
_memory: dict[str, bytes] = {}
_shared: dict[str, Any] = {}


def cache_dir() -> Path:
    override = os.environ.get("BROCHURE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("brochure-builder"))


@lru_cache(maxsize=1)
def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("matplotlib", "svglib", "reportlab", "brochure-builder"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "unknown"
    return found


def cache_key(spec: dict[str, Any]) -> str:
    """A stable hash of the chart spec, its style and size, and the library versions."""
    text = json.dumps({"format": FORMAT, "spec": spec, "versions": _versions()}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def cached(key: str, make: Callable[[], T]) -> T:
    """The value (a drawing, a font's code points...) for ``key``: from memory, from disk, or
    made (and stored) now.

    Always a fresh object, so callers may recolour it in place.
    """
    value: T | None = value_of(key)
    if value is not None:
        return value
    fresh: T = pickle.loads(store(key, make()))  # noqa: S301 (just made)
    return fresh


def shared(key: str, make: Callable[[], T]) -> T:
    """One object per process for ``key``, to be read, never changed: callers that change a
    drawing (scale, recolour) change a copy. Rebuilds in one process skip the unpickling."""
    value: T | None = _shared.get(key)
    if value is None:
        value = _shared[key] = cached(key, make)
    return value


def value_of(key: str) -> Any:
    """The value stored for ``key``, or None if there is none (or it does not unpickle)."""
    payload = _payload(key)
    if payload is None:
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 (checksummed, in the user's own cache)
    except Exception:  # a corrupt entry of any kind is rebuilt
        return None


def store(key: str, value: object) -> bytes:
    """Keep ``value`` in memory and on disk under ``key``; return it pickled."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    _memory[key] = payload
    _write(key, payload)
    return payload


def has(key: str) -> bool:
    """Whether a checksummed entry for ``key`` is in memory or on disk."""
    return _payload(key) is not None


def _payload(key: str) -> bytes | None:
    payload = _memory.get(key) or _read(key)
    if payload is not None:
        _memory[key] = payload
    return payload


def _path(key: str) -> Path:
    return cache_dir() / f"{key}.entry"


RECENT_S = 2.0
"""A file modified this recently is hashed again next time (coarse file system clocks)."""


@lru_cache(maxsize=64)
def file_digest(path: Path, size: int, mtime_ns: int, inode: int) -> str:
    """SHA-256 of a file's bytes, remembered across builds for the same size, modification
    time and inode (as git's index does): hashing the six Lato faces took 8 ms per build."""
    key = hashlib.sha256(f"{FORMAT} digest {path.resolve()} {size} {mtime_ns} {inode}".encode()).hexdigest()
    known = value_of(key)
    if isinstance(known, str):
        return known
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if time.time() - mtime_ns / 1e9 > RECENT_S:  # a file changed just now may change again
        store(key, digest)                       # within its file system's clock resolution
    return digest


def digest_of(path: Path) -> str:
    stat = path.stat()
    return file_digest(path, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _read(key: str) -> bytes | None:
    try:
        data = _path(key).read_bytes()
    except OSError:
        return None
    header, _, payload = data.partition(b"\n")
    if header != f"{FORMAT} {hashlib.sha256(payload).hexdigest()}".encode():
        return None
    return payload


def _write(key: str, payload: bytes) -> None:
    """Store an entry atomically; a cache that cannot be written is simply not used."""
    folder = cache_dir()
    header = f"{FORMAT} {hashlib.sha256(payload).hexdigest()}\n".encode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(header + payload)
        os.replace(temporary, _path(key))
    except OSError:
        return


def clear_memory() -> None:
    """Forget the in-process copies (tests and benchmarks use this)."""
    _memory.clear()
    _shared.clear()
