from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from brochure_builder.cli import main
from brochure_builder.errors import ExitStatus

from .conftest import MINIMAL, ROOT


def test_build_with_no_arguments_builds_the_bundled_brochure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("brochure", "assets"):
        os.symlink(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == ExitStatus.SUCCESS
    assert (tmp_path / "output" / "lithuania.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "output" / "lithuania-print.pdf").read_bytes().startswith(b"%PDF-")
    out = capsys.readouterr().out
    assert "wrote output/lithuania.pdf (8 pages" in out and "wrote output/lithuania-print.pdf (8 pages" in out


def test_profile_and_imposition_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import BUNDLED

    target = tmp_path / "b.pdf"
    code = main(["build", str(BUNDLED), "-o", str(target), "--profile", "screen", "--imposition", "booklet"])
    assert code == ExitStatus.SUCCESS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b-booklet.pdf", "b.pdf"]


def test_content_error_is_reported_with_file_and_line(
    write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_brochure(MINIMAL.replace("title: Small", "titel: Small"))
    assert main(["build", str(source)]) == ExitStatus.CONTENT_ERROR
    err = capsys.readouterr().err
    assert f"error: {source}:6:3: cover.titel: unknown key 'titel'; did you mean 'title'?" in err
    assert f"error: {source}:5:1: cover.title: required but missing" in err
    assert "Traceback" not in err


def test_failed_build_keeps_the_previous_pdf_and_leaves_no_temporary_files(
    write_brochure: Callable[[str], Path], tmp_path: Path
) -> None:
    output = tmp_path / "out" / "brochure.pdf"
    source = write_brochure(MINIMAL)
    assert main(["build", str(source), "-o", str(output)]) == ExitStatus.SUCCESS
    before = output.read_bytes()
    write_brochure(MINIMAL.replace("kind: paragraph", "kind: nonsense"))
    assert main(["build", str(source), "-o", str(output)]) == ExitStatus.CONTENT_ERROR
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["brochure-print.pdf", "brochure.pdf"]


def test_unwritable_output_is_an_output_error(
    write_brochure: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code = main(["build", str(write_brochure(MINIMAL)), "-o", str(blocker / "x.pdf")])
    assert code == ExitStatus.OUTPUT_ERROR
    assert "cannot write" in capsys.readouterr().err


def test_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == ExitStatus.USAGE_ERROR


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999999999", "1e9", "-5"])
def test_a_source_date_epoch_no_pdf_date_can_hold_is_a_usage_error(
    write_brochure: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    epoch: str,
) -> None:
    """The reproducible builds' variable is checked: a time past 9999 (PDF dates have four
    digits of year) or not a count of seconds is said, not a crash (exit 70)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["build", str(write_brochure(MINIMAL))]) == ExitStatus.USAGE_ERROR
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err


def test_the_last_source_date_epoch_a_pdf_date_holds_builds(
    write_brochure: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pikepdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert main(["build", str(write_brochure(MINIMAL)), "-o", str(tmp_path / "late.pdf")]) == ExitStatus.SUCCESS
    with pikepdf.open(tmp_path / "late.pdf") as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:99991231235959")


def test_validate_checks_without_rendering(
    write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(write_brochure(MINIMAL))]) == ExitStatus.SUCCESS
    assert "valid" in capsys.readouterr().out


def test_bugs_are_not_shown_as_tracebacks_unless_asked(
    monkeypatch: pytest.MonkeyPatch, write_brochure: Callable[[str], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("brochure_builder.builder.load", broken)
    source = str(write_brochure(MINIMAL))
    assert main(["build", source]) == ExitStatus.INTERNAL_ERROR
    assert "Traceback" not in capsys.readouterr().err
    assert main(["--traceback", "build", source]) == ExitStatus.INTERNAL_ERROR
    assert "RuntimeError: boom" in capsys.readouterr().err


def test_the_command_as_a_process_returns_the_exit_status(tmp_path: Path) -> None:
    """``python -m brochure_builder`` (the ``brochure`` script's entry point) exits with main's code."""
    import subprocess
    import sys

    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: [\n", encoding="utf-8")
    for source, status in ((ROOT / "brochure" / "lithuania.yaml", ExitStatus.SUCCESS), (bad, ExitStatus.CONTENT_ERROR)):
        done = subprocess.run([sys.executable, "-m", "brochure_builder", "validate", str(source)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == status, done.stderr
    assert f"{bad}:" in done.stderr


def test_without_a_file_the_one_brochure_of_this_folder_is_built_into_its_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "mine"
    assert main(["new", str(project)]) == ExitStatus.SUCCESS
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(project)
    assert main(["build", "--profile", "screen"]) == ExitStatus.SUCCESS
    assert (project / "output" / "brochure.pdf").is_file()
    monkeypatch.chdir(elsewhere)  # a brochure named from another folder: its project's output/
    assert main(["build", str(project / "brochure.yaml"), "--profile", "screen"]) == ExitStatus.SUCCESS
    assert not (elsewhere / "output").exists()
    capsys.readouterr()
    assert main(["build"]) == ExitStatus.USAGE_ERROR
    assert "no brochure file in" in capsys.readouterr().err
    (project / "second.yaml").write_text((project / "brochure.yaml").read_text(), encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["validate"]) == ExitStatus.USAGE_ERROR
    err = capsys.readouterr().err
    assert "more than one brochure file" in err and "brochure.yaml" in err and "second.yaml" in err


def test_check_for_print_is_check_for_the_press(tmp_path: Path) -> None:
    from .conftest import BUNDLED

    assert main(["build", str(BUNDLED), "-o", str(tmp_path / "b.pdf"), "--profile", "print"]) == 0
    assert main(["check", "--for", "print", str(tmp_path / "b-print.pdf")]) == ExitStatus.SUCCESS
    assert main(["check", "--for", "paper", str(tmp_path / "b-print.pdf")]) == ExitStatus.USAGE_ERROR


def test_check_of_a_screen_file_for_the_press_hints_at_for_screen(
    bundled_pdf: Path, outputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    hint = f"{bundled_pdf} has no PDF/X output intent: it looks made for a screen, and these are the press's " \
           f"checks; to check it as a screen (email) file: brochure check --for screen {bundled_pdf}"
    assert main(["check", str(bundled_pdf)]) == ExitStatus.PREFLIGHT_FAILED
    assert hint in capsys.readouterr().out
    assert main(["check", "--for", "screen", str(bundled_pdf)]) == ExitStatus.SUCCESS
    assert main(["check", "--for", "press", str(bundled_pdf)]) == ExitStatus.PREFLIGHT_FAILED  # asked for: no hint
    assert main(["check", str(outputs["print"])]) == ExitStatus.SUCCESS
    assert "--for screen" not in capsys.readouterr().out


@pytest.mark.parametrize("name", ["part.yaml", "shares.csv"])
def test_output_naming_an_included_file_or_a_data_file_is_refused(
    write_brochure: Callable[[str], Path], project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Inputs read at load (an include, a chart's CSV) are inputs too: -o never replaces them."""
    folder = project / "brochure"
    (folder / "part.yaml").write_text("kind: paragraph\ntext: Included.\n", encoding="utf-8")
    (folder / "shares.csv").write_text("label,value\nA,1\nB,2\n", encoding="utf-8")
    blocks = ("      - include: part.yaml\n      - kind: chart\n        chart: bar\n        title: Shares\n"
              "        alt: Two bars.\n        source: Tests\n        data_from: shares.csv\n      - kind: paragraph\n")
    source = write_brochure(MINIMAL.replace("      - kind: paragraph\n", blocks, 1))
    before = (folder / name).read_bytes()
    assert main(["build", str(source), "-o", str(folder / name), "--profile", "screen"]) == ExitStatus.USAGE_ERROR
    assert f"{folder / name} is an input of this build" in capsys.readouterr().err
    assert (folder / name).read_bytes() == before


def test_a_build_whose_print_file_cannot_be_written_keeps_the_earlier_screen_file(
    write_brochure: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every target is checked before the first file is renamed into place."""
    source = write_brochure(MINIMAL)
    assert main(["build", str(source)]) == ExitStatus.SUCCESS
    out = source.parent.parent / "output"
    screen, printed = out / "test.pdf", out / "test-print.pdf"
    before = screen.read_bytes()
    printed.unlink()
    printed.mkdir()
    write_brochure(MINIMAL.replace("Hello", "Goodbye"))
    assert main(["build", str(source)]) == ExitStatus.OUTPUT_ERROR
    assert "not a regular file" in capsys.readouterr().err
    assert screen.read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("how", "status", "said"), [("SIGINT", 0, "stopped watching"), ("SIGTERM", 143, "terminated")])
def test_watch_ends_on_ctrl_c_with_0_and_on_sigterm_with_143(write_brochure: Callable[[str], Path], tmp_path: Path,
                                                            how: str, status: int, said: str) -> None:
    """Ctrl-C is how watching ends; SIGTERM is a stop from outside, as for any command."""
    import signal
    import subprocess
    import sys

    source = write_brochure(MINIMAL)
    process = subprocess.Popen([sys.executable, "-m", "brochure_builder", "watch", str(source), "-o",
                                str(tmp_path / "w.pdf")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        seen = []
        for line in process.stdout or []:  # until the first build is written
            seen.append(line)
            if "wrote" in line:
                break
        process.send_signal(getattr(signal, how))
        assert process.wait(timeout=60) == status
        rest = "".join(seen) + (process.stdout.read() if process.stdout else "")
        assert said in rest and "KeyboardInterrupt" not in rest, rest
    finally:
        process.kill()
        process.wait(timeout=60)
