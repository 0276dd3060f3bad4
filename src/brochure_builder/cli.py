"""The ``brochure`` command: parse arguments, call the library, turn errors into exit codes.

It is the one error boundary: user errors are reported with their place and exit codes 1 to
4, anything else is a bug (70); Ctrl-C and SIGTERM end a command with one line (130, 143).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import BrochureError, ContentError, ExitStatus, PreflightError

SOURCE_HELP = "brochure YAML file (default: the one in this folder or its brochure/ folder)"
DESCRIPTION = ("Build branded, print-ready PDF brochures from YAML content and data-driven charts: "
               "a screen PDF for email, a print PDF with bleed and crop marks, booklets.")
EPILOG = ("Exit codes: 0 success, 1 content, brand or asset error, 2 usage error, 3 output error, "
          "4 preflight failed, 70 internal error (a bug), 130 interrupted (Ctrl-C), 143 terminated.")
MAX_REPORTED = 50
"""Problems printed for one error; the rest are counted (a file with 10,000 mistakes)."""


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="brochure", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"brochure {__version__}")
    _common_options(parser)
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser

    def command(name: str, help: str) -> argparse.ArgumentParser:  # noqa: A002 (argparse's word)
        return add(name, help=help, parents=[common])

    build = command("build", "build a brochure into PDF files")
    build.add_argument("source", nargs="?", type=Path, help=SOURCE_HELP)
    build.add_argument("-o", "--output", type=_output,
                       help="screen PDF to write, or a folder for NAME.pdf (default: output/NAME.pdf); "
                            "the other files get a suffix; with --data a folder or an fsspec URL")
    build.add_argument("--profile", choices=["screen", "print"], action="append",
                       help="build only this profile (default: screen and print)")
    build.add_argument("--imposition", choices=["booklet", "booklet-a4"], action="append", default=[],
                       help="also write an imposed booklet (-booklet.pdf, -booklet-a4.pdf)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--data", type=Path,
                       help="CSV file: one personalised PDF per row, {{ column }} filled in")
    build.add_argument("--name-column", help="with --data: column that names each PDF (default: first)")
    build.add_argument("--jobs", type=int, help="with --data: processes to use (default: all cores)")
    build.add_argument("--scheduler", metavar="tcp://HOST:8786",
                       help="with --data: build the rows on this Dask cluster (output in a shared folder)")
    build.add_argument("--allow-outside", action="store_true",
                       help="let asset paths leave the project folder (absolute paths, ..)")
    build.add_argument("--lang", help="build the edition translated with NAME.LANG.po (NAME-LANG.pdf); "
                                      "all: the brochure as written and every language with a catalogue")
    validate = command("validate", "check content and brand without rendering")
    validate.add_argument("source", nargs="?", type=Path, help=SOURCE_HELP)
    validate.add_argument("--lang", help="check the edition translated with NAME.LANG.po (or all)")
    validate.add_argument("--data", type=Path, help="CSV file whose header the placeholders must name")
    _mail_parser(command("mail", "personalised PDFs, each attached to an email (sent only with --send)"))
    _translate_parser(command("translate", "keep the translation catalogues (PO files) of a brochure"),
                      common)
    preview = command("preview", "write the cover as PNG and a contact sheet")
    preview.add_argument("source", nargs="?", type=Path,
                         help="brochure YAML (built in memory) or a PDF (default: as for build)")
    preview.add_argument("-o", "--output", type=Path,
                         help="folder to write into (default: output/preview of the brochure's project)")
    new = command("new", "start a brochure project that shows every block kind")
    new.add_argument("folder", type=_output)
    watch = command("watch", "rebuild on every save (Ctrl-C to stop)")
    watch.add_argument("source", nargs="?", type=Path, help=SOURCE_HELP)
    watch.add_argument("-o", "--output", type=_output, help="PDF to write (default: output/NAME.pdf)")
    watch.add_argument("--lang", help="build the edition translated with NAME.LANG.po (NAME-LANG.pdf)")
    schema = command("schema", "print the JSON Schema of the content format")
    schema.add_argument("--brand", action="store_true", help="the brand format's schema instead")
    check = command("check", "preflight a PDF as a print shop would")
    check.add_argument("pdf", type=Path)
    check.add_argument("--safe-zone", type=float, default=5.0, help="safe zone in mm (default 5)")
    check.add_argument("--for", dest="purpose", choices=["press", "print", "screen", "office"], default=None,
                       help="what the file is for: press or print (default, PDF/X-4 and every check), "
                            "screen or office")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    return parser


def _translate_parser(translate: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    actions = translate.add_subparsers(dest="action", required=True)
    extract = actions.add_parser("extract", parents=[common],
                                 help="write the template of every text to translate (NAME.pot)")
    extract.add_argument("source", nargs="?", type=Path, help=SOURCE_HELP)
    extract.add_argument("-o", "--output", type=Path, help="template to write (default: NAME.pot beside it)")
    update = actions.add_parser("update", parents=[common],
                                help="create or bring up to date the catalogue NAME.LANG.po")
    update.add_argument("source", nargs="?", type=Path, help=SOURCE_HELP)
    update.add_argument("--lang", required=True,
                        help="language tag (lt, lt-LT), or all: every catalogue beside the brochure")


def _output(text: str) -> str:
    """A path as given (a trailing slash says "a folder"); never empty."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path")
    return text


