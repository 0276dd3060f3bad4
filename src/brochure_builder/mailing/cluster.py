"""Copies made on a Dask distributed cluster (``--scheduler tcp://HOST:8786``).

The project (brochure, brand, assets) is scattered to every worker once; each task carries a
few rows and comes back with their manifest entries only, the worker having written the PDFs
to the shared store itself. Dask runs the task of a worker that dies again elsewhere (a copy
written twice is the same file, written atomically); a row whose data fails comes back as a
failed entry and is never retried. A task whose workers keep dying is given up after Dask's
``distributed.scheduler.allowed-failures`` (3 by default) and its rows reported failed.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .copies import CopyMaker, Job, Template
from .manifest import Entry
from .project import Project, library_versions, unpack
from .store import FolderStore, Store

CONNECT_SECONDS = 30
CHUNKS_PER_THREAD = 3


class ClusterError(OutputError):
    """The cluster cannot be reached or cannot build this project."""


_makers: dict[str, CopyMaker] = {}
_makers_lock = threading.Lock()


def make_remote(project: Project, store: Store, jobs: list[Job]) -> list[Entry]:
    """Runs on a worker: the project is unpacked and loaded once per worker process."""
    here = library_versions()
    if here != project.versions:
        raise ClusterError(f"a worker has {here}, the client {project.versions}: "
                           "install the same versions on every worker")
    with _makers_lock:
        maker = _makers.get(project.digest)
        if maker is None:
            from distributed import get_worker

            # the worker's own folder, which Dask removes when the worker ends
            folder = Path(get_worker().local_directory) / f"brochure-{project.digest[:16]}"
            template = Template(unpack(project, folder), project.allow_outside, project.language, project.date)
            maker = _makers[project.digest] = CopyMaker(template)
    return maker.make_all(jobs, store)


class ClusterRunner:
    def __init__(self, address: str, project: Project, store: Store) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("--scheduler needs Dask: pip install 'brochure-builder[cluster]'") from None
        if isinstance(store, FolderStore) and not store.folder.is_absolute():
            raise ClusterError(f"{store.folder}: give the cluster an absolute, shared folder")
        try:
            self.client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except OSError as exc:
            raise ClusterError(f"{address}: cannot reach the Dask scheduler: {exc}") from None
        self.store = store
        self.project = self.client.scatter(project, broadcast=True, hash=False)

    def run(self, chunks: Iterator[list[Job]]) -> Iterator[list[Entry]]:
        from distributed import as_completed

        threads = max(1, sum(self.client.nthreads().values()))
        limit = threads * CHUNKS_PER_THREAD
        running = as_completed(loop=self.client.loop)
        jobs_of: dict[Any, list[Job]] = {}
        for chunk in chunks:
            self._submit(chunk, running, jobs_of)
            if running.count() >= limit:
                yield self._result(next(running), jobs_of)
        for future in running:
            yield self._result(future, jobs_of)

    def _submit(self, chunk: list[Job], running: Any, jobs_of: dict[Any, list[Job]]) -> None:
        key = f"brochure-rows-{chunk[0].row}-{chunk[-1].row}-{uuid.uuid4().hex[:8]}"
        future = self.client.submit(make_remote, self.project, self.store, chunk, key=key,
                                    pure=False)
        jobs_of[future.key] = chunk
        running.add(future)

    def _result(self, future: Any, jobs_of: dict[Any, list[Job]]) -> list[Entry]:
        from distributed import KilledWorker

        jobs = jobs_of.pop(future.key)
        try:
            result: list[Entry] = future.result()
            return result
        except KilledWorker:
            return [job.failed("the workers building this row died too often; it was given up")
                    for job in jobs]
        finally:
            future.release()

    def close(self) -> None:
        self.client.close()
