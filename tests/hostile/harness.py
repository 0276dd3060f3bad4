"""Run one hostile case as a user would and check every promise the README makes.

A case is a brochure (and maybe a brand edit, asset files, a command line, a set-up step);
running it must end with the expected exit code and message (naming the place), in bounded
time (and, for the cases run in a child process, bounded memory), without a traceback, with
no raw control characters echoed, no input changed, the earlier output byte for byte intact
when the command fails, and no temporary file left anywhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..conftest import ROOT

IN_PROCESS_LIMIT_S = int(os.environ.get("HOSTILE_LIMIT_S", "90"))
"""A hang catcher, not a timing: an in-process case still running after this has hung."""
CHILD_WALL_S = int(os.environ.get("HOSTILE_WALL_S", "150"))
CHILD_CPU_S = 90
CHILD_MEMORY = 2 * 1024**3
"""Address space of a child process: a decompression bomb or an alias bomb must stay under it."""
EARLIER = b"%PDF-1.7\n% an earlier good output that a failed command must leave as it was\n"
BUILD = ("build", "{src}", "-o", "{out}", "--profile", "screen")
TEMPORARY = re.compile(r"(\.tmp$|^\.[^/]*\.\d+\.[0-9a-f]{8}\.tmp$)")


@dataclass(frozen=True)
class Case:
    name: str
    group: str
    code: int
    expect: str = ""
    """What stderr (or stdout) must say; see ``expected_pattern``."""
    brochure: str = ""
    """The brochure's YAML text (``doc()`` makes one); empty: the minimal brochure."""
    brand: Callable[[str], str] | None = None
    """An edit of the brand file's text."""
    assets: Mapping[str, Callable[[], bytes]] = field(default_factory=dict)
    """Files written into the project's ``assets/`` folder."""
    argv: tuple[str, ...] = BUILD
    setup: Callable[[Workspace], None] | None = None
    check: Callable[[Workspace, Outcome], None] | None = None
    isolated: bool = False
    """Run in a child process under memory and CPU limits (bombs, hangs, signals)."""
    before: str = ""
    """Python run in the child process before the command (to send a signal at a chosen step)."""
    slow: bool = False
    owner: str = ""
    """Another engineer's area: an expected failure until they are done (lead, print, charts, mailing)."""
    as_user: bool = False
    """Needs permissions to stop the command: as root, it runs in a child without the
    capabilities that override them (``setpriv``)."""
    never_as_root: bool = False
    """Would write where only permission bits stop a user (``-o /``): skipped as root."""
    inputs_may_change: bool = False
    limit_s: int = 0
    """A shorter bound than the default, for a case known to hang in code that is not yet fixed."""


@dataclass
class Workspace:
    root: Path
    project: Path
    source: Path
    brand: Path
    assets: Path
    out: Path
    cache: Path

    def expand(self, text: str) -> str:
        return (text.replace("{src}", str(self.source)).replace("{out}", str(self.out))
                .replace("{brand}", str(self.brand)).replace("{assets}", str(self.assets))
                .replace("{project}", str(self.project)).replace("{root}", str(self.root)))


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def doc(blocks: str = "- kind: paragraph\n  text: Hello.", *, meta: str = "", cover: str = "", section: str = "",
        top: str = "", back: str = "") -> str:
    """A small brochure; each argument is YAML put at its place (indented for it)."""
    def indent(text: str, by: int) -> str:
        return textwrap.indent(textwrap.dedent(text).strip("\n"), " " * by) + "\n" if text.strip() else ""

    return ("meta:\n  title: Hostile input\n  author: Tests\n" + indent(meta, 2) + "brand: brand.yaml\n"
            + "cover:\n  title: Cover\n" + indent(cover, 2) + "sections:\n  - title: Section\n"
            + indent(section, 4) + "    blocks:\n" + indent(blocks, 6) + "back_cover:\n  heading: End\n"
            + indent(back, 2) + top)


def expected_pattern(case: Case, ws: Workspace, brochure: str, brand: str) -> re.Pattern[str]:
    """The case's expectation as a regular expression.

    ``@src(NEEDLE)`` and ``@brand(NEEDLE)`` stand for ``FILE:LINE:COL:`` of the first line holding
    NEEDLE in the brochure or brand file; ``…`` stands for anything; the rest is literal.
    """
    pattern = ""
    for part in re.split(r"(@src\([^)]*\)|@brand\([^)]*\)|…)", ws.expand(case.expect)):
        if part == "…":
            pattern += ".*?"
        elif match := re.fullmatch(r"@(src|brand)\((.*)\)", part):
            text, file = (brochure, ws.source) if match.group(1) == "src" else (brand, ws.brand)
            line = next(i for i, row in enumerate(text.splitlines(), 1) if match.group(2) in row)
            pattern += re.escape(f"{file}:{line}:") + r"\d+:"
        else:
            pattern += re.escape(part)
    return re.compile(pattern)


