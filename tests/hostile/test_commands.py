"""``watch`` keeps watching whatever a save does; ``new`` leaves nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure_builder.watch import build_once


def test_a_bug_in_a_rebuild_is_reported_and_the_watch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("brochure_builder.builder.build_all", broken)
    reports: list[tuple[str, bool]] = []
    assert build_once(tmp_path / "x.yaml", None, lambda message, bad: reports.append((message, bad))) is False
    assert reports and reports[0][1] and "internal error" in reports[0][0] and "last good PDF" in reports[0][0]


def test_new_that_cannot_finish_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from brochure_builder import scaffold
    from brochure_builder.errors import OutputError

    def full(folder: Path) -> list[Path]:
        (folder / "half.yaml").write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scaffold, "_write_project", full)
    with pytest.raises(OutputError, match="No space left"):
        scaffold.scaffold(tmp_path / "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
