"""Copies made by a pool of processes on this machine, each keeping the loaded template."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .copies import CopyMaker, Job, Template
from .manifest import Entry
from .store import Store

_maker: CopyMaker | None = None
_store: Store | None = None


def _start(template: Template, store: Store) -> None:
    global _maker, _store
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _maker, _store = CopyMaker(template), store


def _make(jobs: list[Job]) -> list[Entry]:
    assert _maker is not None and _store is not None
    return _maker.make_all(jobs, _store)


class LocalRunner:
    def __init__(self, template: Template, store: Store, jobs: int | None) -> None:
        self.workers = max(1, jobs or os.cpu_count() or 1)
        self.pool = ProcessPoolExecutor(self.workers, initializer=_start, initargs=(template, store))

    def run(self, chunks: Iterator[list[Job]]) -> Iterator[list[Entry]]:
        limit = self.workers * 3
        pending: set[Future[list[Entry]]] = set()
        for chunk in chunks:
            pending.add(self.pool.submit(_make, chunk))
            if len(pending) >= limit:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
