"""Hand messages to an SMTP server: at a steady rate, again after a temporary (4xx) refusal.

The clock and the sleep are given, so that a test sees the waits without waiting.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage

from ..errors import OutputError

TRIES = 5
"""Attempts at one message while the server says "try again later" (4xx)."""
FIRST_WAIT = 2.0
"""Seconds before the second attempt; each further wait doubles, up to ``LONGEST_WAIT``."""
LONGEST_WAIT = 60.0
TIMEOUT = 60.0
"""Seconds the server has to answer one command."""


class SmtpError(OutputError):
    """The server cannot be reached or refuses us as a whole (not one message)."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    starttls: bool = False
    user: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    error: str = ""
    temporary: bool = False


@dataclass
class Pacer:
    """At most ``rate`` messages a second, spread evenly."""

    rate: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: float = field(default=0.0)

    def wait(self) -> None:
        now = self.clock()
        if self._next > now:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + 1.0 / self.rate


class Sender:
    """One connection, reopened when the server drops it."""

    def __init__(self, server: Server, pacer: Pacer, sleep: Callable[[float], None] = time.sleep) -> None:
        self.server, self.pacer, self.sleep = server, pacer, sleep
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        if self.connection is None:
            server = self.server
            try:
                connection = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
                if server.starttls:
                    connection.starttls(context=ssl.create_default_context())
                if server.user:
                    connection.login(server.user, server.password or "")
            except smtplib.SMTPAuthenticationError as exc:
                raise SmtpError(f"{server.host}:{server.port}: login refused: "
                                f"{_refusal(exc.smtp_code, exc.smtp_error).error}") from None
            except (OSError, smtplib.SMTPException) as exc:
                raise SmtpError(f"{server.host}:{server.port}: cannot send through this server: {exc}") from None
            self.connection = connection
        return self.connection

    def send(self, message: EmailMessage) -> Outcome:
        """Send, waiting and trying again on temporary refusals; the outcome of the last try."""
        wait = FIRST_WAIT
        outcome = Outcome(False, "not tried")
        for attempt in range(TRIES):
            if attempt:
                self.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
            self.pacer.wait()
            outcome = self._once(message)
            if outcome.accepted or not outcome.temporary:
                return outcome
        return Outcome(False, f"{outcome.error} (still refused after {TRIES} tries)", temporary=True)

    def _once(self, message: EmailMessage) -> Outcome:
        connection = self._connect()
        try:
            refused = connection.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            return _refusal(code, text)
        except smtplib.SMTPResponseException as exc:
            self._reset()
            return _refusal(exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self.close()
            return Outcome(False, f"connection lost: {exc}", temporary=True)
        if refused:
            code, text = next(iter(refused.values()))
            return _refusal(code, text)
        return Outcome(True)

    def _reset(self) -> None:
        try:
            if self.connection is not None:
                self.connection.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None


def _refusal(code: int, text: bytes | str) -> Outcome:
    said = text.decode(errors="replace") if isinstance(text, bytes) else text
    return Outcome(False, f"server answered {code} {said}", temporary=400 <= code < 500)
