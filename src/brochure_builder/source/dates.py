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
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    newest = max((int(path.stat().st_mtime) for path in inputs if path.is_file()), default=0)
    return datetime.fromtimestamp(newest, UTC)


LAST_EPOCH = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())


def source_date_epoch() -> datetime | None:
    """The time SOURCE_DATE_EPOCH sets (the reproducible builds' convention: seconds since
    1970, UTC), or None when it is not set."""
    from ..errors import UsageError

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit() or int(epoch) > LAST_EPOCH:
        raise UsageError(f"SOURCE_DATE_EPOCH is {epoch[:40]!r}: expected the seconds since 1970-01-01 UTC "
                         f"of a time before the year 10000 (at most {LAST_EPOCH})")
    return datetime.fromtimestamp(int(epoch), UTC)
