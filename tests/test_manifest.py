"""Resumable, auditable mailings: manifest.csv, re-runs that build only what changed, kills."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest

from brochure_builder.cli import main
from brochure_builder.mailing.manifest import OK, Entry, Manifest
from brochure_builder.mailing.store import FolderStore

from .conftest import MINIMAL

PERSONAL = MINIMAL.replace("heading: The end", 'heading: "Thank you, {{ name }}"')
COLUMNS = ["row", "name", "file", "sha256", "pages", "bytes", "status", "error", "digest"]
OLD = 946_684_800  # 2000-01-01: a modification time no build would give


def write_rows(path: Path, names: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "city"])
        writer.writerows([name, "Vilnius"] for name in names)
    return path


def manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def check_claims(folder: Path, lines: list[dict[str, str]]) -> None:
    """Every file the manifest says is built is there, whole, with the digest it gives."""
    for line in lines:
        if line["status"] == OK:
            data = (folder / line["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == line["sha256"] and len(data) == int(line["bytes"])
    for pdf in folder.glob("*.pdf"):
        with pikepdf.open(pdf) as document:  # a half-written PDF would not open
            assert len(document.pages) == 3  # cover, the section, back cover


def test_manifest_columns_and_a_rerun_that_builds_only_what_changed(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL)
    data = write_rows(project / "rows.csv", ["Ana", "Ben", "Cid", "Dan"])
    out = project / "out"
    command = ["build", str(source), "--data", str(data), "-o", str(out), "--jobs", "2"]
    assert main(command) == 0
    lines = manifest(out)
    assert list(lines[0]) == COLUMNS
    assert [(line["row"], line["name"], line["file"], line["status"]) for line in lines] == [
        ("2", "Ana", "Ana.pdf", "ok"), ("3", "Ben", "Ben.pdf", "ok"), ("4", "Cid", "Cid.pdf", "ok"),
        ("5", "Dan", "Dan.pdf", "ok")]
    check_claims(out, lines)
    assert all(line["pages"] == "3" for line in lines)
    for pdf in out.glob("*.pdf"):
        os.utime(pdf, (OLD, OLD))
    capsys.readouterr()

    assert main(command) == 0
    assert "0 built, 4 up to date, 0 failed, of 4 rows" in capsys.readouterr().out
    assert all(pdf.stat().st_mtime == OLD for pdf in out.glob("*.pdf"))

    write_rows(data, ["Ana", "Bea", "Cid", "Dan"])  # row 3 changes
    (out / "Dan.pdf").unlink()  # and a file goes missing
    assert main(command) == 0
    assert "2 built, 2 up to date, 0 failed, of 4 rows" in capsys.readouterr().out
    assert {pdf.name for pdf in out.glob("*.pdf") if pdf.stat().st_mtime != OLD} == {"Bea.pdf", "Dan.pdf"}
    lines = manifest(out)
    assert [line["file"] for line in lines] == ["Ana.pdf", "Bea.pdf", "Cid.pdf", "Dan.pdf"]
    check_claims(out, lines)


def test_a_changed_brochure_rebuilds_every_row(write_brochure: Callable[[str], Path], project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = write_brochure(PERSONAL)
    data = write_rows(project / "rows.csv", ["Ana", "Ben"])
    command = ["build", str(source), "--data", str(data), "-o", str(project / "out")]
    assert main(command) == 0
    digests = [line["digest"] for line in manifest(project / "out")]
    write_brochure(PERSONAL.replace("Only section", "The only section"))
    capsys.readouterr()
    assert main(command) == 0
    assert "2 built, 0 up to date" in capsys.readouterr().out
    assert all(a != b for a, b in zip(digests, (line["digest"] for line in manifest(project / "out"))))


def test_a_failed_row_is_tried_again_on_the_next_run(write_brochure: Callable[[str], Path], project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    source = write_brochure(PERSONAL)
    data = write_rows(project / "rows.csv", ["Ana", "Bad ✓"])
    command = ["build", str(source), "--data", str(data), "-o", str(project / "out")]
    assert main(command) == 1
    assert [line["status"] for line in manifest(project / "out")] == ["ok", "failed"]
    write_rows(data, ["Ana", "Bad"])
    capsys.readouterr()
    assert main(command) == 0
    assert "1 built, 1 up to date, 0 failed" in capsys.readouterr().out


def test_a_line_cut_short_by_a_kill_is_dropped(tmp_path: Path) -> None:
    store = FolderStore(tmp_path)
    first = Manifest[Entry](store)
    first.record(Entry(2, "Ana", "Ana.pdf", "ab" * 32, 4, 100, OK, "", "d1"))
    first.close()
    with (tmp_path / "manifest.csv").open("ab") as stream:
        stream.write(b"3,Ben,Ben.pdf,cd")  # what a kill in the middle of a write leaves
    second = Manifest[Entry](store)
    assert second.get("Ana.pdf") is not None and second.get("Ben.pdf") is None
    second.record(Entry(3, "Ben", "Ben.pdf", "cd" * 32, 4, 100, OK, "", "d2"))
    second.close()
    lines = (tmp_path / "manifest.csv").read_text().splitlines()
    assert lines[0] == ",".join(COLUMNS) and len(lines) == 3 and lines[2].startswith("3,Ben,Ben.pdf,cdcd")


def run_until(command: list[str], rows: int, cwd: Path) -> Iterator[subprocess.Popen[str]]:
    """Start ``brochure -v`` in its own session and yield it once ``rows`` rows are reported."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "brochure_builder", "-v", *command], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert process.stdout is not None
        reported = 0
        for line in process.stdout:
            reported += line.startswith("row ")
            if reported == rows:
                break
        assert reported == rows, process.stderr.read() if process.stderr else ""
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_a_killed_run_leaves_whole_files_and_a_true_manifest_and_the_next_run_goes_on(
    how: str, write_brochure: Callable[[str], Path], project: Path
) -> None:
    source = write_brochure(PERSONAL)
    names = [f"Reader {n}" for n in range(40)]
    data = write_rows(project / "rows.csv", names)
    out = project / "out"
    command = ["build", str(source), "--data", str(data), "-o", str(out), "--jobs", "2"]
    for process in run_until(command, 3, project):
        if how == "SIGTERM":
            process.send_signal(signal.SIGTERM)  # as `kill PID` does
            assert process.wait(timeout=120) == 143  # as any command stopped by SIGTERM
            assert "terminated: the rows done so far are kept" in (process.stderr.read() if process.stderr else "")
        else:
            os.killpg(process.pid, signal.SIGKILL)  # the whole machine going down
            process.wait(timeout=120)
    lines = [line for line in manifest(out) if line["status"]]
    assert 3 <= len(lines) < len(names)
    check_claims(out, lines)
    for pdf in out.glob("*.pdf"):
        os.utime(pdf, (OLD, OLD))
    before = {line["file"] for line in lines}

    assert main(command) == 0
    lines = manifest(out)
    assert [line["row"] for line in lines] == [str(n) for n in range(2, 42)]
    check_claims(out, lines)
    assert not list(out.glob(".*.tmp"))
    assert all((out / file).stat().st_mtime == OLD for file in before)