def _path_or_url(text: str) -> Path | str:
    """A path, or with --data an fsspec URL (``s3://bucket/out``), which a Path would mangle."""
    return text if "://" in text else Path(text)


def _mail_parser(mail: argparse.ArgumentParser) -> None:
    mail.add_argument("source", type=Path, help="brochure YAML file")
    mail.add_argument("--data", type=Path, required=True, help="CSV file, one email per row")
    mail.add_argument("--to-column", required=True, help="column holding each email address")
    mail.add_argument("--from", dest="sender", required=True, metavar='"NAME <ADDRESS>"', help="the sender")
    mail.add_argument("--subject", required=True, help="subject line; may hold {{ column }} placeholders")
    mail.add_argument("--body", type=Path, required=True, help="Markdown file: the text of each email")
    mail.add_argument("--attachment-name", help="file name of the attached PDF (placeholders allowed)")
    mail.add_argument("-o", "--output", help="folder or URL of the PDFs (default: output/NAME); outbox/ inside")
    mail.add_argument("--name-column", help="column that names each PDF and addressee (default: first)")
    mail.add_argument("--jobs", type=int, help="processes to build with (default: all cores)")
    mail.add_argument("--scheduler", metavar="tcp://HOST:8786", help="build the rows on this Dask cluster")
    mail.add_argument("--allow-outside", action="store_true", help="let asset paths leave the project folder")
    mail.add_argument("--lang", help="the edition translated with NAME.LANG.po")
    mail.add_argument("--send", action="store_true", help="send the emails (otherwise only write the outbox)")
    mail.add_argument("--smtp", metavar="HOST:PORT", help="with --send: the SMTP server")
    mail.add_argument("--starttls", action="store_true", help="with --send: encrypt the connection (STARTTLS)")
    mail.add_argument("--user", help="with --send: log in as NAME; the password comes from BROCHURE_SMTP_PASSWORD")
    mail.add_argument("--rate", default="5/s", metavar="N/s", help="with --send: at most N emails a second (default 5/s)")


def _common_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """--traceback, --quiet and --verbose, accepted before or after the command."""
    default: Any = argparse.SUPPRESS if suppress else False  # after the command: keep the earlier value
    parser.add_argument("--traceback", action="store_true", default=default, help="show Python tracebacks")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", default=default, help="print errors only")
    loudness.add_argument("-v", "--verbose", action="store_true", default=default,
                          help="print warnings and details")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return ExitStatus.SUCCESS if exc.code == 0 else ExitStatus.USAGE_ERROR
    global _out
    _out = Output(quiet=args.quiet, verbose=args.verbose)
    try:
        from .source.dates import source_date_epoch

        source_date_epoch()  # ReportLab reads it too, and fails on what it cannot read
        if getattr(args, "source", "") is None:
            from .source.discovery import find_brochure

            args.source = find_brochure(Path.cwd())
        with _terminate_as_interrupt():
            return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        _out.error("interrupted")
        return ExitStatus.INTERRUPTED
    except Terminated:
        _out.error("terminated")
        return ExitStatus.TERMINATED
    except BrochureError as exc:
        if args.traceback:
            _print_traceback()
        _report(exc)
        return exc.exit_status
    except Exception:  # the one boundary for bugs: say so and how to report them
        if args.traceback:
            _print_traceback()
        else:
            print("error: internal error (a bug); run again with --traceback to see where",
                  file=sys.stderr)
        return ExitStatus.INTERNAL_ERROR


