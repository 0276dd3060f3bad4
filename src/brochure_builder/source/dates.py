"""The date a brochure carries: honest, and the same for the same inputs (reproducible)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path


def document_date(given: date | None, inputs: Iterable[Path]) -> datetime:
    """``meta.date`` if given; else SOURCE_DATE_EPOCH (reproducible builds); else the newest
    modification time of the input files, to the second."""
    if given is not None:
        return datetime(given.year, given.month, given.day, tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    newest = max((int(path.stat().st_mtime) for path in inputs if path.is_file()), default=0)
    return datetime.fromtimestamp(newest, UTC)
