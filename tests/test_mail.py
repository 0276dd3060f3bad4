"""``brochure mail`` against a real SMTP server (aiosmtpd on 127.0.0.1), read back as a mail
client would read it: with Python's ``email`` package."""

from __future__ import annotations

import csv
import socket
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from brochure_builder.cli import main
from brochure_builder.mailing.batch import Request
from brochure_builder.mailing.mail import MailRequest, mail
from brochure_builder.mailing.sending import FIRST_WAIT, Pacer, Server

from .conftest import MINIMAL

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

PERSONAL = MINIMAL.replace("heading: The end", 'heading: "Thank you, {{ name }}"')
BODY = "Dear {{ name }},\n\nthe brochure for **{{ city }}** is attached.\n\n- one\n- two\n"


class Recorder:
    """An SMTP server's handler: keeps what it accepts; refuses as told."""

    def __init__(self, temporary: int = 0, refuse: str = "") -> None:
        self.received: list[bytes] = []
        self.attempts = 0
        self.temporary, self.refuse = temporary, refuse

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        if address == self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.attempts += 1
        if self.temporary:
            self.temporary -= 1
            return "451 4.3.0 Try again later"
        self.received.append(envelope.content)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[Callable[..., tuple[Recorder, int]]]:
    controllers = []

    def start(handler: Recorder | None = None, **options: Any) -> tuple[Recorder, int]:
        handler = handler or Recorder()
        port = free_port()
        controller = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return handler, port

    yield start
    for controller in controllers:
        controller.stop()


def mailing(project: Path, write_brochure: Callable[[str], Path], rows: list[tuple[str, str, str]]) -> list[str]:
    source = write_brochure(PERSONAL)
    with (project / "rows.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "email", "city"])
        writer.writerows(rows)
    (project / "body.md").write_text(BODY, encoding="utf-8")
    return ["mail", str(source), "--data", str(project / "rows.csv"), "--to-column", "email",
            "--from", "Brochures <brochures@example.org>", "--subject", "Für {{ name }}: your brochure",
            "--body", str(project / "body.md"), "-o", str(project / "out"), "--rate", "1000/s"]


def read(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    return message


def attachment(message: EmailMessage) -> tuple[str, bytes]:
    part = next(iter(message.iter_attachments()))
    content = part.get_content()
    assert part.get_content_type() == "application/pdf" and isinstance(content, bytes)
    return part.get_filename() or "", content


def outbox_log(project: Path) -> list[dict[str, str]]:
    with (project / "out" / "outbox" / "manifest.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


ROWS = [("Jürgen Weiß", "jurgen@example.org", "Vilnius <b>&</b>"), ("Ona", "ona@example.org", "Kaunas"),
        ("Bad", "not an address", "Riga"), ("Ben", "ben@example.org", "Klaipėda")]


def test_a_dry_run_writes_standard_emails_and_sends_nothing(
    project: Path, write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str],
    smtp: Callable[..., tuple[Recorder, int]],
) -> None:
    server, _port = smtp()
    command = mailing(project, write_brochure, ROWS)
    assert main(command) == 1
    out, err = capsys.readouterr()
    assert "row 4: 'not an address' is not an email address" in err
    assert "3 emails written, none sent" in out and not server.received
    assert not (project / "out" / "Bad.pdf").exists()  # checked before anything was built
    raw = (project / "out" / "outbox" / "Jurgen-Weiss.eml").read_bytes()
    assert b"Subject: =?utf-8?" in raw  # RFC 2047
    message = read(raw)
    assert message["Subject"] == "Für Jürgen Weiß: your brochure"
    assert message["To"].addresses[0].display_name == "Jürgen Weiß"
    assert message["To"].addresses[0].addr_spec == "jurgen@example.org"
    name, pdf = attachment(message)
    assert name == "Jurgen-Weiss.pdf" and pdf == (project / "out" / "Jurgen-Weiss.pdf").read_bytes()
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    assert "Dear Jürgen Weiß," in plain.get_content()
    assert "<strong>Vilnius &lt;b&gt;&amp;&lt;/b&gt;</strong>" in html.get_content()  # a value is text
    assert "<li>one</li>" in html.get_content()


def test_a_non_ascii_attachment_name_is_encoded_per_rfc_2231(
    project: Path, write_brochure: Callable[[str], Path]
) -> None:
    command = mailing(project, write_brochure, ROWS[:1])
    assert main([*command, "--attachment-name", "Brošiūra {{ name }}.pdf"]) == 0
    raw = (project / "out" / "outbox" / "Jurgen-Weiss.eml").read_bytes()
    assert b"filename*=utf-8''Bro%C5%A1i%C5%ABra%20J%C3%BCrgen%20Wei%C3%9F.pdf" in raw
    assert attachment(read(raw))[0] == "Brošiūra Jürgen Weiß.pdf"


@pytest.mark.parametrize(("subject", "reads"), [
    ("{{ name }}", "is empty"),
    ("Für {{ name }}: your brochure", "reads 'Für : your brochure'"),
])
def test_a_subject_with_a_placeholder_left_empty_is_a_warning_naming_the_row(
    project: Path, write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str], subject: str, reads: str,
) -> None:
    command = mailing(project, write_brochure, [("Ona", "ona@example.org", "Kaunas"), ("", "anon@example.org", "Riga")])
    assert main([*command, "--subject", subject]) == 0
    err = capsys.readouterr().err
    assert f"warning: {project / 'rows.csv'} row 3: the subject (--subject '{subject}') {reads}: {{{{ name }}}} is " \
           'empty in this row and has no default; give it one, such as {{ name or "text" }}' in err
    assert "row 2" not in err
    assert read((project / "out" / "outbox" / "row-3.eml").read_bytes())["Subject"] == reads.removeprefix(
        "reads ").strip("'").replace("is empty", "")
    assert main([*command, "--subject", subject.replace("{{ name }}", '{{ name or "you" }}')]) == 0
    assert "subject" not in capsys.readouterr().err


def test_a_batch_is_sent_once_with_each_pdf_attached(
    project: Path, write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str],
    smtp: Callable[..., tuple[Recorder, int]],
) -> None:
    server, port = smtp()
    command = [*mailing(project, write_brochure, ROWS), "--send", "--smtp", f"127.0.0.1:{port}"]
    assert main(command) == 1  # the bad address
    assert "3 emails written, 3 sent" in capsys.readouterr().out
    received = {read(data)["To"].addresses[0].addr_spec: read(data) for data in server.received}
    assert sorted(received) == ["ben@example.org", "jurgen@example.org", "ona@example.org"]
    log = {entry["to"]: entry for entry in outbox_log(project)}
    for address, message in received.items():
        name, pdf = attachment(message)
        assert pdf == (project / "out" / name).read_bytes()
        assert log[address]["status"] == "sent" and log[address]["accepted_at"]
        assert log[address]["message_id"] == message["Message-ID"]

    assert main(command) == 1
    assert "0 emails written, 0 sent" in capsys.readouterr().out
    assert len(server.received) == 3