TERMINATING = threading.Event()
"""Set when SIGTERM arrived."""


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that it unwinds as from Ctrl-C: temporary files
    removed, the chart worker ended, earlier output untouched."""


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(_signum: int, _frame: object) -> None:
        TERMINATING.set()  # for code that sees the signal as an interrupt (watchfiles does)
        raise Terminated

    TERMINATING.clear()  # a command run again in this process starts afresh
    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _print_traceback() -> None:
    import traceback  # only when asked: its imports cost every build 2 ms

    traceback.print_exc()


def _build(args: argparse.Namespace) -> int:
    if args.data:
        return _batch(args)
    from .charts.ahead import drawn_ahead, start_early

    start_early(args.source)  # before the heavy imports below: see charts/ahead.py
    from .builder import build_all

    started = time.perf_counter()
    profiles = args.profile or ["screen", "print"]
    from .cache import disk_cache_status

    _out.detail(f"building {args.source}: profiles {', '.join(profiles)}; cache {disk_cache_status()}")
    results = build_all(args.source, args.output, profiles=profiles, impositions=args.imposition,
                        strict=args.strict, allow_outside=args.allow_outside,
                        languages=_editions(args.source, args.lang), every=_out.verbose)
    _out.detail(f"charts drawn ahead by the chart worker: {len(drawn_ahead)}")
    for result in results:
        for warning in result.warnings:
            _out.warning(f"{result.path}: {warning}")
        _out.info(f"wrote {result.path} ({result.pages} pages, {result.size / 1024:.0f} KB)")
    _out.info(f"built in {time.perf_counter() - started:.2f} s")
    return ExitStatus.SUCCESS


def _editions(source: Path, lang: str | None) -> list[str | None]:
    """The languages to build: None is the brochure as written; ``all`` adds every catalogue."""
    if lang is None:
        return [None]
    if lang != "all":
        return [lang]
    from .source.translation.catalogue import languages_of

    return [None, *languages_of(source)]


def _batch(args: argparse.Namespace) -> int:
    from .mailing.batch import Request, build_batch, terminal_progress

    if args.lang == "all":
        from .errors import UsageError

        raise UsageError("--data builds one language at a time: give --lang LANG, not all")
    started = time.perf_counter()
    output = _path_or_url(args.output) if args.output else None
    request = Request(args.source, args.data, output=output, name_column=args.name_column,
                      jobs=args.jobs, scheduler=args.scheduler, allow_outside=args.allow_outside,
                      language=args.lang)
    with _interruptible():
        summary = build_batch(request, progress=terminal_progress, report=_row_reporter(args.data))
    elapsed = time.perf_counter() - started
    rate = f" ({summary.built / elapsed:.1f} per second)" if summary.built else ""
    _out.info(f"{summary.folder}: {summary.built} built, {summary.up_to_date} up to date, "
              f"{summary.failed} failed, of {summary.total} rows, in {elapsed:.2f} s{rate}")
    if summary.internal:
        return ExitStatus.INTERNAL_ERROR
    return ExitStatus.CONTENT_ERROR if summary.failed else ExitStatus.SUCCESS


def _mail(args: argparse.Namespace) -> int:
    from .mailing.batch import Request, terminal_progress
    from .mailing.mail import MailRequest, mail

    started = time.perf_counter()
    batch = Request(args.source, args.data, output=args.output, name_column=args.name_column,
                    jobs=args.jobs, scheduler=args.scheduler, allow_outside=args.allow_outside,
                    language=args.lang)
    request = MailRequest(batch, args.to_column, args.sender, args.subject, args.body, args.attachment_name,
                          _smtp_server(args), _rate(args.rate))
    with _interruptible():
        summary = mail(request, progress=terminal_progress, report=_row_reporter(args.data))
    for problem in summary.bad_addresses:
        _out.error(f"{args.data} {problem.message}")
    for problem in summary.thin_subjects:
        _out.warning(f"{args.data} {problem.message}")
    for sent in summary.failed:
        _out.error(f"{args.data} row {sent.row}: {sent.to}: not sent ({sent.status}): {sent.error}")
    for sent in summary.uncertain:
        _out.warning(f"{args.data} row {sent.row}: {sent.to}: a run was stopped while sending this message; "
                     "it is not sent again (check the server's log)")
    sending = f"{summary.sent} sent" if request.server else "none sent (a dry run: add --send --smtp HOST:PORT)"
    _out.info(f"{summary.outbox}: {summary.written} emails written, {sending}, in "
              f"{time.perf_counter() - started:.2f} s")
    failed = summary.bad_addresses or summary.build.failed or summary.failed
    return ExitStatus.CONTENT_ERROR if failed else ExitStatus.SUCCESS


def _row_reporter(data: Path) -> Any:
    """Each failed row as an error as soon as it fails (a mailing can be long); with -v every row."""

    def report(entry: Any) -> None:
        _out.detail(f"row {entry.row}: {entry.status} {entry.file}")
        for line in entry.error.split(" | ") if entry.error else []:
            _out.error(f"{data} row {entry.row}: {line}")

    return report


class Interrupted(BrochureError):
    """Ctrl-C or SIGTERM during a mailing: what was done is kept, the next run goes on from there."""

    def __init__(self, message: str, exit_status: ExitStatus) -> None:
        super().__init__(message)
        self.exit_status = exit_status


@contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C (130) or SIGTERM (143, raised by ``_terminate_as_interrupt``) during a mailing:
    files written are whole and in the manifest, and the message says how to go on."""
    going_on = "the rows done so far are kept in the manifest; run the same command again to go on"
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted: {going_on}", ExitStatus.INTERRUPTED) from None
    except Terminated:
        raise Interrupted(f"terminated: {going_on}", ExitStatus.TERMINATED) from None


