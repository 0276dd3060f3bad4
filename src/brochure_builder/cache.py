"""A cache of drawings (charts, SVG assets), font facts, asset checks and the charts each
brochure drew last, keyed by all that decides them.

Entries live in ``BROCHURE_CACHE_DIR`` (default: the user's cache directory) as a header line
with an HMAC-SHA256 of the entry's key and payload, then the pickled value. A checksum is no
defence for pickles (anyone who can write a file can compute one), so the HMAC's key is a
secret of the user's own (``KEY_NAME`` in the user's data folder, mode 0600, made on first
use): an entry that another user, a shared cache folder or anything else wrote without it is
never unpickled. An entry that is not a regular file, too large, fails its HMAC, does not
unpickle or holds the wrong type of value is rebuilt, never trusted. A key file that others
could read, that another user owns or that is not a plain file turns the disk cache off
(``brochure -v build`` says why). A cache that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import re
import stat
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FORMAT = "brochure-cache 3"
KEY_NAME = "cache-key"
KEY_BYTES = 32
MAX_ENTRY_BYTES = 256 * 1024 * 1024
"""An entry larger than this is not read (no drawing or font comes near it)."""
STALE_AFTER_S = 600
"""A temporary file of a cache write older than this was left by a process that was killed."""
_memory: dict[str, bytes] = {}
_shared: dict[str, Any] = {}
_TEMPORARY = re.compile(r"^\.entry\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


def cache_dir() -> Path:
    override = os.environ.get("BROCHURE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("brochure-builder"))


def key_file() -> Path:
    """The user's secret that authenticates cache entries: never in the cache folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("brochure-builder")) / KEY_NAME


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


def cached(key: str, make: Callable[[], T], kind: type[T]) -> T:
    """The value (a drawing, a font's code points...) for ``key``: from memory, from disk, or
    made (and stored) now. A stored value that is not a ``kind`` is made again.

    Always a fresh object, so callers may recolour it in place.
    """
    value = value_of(key, kind)
    if value is not None:
        return value
    made = make()
    fresh = pickle.loads(store(key, made))  # noqa: S301 (just made)
    return fresh if isinstance(fresh, kind) else made


def shared(key: str, make: Callable[[], T], kind: type[T]) -> T:
    """One object per process for ``key``, to be read, never changed: callers that change a
    drawing (scale, recolour) change a copy. Rebuilds in one process skip the unpickling."""
    value = _shared.get(key)
    if not isinstance(value, kind):
        value = _shared[key] = cached(key, make, kind)
    return value


def value_of(key: str, kind: type[T]) -> T | None:
    """The ``kind`` stored for ``key``, or None if there is none (or it is not one)."""
    payload = _payload(key)
    if payload is None:
        return None
    try:
        value = pickle.loads(payload)  # noqa: S301 (authenticated with the user's own secret)
    except Exception:  # a corrupt entry of any kind is rebuilt
        return None
    return value if isinstance(value, kind) else None


def store(key: str, value: object) -> bytes:
    """Keep ``value`` in memory and on disk under ``key``; return it pickled."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    _memory[key] = payload
    _write(key, payload)
    return payload


def has(key: str) -> bool:
    """Whether an authentic entry for ``key`` is in memory or on disk."""
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
    known = value_of(key, str)
    if known is not None:
        return known
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    if time.time() - mtime_ns / 1e9 > RECENT_S:  # a file changed just now may change again
        store(key, digest)                       # within its file system's clock resolution
    return digest


def digest_of(path: Path) -> str:
    stat_result = path.stat()
    return file_digest(path, stat_result.st_size, stat_result.st_mtime_ns, stat_result.st_ino)


def _mac(secret: bytes, key: str, payload: bytes) -> str:
    return hmac.new(secret, key.encode() + b"\n" + payload, hashlib.sha256).hexdigest()


def _read(key: str) -> bytes | None:
    secret = _secret()
    if secret is None:
        return None
    try:  # never a FIFO, a device or a link: a planted name must not hang or flood the build
        descriptor = os.open(_path(key), os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        data = stream.read(MAX_ENTRY_BYTES + 1)
    header, _, payload = data.partition(b"\n")
    if not hmac.compare_digest(header, f"{FORMAT} {_mac(secret, key, payload)}".encode()):
        return None
    return payload


def _write(key: str, payload: bytes) -> None:
    """Store an entry atomically; a cache that cannot be written is simply not used, and
    leaves no temporary file behind."""
    secret = _secret()
    if secret is None:
        return
    folder = cache_dir()
    header = f"{FORMAT} {_mac(secret, key, payload)}\n".encode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep(folder)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".entry.{os.getpid()}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(header + payload)
        os.replace(temporary, _path(key))
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise


_swept: set[Path] = set()


def _sweep(folder: Path) -> None:
    """Once per process: remove the temporary files of cache writes whose process was killed."""
    if folder in _swept:
        return
    _swept.add(folder)
    now = time.time()
    for entry in os.scandir(folder):
        match = _TEMPORARY.match(entry.name)
        if match and (not process_alive(int(match.group(1))) or now - entry.stat().st_mtime > STALE_AFTER_S):
            Path(entry.path).unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (of any user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**31
    return True


def _secret() -> bytes | None:
    return _secret_at(key_file())


@lru_cache(maxsize=4)
def _secret_at(path: Path) -> bytes | None:
    """The user's secret, made on first use; None (no disk cache) if it is not safely ours."""
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        _make_secret(path)
        return _read_secret(path)
    except OSError:
        return None


def _read_secret(path: Path) -> bytes | None:
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(descriptor)
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077
                or info.st_size != KEY_BYTES):
            return None
        data = os.read(descriptor, KEY_BYTES + 1)
    finally:
        os.close(descriptor)
    return data if len(data) == KEY_BYTES else None


def _make_secret(path: Path) -> None:
    """Write a new random secret with mode 0600, all at once (linked into place whole)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o600)
        os.write(handle, os.urandom(KEY_BYTES))
        os.fsync(handle)
        os.close(handle)
        try:
            os.link(temporary, path)  # fails if another process made one first: theirs is used
        except FileExistsError:
            pass
    finally:
        Path(temporary).unlink(missing_ok=True)


def disk_cache_status() -> str:
    """Where the cache is and, if it is off, why (for ``brochure -v``)."""
    if _secret() is None:
        return f"{cache_dir()} (off: the key file {key_file()} is not a 32-byte file of this user's, mode 0600)"
    return str(cache_dir())


def clear_memory() -> None:
    """Forget the in-process copies (tests and benchmarks use this)."""
    _memory.clear()
    _shared.clear()
    _secret_at.cache_clear()
