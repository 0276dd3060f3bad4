"""One email per row, made with Python's ``email`` package: nothing of MIME is written by hand.

The body is Markdown with the brochure's ``{{ column }}`` placeholders: the plain-text part is
the Markdown itself, the HTML part Markdown rendered by markdown-it-py with raw HTML off (a
value is text in both). Headers with non-ASCII names are encoded per RFC 2047 and the PDF's
file name per RFC 2231 by the ``SMTP`` policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from ..source.merge import escape, fill_text

LINE_BREAKS = re.compile(r"[\r\n\t\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


@dataclass(frozen=True)
class Letter:
    """What is the same in every email of a mailing."""

    sender: Address
    subject: str
    body: str
    """Markdown, with placeholders."""
    attachment_name: str | None
    """A file name with placeholders; None: the PDF's own name."""
    language: str


def one_line(text: str) -> str:
    """A header value: line breaks in the data must not start a header of their own."""
    return LINE_BREAKS.sub(" ", text).strip()


def compose(letter: Letter, row: dict[str, str], to: Address, pdf: bytes, pdf_name: str,
            message_id: str, when: datetime | None = None) -> EmailMessage:
    from markdown_it import MarkdownIt

    message = EmailMessage(policy=SMTP)
    message["From"] = letter.sender
    message["To"] = to
    message["Subject"] = one_line(fill_text(letter.subject, row))
    message["Date"] = format_datetime(when or datetime.now(UTC))
    message["Message-ID"] = message_id
    message["Content-Language"] = letter.language
    message.set_content(fill_text(letter.body, row))
    escaped = {column: escape(value) for column, value in row.items()}
    html = MarkdownIt("commonmark", {"html": False}).render(fill_text(letter.body, escaped))
    message.add_alternative(f'<!DOCTYPE html>\n<html lang="{letter.language}"><body>\n{html}</body></html>\n',
                            subtype="html")
    name = one_line(fill_text(letter.attachment_name, row)) if letter.attachment_name else pdf_name
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=name or pdf_name)
    return message