def _smtp_server(args: argparse.Namespace) -> Any:
    import os

    from .errors import UsageError
    from .mailing.sending import Server

    if not args.send:
        return None
    host, _, port = (args.smtp or "").rpartition(":")
    if not host or not port.isdigit():
        raise UsageError("--send needs --smtp HOST:PORT (for example --smtp mail.example.org:587)")
    password = os.environ.get("BROCHURE_SMTP_PASSWORD")
    if args.user and not password:
        raise UsageError("--user needs the password in the environment variable BROCHURE_SMTP_PASSWORD")
    return Server(host, int(port), args.starttls, args.user, password)


def _rate(text: str) -> float:
    from .errors import UsageError

    number = text.removesuffix("/s")
    try:
        rate = float(number)
    except ValueError:
        rate = 0.0
    if not 0 < rate <= 10_000:
        raise UsageError(f"--rate {text}: give emails per second, for example 5/s")
    return rate


def _validate(args: argparse.Namespace) -> int:
    from .source.loading import load

    if args.data:
        from .source.merge import DataFile, check_placeholders

        document = load(args.source, template=True)
        check_placeholders(document.source, DataFile(args.data).columns, args.data)
        _out.info(f"{args.source}: valid, with the columns of {args.data}")
        return ExitStatus.SUCCESS
    for language in _editions(args.source, args.lang):
        document = load(args.source, language=language)
        for warning in document.warnings:
            _out.warning(str(warning))
        if language is None:
            _out.info(f"{args.source}: valid")
            continue
        from .source.translation.apply import summary
        from .source.translation.catalogue import catalogue_path

        if document.untranslated:
            _out.warning(summary(list(document.untranslated), language, every=_out.verbose))
        _out.info(f"{catalogue_path(args.source, language)}: valid")
    return ExitStatus.SUCCESS


def _translate(args: argparse.Namespace) -> int:
    from .pdf.output import write_atomically
    from .source.loading import load
    from .source.translation import catalogue as c

    document = load(args.source, template=True)  # placeholders are translated as they are
    title = document.brochure.meta.title
    if args.action == "extract":
        template = c.template(document.source, document.brand_source, title)
        path = args.output or args.source.with_suffix(".pot")
        write_atomically(path, c.po_bytes(template))
        _out.info(f"wrote {path} ({len(template)} texts to translate)")
        return ExitStatus.SUCCESS
    languages = c.languages_of(args.source) if args.lang == "all" else [args.lang]
    if not languages:
        from .errors import UsageError

        raise UsageError(f"no catalogues beside {args.source} (NAME.LANG.po); name a language: --lang lt")
    for language in languages:
        merged = c.merge(document.source, document.brand_source, language, title)
        data = c.po_bytes(merged.catalog)
        if merged.path.exists() and c.same_entries(merged.path.read_bytes(), data):
            _out.info(f"{merged.path} is up to date ({merged.report()})")
            continue
        write_atomically(merged.path, data)
        _out.info(f"wrote {merged.path} ({merged.report()})")
    return ExitStatus.SUCCESS


def _new(args: argparse.Namespace) -> int:
    from .scaffold import scaffold

    folder = Path(args.folder)
    scaffold(folder)
    _out.info(f"wrote a new brochure into {folder}; build it with: brochure build {folder / 'brochure.yaml'}")
    return ExitStatus.SUCCESS


def _watch(args: argparse.Namespace) -> int:
    from .watch import watch

    _out.info(f"watching {args.source} and its brand and assets; Ctrl-C to stop")
    try:
        watch(args.source, args.output, lambda message, bad: (_out.error if bad else _out.info)(message),
              language=args.lang)
    except KeyboardInterrupt:  # Ctrl-C is how watching ends
        if TERMINATING.is_set():  # the watcher reports any signal as an interrupt
            raise Terminated from None
    _out.info("stopped watching")
    return ExitStatus.SUCCESS


