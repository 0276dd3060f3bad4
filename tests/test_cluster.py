"""Mailings on a real Dask cluster: a scheduler and two workers on 127.0.0.1, started here.

Timeouts only bound a hang; nothing waits for a time to pass.
"""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from brochure_builder.cli import main

from .conftest import MINIMAL

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

PERSONAL = MINIMAL.replace("heading: The end", 'heading: "Thank you, {{ name }}"')
HANG = 300  # seconds: only a hung cluster takes this long


@dataclass
class Cluster:
    address: str
    workers: list[subprocess.Popen[bytes]]
    client: object


def _start(arguments: list[str], log: Path) -> subprocess.Popen[bytes]:
    dask = Path(sys.executable).parent / "dask"
    with log.open("wb") as stream:
        return subprocess.Popen([str(dask), *arguments], stdout=stream, stderr=subprocess.STDOUT,
                                start_new_session=True)


@contextmanager
def dask_cluster(folder: Path, workers: int = 2) -> Iterator[Cluster]:
    """A scheduler on a free port and ``workers`` single-threaded workers; all ended afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "scheduler.json"
    processes = []
    client = None
    try:
        processes.append(_start(["scheduler", "--scheduler-file", str(file), "--host", "127.0.0.1", "--port", "0",
                                 "--no-dashboard"], folder / "scheduler.log"))
        worker = ["worker", "--scheduler-file", str(file), "--nthreads", "1", "--no-nanny", "--no-dashboard",
                  "--host", "127.0.0.1", "--local-directory", str(folder / "work")]
        started = [_start(worker, folder / f"worker-{n}.log") for n in range(workers)]
        processes += started
        client = distributed.Client(scheduler_file=str(file), timeout=HANG, set_as_default=False)
        client.wait_for_workers(workers, timeout=HANG)
        yield Cluster(client.scheduler.address, started, client)
    finally:
        if client is not None:
            client.close()
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=HANG)


def write_rows(path: Path, names: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name"])
        writer.writerows([name] for name in names)
    return path


def manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_a_cluster_builds_the_same_files_as_this_machine(
    write_brochure: Callable[[str], Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(PERSONAL)
    names = ["Jürgen Weiß", "Małgorzata Łęcka", "Ona Žemaitė", "", "Ona Žemaitė", "Bad ✓",
             *(f"Reader {n}" for n in range(10))]
    data = write_rows(project / "rows.csv", names)
    here, there = project / "here", project / "there"
    assert main(["build", str(source), "--data", str(data), "-o", str(here), "--jobs", "1"]) == 1
    capsys.readouterr()
    with dask_cluster(project / "cluster") as cluster:
        command = ["build", str(source), "--data", str(data), "-o", str(there), "--scheduler", cluster.address]
        assert main(command) == 1
        out, err = capsys.readouterr()
        assert "15 built, 0 up to date, 1 failed, of 16 rows" in out
        assert err.count("row 7: ") == 1 and "character '✓'" in err  # reported once, not retried
        assert [(e["file"], e["sha256"]) for e in manifest(there)] == [(e["file"], e["sha256"]) for e in manifest(here)]
        assert {p.name for p in there.glob("*.pdf")} >= {"Jurgen-Weiss.pdf", "Malgorzata-Lecka.pdf", "Ona-Zemaite-2.pdf"}

        def makers_on_worker() -> int:  # defined here: pickled by value, not by a module name
            from brochure_builder.mailing import cluster

            return len(cluster._makers)

        makers = cluster.client.run(makers_on_worker)  # type: ignore[attr-defined]
        assert sorted(makers.values()) == [1, 1]  # the project reached each worker once

        assert main(command) == 1
        assert "0 built, 15 up to date, 1 failed" in capsys.readouterr().out


def test_rows_of_a_killed_worker_come_out_exactly_once(write_brochure: Callable[[str], Path], project: Path) -> None:
    source = write_brochure(PERSONAL)
    rows = 48
    data = write_rows(project / "rows.csv", [f"Reader {n}" for n in range(rows)])
    out = project / "out"
    with dask_cluster(project / "cluster") as cluster:
        pids = cluster.client.run(os.getpid)  # type: ignore[attr-defined]
        victim = cluster.workers[0]
        address = next(where for where, pid in pids.items() if pid == victim.pid)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "brochure_builder", "-v", "build", str(source), "--data", str(data),
                   "-o", str(out), "--scheduler", cluster.address]
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               cwd=project, start_new_session=True)
        try:
            assert run.stdout is not None
            reported = []
            for line in run.stdout:
                if line.startswith("row "):
                    reported.append(line)
                    if len(reported) == 4:
                        assert cluster.client.processing()[address]  # type: ignore[attr-defined]
                        os.killpg(victim.pid, signal.SIGKILL)
                        victim.wait(timeout=HANG)
            assert run.wait(timeout=HANG) == 0, run.stderr.read() if run.stderr else ""
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
                run.wait(timeout=HANG)
        assert len(reported) == rows, "every row is reported once"
    entries = manifest(out)
    assert [e["row"] for e in entries] == [str(n) for n in range(2, rows + 2)]
    assert all(e["status"] == "ok" for e in entries)
    for entry in entries:
        pdf = out / entry["file"]
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == entry["sha256"]
        with pikepdf.open(pdf) as document:
            assert len(document.pages) == 3  # cover, the section, back cover
    assert not list(out.glob(".*.tmp"))
