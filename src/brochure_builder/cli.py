"""The ``brochure`` command: parse arguments, call the library, turn errors into exit codes."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from .errors import BrochureError, ContentError, ExitStatus

DEFAULT_SOURCE = Path("brochure/lithuania.yaml")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="brochure", description=__doc__)
    parser.add_argument("--traceback", action="store_true", help="show Python tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build a brochure into a PDF")
    build.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                       help=f"brochure YAML file (default: {DEFAULT_SOURCE})")
    build.add_argument("-o", "--output", type=Path, help="PDF to write (default: output/NAME.pdf)")
    validate = commands.add_parser("validate", help="check content and brand without rendering")
    validate.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return ExitStatus.SUCCESS if exc.code == 0 else ExitStatus.USAGE_ERROR
    try:
        return _run(args)
    except BrochureError as exc:
        if args.traceback:
            traceback.print_exc()
        _report(exc)
        return exc.exit_status
    except Exception:  # the one boundary for bugs: say so and how to report them
        if args.traceback:
            traceback.print_exc()
        else:
            print("error: internal error (a bug); run again with --traceback to see where",
                  file=sys.stderr)
        return ExitStatus.INTERNAL_ERROR


def _run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        from .loading import load

        load(args.source)
        print(f"{args.source}: valid")
        return ExitStatus.SUCCESS
    from .builder import build

    started = time.perf_counter()
    result = build(args.source, args.output)
    for warning in result.warnings:
        print(f"warning: {args.source}: {warning}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"wrote {result.path} ({result.pages} pages, {result.size / 1024:.0f} KB) in {elapsed:.2f} s")
    return ExitStatus.SUCCESS


def _report(exc: BrochureError) -> None:
    lines = [str(p) for p in exc.problems] if isinstance(exc, ContentError) else [str(exc)]
    for line in lines:
        print(f"error: {line}", file=sys.stderr)
