"""``brochure watch``: rebuild on every save of the content, the brand or an asset.

A broken save is reported and the last good PDF stays in place (every write is atomic).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from .errors import BrochureError, ContentError, Location
from .source.schema import project_root

WATCHED = {".yaml", ".yml", ".svg", ".png", ".jpg", ".jpeg", ".ttf", ".csv", ".po"}
Report = Callable[[str, bool], None]
"""Called with a message and whether it is an error."""


def build_once(source: Path, output: str | Path | None, report: Report, language: str | None = None) -> bool:
    """Build the screen PDF; whatever goes wrong is reported and the watch goes on."""
    from .builder import build_all

    started = time.perf_counter()
    try:
        results = build_all(source, output, profiles=("screen",), language=language)
    except BrochureError as error:
        report(str(error), True)
        return False
    except Exception as error:  # a bug must not end the watch: the last good PDF stays
        report(f"internal error (a bug): {type(error).__name__}: {error}; the last good PDF is kept", True)
        return False
    elapsed = time.perf_counter() - started
    report(f"wrote {results[0].path} in {elapsed:.2f} s", False)
    return True


def watch(source: Path, output: str | Path | None, report: Report, stop: threading.Event | None = None,
          language: str | None = None) -> None:
    """Build, then rebuild after each change under the project folder (a catalogue too) until
    ``stop`` is set."""
    from watchfiles import watch as changes

    if not source.is_file():  # there is nothing to watch for: say so, as a build would
        raise ContentError.at(Location(source), "file not found" if not source.exists() else "not a regular file")
    root = project_root(source.resolve())
    build_once(source, output, report, language)
    for _batch in changes(root, watch_filter=_relevant, stop_event=stop, debounce=150, step=50,
                          rust_timeout=500, yield_on_timeout=False):  # Ctrl-C: KeyboardInterrupt
        build_once(source, output, report, language)


def _relevant(_change: object, path: str) -> bool:
    return Path(path).suffix.lower() in WATCHED and "/output/" not in path.replace("\\", "/")
