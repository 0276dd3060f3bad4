"""Charts drawn ahead in a worker process: the same bytes, the same errors, never stuck."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from brochure_builder import cache
from brochure_builder.builder import build, build_all
from brochure_builder.charts import ahead, render
from brochure_builder.errors import ExitStatus
from brochure_builder.layout.profiles import PRINT, SCREEN
from brochure_builder.layout.story import chart_jobs
from brochure_builder.source.loading import load

from .conftest import BUNDLED, MINIMAL, brochure_command

CHART = """
      - kind: chart
        chart: bar
        title: Scores
        alt: Bar chart of two scores
        source: "Source: tests"
        height: 45
        data: [{ label: A, value: 2 }, { label: B, value: 3 }]
"""
IN_COLUMNS = MINIMAL.replace("""      - kind: paragraph
        text: Hello **world** & <friends>.
""", """      - kind: columns
        count: 3
        blocks:
""" + CHART.replace("\n      ", "\n          ") + CHART)


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(folder))
    cache.clear_memory()
    yield folder
    ahead.finish()
    cache.clear_memory()


@pytest.fixture
def drawn_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the charts the build drew in this process, not in the worker."""
    keys: list[str] = []
    real = render.chart_svg

    def spy(chart, style, width, height):  # type: ignore[no-untyped-def]
        if os.getpid() == parent:
            keys.append(render.chart_key(chart, style, width, height))
        return real(chart, style, width, height)

    parent = os.getpid()
    monkeypatch.setattr(render, "chart_svg", spy)
    return keys


def _bundled_charts() -> int:
    return len({job.key for job in chart_jobs(load(BUNDLED), SCREEN)})


def _requested(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    keys: list[str] = []
    real = render.chart_key
    monkeypatch.setattr(render, "chart_key", lambda *a: keys.append(real(*a)) or keys[-1])
    return keys


def test_the_worker_is_asked_for_exactly_the_charts_the_layout_draws(
    empty_cache: Path, write_brochure: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for source in (BUNDLED, write_brochure(IN_COLUMNS)):
        document = load(source)
        predicted = {job.key for profile in (SCREEN, PRINT) for job in chart_jobs(document, profile)}
        requested = _requested(monkeypatch)
        build_all(source, tmp_path / "out.pdf")
        assert predicted == set(requested) and len(predicted) >= 2
        monkeypatch.undo()


def test_charts_drawn_ahead_give_the_same_bytes_as_charts_drawn_in_line(
    empty_cache: Path, drawn_here: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = brochure_command(tmp_path / "other-cache", tmp_path / "ahead.pdf")
    assert f"charts drawn ahead by the chart worker: {_bundled_charts()}" in done.stdout, done.stdout + done.stderr
    monkeypatch.setattr(ahead, "_single_threaded", lambda: False)
    in_line = build(BUNDLED, tmp_path / "in-line.pdf").path.read_bytes()
    assert len(drawn_here) == _bundled_charts()
    assert (tmp_path / "ahead.pdf").read_bytes() == in_line


def test_an_error_in_the_worker_is_the_build_error(tmp_path: Path) -> None:
    broken = ("from brochure_builder.charts import kinds\n"
              "def broken(*_): raise RuntimeError('the bar chart broke')\n"
              "kinds.CHART_DRAWERS['bar'] = broken")
    done = brochure_command(tmp_path / "cache", tmp_path / "x.pdf", broken)
    assert done.returncode == ExitStatus.INTERNAL_ERROR
    assert "internal error" in done.stderr and not (tmp_path / "x.pdf").exists()
    done = brochure_command(tmp_path / "fresh-cache", tmp_path / "x.pdf", broken.replace("'bar'", "'unused'"))
    assert done.returncode == 0 and f"by the chart worker: {_bundled_charts()}" in done.stdout  # the worker's error


@pytest.mark.parametrize("death", ["os._exit(3)", "(connection.recv(), os._exit(3))",
                                   "(connection.recv(), __import__('time').sleep(3600))"],
                         ids=["before-the-jobs", "with-the-jobs", "hangs"])
def test_a_worker_that_dies_leaves_the_charts_to_the_build(tmp_path: Path, death: str) -> None:
    dies = (f"import os\nfrom brochure_builder.charts import ahead\nahead._serve = lambda connection: {death}\n"
            "ahead.PATIENCE_S = 0.5")
    done = brochure_command(tmp_path / "cache", tmp_path / "x.pdf", dies)
    assert done.returncode == 0, done.stderr
    assert "by the chart worker: 0" in done.stdout and (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


def test_the_worker_starts_early_only_when_the_last_build_left_charts_to_draw(
    empty_cache: Path, write_brochure: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ahead, "_single_threaded", lambda: True)  # numpy's threads may run here
    source = write_brochure(MINIMAL.replace("text: Hello **world** & <friends>.\n", "text: Hello.\n" + CHART))
    ahead.start_early(source)  # never built: start
    assert ahead._worker is not None
    build(source, tmp_path / "x.pdf")
    assert ahead._worker is None  # finished with the build
    ahead.start_early(source)  # everything it drew last time is cached
    assert ahead._worker is None
    cache.clear_memory()
    for entry in empty_cache.glob("*.entry"):
        entry.unlink()
    ahead.start_early(source)  # the cache was emptied
    assert ahead._worker is not None
    ahead.finish()
    ahead.start_early(write_brochure(MINIMAL, "no-charts.yaml"))  # nothing to draw
    assert ahead._worker is None


def test_a_new_chart_title_keeps_the_drawing_and_new_data_does_not(write_brochure: Callable[..., Path]) -> None:
    def keys(text: str) -> set[str]:
        return {job.key for job in chart_jobs(load(write_brochure(text)), SCREEN)}

    source = MINIMAL.replace("text: Hello **world** & <friends>.\n", "text: Hello.\n" + CHART)
    assert keys(source) == keys(source.replace("title: Scores", "title: Other scores"))
    assert keys(source) != keys(source.replace("value: 3", "value: 4"))


def test_the_worker_draws_every_chart_kind_as_the_build_would(
    empty_cache: Path, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from brochure_builder.source.chartdata import CHART_KINDS

    from .conftest import FIXTURES

    for file in (FIXTURES / "charts").iterdir():
        shutil.copy(file, project / "brochure" / file.name)
    source = project / "brochure" / "every-chart.yaml"
    jobs = chart_jobs(load(source), SCREEN)
    assert {job.chart.kind for job in jobs} == set(CHART_KINDS)
    worker = ahead._Worker()  # the jobs travel through the pipe: every spec and style field pickles
    try:
        worker.ask(jobs)
        for job in jobs:
            assert worker.take(job.key) == render.chart_svg(job.chart, job.style, job.width, job.height), job.chart.kind
    finally:
        worker.stop()
    predicted = {job.key for profile in (SCREEN, PRINT) for job in chart_jobs(load(source), profile)}
    requested = _requested(monkeypatch)
    build_all(source, tmp_path / "out.pdf")
    assert predicted == set(requested)