def _schema(args: argparse.Namespace) -> int:
    from .source.editor_schema import schema_text

    sys.stdout.write(schema_text("brand" if args.brand else "brochure"))
    return ExitStatus.SUCCESS


def _check(args: argparse.Namespace) -> int:
    from reportlab.lib.units import mm

    from .errors import UsageError
    from .pdf.preflight import check
    from .pdf.reader import read_pdf_file

    if not 0 <= args.safe_zone <= 50:
        raise UsageError(f"--safe-zone {args.safe_zone:g}: give a distance from 0 to 50 mm")
    purpose = "press" if args.purpose in ("print", None) else args.purpose  # the print profile's file is for the press
    report = check(read_pdf_file(args.pdf), purpose=purpose, safe_zone=args.safe_zone * mm,
                   name=str(args.pdf), strict=args.strict)
    for finding in report.findings:
        print(f"{args.pdf}: {finding}")
    if report.conformance:
        print("PDF/X-4 conformance (ISO 15930-7: the rules a machine can check without a certified validator):")
        for rule in report.conformance:
            print(f"  {'pass' if rule.passed else 'FAIL'}  {rule.name}")
            for problem in rule.problems:
                print(f"        {problem}")
    failed = sum(not rule.passed for rule in report.conformance)
    rules = f"; PDF/X-4: {len(report.conformance) - failed} of {len(report.conformance)} rules pass" \
        if report.conformance else ""
    _out.info(f"{args.pdf}: {len(report.errors)} error(s), {len(report.warnings)} warning(s){rules}")
    if (report.errors or failed) and report.screen_like and args.purpose is None:
        _out.info(f"{args.pdf} has no PDF/X output intent: it looks made for a screen, and these are the press's "
                  f"checks; to check it as a screen (email) file: brochure check --for screen {args.pdf}")
    return ExitStatus.PREFLIGHT_FAILED if report.errors or failed else ExitStatus.SUCCESS


def _preview(args: argparse.Namespace) -> int:
    from .pdf.preview import write_previews

    if args.source.suffix.lower() == ".pdf":
        from .pdf.reader import open_pdf, read_pdf_file

        pdf = read_pdf_file(args.source)
        open_pdf(pdf, str(args.source)).close()  # within the limits before PDFium renders it
    else:
        from .layout.profiles import SCREEN
        from .pdf.produce import produce
        from .source.loading import load

        pdf = produce(load(args.source), SCREEN).pdf
    from .source.schema import output_folder

    beside = args.source.parent if args.source.suffix.lower() == ".pdf" else output_folder(args.source)
    folder = args.output or beside / "preview"  # a PDF's preview beside it, a brochure's in its output/
    for path in write_previews(pdf, folder, args.source.stem, str(args.source)):
        _out.info(f"wrote {path}")
    return ExitStatus.SUCCESS


COMMANDS = {"build": _build, "mail": _mail, "validate": _validate, "check": _check, "preview": _preview,
            "new": _new, "watch": _watch, "schema": _schema, "translate": _translate}


def _report(exc: BrochureError) -> None:
    if isinstance(exc, (ContentError, PreflightError)):
        lines = [str(p) for p in exc.problems[:MAX_REPORTED]]
        if isinstance(exc, PreflightError):
            lines = [f"{exc.file}: {line}" for line in lines]
        if len(exc.problems) > MAX_REPORTED:
            lines.append(f"... and {len(exc.problems) - MAX_REPORTED} more problems (fix these first)")
    else:
        lines = [str(exc)]
    for line in lines:
        _out.error(line)


def printable(text: str) -> str:
    """``text`` with control, formatting and other unprintable characters written as escapes:
    what a YAML file holds must never drive the terminal (colours, titles, cursor, reordering)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


class Output:
    """Terminal conventions: quiet on success but for what was written; colour only on a tty."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet, self.verbose = quiet, verbose

    @staticmethod
    def _label(word: str, colour: str) -> str:
        import os

        if sys.stderr.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb":
            return f"\033[{colour}m{word}:\033[0m"
        return f"{word}:"

    def info(self, message: str) -> None:
        if not self.quiet:
            for line in message.split("\n"):
                print(printable(line))

    def warning(self, message: str) -> None:
        if not self.quiet:
            for line in message.split("\n"):
                print(f"{self._label('warning', '33')} {printable(line)}", file=sys.stderr)

    def detail(self, message: str) -> None:
        if self.verbose:
            for line in message.split("\n"):
                print(printable(line))

    def error(self, message: str) -> None:
        for line in message.split("\n"):
            print(f"{self._label('error', '1;31')} {printable(line)}", file=sys.stderr)


_out = Output()
