"""One personalised PDF per data row: resumable, past bad rows, on this machine or a cluster.

The data file is read lazily, row by row; rows go out in chunks with a bounded number in
flight, so memory does not grow with the file. A row whose entry in the manifest has the same
digest and whose file is still there is up to date and left alone.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import ContentError, Location
from ..source.loading import load
from ..source.merge import DataFile, FileNames, check_placeholders, used_columns
from ..source.schema import output_folder
from .copies import INTERNAL, Job
from .manifest import OK, Entry, Manifest
from .project import Project, gather
from .store import FolderStore, Store, open_store

CHUNK_ROWS = 4
"""Rows sent to a worker at a time."""
CHUNKS_PER_WORKER = 3
"""Chunks in flight per worker: enough to keep it busy, few enough to bound memory."""
Progress = Callable[[int, int], None]
"""Called with the rows done and the rows in all."""
Report = Callable[[Entry], None]
"""Called with the entry of each row built or failed, as it comes."""


class Runner(Protocol):
    """Builds chunks of jobs somewhere and gives back their entries, as they complete."""

    def run(self, chunks: Iterator[list[Job]]) -> Iterator[list[Entry]]: ...
    def close(self) -> None: ...


@dataclass
class Summary:
    folder: str
    total: int = 0
    built: int = 0
    up_to_date: int = 0
    failed: int = 0
    internal: int = 0
    """Rows failed by a bug rather than by their data."""

    def count(self, entry: Entry) -> None:
        if entry.status == OK:
            self.built += 1
        else:
            self.failed += 1
            self.internal += entry.error.startswith(INTERNAL)


@dataclass(frozen=True)
class Request:
    source: Path
    data: Path
    output: str | Path | None = None
    name_column: str | None = None
    jobs: int | None = None
    scheduler: str | None = None
    allow_outside: bool = False
    language: str | None = None
    """The edition translated with ``NAME.LANG.po``; its copies go into ``output/NAME-LANG/``."""
    skip_rows: frozenset[int] = frozenset()
    """Row numbers to leave out (reported already, such as bad email addresses)."""


def build_batch(request: Request, progress: Progress | None = None, report: Report | None = None) -> Summary:
    """Write ``<output>/<name>.pdf`` for every row that needs it, and ``manifest.csv``."""
    document = load(request.source, allow_outside=request.allow_outside, language=request.language,
                    template=True)
    table = DataFile(request.data, used=used_columns(document.source))
    check_placeholders(document.source, table.columns, request.data)
    column = request.name_column or table.columns[0]
    if column not in table.columns:
        raise ContentError.at(Location(request.data, 1, 1),
                              f"no column '{column}' (columns: {', '.join(table.columns)})")
    edition = f"-{request.language}" if request.language else ""
    store = open_store(request.output or output_folder(document.source.file) / (document.name + edition))
    project = gather(document, request.allow_outside)
    summary = Summary(store.where(), total=sum(1 for _ in table.rows()))  # reads it all before any build
    with _exclusive(store):
        manifest: Manifest[Entry] = Manifest(store)
        runner = _runner(request, project, store)
        try:
            jobs = _jobs(table, column, project, manifest, store, summary, request.skip_rows, report)
            chunks = _chunks(jobs, CHUNK_ROWS)
            for entries in runner.run(chunks):
                for entry in entries:
                    manifest.record(entry)
                    summary.count(entry)
                    if report:
                        report(entry)
                if progress:
                    progress(summary.built + summary.up_to_date + summary.failed, summary.total)
        except BaseException:
            manifest.close()
            raise
        finally:
            runner.close()
        manifest.finish()
    return summary


def _jobs(table: DataFile, column: str, project: Project, manifest: Manifest[Entry], store: Store,
          summary: Summary, skip: frozenset[int], report: Report | None) -> Iterator[Job]:
    """The rows that need a copy; rows up to date are counted and kept in the manifest."""
    names = FileNames()
    try:
        for row in table.rows():
            file = names.name(row.values.get(column, ""), row.number) + ".pdf"
            if row.number in skip:
                summary.total -= 1
                continue
            job = Job(row.number, row.values.get(column, ""), file, row_digest(project, row.values, file),
                      row.values)
            if row.problem:
                failed = job.failed(row.problem)
                manifest.record(failed)
                summary.count(failed)
                if report:
                    report(failed)
            elif _up_to_date(manifest.get(file), job, store):
                manifest.keep(file)
                summary.up_to_date += 1
            else:
                yield job
    finally:
        names.close()


def row_digest(project: Project, values: dict[str, str], file: str) -> str:
    text = json.dumps([project.digest, file, sorted(values.items())], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _up_to_date(entry: Entry | None, job: Job, store: Store) -> bool:
    return (entry is not None and entry.status == OK and entry.digest == job.digest
            and entry.row == job.row and store.size(job.file) == entry.bytes)


def _chunks(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _runner(request: Request, project: Project, store: Store) -> Runner:
    if request.scheduler:
        from .cluster import ClusterRunner

        return ClusterRunner(request.scheduler, project, store)
    from .copies import Template
    from .local import LocalRunner

    template = Template(request.source, request.allow_outside, request.language, project.date)
    return LocalRunner(template, store, request.jobs)


class _exclusive:
    """One run at a time writes into a folder (a lock on the folder itself), and it cleans the
    temporary files that killed runs left there."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.handle: int | None = None

    def __enter__(self) -> None:
        if not isinstance(self.store, FolderStore):
            return
        import fcntl
        import os

        from ..errors import OutputError

        folder = self.store.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle = os.open(folder, os.O_RDONLY)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot write here: {exc.strerror}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            raise OutputError(f"{folder}: another run is writing into this folder") from None
        self.handle = handle
        self.store.remove_stale_temporaries()

    def __exit__(self, *_exc: object) -> None:
        if self.handle is not None:
            import os

            assert isinstance(self.store, FolderStore)
            self.store.remove_stale_temporaries()  # a worker killed while writing leaves one
            os.close(self.handle)


def terminal_progress(done: int, total: int) -> None:
    """A progress line on a terminal; nothing when output goes to a file or a pipe."""
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\r{done}/{total} rows", end=end, file=sys.stderr, flush=True)


__all__ = ["Request", "Summary", "build_batch", "terminal_progress"]