MEASURE = """
import resource, sys
from pathlib import Path
from brochure_builder.mailing import batch
from brochure_builder.mailing.batch import Request, build_batch

class Stub:
    def run(self, chunks):
        for chunk in chunks:
            yield [job.failed("stubbed") for job in chunk]

    def close(self):
        pass

batch._runner = lambda *args: Stub()
summary = build_batch(Request(Path(sys.argv[1]), Path(sys.argv[2]), output=Path(sys.argv[3])))
assert summary.failed == summary.total == int(sys.argv[4]), summary
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory(source: Path, folder: Path, rows: int) -> int:
    """The peak resident memory (KiB) of a process through which ``rows`` rows pass, with the
    building stubbed out."""
    data = folder / f"rows-{rows}.csv"
    with data.open("w", encoding="utf-8") as stream:
        stream.write("name,city\n")
        stream.writelines(f"Reader {n % 500},City {n}\n" for n in range(rows))  # duplicates too
    done = subprocess.run([sys.executable, "-c", MEASURE, str(source), str(data), str(folder / f"out-{rows}"),
                           str(rows)], capture_output=True, text=True, timeout=600, check=True)
    return int(done.stdout.split()[-1])


@pytest.mark.slow
def test_rows_are_read_lazily_and_memory_stays_bounded(write_brochure: Callable[[str], Path], project: Path) -> None:
    """Thirty times the rows take no more memory: nothing of a row is kept once it is done (a
    list of the rows, as the earlier code read them, takes some 20 MiB more for 58,000 rows)."""
    source = write_brochure(PERSONAL)
    small = peak_memory(source, project, 2_000)
    large = peak_memory(source, project, 60_000)
    assert large < small + 8 * 1024, f"{small / 1024:.0f} MiB, then {large / 1024:.0f} MiB"


def test_an_fsspec_url_as_the_output(write_brochure: Callable[[str], Path], project: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The same run through fsspec (``file://`` here; ``s3://`` and the rest where installed)."""
    pytest.importorskip("fsspec")
    source = write_brochure(PERSONAL)
    data = write_rows(project / "rows.csv", ["Ana", "Ben"])
    out = project / "out"
    command = ["build", str(source), "--data", str(data), "-o", out.as_uri()]
    assert main(command) == 0
    check_claims(out, manifest(out))
    assert [line["file"] for line in manifest(out)] == ["Ana.pdf", "Ben.pdf"]
    assert not list(out.glob(".*.tmp"))
    capsys.readouterr()
    assert main(command) == 0
    assert "0 built, 2 up to date" in capsys.readouterr().out
    assert main(["build", str(source), "--data", str(data), "-o", "nosuchscheme://x/y"]) == 3
