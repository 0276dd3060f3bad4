"""Benchmark the brochure builder and print a table of figures; the last line is JSON.

    python benchmarks/bench.py            # a few minutes on 2 cores
    python benchmarks/bench.py --quick    # fewer repetitions, for a smoke run

Each process timing runs the ``brochure`` command afresh, as a user would; "cold" gets an
empty cache, "warm" the cache the previous run left. Peak memory is the largest resident set
of a cold build process plus that of its chart worker.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "brochure" / "lithuania.yaml"


CHILD = """
import atexit, resource, sys
def peaks():
    own, children = (resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print("BENCH-PEAK-KB", own, children, file=sys.stderr)
atexit.register(peaks)
from brochure_builder.__main__ import run
sys.argv[0] = "brochure"
run()
"""
"""The ``brochure`` command itself (its entry point), reporting its own peak memory and that of
the chart worker it forked."""


def run_child(args: list[str], cache: Path) -> tuple[float, float]:
    """Wall time of the command (interpreter start and exit included) and the peak memory of
    the build in MB: its own plus its chart worker's, as they run side by side."""
    env = {**os.environ, "BROCHURE_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "-q", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"benchmark run failed: {args}\n{done.stderr}")
    line = next(out for out in done.stderr.splitlines() if out.startswith("BENCH-PEAK-KB"))
    own, worker = (int(kb) for kb in line.split()[1:])
    return wall, (own + worker) / 1024


def process_builds(work: Path, repeat: int) -> dict[str, float]:
    out = work / "screen.pdf"
    args = ["build", str(BUNDLED), "-o", str(out), "--profile", "screen"]
    cold, peaks = [], []
    for i in range(repeat):
        cache = work / f"cold-cache-{i}"
        wall, peak = run_child(args, cache)
        cold.append(wall)
        peaks.append(peak)
    warm = [run_child(args, work / "cold-cache-0")[0] for _ in range(repeat)]
    return {"cold_build_s": statistics.median(cold), "warm_rebuild_s": statistics.median(warm),
            "edited_rebuild_s": edited_rebuilds(work, repeat, work / "cold-cache-0"),
            "peak_memory_mb": max(peaks)}


def edited_rebuilds(work: Path, repeat: int, cache: Path) -> float:
    """A rebuild after each of ``repeat`` edits to the text (charts unchanged): what an author
    waits for, and proof that no whole-document shortcut makes the warm figure."""
    project = work / "edited"
    shutil.copytree(ROOT / "brochure", project / "brochure")
    shutil.copytree(ROOT / "assets", project / "assets")
    source = project / "brochure" / BUNDLED.name
    original = source.read_text(encoding="utf-8")
    times = []
    for edit in range(repeat):
        source.write_text(original.replace("A meteoric rise", f"A meteoric rise (edit {edit})"), encoding="utf-8")
        times.append(run_child(["build", str(source), "-o", str(project / "out.pdf"), "--profile", "screen"],
                               cache)[0])
    return statistics.median(times)


def in_process(repeat: int) -> float:
    from brochure_builder.builder import build

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "again.pdf"
        build(BUNDLED, target)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            build(BUNDLED, target)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def tagging_cost(repeat: int) -> dict[str, float]:
    """What tagging the screen file costs (issue 13's budget: 25 %): the bundled brochure laid
    out and finished in this process (CPU seconds, median) and its bytes, tagged as it is built
    and with a plain canvas and no structure tree."""
    from unittest import mock

    from reportlab.pdfgen.canvas import Canvas

    from brochure_builder.layout import story
    from brochure_builder.layout.profiles import SCREEN
    from brochure_builder.pdf import produce
    from brochure_builder.source.loading import load

    document = load(BUNDLED)

    def measure() -> tuple[float, int]:
        produce.produce(document, SCREEN)  # fonts, charts and hyphenation warm
        times, size = [], 0
        for _ in range(repeat):
            started = time.process_time()
            size = len(produce.produce(document, SCREEN).pdf)
            times.append(time.process_time() - started)
        return statistics.median(times), size

    tagged_s, tagged_bytes = measure()
    with mock.patch.object(story, "TaggingCanvas", Canvas), mock.patch.object(produce, "write_structure"):
        untagged_s, untagged_bytes = measure()
    return {"tagged_cpu_s": tagged_s, "untagged_cpu_s": untagged_s, "tagging_time_share": tagged_s / untagged_s - 1,
            "tagged_bytes": tagged_bytes, "untagged_bytes": untagged_bytes,
            "tagging_size_share": tagged_bytes / untagged_bytes - 1}


def generated(work: Path, pages: int, cache: Path) -> tuple[int, float]:
    """A generated brochure of about ``pages`` pages: its page count and build seconds."""
    project = work / f"generated-{pages}"
    (project / "brochure").mkdir(parents=True)
    shutil.copytree(ROOT / "assets", project / "assets")
    shutil.copy(ROOT / "brochure" / "lithuania-brand.yaml", project / "brochure" / "brand.yaml")
    source = project / "brochure" / "generated.yaml"
    source.write_text(_generated_yaml(max(1, (pages - 2) // 2)), encoding="utf-8")
    wall, _peak = run_child(["build", str(source), "-o", str(project / "g.pdf"), "--profile", "screen"], cache)
    from pypdf import PdfReader

    return len(PdfReader(project / "g.pdf").pages), wall


def _generated_yaml(sections: int) -> str:
    paragraph = ("Lithuania works with its partners on public sector transformation, openly and "
                 "with a clear aim. " * 5).strip()
    section = f"""
  - title: Section {{n}}
    kicker: "{{n:02d}}"
    blocks:
      - {{{{ kind: paragraph, style: lead, text: "{paragraph}" }}}}
      - kind: columns
        blocks:
          - {{{{ kind: paragraph, text: "{paragraph} {paragraph}" }}}}
          - {{{{ kind: paragraph, text: "{paragraph} {paragraph}" }}}}
      - kind: stats
        items:
          - {{{{ value: "4th", label: Rank, source: "Source: ITU" }}}}
          - {{{{ value: "57th", label: Earlier rank, source: "Source: ITU" }}}}
      - kind: chart
        chart: bar
        title: Scores
        alt: Bar chart of four scores
        source: "Source: ITU"
        height: 50
        data: [{{{{ label: A, value: 0.93 }}}}, {{{{ label: B, value: 0.92 }}}}, {{{{ label: C, value: 0.91 }}}}]
      - {{{{ kind: paragraph, text: "{paragraph}" }}}}
      - {{{{ kind: paragraph, text: "{paragraph}" }}}}
      - {{{{ kind: paragraph, text: "{paragraph}" }}}}
"""
    head = """meta: { title: Generated, author: Benchmark }
brand: brand.yaml
cover: { title: A generated brochure }
back_cover: { heading: The end }
sections:"""
    return head + "".join(section.format(n=n) for n in range(1, sections + 1))


def output_sizes(work: Path, cache: Path) -> dict[str, int]:
    out = work / "all" / "lithuania.pdf"
    run_child(["build", str(BUNDLED), "-o", str(out), "--imposition", "booklet", "--imposition", "booklet-a4"],
              cache)
    return {p.name: p.stat().st_size for p in sorted(out.parent.glob("*.pdf"))}


def batch_project(work: Path, name: str, body: bool = False) -> Path:
    """The bundled brochure with a name on its cover and back cover (and in the body if asked:
    then every copy is laid out in full)."""
    project = work / name
    (project / "brochure").mkdir(parents=True)
    shutil.copytree(ROOT / "assets", project / "assets")
    shutil.copy(ROOT / "brochure" / "lithuania-brand.yaml", project / "brochure")
    text = BUNDLED.read_text(encoding="utf-8").replace("  kicker: Lithuania\n", "  kicker: For {{ name }}\n", 1)
    text = text.replace("heading: There is more to discover", 'heading: "{{ name }}, there is more to discover"')
    if body:
        text = text.replace("A meteoric rise", "A meteoric rise, {{ name }}")
    source = project / "brochure" / "lithuania.yaml"
    source.write_text(text, encoding="utf-8")
    return source


def write_rows(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name"])
        writer.writerows([f"Reader {i} Žemaitė"] for i in range(rows))
    return path


def batch(work: Path, rows: int, cache: Path, name: str = "batch", body: bool = False,
          extra: tuple[str, ...] = ()) -> tuple[float, float]:
    """Copies per second (wall, process start included) and CPU seconds per copy (all processes)."""
    source = batch_project(work, name, body)
    data = write_rows(source.parent.parent / "recipients.csv", rows)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _peak = run_child(["build", str(source), "--data", str(data), "-o", str(source.parent.parent / "out"),
                             *extra], cache)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return rows / wall, cpu / rows


def cluster_batch(work: Path, rows: int, cache: Path) -> float:
    """Copies per second through a Dask scheduler and two single-threaded workers on this machine
    (started before the clock starts; the client's own start and the project's transfer count)."""
    dask = Path(sys.executable).parent / "dask"
    file = work / "scheduler.json"
    env = {**os.environ, "BROCHURE_CACHE_DIR": str(cache)}
    common = ["--scheduler-file", str(file), "--no-dashboard"]
    processes = [subprocess.Popen([dask, "scheduler", *common, "--host", "127.0.0.1", "--port", "0"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        processes += [subprocess.Popen([dask, "worker", *common, "--nthreads", "1", "--no-nanny", "--host",
                                        "127.0.0.1", "--local-directory", str(work / "dask")], env=env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
        from distributed import Client

        with Client(scheduler_file=str(file), timeout=120) as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
        return batch(work, rows, cache, "cluster", extra=("--scheduler", address))[0]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=60)


def mailing(work: Path, rows: int, cache: Path) -> dict[str, object]:
    figures: dict[str, object] = {"batch_rows": rows}
    figures["batch_pdfs_per_s"], figures["batch_cpu_s_per_pdf"] = batch(work, rows, cache)
    figures["batch_full_layout_pdfs_per_s"], figures["batch_full_layout_cpu_s_per_pdf"] = batch(
        work, rows, cache, "batch-full", body=True)
    per_second, figures["batch_1000_cpu_s_per_pdf"] = batch(work, 1000, cache, "batch-1000")
    figures["batch_1000_rows_s"] = 1000 / per_second
    figures["cluster_pdfs_per_s"] = cluster_batch(work, rows, cache)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--mailing", action="store_true", help="only the personalised copies")
    parser.add_argument("--tagging", action="store_true", help="only what tagging the screen file costs")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    figures: dict[str, object] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.tagging:
            figures.update(tagging_cost(repeat * 3))
            _table(figures)
            print(json.dumps(figures, sort_keys=True))
            return
        if args.mailing:
            run_child(["build", str(BUNDLED), "-o", str(work / "warm.pdf"), "--profile", "screen"], work / "cache")
            figures.update(mailing(work, 60 if args.quick else 300, work / "cache"))
            _table(figures)
            print(json.dumps(figures, sort_keys=True))
            return
        figures.update(process_builds(work, repeat))
        figures["in_process_rebuild_s"] = in_process(repeat * 3)
        figures.update(tagging_cost(repeat * 3))
        warm_cache = work / "cold-cache-0"
        for size in (20, 100, 400):
            pages, seconds = generated(work, size, warm_cache)
            figures[f"generated_{size}_pages"] = pages
            figures[f"generated_{size}_s"] = seconds
            figures[f"generated_{size}_s_per_page"] = seconds / pages
        figures["output_bytes"] = output_sizes(work, warm_cache)
        figures.update(mailing(work, 60 if args.quick else 300, warm_cache))
    _table(figures)
    print(json.dumps(figures, sort_keys=True))


def _table(figures: dict[str, object]) -> None:
    targets = {"cold_build_s": 0.8, "warm_rebuild_s": 0.25, "edited_rebuild_s": 0.25, "in_process_rebuild_s": 0.05,
               "generated_400_s": 8.0, "peak_memory_mb": 200, "batch_pdfs_per_s": 60,
               "tagging_time_share": 0.25, "tagging_size_share": 0.25}
    print(f"{'figure':32} {'value':>12} {'target':>10}")
    for key, value in figures.items():
        if isinstance(value, dict):
            for name, size in value.items():
                print(f"{'size ' + name:32} {size / 1000:>10.0f} KB")
            continue
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        target = targets.get(key)
        mark = "" if target is None else (f"{target:>10}" + ("  ok" if _meets(key, value, target) else "  MISSED"))
        print(f"{key:32} {shown:>12} {mark}")


def _meets(key: str, value: object, target: float) -> bool:
    assert isinstance(value, (int, float))
    return value >= target if key.endswith("_per_s") else value <= target


if __name__ == "__main__":
    main()
