"""The ``brochure`` command and ``python -m brochure_builder``: one command, one short process.

A build makes millions of short-lived objects and almost no reference cycles (about 3,000
objects in cycles per build). With CPython's default thresholds the cycle collector ran
about 200 times and took some 50 ms of a 0.4 s warm build, and as much again at exit. A
process that runs one command collects rarely (cycles are still collected, 70 times less
often) and skips the collection at exit. Code that imports the library keeps its own settings.
"""

from __future__ import annotations

import gc
import sys


def run() -> None:
    gc.set_threshold(50_000, 20, 20)
    try:
        from .cli import main
    except KeyboardInterrupt:  # Ctrl-C while starting: one line, as later
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    code = main()
    gc.freeze()  # nothing is left to collect: the process is about to end
    sys.exit(code)


if __name__ == "__main__":
    run()