def test_a_temporary_refusal_is_tried_again_after_a_wait_and_delivered_once(
    project: Path, write_brochure: Callable[[str], Path], smtp: Callable[..., tuple[Recorder, int]]
) -> None:
    server, port = smtp(Recorder(temporary=1))
    command = mailing(project, write_brochure, ROWS[:1])
    now, slept = [0.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    request = MailRequest(Request(Path(command[1]), project / "rows.csv", output=project / "out"), "email",
                          "brochures@example.org", "Hello", project / "body.md",
                          server=Server("127.0.0.1", port), rate=5.0)
    summary = mail(request, clock=lambda: now[0], sleep=sleep)
    assert summary.sent == 1 and server.attempts == 2 and len(server.received) == 1
    assert slept == [FIRST_WAIT]


def test_a_permanent_refusal_is_recorded_and_not_tried_again(
    project: Path, write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str],
    smtp: Callable[..., tuple[Recorder, int]],
) -> None:
    server, port = smtp(Recorder(refuse="ona@example.org"))
    command = [*mailing(project, write_brochure, ROWS[:2]), "--send", "--smtp", f"127.0.0.1:{port}"]
    assert main(command) == 1
    assert "row 3: ona@example.org: not sent (failed): server answered 550" in capsys.readouterr().err
    assert [entry["status"] for entry in outbox_log(project)] == ["sent", "failed"]
    assert main(command) == 0
    assert len(server.received) == 1 and server.attempts == 1


def test_the_password_comes_only_from_the_environment(
    project: Path, write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str],
    smtp: Callable[..., tuple[Recorder, int]], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aiosmtpd.smtp import AuthResult

    logins = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"s3cret")

    server, port = smtp(auth_require_tls=False, authenticator=authenticator)
    command = [*mailing(project, write_brochure, ROWS[:1]), "--send", "--smtp", f"127.0.0.1:{port}",
               "--user", "robot"]
    monkeypatch.delenv("BROCHURE_SMTP_PASSWORD", raising=False)
    assert main(command) == 2
    assert "BROCHURE_SMTP_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("BROCHURE_SMTP_PASSWORD", "s3cret")
    assert main(command) == 0
    assert logins == [(b"robot", b"s3cret")] and len(server.received) == 1


def test_the_pace_is_kept_without_waiting_in_the_test() -> None:
    now, slept = [10.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(4.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        pacer.wait()
    assert slept == [0.25] * 4
