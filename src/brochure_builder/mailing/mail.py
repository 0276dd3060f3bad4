"""``brochure mail``: the personalised PDFs, each in an email in ``outbox/``, sent only if asked.

Addresses are checked (syntax only: no network) before anything is built; a row with a bad
one is reported and left out. ``outbox/manifest.csv`` records each message: written, then
``sending`` (on disk before the server is called), then ``sent`` with its acceptance time, or
``failed`` (refused for good) or ``deferred`` (refused for now: sent again by the next run). A
row once ``sent`` or left ``sending`` by a killed run is never sent again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from ..errors import ContentError, Location, Problem
from ..source.loading import load
from ..source.merge import DataFile, FileNames, Placeholder, Row, fill_text, placeholders
from .batch import Progress, Report, Request, Summary, build_batch
from .manifest import OK, Entry, Manifest
from .message import Letter, compose, one_line
from .project import gather
from .sending import Pacer, Sender, Server
from .store import Store, open_store

OUTBOX = "outbox"
MAX_BODY_BYTES = 1024 * 1024
WRITTEN, SENDING, SENT, FAILED, DEFERRED = "written", "sending", "sent", "failed", "deferred"
PAGE = 500


@dataclass(frozen=True)
class MailEntry:
    row: int
    to: str
    file: str
    message_id: str
    digest: str
    status: str
    accepted_at: str
    error: str


@dataclass(frozen=True)
class MailRequest:
    batch: Request
    to_column: str
    sender: str
    subject: str
    body: Path
    attachment_name: str | None = None
    server: Server | None = None
    """None: a dry run, nothing is sent."""
    rate: float = 5.0


@dataclass
class MailSummary:
    build: Summary
    outbox: str
    bad_addresses: list[Problem] = field(default_factory=list)
    thin_subjects: list[Problem] = field(default_factory=list)
    """Rows whose subject has a placeholder left empty (an empty cell, no default): warnings."""
    written: int = 0
    sent: int = 0
    waiting: int = 0
    failed: list[MailEntry] = field(default_factory=list)
    uncertain: list[MailEntry] = field(default_factory=list)


def mail(request: MailRequest, progress: Progress | None = None, report: Report | None = None, *, clock: Callable[[], float] = time.monotonic,
         sleep: Callable[[float], None] = time.sleep) -> MailSummary:
    batch = request.batch
    document = load(batch.source, allow_outside=batch.allow_outside, language=batch.language, template=True)
    letter = _letter(request, document.brochure.meta.language)
    table = DataFile(batch.data)
    _check_columns(request, letter, table)
    bad = list(_bad_addresses(table, request.to_column))
    built = build_batch(replace(batch, skip_rows=frozenset(p.location.line for p in bad)), progress, report)
    store = open_store(built.folder)
    outbox = open_store(store.where(OUTBOX))
    summary = MailSummary(built, outbox.where(), bad)
    log: Manifest[MailEntry] = Manifest(outbox, kind=MailEntry)
    try:
        _write_outbox(request, letter, table, store, outbox, log, summary, gather(document, batch.allow_outside).digest)
        if request.server is not None:
            sender = Sender(request.server, Pacer(request.rate, clock, sleep), sleep)
            try:
                _send_all(log, outbox, sender, summary)
            finally:
                sender.close()
    except BaseException:
        log.close()
        raise
    log.finish()
    return summary


def _letter(request: MailRequest, language: str) -> Letter:
    from email_validator import EmailNotValidError, validate_email

    try:
        body = _read_body(request.body)
        sender = Address(addr_spec=validate_email(_address_part(request.sender), check_deliverability=False).normalized,
                         display_name=_name_part(request.sender))
    except EmailNotValidError as exc:
        raise ContentError.at(Location(Path("--from")), f"'{request.sender}' is not an email address: {exc}") from None
    return Letter(sender, request.subject, body, request.attachment_name, language)


def _address_part(text: str) -> str:
    return text[text.index("<") + 1:text.rindex(">")].strip() if "<" in text and text.endswith(">") else text.strip()


def _name_part(text: str) -> str:
    return one_line(text[:text.index("<")].strip().strip('"')) if "<" in text and text.endswith(">") else ""


def _read_body(path: Path) -> str:
    import os
    import stat

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ContentError.at(Location(path), "not a regular file: give a Markdown file")
        if info.st_size > MAX_BODY_BYTES:
            raise ContentError.at(Location(path), f"over {MAX_BODY_BYTES // 1024} KiB: an email body is shorter")
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError.at(Location(path), f"cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ContentError.at(Location(path), f"not UTF-8 text: {exc}") from None


def _check_columns(request: MailRequest, letter: Letter, table: DataFile) -> None:
    problems = []
    if request.to_column not in table.columns:
        problems.append(Problem(Location(table.path, 1, 1),
                                f"no column '{request.to_column}' (columns: {', '.join(table.columns)})"))
    for where, text in (("--subject", letter.subject), (str(request.body), letter.body),
                        ("--attachment-name", letter.attachment_name or "")):
        for found in placeholders(text):
            if isinstance(found, str) or found.column not in table.columns:
                shown = found if isinstance(found, str) else found.text
                problems.append(Problem(Location(Path(where)), f"placeholder '{shown}' is not a column of "
                                        f"{table.path} (columns: {', '.join(table.columns)})"))
    if problems:
        raise ContentError(problems)


def _bad_addresses(table: DataFile, column: str) -> Iterator[Problem]:
    """Rows whose address is not one (syntax only: deliverability checks would need the network)."""
    from email_validator import EmailNotValidError, validate_email

    for row in table.rows():
        address = row.values.get(column, "").strip()
        try:
            validate_email(address, check_deliverability=False)
        except EmailNotValidError as exc:
            shown = f"'{address}'" if address else "an empty cell"
            yield Problem(Location(table.path, row.number, 0), f"row {row.number}: {shown} is not an email address: {exc}")


def _write_outbox(request: MailRequest, letter: Letter, table: DataFile, store: Store, outbox: Store,
                  log: Manifest[MailEntry], summary: MailSummary, project_digest: str) -> None:
    """One ``.eml`` per row whose PDF is built; a message already written or sent is kept."""
    from email_validator import validate_email

    pdfs: Manifest[Entry] = Manifest(store)
    names = FileNames()
    column = request.batch.name_column or table.columns[0]
    skip = {p.location.line for p in summary.bad_addresses}
    try:
        for row in table.rows():
            pdf_file = names.name(row.values.get(column, ""), row.number) + ".pdf"
            pdf = pdfs.get(pdf_file)
            if row.number in skip or pdf is None or pdf.status != OK:
                continue
            if (thin := _thin_subject(letter.subject, row)) is not None:
                summary.thin_subjects.append(Problem(Location(table.path, row.number, 0), thin))
            address = validate_email(row.values[request.to_column].strip(), check_deliverability=False).normalized
            digest = _mail_digest(letter, row.values, address, pdf.sha256, project_digest, pdf_file)
            file = pdf_file.removesuffix(".pdf") + ".eml"
            earlier = log.get(file)
            if earlier is not None and (earlier.digest == digest or earlier.status in (SENT, SENDING)):
                log.keep(file)
                continue
            data = store.read(pdf_file)
            if data is None:
                continue
            to = Address(display_name=one_line(row.values.get(column, "")), addr_spec=address)
            message_id = make_msgid(idstring=f"row{row.number}", domain=letter.sender.domain)
            message = compose(letter, row.values, to, data, pdf_file, message_id)
            outbox.write(file, message.as_bytes())
            log.record(MailEntry(row.number, address, file, message_id, digest, WRITTEN, "", ""))
            summary.written += 1
    finally:
        names.close()
        pdfs.close()


def _thin_subject(subject: str, row: Row) -> str | None:
    """What the subject reads for ``row`` when a placeholder in it has no value (an empty cell and
    no default), or None when each has one."""
    empty = [found for found in placeholders(subject)
             if isinstance(found, Placeholder) and found.default is None and not row.values.get(found.column, "").strip()]
    if not empty:
        return None
    filled = one_line(fill_text(subject, row.values))
    reads = f"reads '{filled}'" if filled else "is empty"
    return (f"row {row.number}: the subject (--subject '{subject}') {reads}: "
            f"{', '.join(found.text for found in empty)} is empty in this row and has no default; give it one, "
            f'such as {{{{ {empty[0].column} or "text" }}}}')


def _mail_digest(letter: Letter, values: dict[str, str], address: str, *parts: str) -> str:
    text = "\0".join([str(letter.sender), letter.subject, letter.body, letter.attachment_name or "", address,
                      repr(sorted(values.items())), *parts])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _send_all(log: Manifest[MailEntry], outbox: Store, sender: Sender, summary: MailSummary) -> None:
    for entry in _waiting(log):
        if entry.status == SENDING:
            summary.uncertain.append(entry)
            continue
        data = outbox.read(entry.file)
        if data is None:
            continue
        message: EmailMessage = message_from_bytes(data, policy=SMTP)
        log.record(replace(entry, status=SENDING), sync=True)
        outcome = sender.send(message)
        if outcome.accepted:
            accepted = datetime.now(UTC).isoformat(timespec="seconds")
            log.record(replace(entry, status=SENT, accepted_at=accepted, error=""), sync=True)
            summary.sent += 1
        else:
            status = DEFERRED if outcome.temporary else FAILED
            failed = replace(entry, status=status, error=outcome.error)
            log.record(failed, sync=True)
            summary.failed.append(failed)


def _waiting(log: Manifest[Any]) -> Iterator[MailEntry]:
    """Entries still to send (or left ``sending``), in row order, a page at a time."""
    after = 0
    while True:
        page = [MailEntry(*found) for found in log.index.execute(
            f"SELECT {log.selected} FROM entries WHERE seen = 1 AND status IN (?, ?, ?) AND row > ? "
            "ORDER BY row LIMIT ?", (WRITTEN, DEFERRED, SENDING, after, PAGE))]
        if not page:
            return
        yield from page
        after = page[-1].row


__all__ = ["MailRequest", "MailSummary", "mail"]