def prepare(case: Case, root: Path) -> tuple[Workspace, str, str]:
    project = root / "project"
    shutil.copytree(ROOT / "assets", project / "assets")
    (project / "brochure").mkdir()
    brand_text = (ROOT / "brochure" / "lithuania-brand.yaml").read_text(encoding="utf-8")
    if case.brand:
        brand_text = case.brand(brand_text)
    ws = Workspace(root, project, project / "brochure" / "test.yaml", project / "brochure" / "brand.yaml",
                   project / "assets", root / "out" / "result.pdf", root / "cache")
    ws.brand.write_text(brand_text, encoding="utf-8")
    brochure = case.brochure or doc()
    ws.source.write_text(brochure, encoding="utf-8")
    for name, make in case.assets.items():
        (ws.assets / name).parent.mkdir(parents=True, exist_ok=True)
        (ws.assets / name).write_bytes(make())
    ws.out.parent.mkdir()
    for name in ("result.pdf", "result-print.pdf"):
        (ws.out.parent / name).write_bytes(EARLIER)
    if case.setup:
        case.setup(ws)
    return ws, brochure, brand_text


def run(case: Case, ws: Workspace) -> Outcome:
    argv = [ws.expand(arg) for arg in case.argv]
    if case.isolated or case.before or (case.as_user and os.geteuid() == 0):
        return _in_child(case, ws, argv)
    return _in_process(ws, argv, case.limit_s or IN_PROCESS_LIMIT_S)


def _in_process(ws: Workspace, argv: list[str], limit_s: int = IN_PROCESS_LIMIT_S) -> Outcome:
    from brochure_builder import cache
    from brochure_builder.cli import main

    def hung(_signum: int, _frame: object) -> None:
        raise Hang(f"still running after {limit_s} s")

    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(limit_s)
    old_cache = os.environ.get("BROCHURE_CACHE_DIR")
    os.environ["BROCHURE_CACHE_DIR"] = str(ws.cache)
    cache.clear_memory()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.environ["BROCHURE_CACHE_DIR"] = old_cache or ""
        cache.clear_memory()
    return Outcome(int(code), out.getvalue(), err.getvalue())


class Hang(BaseException):
    """Raised in a case that runs past its bound (not an Exception: nothing may swallow it)."""


def _limits() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_S, CHILD_CPU_S))


def _in_child(case: Case, ws: Workspace, argv: list[str]) -> Outcome:
    code = (f"import sys\n{ws.expand(case.before)}\nfrom brochure_builder.__main__ import run\n"
            f"sys.argv = ['brochure', *{argv!r}]\nrun()\n")
    env = {**os.environ, "BROCHURE_CACHE_DIR": str(ws.cache), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([*_without_overrides(case), sys.executable, "-c", code], cwd=ws.root, env=env,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, preexec_fn=_limits, start_new_session=True)
    wall = case.limit_s or CHILD_WALL_S
    try:
        out, err = process.communicate(timeout=wall)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        raise Hang(f"still running after {wall} s; stderr: {err[-2000:]}") from None
    return Outcome(process.returncode, out, err)


def _without_overrides(case: Case) -> list[str]:
    """As root, a child that permission bits stop as they stop any user."""
    if case.as_user and os.geteuid() == 0:
        return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
    return []


def fingerprint(folder: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``folder`` (not following links to devices or FIFOs)."""
    prints = {}
    for path in sorted(folder.rglob("*")):
        try:
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                prints[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            prints[str(path)] = "unreadable"
    return prints


def temporary_files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*") if TEMPORARY.search(p.name))


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_outcome(case: Case, ws: Workspace, outcome: Outcome, pattern: re.Pattern[str],
                  inputs_before: dict[str, str], temporaries_before: list[str]) -> None:
    said = outcome.err + outcome.out
    assert outcome.code == case.code, f"exit {outcome.code}, expected {case.code}\n{said[-3000:]}"
    assert pattern.search(said), f"expected /{pattern.pattern}/ in:\n{said[-3000:]}"
    assert "Traceback" not in said, said[-3000:]
    assert not CONTROL.search(said), f"raw control characters echoed: {CONTROL.findall(said)!r}"
    if outcome.code != 0:
        for name in ("result.pdf", "result-print.pdf"):
            earlier = ws.out.parent / name
            assert not earlier.exists() or earlier.read_bytes() == EARLIER, f"{name} changed by a failed command"
    if not case.inputs_may_change:
        after = fingerprint(ws.project)
        changed = [path for path, digest in inputs_before.items() if after.get(path) != digest]
        assert not changed, f"input files changed: {changed}"
    left = sorted(set(temporary_files(ws.root)) - set(temporaries_before))
    assert not left, f"temporary files left behind: {left}"
    if case.check:
        case.check(ws, outcome)
