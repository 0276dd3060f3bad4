"""Draw charts in a worker process while this one loads the document and lays out pages.

A chart that is not cached costs a build about 0.5 s: 0.35 s to import matplotlib, then
some 50 ms per chart. Laid out in line, all of it waits for the layout to reach the chart.
Instead, one worker process (forked, so it starts at once) imports matplotlib and draws the
missing charts as SVG while this process imports ReportLab, validates the document and lays
out the pages; the layout takes each SVG when it reaches the chart and turns it into a
Drawing (svglib, which this process has loaded anyway, so the worker never imports it).

- ``start_early(source)`` starts the worker before anything heavy is imported, when the last
  build of this file drew charts that are no longer cached (or there was no last build).
- ``draw_ahead(source, jobs)``, once the document is loaded, asks for every chart not yet
  cached, starting the worker then if it is not running.
- ``collect(key)`` waits for one chart's SVG; ``finish()`` ends the worker.

Only a single-threaded process on Linux does this (forking a process that has other threads,
such as ``watch`` with its file watcher, can deadlock); otherwise charts are drawn in line.
An error in drawing a chart is raised by the build as if the chart had been drawn in line; a
worker that stops without answering leaves its charts to be drawn in line.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import FORMAT, has, store, value_of

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .render import ChartStyle
    from .spec import ChartSpec


PATIENCE_S = 60.0
"""How long the build waits for the next answer before it ends the worker and draws the rest
itself (a first import of matplotlib on a new machine builds its font list: seconds, not a
minute)."""
STOP_S = 5.0
"""How long a worker told to stop may take before it is killed."""
PIPE_BUDGET = 60_000
"""Bytes of jobs sent at once: under the 64 KiB a Linux pipe holds (about 50 charts)."""


@dataclass(frozen=True)
class ChartJob:
    """One chart at the size the layout will ask for."""

    key: str
    chart: ChartSpec
    style: ChartStyle
    width: float
    height: float


class _Worker:
    """A forked process that imports matplotlib, then draws the jobs it is sent as SVG, in order."""

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs,), daemon=True, name="brochure-charts")
        import signal

        # the worker must never run the build's SIGTERM handler: it is born with SIGTERM
        # blocked and lets it through once it has put back the default (see _serve)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        try:
            self._process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        theirs.close()
        self.asked: set[str] = set()
        self._done: dict[str, tuple[bytes | None, BaseException | None]] = {}
        """Answers read while waiting for another chart: key -> (SVG, error)."""

    def ask(self, jobs: list[ChartJob]) -> None:
        """Send the jobs, once, in one message the worker reads whole before it answers
        (so neither side can block the other); as many as fit in the pipe's buffer."""
        import pickle

        while jobs and len(pickle.dumps(jobs)) > PIPE_BUDGET:
            jobs = jobs[: len(jobs) // 2]  # the rest are drawn in line
        try:
            self._connection.send(jobs)
        except OSError:  # the worker has died: the charts are drawn in line
            return
        self.asked = {job.key for job in jobs}

    def take(self, key: str) -> bytes | None:
        """The chart's SVG for ``key``; None if the worker stopped without it."""
        from multiprocessing.connection import wait

        while key not in self._done:
            if not wait([self._connection, self._process.sentinel], timeout=PATIENCE_S):
                self._process.terminate()  # a worker that hangs must not hang the build
                return None
            try:
                done, payload, error = self._connection.recv()
            except (EOFError, OSError):
                return None
            self._done[done] = (payload, error)
        self.asked.discard(key)
        payload, error = self._done.pop(key)
        if error is not None:
            raise error
        return payload

    def stop(self) -> None:
        self._process.terminate()  # first: a worker that saw its pipe close would complain
        self._process.join(timeout=STOP_S)
        if self._process.is_alive():  # bounded, whatever the worker does with SIGTERM
            self._process.kill()
            self._process.join()
        self._connection.close()


_worker: _Worker | None = None
drawn_ahead: list[str] = []
"""The keys of the charts the worker drew for the current build (``-v`` reports them)."""


def start_early(source: Path) -> None:
    """Start the worker now if this file has charts and its last build's are not all cached."""
    from ..source.files import MAX_YAML_BYTES, FileRefused, read_limited

    try:
        if b"chart" not in read_limited(source, MAX_YAML_BYTES):
            return
    except FileRefused:
        return  # loading will say what is wrong with the file
    last = value_of(_manifest_key(source), list)
    if not isinstance(last, list) or not all(map(has, last)):
        _start()


def draw_ahead(source: Path, jobs: list[ChartJob]) -> None:
    """Ask the worker for every chart not cached; remember the charts for the next build."""
    drawn_ahead.clear()
    keys = sorted({job.key for job in jobs})
    if value_of(_manifest_key(source), list) != keys:
        store(_manifest_key(source), keys)
    missing = [job for job in jobs if not has(job.key)]
    if not missing:
        finish()
        return
    worker = _worker or _start()
    if worker is not None:
        worker.ask(missing)


def collect(key: str) -> bytes | None:
    """The SVG the worker drew for ``key``, once it is ready; None if it was not asked to."""
    if _worker is None or key not in _worker.asked:
        return None
    svg = _worker.take(key)
    if svg is not None:
        drawn_ahead.append(key)
    return svg


def finish() -> None:
    global _worker
    if _worker is not None:
        _worker.stop()
        _worker = None


def _start() -> _Worker | None:
    global _worker
    if _worker is None and _single_threaded():
        _worker = _Worker()
    return _worker


def _single_threaded() -> bool:
    """True on Linux in a process with one thread, counting threads Python did not start."""
    try:
        return sys.platform.startswith("linux") and len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _manifest_key(source: Path) -> str:
    """The entry listing the charts of ``source``'s last build (no library versions in it, so
    reading it imports nothing: the chart keys it lists carry the versions)."""
    import hashlib

    return hashlib.sha256(f"{FORMAT} charts of {source.resolve()}".encode()).hexdigest()


def _serve(connection: Connection) -> None:
    """The worker: import what drawing needs first, then draw the jobs and send each back."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build; it ends this worker
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the build's handler: terminate() ends it quietly
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    import matplotlib.figure  # noqa: F401  (the 0.35 s this worker is for)

    from .render import chart_svg

    try:
        jobs: list[ChartJob] = connection.recv()
        for job in jobs:
            answer: tuple[str, bytes | None, Exception | None]
            try:
                answer = (job.key, chart_svg(job.chart, job.style, job.width, job.height), None)
            except Exception as error:  # the build raises it when it takes this chart
                answer = (job.key, None, error)
            connection.send(answer)
    except (EOFError, OSError):  # the build has ended or no longer listens
        return
