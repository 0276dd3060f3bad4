"""The hostile corpus (``cases.py``), each case run as a user would run it (``harness.py``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .cases import CASES
from .harness import Case, check_outcome, expected_pattern, fingerprint, prepare, run, temporary_files


def _marks(case: Case) -> list[pytest.MarkDecorator]:
    marks = []
    if case.slow or case.isolated or case.before:  # a child process each: a second or more
        marks.append(pytest.mark.slow)
    if case.owner:
        marks.append(pytest.mark.xfail(strict=False, reason=f"owner: {case.owner}"))
    if case.as_user:
        marks.append(pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"),
                                        reason="root is not stopped by permissions (no setpriv)"))
    if case.never_as_root:
        marks.append(pytest.mark.skipif(os.geteuid() == 0, reason="root may write into /"))
    return marks


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c.group}/{c.name}", marks=_marks(c)) for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    ws, brochure, brand = prepare(case, tmp_path)
    pattern = expected_pattern(case, ws, brochure, brand)
    inputs, temporaries = fingerprint(ws.project), temporary_files(tmp_path)
    try:
        outcome = run(case, ws)
        check_outcome(case, ws, outcome, pattern, inputs, temporaries)
    finally:
        for path in [tmp_path, *tmp_path.rglob("*")]:  # let pytest clean up what a case locked
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)


def test_the_corpus_is_large_and_names_are_unique() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 150
