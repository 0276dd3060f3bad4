"""Make personalised copies where the work runs: one PDF per job, written by the worker itself.

A row that cannot be built (its data breaks the brochure) comes back as a failed entry and is
never tried again; a place that cannot be written stops the run (``OutputError``).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import BrochureError, OutputError
from ..source.loading import Document, load, personalise
from .covers import CoverCopies
from .manifest import FAILED, OK, Entry
from .store import Store

INTERNAL = "internal error (a bug; please report it): "


@dataclass(frozen=True)
class Job:
    row: int
    name: str
    file: str
    digest: str
    values: dict[str, str]

    def failed(self, error: str) -> Entry:
        return Entry(self.row, self.name, self.file, "", 0, 0, FAILED, error, self.digest)


@dataclass(frozen=True)
class Dated(Document):
    """A document whose date was decided where the run started: a worker elsewhere has other
    file times and another environment (SOURCE_DATE_EPOCH), and must make the same bytes."""

    fixed_date: datetime | None = None

    @property
    def date(self) -> datetime:
        assert self.fixed_date is not None
        return self.fixed_date


@dataclass(frozen=True)
class Template:
    """What a process needs to load the template as the client did."""

    source: Path
    allow_outside: bool
    language: str | None
    date: datetime


class CopyMaker:
    """The loaded template of one process, and the copies it makes from it one at a time."""

    def __init__(self, template: Template) -> None:
        from dataclasses import fields

        loaded = load(template.source, allow_outside=template.allow_outside, language=template.language,
                      template=True)
        own = {f.name: getattr(loaded, f.name) for f in fields(Document)}
        self.document: Document = Dated(**own, fixed_date=template.date)
        self.covers = CoverCopies(self.document)
        self.lock = threading.Lock()  # layout keeps state per process: one copy at a time

    def make(self, job: Job, store: Store) -> Entry:
        try:
            with self.lock:
                pdf, pages = self._render(job)
        except OutputError:
            raise
        except BrochureError as error:
            return job.failed(str(error))
        except Exception as error:  # a bug shows in one row; the other rows still get their copy
            return job.failed(f"{INTERNAL}{type(error).__name__}: {error}")
        if store.size(job.file) != len(pdf) or store.read(job.file) != pdf:
            store.write(job.file, pdf)  # identical bytes are left alone, with their times
        return Entry(job.row, job.name, job.file, hashlib.sha256(pdf).hexdigest(), pages, len(pdf), OK, "",
                     job.digest)

    def _render(self, job: Job) -> tuple[bytes, int]:
        """The copy from the body laid out once, when the covers are all that change; else in full."""
        from ..layout.profiles import SCREEN
        from ..pdf.produce import produce

        spliced = self.covers.copy(job.values)
        if spliced is not None:
            return spliced
        made = produce(personalise(self.document, job.values), SCREEN)
        return made.pdf, made.pages

    def make_all(self, jobs: list[Job], store: Store) -> list[Entry]:
        return [self.make(job, store) for job in jobs]
